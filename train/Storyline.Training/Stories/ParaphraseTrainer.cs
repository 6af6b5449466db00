using System.Globalization;
using System.Text.Json;
using Storyline.Stories.Embedding;
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
    /// <param name="embedder">Null: the lexical model (<see cref="ParaphraseClassifier.ModelFile"/>); otherwise the model that
    /// adds the embedding features (<see cref="ParaphraseClassifier.EmbeddingModelFile"/>).</param>
    public static TrainResult Train(string msrpPath, string? savePath = null, ISentenceEmbedder? embedder = null)
    {
        var pairs = MsrpCorpus.ReadMsrp(msrpPath);
        var infos = pairs.Select(p => (A: new SentenceInfo(p.A), B: new SentenceInfo(p.B))).ToArray();
        var names = embedder is null ? SentenceFeatures.Names : [.. SentenceFeatures.Names, .. SentenceFeatures.EmbeddingNames];
        var prep = embedder is null ? null : new ParaphraseClassifier(new ParaphraseModel(names, [], [], [], 0, 0.5, 0, ""), embedder);
        prep?.Prepare(infos.SelectMany(x => new[] { x.A, x.B }));
        var feats = infos.Select(x => prep?.Features(x.A, x.B) ?? SentenceFeatures.Compute(x.A, x.B)).ToArray();
        var split = pairs.Select(MsrpCorpus.SplitOf).ToArray();
        int[] Idx(params string[] parts) => Enumerable.Range(0, pairs.Count).Where(i => parts.Contains(split[i])).ToArray();
        var train = Idx("train"); var dev = Idx("dev"); var test = Idx("test");

        var (bestFit, final, bestAcc) = FitAndChoose(feats, pairs, train, dev, Idx("train", "dev"), names);
        if (embedder is not null)
        {
            // the lexical model rides along as a gate: pairs it rules out are never embedded (cost), the gate chosen on dev
            var lexFeats = feats.Select(f => f[..SentenceFeatures.Count]).ToArray();
            var (lexFit, lexFinal, _) = FitAndChoose(lexFeats, pairs, train, dev, Idx("train", "dev"), SentenceFeatures.Names);
            double gate = ChooseGate(bestFit, lexFit, feats, lexFeats, pairs, dev, bestAcc);
            final = final with { Lexical = lexFinal, LexicalGate = gate };
        }
        var clf = new ParaphraseClassifier(final, embedder);
        var (tacc, tf1) = MsrpCorpus.Score(test.Select(i =>
            (clf.Probability(feats[i][..SentenceFeatures.Count], infos[i].A, infos[i].B) >= final.Threshold, pairs[i].Label)));
        if (savePath is not null)
            File.WriteAllBytes(savePath, Serialize(final));
        return new TrainResult(clf, bestAcc, tacc, tf1, train.Length, dev.Length, test.Length);
    }

    /// <summary>Fits each L2 on train, keeps the best by dev accuracy (with its dev threshold), refits it on train+dev.</summary>
    private static (ParaphraseModel TrainFit, ParaphraseModel Final, double DevAccuracy) FitAndChoose(double[][] feats, List<ParaphrasePair> pairs,
        int[] train, int[] dev, int[] trainDev, string[] names)
    {
        ParaphraseModel? best = null; double bestAcc = -1;
        foreach (var l2 in L2Grid)
        {
            var m = Fit(feats, pairs, train, l2, names);
            var (thr, acc) = BestThreshold(m, feats, pairs, dev);
            if (acc > bestAcc) { bestAcc = acc; best = m with { Threshold = thr }; }
        }
        // refit on train+dev with the chosen L2 and keep the dev-chosen threshold
        var final = Fit(feats, pairs, trainDev, best!.L2, names) with { Threshold = best.Threshold };
        return (best, final, bestAcc);
    }

    private static readonly double[] GateGrid = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3];

    /// <summary>
    /// The highest lexical-probability gate (pairs below it skip the embedding) whose cascade keeps the dev accuracy of the
    /// full model; 0 = no gate. Models here are the train-only fits, so dev is held out from both.
    /// </summary>
    private static double ChooseGate(ParaphraseModel full, ParaphraseModel lexical, double[][] feats, double[][] lexFeats,
        List<ParaphrasePair> pairs, int[] dev, double fullAccuracy)
    {
        var clf = new ParaphraseClassifier(full, Unused.Instance);
        double chosen = 0;
        foreach (var gate in GateGrid)
        {
            double acc = dev.Average(i =>
            {
                double pl = LogisticRegression.Probability(lexFeats[i], lexical.Mean, lexical.Std, lexical.Weights, lexical.Bias);
                double p = pl < gate ? pl : clf.Probability(feats[i]);
                return (p >= full.Threshold) == pairs[i].Label ? 1.0 : 0;
            });
            if (acc >= fullAccuracy - 1e-12 && gate < full.Threshold) chosen = gate;
        }
        return chosen;
    }

    private static (double Threshold, double Accuracy) BestThreshold(ParaphraseModel m, double[][] feats, List<ParaphrasePair> pairs, int[] idx)
    {
        var clf = new ParaphraseClassifier(m, Unused.Instance);
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
    private static ParaphraseModel Fit(double[][] feats, List<ParaphrasePair> pairs, int[] idx, double l2, string[] names)
    {
        var f = LogisticRegressionTrainer.Fit([.. idx.Select(i => feats[i])], [.. idx.Select(i => pairs[i].Label)], names.Length, l2, NewtonIterations);
        return new ParaphraseModel(names, f.Mean, f.Std, f.Weights, f.Bias, 0.5, l2,
            string.Create(CultureInfo.InvariantCulture, $"msrp train file, own split: {idx.Length} pairs"));
    }

    /// <summary>Stands in for the embedder where only precomputed features are scored (never asked to embed).</summary>
    private sealed class Unused : ISentenceEmbedder
    {
        public static readonly Unused Instance = new();
        public int Dimensions => 0;
        public float[][] Embed(IReadOnlyList<string> sentences) => throw new InvalidOperationException("features were precomputed");
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The model file's bytes: indented JSON, UTF-8 without a byte-order mark.</summary>
    public static byte[] Serialize(ParaphraseModel model) =>
        System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(model, Indented));
}
