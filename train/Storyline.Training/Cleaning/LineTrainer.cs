using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Storyline.Cleaning.Training;

/// <summary>Settings of <see cref="LineClassifier.Train"/>; the defaults reproduce the committed model.</summary>
public sealed record LineTrainingOptions
{
    /// <summary>Folder holding scrapinghub/ and trafilatura-eval/; null = the shared data's extraction folder.</summary>
    public string? ExtractionDir { get; init; }
    public int Epochs { get; init; } = 6;
    public double LearningRate { get; init; } = 0.2;
    public double L2 { get; init; } = 1e-6;
    /// <summary>Features seen on fewer training lines are dropped (keeps the model small and general).</summary>
    public int MinFeatureCount { get; init; } = 4;
    /// <summary>Weight of a content line relative to a debris line: losing text costs more than keeping debris.</summary>
    public double ContentWeight { get; init; } = 1.5;
    /// <summary>
    /// Recall first: the thresholds are those with the best cross-validated debris F1 among those where the classifier
    /// loses at most this share of content tokens beyond what the explicit rules remove, in every benchmark view
    /// (scrapinghub/trafilatura-eval × full/crop).
    /// </summary>
    public double MaxContentRecallLoss { get; init; } = 0.01;
    public int Seed { get; init; } = 20240611;
    /// <summary>Threads used to render pages (the machine has two cores shared with others).</summary>
    public int Parallelism { get; init; } = 2;
}

/// <summary>Everything a training run produced: the model, its cross-validated dev figures and its test figures.</summary>
public sealed record TrainingResult(
    LineModel Model,
    SortedDictionary<string, CleaningFigures> CrossValidated,
    SortedDictionary<string, CleaningFigures> Test,
    SortedDictionary<string, CleaningFigures> TestRulesOnly,
    int TrainLines, int Features);

/// <summary>
/// Renders and labels the benchmark pages, trains logistic regression (AdaGrad SGD, binary features), and picks the
/// decision threshold on out-of-fold scores of the dev pages (5-fold cross-validation), so the threshold is never
/// chosen on lines the scoring model was trained on. The committed model is then fitted on all dev pages.
/// </summary>
public static class LineTrainer
{
    private const double ThresholdLow = 0.30, ThresholdHigh = 0.98, ThresholdStep = 0.02;

