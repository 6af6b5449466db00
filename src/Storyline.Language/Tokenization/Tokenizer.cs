using Storyline.Core;

namespace Storyline.Language.Tokenization;

/// <summary>Options of the <see cref="Tokenizer"/>.</summary>
public sealed record TokenizerOptions
{
    /// <summary>
    /// Split hyphenated words ("so-called" → "so" "-" "called") as UD EWT does. Off by default: news NER data
    /// (CoNLL-2003) keeps them whole, and entity spans like "German-born" are one token there.
    /// </summary>
    public bool SplitHyphens { get; init; }
}

/// <summary>
/// Rule-based tokenizer for English news, in the spirit of spaCy's: text is cut at whitespace, then each
/// chunk loses prefixes (opening quotes, brackets, currency) and suffixes (closing punctuation, "%",
/// clitics "'s" "n't") and is cut at infixes (dashes, ellipses). URLs, e-mail addresses, hashtags and
/// abbreviations ("U.S.", "Feb.", "Dr.") stay whole. Clitics follow UD/PTB: "don't" → "do" "n't",
/// "can't" → "ca" "n't", "cannot" → "can" "not", "gonna" → "gon" "na". Every token keeps its character
/// offsets; its text is always exactly <c>text[Start..End]</c>. Thread-safe.
/// </summary>
public sealed class Tokenizer(TokenizerOptions? options = null)
{
    /// <summary>A shared tokenizer with default options.</summary>
    public static Tokenizer Default { get; } = new();

    private readonly TokenizerOptions _options = options ?? new();

    private const string OpeningChars = "([{“‘\"'«‹¿¡`„‚";
    private const string ClosingChars = ")]}”’\"'»›,;:!?";
    private const string CurrencyChars = "$£€¥₹₩₽¢";
    private static readonly string[] CurrencyPrefixes = ["US$", "C$", "A$", "NZ$", "HK$", "S$", "R$"];
    private static readonly string[] Clitics = ["n't", "n’t", "'s", "’s", "'m", "’m", "'d", "’d", "'ll", "’ll", "'re", "’re", "'ve", "’ve"];

    // Words UD splits although they have no apostrophe: (word, length of the first part).
    private static readonly (string Word, int Split)[] SplitWords =
    [
        ("cannot", 3), ("gonna", 3), ("gotta", 3), ("wanna", 3), ("gimme", 3), ("lemme", 3),
    ];

    private static readonly string[] UrlStarts = ["http://", "https://", "ftp://", "www."];
    private static readonly string[] UrlTlds = [".com", ".org", ".net", ".gov", ".edu", ".co.uk", ".io", ".int", ".mil", ".info", ".news"];

    /// <summary>Tokenizes the whole text.</summary>
    public List<Token> Tokenize(string text)
    {
        var list = new List<Token>(text.Length / 5 + 1);
        Tokenize(text, 0, text.Length, list);
        return list;
    }

