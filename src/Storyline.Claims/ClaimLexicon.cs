namespace Storyline.Claims;

/// <summary>
/// General English news vocabulary the claim analysis and the detector need: negation and denial cues, hedges,
/// verbs that only introduce a statement, verb groups that mean the same act, and classes of words that exclude
/// each other ("civilian" vs "military"). Not tied to any text.
/// </summary>
internal static class ClaimLexicon
{
    private static HashSet<string> Set(string words) =>
        new(words.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    /// <summary>Negators on a predicate ("not", "never", "n't").</summary>
    public static readonly HashSet<string> Negators = Set("not n't never no nobody none neither nor nothing nowhere");

    /// <summary>Verbs whose complement is asserted false: "denied that …", "rejected claims that …".</summary>
    public static readonly HashSet<string> DenialVerbs = Set("""
        deny refute reject dismiss disprove contradict dispute rebut debunk disavow repudiate
        """);

    /// <summary>True for a cue that denies what it introduces ("denied", "rejects", "refuting"), whatever its inflection.</summary>
    public static bool IsDenialCue(string? cue)
    {
        if (string.IsNullOrWhiteSpace(cue)) return false;
        var w = cue.Trim().ToLowerInvariant();
        int sp = w.IndexOf(' ');
        if (sp > 0) w = w[..sp];
        if (DenialVerbs.Contains(w)) return true;
        foreach (var (suffix, repl) in new[] { ("ied", "y"), ("ies", "y"), ("ying", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("d", "") })
            if (w.EndsWith(suffix, StringComparison.Ordinal) && DenialVerbs.Contains(w[..^suffix.Length] + repl)) return true;
        return false;
    }

    /// <summary>Verbs that introduce a statement; the claim is their complement ("said that X", "insisted X").</summary>
    public static readonly HashSet<string> SpeechVerbs = Set("""
        say tell state add insist claim assert maintain argue note declare announce confirm stress reiterate
        explain believe think allege contend suggest warn acknowledge admit report write testify recall
        conclude find show indicate accuse
        """);

    /// <summary>Cues that describe what something is: "called it X", "described the craft as X", "labelled it X".</summary>
    public static readonly HashSet<string> DescriptionVerbs = Set("""
        call describe label brand term dub deem consider characterize characterise portray depict classify identify
        """);

    /// <summary>Cues that charge someone with an act: "accused X of flying …", "blamed X for starting …".</summary>
    public static readonly HashSet<string> AccusationVerbs = Set("accuse blame charge suspect indict condemn criticize criticise fault");

    /// <summary>Passive verbs whose "for" phrase states what the subject is for ("was used for surveillance").</summary>
    public static readonly HashSet<string> PurposeVerbs = Set("use design intend build mean make deploy equip develop");

    /// <summary>
    /// Nouns whose content clause the holder commits to ("their conclusion that X", "our assessment that X"): inside a
    /// statement, the clause is one more claim of the same speaker.
    /// </summary>
    public static readonly HashSet<string> CommitmentNouns = Set("""
        conclusion assessment finding determination judgment judgement belief view evaluation understanding position conviction
        """);

    /// <summary>Verbs that put a commitment noun in doubt ("rejected the conclusion that …"): its clause is then not asserted.</summary>
    public static readonly HashSet<string> DoubtVerbs = Set("""
        deny refute reject dismiss disprove contradict dispute rebut debunk disavow repudiate question challenge doubt contest
        """);

    /// <summary>Modal and adverbial hedges: the claim is a possibility, not an assertion.</summary>
    public static readonly HashSet<string> Hedges = Set("may might could perhaps possibly maybe probably likely unlikely if whether");

    /// <summary>Words too general to name what a claim is about.</summary>
    public static readonly HashSet<string> Stop = Set("""
        be have do say get make go take thing way time year day people one lot kind part fact case
        it this that these those there here he she they we you i who what which
        """);

    /// <summary>
    /// Verbs (lemma phrases) for who caused or broke something: a conflict on one of these is a "responsibility" conflict.
    /// </summary>
    public static readonly HashSet<string> Responsibility = Set("""
        responsible blame fault cause violate breach break infringe attack strike bomb shell shoot fire launch
        hack carry_out commit orchestrate perpetrate plant start provoke instigate kill murder sabotage
        """);

    /// <summary>Verb groups treated as one act when comparing claims (first word is the group name).</summary>
    private static readonly string[] Groups =
    [
        "kill murder slay assassinate execute die",
        "violate breach break infringe contravene flout",
        "attack strike bomb shell hit raid",
        "shoot fire",
        "send fly launch dispatch deploy",
        "meet talk hold",
        "hack infiltrate breach",
        "cause trigger spark provoke",
        "support back endorse",
        "win secure",
        "injure wound hurt",
        "arrest detain",
        "sell supply provide",
        "cancel scrap call_off",
        "postpone delay defer",
        "visit tour",
        "cut reduce lower",
        "raise increase boost",
        "leak release publish",
        "own control",
        "lie mislead deceive",
    ];

    private static readonly Dictionary<string, string> GroupOf = BuildGroups();

    private static Dictionary<string, string> BuildGroups()
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in Groups)
        {
            var w = g.Split(' ');
            foreach (var x in w) d.TryAdd(x, w[0]);
        }
        return d;
    }