    public static TrainingResult Run(LineTrainingOptions o, TextWriter? log)
    {
        var sw = Stopwatch.StartNew();
        var docs = LineLabeler.LoadLabelledDocs(o.ExtractionDir, o.Parallelism);
        log?.WriteLine(Inv($"rendered and labelled {docs.Count} views of {docs.Select(d => d.Page.Id).Distinct().Count()} pages in {sw.Elapsed.TotalSeconds:0.0}s"));
        var dev = docs.Where(d => d.Page.Part == SplitPart.Dev).ToList();
        var test = docs.Where(d => d.Page.Part == SplitPart.Test).ToList();

        var features = new FeatureTable();
        var examples = dev.Select(features.Examples).ToList();
        var oof = CrossValidate(dev, features, examples, o, log);

        var cleaner = new TextCleaner(new TextCleaningOptions { UseClassifier = false });
        var (outside, inside, figures) = TuneThresholds(dev, oof, cleaner, o, log);

        var (weights, lines) = Fit(features, examples.SelectMany(e => e).ToList(), o, log);
        var info = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["trained_on"] = "shared/data/extraction scrapinghub + trafilatura-eval: dev part (80 %) of the page-id hash split",
            ["dev_pages"] = dev.Select(d => d.Page.Id).Distinct().Count().ToString(CultureInfo.InvariantCulture),
            ["train_lines"] = lines.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = o.Epochs.ToString(CultureInfo.InvariantCulture),
            ["threshold_rule"] = Inv($"best {Splits.Folds}-fold cross-validated debris F1 (mean over set/view) on dev where the classifier loses at most {o.MaxContentRecallLoss} of content tokens beyond the rules in every view; thresholds outside and inside the body tuned jointly"),
        };
        var model = new LineModel(weights, outside, inside, info);
        var testFigures = CleaningEvaluator.Evaluate(test, new TextCleaner(new TextCleaningOptions { Model = model }));
        var rulesOnly = CleaningEvaluator.Evaluate(test, new TextCleaner(new TextCleaningOptions { UseClassifier = false }));
        foreach (var (k, v) in testFigures[CleaningEvaluator.AllGroup].ToMap()) info["test_" + k] = Inv($"{v:0.####}");
        model = new LineModel(weights, outside, inside, info);
        log?.WriteLine(Inv($"done in {sw.Elapsed.TotalSeconds:0.0}s"));
        return new TrainingResult(model, figures, testFigures, rulesOnly, lines, weights.Count);
    }

    /// <summary>
    /// Picks the thresholds outside and inside the body. Line outcomes in the two regions are independent, so the counts of
    /// every pair come from one pass per threshold and region (a + b − rules only) instead of one pass per pair.
    /// </summary>
    private static (float Outside, float Inside, SortedDictionary<string, CleaningFigures> Figures) TuneThresholds(
        List<LabelledDoc> dev, Dictionary<LabelledDoc, (LineContext Ctx, float[] P)> oof, TextCleaner cleaner, LineTrainingOptions o, TextWriter? log)
    {
        var grid = Enumerable.Range(0, (int)Math.Round((ThresholdHigh - ThresholdLow) / ThresholdStep) + 1)
            .Select(k => (float)Math.Round(ThresholdLow + k * ThresholdStep, 2)).Append(LineModel.Never).ToArray();
        SortedDictionary<string, CleaningFigures> Run(float outside, float inside)
            => CleaningEvaluator.Evaluate(dev, d => cleaner.Clean(oof[d].Ctx, oof[d].P, outside, inside, null));
        var rules = Run(LineModel.Never, LineModel.Never);
        var byOutside = new SortedDictionary<string, CleaningFigures>[grid.Length];
        var byInside = new SortedDictionary<string, CleaningFigures>[grid.Length];
        Parallel.For(0, 2 * grid.Length, new ParallelOptions { MaxDegreeOfParallelism = o.Parallelism }, k =>
        {
            if (k < grid.Length) byOutside[k] = Run(grid[k], LineModel.Never);
            else byInside[k - grid.Length] = Run(LineModel.Never, grid[k - grid.Length]);
        });

        (int, int) best = (grid.Length - 1, grid.Length - 1);
        double bestF1 = -1, bestMargin = double.NegativeInfinity;
        for (int a = 0; a < grid.Length; a++)
            for (int b = 0; b < grid.Length; b++)
            {
                var groups = rules.Keys.ToDictionary(g => g, g => CleaningFigures.Combine(byOutside[a][g], byInside[b][g], rules[g]));
                // The margin left in the view closest to its budget (negative: over budget).
                double margin = groups.Where(kv => !double.IsNaN(kv.Value.ContentTokenRecall))
                    .Min(kv => kv.Value.ContentTokenRecall - (rules[kv.Key].ContentTokenRecall - o.MaxContentRecallLoss));
                // Every set and view counts the same: full pages (hundreds of menu lines) must not drown the scrape-like crops.
                double f1 = groups.Where(kv => kv.Key != CleaningEvaluator.AllGroup).Average(kv => kv.Value.DebrisF1);
                bool ok = margin >= 0, bestOk = bestMargin >= 0;
                if ((ok && (!bestOk || f1 > bestF1)) || (!ok && !bestOk && margin > bestMargin))
                {
                    best = (a, b); bestF1 = f1; bestMargin = margin;
                }
            }
        float outside = grid[best.Item1], inside = grid[best.Item2];
        log?.WriteLine(Inv($"thresholds outside {outside:0.00}, inside {inside:0.00}: cross-validated mean debris F1 over views {bestF1:0.####}, content recall margin left {bestMargin:0.####}"));
        foreach (var k in new[] { 0, grid.Length / 2, grid.Length - 2, grid.Length - 1 })
            log?.WriteLine(Inv($"  for reference, outside {grid[k]:0.00}: {byOutside[k][CleaningEvaluator.AllGroup]}; inside {grid[k]:0.00}: {byInside[k][CleaningEvaluator.AllGroup]}"));
        return (outside, inside, Run(outside, inside));
    }

    /// <summary>Out-of-fold P(debris) for every view: each page scored by a model fitted without its fold.</summary>
    public static Dictionary<LabelledDoc, (LineContext Ctx, float[] P)> CrossValidate(List<LabelledDoc> dev, LineTrainingOptions o, TextWriter? log = null)
    {
        var features = new FeatureTable();
        return CrossValidate(dev, features, dev.Select(features.Examples).ToList(), o, log);
    }

    private static Dictionary<LabelledDoc, (LineContext Ctx, float[] P)> CrossValidate(
        List<LabelledDoc> dev, FeatureTable features, List<List<(int[] F, bool Debris)>> examples, LineTrainingOptions o, TextWriter? log)
    {
        var oof = new Dictionary<LabelledDoc, (LineContext Ctx, float[] P)>();
        for (int fold = 0; fold < Splits.Folds; fold++)
        {
            var trainIdx = Enumerable.Range(0, dev.Count).Where(i => Splits.FoldOf(dev[i].Page.Id) != fold).ToList();
            var (w, _) = Fit(features, trainIdx.SelectMany(i => examples[i]).ToList(), o, null);
            var m = new LineModel(w, 0.5f, 0.5f);
            foreach (var d in dev.Where(d => Splits.FoldOf(d.Page.Id) == fold))
            {
                var ctx = new LineContext(d.Lines);
                oof[d] = (ctx, m.Score(ctx));
            }
            log?.WriteLine(Inv($"fold {fold + 1}/{Splits.Folds} scored"));
        }
        return oof;
    }

    /// <summary>Feature names ↔ ids, shared by all fits of one run.</summary>
    private sealed class FeatureTable : IFeatureSink
    {
        public readonly Dictionary<string, int> Ids = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private readonly List<int> _buffer = [];

        public FeatureTable() => _lookup = Ids.GetAlternateLookup<ReadOnlySpan<char>>();

        public void Add(string name, float value = 1f)
        {
            if (!Ids.TryGetValue(name, out int id)) Ids[name] = id = Ids.Count;
            _buffer.Add(id);
        }

        public void Add(ReadOnlySpan<char> name)
        {
            if (!_lookup.TryGetValue(name, out int id)) Ids[name.ToString()] = id = Ids.Count;
            _buffer.Add(id);
        }

        /// <summary>The labelled lines of one view as (feature ids, is debris).</summary>
        public List<(int[] F, bool Debris)> Examples(LabelledDoc doc)
        {
            var ctx = new LineContext(doc.Lines);
            var list = new List<(int[], bool)>();
            for (int i = 0; i < doc.Lines.Count; i++)
            {
                if (doc.Labels[i] == LineLabel.Unknown) continue;
                _buffer.Clear();
                LineFeatures.Extract(ctx, i, this);
                list.Add(([.. _buffer], doc.Labels[i] == LineLabel.Debris));
            }
            return list;
        }
    }

    /// <summary>Logistic regression with per-feature AdaGrad steps and L2 over binary features.</summary>
    private static (Dictionary<string, float> Weights, int Lines) Fit(FeatureTable table, List<(int[] F, bool Debris)> examples, LineTrainingOptions o, TextWriter? log)
    {
        int dim = table.Ids.Count;
        var counts = new int[dim];
        foreach (var (f, _) in examples) foreach (var id in f) counts[id]++;
        var data = examples.Select(e => (F: e.F.Where(id => counts[id] >= o.MinFeatureCount).ToArray(), e.Debris)).ToArray();
        log?.WriteLine(Inv($"training lines {data.Length} ({data.Count(e => e.Debris)} debris), features {counts.Count(c => c >= o.MinFeatureCount)} of {counts.Count(c => c > 0)} kept"));

        var w = new double[dim];
        var g2 = new double[dim];
        var rng = new Random(o.Seed);
        var order = Enumerable.Range(0, data.Length).ToArray();
        for (int epoch = 0; epoch < o.Epochs; epoch++)
        {
            rng.Shuffle(order);
            double loss = 0;
            foreach (var k in order)
            {
                var (f, isDebris) = data[k];
                double z = 0;
                foreach (var id in f) z += w[id];
                double p = 1 / (1 + Math.Exp(-z));
                double weight = isDebris ? 1 : o.ContentWeight;
                loss -= weight * Math.Log(Math.Max(isDebris ? p : 1 - p, 1e-12));
                double g = weight * (p - (isDebris ? 1 : 0));
                foreach (var id in f)
                {
                    double gi = g + o.L2 * w[id];
                    g2[id] += gi * gi;
                    w[id] -= o.LearningRate * gi / (Math.Sqrt(g2[id]) + 1e-8);
                }
            }
            log?.WriteLine(Inv($"  epoch {epoch + 1}: mean loss {loss / data.Length:0.0000}"));
        }
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var (name, id) in table.Ids)
            if (counts[id] >= o.MinFeatureCount && Math.Abs(w[id]) >= 1e-4) weights[name] = (float)w[id];
        return (weights, data.Length);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
