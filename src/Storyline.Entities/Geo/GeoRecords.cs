namespace Storyline.Entities.Geo;

/// <summary>A country or territory (GeoNames countryInfo joined with mledoze/countries).</summary>
/// <param name="Code">ISO 3166-1 alpha-2.</param>
/// <param name="Name">GeoNames short English name ("United States", "China"; "Netherlands", "Palestine" overridden); the name Storyline outputs.</param>
public sealed record Country(
    string Code, string Iso3, string Name, string OfficialName, double Lat, double Lon,
    long Population, long GeonameId, string Continent, string? Capital,
    string[] Aliases, string[] Demonyms);

/// <summary>A first-level administrative division (state, province, region).</summary>
/// <param name="Code">"US.TX": ISO country code and GeoNames admin1 code.</param>
/// <param name="Lat">Population-weighted centroid of the division's towns in cities15000 (approximate; GeoNames admin1 rows carry no coordinates).</param>
public sealed record Admin1(string Code, string CountryCode, string Name, string AsciiName, long GeonameId, double? Lat, double? Lon);

/// <summary>A continent or world region ("Europe", "Middle East"); no coordinates or country.</summary>
public sealed record Region(string Name, string[] Aliases);

/// <summary>What a name in the index points at.</summary>
public enum GeoKind : byte { Country, Admin1, City, Region }

/// <summary>One candidate for a name: kind + index into that kind's table; <see cref="Alias"/> when matched through an alternate name.</summary>
public readonly record struct GeoCandidate(GeoKind Kind, int Index, bool Alias);
