using System.Globalization;
using System.Text.Json;
using Storyline.Stories.Engine;
using Storyline.Stories.Eval;
using Storyline.Stories.Index;
using Storyline.Stories.Learning;

namespace Storyline.Stories.Training;

/// <summary>
/// Trains <see cref="StoryJoinModel"/> (models/stories-join.json, `./storyline train stories`) on ECB+-style folders, and
/// cross-validates it by topic (`./storyline eval stories --cv`).
/// </summary>
public static class StoryJoinTrainer
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public sealed record TrainResult(StoryJoinModel Model, int Rows, int Positives, double DevBcubedF1);

    private static readonly double[] L2Grid = [0.01, 0.1, 1, 10];
    private const int NewtonIterations = 30;

    /// <summary>
    /// Fits the model on every document of an ECB+-style folder (all its topics) and picks L2 and the join threshold by
    /// B-cubed F1 on the same documents; writes it to <paramref name="savePath"/> when given. Out-of-sample figures come
    /// from <see cref="CrossValidate"/> (folds of whole topics) and from the sealed test topics.
    /// </summary>
    public static TrainResult Train(string dir, string? savePath = null, StoryOptions? options = null)
    {
        var docs = StoryEvaluator.Load(dir);
        var res = Train(docs, options, $"{docs.Count} documents of {Path.GetFileName(Path.TrimEndingDirectorySeparator(dir))}");
        if (savePath is not null)
            File.WriteAllText(savePath, JsonSerializer.Serialize(res.Model.Data, Indented));
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
            var fitted = Fit(rows, l2, trainedOn ?? $"{docs.Count} documents", StoryEngine.JoinFeatureNamesFor(o)) with { Pair = pair };
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
    private static StoryPairModelData FitPairModel(IReadOnlyList<GoldDocument> docs, InMemoryStoryIndexStore replay)
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
        var f = LogisticRegressionTrainer.Fit(x, y, StoryEngine.PairFeatureNames.Length, 1, NewtonIterations);
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
        StoryJoinModel? deciding, out InMemoryStoryIndexStore store)
    {
        var rows = new List<(double[] X, bool Y)>();
        var goldOf = new Dictionary<long, string>();
        for (int i = 0; i < docs.Count; i++) goldOf[i + 1] = docs[i].Story;
        store = new InMemoryStoryIndexStore();
        var engine = new StoryEngine(store, options: o with { UseJoinModel = deciding is not null }, joinModel: deciding)
            { Teacher = id => goldOf[id], TrainingRows = rows, TeacherForces = deciding is null };
        engine.AddAnalysed(analyses);
        return rows;
    }

    /// <summary>L2-regularised logistic regression by Newton's method on standardised features.</summary>
    private static StoryJoinModelData Fit(List<(double[] X, bool Y)> rows, double l2, string trainedOn, string[] names)
    {
        var f = LogisticRegressionTrainer.Fit([.. rows.Select(r => r.X)], [.. rows.Select(r => r.Y)], names.Length, l2, NewtonIterations);
        return new StoryJoinModelData(names, f.Mean, f.Std, f.Weights, f.Bias, 0.5, l2,
            string.Create(CultureInfo.InvariantCulture, $"{trainedOn}, teacher-forced replay: {rows.Count} document-story rows"));
    }

    /// <summary>
    /// K-fold cross-validation over whole topics: topics (sorted) are dealt round-robin into <paramref name="folds"/> folds; for
    /// each fold the join model is trained (<see cref="Train(IReadOnlyList{GoldDocument}, StoryOptions?, string?)"/>)
    /// on the other folds only and clusters this fold's documents from scratch. The scores pool every document's
    /// out-of-fold story, so no document is scored by a model that saw its topic.
    /// </summary>
    public static StoryEvalResult CrossValidate(string dir, int folds, StoryOptions? options = null, Action<int, int>? progress = null, string? split = null)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), "cross-validation needs at least 2 folds");
        var docs = StoryEvaluator.Load(dir).Where(d => split is null || d.Split == split).ToList();
        var topics = docs.Select(d => d.Topic ?? throw new InvalidDataException($"{d.DocId}: cross-validation needs a 'topic' field on every document"))
            .Distinct().OrderBy(t => int.TryParse(t, out var n) ? n : int.MaxValue).ThenBy(t => t, StringComparer.Ordinal).ToList();
        if (topics.Count < folds) throw new InvalidDataException($"{topics.Count} topics cannot fill {folds} folds");
        var foldOf = topics.Select((t, i) => (t, i % folds)).ToDictionary(x => x.t, x => x.Item2);
        var predicted = new string[docs.Count];
        for (int k = 0; k < folds; k++)
        {
            progress?.Invoke(k, folds);
            var train = docs.Where(d => foldOf[d.Topic!] != k).ToList();
            var testIdx = Enumerable.Range(0, docs.Count).Where(i => foldOf[docs[i].Topic!] == k).ToList();
            var model = Train(train, options, $"cross-validation fold {k + 1}/{folds}").Model;
            var pred = StoryEvaluator.Cluster(testIdx.Select(i => docs[i]).ToList(), options, model);
            for (int j = 0; j < testIdx.Count; j++) predicted[testIdx[j]] = $"{k}:{pred[j]}";
        }
        progress?.Invoke(folds, folds);
        var gold = docs.Select(d => d.Story).ToArray();
        var (bp, br, bf) = StoryEvaluator.BCubed(gold, predicted);
        var (pp, pr, pf) = StoryEvaluator.Pairwise(gold, predicted);
        return new StoryEvalResult(dir, $"{folds}-fold cross-validation by topic{(split is null ? "" : " of the " + split + " documents")}", docs.Count, gold.Distinct().Count(), predicted.Distinct().Count(),
            bp, br, bf, pp, pr, pf, 0);
    }
}
