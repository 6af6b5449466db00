using Storyline.Entities.Geo;
using Storyline.Entities.Text;

namespace Storyline.Entities;

/// <summary>
/// Country of an organisation from its name: a government institution known by a metonym ("Kremlin"),
/// a country name or demonym inside the name ("Bank of Japan", "Canadian National Railway"), or,
/// weakest, a large town that dominates its name in the gazetteer ("University of Cambridge").
/// </summary>
internal static class OrgCountries
{
    /// <summary>Institutions named without their country (general knowledge, not tied to any text).</summary>
    private static readonly Dictionary<string, string> Institutions = new(StringComparer.Ordinal)
    {
        ["kremlin"] = "RU", ["duma"] = "RU", ["state duma"] = "RU", ["fsb"] = "RU", ["gazprom"] = "RU", ["rosneft"] = "RU",
        ["white house"] = "US", ["pentagon"] = "US", ["state department"] = "US", ["capitol hill"] = "US",
        ["federal reserve"] = "US", ["fbi"] = "US", ["cia"] = "US", ["nasa"] = "US", ["us congress"] = "US",
        ["downing street"] = "GB", ["whitehall"] = "GB", ["foreign office"] = "GB", ["bank of england"] = "GB",
        ["scotland yard"] = "GB", ["mi5"] = "GB", ["mi6"] = "GB", ["nhs"] = "GB", ["house of commons"] = "GB", ["house of lords"] = "GB",
        ["elysee"] = "FR", ["elysee palace"] = "FR", ["quai d orsay"] = "FR", ["matignon"] = "FR",
        ["bundestag"] = "DE", ["bundesbank"] = "DE", ["bundeswehr"] = "DE",
        ["knesset"] = "IL", ["mossad"] = "IL", ["idf"] = "IL", ["shin bet"] = "IL",
        ["zhongnanhai"] = "CN", ["xinhua"] = "CN", ["pla"] = "CN", ["politburo"] = "CN",
        ["lok sabha"] = "IN", ["rajya sabha"] = "IN", ["blue house"] = "KR", ["diet"] = "JP", ["kantei"] = "JP",
        ["bundesrat"] = "DE", ["verkhovna rada"] = "UA", ["sejm"] = "PL", ["storting"] = "NO", ["riksdag"] = "SE",
    };

    private const int MaxNgram = 4;
    /// <summary>A town in an organisation's name counts only if this big...</summary>
    private const int MinTownPopulation = 100_000;
    /// <summary>...and at least this many times bigger than any namesake in another country.</summary>
    private const double TownDominance = 3.0;

    /// <summary>Country of an institution known by a metonym ("Kremlin", "White House"), whatever type NER gave it.</summary>
    public static string? Institution(string name) => Institutions.GetValueOrDefault(Grouping.NameForms.OrgKey(name));

    /// <summary>Country code from the name, and whether it came only from a town (weaker evidence).</summary>
    public static (string? Code, bool FromTown) FromName(Gazetteer g, string name, IReadOnlyDictionary<string, int>? documentCountries = null)
    {
        var key = Grouping.NameForms.OrgKey(name);
        if (Institutions.TryGetValue(key, out var inst)) return (inst, false);
        var words = Grouping.NameForms.Clean(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // Country names and demonyms, longest n-gram first.
        for (int len = Math.Min(MaxNgram, words.Length); len >= 1; len--)
            for (int s = 0; s + len <= words.Length; s++)
            {
                var part = string.Join(' ', words, s, len);
                if (!TextNorm.IsCapitalised(part)) continue;
                if (g.CountryByName(part) is { } c && (len > 1 || part.Length > 2 || TextNorm.IsAcronym(part))) return (c.Code, false);
                if (len == 1 && g.CountryByDemonym(part) is { } d) return (d.Code, false);
            }
        // A dominant big town.
        for (int len = Math.Min(MaxNgram, words.Length); len >= 1; len--)
            for (int s = 0; s + len <= words.Length; s++)
            {
                var part = string.Join(' ', words, s, len);
                if (!TextNorm.IsCapitalised(part) || TextNorm.IsAcronym(part)) continue;
                if (DominantTown(g, part, documentCountries) is { } cc) return (cc, true);
            }
        return (null, false);
    }

    private static string? DominantTown(Gazetteer g, string part, IReadOnlyDictionary<string, int>? documentCountries)
    {
        int best = -1; int bestPop = 0, otherPop = 0;
        string? inDocument = null; int inDocumentVotes = 0;
        foreach (var c in g.Lookup(part))
        {
            if (c.Kind != GeoKind.City || c.Alias) continue;
            // Without a dominant namesake, the document's own places decide ("University of Cambridge" in a British story).
            if (g.CityPop[c.Index] >= MinTownPopulation && g.CityCountry[c.Index] >= 0 && documentCountries is not null
                && documentCountries.TryGetValue(g.Countries[g.CityCountry[c.Index]].Code, out var v) && v > inDocumentVotes)
            { inDocument = g.Countries[g.CityCountry[c.Index]].Code; inDocumentVotes = v; }
            int pop = g.CityPop[c.Index];
            if (pop > bestPop)
            {
                if (best >= 0 && g.CityCountry[best] != g.CityCountry[c.Index]) otherPop = Math.Max(otherPop, bestPop);
                best = c.Index; bestPop = pop;
            }
            else if (g.CityCountry[c.Index] != g.CityCountry[best]) otherPop = Math.Max(otherPop, pop);
        }
        if (best < 0 || bestPop < MinTownPopulation || g.CityCountry[best] < 0) return null;
        if (bestPop < TownDominance * otherPop) return inDocument;
        return g.Countries[g.CityCountry[best]].Code;
    }
}
