using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Storyline.Core;
using Storyline.Stories.Learning;

namespace Storyline.Stories.Rewrite;

/// <summary>One labelled sentence pair of an MSRP-format file.</summary>
public sealed record ParaphrasePair(bool Label, string Id1, string Id2, string A, string B);

/// <summary>The stored paraphrase model: standardisation, weights, decision threshold.</summary>
public sealed record ParaphraseModel(
    [property: JsonPropertyName("features")] string[] Features,
    [property: JsonPropertyName("mean")] double[] Mean,
    [property: JsonPropertyName("std")] double[] Std,
    [property: JsonPropertyName("weights")] double[] Weights,
    [property: JsonPropertyName("bias")] double Bias,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("l2")] double L2,
    [property: JsonPropertyName("trained_on")] string TrainedOn);

/// <summary>
/// Sentence-pair paraphrase classifier: logistic regression over <see cref="SentenceFeatures"/>, trained on
/// the MSRP train file with our own split (64% fit / 16% dev for choosing L2 and threshold / 20% test,
/// never tuned on; split by a hash of the pair's sentence ids).
/// </summary>
public sealed class ParaphraseClassifier(ParaphraseModel model)
{
    public const string ModelFile = "stories-paraphrase.json";
    /// <summary>Share of the MSRP train file kept as our test part.</summary>
    public const int TestPercent = 20;
    /// <summary>Share of the MSRP train file used as dev (L2 and threshold choice).</summary>
    public const int DevPercent = 16;

    private static readonly double[] L2Grid = [0.001, 0.01, 0.1, 1, 10];
    private const int NewtonIterations = 25;

    public ParaphraseModel Model { get; } = model;

    private static readonly Lazy<ParaphraseClassifier> _default = new(LoadDefault);

    /// <summary>The committed model (models/stories-paraphrase.json), trained from shared data if the file is missing.</summary>
    public static ParaphraseClassifier Default => _default.Value;

    private static ParaphraseClassifier LoadDefault()
    {
        var path = RepoPaths.Model(ModelFile);
        if (File.Exists(path))
            return new ParaphraseClassifier(JsonSerializer.Deserialize<ParaphraseModel>(File.ReadAllText(path))!);
        return Train(RepoPaths.Data("dedup", "msrp", "msr_paraphrase_train.txt")).Classifier;
    }

    /// <summary>Probability that the pair is a paraphrase.</summary>
    public double Probability(SentenceInfo a, SentenceInfo b) => Probability(SentenceFeatures.Compute(a, b));

    public double Probability(double[] f) => Learning.LogisticRegression.Probability(f, Model.Mean, Model.Std, Model.Weights, Model.Bias);

    public bool IsParaphrase(SentenceInfo a, SentenceInfo b) => Probability(a, b) >= Model.Threshold;

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

    public sealed record TrainResult(ParaphraseClassifier Classifier, double DevAccuracy, double TestAccuracy, double TestF1, int Train, int Dev, int Test);

    /// <summary>Trains the model from an MSRP train file and, when <paramref name="savePath"/> is given, writes it.</summary>
    public static TrainResult Train(string msrpPath, string? savePath = null)
    {
        var pairs = ReadMsrp(msrpPath);
        var feats = pairs.Select(p => SentenceFeatures.Compute(new SentenceInfo(p.A), new SentenceInfo(p.B))).ToArray();
        var split = pairs.Select(SplitOf).ToArray();
        int[] Idx(params string[] parts) => Enumerable.Range(0, pairs.Count).Where(i => parts.Contains(split[i])).ToArray();
        var train = Idx("train"); var dev = Idx("dev"); var test = Idx("test");

        ParaphraseModel? best = null; double bestAcc = -1;
        foreach (var l2 in L2Grid)
        {
            var m = Fit(feats, pairs, train, l2);
            var (thr, acc) = BestThreshold(m, feats, pairs, dev);
            if (acc > bestAcc) { bestAcc = acc; best = m with { Threshold = thr }; }
        }
        // refit on train+dev with the chosen L2 and keep the dev-chosen threshold
        var final = Fit(feats, pairs, Idx("train", "dev"), best!.L2) with { Threshold = best.Threshold };
        var clf = new ParaphraseClassifier(final);
        var (tacc, tf1) = Score(test.Select(i => (clf.Probability(feats[i]) >= final.Threshold, pairs[i].Label)));
        if (savePath is not null)
            File.WriteAllText(savePath, JsonSerializer.Serialize(final, new JsonSerializerOptions { WriteIndented = true }));
        return new TrainResult(clf, bestAcc, tacc, tf1, train.Length, dev.Length, test.Length);
    }

    private static (double Threshold, double Accuracy) BestThreshold(ParaphraseModel m, double[][] feats, List<ParaphrasePair> pairs, int[] idx)
    {
        var clf = new ParaphraseClassifier(m);
        var probs = idx.Select(i => clf.Probability(feats[i])).ToArray();
        double bestT = 0.5, bestA = -1;
        for (double t = 0.2; t <= 0.8001; t += 0.01)
        {
            double acc = idx.Select((i, k) => (probs[k] >= t) == pairs[i].Label ? 1.0 : 0).Average();
            if (acc > bestA) { bestA = acc; bestT = Math.Round(t, 2); }
        }
        return (bestT, bestA);
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

    /// <summary>L2-regularised logistic regression by Newton's method on standardised features.</summary>
    private static ParaphraseModel Fit(double[][] feats, List<ParaphrasePair> pairs, int[] idx, double l2)
    {
        var f = LogisticRegression.Fit([.. idx.Select(i => feats[i])], [.. idx.Select(i => pairs[i].Label)], SentenceFeatures.Count, l2, NewtonIterations);
        return new ParaphraseModel(SentenceFeatures.Names, f.Mean, f.Std, f.Weights, f.Bias, 0.5, l2,
            string.Create(CultureInfo.InvariantCulture, $"msrp train file, own split: {idx.Length} pairs"));
    }
}
