namespace Storyline.Time;

/// <summary>Calendar units the grammar knows, in increasing order of size where that matters.</summary>
internal enum Unit : byte { None, Second, Minute, Hour, Day, Week, Weekend, Month, Quarter, Half, Year, Decade, Century, Millennium, Fortnight }

/// <summary>Grammatical tense of a clause, as far as the light tense detector can tell.</summary>
public enum Tense : byte { None, Past, Present, Future }

[Flags]
internal enum LexFlags : ushort
{
    None = 0,
    Month = 1,
    Weekday = 2,
    Number = 4,
    Ordinal = 8,
    Unit = 16,
    Season = 32,
    PartOfDay = 64,
    Verb = 128,
    /// <summary>An abbreviation ("Feb", "Wed") that is safer with a following period or a number.</summary>
    Abbrev = 256,
    /// <summary>A function word that can begin a time expression ("the", "last", "about", "every").</summary>
    Starter = 512,
    /// <summary>A word that is a time expression on its own ("now", "today", "daily").</summary>
    Standalone = 1024,
    /// <summary>Classes that carry calendar meaning themselves.</summary>
    Content = Month | Weekday | Number | Ordinal | Unit | Season | PartOfDay,
}

/// <summary>What the time grammar knows about one word (case-insensitive).</summary>
internal sealed class Lex
{
    public required string Word { get; init; }
    public LexFlags Flags { get; set; }
    public int Month { get; set; }
    /// <summary>ISO day of week, Monday = 1.</summary>
    public int Weekday { get; set; }
    public int Num { get; set; } = -1;
    public int Ord { get; set; } = -1;
    public Unit Unit { get; set; }
    public bool Plural { get; set; }
    /// <summary>TIMEX3 season code: SP, SU, FA, WI.</summary>
    public string? Season { get; set; }
    /// <summary>TIMEX3 part-of-day code: MO, AF, EV, NI, DT (daytime).</summary>
    public string? PartOfDay { get; set; }
    public Tense Tense { get; set; }

    public bool Is(LexFlags f) => (Flags & f) != 0;
}

/// <summary>The word tables: months, weekdays, number words, units, seasons, parts of day and tense markers.</summary>
internal static class Lexicon
{

    public static Lex? Get(string word) => Table.GetValueOrDefault(word);

    private static Dictionary<string, Lex> Build()
    {
        var t = new Dictionary<string, Lex>(StringComparer.OrdinalIgnoreCase);
        Lex E(string w)
        {
            if (!t.TryGetValue(w, out var e)) t[w] = e = new Lex { Word = w };
            return e;
        }

        string[] months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
        for (int m = 0; m < 12; m++) { var e = E(months[m]); e.Flags |= LexFlags.Month; e.Month = m + 1; }
        foreach (var (abbr, m) in new[] { ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12) })
        { var e = E(abbr); e.Flags |= LexFlags.Month | LexFlags.Abbrev; e.Month = m; }

        string[] days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
        for (int d = 0; d < 7; d++) { var e = E(days[d]); e.Flags |= LexFlags.Weekday; e.Weekday = d + 1; }
        foreach (var (abbr, d) in new[] { ("mon", 1), ("tue", 2), ("tues", 2), ("wed", 3), ("thu", 4), ("thur", 4), ("thurs", 4), ("fri", 5), ("sat", 6), ("sun", 7) })
        { var e = E(abbr); e.Flags |= LexFlags.Weekday | LexFlags.Abbrev; e.Weekday = d; }
        // Plural weekdays ("on Mondays") name a set.
        for (int d = 0; d < 7; d++) { var e = E(days[d] + "s"); e.Flags |= LexFlags.Weekday; e.Weekday = d + 1; e.Plural = true; }

        string[] ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
        for (int k = 0; k < ones.Length; k++) { var e = E(ones[k]); e.Flags |= LexFlags.Number; e.Num = k; }
        string[] tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
        for (int k = 0; k < tens.Length; k++) { var e = E(tens[k]); e.Flags |= LexFlags.Number; e.Num = (k + 2) * 10; }
        foreach (var (w, v) in new[] { ("hundred", 100), ("thousand", 1000), ("dozen", 12) })
        { var e = E(w); e.Flags |= LexFlags.Number; e.Num = v; }

