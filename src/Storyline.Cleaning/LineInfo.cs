using System.Text;

namespace Storyline.Cleaning;

/// <summary>
/// Cheap statistics of one logical line, computed once and shared by the detectors and the classifier
/// features (so training and inference see exactly the same numbers).
/// </summary>
public sealed class LineInfo
{
    public string Text { get; }
    /// <summary>Whitespace-separated words.</summary>
    public int Words { get; }
    /// <summary>Lower-cased runs of letters and digits (digits as written).</summary>
    public string[] Tokens { get; }
    public int Letters { get; }
    public int Uppers { get; }
    public int Digits { get; }
    /// <summary>Share of words (with a letter) whose first letter is upper case.</summary>
    public double CapitalisedRatio { get; }
    /// <summary>Share of tokens that are function words (several European languages).</summary>
    public double StopwordRatio { get; }
    /// <summary>Ends in . ! ? … (possibly followed by closing quotes or brackets).</summary>
    public bool EndsTerminal { get; }
    public char LastChar { get; }
    public char FirstChar { get; }
    /// <summary>Folded key for exact-duplicate detection: lower-case letters and digits, single spaces.</summary>
    public string Key { get; }

    public LineInfo(string text)
    {
        Text = text;
        int words = 0, letters = 0, uppers = 0, digits = 0, capWords = 0, letterWords = 0;
        bool inWord = false, wordHasLetter = false, wordCapital = false;
        var tokens = new List<string>();
        var tok = new StringBuilder();
        var key = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch))
            {
                if (inWord) { words++; if (wordHasLetter) { letterWords++; if (wordCapital) capWords++; } }
                inWord = false; wordHasLetter = false; wordCapital = false;
            }
            else
            {
                if (char.IsLetter(ch))
                {
                    if (!wordHasLetter) wordCapital = char.IsUpper(ch);
                    wordHasLetter = true;
                }
                inWord = true;
            }

            if (char.IsLetterOrDigit(ch))
            {
                if (char.IsLetter(ch)) { letters++; if (char.IsUpper(ch)) uppers++; }
                else digits++;
                tok.Append(char.ToLowerInvariant(ch));
            }
            else if (tok.Length > 0 && !IsJoiner(ch))
            {
                Flush(tok, tokens, key);
            }
        }
        if (inWord) { words++; if (wordHasLetter) { letterWords++; if (wordCapital) capWords++; } }
        if (tok.Length > 0) Flush(tok, tokens, key);

        Words = words;
        Tokens = [.. tokens];
        Letters = letters;
        Uppers = uppers;
        Digits = digits;
        CapitalisedRatio = letterWords == 0 ? 0 : (double)capWords / letterWords;
        int stop = 0;
        foreach (var t in Tokens) if (Lexicon.Stopwords.Contains(t)) stop++;
        StopwordRatio = Tokens.Length == 0 ? 0 : (double)stop / Tokens.Length;
        FirstChar = text.Length > 0 ? text[0] : ' ';
        LastChar = text.Length > 0 ? text[^1] : ' ';
        EndsTerminal = ComputeEndsTerminal(text);
        Key = key.ToString();
    }

    // Apostrophes inside words ("don't", "China’s") keep the token whole.
    private static bool IsJoiner(char ch) => ch is '\'' or '’';

    private static void Flush(StringBuilder tok, List<string> tokens, StringBuilder key)
    {
        var s = tok.ToString();
        tokens.Add(s);
        if (key.Length > 0) key.Append(' ');
        key.Append(s);
        tok.Clear();
    }

    private static bool ComputeEndsTerminal(string text)
    {
        for (int i = text.Length - 1; i >= 0; i--)
        {
            char c = text[i];
            if (c is '"' or '\'' or '”' or '’' or '»' or '«' or ')' or ']' or '“' or '*' || char.IsWhiteSpace(c)) continue;
            return c is '.' or '!' or '?' or '…' or '。' or '！' or '？';
        }
        return false;
    }

    public bool HasLetterOrDigit => Letters + Digits > 0;
}
