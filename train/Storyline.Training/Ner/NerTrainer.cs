using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Storyline.Core;
using Storyline.Ner.Conll;
using Storyline.Ner.Evaluation;
using Storyline.Ner.Features;
using Storyline.Ner.Model;
using Storyline.Ner.Resources;

namespace Storyline.Ner.Training;

/// <summary>
/// Settings for <see cref="NerTrainer.Train"/>; the defaults reproduce the committed model (trained on
/// eng.train + eng.testa with settings chosen on eng.testa in train-only runs: set <see cref="IncludeDev"/> false to redo those).
/// </summary>
public sealed record NerTrainerOptions
{
    /// <summary>The shared data folder; null finds it with <see cref="RepoPaths.SharedData"/>.</summary>
    public string? SharedData { get; init; }
    /// <summary>Where the model is written; null = models/ner.bin. Set <see cref="Save"/> false to keep it in memory only.</summary>
    public string? OutputPath { get; init; }
    public bool Save { get; init; } = true;
    /// <summary>Most passes over the training data; the epoch with the best dev (testa) F1 is kept.</summary>
    public int MaxEpochs { get; init; } = 25;
    /// <summary>Stop when dev F1 has not improved for this many epochs.</summary>
    public int Patience { get; init; } = 6;
    /// <summary>Folds for mining gazetteers from the training data without letting a document see its own entities.</summary>
    public int MinedFolds { get; init; } = 10;
    public IReadOnlyList<int> ClusterSizes { get; init; } = [64, 256, 1024];
    public int ClusterIterations { get; init; } = 10;
    /// <summary>A file to keep the unlabelled-text resources (clusters, case statistics) between runs; rebuilt when absent.</summary>
    public string? ResourceCache { get; init; }
    public FeatureSet Features { get; init; } = FeatureSet.All;
    /// <summary>
    /// Adds a second pass that reads the first pass's labels over the whole document (stacked on
    /// cross-validated predictions). Off by default: with context aggregation and beam search it gained
    /// under 0.1 dev F1 and halves tagging speed.
    /// </summary>
    public bool TwoPass { get; init; }
    public int StackFolds { get; init; } = 5;
    /// <summary>Train with gold labels as history instead of the model's own predictions.</summary>
    public bool GoldHistory { get; init; }
    /// <summary>
    /// Also train on testa, the standard last step once settings are chosen on dev. No dev score is then
    /// available to pick epochs: <see cref="Pass1Epochs"/> and <see cref="Pass2Epochs"/> (chosen in a run
    /// without dev) are used as they are.
    /// </summary>
    public bool IncludeDev { get; init; } = true;
    /// <summary>Epochs of the first pass when training on train+dev (train-only runs peak on dev at epochs 8-12, then slowly decline).</summary>
    public int Pass1Epochs { get; init; } = 12;
    /// <summary>Epochs of the second pass when training on train+dev.</summary>
    public int Pass2Epochs { get; init; } = 10;
    /// <summary>
    /// Chance that a word seen only once in the training data loses its identity features in a training
    /// epoch (like the singleton word dropout of Lample et al. 2016): teaches the back-off to unseen words.
    /// </summary>
    public double SingletonDropout { get; init; } = 0.5;
    public int Seed { get; init; } = 17;
    /// <summary>Beam width for training and tagging; 1 = greedy. Wider beams train a structured perceptron with early updates.</summary>
    public int Beam { get; init; } = 4;
    /// <summary>
    /// Each pass is trained this many times with different shuffles (seeds Seed, Seed+1, ...) and the
    /// weights are averaged: a cheap ensemble that costs training time only, not tagging time. Two seeds: dev (testa)
    /// F1 93.68 → 93.80 and recent-news dev 79.11 → 81.54 in train-only runs.
    /// </summary>
    public int Ensemble { get; init; } = 2;
    /// <summary>
    /// Trains a first model, tags the unlabelled news with it and adds the names it tags consistently as gazetteer
    /// lists (<see cref="SelfGazetteer"/>) before the model that is kept is trained. Costs one more first pass. Off:
    /// in train-only runs it gave testa 93.62 vs 93.68 (one seed) and 93.71 vs 93.80 (two seeds), recent-news dev
    /// 80.32 vs 79.11 and 80.16 vs 81.54.
    /// </summary>
    public bool SelfGazetteer { get; init; }
    /// <summary>Fewest times a name must be tagged in the unlabelled news to enter a self-trained list.</summary>
    public int SelfGazetteerMinCount { get; init; } = 3;
    /// <summary>Least share of its taggings that must agree on the name's type.</summary>
    public double SelfGazetteerShare { get; init; } = 0.8;
    public Action<string>? Log { get; init; }
}

