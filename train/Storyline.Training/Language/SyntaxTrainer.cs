using System.Diagnostics;
using System.Globalization;
using Storyline.Core;
using Storyline.Language.Learning;

namespace Storyline.Language.Syntax;

/// <summary>Settings of <see cref="SyntaxTrainer.TrainTagger"/>.</summary>
public sealed record TaggerTrainingOptions
{
    public int Epochs { get; init; } = 8;
    public int Seed { get; init; } = 1;
    /// <summary>Averaged weights with a smaller magnitude are dropped from the saved model.</summary>
    public float PruneBelow { get; init; } = 0.05f;
    /// <summary>A word goes to the tag dictionary when seen this often...</summary>
    public int TagDictionaryMinCount { get; init; } = 20;
    /// <summary>...with this share of its occurrences under one tag.</summary>
    public double TagDictionaryMinShare { get; init; } = 0.97;
}

/// <summary>Settings of <see cref="SyntaxTrainer.TrainParser"/>.</summary>
public sealed record ParserTrainingOptions
{
    public int Epochs { get; init; } = 12;
    public int Seed { get; init; } = 1;
    /// <summary>Pruning of each epoch's snapshot (the one evaluated on dev).</summary>
    public float PruneBelow { get; init; } = 0.05f;
    /// <summary>
    /// Pruning of the chosen model: averaged weights of magnitude ≤ 1 (less than one update's worth) are dropped,
    /// which halves the features and doubles speed for -0.0006 dev LAS.
    /// </summary>
    public float FinalPruneBelow { get; init; } = 1.0f;
    /// <summary>
    /// Folds for jack-knifed tags: the parser trains on tags predicted by taggers that did not see the sentence,
    /// so it learns to live with tagging errors. 0 or 1 trains on the tags of the given tagger instead.
    /// </summary>
    public int JackknifeFolds { get; init; } = 4;
    /// <summary>Epochs of each jack-knife tagger.</summary>
    public int JackknifeTaggerEpochs { get; init; } = 5;
    /// <summary>After this many epochs on gold transitions only, the trainer follows its own predictions (dynamic oracle).</summary>
    public int ExploreAfterEpoch { get; init; } = 1;
}

/// <summary>Reproducible training of the tagger and the parser from UD CoNLL-U files.</summary>
public static class SyntaxTrainer
{
    /// <summary>The shared UD English EWT folder.</summary>
    public static string EwtFile(string split) => RepoPaths.Data("syntax", "ud-english-ewt", $"en_ewt-ud-{split}.conllu");

    /// <summary>Trains the POS tagger; keeps the epoch that is best on <paramref name="devPath"/> (when given).</summary>
    public static PosTagger TrainTagger(string trainPath, string? devPath = null, TaggerTrainingOptions? options = null, TextWriter? log = null)
    {
        var train = ConlluReader.Read(trainPath).ToList();
        var dev = devPath is null ? null : ConlluReader.Read(devPath).ToList();
        return TrainTagger(train, dev, options ?? new(), log);
    }

