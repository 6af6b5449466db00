using System.Text.Json;
using System.Text.Json.Serialization;
using Storyline.Core;
using Storyline.Stories.Engine;
using Storyline.Stories.Index;

namespace Storyline.Stories.Eval;

/// <summary>Clustering scores against gold stories.</summary>
public sealed record StoryEvalResult(
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("split")] string? Split,
    [property: JsonPropertyName("documents")] int Documents,
    [property: JsonPropertyName("gold_stories")] int GoldStories,
    [property: JsonPropertyName("predicted_stories")] int PredictedStories,
    [property: JsonPropertyName("bcubed_precision")] double BcubedPrecision,
    [property: JsonPropertyName("bcubed_recall")] double BcubedRecall,
    [property: JsonPropertyName("bcubed_f1")] double BcubedF1,
    [property: JsonPropertyName("pairwise_precision")] double PairwisePrecision,
    [property: JsonPropertyName("pairwise_recall")] double PairwiseRecall,
    [property: JsonPropertyName("pairwise_f1")] double PairwiseF1,
    [property: JsonPropertyName("docs_per_second")] double DocsPerSecond);

/// <summary>One document of a clustering folder with its gold story (<paramref name="Topic"/>: ECB+'s event type, the unit of cross-validation folds).</summary>
public sealed record GoldDocument(string DocId, string Text, string Story, string? Split, string? Url, DateTimeOffset? Published, string? Topic = null);

/// <summary>
/// Clusters the documents of a folder laid out like shared/data/clustering/ecbplus (docs.jsonl, with gold in
/// clusters.tsv or in each line's story_id as in newswcl50) from scratch, in file order, and scores B-cubed
/// and pairwise precision/recall/F1.
/// </summary>
public static class StoryEvaluator
{
    /// <summary>Evaluates a folder; <paramref name="split"/> ("train", "dev", "test") keeps only documents of that split.</summary>
    public static StoryEvalResult Evaluate(string dir, string? split = null, StoryOptions? options = null)
    {
        var docs = Load(dir).Where(d => split is null || d.Split == split).ToList();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var predicted = Cluster(docs, options);
        double secs = sw.Elapsed.TotalSeconds;
        var gold = docs.Select(d => d.Story).ToArray();
        var (bp, br, bf) = BCubed(gold, predicted);
        var (pp, pr, pf) = Pairwise(gold, predicted);
        return new StoryEvalResult(dir, split, docs.Count, gold.Distinct().Count(), predicted.Distinct().Count(),
            bp, br, bf, pp, pr, pf, secs > 0 ? docs.Count / secs : 0);
    }

    /// <summary>Runs the engine over the documents in order; returns each document's story id.</summary>
    public static long[] Cluster(IReadOnlyList<GoldDocument> docs, StoryOptions? options = null, StoryJoinModel? joinModel = null)
    {
        var store = new InMemoryStoryIndexStore();
        var engine = new StoryEngine(store, options: options, joinModel: joinModel);
        var ids = new long[docs.Count];
        engine.AddBatch(ToDocuments(docs));
        for (int i = 0; i < docs.Count; i++) ids[i] = engine.StoryOf(i + 1)!.Id;
        return ids;
    }

    /// <summary>The engine's analyses of gold documents (ids 1..n), to replay one corpus many times (<see cref="Cluster(IReadOnlyList{DocumentAnalysis}, StoryOptions?, StoryJoinModel?)"/>).</summary>
    public static DocumentAnalysis[] Analyse(IReadOnlyList<GoldDocument> docs, StoryOptions? options = null)
    {
        var o = options ?? new StoryOptions();
        var hasher = new Dedup.MinHasher(o.Dedup);
        var list = ToDocuments(docs);
        var result = new DocumentAnalysis[list.Count];
        Parallel.For(0, list.Count, i => result[i] = DocumentAnalysis.Analyse(list[i], list[i].Id, hasher, o));
        return result;
    }