public sealed record NerTrainingResult(NerModel Model, double DevF1, int Epochs, string? SavedTo, TimeSpan Elapsed, IReadOnlyList<string> Report);

/// <summary>
/// Trains the NER model on CoNLL-2003: settings and epochs are chosen on eng.testa (dev) with
/// <see cref="NerTrainerOptions.IncludeDev"/> off; the committed model is then trained on eng.train +
/// eng.testa with those settings. Never looks at eng.testb's labels. BILOU tagging with beam search and
/// a structured averaged perceptron (early update); features in <see cref="FeatureExtractor"/>.
/// </summary>
public static class NerTrainer
{
    private sealed class TrainDoc
    {
        public required string[] Words;
        public required int[] Starts;
        public required int[] Gold;
        public required int Fold;
        public int[]? Pass1;
        public bool[]? Singleton;
    }

    public static NerTrainingResult Train(NerTrainerOptions? options = null)
    {
        var o = options ?? new NerTrainerOptions();
        var total = Stopwatch.StartNew();
        var report = new List<string>();
        void Log(string m) { report.Add(m); o.Log?.Invoke(m); }
        string shared = o.SharedData ?? RepoPaths.SharedData ?? throw new DirectoryNotFoundException("shared data folder not found");
        string conll = Path.Combine(shared, "ner", "conll2003");
        var trainDocs = ConllReader.ReadFile(Path.Combine(conll, "eng.train"));
        var devDocs = ConllReader.ReadFile(Path.Combine(conll, "eng.testa"));
        if (o.IncludeDev) trainDocs = [.. trainDocs, .. devDocs];
        Log($"train: {trainDocs.Count} documents, {trainDocs.Sum(d => d.TokenCount):N0} tokens; dev: {devDocs.Count} documents");

        var (caseStats, clusters) = UnlabelledResources(shared, o, Log);
        var external = (o.Features & FeatureSet.Gazetteers) != 0 ? GazetteerBuilder.BuildExternal(shared, Log) : new Gazetteer();

        var docs = new List<TrainDoc>();
        for (int i = 0; i < trainDocs.Count; i++) docs.Add(ToTrainDoc(trainDocs[i], i % o.MinedFolds));
        var wordCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in docs) foreach (var w in d.Words) wordCounts[w] = wordCounts.GetValueOrDefault(w) + 1;
        foreach (var d in docs) d.Singleton = [.. d.Words.Select(w => wordCounts[w] == 1)];
        // Mined gazetteers: documents of fold k see names mined from the other folds only.
        var minedByFold = new Gazetteer[o.MinedFolds];
        for (int k = 0; k < o.MinedFolds; k++)
            minedByFold[k] = GazetteerBuilder.Mine(trainDocs.Where((_, i) => i % o.MinedFolds != k));
        var minedAll = GazetteerBuilder.Mine(trainDocs);
        var baseLex = new NerLexicon { Case = caseStats, Clusters = clusters, External = external, Mined = minedAll };
        var foldLex = minedByFold.Select(baseLex.WithMined).ToArray();

        var set1 = o.Features & ~FeatureSet.FirstPassAggregates;
        if (o.SelfGazetteer && (o.Features & FeatureSet.Gazetteers) != 0)
        {
            // The lists go into the external gazetteer that baseLex and every fold's lexicon share.
            var (w0, _, _) = TrainPass(docs, d => foldLex[d.Fold], set1, null, baseLex, null, o, o.Pass1Epochs, Log, "self-gazetteer model");
            var m0 = new NerModel(baseLex, [new TaggingPass(set1, w0)]) { BeamSize = o.Beam };
            SelfGazetteer.AddTo(external, m0, UnlabelledText.OtherSentences(shared), o.SelfGazetteerMinCount, o.SelfGazetteerShare, Log);
        }
        // With dev in the training data, dev cannot choose epochs: fixed counts (chosen on dev before) are used.
        var devForEpochs = o.IncludeDev ? null : devDocs;
        var (w1, epochs1, dev1) = TrainPass(docs, d => foldLex[d.Fold], set1, null, baseLex, devForEpochs, o, o.IncludeDev ? o.Pass1Epochs : o.MaxEpochs, Log, "pass 1");
        var passes = new List<TaggingPass> { new(set1, w1) };
        double devF1 = dev1;
        int epochs = epochs1;

