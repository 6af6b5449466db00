using System.Text.Json;
using System.Text.Json.Serialization;
using Storyline.Core;

namespace Storyline.Claims.Evaluation;

/// <summary>Counts for one kind of conflict: gold pairs of that kind, how many the detector flagged, and with the right kind.</summary>
public sealed record KindScore(
    [property: JsonPropertyName("gold")] int Gold,
    [property: JsonPropertyName("found")] int Found,
    [property: JsonPropertyName("predicted")] int Predicted,
    [property: JsonPropertyName("kind_correct")] int KindCorrect);

/// <summary>Scores of the contradiction detector on one labelled set; "conflict" is the positive class.</summary>
public sealed record ContradictionEvalResult
{
    [JsonPropertyName("set")] public required string Set { get; init; }
    [JsonPropertyName("pairs")] public int Pairs { get; init; }
    [JsonPropertyName("gold_conflicts")] public int GoldConflicts { get; init; }
    [JsonPropertyName("flagged")] public int Flagged { get; init; }
    [JsonPropertyName("true_positives")] public int TruePositives { get; init; }
    [JsonPropertyName("precision")] public double Precision { get; init; }
    [JsonPropertyName("recall")] public double Recall { get; init; }
    [JsonPropertyName("f1")] public double F1 { get; init; }
    /// <summary>Of the true positives, how many got the gold kind.</summary>
    [JsonPropertyName("kind_accuracy")] public double KindAccuracy { get; init; }
    [JsonPropertyName("labels")] public required IReadOnlyDictionary<string, int> Labels { get; init; }
    [JsonPropertyName("kinds")] public required IReadOnlyDictionary<string, KindScore> Kinds { get; init; }
    [JsonPropertyName("false_positives")] public required IReadOnlyList<string> FalsePositives { get; init; }
    [JsonPropertyName("false_negatives")] public required IReadOnlyList<string> FalseNegatives { get; init; }
    /// <summary>Milliseconds per claim for the claim analysis alone (language layer excluded).</summary>
    [JsonPropertyName("analysis_ms_per_claim")] public double AnalysisMsPerClaim { get; init; }
}

/// <summary>One side of a labelled pair, as stored in eval/contradictions/*.jsonl.</summary>
public sealed record LabelledClaim(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("speaker")] string? Speaker,
    [property: JsonPropertyName("side")] string? Side,
    [property: JsonPropertyName("cue")] string? Cue,
    [property: JsonPropertyName("doc")] string? Doc,
    [property: JsonPropertyName("written")] bool Written = false);

/// <summary>A labelled claim pair: "conflict" (with its kind), "compatible" or "unrelated".</summary>
public sealed record LabelledPair(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("a")] LabelledClaim A,
    [property: JsonPropertyName("b")] LabelledClaim B,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("kind")] string? Kind = null,
    [property: JsonPropertyName("written")] bool Written = false);

/// <summary>
/// Runs each claim text of a labelled set through the real pipeline (language layer) and the claim analysis, the
/// claim's side taken from the label file (speaker attribution is the quotes stage's job, scored by its own eval),
/// then each pair through <see cref="ContradictionDetector"/>.
/// </summary>
public static class ContradictionEvaluator
{
    public static readonly string[] KindNames = ["identity", "responsibility", "occurrence", "number", "date"];

    /// <summary>The committed labelled set: eval/contradictions in the repository, or null when not found.</summary>
    public static string? DefaultFolder => RepoPaths.RepoRoot is { } root && Directory.Exists(Path.Combine(root, "eval", "contradictions"))
        ? Path.Combine(root, "eval", "contradictions") : null;

    /// <summary>Reads a JSONL file of labelled pairs (blank lines skipped).</summary>
    public static List<LabelledPair> Read(string file)
    {
        var list = new List<LabelledPair>();
        int line = 0;
        foreach (var l in File.ReadLines(file))
        {
            line++;
            if (string.IsNullOrWhiteSpace(l)) continue;
            var p = JsonSerializer.Deserialize<LabelledPair>(l) ?? throw new InvalidDataException($"{file}:{line}: empty record");
            if (p.Label is not ("conflict" or "compatible" or "unrelated")) throw new InvalidDataException($"{file}:{line}: unknown label '{p.Label}'");
            list.Add(p);
        }
        return list;
    }

    /// <summary>Scores test.jsonl then dev.jsonl of <paramref name="folder"/> (those present).</summary>
    public static IReadOnlyList<ContradictionEvalResult> Run(string folder, Pipeline pipeline)
    {
        var results = new List<ContradictionEvalResult>();
        foreach (var name in new[] { "test", "dev" })
        {
            var f = Path.Combine(folder, name + ".jsonl");
            if (File.Exists(f)) results.Add(Evaluate(name, Read(f), pipeline));
        }
        return results;
    }

