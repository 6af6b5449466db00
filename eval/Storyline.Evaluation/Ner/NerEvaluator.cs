using System.Diagnostics;
using Storyline.Core;
using Storyline.Ner.Conll;
using Storyline.Ner.Model;

namespace Storyline.Ner.Evaluation;

/// <summary>Score of the model on one CoNLL-style file.</summary>
/// <param name="TokensPerSecond">Tagging speed in tokens per CPU-second of this process (one thread tags).</param>
public sealed record NerScore(
    string Name, string Path, int Documents, int Sentences, int Tokens,
    TypeScore Overall, IReadOnlyList<TypeScore> PerType, double Seconds, double TokensPerSecond, string? Note = null)
{
    /// <summary>Tokens per second of wall-clock time (depends on what else the machine is running).</summary>
    public double WallTokensPerSecond { get; init; }

    public double Precision => Overall.Precision;
    public double Recall => Overall.Recall;
    public double F1 => Overall.F1;

    public override string ToString()
    {
        var lines = new List<string>
        {
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{Name}: {Tokens} tokens, {Overall.Gold} gold / {Overall.Predicted} found / {Overall.Correct} correct; P {Precision:F2} R {Recall:F2} F1 {F1:F2}; {TokensPerSecond:N0} tokens per CPU-second ({WallTokensPerSecond:N0}/s wall)"),
        };
        foreach (var t in PerType)
            lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"  {t.Type,-14} P {t.Precision,6:F2} R {t.Recall,6:F2} F1 {t.F1,6:F2}  (gold {t.Gold}, found {t.Predicted})"));
        if (Note is not null) lines.Add("  note: " + Note);
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>
/// Runs the NER model over CoNLL-style files and scores it exactly as conlleval does (entity level,
/// exact span and type; IOB1 or IOB2 gold tags in the last column). Sentences are the blank-line
/// blocks, documents start at -DOCSTART- (files without any make one document per sentence).
/// </summary>
public static class NerEvaluator
{
    /// <summary>WNUT-17 types mapped onto CoNLL's: person→PER, location→LOC, corporation/group→ORG, product/creative-work→MISC.</summary>
    public static readonly IReadOnlyDictionary<string, string> WnutToConll = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["person"] = "PER", ["location"] = "LOC", ["corporation"] = "ORG", ["group"] = "ORG",
        ["product"] = "MISC", ["creative-work"] = "MISC",
    };

    /// <summary>Scores the default model on a file. Gold types are mapped with <paramref name="typeMap"/> when given (unmapped types stay as they are).</summary>
    public static NerScore EvaluateFile(string path, IReadOnlyDictionary<string, string>? typeMap = null, NerModel? model = null, string? name = null)
    {
        var docs = ConllReader.ReadFile(path);
        if (typeMap is null && LooksLikeWnut(docs)) typeMap = WnutToConll;
        string? note = typeMap == WnutToConll ? "WNUT-17 types mapped: person→PER, location→LOC, corporation/group→ORG, product/creative-work→MISC" : null;
        return Evaluate(model ?? NerModel.Default, docs, name ?? System.IO.Path.GetFileName(path), path, typeMap, note);
    }

    /// <summary>
    /// The test sets: CoNLL-2003 test (testb), CoNLL++ test, WNUT-17 test (types mapped) and the two halves of the
    /// recent-news gold set in the repository (eval/ner-recent: 2019 news annotated by hand to CoNLL-2003's guidelines;
    /// dev may be tuned on, test may not).
    /// </summary>
    public static IReadOnlyList<NerScore> RunShared(NerModel? model = null)
    {
        var m = model ?? NerModel.Default;
        var scores = new List<NerScore>
        {
            EvaluateFile(RepoPaths.Data("ner", "conll2003", "eng.testb"), null, m, "conll2003-testb"),
            EvaluateFile(RepoPaths.Data("ner", "conllpp", "conllpp_test.txt"), null, m, "conllpp-test"),
            EvaluateFile(RepoPaths.Data("ner", "wnut17", "emerging.test.annotated"), WnutToConll, m, "wnut17-test"),
        };
        foreach (var part in RecentParts)
            if (RecentPath(part) is { } p && File.Exists(p)) scores.Add(EvaluateFile(p, null, m, "recent-" + part));
        return scores;
    }

    /// <summary>The halves of the recent-news gold set: "dev" (for choosing settings) and "test" (measured, never tuned on).</summary>
    public static readonly IReadOnlyList<string> RecentParts = ["dev", "test"];

    /// <summary>The CoNLL file of one half of the recent-news gold set (eval/ner-recent/PART/), or null outside the repository.</summary>
    public static string? RecentPath(string part) => RepoPaths.RepoRoot is { } root
        ? Path.Combine(root, "eval", "ner-recent", part, "scrapinghub-2019.conll")
        : null;

    /// <summary>Tokens tagged untimed before the speed is measured.</summary>
    public const int WarmUpTokens = 20_000;
    private const int WarmUpPauseMs = 200;

    public static NerScore Evaluate(NerModel model, IReadOnlyList<ConllDocument> docs, string name, string path = "",
        IReadOnlyDictionary<string, string>? typeMap = null, string? note = null)
    {
        var eval = new ConllEval();
        int sentences = 0, tokens = 0;
        var predicted = new List<int[]>(docs.Count);
        // Tag first (timed), then score.
        var words = new List<string>();
        var starts = new List<int>();
        // Warm up (lazy model load, tiered JIT: hot methods are recompiled on a background thread whose CPU
        // time counts for this process) on up to WarmUpTokens tokens, so the speed reflects steady state.
        int warmed = 0;
        foreach (var d in docs)
        {
            if (warmed >= WarmUpTokens) break;
            var warm = d.Sentences.SelectMany(x => x.Words).ToList();
            var ws = new List<int>(); int o = 0; foreach (var x in d.Sentences) { ws.Add(o); o += x.Words.Length; }
            model.TagLabels(warm, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ws), new int[warm.Count]);
            warmed += warm.Count;
        }
        if (warmed > 0) Thread.Sleep(WarmUpPauseMs); // lets the background JIT finish before the clock starts
        var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        foreach (var d in docs)
        {
            words.Clear(); starts.Clear();
            foreach (var s in d.Sentences) { starts.Add(words.Count); words.AddRange(s.Words); }
            var labels = new int[words.Count];
            model.TagLabels(words, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(starts), labels);
            predicted.Add(labels);
            sentences += d.Sentences.Count; tokens += words.Count;
        }
        double seconds = sw.Elapsed.TotalSeconds;
        proc.Refresh();
        double cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
        for (int di = 0; di < docs.Count; di++)
        {
            int offset = 0;
            foreach (var s in docs[di].Sentences)
            {
                var gold = s.Tags ?? throw new InvalidDataException($"{path}: a sentence has no tag column");
                var guess = EntityTags.ToIob2(EntityTags.SpansFromBilou(predicted[di].AsSpan(offset, s.Words.Length)), s.Words.Length);
                for (int i = 0; i < s.Words.Length; i++) eval.Add(MapTag(gold[i], typeMap), guess[i]);
                eval.Boundary();
                offset += s.Words.Length;
            }
        }
        var (overall, per) = eval.Finish();
        return new NerScore(name, path, docs.Count, sentences, tokens, overall, per, seconds, cpu > 0 ? tokens / cpu : 0, note)
        {
            WallTokensPerSecond = seconds > 0 ? tokens / seconds : 0,
        };
    }

    /// <summary>Floor key of a set: "conll2003-testb" → "conll2003_testb_f1".</summary>
    public static string FloorKey(NerScore s) => s.Name.Replace('-', '_') + "_f1";

    /// <summary>Sets whose F1 (as a fraction) is below their floor in <paramref name="floors"/> (eval/floors/ner.json).</summary>
    public static List<string> BelowFloors(IEnumerable<NerScore> scores, IReadOnlyDictionary<string, double> floors)
    {
        var below = new List<string>();
        foreach (var s in scores)
            if (floors.TryGetValue(FloorKey(s), out var floor) && !(s.F1 / 100 >= floor))
                below.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{FloorKey(s)} = {s.F1 / 100:0.0000} < floor {floor:0.0000}"));
        return below;
    }

    private static string MapTag(string tag, IReadOnlyDictionary<string, string>? map)
    {
        if (map is null) return tag;
        int dash = tag.IndexOf('-');
        if (dash < 0) return tag;
        return map.TryGetValue(tag[(dash + 1)..], out var t) ? tag[..(dash + 1)] + t : tag;
    }

    private static bool LooksLikeWnut(List<ConllDocument> docs)
    {
        foreach (var d in docs)
            foreach (var s in d.Sentences)
                foreach (var t in s.Tags ?? [])
                    if (t.EndsWith("-person", StringComparison.Ordinal) || t.EndsWith("-location", StringComparison.Ordinal)) return true;
        return false;
    }
}