        if (o.TwoPass)
        {
            // Cross-validated first-pass labels for the training documents, so the second pass learns
            // from first-pass errors as they happen on unseen text.
            int stackFolds = o.StackFolds;
            for (int j = 0; j < stackFolds; j++)
            {
                var inFold = docs.Where(d => d.Fold % stackFolds == j).ToList();
                var rest = docs.Where(d => d.Fold % stackFolds != j).ToList();
                var (wj, _, _) = TrainPass(rest, d => foldLex[d.Fold], set1, null, baseLex, null, o, epochs1, Log, $"stack {j + 1}/{stackFolds}");
                var heldLex = baseLex.WithMined(GazetteerBuilder.Mine(trainDocs.Where((_, i) => (i % o.MinedFolds) % stackFolds != j)));
                var m = new NerModel(heldLex, [new TaggingPass(set1, wj)]) { BeamSize = o.Beam };
                foreach (var d in inFold)
                {
                    d.Pass1 = new int[d.Words.Length];
                    m.TagLabels(d.Words, d.Starts, d.Pass1);
                }
            }
            var set2 = o.Features | FeatureSet.FirstPassAggregates;
            var (w2, epochs2, dev2) = TrainPass(docs, d => foldLex[d.Fold], set2, passes[0], baseLex, devForEpochs, o, o.IncludeDev ? o.Pass2Epochs : o.MaxEpochs, Log, "pass 2");
            passes.Add(new TaggingPass(set2, w2));
            devF1 = dev2; epochs = epochs2;
        }

