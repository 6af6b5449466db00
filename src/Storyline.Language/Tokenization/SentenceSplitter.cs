using Storyline.Core;

namespace Storyline.Language.Tokenization;

/// <summary>Options of the <see cref="SentenceSplitter"/>.</summary>
public sealed record SentenceSplitterOptions
{
    /// <summary>Default for <see cref="MaxTokens"/>: longer runs (tables, lists) are cut so later stages stay fast.</summary>
    public const int DefaultMaxTokens = 250;

    /// <summary>A sentence is cut after this many tokens even without a boundary.</summary>
    public int MaxTokens { get; init; } = DefaultMaxTokens;

    /// <summary>Whether a single line break ends a sentence. Blank lines always do.</summary>
    public LineBreakMode LineBreaks { get; init; } = LineBreakMode.Auto;
}

/// <summary>How single line breaks are treated by the <see cref="SentenceSplitter"/>.</summary>
public enum LineBreakMode
{
    /// <summary>Boundaries, unless the text looks hard-wrapped (most lines end near one common width).</summary>
    Auto,
    /// <summary>Always boundaries (one sentence, headline or caption per line).</summary>
    Always,
    /// <summary>Never boundaries (hard-wrapped text).</summary>
    Never,
}

/// <summary>
/// Rule-based sentence splitter over tokens. A boundary follows ". ! ? …" (and the closing quotes or brackets
/// attached to them) when the next token opens a sentence: not lower-case, and — after an abbreviation
/// such as "U.S." or an initial — only before a clear sentence opener ("The", "He"...). Titles ("Dr.",
/// "Sen.") never end a sentence. A quote ending in "!" or "?" followed by an attribution ('"Why?" she
/// asked.') stays one sentence. Blank lines always separate sentences. Thread-safe.
/// </summary>
public sealed class SentenceSplitter(SentenceSplitterOptions? options = null)
{
    /// <summary>A shared splitter with default options.</summary>
    public static SentenceSplitter Default { get; } = new();

    private readonly SentenceSplitterOptions _options = options ?? new();

    /// <summary>How far past a closing quote an attribution verb is looked for ('"Go!" the crowd shouted').</summary>
    private const int AttributionWindow = 4;