    /// <summary>Tokenizes <c>text[start..end]</c>, appending to <paramref name="output"/> with offsets into the whole text.</summary>
    public void Tokenize(string text, int start, int end, List<Token> output)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, text.Length);
        int i = start;
        var suffixes = new List<(int S, int E)>();
        while (i < end)
        {
            while (i < end && IsSpace(text[i])) i++;
            if (i >= end) break;
            int j = i;
            while (j < end && !IsSpace(text[j])) j++;
            Chunk(text, i, j, end, output, suffixes);
            i = j;
        }
    }

    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || c == '\u200B' || c == '\uFEFF';

    private void Chunk(string t, int s, int e, int limit, List<Token> output, List<(int S, int E)> suffixes)
    {
        suffixes.Clear();
        while (s < e)
        {
            // Whole special tokens: URLs, e-mails, hashtags, @handles (minus trailing punctuation).
            int special = SpecialLength(t, s, e);
            if (special > 0)
            {
                Emit(t, s, s + special, output);
                s += special;
                // What follows a URL (")." or ",") is ordinary punctuation.
                continue;
            }

            int p = PrefixLength(t, s, e);
            if (p > 0) { Emit(t, s, s + p, output); s += p; continue; }

            int q = SuffixLength(t, s, e, limit);
            if (q > 0) { suffixes.Add((e - q, e)); e -= q; continue; }

            Middle(t, s, e, output);
            break;
        }
        for (int k = suffixes.Count - 1; k >= 0; k--) Emit(t, suffixes[k].S, suffixes[k].E, output);
    }

    private static void Emit(string t, int s, int e, List<Token> output)
    {
        if (e > s) output.Add(new Token(s, e, t.Substring(s, e - s)));
    }

    private static int PrefixLength(string t, int s, int e)
    {
        char c = t[s];
        int len = e - s;
        // Two-character quotes of PTB-style text.
        if (len >= 2 && ((c == '`' && t[s + 1] == '`') || (c == '\'' && t[s + 1] == '\''))) return 2;
        if (c is '\'' or '’')
        {
            // "'90s", "'em", "'s" standing alone: not a quote.
            if (len > 1 && char.IsDigit(t[s + 1])) return 0;
            if (IsClitic(t, s, e)) return 0;
        }
        if (OpeningChars.Contains(c)) return 1;
        foreach (var cp in CurrencyPrefixes)
            if (len > cp.Length && string.CompareOrdinal(t, s, cp, 0, cp.Length) == 0 && char.IsDigit(t[s + cp.Length])) return cp.Length;
        if (CurrencyChars.Contains(c) && len > 1) return 1;
        int dashes = DashRun(t, s, e);
        if (dashes > 0)
        {
            // "-5" is a negative number, not a dash.
            if (dashes == 1 && t[s] == '-' && len > 1 && (char.IsDigit(t[s + 1]) || t[s + 1] == '.')) return 0;
            return len > dashes ? dashes : 0;
        }
        int dots = EllipsisRun(t, s, e);
        if (dots > 0 && len > dots) return dots;
        return 0;
    }

    private static int SuffixLength(string t, int s, int e, int limit)
    {
        int len = e - s;
        if (len <= 1) return 0;
        char c = t[e - 1];
        int dots = EllipsisRunBack(t, s, e);
        if (dots > 0) return dots < len ? dots : 0;
        if (c == '.')
        {
            var word = t.AsSpan(s, len - 1);
            if (word.Contains('.') && IsDottedAll(word)) return 0; // "U.S." whole
            if (Abbreviations.Classify(word, NextStartsWithDigit(t, e, limit)) != AbbreviationKind.None) return 0;
            return 1;
        }
        if (c is '%' or '‰') return 1;
        if (ClosingChars.Contains(c))
        {
            // Closing quote: "''" as one token.
            if (c == '\'' && len >= 2 && t[e - 2] == '\'') return 2;
            if (c is '\'' or '’' && IsClitic(t, s, e)) return 0;
            return 1;
        }
        int dashes = DashRunBack(t, s, e);
        if (dashes > 0 && dashes < len) return dashes;
        foreach (var cl in Clitics)
        {
            if (len > cl.Length && t.AsSpan(e - cl.Length, cl.Length).Equals(cl, StringComparison.OrdinalIgnoreCase)
                && char.IsLetterOrDigit(t[e - cl.Length - 1]))
                return cl.Length;
        }
        return 0;
    }

    /// <summary>True when the chunk is exactly a clitic ("'s", "n't") standing alone.</summary>
    private static bool IsClitic(string t, int s, int e)
    {
        var span = t.AsSpan(s, e - s);
        foreach (var cl in Clitics) if (span.Equals(cl, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static bool IsDottedAll(ReadOnlySpan<char> w)
    {
        // "U.S" / "a.m" / "Ph.D": letters and periods only, no empty group.
        if (w.IsEmpty || w[0] == '.') return false;
        for (int i = 0; i < w.Length; i++)
        {
            char c = w[i];
            if (c == '.') { if (w[i - 1] == '.') return false; }
            else if (!char.IsLetter(c)) return false;
        }
        return true;
    }

    private static bool NextStartsWithDigit(string t, int e, int limit)
    {
        int i = e;
        while (i < limit && IsSpace(t[i])) i++;
        return i < limit && char.IsDigit(t[i]);
    }

    private static bool IsDash(char c) => c is '—' or '–' or '―' or '‒';

    /// <summary>Length of a dash at s: an em/en dash, or a run of two or more hyphens; a single hyphen counts at chunk edges.</summary>
    private static int DashRun(string t, int s, int e)
    {
        if (IsDash(t[s])) return 1;
        int i = s;
        while (i < e && t[i] == '-') i++;
        return i - s;
    }

    private static int DashRunBack(string t, int s, int e)
    {
        if (IsDash(t[e - 1])) return 1;
        int i = e;
        while (i > s && t[i - 1] == '-') i--;
        return e - i;
    }

    private static int EllipsisRun(string t, int s, int e)
    {
        if (t[s] == '…') return 1;
        int i = s;
        while (i < e && t[i] == '.') i++;
        return i - s >= 2 ? i - s : 0;
    }

    private static int EllipsisRunBack(string t, int s, int e)
    {
        if (t[e - 1] == '…') return 1;
        int i = e;
        while (i > s && t[i - 1] == '.') i--;
        return e - i >= 2 ? e - i : 0;
    }

    /// <summary>Length of a URL, e-mail, hashtag or handle starting at s (trailing punctuation excluded), else 0.</summary>
    private static int SpecialLength(string t, int s, int e)
    {
        var span = t.AsSpan(s, e - s);
        bool url = false;
        foreach (var u in UrlStarts) if (span.StartsWith(u, StringComparison.OrdinalIgnoreCase)) { url = true; break; }
        if (!url && span.Length > 4 && char.IsLetterOrDigit(span[0]))
        {
            foreach (var tld in UrlTlds)
            {
                int k = span.IndexOf(tld, StringComparison.OrdinalIgnoreCase);
                if (k > 0 && (k + tld.Length == span.Length || span[k + tld.Length] is '/' or '.' or ',' or ')' or ';' or ':' or '?' or '!' or '"' or '\'' or '’' or '”')
                    && !span[..k].Contains('@') && IsHostChars(span[..k])) { url = true; break; }
            }
        }
        if (url) return TrimTrailing(span);

        int at = span.IndexOf('@');
        if (at > 0 && IsEmail(span, at)) return TrimTrailing(span);

        if (span.Length > 1 && span[0] is '#' or '@' && char.IsLetterOrDigit(span[1]))
        {
            int k = 1;
            while (k < span.Length && (char.IsLetterOrDigit(span[k]) || span[k] == '_')) k++;
            return k;
        }
        return 0;
    }

    private static bool IsHostChars(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (!(char.IsLetterOrDigit(c) || c is '-' or '.')) return false;
        return true;
    }

    private static bool IsEmail(ReadOnlySpan<char> span, int at)
    {
        foreach (var c in span[..at]) if (!(char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '+')) return false;
        var dom = span[(at + 1)..].TrimEnd(".,;:!?)\"'’”");
        int dot = dom.LastIndexOf('.');
        if (dot <= 0 || dot >= dom.Length - 2) return false;
        foreach (var c in dom) if (!(char.IsLetterOrDigit(c) || c is '.' or '-')) return false;
        return true;
    }

    private static int TrimTrailing(ReadOnlySpan<char> span)
    {
        int k = span.Length;
        while (k > 1 && span[k - 1] is '.' or ',' or ';' or ':' or '!' or '?' or '"' or '\'' or '’' or '”' or ']' or '>'
               || (k > 1 && span[k - 1] == ')' && span[..(k - 1)].Count('(') <= span[..(k - 1)].Count(')')))
            k--;
        return k;
    }

    /// <summary>The core of a chunk: split words UD splits, then cut at infixes.</summary>
    private void Middle(string t, int s, int e, List<Token> output)
    {
        var span = t.AsSpan(s, e - s);
        foreach (var (w, k) in SplitWords)
            if (span.Equals(w, StringComparison.OrdinalIgnoreCase))
            {
                Emit(t, s, s + k, output);
                Emit(t, s + k, e, output);
                return;
            }

        int from = s;
        int i = s;
        while (i < e)
        {
            int cut = InfixLength(t, s, i, e);
            if (cut > 0)
            {
                if (i > from) Piece(t, from, i, output);
                Emit(t, i, i + cut, output);
                i += cut;
                from = i;
            }
            else i++;
        }
        if (from < e) Piece(t, from, e, output);
    }

    // A piece left between infixes may itself end in a clitic ("John's—" → "John" "'s").
    private static void Piece(string t, int s, int e, List<Token> output)
    {
        foreach (var cl in Clitics)
            if (e - s > cl.Length && t.AsSpan(e - cl.Length, cl.Length).Equals(cl, StringComparison.OrdinalIgnoreCase)
                && char.IsLetterOrDigit(t[e - cl.Length - 1]))
            {
                Emit(t, s, e - cl.Length, output);
                Emit(t, e - cl.Length, e, output);
                return;
            }
        Emit(t, s, e, output);
    }

    /// <summary>Length of an infix at i inside the chunk [s, e): dashes, ellipses, commas or slashes between letters.</summary>
    private int InfixLength(string t, int s, int i, int e)
    {
        if (i == s || i >= e - 1) return 0;
        char c = t[i];
        char prev = t[i - 1], next = t[i + 1];
        if (IsDash(c)) return 1;
        if (c == '-')
        {
            if (next == '-') { int k = i; while (k < e && t[k] == '-') k++; return k < e ? k - i : 0; }
            if (_options.SplitHyphens && char.IsLetterOrDigit(prev) && char.IsLetter(next)) return 1;
            return 0;
        }
        if (c == '…') return 1;
        if (c == '.' && next == '.') { int k = i; while (k < e && t[k] == '.') k++; return k < e ? k - i : 0; }
        if (c is ',' or ';' && char.IsLetter(prev) && char.IsLetter(next)) return 1;
        if (c == '/' && char.IsLetter(prev) && char.IsLetter(next)) return 1;
        if (c is '"' or '“' or '”' or '(' or ')' or '[' or ']') return 1;
        return 0;
    }
}
