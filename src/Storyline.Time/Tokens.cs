namespace Storyline.Time;

/// <summary>Coarse class of a time-tagger token.</summary>
internal enum TokKind : byte { Word, Digits, Punct }

/// <summary>
/// A fine-grained token: a run of letters, a run of digits, or one other character.
/// "Feb." is two tokens, "10:35" is three, "mid-1990s" is four; patterns look at adjacency
/// (<see cref="SpaceBefore"/>) instead of relying on a tokenizer's guesses about what belongs together.
/// </summary>
internal struct Tok
{
    public int Start;
    public int End;
    public TokKind Kind;
    /// <summary>Whitespace separates this token from the previous one.</summary>
    public bool SpaceBefore;
    /// <summary>A line break lies between this token and the previous one.</summary>
    public bool LineBefore;
    /// <summary>First letter is upper case (words only).</summary>
    public bool Capitalized;
    /// <summary>Every letter is upper case (words only).</summary>
    public bool AllCaps;
    /// <summary>Lexicon entry of a word, or null when the word is unknown to the time grammar.</summary>
    public Lex? Lex;
    /// <summary>Numeric value of a digit run (only when it has at most <see cref="TimeTokenizer.MaxNumberDigits"/> digits; otherwise -1).</summary>
    public long Number;
    /// <summary>The punctuation character for <see cref="TokKind.Punct"/> tokens.</summary>
    public char Char;

    public readonly int Length => End - Start;
}

/// <summary>Splits text into <see cref="Tok"/>s without allocating per token (words are looked up in the lexicon by span).</summary>
internal static class TimeTokenizer
{
    /// <summary>Digit runs longer than this are not numbers the grammar cares about.</summary>
    public const int MaxNumberDigits = 9;

    public static Tok[] Tokenize(string text, out int count)
    {
        // A generous first guess (about one token per 3 characters) avoids most re-allocations.
        var toks = new Tok[Math.Max(16, text.Length / 3)];
        int n = 0;
        int i = 0;
        bool space = true, line = true;
        var lookup = Lexicon.Lookup;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                space = true;
                if (c == '\n' || c == '\r' || c == '\u2029') line = true;
                i++;
                continue;
            }
            if (n == toks.Length) Array.Resize(ref toks, toks.Length * 2);
            ref var t = ref toks[n++];
            t = default;
            t.Start = i;
            t.SpaceBefore = space;
            t.LineBefore = line;
            space = line = false;
            if (char.IsLetter(c))
            {
                int j = i + 1;
                while (j < text.Length && char.IsLetter(text[j])) j++;
                t.End = j;
                t.Kind = TokKind.Word;
                t.Capitalized = char.IsUpper(c);
                bool all = true;
                for (int k = i; k < j && all; k++) all = char.IsUpper(text[k]);
                t.AllCaps = all;
                if (j - i <= Lexicon.MaxWordLength) lookup.TryGetValue(text.AsSpan(i, j - i), out t.Lex);
                t.Number = -1;
                i = j;
            }
            else if (char.IsAsciiDigit(c))
            {
                int j = i + 1;
                while (j < text.Length && char.IsAsciiDigit(text[j])) j++;
                t.End = j;
                t.Kind = TokKind.Digits;
                t.Number = j - i <= MaxNumberDigits ? long.Parse(text.AsSpan(i, j - i), System.Globalization.CultureInfo.InvariantCulture) : -1;
                i = j;
            }
            else
            {
                t.End = i + 1;
                t.Kind = TokKind.Punct;
                t.Char = NormalisePunct(c);
                t.Number = -1;
                i++;
            }
        }
        count = n;
        return toks;
    }

    /// <summary>Folds typographic variants onto the ASCII character the grammar checks for.</summary>
    private static char NormalisePunct(char c) => c switch
    {
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' => '-',
        '\u2018' or '\u2019' or '\u02BC' or '`' => '\'',
        '\u201C' or '\u201D' => '"',
        _ => c,
    };
}
