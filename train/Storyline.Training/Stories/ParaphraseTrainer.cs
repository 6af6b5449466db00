using System.Globalization;
using System.Text.Json;
using Storyline.Stories.Learning;
using Storyline.Stories.Rewrite;

namespace Storyline.Stories.Training;

/// <summary>
/// Trains <see cref="ParaphraseClassifier"/> (models/stories-paraphrase.json, `./storyline train paraphrase`) from the MSRP
/// train file: fit on our train part, choose L2 and threshold on dev, refit on train+dev, score the test part.
/// </summary>
public static class ParaphraseTrainer
{
    private static readonly double[] L2Grid = [0.001, 0.01, 0.1, 1, 10];
    private const int NewtonIterations = 25;

    public sealed record TrainResult(ParaphraseClassifier Classifier, double DevAccuracy, double TestAccuracy, double TestF1, int Train, int Dev, int Test);

    /// <summary>Trains the model from an MSRP train file and, when <paramref name="savePath"/> is given, writes it.</summary>
    public static TrainResult Train(string msrpPath, string? savePath = null)
    {
        var pairs = MsrpCorpus.ReadMsrp(msrpPath);
        var feats = pairs.Select(p => SentenceFeatures.Compute(new SentenceInfo(p.A), new SentenceInfo(p.B))).ToArray();
        var split = pairs.Select(MsrpCorpus.SplitOf).ToArray();
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
        var (tacc, tf1) = MsrpCorpus.Score(test.Select(i => (clf.Probability(feats[i]) >= final.Threshold, pairs[i].Label)));
        if (savePath is not null)
            File.WriteAllBytes(savePath, Serialize(final));
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

    /// <summary>L2-regularised logistic regression by Newton's method on standardised features.</summary>
    private static ParaphraseModel Fit(double[][] feats, List<ParaphrasePair> pairs, int[] idx, double l2)
    {
        var f = LogisticRegressionTrainer.Fit([.. idx.Select(i => feats[i])], [.. idx.Select(i => pairs[i].Label)], SentenceFeatures.Count, l2, NewtonIterations);
        return new ParaphraseModel(SentenceFeatures.Names, f.Mean, f.Std, f.Weights, f.Bias, 0.5, l2,
            string.Create(CultureInfo.InvariantCulture, $"msrp train file, own split: {idx.Length} pairs"));
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The model file's bytes: indented JSON, UTF-8 without a byte-order mark.</summary>
    public static byte[] Serialize(ParaphraseModel model) =>
        System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(model, Indented));
}
