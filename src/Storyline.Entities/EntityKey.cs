using Storyline.Core;
using Storyline.Entities.Grouping;
using Storyline.Entities.Text;

namespace Storyline.Entities;

/// <summary>
/// Cross-document merge key: normalised canonical name + type + country (issue 4: "merged across documents
/// of the store by canonical name + type + affiliation"). Pure and deterministic, e.g.
/// <c>"angela merkel|PER|DE"</c>, <c>"toyota motor|ORG|JP"</c> (company-form suffixes dropped), <c>"ecb|ORG|"</c>.
/// </summary>
public static class EntityKey
{
    /// <summary>The key of an entity; the store lists entities across documents grouped by it.</summary>
    public static string Of(Entity e) => Of(e.Name, e.Type, e.CountryCode);

    /// <summary>The key from its parts; <paramref name="countryCode"/> is ISO alpha-2 or null.</summary>
    public static string Of(string name, string type, string? countryCode)
    {
        var n = type == "ORG" || type == "MISC" ? NameForms.OrgKey(name) : TextNorm.Key(type == "PER" ? NameForms.PersonName(name) : NameForms.Clean(name));
        return n + "|" + type + "|" + (countryCode?.ToUpperInvariant() ?? "");
    }
}
