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
    [property: JsonPropertyName("trained_on")] string TrainedOn);

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
    /// <summary>The ECB+ split the model and its threshold are fitted on; the train split stays held out.</summary>
    public const string TuneSplit = "dev";
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

    public double Probability(ReadOnlySpan<double> f)
    {
        double z = Data.Bias;
        for (int i = 0; i < f.Length; i++) z += Data.Weights[i] * (f[i] - Data.Mean[i]) / Data.Std[i];
        return 1 / (1 + Math.Exp(-z));
    }

    public sealed record TrainResult(StoryJoinModel Model, int Rows, int Positives, double DevBcubedF1);

    /// <summary>
    /// Fits the model on the <see cref="TuneSplit"/> documents of an ECB+-style folder and picks L2 and the join
    /// threshold by B-cubed F1 on the same documents; writes it to <paramref name="savePath"/> when given.
    /// </summary>
    public static TrainResult Train(string dir, string? savePath = null, StoryOptions? options = null)
    {
        var docs = StoryEvaluator.Load(dir).Where(d => d.Split == TuneSplit).ToList();
        var o = options ?? new StoryOptions();
        var rows = CollectRows(docs, o, null);
        var gold = docs.Select(d => d.Story).ToArray();
        StoryJoinModel? best = null; double bestF1 = -1;
        foreach (var l2 in L2Grid)
        {
            var fitted = Fit(rows, l2);
            foreach (var thr in ThresholdGrid())
            {
                var m = new StoryJoinModel(fitted with { JoinProbability = thr });
                var pred = StoryEvaluator.Cluster(docs, o, m);
                double f1 = StoryEvaluator.BCubed(gold, pred).F1;
                if (f1 > bestF1 + 1e-9) { bestF1 = f1; best = m; }
            }
        }
        if (savePath is not null)
            File.WriteAllText(savePath, JsonSerializer.Serialize(best!.Data, new JsonSerializerOptions { WriteIndented = true }));
        return new TrainResult(best!, rows.Count, rows.Count(r => r.Y), bestF1);
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
    internal static List<(double[] X, bool Y)> CollectRows(IReadOnlyList<GoldDocument> docs, StoryOptions o, StoryJoinModel? deciding)
    {
        var rows = new List<(double[] X, bool Y)>();
        var goldOf = new Dictionary<long, string>();
        for (int i = 0; i < docs.Count; i++) goldOf[i + 1] = docs[i].Story;
        var engine = new StoryEngine(new Index.InMemoryStoryIndexStore(), options: o with { UseJoinModel = deciding is not null }, joinModel: deciding)
            { Teacher = id => goldOf[id], TrainingRows = rows, TeacherForces = deciding is null };
        engine.AddBatch(StoryEvaluator.ToDocuments(docs));
        return rows;
    }

    /// <summary>L2-regularised logistic regression by Newton's method on standardised features.</summary>
    private static StoryJoinModelData Fit(List<(double[] X, bool Y)> rows, double l2)
    {
        var f = LogisticRegression.Fit([.. rows.Select(r => r.X)], [.. rows.Select(r => r.Y)], StoryEngine.JoinFeatureNames.Length, l2, NewtonIterations);
        return new StoryJoinModelData(StoryEngine.JoinFeatureNames, f.Mean, f.Std, f.Weights, f.Bias, 0.5, l2,
            string.Create(CultureInfo.InvariantCulture, $"ECB+ {TuneSplit} topics, teacher-forced replay: {rows.Count} document-story rows"));
    }
}