    // Capitalised words that open sentences far more often than they continue a name after an abbreviation.
    private static readonly HashSet<string> Openers = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These", "Those", "There",
        "His", "Her", "Its", "Their", "Our", "My", "But", "And", "Or", "So", "Yet", "In", "On", "At", "For", "With",
        "After", "Before", "When", "While", "If", "As", "Some", "Many", "Most", "All", "No", "Not", "However",
        "Meanwhile", "Still", "Also", "Then", "Now", "Last", "Earlier", "Later", "Officials", "Police", "Mr.", "Mrs.",
        "Ms.", "Dr.", "What", "Why", "How", "Who", "Where", "One", "Two", "Both", "Each", "Such", "According",
    };

    // Reporting verbs that follow a quoted question or exclamation in the same sentence.
    private static readonly HashSet<string> Attribution = new(StringComparer.OrdinalIgnoreCase)
    {
        "said", "says", "say", "asked", "asks", "added", "adds", "told", "tells", "shouted", "cried", "replied",
        "wrote", "writes", "explained", "noted", "insisted", "recalled", "wondered", "yelled", "declared", "tweeted",
    };

    /// <summary>Splits the tokens of <paramref name="text"/> into sentences.</summary>
    public List<Sentence> Split(string text, IReadOnlyList<Token> tokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        var result = new List<Sentence>();
        bool lineBreaks = _options.LineBreaks switch
        {
            LineBreakMode.Always => true,
            LineBreakMode.Never => false,
            _ => !LooksHardWrapped(text),
        };
        int first = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            bool cut = i + 1 == tokens.Count
                || i + 1 - first >= _options.MaxTokens
                || HardBreakBetween(text, tokens[i].End, tokens[i + 1].Start, lineBreaks);
            if (!cut && IsTerminal(tokens[i].Text))
            {
                // Keep closing quotes/brackets attached to the terminal in this sentence.
                int term = i, j = i;
                while (j + 1 < tokens.Count && IsCloser(text, tokens, j + 1)) j++;
                bool quoted = j > i;
                i = j;
                if (i + 1 == tokens.Count) cut = true;
                else if (HardBreakBetween(text, tokens[i].End, tokens[i + 1].Start, lineBreaks)) cut = true;
                else cut = OpensSentence(tokens, i + 1)
                           && !(quoted && tokens[term].Text is not "." && AttributionFollows(tokens, i + 1));
            }
            else if (!cut && IsAbbreviationToken(tokens, i, out var kind))
            {
                cut = kind == AbbreviationKind.MaybeFinal && Openers.Contains(tokens[i + 1].Text);
            }
            if (cut)
            {
                result.Add(new Sentence(tokens[first].Start, tokens[i].End, first, i + 1 - first));
                first = i + 1;
            }
        }
        return result;
    }

    private static bool IsTerminal(string t) => t is "." or "!" or "?" or "…" || (t.Length >= 2 && t.All(c => c is '.' or '!' or '?'));

    /// <summary>A closing quote or bracket glued to the previous token, or any closing curly quote.</summary>
    private static bool IsCloser(string text, IReadOnlyList<Token> tokens, int k)
    {
        var t = tokens[k].Text;
        if (t is "”" or "’" or "»" or ")" or "]" or "''") return true;
        if (t is "\"" or "'") return tokens[k].Start == tokens[k - 1].End
                                  || k + 1 >= tokens.Count || tokens[k + 1].Start > tokens[k].End;
        return false;
    }

    private static bool OpensSentence(IReadOnlyList<Token> tokens, int k)
    {
        foreach (var c in tokens[k].Text)
        {
            if (char.IsLetter(c)) return !char.IsLower(c);
            if (char.IsDigit(c)) return true;
        }
        // Punctuation-only token (opening quote, dash, bracket): look at the next word.
        return k + 1 >= tokens.Count || OpensSentenceWord(tokens[k + 1].Text);
    }

    private static bool OpensSentenceWord(string w)
    {
        foreach (var c in w)
        {
            if (char.IsLetter(c)) return !char.IsLower(c);
            if (char.IsDigit(c)) return true;
        }
        return true;
    }

    private static bool AttributionFollows(IReadOnlyList<Token> tokens, int k)
    {
        for (int n = 0; n < AttributionWindow && k + n < tokens.Count; n++)
        {
            var t = tokens[k + n].Text;
            if (Attribution.Contains(t)) return true;
            if (t.Length == 1 && char.IsPunctuation(t[0])) return false;
        }
        return false;
    }

    private static bool IsAbbreviationToken(IReadOnlyList<Token> tokens, int i, out AbbreviationKind kind)
    {
        kind = AbbreviationKind.None;
        var t = tokens[i].Text;
        if (t.Length < 2 || t[^1] != '.' || i + 1 >= tokens.Count) return false;
        bool nextNum = tokens[i + 1].Text.Length > 0 && char.IsDigit(tokens[i + 1].Text[0]);
        kind = Abbreviations.Classify(t.AsSpan(0, t.Length - 1), nextNum);
        if (kind == AbbreviationKind.None && t.AsSpan(0, t.Length - 1).Contains('.')) kind = AbbreviationKind.MaybeFinal;
        return kind != AbbreviationKind.None;
    }

    private static bool HardBreakBetween(string text, int from, int to, bool lineBreaks)
    {
        int newlines = 0;
        for (int i = from; i < to; i++)
            if (text[i] == '\n' && (++newlines >= 2 || lineBreaks)) return true;
        return false;
    }

    // Hard-wrapped text: lines that continue onto the next one mostly end within this share of the widest line.
    private const double WrapWidthShare = 0.75;
    private const double WrappedLineShare = 0.6;
    private const int MinWrappedLines = 3;
    private const int MaxWrapWidth = 120;

    /// <summary>
    /// True when most lines followed by another line of the same paragraph are nearly as long as the longest
    /// line (≤ <see cref="MaxWrapWidth"/>): the shape of text wrapped at a fixed width, where line breaks are not boundaries.
    /// </summary>
    private static bool LooksHardWrapped(string text)
    {
        var lengths = new List<int>();
        int lineStart = 0, maxLen = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n') continue;
            int len = text.AsSpan(lineStart, i - lineStart).TrimEnd().Length;
            bool continues = i < text.Length && i + 1 < text.Length && text[i + 1] != '\n' && len > 0;
            if (continues) lengths.Add(len);
            maxLen = Math.Max(maxLen, len);
            lineStart = i + 1;
        }
        if (lengths.Count < MinWrappedLines || maxLen > MaxWrapWidth) return false;
        int near = lengths.Count(l => l >= WrapWidthShare * maxLen);
        return near >= WrappedLineShare * lengths.Count;
    }
}
