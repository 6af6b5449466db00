namespace Storyline.Stories.Rewrite;

/// <summary>One labelled sentence pair of an MSRP-format file.</summary>
public sealed record ParaphrasePair(bool Label, string Id1, string Id2, string A, string B);

/// <summary>The MSRP paraphrase corpus: reading, our own train/dev/test split, and the accuracy/F1 score.</summary>
public static class MsrpCorpus
{
    /// <summary>Share of the MSRP train file kept as our test part.</summary>
    public const int TestPercent = 20;
    /// <summary>Share of the MSRP train file used as dev (L2 and threshold choice).</summary>
    public const int DevPercent = 16;

    /// <summary>Reads an MSRP-format TSV (header line, then Quality, #1 ID, #2 ID, #1 String, #2 String).</summary>
    public static List<ParaphrasePair> ReadMsrp(string path)
    {
        var pairs = new List<ParaphrasePair>();
        foreach (var line in File.ReadLines(path))
        {
            var p = line.Split('\t');
            if (p.Length < 5 || p[0] is not ("0" or "1")) continue; // header or malformed
            pairs.Add(new ParaphrasePair(p[0] == "1", p[1], p[2], p[3], p[4]));
        }
        return pairs;
    }

    /// <summary>Which part of our split a pair belongs to: "train", "dev" or "test" (stable hash of its ids).</summary>
    public static string SplitOf(ParaphrasePair p)
    {
        ulong h = Text.TextTools.Hash(p.Id1 + "|" + p.Id2) % 100;
        return h < TestPercent ? "test" : h < TestPercent + DevPercent ? "dev" : "train";
    }

    /// <summary>Accuracy and F1 of the positive class from (predicted, gold) pairs.</summary>
    public static (double Accuracy, double F1) Score(IEnumerable<(bool Pred, bool Gold)> results)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var (p, g) in results)
        {
            if (p && g) tp++; else if (p) fp++; else if (g) fn++; else tn++;
        }
        int n = tp + fp + fn + tn;
        double acc = n == 0 ? 0 : (double)(tp + tn) / n;
        double f1 = 2 * tp + fp + fn == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
        return (acc, f1);
    }
}