        string[] ords = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"];
        for (int k = 1; k < ords.Length; k++) { var e = E(ords[k]); e.Flags |= LexFlags.Ordinal; e.Ord = k; }
        foreach (var (w, v) in new[] { ("twentieth", 20), ("thirtieth", 30), ("fortieth", 40), ("fiftieth", 50) })
        { var e = E(w); e.Flags |= LexFlags.Ordinal; e.Ord = v; }

        void U(Unit u, params string[] forms)
        {
            for (int k = 0; k < forms.Length; k++)
            {
                var e = E(forms[k]);
                e.Flags |= LexFlags.Unit;
                e.Unit = u;
                e.Plural = k % 2 == 1;
            }
        }
        U(Unit.Second, "second", "seconds", "sec", "secs");
        U(Unit.Minute, "minute", "minutes", "min", "mins");
        U(Unit.Hour, "hour", "hours", "hr", "hrs");
        U(Unit.Day, "day", "days");
        U(Unit.Week, "week", "weeks", "wk", "wks");
        U(Unit.Weekend, "weekend", "weekends");
        U(Unit.Fortnight, "fortnight", "fortnights");
        U(Unit.Month, "month", "months");
        U(Unit.Quarter, "quarter", "quarters");
        U(Unit.Year, "year", "years", "yr", "yrs");
        U(Unit.Decade, "decade", "decades");
        U(Unit.Century, "century", "centuries");
        U(Unit.Millennium, "millennium", "millennia");

        foreach (var (w, s) in new[] { ("spring", "SP"), ("summer", "SU"), ("fall", "FA"), ("autumn", "FA"), ("winter", "WI"),
                                        ("springs", "SP"), ("summers", "SU"), ("falls", "FA"), ("autumns", "FA"), ("winters", "WI") })
        { var e = E(w); e.Flags |= LexFlags.Season; e.Season = s; e.Plural = w.EndsWith('s'); }

        foreach (var (w, p) in new[] { ("morning", "MO"), ("mornings", "MO"), ("afternoon", "AF"), ("afternoons", "AF"), ("evening", "EV"), ("evenings", "EV"),
                                        ("night", "NI"), ("nights", "NI"), ("daytime", "DT") })
        { var e = E(w); e.Flags |= LexFlags.PartOfDay; e.PartOfDay = p; e.Plural = w.EndsWith('s') && w != "daytime"; }

        foreach (var w in Starters) E(w).Flags |= LexFlags.Starter;
        foreach (var w in Standalones) E(w).Flags |= LexFlags.Standalone;
        // words that only continue an expression ("the end of", "the near future", "more than"): present so the
        // tokenizer's lookup marks them, with no flags
        foreach (var w in Continuations) E(w);

