using System.Globalization;
using System.Text;

namespace Storyline.Core.Stages;

/// <summary>Thresholds of <see cref="ArticleCheckStage"/>.</summary>
public sealed record ArticleCheckOptions
{
    /// <summary>
    /// Fewer letters than this is not an article. The shortest real news texts we know are one-sentence
    /// briefs and wire "flashes" ("Israel's Netanyahu says he will form a government.", 43 letters);
    /// 40 letters is below any of them and above a headline fragment or a stray word.
    /// </summary>
    public int MinLetters { get; init; } = 40;

    /// <summary>
    /// Fewer words than this is not an article (scripts written with spaces). A one-sentence brief has
    /// 10–30 words; under 8 it is a headline, a label or a menu item.
    /// </summary>
    public int MinWords { get; init; } = 8;

    /// <summary>Share of visible characters that are U+FFFD above which the text is undecodable debris.</summary>
    public double MaxReplacementShare { get; init; } = 0.3;

    /// <summary>Longest unit (in letters) whose endless repetition is caught ("aaaa", "ha ha ha", "lol lol").</summary>
    public int MaxRepeatedUnit { get; init; } = 16;

    /// <summary>A text of at most this many distinct words, each used on average <see cref="MinRepeatsPerWord"/> times or more, is one phrase repeated.</summary>
    public int MaxDistinctWordsOfRepeat { get; init; } = 8;

    public int MinRepeatsPerWord { get; init; } = 4;

    /// <summary>Share of letters from scripts written without spaces (Han, kana, Thai...) above which word counts are not used.</summary>
    public double NoSpaceScriptShare { get; init; } = 0.5;
}

/// <summary>
/// Flags texts that are not articles (too short, no words, one repeated character or unit, mostly
/// undecodable): sets <see cref="Document.NotArticle"/> to the reason and records SL1018. The document is
/// still stored (nothing is lost); the language layer skips it and it never joins a story.
/// One pass over the text plus, for a repeated unit, one verifying pass: linear and allocation-light,
/// so a 5 MB run of one letter costs milliseconds.
/// </summary>
public sealed class ArticleCheckStage(ArticleCheckOptions? options = null) : IStage
{
    public const string Id = "article-check.v1";
    private readonly ArticleCheckOptions _o = options ?? new();

    public StageInfo Info { get; } = new(Id, [Attr.Text], [Attr.NotArticle]);

    public void Process(Document doc, CancellationToken ct = default)
    {
        doc.NotArticle = Check(doc.Text, _o);
        if (doc.NotArticle is { } reason)
            doc.Diagnostics.Add(new Diagnostic(ErrorCode.SL1018, $"not an article: {reason}", Id, Severity.Warning));
    }