    /// <summary>The claim a labelled text makes, analysed through <paramref name="pipeline"/>, on the labelled side.</summary>
    public static Claim Analyse(LabelledClaim c, Pipeline pipeline, Dictionary<string, Claim>? cache = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(pipeline);
        var key = c.Text + "\u0001" + c.Cue;
        if (cache is null || !cache.TryGetValue(key, out var claim))
        {
            var doc = new Document { Origin = new DocumentOrigin(c.Doc ?? "claim.txt"), RawText = c.Text };
            pipeline.Run(doc);
            claim = ClaimAnalyzer.Analyze(doc, 0, doc.Text.Length, ClaimLexicon.IsDenialCue(c.Cue));
            if (cache is not null) cache[key] = claim;
        }
        return claim with { Speaker = c.Speaker, Side = c.Side, SideKey = c.Side?.Trim().ToLowerInvariant() };
    }

    public static ContradictionEvalResult Evaluate(string set, IReadOnlyList<LabelledPair> pairs, Pipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var cache = new Dictionary<string, Claim>(StringComparer.Ordinal);
        var sw = new System.Diagnostics.Stopwatch();
        int tp = 0, flagged = 0, gold = 0, kindOk = 0;
        var labels = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var kinds = KindNames.ToDictionary(k => k, _ => new int[4], StringComparer.Ordinal);
        var fps = new List<string>(); var fns = new List<string>();
        foreach (var p in pairs)
        {
            labels[p.Label] = labels.GetValueOrDefault(p.Label) + 1;
            var a = new SourcedClaim(1, 0, p.A.Doc, Analyse(p.A, pipeline, cache));
            var b = new SourcedClaim(2, 0, p.B.Doc, Analyse(p.B, pipeline, cache));
            var found = ContradictionDetector.Find([a, b]);
            var c = found.Count > 0 ? found[0] : null;
            bool isGold = p.Label == "conflict";
            if (isGold) { gold++; if (p.Kind is { } gk && kinds.TryGetValue(gk, out var g)) g[0]++; }
            if (c is not null)
            {
                flagged++;
                if (kinds.TryGetValue(c.Kind, out var pk)) pk[2]++;
                if (isGold)
                {
                    tp++;
                    if (p.Kind is { } gk2 && kinds.TryGetValue(gk2, out var g2)) { g2[1]++; if (gk2 == c.Kind) { g2[3]++; kindOk++; } }
                }
                else fps.Add($"{p.Id} ({c.Kind}: {c.Reason})");
            }
            else if (isGold) fns.Add($"{p.Id} ({p.Kind})");
        }
        // The claim analysis alone, timed on the analysed documents (pipeline excluded).
        double perClaim = 0;
        if (pairs.Count > 0)
        {
            var docs = new List<Document>();
            foreach (var p in pairs.Take(20))
                foreach (var c in new[] { p.A, p.B })
                {
                    var d = new Document { Origin = new DocumentOrigin("t"), RawText = c.Text };
                    pipeline.Run(d);
                    docs.Add(d);
                }
            sw.Start();
            const int Rounds = 20;
            for (int r = 0; r < Rounds; r++)
                foreach (var d in docs) ClaimAnalyzer.Analyze(d, 0, d.Text.Length);
            sw.Stop();
            perClaim = sw.Elapsed.TotalMilliseconds / (Rounds * docs.Count);
        }
        double prec = flagged == 0 ? 0 : (double)tp / flagged;
        double rec = gold == 0 ? 0 : (double)tp / gold;
        return new ContradictionEvalResult
        {
            Set = set,
            Pairs = pairs.Count,
            GoldConflicts = gold,
            Flagged = flagged,
            TruePositives = tp,
            Precision = Math.Round(prec, 4),
            Recall = Math.Round(rec, 4),
            F1 = Math.Round(prec + rec == 0 ? 0 : 2 * prec * rec / (prec + rec), 4),
            KindAccuracy = Math.Round(tp == 0 ? 0 : (double)kindOk / tp, 4),
            Labels = labels,
            Kinds = kinds.ToDictionary(k => k.Key, k => new KindScore(k.Value[0], k.Value[1], k.Value[2], k.Value[3]), StringComparer.Ordinal),
            FalsePositives = fps,
            FalseNegatives = fns,
            AnalysisMsPerClaim = Math.Round(perClaim, 4),
        };
    }

    /// <summary>Figures under their floor ("test_precision: 0.7500 &lt; floor 0.8000"); floors are keyed "set_metric".</summary>
    public static IReadOnlyList<string> BelowFloors(IEnumerable<ContradictionEvalResult> results, IReadOnlyDictionary<string, double> floors)
    {
        var bad = new List<string>();
        foreach (var r in results)
            foreach (var (metric, value) in new[] { ("precision", r.Precision), ("recall", r.Recall), ("f1", r.F1) })
                if (floors.TryGetValue($"{r.Set}_{metric}", out double floor) && value < floor)
                    bad.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.Set}_{metric}: {value:F4} < floor {floor:F4}"));
        return bad;
    }
}
