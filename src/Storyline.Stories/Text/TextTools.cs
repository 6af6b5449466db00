using System.Runtime.InteropServices;
using System.Text;
using System.IO.Hashing;

namespace Storyline.Stories.Text;

/// <summary>A word token of a text: its lower-cased form plus where it sits.</summary>
public readonly record struct Word(string Lower, int Start, int End, bool Capitalised, bool IsNumber);

/// <summary>A sentence of a text: character span and the paragraph it belongs to.</summary>
public readonly record struct SentenceSpan(int Start, int End, int Paragraph);

/// <summary>
/// Small, fast, self-contained text tools for the story engine (tokens, sentences, names, numbers,
/// quotations). Kept here, not in a shared NLP project, because dedup and clustering must run at
/// thousands of documents per second and only need these shallow signals.
/// </summary>
public static class TextTools
{
    /// <summary>Abbreviations after which a full stop does not end a sentence.</summary>
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "gov", "sen", "rep", "lt", "col", "sgt", "capt", "cmdr",
        "adm", "maj", "rev", "hon", "pres", "inc", "ltd", "co", "corp", "vs", "no", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "u.s", "u.k", "u.n", "e.g", "i.e", "etc", "al", "approx", "dept",
    };

    /// <summary>English function words, ignored for topical similarity and name detection.</summary>
    public static readonly HashSet<string> Stopwords = new(StringComparer.Ordinal)
    {
        "a","about","above","after","again","against","all","also","am","an","and","any","are","as","at","be","because","been",
        "before","being","below","between","both","but","by","can","could","did","do","does","doing","down","during","each",
        "few","for","from","further","had","has","have","having","he","her","here","hers","herself","him","himself","his","how",
        "i","if","in","into","is","it","its","itself","just","me","more","most","my","myself","no","nor","not","now","of","off",
        "on","once","only","or","other","our","ours","ourselves","out","over","own","said","same","says","she","should","so","some",
        "such","than","that","the","their","theirs","them","themselves","then","there","these","they","this","those","through",
        "to","too","under","until","up","very","was","we","were","what","when","where","which","while","who","whom","why","will",
        "with","would","you","your","yours","yourself","yourselves","s","t","would","could","may","might","must","shall","according",
        "told","say","one","two","new","year","years","people","last","first","time","week","day","like","get","got","many","much",
        "even","still","well","back","since","around","made","make","including","however","although","though","yet","another",
        "monday","tuesday","wednesday","thursday","friday","saturday","sunday","today","yesterday","tomorrow","mr","mrs","ms",
    };

    /// <summary>Capitalised words that are not names even mid-sentence.</summary>
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "i","monday","tuesday","wednesday","thursday","friday","saturday","sunday","january","february","march","april","may",
        "june","july","august","september","october","november","december","mr","mrs","ms","dr","the","a","an","he","she",
        "it","they","we","but","and","in","on","at","for","this","that","his","her","its","their","president","minister",
    };

    /// <summary>Splits text into word tokens (letters/digits; numbers keep inner , and .).</summary>
    public static List<Word> Words(string text)
    {
        var words = new List<Word>(text.Length / 5);
        int i = 0, n = text.Length;
        while (i < n)
        {
            char c = text[i];
            if (!char.IsLetterOrDigit(c)) { i++; continue; }
            int start = i;
            bool digit = char.IsDigit(c);
            bool allDigits = true;
            while (i < n)
            {
                char d = text[i];
                if (char.IsLetterOrDigit(d)) { if (!char.IsDigit(d)) allDigits = false; i++; continue; }
                // inner apostrophe (don't), inner hyphen (well-known), inner , or . between digits (1,000 / 2.5)
                if (i + 1 < n && char.IsLetterOrDigit(text[i + 1]))
                {
                    if ((d == '\'' || d == '\u2019') && !digit) { i++; continue; }
                    if ((d == ',' || d == '.') && digit && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1])) { i++; continue; }
                }
                break;
            }
            var span = text.AsSpan(start, i - start);
            bool isNumber = digit && allDigits || digit && span.ContainsAny(",.".AsSpan());
            string lower = LowerNoCommas(span, isNumber);
            words.Add(new Word(lower, start, i, char.IsUpper(c), isNumber || digit));
        }
        return words;
    }

    private static string LowerNoCommas(ReadOnlySpan<char> s, bool number)
    {
        Span<char> buf = s.Length <= 128 ? stackalloc char[s.Length] : new char[s.Length];
        int k = 0;
        foreach (var ch in s)
        {
            if (number && ch == ',') continue;
            buf[k++] = ch == '\u2019' ? '\'' : char.ToLowerInvariant(ch);
        }
        return new string(buf[..k]);
    }

    /// <summary>
    /// Sentence spans: a line break always ends a sentence; . ! ? end one when followed by space and an
    /// upper-case letter, digit or quote, unless the word before is a known abbreviation or an initial.
    /// </summary>
    public static List<SentenceSpan> Sentences(string text)
    {
        var result = new List<SentenceSpan>();
        int n = text.Length, start = 0, paragraph = 0;
        bool blankSeen = false;
        for (int i = 0; i < n; i++)
        {
            char c = text[i];
            if (c == '\n')
            {
                Add(result, text, start, i, paragraph);
                // a blank line (two breaks) starts a new paragraph; a single break only a new sentence
                if (i + 1 < n && text[i + 1] == '\n') blankSeen = true;
                start = i + 1;
                if (blankSeen && result.Count > 0 && result[^1].Paragraph == paragraph) { paragraph++; }
                blankSeen = false;
                continue;
            }
            if (c is '.' or '!' or '?')
            {
                int j = i + 1;
                while (j < n && text[j] is '"' or '\'' or '\u201D' or '\u2019' or ')') j++;
                if (j >= n || text[j] != ' ') continue;
                int k = j;
                while (k < n && text[k] == ' ') k++;
                if (k >= n) continue;
                char next = text[k];
                if (!(char.IsUpper(next) || char.IsDigit(next) || next is '"' or '\u201C' or '`' or '\'' or '(')) continue;
                if (c == '.' && IsAbbreviationBefore(text, i)) continue;
                Add(result, text, start, j, paragraph);
                start = k;
                i = k - 1;
            }
        }
        Add(result, text, start, n, paragraph);
        return result;
    }

    private static bool IsAbbreviationBefore(string text, int dot)
    {
        int s = dot;
        while (s > 0 && (char.IsLetter(text[s - 1]) || text[s - 1] == '.')) s--;
        var w = text.AsSpan(s, dot - s);
        if (w.Length == 1 && char.IsUpper(w[0])) return true; // an initial: "John F. Kennedy"
        return Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(w);
    }

    private static void Add(List<SentenceSpan> list, string text, int start, int end, int paragraph)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end > start) list.Add(new SentenceSpan(start, end, paragraph));
    }

    /// <summary>Sentence strings of a text.</summary>
    public static List<string> SentenceTexts(string text) => Sentences(text).Select(s => text[s.Start..s.End]).ToList();

    /// <summary>
    /// Capitalised names: runs of capitalised non-function words. A run at the start of a sentence
    /// counts only when it has two words or more, because any first word is capitalised.
    /// </summary>
    public static List<string> Names(string text, List<Word> words, List<SentenceSpan> sentences)
    {
        var names = new List<string>();
        int si = 0;
        var run = new StringBuilder();
        int runLen = 0; bool runAtStart = false;
        void Flush()
        {
            if (runLen > 0 && (!runAtStart || runLen >= 2)) names.Add(run.ToString());
            run.Clear(); runLen = 0; runAtStart = false;
        }
        for (int i = 0; i < words.Count; i++)
        {
            var w = words[i];
            while (si < sentences.Count && sentences[si].End <= w.Start) si++;
            bool atStart = si < sentences.Count && IsFirstWord(text, sentences[si].Start, w.Start);
            bool gap = i > 0 && HasBreakBetween(text, words[i - 1].End, w.Start);
            if (gap || atStart) Flush();
            bool name = w.Capitalised && !w.IsNumber && !NotNames.Contains(w.Lower) && w.Lower.Length > 1
                        && !(atStart && Stopwords.Contains(w.Lower));
            if (name)
            {
                if (runLen == 0) runAtStart = atStart;
                if (runLen > 0) run.Append(' ');
                run.Append(w.Lower); runLen++;
            }
            else Flush();
        }
        Flush();
        return names;
    }

    private static bool IsFirstWord(string text, int sentenceStart, int wordStart)
    {
        for (int k = sentenceStart; k < wordStart; k++) if (char.IsLetterOrDigit(text[k])) return false;
        return true;
    }

    private static bool HasBreakBetween(string text, int from, int to)
    {
        for (int k = from; k < to; k++)
            if (text[k] is ',' or ';' or ':' or '(' or ')' or '"' or '\u201C' or '\u201D' or '\n' or '.' or '-' or '\u2014') return true;
        return false;
    }

    /// <summary>Quoted passages of at least <paramref name="minWords"/> words, normalised to lower-case words.</summary>
    public static List<string> Quotes(string text, int minWords = 3)
    {
        var quotes = new List<string>();
        int n = text.Length;
        for (int i = 0; i < n; i++)
        {
            char c = text[i];
            int open = -1; char close = '"';
            if (c == '\u201C') { open = i + 1; close = '\u201D'; }
            else if (c == '"') { open = i + 1; close = '"'; }
            else if (c == '`' && i + 1 < n && text[i + 1] == '`') { open = i + 2; close = '\''; }
            if (open < 0) continue;
            int end = text.IndexOf(close, open);
            if (close == '\'' ) { end = text.IndexOf("''", open, StringComparison.Ordinal); }
            if (end < 0 || end - open > 1000) continue;
            var inner = text.AsSpan(open, end - open);
            var ws = Words(inner.ToString());
            if (ws.Count >= minWords) quotes.Add(string.Join(' ', ws.Select(w => w.Lower)));
            i = end;
        }
        return quotes;
    }

    /// <summary>Stable 64-bit hash of a string (XxHash3 over its UTF-16 code units).</summary>
    public static ulong Hash(string s) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(s.AsSpan()));

    /// <summary>Stable 64-bit hash of a string with a namespace prefix, so terms, names and numbers never collide.</summary>
    public static ulong Hash(string s, ulong space) => (XxHash3.HashToUInt64(MemoryMarshal.AsBytes(s.AsSpan()), (long)space) & ~SpaceMask) | (space & SpaceMask);

    /// <summary>The low bits of a namespaced hash carry its space, so a key tells whether it is a word, a name, a number or a quote.</summary>
    public const ulong SpaceMask = 3;

    /// <summary>The space of a namespaced hash.</summary>
    public static ulong SpaceOf(ulong key) => key & SpaceMask;

    /// <summary>A crude English stem (plural and common verb endings) so "meets/meeting/met" vs "meet" align more often.</summary>
    public static string Stem(string w)
    {
        if (w.Length <= 4 || char.IsDigit(w[0])) return w;
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 5) return w[..^3] + "y";
        if (w.EndsWith("ing", StringComparison.Ordinal) && w.Length > 6) return w[..^3];
        if (w.EndsWith("ed", StringComparison.Ordinal) && w.Length > 5) return w[..^2];
        if (w.EndsWith("es", StringComparison.Ordinal) && w.Length > 5 && (w[^3] is 's' or 'x' or 'h')) return w[..^2];
        if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal)) return w[..^1];
        return w;
    }
}
