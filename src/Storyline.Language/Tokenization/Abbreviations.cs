namespace Storyline.Language.Tokenization;

/// <summary>How an abbreviation behaves at a possible sentence end.</summary>
public enum AbbreviationKind
{
    /// <summary>Not an abbreviation.</summary>
    None,
    /// <summary>Precedes a name or number ("Dr.", "Sen.", "No."): never ends a sentence.</summary>
    Title,
    /// <summary>Can end a sentence ("U.S.", "Inc.", "a.m.", "etc."): ends one only before a clear sentence opener.</summary>
    MaybeFinal,
}

/// <summary>
/// Abbreviations of English news text that keep their final period. Capitalised entries match
/// case-sensitively (so "Mass." the state is kept but "mass." ending a sentence is not); lower-case
/// entries match in any case.
/// </summary>
public static class Abbreviations
{
    // Titles and honorifics: always followed by a name.
    private static readonly string[] TitleList =
    [
        "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Mme", "Mlle", "Dr", "Drs", "Prof", "Sen", "Sens", "Rep", "Reps",
        "Gov", "Govs", "Lt", "Gen", "Gens", "Col", "Maj", "Capt", "Sgt", "Cpl", "Pvt", "Adm", "Cmdr", "Cdr",
        "Rev", "Fr", "Hon", "Pres", "Supt", "Insp", "Det", "Atty", "Amb", "Brig", "Lieut", "Sra", "Msgr",
    ];

    // Abbreviations that precede a number ("No. 1", "Vol. 3") and are words otherwise ("No.").
    private static readonly string[] NumberTitleList = ["No", "Nos", "Vol", "Vols", "Art", "Fig", "Figs", "Ch", "Sec", "Pp"];

    // Everything else that keeps its period; these may also end a sentence.
    private static readonly string[] OtherList =
    [
        // months
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        // weekdays as written in datelines and schedules
        "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri",
        // companies and institutions
        "Inc", "Corp", "Co", "Cos", "Ltd", "Bros", "Plc", "Dept", "Univ", "Assn", "Assoc", "Intl", "Natl", "Mfg",
        // names and places
        "Jr", "Sr", "St", "Ste", "Ft", "Mt", "Ave", "Blvd", "Rd", "Hwy", "Pl", "Sq",
        // U.S. states in AP style
        "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky",
        "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Penn",
        "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
        // lower-case Latin and measure abbreviations
        "etc", "vs", "al", "approx", "est", "cf", "viz", "ca", "min", "max", "ft", "oz", "lb", "lbs", "sq", "yr", "yrs",
        "mos", "hrs", "mln", "bln", "pct", "dept", "govt", "jr", "sr",
    ];

    private static readonly Dictionary<string, AbbreviationKind> Exact = Build(caseSensitive: true);
    private static readonly Dictionary<string, AbbreviationKind> Folded = Build(caseSensitive: false);
    private static readonly HashSet<string> NumberTitles = new(NumberTitleList, StringComparer.Ordinal);

    private static Dictionary<string, AbbreviationKind> Build(bool caseSensitive)
    {
        var d = new Dictionary<string, AbbreviationKind>(caseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        foreach (var a in TitleList) if (caseSensitive == char.IsUpper(a[0])) d[a] = AbbreviationKind.Title;
        foreach (var a in OtherList) if (caseSensitive == char.IsUpper(a[0])) d[a] = AbbreviationKind.MaybeFinal;
        return d;
    }

    /// <summary>
    /// Classifies <paramref name="word"/> (without its final period) as an abbreviation when followed by a period.
    /// <paramref name="nextIsNumber"/> tells whether the next token starts with a digit ("No. 1").
    /// </summary>
    public static AbbreviationKind Classify(ReadOnlySpan<char> word, bool nextIsNumber)
    {
        if (word.IsEmpty) return AbbreviationKind.None;
        // Initials: "J." in "J. K. Rowling", "W." in "George W. Bush".
        if (word.Length == 1 && char.IsLetter(word[0]))
            return char.IsUpper(word[0]) ? AbbreviationKind.MaybeFinal : AbbreviationKind.None;
        // Dotted letter groups: "U.S", "a.m", "Ph.D", "e.g", "D.C".
        if (IsDottedLetters(word)) return AbbreviationKind.MaybeFinal;
        var lookup = Exact.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(word, out var kind)) return kind;
        var folded = Folded.GetAlternateLookup<ReadOnlySpan<char>>();
        if (folded.TryGetValue(word, out kind)) return kind;
        var numLookup = NumberTitles.GetAlternateLookup<ReadOnlySpan<char>>();
        if (nextIsNumber && numLookup.Contains(word)) return AbbreviationKind.Title;
        return AbbreviationKind.None;
    }

    /// <summary>True for "U.S", "a.m", "Ph.D": letter groups of at most 3 letters joined by periods.</summary>
    private static bool IsDottedLetters(ReadOnlySpan<char> w)
    {
        const int MaxGroup = 3;
        int groups = 0, run = 0;
        foreach (var c in w)
        {
            if (char.IsLetter(c)) { if (++run > MaxGroup) return false; }
            else if (c == '.') { if (run == 0) return false; groups++; run = 0; }
            else return false;
        }
        return groups >= 1 && run > 0;
    }
}