        // Tense markers for the light tense detector; regular past forms ("-ed") are recognised by suffix.
        foreach (var w in PastVerbs) { var e = E(w); e.Flags |= LexFlags.Verb; e.Tense = Tense.Past; }
        foreach (var w in PresentVerbs) { var e = E(w); e.Flags |= LexFlags.Verb; e.Tense = Tense.Present; }
        foreach (var w in FutureMarkers) { var e = E(w); e.Flags |= LexFlags.Verb; e.Tense = Tense.Future; }
        foreach (var w in ScheduleVerbs) { var e = E(w); e.Flags |= LexFlags.Verb; e.Tense = Tense.Future; }
        return t;
    }

    /// <summary>Words that may begin an expression without being a calendar word themselves.</summary>
    private static readonly string[] Starters =
    [
        "the", "a", "an", "this", "that", "last", "next", "past", "previous", "preceding", "prior", "latest", "coming", "upcoming",
        "following", "succeeding", "subsequent", "current", "present", "same", "early", "earlier", "late", "later", "mid", "middle",
        "about", "around", "approximately", "roughly", "some", "circa", "nearly", "almost", "more", "longer", "less", "fewer",
        "shorter", "at", "up", "no", "over", "under", "just", "well", "within", "every", "each", "twice", "once", "thrice", "few",
        "several", "many", "numerous", "multiple", "couple", "dozens", "hundreds", "thousands", "tens", "half", "today", "yesterday",
        "tomorrow", "tonight", "now", "right", "currently", "presently", "nowadays", "these", "recently", "lately", "previously",
        "recent", "future", "christmas", "new", "thanksgiving", "easter", "good", "halloween", "valentine", "independence", "labor",
        "labour", "memorial", "veterans", "election", "boxing", "mother", "father", "st", "noon", "midday", "midnight", "daily",
        "weekly", "monthly", "yearly", "annually", "hourly", "quarterly", "nightly", "biweekly", "fortnightly", "biannually",
        "semiannually", "annual", "fiscal", "fy", "q", "its", "their", "comparable", "trading", "business", "working", "calendar",
        "school", "as", "initial", "final", "additional", "further", "remaining", "ensuing", "entire", "whole", "full", "other",
    ];

    /// <summary>Starters that are expressions by themselves; every other starter needs a meaningful next word.</summary>
    private static readonly string[] Standalones =
    [
        "today", "yesterday", "tomorrow", "tonight", "now", "currently", "presently", "nowadays", "recently", "lately", "recent",
        "current", "daily", "weekly", "monthly", "yearly", "annually", "hourly", "quarterly", "nightly", "biweekly", "fortnightly",
        "biannually", "semiannually", "noon", "midday", "midnight", "christmas", "thanksgiving", "easter", "halloween", "future",
        "fy", "q",
    ];

    private static readonly string[] Continuations =
    [
        "end", "beginning", "start", "close", "turn", "dawn", "outset", "near", "short", "long", "foreseeable", "distant",
        "medium", "soon", "least", "most", "than", "to", "number", "of", "corresponding", "possible", "in",
    ];

    /// <summary>Frequent irregular past forms in news (regular "-ed" forms are found by suffix).</summary>
    private static readonly string[] PastVerbs =
    [
        "was", "were", "had", "did", "said", "told", "went", "came", "took", "made", "met", "gave", "saw", "began", "left",
        "held", "won", "lost", "fell", "rose", "got", "found", "thought", "sent", "spent", "paid", "sold", "bought", "brought",
        "led", "ran", "struck", "shot", "knew", "became", "broke", "chose", "drove", "flew", "fought", "kept", "meant", "spoke",
        "stood", "stole", "swore", "taught", "threw", "understood", "wrote", "withdrew", "ate", "drew", "grew", "hung", "laid",
        "lay", "rode", "sang", "sank", "slid", "sought", "stuck", "swept", "swung", "woke", "wore", "wound", "forgot", "forgave",
        "froze", "hid", "overcame", "overtook", "undertook", "underwent", "arose", "bore", "dealt", "felt", "fled", "heard",
        "sat", "slept", "announced", "reported",
    ];

    private static readonly string[] PresentVerbs =
    [
        "is", "are", "am", "says", "has", "does", "remains", "continues", "expects", "hopes", "seeks", "wants",
        "takes", "faces",
    ];

    /// <summary>Present forms of verbs of schedule: "Voting ends Thursday" speaks of what is coming.</summary>
    private static readonly string[] ScheduleVerbs =
    [
        "begins", "starts", "opens", "ends", "closes", "meets", "resumes", "arrives", "leaves", "departs", "expires", "launches",
        "convenes", "reconvenes", "kicks",
    ];

    private static readonly string[] FutureMarkers =
    [
        "will", "shall", "wo", "ll", "scheduled", "slated", "expected", "would", "going", "intends", "promises", "upcoming",
    ];

    // Declared last: static initialisers run in textual order and Build() reads the word lists above.
    private static readonly Dictionary<string, Lex> Table = Build();

    /// <summary>Longest word in the table: longer words are not looked up at all.</summary>
    public static readonly int MaxWordLength = Table.Keys.Max(k => k.Length);

    /// <summary>Span lookup, so the tokenizer never allocates a string per word.</summary>
    public static readonly Dictionary<string, Lex>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Table.GetAlternateLookup<ReadOnlySpan<char>>();
}