    /// <summary>Runs the engine over analysed documents in order (as <see cref="Analyse"/> made them); returns each document's story id.</summary>
    public static long[] Cluster(IReadOnlyList<DocumentAnalysis> analyses, StoryOptions? options, StoryJoinModel? joinModel)
    {
        var engine = new StoryEngine(new InMemoryStoryIndexStore(), options: options, joinModel: joinModel);
        engine.AddAnalysed(analyses);
        var ids = new long[analyses.Count];
        for (int i = 0; i < analyses.Count; i++) ids[i] = engine.StoryOf(analyses[i].Id)!.Id;
        return ids;
    }

    /// <summary>Engine documents for gold documents: ids 1..n in order, URL and publication date when given.</summary>
    public static List<Document> ToDocuments(IReadOnlyList<GoldDocument> docs) => docs.Select((d, i) =>
    {
        var doc = new Document { Id = i + 1, Origin = new DocumentOrigin(d.DocId, Url: d.Url), Text = d.Text };
        if (d.Published is { } p) doc.Metadata.Published = new Field<DateTimeOffset>(p, "gold");
        return doc;
    }).ToList();

    /// <summary>Reads docs.jsonl (+ clusters.tsv when present).</summary>
    public static List<GoldDocument> Load(string dir)
    {
        var goldTsv = new Dictionary<string, string>(StringComparer.Ordinal);
        var tsv = Path.Combine(dir, "clusters.tsv");
        if (File.Exists(tsv))
            foreach (var line in File.ReadLines(tsv).Skip(1))
            {
                var p = line.Split('\t');
                if (p.Length >= 2) goldTsv[p[0]] = p[1];
            }
        var list = new List<GoldDocument>();
        foreach (var line in File.ReadLines(Path.Combine(dir, "docs.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var j = JsonDocument.Parse(line);
            var r = j.RootElement;
            string id = Str(r, "doc_id") ?? Str(r, "id") ?? list.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string text = Str(r, "text") ?? "";
            string story = goldTsv.GetValueOrDefault(id) ?? Str(r, "story_id") ?? Str(r, "cluster") ?? id;
            DateTimeOffset? pub = Str(r, "published") is { } ps && DateTimeOffset.TryParse(ps, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var pd) ? pd : null;
            list.Add(new GoldDocument(id, text, story, Str(r, "split"), Str(r, "url"), pub, Str(r, "topic")));
        }
        return list;
    }

    private static string? Str(JsonElement r, string name) =>
        r.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    /// <summary>B-cubed precision, recall and F1 over items.</summary>
    public static (double P, double R, double F1) BCubed<TG, TP>(IReadOnlyList<TG> gold, IReadOnlyList<TP> pred) where TG : notnull where TP : notnull
    {
        int n = gold.Count;
        if (n == 0) return (0, 0, 0);
        var gSize = gold.GroupBy(g => g).ToDictionary(g => g.Key, g => g.Count());
        var pSize = pred.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        var both = Enumerable.Range(0, n).GroupBy(i => (gold[i], pred[i])).ToDictionary(g => g.Key, g => g.Count());
        double p = 0, r = 0;
        for (int i = 0; i < n; i++)
        {
            double inter = both[(gold[i], pred[i])];
            p += inter / pSize[pred[i]];
            r += inter / gSize[gold[i]];
        }
        p /= n; r /= n;
        return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }

    /// <summary>Pairwise precision, recall and F1 over all item pairs.</summary>
    public static (double P, double R, double F1) Pairwise<TG, TP>(IReadOnlyList<TG> gold, IReadOnlyList<TP> pred) where TG : notnull where TP : notnull
    {
        static double Pairs(IEnumerable<int> sizes) => sizes.Sum(s => (double)s * (s - 1) / 2);
        int n = gold.Count;
        double tp = Pairs(Enumerable.Range(0, n).GroupBy(i => (gold[i], pred[i])).Select(g => g.Count()));
        double predPairs = Pairs(pred.GroupBy(x => x).Select(g => g.Count()));
        double goldPairs = Pairs(gold.GroupBy(x => x).Select(g => g.Count()));
        double p = predPairs == 0 ? 0 : tp / predPairs, r = goldPairs == 0 ? 0 : tp / goldPairs;
        return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }
}
