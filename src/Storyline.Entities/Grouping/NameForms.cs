using Storyline.Entities.Roles;
using Storyline.Entities.Text;

namespace Storyline.Entities.Grouping;

/// <summary>Clean forms of a mention's text used for grouping and canonical names.</summary>
internal static class NameForms
{
    // Company-form suffixes ignored when matching and in cross-document keys ("Apple Inc." = "Apple").
    private static readonly HashSet<string> CorporateSuffixes = new(StringComparer.Ordinal)
    {
        "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "plc", "ag", "sa", "nv",
        "se", "spa", "gmbh", "bv", "ab", "asa", "oyj", "kk", "lp", "llp", "holdings", "group",
    };

    private static readonly HashSet<string> NameSuffixes = new(StringComparer.Ordinal) { "jr", "sr", "ii", "iii", "iv" };

    // Words too generic to stand for a longer organisation name on their own ("the Bank" is not "Bank of Japan").
    private static readonly HashSet<string> GenericOrgWords = new(StringComparer.Ordinal)
    {
        "bank", "ministry", "department", "university", "party", "council", "commission", "court", "agency", "office",
        "national", "international", "united", "general", "federal", "central", "royal", "new", "state", "world",
        "american", "european", "global", "first", "association", "union", "institute", "center", "centre", "group",
        "fund", "board", "authority", "service", "organization", "organisation", "committee", "company", "city",
    };

    private static readonly HashSet<string> AcronymStopWords = new(StringComparer.Ordinal) { "of", "the", "and", "for", "de", "du", "des", "la", "le", "el", "y", "et", "on", "in", "&" };

    /// <summary>Surface without possessive, surrounding quotes and a leading lower-case "the".</summary>
    public static string Clean(string text)
    {
        var s = text.Trim().Trim('"', '\u201C', '\u201D');
        if (s.EndsWith("'s", StringComparison.Ordinal) || s.EndsWith("\u2019s", StringComparison.Ordinal)) s = s[..^2];
        else if (s.EndsWith('\'') || s.EndsWith('\u2019')) s = s[..^1];
        if (s.StartsWith("the ", StringComparison.Ordinal)) s = s[4..];
        return s.Trim();
    }

    /// <summary>A person's name without courtesy titles and leading role words ("Mrs. Merkel" → "Merkel", "President Joe Biden" → "Joe Biden").</summary>
    public static string PersonName(string text)
    {
        var words = Clean(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && (RoleLexicon.Honorifics.Contains(words[0]) || RoleLexicon.IsHead(words[0]) || RoleLexicon.IsModifier(words[0])))
            words.RemoveAt(0);
        return string.Join(' ', words);
    }

    /// <summary>Folded lower-case tokens of a person name, without generational suffixes.</summary>
    public static string[] PersonTokens(string name)
    {
        // Split on spaces only: a hyphenated name is one token ("Jean-Pierre" → "jeanpierre"), so it can stand alone as the surname.
        var toks = name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                       .Select(t => TextNorm.Key(t).Replace(" ", "", StringComparison.Ordinal)).Where(t => t.Length > 0).ToList();
        while (toks.Count > 1 && NameSuffixes.Contains(toks[^1])) toks.RemoveAt(toks.Count - 1);
        return [.. toks];
    }

    /// <summary>Matching key of an organisation: folded, no leading "the", no company-form suffix.</summary>
    public static string OrgKey(string text)
    {
        var toks = TextNorm.Key(Clean(text)).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (toks.Count > 1 && toks[0] == "the") toks.RemoveAt(0);
        while (toks.Count > 1 && CorporateSuffixes.Contains(toks[^1])) toks.RemoveAt(toks.Count - 1);
        return string.Join(' ', toks);
    }

    public static bool IsGenericOrgWord(string keyToken) => GenericOrgWords.Contains(keyToken);

    /// <summary>Initialisms a long name may be abbreviated to: content words ("ECB") and all words ("BOJ" for Bank of Japan).</summary>
    public static IEnumerable<string> Initialisms(string name)
    {
        var words = Clean(name).Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.', ',', '(', ')')).Where(w => w.Length > 0).ToList();
        if (words.Count < 2) yield break;
        var all = string.Concat(words.Select(w => char.ToUpperInvariant(TextNorm.FoldChar(w[0]))));
        var content = string.Concat(words.Where(w => !AcronymStopWords.Contains(w.ToLowerInvariant())).Select(w => char.ToUpperInvariant(TextNorm.FoldChar(w[0]))));
        yield return content;
        if (all != content) yield return all;
        // Without a company-form suffix: "Toyota Motor Corp." → "TM".
        var key = OrgKey(name).Split(' ');
        if (key.Length >= 2 && key.Length < words.Count)
            yield return string.Concat(key.Where(w => !AcronymStopWords.Contains(w)).Select(w => char.ToUpperInvariant(w[0])));
    }

    /// <summary>Letters of an acronym mention ("U.S." → "US", "AT&amp;T" → "ATT").</summary>
    public static string AcronymLetters(string text) => string.Concat(Clean(text).Where(char.IsLetter)).ToUpperInvariant();
}