    internal static PosTagger TrainTagger(List<ConlluSentence> train, List<ConlluSentence>? dev, TaggerTrainingOptions o, TextWriter? log)
    {
        var classes = train.SelectMany(s => s.Words).Select(ClassOf).Distinct().Order(StringComparer.Ordinal).ToList();
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var tagDict = BuildTagDictionary(train, classIndex, o);
        var lemmatizer = BuildLemmatizer(train);
        var perceptron = new AveragedPerceptron(classes);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var rng = new Random(o.Seed);
        Span<ulong> feats = stackalloc ulong[64];
        PosTagger? best = null;
        double bestAcc = -1;
        for (int epoch = 1; epoch <= o.Epochs; epoch++)
        {
            var sw = Stopwatch.StartNew();
            rng.Shuffle(order);
            int correct = 0, total = 0;
            foreach (var si in order)
            {
                var words = train[si].Words;
                var forms = words.Select(w => w.Form).ToArray();
                var ctx = new TaggerContext(forms);
                int prev = TaggerContext.Start, prev2 = TaggerContext.Start2;
                for (int i = 0; i < forms.Length; i++)
                {
                    int gold = classIndex[ClassOf(words[i])];
                    if (!tagDict.TryGetValue(ctx.Norm[i + TaggerContext.Pad], out int guess))
                    {
                        int n = ctx.Features(i, prev, prev2, feats);
                        guess = perceptron.Predict(feats[..n]);
                        perceptron.Update(feats[..n], gold, guess);
                    }
                    if (guess == gold) correct++;
                    total++;
                    prev2 = prev;
                    prev = guess;
                }
            }
            var tagger = new PosTagger(perceptron.Average(o.PruneBelow), tagDict, lemmatizer);
            double acc = dev is null ? (double)correct / total : TaggerAccuracy(tagger, dev).Upos;
            log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"tagger epoch {epoch}: train {(double)correct / total:F4}, {(dev is null ? "train" : "dev")} UPOS {acc:F4}, {perceptron.FeatureCount} features, {sw.Elapsed.TotalSeconds:F1}s"));
            if (acc > bestAcc) { bestAcc = acc; best = tagger; }
        }
        return best!;
    }

    /// <summary>
    /// Trains the dependency parser on <paramref name="trainPath"/> with tags predicted by jack-knifed taggers;
    /// evaluates each epoch on <paramref name="devPath"/> (tags from <paramref name="tagger"/>) and keeps the best by LAS.
    /// </summary>
    public static DependencyParser TrainParser(string trainPath, string? devPath, PosTagger tagger, ParserTrainingOptions? options = null,
        TaggerTrainingOptions? taggerOptions = null, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(tagger);
        var o = options ?? new();
        var train = ConlluReader.Read(trainPath).ToList();
        var dev = devPath is null ? null : ConlluReader.Read(devPath).ToList();
        var tags = tagger.Classes.ToArray();
        var tagIndex = tags.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        var trainTags = PredictTrainingTags(train, tagger, tagIndex, o, taggerOptions ?? new(), log);

        var labels = train.SelectMany(x => x.Words).Select(w => w.Deprel).Distinct().Order(StringComparer.Ordinal).ToArray();
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var system = new ParserSystem(labels);
        var perceptron = new AveragedPerceptron(system.ClassCount);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var rng = new Random(o.Seed);
        var scores = new float[system.ClassCount];
        var costs = new int[system.ClassCount];
        var feats = new ulong[ParserFeatures.MaxFeatures];
        DependencyParser? best = null;
        double bestLas = -1;
        for (int epoch = 1; epoch <= o.Epochs; epoch++)
        {
            var sw = Stopwatch.StartNew();
            rng.Shuffle(order);
            bool explore = epoch > o.ExploreAfterEpoch;
            long correctMoves = 0, moves = 0;
            foreach (var si in order)
            {
                var words = train[si].Words;
                int n = words.Count;
                var forms = words.Select(w => w.Form).ToArray();
                var goldHeads = words.Select(w => w.Head < 0 ? n : w.Head).ToArray();
                var goldLabels = words.Select(w => labelIndex[w.Deprel]).ToArray();
                var fx = new ParserFeatures(forms, trainTags[si]);
                var state = new ParseState(n);
                while (!state.IsTerminal)
                {
                    int k = fx.Extract(state, feats);
                    var f = feats.AsSpan(0, k);
                    perceptron.Score(f, scores);
                    system.Costs(state, goldHeads, goldLabels, costs);
                    int guess = -1, bestGold = -1, minCost = ParserSystem.Invalid;
                    for (int c = 0; c < system.ClassCount; c++)
                        if (costs[c] != ParserSystem.Invalid && costs[c] < minCost) minCost = costs[c];
                    for (int c = 0; c < system.ClassCount; c++)
                    {
                        if (costs[c] == ParserSystem.Invalid) continue;
                        if (guess < 0 || scores[c] > scores[guess]) guess = c;
                        if (costs[c] == minCost && (bestGold < 0 || scores[c] > scores[bestGold])) bestGold = c;
                    }
                    perceptron.Update(f, bestGold, costs[guess] == minCost ? bestGold : guess);
                    if (costs[guess] == minCost) correctMoves++;
                    moves++;
                    system.Apply(state, explore ? guess : bestGold);
                }
            }
            var parser = new DependencyParser(perceptron.Average(o.PruneBelow), labels, tags);
            string devText = "";
            double score = (double)correctMoves / moves;
            if (dev is not null)
            {
                var r = SyntaxEvaluator.Evaluate(dev, tagger, parser);
                score = r.Las;
                devText = string.Create(CultureInfo.InvariantCulture, $", dev UAS {r.Uas:F4} LAS {r.Las:F4}");
            }
            log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"parser epoch {epoch}: train moves {(double)correctMoves / moves:F4}{devText}, {perceptron.FeatureCount} features, {sw.Elapsed.TotalSeconds:F1}s"));
            if (score > bestLas) { bestLas = score; best = parser; }
        }
        return o.FinalPruneBelow > o.PruneBelow ? best!.Prune(o.FinalPruneBelow) : best!;
    }

    /// <summary>Tags of the training sentences as a tagger would predict them on unseen text (jack-knifing).</summary>
    private static int[][] PredictTrainingTags(List<ConlluSentence> train, PosTagger tagger, Dictionary<string, int> tagIndex,
        ParserTrainingOptions o, TaggerTrainingOptions taggerOptions, TextWriter? log)
    {
        var result = new int[train.Count][];
        int folds = o.JackknifeFolds;
        if (folds <= 1)
        {
            for (int i = 0; i < train.Count; i++)
            {
                result[i] = new int[train[i].Words.Count];
                tagger.TagClasses([.. train[i].Words.Select(w => w.Form)], result[i]);
            }
            return result;
        }
        for (int fold = 0; fold < folds; fold++)
        {
            var rest = train.Where((_, i) => i % folds != fold).ToList();
            var part = Enumerable.Range(0, train.Count).Where(i => i % folds == fold).ToList();
            var foldTagger = TrainTagger(rest, null, taggerOptions with { Epochs = o.JackknifeTaggerEpochs }, null);
            long ok = 0, n = 0;
            foreach (var i in part)
            {
                var words = train[i].Words;
                var local = new int[words.Count];
                foldTagger.TagClasses([.. words.Select(w => w.Form)], local);
                // Fold taggers may order classes differently: map through the class names.
                result[i] = new int[words.Count];
                for (int j = 0; j < local.Length; j++)
                {
                    var name = foldTagger.Classes[local[j]];
                    result[i][j] = tagIndex.TryGetValue(name, out int t) ? t : ParserFeatures.UnknownTag;
                    if (name == ClassOf(words[j])) ok++;
                    n++;
                }
            }
            log?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"jackknife fold {fold + 1}/{folds}: tag accuracy {(double)ok / n:F4}"));
        }
        return result;
    }

    internal static string ClassOf(ConlluWord w) => string.Concat(w.Upos, "|", w.Xpos);

    private static Dictionary<string, int> BuildTagDictionary(List<ConlluSentence> train, Dictionary<string, int> classIndex, TaggerTrainingOptions o)
    {
        var counts = new Dictionary<string, Dictionary<int, int>>(StringComparer.Ordinal);
        foreach (var w in train.SelectMany(s => s.Words))
        {
            var norm = WordForm.Normalize(w.Form);
            if (!counts.TryGetValue(norm, out var c)) counts[norm] = c = [];
            int k = classIndex[ClassOf(w)];
            c[k] = c.GetValueOrDefault(k) + 1;
        }
        var dict = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (word, c) in counts)
        {
            int n = c.Values.Sum();
            var (cls, top) = c.MaxBy(kv => kv.Value);
            if (n >= o.TagDictionaryMinCount && (double)top / n >= o.TagDictionaryMinShare) dict[word] = cls;
        }
        return dict;
    }

    private static Lemmatizer BuildLemmatizer(List<ConlluSentence> train)
    {
        var counts = new Dictionary<string, (Dictionary<string, int> Lemmas, ConlluWord Example)>(StringComparer.Ordinal);
        foreach (var w in train.SelectMany(s => s.Words))
        {
            if (w.Lemma == "_") continue;
            var key = Lemmatizer.Key(w.Form.ToLowerInvariant().Replace('’', '\''), w.Xpos);
            if (!counts.TryGetValue(key, out var c)) counts[key] = c = (new(StringComparer.Ordinal), w);
            c.Lemmas[w.Lemma] = c.Lemmas.GetValueOrDefault(w.Lemma) + 1;
        }
        var rules = new Lemmatizer([]);
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, (lemmas, ex)) in counts)
        {
            var lemma = lemmas.MaxBy(kv => kv.Value).Key;
            // Store only what the rules would get wrong: keeps the table small.
            if (rules.Lemmatize(ex.Form, ex.Upos, ex.Xpos) != lemma) table[key] = lemma;
        }
        return new Lemmatizer(table);
    }

    /// <summary>UPOS and PTB-tag accuracy of <paramref name="tagger"/> on a gold CoNLL-U file.</summary>
    public static (double Upos, double Xpos) TaggerScores(PosTagger tagger, string conlluPath)
    {
        var r = TaggerAccuracy(tagger, ConlluReader.Read(conlluPath).ToList());
        return (r.Upos, r.Xpos);
    }

    internal static (double Upos, double Xpos, long Tokens) TaggerAccuracy(PosTagger tagger, IReadOnlyList<ConlluSentence> gold)
    {
        long ok = 0, okX = 0, n = 0;
        foreach (var s in gold)
        {
            var classes = new int[s.Words.Count];
            tagger.TagClasses([.. s.Words.Select(w => w.Form)], classes);
            for (int i = 0; i < classes.Length; i++)
            {
                if (tagger.UposOf(classes[i]) == s.Words[i].Upos) ok++;
                if (tagger.XposOf(classes[i]) == s.Words[i].Xpos) okX++;
                n++;
            }
        }
        return ((double)ok / n, (double)okX / n, n);
    }
}
