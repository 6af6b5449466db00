using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Storyline.Core;
using Storyline.Stories.Eval;
using Storyline.Stories.Learning;

namespace Storyline.Stories.Engine;

/// <summary>The stored join model: feature standardisation, logistic weights and the decision thresholds.</summary>
public sealed record StoryJoinModelData(
    [property: JsonPropertyName("features")] string[] Features,
    [property: JsonPropertyName("mean")] double[] Mean,
    [property: JsonPropertyName("std")] double[] Std,
    [property: JsonPropertyName("weights")] double[] Weights,
    [property: JsonPropertyName("bias")] double Bias,
    [property: JsonPropertyName("join_probability")] double JoinProbability,
    [property: JsonPropertyName("l2")] double L2,
    [property: JsonPropertyName("trained_on")] string TrainedOn,
    [property: JsonPropertyName("pair")] StoryPairModelData? Pair = null);

/// <summary>
/// The document-pair model of the split step: logistic weights over <see cref="StoryEngine.PairFeatureNames"/> giving the
/// probability that two documents report one event, and the average between-group probability below which a group splits off.
/// </summary>
public sealed record StoryPairModelData(
    [property: JsonPropertyName("features")] string[] Features,
    [property: JsonPropertyName("mean")] double[] Mean,
    [property: JsonPropertyName("std")] double[] Std,
    [property: JsonPropertyName("weights")] double[] Weights,
    [property: JsonPropertyName("bias")] double Bias,
    [property: JsonPropertyName("split_probability")] double SplitProbability)
{
    public double Probability(ReadOnlySpan<double> f) => LogisticRegression.Probability(f, Mean, Std, Weights, Bias);
}

/// <summary>
/// Whether a document belongs to a candidate story: logistic regression over <see cref="StoryEngine.JoinFeatureNames"/>
/// (word, name and number similarity to the story, how many of the document's lead names and of the story's main
/// names the other side has, year and date distance). Trained by <see cref="Train"/> on ECB+ dev topics only,
/// replaying the documents in order with gold stories (teacher forcing), so the rows are the decisions the
/// online engine faces; the join threshold is chosen on the same dev topics by B-cubed F1.
/// </summary>
public sealed class StoryJoinModel(StoryJoinModelData data)
{
    public const string ModelFile = "stories-join.json";
    private static readonly double[] L2Grid = [0.01, 0.1, 1, 10];
    private const int NewtonIterations = 30;

    public StoryJoinModelData Data { get; } = data;

    private static readonly Lazy<StoryJoinModel?> _default = new(LoadDefault);

    /// <summary>The committed model (models/stories-join.json); null when the file is missing (the engine falls back to cosine).</summary>
    public static StoryJoinModel? Default => _default.Value;

    private static StoryJoinModel? LoadDefault()
    {
        var path = RepoPaths.Model(ModelFile);
        return File.Exists(path) ? new StoryJoinModel(JsonSerializer.Deserialize<StoryJoinModelData>(File.ReadAllText(path))!) : null;
    }

    public double Probability(ReadOnlySpan<double> f) => LogisticRegression.Probability(f, Data.Mean, Data.Std, Data.Weights, Data.Bias);

    public sealed record TrainResult(StoryJoinModel Model, int Rows, int Positives, double DevBcubedF1);

    /// <summary>
    /// Fits the model on every document of an ECB+-style folder (all its topics) and picks L2 and the join threshold by
    /// B-cubed F1 on the same documents; writes it to <paramref name="savePath"/> when given. Out-of-sample figures come
    /// from <see cref="StoryEvaluator.CrossValidate"/> (folds of whole topics) and from the sealed test topics.
    /// </summary>
    public static TrainResult Train(string dir, string? savePath = null, StoryOptions? options = null)
    {
        var docs = StoryEvaluator.Load(dir);
        var res = Train(docs, options, $"{docs.Count} documents of {Path.GetFileName(Path.TrimEndingDirectorySeparator(dir))}");
        if (savePath is not null)
            File.WriteAllText(savePath, JsonSerializer.Serialize(res.Model.Data, new JsonSerializerOptions { WriteIndented = true }));
        return res;
    }