    /// <summary>The reason <paramref name="text"/> is not an article, or null when it may be one.</summary>
    public static string? Check(string text, ArticleCheckOptions? options = null)
    {
        var o = options ?? new ArticleCheckOptions();
        int visible = 0, letters = 0, replacement = 0, noSpaceLetters = 0, words = 0;
        bool inWord = false, wordHasLetter = false;
        var prefix = new List<int>(2 * o.MaxRepeatedUnit);
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        bool tooManyDistinct = false;
        var word = new StringBuilder();

        void EndWord()
        {
            if (inWord && wordHasLetter)
            {
                words++;
                if (!tooManyDistinct)
                {
                    distinct.Add(word.ToString());
                    tooManyDistinct = distinct.Count > o.MaxDistinctWordsOfRepeat;
                }
            }
            inWord = false; wordHasLetter = false; word.Clear();
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune)) { EndWord(); continue; }
            var cat = Rune.GetUnicodeCategory(rune);
            // Zero-width and other format characters are invisible: neither text nor a word break.
            if (cat is UnicodeCategory.Format or UnicodeCategory.Control) continue;
            visible++;
            inWord = true;
            if (rune.Value == 0xFFFD) { replacement++; continue; }
            if (Rune.IsLetter(rune))
            {
                letters++;
                wordHasLetter = true;
                var folded = Rune.ToLowerInvariant(rune);
                if (!tooManyDistinct && word.Length < o.MaxRepeatedUnit * 4) word.Append(folded.ToString());
                if (prefix.Count < 2 * o.MaxRepeatedUnit) prefix.Add(folded.Value);
                if (IsNoSpaceScript(rune.Value)) noSpaceLetters++;
            }
            else if (!tooManyDistinct && word.Length < o.MaxRepeatedUnit * 4 && Rune.IsDigit(rune)) word.Append(rune.ToString());
        }
        EndWord();

        if (visible == 0) return "no visible text (only invisible or control characters)";
        if (replacement >= o.MaxReplacementShare * visible)
            return string.Create(CultureInfo.InvariantCulture, $"mostly replacement characters ({replacement} of {visible} visible characters could not be decoded)");
        if (letters == 0) return "no words (only digits, punctuation or symbols)";
        if (RepeatedUnit(text, prefix, letters, o) is { } unit)
            return unit.Length == 1 ? $"one repeated character ('{unit}')" : $"one repeated short unit ('{unit}')";
        if (!tooManyDistinct && words >= o.MinWords && words >= o.MinRepeatsPerWord * distinct.Count)
            return string.Create(CultureInfo.InvariantCulture, $"the same few words repeated ({distinct.Count} distinct in {words} words)");
        bool spaced = noSpaceLetters < o.NoSpaceScriptShare * letters;
        if (letters < o.MinLetters || (spaced && words < o.MinWords))
            return string.Create(CultureInfo.InvariantCulture, $"too short ({letters} letters, {words} words)");
        return null;
    }

    /// <summary>
    /// The shortest unit whose repetition makes up all the letters (case-folded, spaces and punctuation ignored),
    /// found from the first letters and then verified over the whole text; null when there is none.
    /// </summary>
    private static string? RepeatedUnit(string text, List<int> prefix, int letters, ArticleCheckOptions o)
    {
        int period = 0;
        for (int p = 1; p <= o.MaxRepeatedUnit && period == 0; p++)
        {
            // At least three repetitions, and the prefix must be long enough to show the period twice.
            if (letters < 3 * p || prefix.Count < Math.Min(letters, 2 * p)) break;
            bool ok = true;
            for (int i = p; i < prefix.Count && ok; i++) ok = prefix[i] == prefix[i - p];
            if (ok) period = p;
        }
        if (period == 0) return null;
        // Verify over every letter: letter i equals letter i - period (ring buffer of the last period letters).
        var ring = new int[period];
        int n = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune)) continue;
            int v = Rune.ToLowerInvariant(rune).Value;
            if (n >= period && ring[n % period] != v) return null;
            ring[n % period] = v;
            n++;
        }
        var sb = new StringBuilder();
        for (int i = 0; i < period; i++) sb.Append(new Rune(prefix[i]).ToString());
        return sb.ToString();
    }

    /// <summary>Scripts written without spaces between words: Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar, Tibetan.</summary>
    private static bool IsNoSpaceScript(int cp) =>
        cp is >= 0x3040 and <= 0x30FF      // Hiragana, Katakana
            or >= 0x3400 and <= 0x4DBF     // CJK extension A
            or >= 0x4E00 and <= 0x9FFF     // CJK unified
            or >= 0xF900 and <= 0xFAFF     // CJK compatibility
            or >= 0x20000 and <= 0x3FFFF   // CJK extensions B+
            or >= 0x0E00 and <= 0x0EFF     // Thai, Lao
            or >= 0x1780 and <= 0x17FF     // Khmer
            or >= 0x1000 and <= 0x109F     // Myanmar
            or >= 0x0F00 and <= 0x0FFF;    // Tibetan
}

/// <summary>Guards for sections of the pipeline (see <see cref="PipelineBuilder.BeginSection"/>).</summary>
public static class StageGuards
{
    /// <summary>Default text-length budget of the language layer, in characters of clean text.</summary>
    public const int DefaultMaxLanguageChars = 1_000_000;

    /// <summary>
    /// The language layer runs only on articles of reasonable length: a document flagged not-an-article skips it
    /// (SL1019), and one whose clean text exceeds <paramref name="maxChars"/> skips it (SL1017). Both depend only on
    /// the document, so results are the same under any load.
    /// </summary>
    public static StageGuard LanguageLayer(int maxChars = DefaultMaxLanguageChars) => new("language layer", doc =>
        doc.NotArticle is { } reason
            ? new Diagnostic(ErrorCode.SL1019, $"language layer skipped: not an article ({reason})", null, Severity.Info)
            : doc.Text.Length > maxChars
                ? new Diagnostic(ErrorCode.SL1017, string.Create(CultureInfo.InvariantCulture,
                    $"language layer skipped: the clean text has {doc.Text.Length} characters, over the budget of {maxChars}"), null, Severity.Warning)
                : null);
}
