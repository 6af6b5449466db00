using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Storyline.Core;

namespace Storyline.Extraction.Evaluation;

/// <summary>Score of one page: the metric's per-page view and which cascade path produced the text.</summary>
/// <param name="Precision">Scrapinghub: page precision (NaN when undefined). trafilatura-eval: TP/(TP+FP) of the page.</param>
/// <param name="Recall">Scrapinghub: page recall. trafilatura-eval: TP/(TP+FN) of the page.</param>
public sealed record PageScore(string Id, bool Tune, double Precision, double Recall, string Method);

/// <summary>Figures of one benchmark set (or of one part of it).</summary>
public sealed record ExtractionEvalResult(
    [property: JsonPropertyName("set")] string Set,
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("documents")] int Documents,
    [property: JsonPropertyName("accuracy")] double? Accuracy)
{
    /// <summary>Name of the metric ("shingle-4" for scrapinghub, "chunks" for trafilatura-eval).</summary>
    [JsonPropertyName("metric")] public string Metric { get; init; } = "";

    /// <summary>The same figures on our TUNE part (heuristics were tuned looking at these pages only).</summary>
    [JsonPropertyName("tune")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ExtractionEvalResult? Tune { get; init; }

    /// <summary>The same figures on our TEST part (never looked at while tuning).</summary>
    [JsonPropertyName("test")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ExtractionEvalResult? Test { get; init; }

    /// <summary>Wall-clock seconds of extraction plus scoring.</summary>
    [JsonPropertyName("seconds")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? Seconds { get; init; }

    /// <summary>How many pages each cascade path produced.</summary>
    [JsonPropertyName("methods")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyDictionary<string, int>? Methods { get; init; }

    [JsonIgnore] public IReadOnlyList<PageScore> Pages { get; init; } = [];
}

/// <summary>
/// Runs an extractor over a benchmark folder and scores it with that benchmark's own metric
/// (<see cref="ShingleScorer"/> for the scrapinghub layout, <see cref="ChunkScorer"/> for trafilatura-eval).
/// </summary>
public static class ExtractionEvaluator
{
    /// <summary>Names of the shared sets under ../shared/data/extraction.</summary>
    public static readonly string[] SharedSets = ["scrapinghub", "trafilatura-eval"];

    /// <summary>Extracts every page of <paramref name="dir"/> with <see cref="HtmlExtractor"/> and scores it.</summary>
    public static ExtractionEvalResult Run(string dir, HtmlExtractionOptions? options = null)
        => Run(EvalSet.Load(dir), html =>
        {
            var r = HtmlExtractor.Extract(html, options);
            return (r.Text, r.Method);
        });

    /// <summary>Both shared sets (scrapinghub, trafilatura-eval).</summary>
    public static IReadOnlyList<ExtractionEvalResult> RunShared(HtmlExtractionOptions? options = null)
        => [.. SharedSets.Select(s => Run(RepoPaths.Data("extraction", s), options))];

    /// <summary>Runs <paramref name="extract"/> (HTML text in; body text and a method label out) over every page, in parallel.</summary>
    public static ExtractionEvalResult Run(EvalSet set, Func<string, (string? Text, string Method)> extract)
    {
        var sw = Stopwatch.StartNew();
        var outputs = new (string? Text, string Method)[set.Pages.Count];
        Parallel.For(0, set.Pages.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try { outputs[i] = extract(set.Pages[i].ReadHtml()); }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // As upstream: a crash counts as empty output.
                outputs[i] = (null, "crash:" + ex.GetType().Name);
            }
        });
        var result = Score(set, i => outputs[i].Text, i => outputs[i].Method);
        return result with { Seconds = sw.Elapsed.TotalSeconds };
    }

    /// <summary>Scores predictions given by page id (e.g. a peer's shipped outputs); a missing id counts as empty output.</summary>
    public static ExtractionEvalResult Score(EvalSet set, IReadOnlyDictionary<string, string?> predictions, string method = "given")
        => Score(set, i => predictions.GetValueOrDefault(set.Pages[i].Id), _ => method);

    private static ExtractionEvalResult Score(EvalSet set, Func<int, string?> text, Func<int, string> method)
    {
        var pages = new List<PageScore>(set.Pages.Count);
        ExtractionEvalResult all, tune, test;
        if (set.Kind == EvalSetKind.Scrapinghub)
        {
            var counts = new ShingleCounts[set.Pages.Count];
            var exact = new bool[set.Pages.Count];
            for (int i = 0; i < set.Pages.Count; i++)
            {
                var p = set.Pages[i];
                counts[i] = ShingleScorer.Match(p.Gold, text(i));
                exact[i] = ShingleScorer.ExactTokens(p.Gold, text(i));
                var c = counts[i];
                pages.Add(new PageScore(p.Id, p.IsTune,
                    c.Tp + c.Fp > 0 ? c.Tp / (c.Tp + c.Fp) : double.NaN,
                    c.Tp + c.Fn > 0 ? c.Tp / (c.Tp + c.Fn) : double.NaN, method(i)));
            }
            ExtractionEvalResult Part(Func<int, bool> keep)
            {
                var idx = Enumerable.Range(0, set.Pages.Count).Where(keep).ToList();
                var (p, r, f) = ShingleScorer.Aggregate([.. idx.Select(i => counts[i])]);
                double acc = idx.Count > 0 ? (double)idx.Count(i => exact[i]) / idx.Count : 0;
                return new ExtractionEvalResult(set.Name, p, r, f, idx.Count, acc) { Metric = "shingle-4" };
            }
            all = Part(_ => true);
            tune = Part(i => set.Pages[i].IsTune);
            test = Part(i => !set.Pages[i].IsTune);
        }
        else
        {
            var counts = new ChunkCounts[set.Pages.Count];
            for (int i = 0; i < set.Pages.Count; i++)
            {
                var p = set.Pages[i];
                var c = counts[i] = ChunkScorer.Count(p.With, p.Without, text(i));
                pages.Add(new PageScore(p.Id, p.IsTune, c.Tp + c.Fp > 0 ? (double)c.Tp / (c.Tp + c.Fp) : double.NaN,
                    c.Tp + c.Fn > 0 ? (double)c.Tp / (c.Tp + c.Fn) : double.NaN, method(i)));
            }
            ExtractionEvalResult Part(Func<int, bool> keep)
            {
                var idx = Enumerable.Range(0, set.Pages.Count).Where(keep).ToList();
                var sum = idx.Aggregate(default(ChunkCounts), (acc, i) => acc + counts[i]);
                return new ExtractionEvalResult(set.Name, sum.Precision, sum.Recall, sum.F1, idx.Count, sum.Accuracy) { Metric = "chunks" };
            }
            all = Part(_ => true);
            tune = Part(i => set.Pages[i].IsTune);
            test = Part(i => !set.Pages[i].IsTune);
        }
        var methods = pages.GroupBy(p => p.Method).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        // A part without pages (a small custom folder) is left out rather than reported as zeros.
        return all with { Tune = tune.Documents > 0 ? tune : null, Test = test.Documents > 0 ? test : null, Pages = pages, Methods = methods };
    }

    /// <summary>
    /// The predictions shipped in a scrapinghub folder's peer-output/ (system name → id → articleBody),
    /// with the version each file declares.
    /// </summary>
    public static IReadOnlyList<PeerOutput> LoadPeerOutputs(string dir)
    {
        var folder = Path.Combine(dir, "peer-output");
        if (!Directory.Exists(folder)) return [];
        var list = new List<PeerOutput>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(file));
            string version = json.RootElement.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
            var preds = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (json.RootElement.TryGetProperty("output", out var output))
                foreach (var p in output.EnumerateObject())
                    preds[p.Name] = p.Value.TryGetProperty("articleBody", out var b) ? b.GetString() : "";
            list.Add(new PeerOutput(Path.GetFileNameWithoutExtension(file), version, preds));
        }
        return list;
    }
}

/// <summary>A peer system's shipped predictions (scrapinghub peer-output/&lt;system&gt;.json).</summary>
public sealed record PeerOutput(string System, string Version, IReadOnlyDictionary<string, string?> Predictions);