    /// <summary>Fits the model on <paramref name="docs"/> (teacher-forced replay) and chooses L2 and the threshold by their B-cubed F1.</summary>
    public static TrainResult Train(IReadOnlyList<GoldDocument> docs, StoryOptions? options = null, string? trainedOn = null)
    {
        var o = options ?? new StoryOptions();
        var analyses = StoryEvaluator.Analyse(docs, o); // once: every replay below reuses them
        // 1. teacher-forced replay: the join model's rows, and document records for the pair model (sketches with the incremental IDF the engine sees)
        var rows = CollectRows(docs, analyses, o, null, out var replay);
        var pair = FitPairModel(docs, replay);
        // 2. the join model
        var gold = docs.Select(d => d.Story).ToArray();
        StoryJoinModel? best = null; double bestF1 = -1;
        foreach (var l2 in L2Grid)
        {
            var fitted = Fit(rows, l2, trainedOn ?? $"{docs.Count} documents") with { Pair = pair };
            foreach (var thr in ThresholdGrid())
            {
                var m = new StoryJoinModel(fitted with { JoinProbability = thr });
                var pred = StoryEvaluator.Cluster(analyses, o, m);
                double f1 = StoryEvaluator.BCubed(gold, pred).F1;
                if (f1 > bestF1 + 1e-9) { bestF1 = f1; best = m; }
            }
        }
        // 3. the split step's threshold, chosen like the join threshold (0 = never split, kept when no threshold helps)
        foreach (var split in SplitGrid)
        {
            var m = new StoryJoinModel(best!.Data with { Pair = pair with { SplitProbability = split } });
            double f1 = StoryEvaluator.BCubed(gold, StoryEvaluator.Cluster(analyses, o, m)).F1;
            if (f1 > bestF1 + 1e-9) { bestF1 = f1; best = m; }
        }
        return new TrainResult(best!, rows.Count, rows.Count(r => r.Y), bestF1);
    }

    /// <summary>Split probabilities tried (average-linkage stop); the model keeps none when none helps.</summary>
    private static readonly double[] SplitGrid = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
    /// <summary>Pairs farther apart than this in document order are not used for the pair model (bounds rows on big folders).</summary>
    private const int PairWindow = 100;

    /// <summary>
    /// Fits the document-pair model on pairs of documents of one topic (or of the whole folder when there are no topics),
    /// labelled by whether their gold stories agree; the records come from a replay of the documents (ids 1..n).
    /// </summary>
    private static StoryPairModelData FitPairModel(IReadOnlyList<GoldDocument> docs, Index.InMemoryStoryIndexStore replay)
    {
        var recs = replay.GetDocuments(Enumerable.Range(1, docs.Count).Select(i => (long)i).ToList()).ToDictionary(r => r.Id);
        var x = new List<double[]>(); var y = new List<bool>();
        for (int i = 0; i < docs.Count; i++)
            for (int j = i + 1; j < docs.Count && j - i <= PairWindow; j++)
            {
                if (docs[i].Topic != docs[j].Topic) continue;
                x.Add(StoryEngine.PairFeatures(recs[i + 1], recs[j + 1]));
                y.Add(docs[i].Story == docs[j].Story);
            }
        var f = LogisticRegression.Fit(x, y, StoryEngine.PairFeatureNames.Length, 1, NewtonIterations);
        return new StoryPairModelData(StoryEngine.PairFeatureNames, f.Mean, f.Std, f.Weights, f.Bias, 0);
    }

    private static IEnumerable<double> ThresholdGrid()
    {
        for (int t = 5; t <= 80; t += 5) yield return t / 100.0;
    }

    /// <summary>
    /// Replays documents in order and records the features of every candidate story met, labelled by whether the story's
    /// majority gold is the document's: with <paramref name="deciding"/> null each document joins its gold story (teacher
    /// forcing), otherwise that model decides (rows from the engine's own mistakes).
    /// </summary>
    internal static List<(double[] X, bool Y)> CollectRows(IReadOnlyList<GoldDocument> docs, IReadOnlyList<DocumentAnalysis> analyses, StoryOptions o,
        StoryJoinModel? deciding, out Index.InMemoryStoryIndexStore store)
    {
        var rows = new List<(double[] X, bool Y)>();
        var goldOf = new Dictionary<long, string>();
        for (int i = 0; i < docs.Count; i++) goldOf[i + 1] = docs[i].Story;
        store = new Index.InMemoryStoryIndexStore();
        var engine = new StoryEngine(store, options: o with { UseJoinModel = deciding is not null }, joinModel: deciding)
            { Teacher = id => goldOf[id], TrainingRows = rows, TeacherForces = deciding is null };
        engine.AddAnalysed(analyses);
        return rows;
    }

    /// <summary>L2-regularised logistic regression by Newton's method on standardised features.</summary>
    private static StoryJoinModelData Fit(List<(double[] X, bool Y)> rows, double l2, string trainedOn)
    {
        var f = LogisticRegression.Fit([.. rows.Select(r => r.X)], [.. rows.Select(r => r.Y)], StoryEngine.JoinFeatureNames.Length, l2, NewtonIterations);
        return new StoryJoinModelData(StoryEngine.JoinFeatureNames, f.Mean, f.Std, f.Weights, f.Bias, 0.5, l2,
            string.Create(CultureInfo.InvariantCulture, $"{trainedOn}, teacher-forced replay: {rows.Count} document-story rows"));
    }
}
