namespace Storyline.Extraction.Evaluation;

/// <summary>Normalised true/false positive and false negative shares of one page (they sum to 1, or all are 0).</summary>
public readonly record struct ShingleCounts(double Tp, double Fp, double Fn);

/// <summary>
/// The scrapinghub article-extraction-benchmark metric (its evaluate.py, described in SOURCE.txt):
/// tokens are <c>\w+</c>, a page is a multiset of 4-token shingles, per-page TP/FP/FN are normalised to
/// sum to 1, precision and recall are means over pages (pages with tp+fp = 0 skipped for precision,
/// tp+fn = 0 for recall), F1 is the harmonic mean of the two means, accuracy is the share of pages
/// whose token list equals the gold one.
/// </summary>
public static class ShingleScorer
{
    /// <summary>Shingle length of the benchmark.</summary>
    public const int NgramN = 4;

    /// <summary>Per-page counts, <c>string_shingle_matching(true, pred)</c>.</summary>
    public static ShingleCounts Match(string? gold, string? predicted)
    {
        var goldShingles = Shingles(gold ?? "");
        var predShingles = Shingles(predicted ?? "");
        double tp = 0, fp = 0, fn = 0;
        foreach (var (key, trueCount) in goldShingles)
        {
            predShingles.TryGetValue(key, out int predCount);
            tp += Math.Min(trueCount, predCount);
            fn += Math.Max(0, trueCount - predCount);
            fp += Math.Max(0, predCount - trueCount);
        }
        foreach (var (key, predCount) in predShingles)
            if (!goldShingles.ContainsKey(key)) fp += predCount;
        double sum = tp + fp + fn;
        return sum > 0 ? new ShingleCounts(tp / sum, fp / sum, fn / sum) : new ShingleCounts(0, 0, 0);
    }

    /// <summary>True when both texts tokenise to the same token list (the benchmark's "accuracy").</summary>
    public static bool ExactTokens(string? gold, string? predicted)
        => PyText.WordTokens(gold ?? "").SequenceEqual(PyText.WordTokens(predicted ?? ""), StringComparer.Ordinal);

    /// <summary>Mean precision, mean recall and their harmonic mean over pages.</summary>
    public static (double Precision, double Recall, double F1) Aggregate(IReadOnlyList<ShingleCounts> pages)
    {
        double pSum = 0, rSum = 0;
        int pN = 0, rN = 0;
        foreach (var c in pages)
        {
            if (c.Tp + c.Fp > 0) { pSum += PagePrecision(c); pN++; }
            if (c.Tp + c.Fn > 0) { rSum += PageRecall(c); rN++; }
        }
        double precision = pN > 0 ? pSum / pN : 0;
        double recall = rN > 0 ? rSum / rN : 0;
        double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        return (precision, recall, f1);
    }

    private static double PagePrecision(ShingleCounts c)
    {
        if (c.Fp == 0 && c.Fn == 0) return 1;
        if (c.Tp == 0 && c.Fp == 0) return 0;
        return c.Tp / (c.Tp + c.Fp);
    }

    private static double PageRecall(ShingleCounts c)
    {
        if (c.Fp == 0 && c.Fn == 0) return 1;
        if (c.Tp == 0 && c.Fn == 0) return 0;
        return c.Tp / (c.Tp + c.Fn);
    }

    /// <summary>
    /// Multiset of shingles. As upstream: with fewer than n tokens the single shingle is the whole
    /// (shorter) token list; no tokens, no shingle. Tokens are joined with U+0001, which \w never matches.
    /// </summary>
    private static Dictionary<string, int> Shingles(string text)
    {
        string[] tokens = [.. PyText.WordTokens(text)];
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        int count = Math.Max(1, tokens.Length - NgramN + 1);
        for (int i = 0; i < count; i++)
        {
            int len = Math.Min(NgramN, tokens.Length - i);
            if (len <= 0) continue;
            string key = string.Join('\u0001', tokens, i, len);
            result[key] = result.GetValueOrDefault(key) + 1;
        }
        return result;
    }
}
