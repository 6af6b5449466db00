namespace Storyline.Entities.Geo;

/// <summary>
/// Associated Press state abbreviations ("Paris, Tex.", "Springfield, Ill.") and two-letter postal codes,
/// mapped to GeoNames admin1 codes. GeoNames US admin1 codes are the postal codes themselves.
/// </summary>
internal static class UsStateAbbreviations
{
    /// <summary>AP style abbreviation key (folded, no dot) → admin1 code ("US.IL", "CA.08").</summary>
    public static readonly Dictionary<string, string> Ap = new(StringComparer.Ordinal)
    {
        ["ala"] = "US.AL", ["ariz"] = "US.AZ", ["ark"] = "US.AR", ["calif"] = "US.CA", ["colo"] = "US.CO",
        ["conn"] = "US.CT", ["del"] = "US.DE", ["fla"] = "US.FL", ["ga"] = "US.GA", ["ill"] = "US.IL",
        ["ind"] = "US.IN", ["kan"] = "US.KS", ["kans"] = "US.KS", ["ky"] = "US.KY", ["la"] = "US.LA", ["md"] = "US.MD",
        ["mass"] = "US.MA", ["mich"] = "US.MI", ["minn"] = "US.MN", ["miss"] = "US.MS", ["mo"] = "US.MO",
        ["mont"] = "US.MT", ["neb"] = "US.NE", ["nev"] = "US.NV", ["nh"] = "US.NH", ["nj"] = "US.NJ",
        ["nm"] = "US.NM", ["ny"] = "US.NY", ["nc"] = "US.NC", ["nd"] = "US.ND", ["okla"] = "US.OK",
        ["ore"] = "US.OR", ["pa"] = "US.PA", ["ri"] = "US.RI", ["sc"] = "US.SC", ["sd"] = "US.SD",
        ["tenn"] = "US.TN", ["tex"] = "US.TX", ["vt"] = "US.VT", ["va"] = "US.VA", ["wash"] = "US.WA",
        ["wva"] = "US.WV", ["wis"] = "US.WI", ["wyo"] = "US.WY", ["dc"] = "US.DC",
        ["ont"] = "CA.08", ["que"] = "CA.10", ["bc"] = "CA.02", ["alta"] = "CA.01", ["sask"] = "CA.11", ["ns"] = "CA.07",
    };

    public static readonly string[] Postal =
    [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
        "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC",
        "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
    ];
}
