namespace Storyline.Entities.Geo;

/// <summary>
/// Continents and world regions news text names as places. They are not in cities15000/admin1/countryInfo,
/// and without them "Europe" would be mis-resolved to a town of that alternate name.
/// </summary>
internal static class Regions
{
    public static readonly Region[] All =
    [
        new("Europe", []), new("Asia", []), new("Africa", []), new("North America", []), new("South America", []),
        new("Latin America", []), new("Central America", []), new("Oceania", []), new("Antarctica", []),
        new("Middle East", ["Mideast"]), new("Caribbean", []), new("Southeast Asia", ["South-East Asia"]),
        new("East Asia", []), new("South Asia", []), new("Central Asia", []), new("West Africa", []),
        new("East Africa", []), new("North Africa", []), new("Southern Africa", []), new("Sub-Saharan Africa", []),
        new("Scandinavia", []), new("Balkans", ["the Balkans"]), new("Eastern Europe", []), new("Western Europe", []),
        new("Persian Gulf", ["Gulf"]), new("Sahel", []), new("Arctic", ["Arctic Ocean"]), new("Pacific", ["Pacific Ocean"]), new("Atlantic", ["Atlantic Ocean"]),
        new("Indian Ocean", []), new("Mediterranean", ["Mediterranean Sea"]),
        new("Asia-Pacific", ["Asia Pacific"]), new("Horn of Africa", []), new("Indo-Pacific", []),
        new("Earth", ["the world", "World"]),
    ];
}