    /// <summary>
    /// A verb lemma with a lost final "e" restored when only the restored form is a known verb ("fir" → "fire"):
    /// a guard against a lemmatiser slip on the verbs the detector groups.
    /// </summary>
    public static string VerbLemma(string lemma) =>
        !GroupOf.ContainsKey(lemma) && !Responsibility.Contains(lemma) && (GroupOf.ContainsKey(lemma + "e") || Responsibility.Contains(lemma + "e"))
            ? lemma + "e" : lemma;

    /// <summary>The group a predicate belongs to ("murder" → "kill"); the predicate itself when it has none.</summary>
    public static string PredicateGroup(string predicate) => GroupOf.GetValueOrDefault(predicate, predicate);

    /// <summary>
    /// Pairs of word classes that exclude each other when said of the same thing: what it was for, whether it was
    /// meant, true or false, lawful or not. A value from one class and a value from its opposite is an identity conflict.
    /// </summary>
    private static readonly (string Name, string A, string B)[] Contrasts =
    [
        ("purpose", "civilian civil scientific science research weather meteorological commercial private humanitarian",
                    "surveillance spy spying espionage military intelligence reconnaissance weapon"),
        ("intent", "accident accidental unintentional inadvertent unintended mistake error spontaneous unplanned",
                   "deliberate intentional premeditated planned"),
        ("truth", "true accurate correct factual truthful genuine authentic real",
                  "false untrue wrong incorrect fake fabricated lie hoax inaccurate baseless groundless misleading bogus fabrication forgery"),
        ("legality", "legal lawful legitimate",
                     "illegal unlawful illegitimate criminal"),
        ("peace", "peaceful nonviolent",
                  "violent hostile aggressive"),
        ("safety", "safe harmless",
                   "dangerous unsafe hazardous harmful toxic"),
        ("guilt", "innocent",
                  "guilty culpable"),
        ("posture", "defensive",
                    "offensive"),
        ("manner", "suicide", "murder homicide assassination"),
        ("outcome", "success successful",
                    "failure failed unsuccessful"),
        ("life", "alive", "dead"),
        ("will", "voluntary willing", "forced coerced involuntary"),
        ("origin", "natural", "artificial manmade"),
        ("status", "open", "closed shut"),
    ];

    private static readonly Dictionary<string, (string Class, int Pole)> ContrastOf = BuildContrasts();

    private static Dictionary<string, (string, int)> BuildContrasts()
    {
        var d = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        foreach (var (name, a, b) in Contrasts)
        {
            foreach (var w in a.Split(' ')) d.TryAdd(w, (name, 0));
            foreach (var w in b.Split(' ')) d.TryAdd(w, (name, 1));
        }
        return d;
    }

    /// <summary>The contrast class and pole of a value word ("spy" → purpose/1), or null.</summary>
    public static (string Class, int Pole)? Contrast(string word) => ContrastOf.TryGetValue(word, out var c) ? c : null;

    /// <summary>Number words and multipliers.</summary>
    public static readonly Dictionary<string, double> NumberWords = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20,
        ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
        ["dozen"] = 12, ["hundred"] = 100, ["thousand"] = 1000,
    };

    public static readonly Dictionary<string, double> Multipliers = new(StringComparer.Ordinal)
    {
        ["hundred"] = 100, ["thousand"] = 1_000, ["million"] = 1_000_000, ["billion"] = 1_000_000_000, ["trillion"] = 1e12,
        ["dozen"] = 12, ["dozens"] = 12, ["hundreds"] = 100, ["thousands"] = 1_000, ["millions"] = 1_000_000,
    };

    /// <summary>Words before a number that make it a bound rather than an exact figure.</summary>
    public static string? BoundWord(string lower) => lower switch
    {
        "over" or "more" or "least" or "above" or "exceeding" or "beyond" => "min",
        "under" or "fewer" or "less" or "most" or "below" or "up" => "max",
        "about" or "around" or "approximately" or "nearly" or "almost" or "roughly" or "some" or "estimated" or "~" => "approx",
        _ => null,
    };
}
