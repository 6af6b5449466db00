namespace Storyline.Time.Grammar;

internal sealed partial class Parser
{
    /// <summary>Tense markers this many tokens further away on the right than the nearest on the left still lose.</summary>
    private const int LeftBias = 1;
    /// <summary>How far back an auxiliary is looked for before a participle ("will be held").</summary>
    private const int AuxWindow = 3;

    /// <summary>Abbreviations whose period does not end a sentence.</summary>
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "jr", "sr",
        "inc", "corp", "co", "ltd", "no", "vs", "prof", "rev", "ft", "mt", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "u", "s",
        "m", "a", "p", "e", "i", "etc", "approx", "est", "dept", "univ", "assn", "bros", "pres", "gov't", "calif", "fla", "mass",
        "conn", "ill", "wash", "ariz", "colo", "mich", "minn", "tenn", "va", "pa", "n", "y",
    };

    /// <summary>Words ending in "ed" that are not past forms.</summary>
    private static readonly HashSet<string> NotPast = new(StringComparer.OrdinalIgnoreCase)
    {
        "need", "needs", "feed", "seed", "speed", "bleed", "breed", "proceed", "exceed", "succeed", "hundred", "bed", "red",
        "shed", "wed", "embed", "indeed", "weed", "greed", "creed", "sled", "deed", "reed", "steed", "heed", "naked", "wicked",
        "sacred", "kindred", "beloved", "aged", "learned", "alleged", "based", "united", "limited", "related", "interested",
        "concerned", "advanced", "detailed", "experienced", "qualified", "talented", "supposed", "used", "ed", "ted", "fred",
        "ned", "med", "ahmed", "mohammed", "muhammed", "mohamed", "ahmad", "speed", "armed", "skilled", "unprecedented", "expected",
        "scheduled",
    };

    /// <summary>
    /// Reporting verbs give the time of reporting, not of the event ("will meet Friday, officials said"); they count
    /// only right next to the expression ("said Friday") or when the sentence has no other marker.
    /// </summary>
    private static readonly HashSet<string> Reporting = new(StringComparer.OrdinalIgnoreCase)
    {
        "said", "says", "say", "told", "tells", "added", "adds", "announced", "reported", "stated", "noted", "explained",
        "insisted", "warned", "claimed", "acknowledged", "confirmed", "declared", "argued", "wrote", "writes", "quoted",
    };

    /// <summary>A reporting verb this close to the expression is its own verb ("said Friday").</summary>
    private const int ReportingReach = 2;

    private static readonly HashSet<string> Modals = new(StringComparer.OrdinalIgnoreCase)
    {
        "will", "would", "shall", "should", "may", "might", "could", "can", "must", "ll", "to",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationsLookup = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ReportingLookup = Reporting.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotPastLookup = NotPast.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ModalsLookup = Modals.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>First token of the sentence containing token i.</summary>
    private int SentenceStartOf(int i)
    {
        for (int k = i; k > 0; k--)
        {
            if (_t[k].LineBefore) return k;
            if (IsSentenceEnd(k - 1) && (_t[k].Capitalized || _t[k].Kind != TokKind.Word)) return k;
        }
        return 0;
    }

    /// <summary>One past the last token of the sentence containing token i.</summary>
    private int SentenceEndOf(int i)
    {
        for (int k = i + 1; k < _n; k++)
        {
            if (_t[k].LineBefore) return k;
            if (IsSentenceEnd(k - 1) && (_t[k].Capitalized || _t[k].Kind != TokKind.Word) && _t[k].SpaceBefore) return k;
        }
        return _n;
    }

    private bool IsSentenceEnd(int k)
    {
        if (k < 0 || _t[k].Kind != TokKind.Punct) return false;
        char c = _t[k].Char;
        if (c is '!' or '?') return true;
        if (c != '.') return false;
        if (k > 0 && IsWord(k - 1) && Adj(k) && AbbreviationsLookup.Contains(Span(k - 1))) return false;
        return true;
    }

    /// <summary>
    /// The tense of the clause around tokens [first, end): the nearest verbal marker, looking left first.
    /// Tokens inside other expressions (<paramref name="masked"/>) are skipped.
    /// </summary>
    public Tense TenseAround(int first, int end, bool[]? masked)
    {
        // "as soon as Tuesday", "as early as next week" look ahead
        if (W(first - 3, "as") && (W(first - 2, "soon") || W(first - 2, "early")) && W(first - 1, "as")) return Tense.Future;
        int s = SentenceStartOf(first);
        int e = SentenceEndOf(Math.Max(first, end - 1));
        Tense left = Tense.None, right = Tense.None, fallback = Tense.None;
        int leftDist = int.MaxValue, rightDist = int.MaxValue, fallbackDist = int.MaxValue;
        for (int k = first - 1; k >= s; k--)
        {
            if (masked is not null && masked[k]) continue;
            var t = MarkerAt(k);
            if (t == Tense.None) continue;
            int d = first - k;
            if (d > ReportingReach && IsReporting(k))
            {
                if (d < fallbackDist) { fallback = t; fallbackDist = d; }
                continue;
            }
            left = t; leftDist = d;
            break;
        }
        for (int k = end; k < e; k++)
        {
            if (masked is not null && masked[k]) continue;
            var t = MarkerAt(k);
            if (t == Tense.None) continue;
            int d = k - end + 1;
            if (d > ReportingReach && IsReporting(k))
            {
                if (d < fallbackDist) { fallback = t; fallbackDist = d; }
                continue;
            }
            right = t; rightDist = d;
            break;
        }
        if (left == Tense.None && right == Tense.None) return fallback;
        if (left == Tense.None) return right;
        if (right == Tense.None) return left;
        return leftDist <= rightDist + LeftBias ? left : right;
    }

    private bool IsReporting(int k) => IsWord(k) && ReportingLookup.Contains(Span(k));

    /// <summary>The tense a word marks, resolving participles through their auxiliaries ("will be held" is future).</summary>
    private Tense MarkerAt(int k)
    {
        if (!IsWord(k)) return Tense.None;
        // intentions and schedules: "set to resume", "poised to", "plans to", "planned a rally"
        if ((W(k, "set") || W(k, "poised") || W(k, "due")) && W(k + 1, "to") && !W(k - 1, "was") && !W(k - 1, "were")) return Tense.Future;
        if ((W(k, "plan") || W(k, "plans") || W(k, "planned") || W(k, "planning")) && (W(k + 1, "to") || W(k + 1, "a") || W(k + 1, "an")))
            return Tense.Future;
        var lex = _t[k].Lex;
        Tense t = Tense.None;
        bool participleLike = false;
        if (lex is not null && lex.Is(LexFlags.Verb))
        {
            t = lex.Tense;
            // "won't", "'ll", "'s" handled by their context
            if (lex.Word == "won" && P(k + 1, '\'') && W(k + 2, "t")) return Tense.Future;
            if (lex.Word == "ll" && !P(k - 1, '\'')) return Tense.None;
            if (lex.Word == "wo" && !(P(k + 1, '\'') || W(k + 1, "n"))) return Tense.None;
            if (lex.Word == "going") return W(k + 1, "to") ? Tense.Future : Tense.None;
            if (t == Tense.Past) participleLike = lex.Word is not ("was" or "were" or "did" or "said" or "had");
            if (t == Tense.Future && lex.Word is "expected" or "scheduled" or "slated")
            {
                // "was expected to" is past; "is expected to" / "expected to" look ahead
                if (W(k - 1, "was") || W(k - 1, "were") || W(k - 1, "had")) return Tense.Past;
                return (W(k + 1, "to") || W(k + 1, "for")) ? Tense.Future : Tense.None;
            }
            if (t == Tense.Present && (lex.Word is "is" or "are" or "am") && W(k + 1, "to")) return Tense.Future;
        }
        else
        {
            var span = _text.AsSpan(_t[k].Start, _t[k].Length);
            if (span.Length >= 4 && span.EndsWith("ed", StringComparison.Ordinal) && !NotPastLookup.Contains(span))
            {
                // proper names ending in -ed are capitalised mid-sentence
                if (_t[k].Capitalized && !IsSentenceStart(k)) return Tense.None;
                t = Tense.Past;
                participleLike = true;
            }
        }
        if (t == Tense.None) return t;
        if (participleLike)
        {
            // look back for an auxiliary: "will be held" (future), "has been delayed" (past), "is expected" (present)
            for (int a = k - 1; a >= Math.Max(0, k - AuxWindow); a--)
            {
                if (!IsWord(a)) break;
                var al = _text.AsSpan(_t[a].Start, _t[a].Length);
                if (al.EndsWith("ly", StringComparison.OrdinalIgnoreCase) || al.Equals("not", StringComparison.OrdinalIgnoreCase)) continue;
                if (al.Equals("be", StringComparison.OrdinalIgnoreCase))
                {
                    for (int b = a - 1; b >= Math.Max(0, a - AuxWindow); b--)
                    {
                        if (!IsWord(b)) break;
                        if (ModalsLookup.Contains(Span(b))) return Tense.Future;
                    }
                    return Tense.Future;
                }
                if (al.Equals("is", StringComparison.OrdinalIgnoreCase) || al.Equals("are", StringComparison.OrdinalIgnoreCase) || al.Equals("am", StringComparison.OrdinalIgnoreCase)) return Tense.Present;
                if (al.Equals("was", StringComparison.OrdinalIgnoreCase) || al.Equals("were", StringComparison.OrdinalIgnoreCase)) return Tense.Past;
                if (al.Equals("will", StringComparison.OrdinalIgnoreCase) || al.Equals("ll", StringComparison.OrdinalIgnoreCase)) return Tense.Future;
                if (al.Equals("been", StringComparison.OrdinalIgnoreCase) || al.Equals("has", StringComparison.OrdinalIgnoreCase) || al.Equals("have", StringComparison.OrdinalIgnoreCase) || al.Equals("had", StringComparison.OrdinalIgnoreCase)) return Tense.Past;
                break;
            }
        }
        return t;
    }
}