        var info = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // No training date: the same inputs must give the same bytes (`train ner --verify`).
            ["data"] = o.IncludeDev ? "conll2003 eng.train + eng.testa" : "conll2003 eng.train",
            ["dev_f1"] = devF1.ToString("F2", CultureInfo.InvariantCulture),
            ["epochs"] = epochs.ToString(CultureInfo.InvariantCulture),
            ["epochs_pass1"] = epochs1.ToString(CultureInfo.InvariantCulture),
            ["features"] = o.Features.ToString(),
            ["passes"] = passes.Count.ToString(CultureInfo.InvariantCulture),
            ["self_gazetteer"] = o.SelfGazetteer ? $"min {o.SelfGazetteerMinCount}, share {o.SelfGazetteerShare.ToString(CultureInfo.InvariantCulture)}" : "off",
            [NerModel.BeamNote] = o.Beam.ToString(CultureInfo.InvariantCulture),
        };
        var model = new NerModel(baseLex, passes, info) { BeamSize = o.Beam };
        string? saved = null;
        if (o.Save)
        {
            saved = o.OutputPath ?? RepoPaths.Model(NerModel.FileName);
            model.Save(saved);
            Log($"saved {saved} ({new FileInfo(saved).Length / 1024.0 / 1024.0:F1} MB)");
        }
        Log($"done in {total.Elapsed.TotalSeconds:F0}s; dev F1 {devF1:F2}");
        return new NerTrainingResult(model, devF1, epochs, saved, total.Elapsed, report);
    }

    private static TrainDoc ToTrainDoc(ConllDocument d, int fold)
    {
        var words = new List<string>(); var starts = new List<int>(); var gold = new List<int>();
        foreach (var s in d.Sentences)
        {
            starts.Add(words.Count);
            words.AddRange(s.Words);
            gold.AddRange(EntityTags.ToBilou(EntityTags.SpansFromIob(s.Tags!), s.Words.Length));
        }
        return new TrainDoc { Words = [.. words], Starts = [.. starts], Gold = [.. gold], Fold = fold };
    }

    private static (WeightTable Weights, int Epochs, double DevF1) TrainPass(
        List<TrainDoc> docs, Func<TrainDoc, NerLexicon> lexFor, FeatureSet set, TaggingPass? firstPass,
        NerLexicon fullLex, List<ConllDocument>? dev, NerTrainerOptions o, int maxEpochs, Action<string> log, string name)
    {
        if (o.Ensemble <= 1) return TrainOne(docs, lexFor, set, firstPass, fullLex, dev, o, maxEpochs, log, name);
        var tables = new List<WeightTable>();
        int epochs = 0;
        for (int k = 0; k < o.Ensemble; k++)
        {
            var (w, e, _) = TrainOne(docs, lexFor, set, firstPass, fullLex, dev, o with { Seed = o.Seed + k }, maxEpochs, log, $"{name} seed {o.Seed + k}");
            tables.Add(w); epochs = Math.Max(epochs, e);
        }
        var avg = WeightTable.Average(tables);
        double f1 = double.NaN;
        if (dev is not null)
        {
            var passes = firstPass is null ? new List<TaggingPass> { new(set, avg) } : [firstPass, new(set, avg)];
            f1 = NerEvaluator.Evaluate(new NerModel(fullLex, passes) { BeamSize = o.Beam }, dev, "dev").F1;
            log($"{name}: averaged over {o.Ensemble} seeds, dev F1 {f1:F2}");
        }
        return (avg, epochs, f1);
    }

    private static (WeightTable Weights, int Epochs, double DevF1) TrainOne(
        List<TrainDoc> docs, Func<TrainDoc, NerLexicon> lexFor, FeatureSet set, TaggingPass? firstPass,
        NerLexicon fullLex, List<ConllDocument>? dev, NerTrainerOptions o, int maxEpochs, Action<string> log, string name)
    {
        var learner = new PerceptronLearner(EntityTags.LabelCount);
        var buf = new DocumentBuffer();
        var rng = new Random(o.Seed);
        var order = Enumerable.Range(0, docs.Count).ToArray();
        WeightTable? best = null; double bestF1 = -1; int bestEpoch = 0;
        var pass = new TaggingPass(set, learner.Current);
        for (int epoch = 1; epoch <= maxEpochs; epoch++)
        {
            var sw = Stopwatch.StartNew();
            rng.Shuffle(order);
            int errors = 0, tokens = 0;
            foreach (int di in order)
            {
                var d = docs[di];
                FeatureExtractor.Prepare(buf, d.Words, d.Starts, lexFor(d), set,
                    o.SingletonDropout > 0 ? i => d.Singleton![i] && rng.NextDouble() < o.SingletonDropout : null);
                if ((set & FeatureSet.FirstPassAggregates) != 0)
                {
                    Array.Copy(d.Pass1!, buf.Pass1, d.Words.Length);
                    FeatureExtractor.BuildAggregates(buf);
                }
                if (o.Beam > 1)
                {
                    Decoder.RunBeam(buf, pass, o.Beam, d.Gold, (start, end, predicted) => StructuredUpdate(buf, learner, set, d.Gold, start, end, predicted, ref errors));
                    for (int i = 0; i < d.Words.Length; i++) learner.Tick();
                    tokens += d.Words.Length;
                    continue;
                }
                Decoder.Run(buf, pass, (feats, i, predicted) =>
                {
                    int gold = d.Gold[i];
                    if (predicted != gold) { learner.Update(feats, gold, predicted); errors++; }
                    learner.Tick();
                    tokens++;
                    return o.GoldHistory ? gold : predicted;
                });
            }
            string msg = $"{name} epoch {epoch}: {errors:N0} errors / {tokens:N0} tokens, {learner.Current.Rows:N0} rows, {sw.Elapsed.TotalSeconds:F1}s";
            if (dev is null) { log(msg); continue; }
            var avg = learner.Averaged();
            var passes = firstPass is null ? new List<TaggingPass> { new(set, avg) } : [firstPass, new(set, avg)];
            var score = NerEvaluator.Evaluate(new NerModel(fullLex, passes) { BeamSize = o.Beam }, dev, "dev");
            log($"{msg}; dev F1 {score.F1:F2}");
            if (score.F1 > bestF1) { bestF1 = score.F1; best = avg; bestEpoch = epoch; }
            else if (epoch - bestEpoch >= o.Patience) break;
        }
        if (dev is null) return (learner.Averaged(), maxEpochs, double.NaN);
        log($"{name}: best dev F1 {bestF1:F2} at epoch {bestEpoch}");
        return (best!, bestEpoch, bestF1);
    }

    /// <summary>
    /// Structured perceptron update on tokens [start, end) of a sentence: the gold path's features
    /// (observation features and label-history features under the gold history) go up, the predicted
    /// path's go down. Positions where both paths agree on the label and its history cancel out.
    /// </summary>
    private static void StructuredUpdate(DocumentBuffer buf, PerceptronLearner learner, FeatureSet set, int[] gold,
        int start, int end, ReadOnlySpan<int> predicted, ref int errors)
    {
        Span<ulong> lf = stackalloc ulong[FeatureExtractor.LabelFeatureCount];
        int sentence = SentenceOf(buf, start);
        int a = buf.SentenceStart[sentence], b = buf.SentenceStart[sentence + 1];
        for (int i = start; i < end; i++)
        {
            int j = i - start;
            int g = gold[i], q = predicted[j];
            int g1 = j >= 1 ? gold[i - 1] : -1, g2 = j >= 2 ? gold[i - 2] : -1;
            int q1 = j >= 1 ? predicted[j - 1] : -1, q2 = j >= 2 ? predicted[j - 2] : -1;
            if (g == q && g1 == q1 && g2 == q2) continue;
            if (g != q)
            {
                errors++;
                int n = FeatureExtractor.Extract(buf, i, a, b, set, FeatureExtractor.NoHistory, 0);
                var obs = buf.Features.AsSpan(0, n);
                learner.Adjust(obs, g, +1);
                learner.Adjust(obs, q, -1);
            }
            FeatureExtractor.LabelFeatures(buf, i, g1, g2, lf);
            learner.Adjust(lf, g, +1);
            FeatureExtractor.LabelFeatures(buf, i, q1, q2, lf);
            learner.Adjust(lf, q, -1);
        }
    }

    private static int SentenceOf(DocumentBuffer buf, int token)
    {
        int lo = 0, hi = buf.SentenceCount - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (buf.SentenceStart[mid] <= token) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    private const string CacheMagic = "STORYLINE-NER-RES2"; // 2: resources written as raw blocks

    private static (CaseStats, WordClusters) UnlabelledResources(string shared, NerTrainerOptions o, Action<string> log)
    {
        var needClusters = (o.Features & FeatureSet.Clusters) != 0;
        var needCase = (o.Features & FeatureSet.CaseStats) != 0;
        if (!needClusters && !needCase) return (CaseStats.Empty, WordClusters.Empty);
        if (o.ResourceCache is { } cache && File.Exists(cache))
        {
            using var fs = File.OpenRead(cache);
            using var gz = new GZipStream(fs, CompressionMode.Decompress);
            using var r = new BinaryReader(gz);
            if (r.ReadString() == CacheMagic && r.ReadString() == string.Join(",", o.ClusterSizes) + "/" + o.ClusterIterations)
            {
                var cs = CaseStats.Read(r); var wc = WordClusters.Read(r);
                log($"resources from {cache}: {wc.Count:N0} clustered words, {cs.Count:N0} case entries");
                return (needCase ? cs : CaseStats.Empty, needClusters ? wc : WordClusters.Empty);
            }
        }
        var sw = Stopwatch.StartNew();
        var sentences = UnlabelledText.Sentences(shared).ToList();
        log($"unlabelled text: {sentences.Count:N0} sentences, {sentences.Sum(s => s.Length):N0} tokens ({sw.Elapsed.TotalSeconds:F0}s)");
        var caseStats = CaseStats.Build(sentences);
        var clusters = ClusterTrainer.Train(sentences, o.ClusterSizes, o.ClusterIterations, log: log);
        if (o.ResourceCache is { } c2)
        {
            using var fs = File.Create(c2);
            using var gz = new GZipStream(fs, CompressionLevel.Fastest);
            using var w = new BinaryWriter(gz);
            w.Write(CacheMagic); w.Write(string.Join(",", o.ClusterSizes) + "/" + o.ClusterIterations);
            caseStats.Write(w); clusters.Write(w);
        }
        return (needCase ? caseStats : CaseStats.Empty, needClusters ? clusters : WordClusters.Empty);
    }
}
