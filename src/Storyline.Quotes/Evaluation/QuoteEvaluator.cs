using System.Text.Json.Serialization;
using Storyline.Core;

namespace Storyline.Quotes.Evaluation;

/// <summary>Quote extraction scores on one attribution set (PolNeAR layout).</summary>
public sealed record QuoteEvalResult
{
    [JsonPropertyName("set")] public required string Set { get; init; }
    [JsonPropertyName("documents")] public int Documents { get; init; }
    [JsonPropertyName("gold")] public int Gold { get; init; }
    [JsonPropertyName("predicted")] public int Predicted { get; init; }
    /// <summary>Predicted quotes whose content overlaps some gold attribution's content.</summary>
    [JsonPropertyName("matched")] public int Matched { get; init; }
    [JsonPropertyName("gold_with_source")] public int GoldWithSource { get; init; }
    [JsonPropertyName("predicted_with_source")] public int PredictedWithSource { get; init; }

    /// <summary>Token-overlap F1 of source (speaker as written, plus its relay) spans over paired quotes.</summary>
    [JsonPropertyName("speaker_f1")] public double SpeakerF1 { get; init; }
    [JsonPropertyName("speaker_precision")] public double SpeakerPrecision { get; init; }
    [JsonPropertyName("speaker_recall")] public double SpeakerRecall { get; init; }
    /// <summary>Token-overlap F1 of content spans.</summary>
    [JsonPropertyName("content_f1")] public double ContentF1 { get; init; }
    [JsonPropertyName("content_precision")] public double ContentPrecision { get; init; }
    [JsonPropertyName("content_recall")] public double ContentRecall { get; init; }

    /// <summary>Exact-span F1: a paired quote whose source tokens equal the gold source's.</summary>
    [JsonPropertyName("speaker_f1_exact")] public double SpeakerF1Exact { get; init; }
    [JsonPropertyName("speaker_precision_exact")] public double SpeakerPrecisionExact { get; init; }
    [JsonPropertyName("speaker_recall_exact")] public double SpeakerRecallExact { get; init; }
    /// <summary>Exact-span F1: a paired quote whose content tokens equal the gold content's.</summary>
    [JsonPropertyName("content_f1_exact")] public double ContentF1Exact { get; init; }
    [JsonPropertyName("content_precision_exact")] public double ContentPrecisionExact { get; init; }
    [JsonPropertyName("content_recall_exact")] public double ContentRecallExact { get; init; }

    /// <summary>Share of predicted quotes with a speaker whose speaker was resolved to an entity of the document.</summary>
    [JsonPropertyName("speaker_entity_share")] public double SpeakerEntityShare { get; init; }
    /// <summary>CPU milliseconds per document spent in the quotes stage alone (one thread, after warm-up).</summary>
    [JsonPropertyName("ms_per_doc")] public double MsPerDoc { get; init; }
}

/// <summary>
/// Scores <see cref="QuoteStage"/> against gold attributions the way citron scores PARC: exact-span and
/// token-overlap precision/recall/F1 for sources and contents. Content overlap is token-level: precision is the
/// share of predicted content tokens inside some gold content, recall the share of gold content tokens inside some
/// predicted content. A predicted quote and a gold attribution are linked when their contents share a token
/// (citron links them by cue); source overlap takes, for each predicted quote (precision) and each gold attribution
/// (recall), the best source-token overlap over its links. Exact scores count quotes (gold attributions) with a
/// linked counterpart whose token set is equal. Tokens are the pipeline's own (a token belongs to a span when its
/// middle lies inside it); quotation marks count as tokens.
/// </summary>
public static class QuoteEvaluator
{
    /// <summary>The shared PolNeAR copy, from the current folder or the app folder upwards.</summary>
    public static string? FindShared()
    {
        if (Environment.GetEnvironmentVariable("STORYLINE_SHARED") is { Length: > 0 } sharedRoot && Path.Combine(sharedRoot, "data") is var shared
            && Directory.Exists(Path.Combine(shared, "quotes", "polnear")))
            return Path.Combine(shared, "quotes", "polnear");
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var p = Path.Combine(d.FullName, "shared", "data", "quotes", "polnear");
                if (Directory.Exists(p)) return p;
                p = Path.Combine(d.FullName, "..", "shared", "data", "quotes", "polnear");
                if (Directory.Exists(p)) return Path.GetFullPath(p);
            }
        return null;
    }

    /// <summary>
    /// Scores one split folder (text/ + attributions/). <paramref name="analyse"/> must run the language layer
    /// (tokens, tags, parse, mentions, entities) on exactly the given text, without the quotes stage.
    /// </summary>
    public static QuoteEvalResult Evaluate(string splitDir, Func<string, Document> analyse, int? limit = null, string? setName = null)
    {
        ArgumentNullException.ThrowIfNull(analyse);
        var articles = PolnearCorpus.Read(splitDir, limit);
        var docs = articles.Select(a => analyse(a.Text)).ToList();
        var stage = new QuoteStage();
        // Warm-up pass (JIT), then time the stage alone on one thread over a few passes.
        foreach (var d in docs) stage.Process(d);
        const int passes = 3;
        double cpu0 = ThreadCpu.Seconds();
        for (int p = 0; p < passes; p++)
            foreach (var d in docs) stage.Process(d);
        double ms = (ThreadCpu.Seconds() - cpu0) * 1000 / passes;

        return Score(articles, docs, setName ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(splitDir)), ms / Math.Max(1, docs.Count));
    }

    /// <summary>Scores documents the quotes stage has already run on against their articles' gold attributions.</summary>
    public static QuoteEvalResult Score(IReadOnlyList<GoldArticle> articles, IReadOnlyList<Document> docs, string setName, double msPerDoc = 0)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(docs);
        var c = new Counts();
        var missFile = Environment.GetEnvironmentVariable("STORYLINE_QUOTE_MISSES");
        if (!string.IsNullOrEmpty(missFile)) c.Misses = [];
        var extraFile = Environment.GetEnvironmentVariable("STORYLINE_QUOTE_EXTRA");
        if (!string.IsNullOrEmpty(extraFile)) c.Extra = [];
        for (int i = 0; i < articles.Count; i++) Score(docs[i], articles[i].Attributions, c);
        if (c.Misses is not null) File.WriteAllLines(missFile!, c.Misses);
        if (c.Extra is not null) File.WriteAllLines(extraFile!, c.Extra);
        return c.Result(setName, articles.Count, msPerDoc);
    }

    private sealed class Counts
    {
        public int Gold, Pred, Matched, GoldSrc, PredSrc, PredWithEntity;
        public long ContentOverlapP, ContentOverlapR, ContentPredLen, ContentGoldLen, SourceOverlapP, SourceOverlapR, SourcePredLen, SourceGoldLen;
        public int ContentExactP, ContentExactR, SourceExactP, SourceExactR;
        /// <summary>Gold sources not fully recovered (only when STORYLINE_QUOTE_MISSES names a file: dev analysis).</summary>
        public List<string>? Misses;
        /// <summary>Predicted sources with tokens no linked gold source holds (only when STORYLINE_QUOTE_EXTRA names a file: dev analysis).</summary>
        public List<string>? Extra;

        public QuoteEvalResult Result(string set, int docs, double msPerDoc)
        {
            static double Div(double a, double b) => b > 0 ? a / b : 0;
            static double F(double p, double r) => p + r > 0 ? 2 * p * r / (p + r) : 0;
            double cp = Div(ContentOverlapP, ContentPredLen), cr = Div(ContentOverlapR, ContentGoldLen);
            double sp = Div(SourceOverlapP, SourcePredLen), sr = Div(SourceOverlapR, SourceGoldLen);
            double cpe = Div(ContentExactP, Pred), cre = Div(ContentExactR, Gold);
            double spe = Div(SourceExactP, PredSrc), sre = Div(SourceExactR, GoldSrc);
            return new QuoteEvalResult
            {
                Set = set, Documents = docs, Gold = Gold, Predicted = Pred, Matched = Matched, GoldWithSource = GoldSrc, PredictedWithSource = PredSrc,
                ContentPrecision = R(cp), ContentRecall = R(cr), ContentF1 = R(F(cp, cr)),
                SpeakerPrecision = R(sp), SpeakerRecall = R(sr), SpeakerF1 = R(F(sp, sr)),
                ContentPrecisionExact = R(cpe), ContentRecallExact = R(cre), ContentF1Exact = R(F(cpe, cre)),
                SpeakerPrecisionExact = R(spe), SpeakerRecallExact = R(sre), SpeakerF1Exact = R(F(spe, sre)),
                SpeakerEntityShare = R(Div(PredWithEntity, PredSrc)),
                MsPerDoc = Math.Round(msPerDoc, 4),
            };
        }

        private static double R(double v) => Math.Round(v, 4);
    }

    private static void Score(Document doc, IReadOnlyList<GoldAttribution> gold, Counts c)
    {
        var tk = doc.Tokens;
        int[] Tokens(IEnumerable<(int Start, int End)> parts)
        {
            var list = new List<int>();
            foreach (var (s, e) in parts)
            {
                // tokens are in text order: binary search for the first token ending after s
                int lo = 0, hi = tk.Count;
                while (lo < hi) { int mid = (lo + hi) >> 1; if (tk[mid].End <= s) lo = mid + 1; else hi = mid; }
                for (int k = lo; k < tk.Count && tk[k].Start < e; k++)
                {
                    int middle = (tk[k].Start + tk[k].End) / 2;
                    if (middle >= s && middle < e) list.Add(k);
                }
            }
            return [.. list.Distinct().Order()];
        }

        var gc = gold.Select(g => Tokens(g.Content.Parts)).ToList();
        var gs = gold.Select(g => Tokens(g.Source.Parts)).ToList();
        var pc = doc.Quotes.Select(q => Tokens([(q.Start, q.End)])).ToList();
        var ps = doc.Quotes.Select(q => Tokens(SourceParts(q))).ToList();

        c.Gold += gold.Count;
        c.Pred += doc.Quotes.Count;
        c.GoldSrc += gs.Count(x => x.Length > 0);
        c.PredSrc += ps.Count(x => x.Length > 0);
        c.PredWithEntity += doc.Quotes.Count(q => q.SpeakerEntity >= 0 && q.Speaker is not null);
        c.ContentPredLen += pc.Sum(x => x.Length);
        c.ContentGoldLen += gc.Sum(x => x.Length);
        c.SourcePredLen += ps.Sum(x => x.Length);
        c.SourceGoldLen += gs.Sum(x => x.Length);

        // Token-level, like citron: a predicted content token is right when some gold content holds it; a quote's
        // source is scored against the gold attributions whose content it overlaps (the best of them).
        var goldContent = new HashSet<int>(gc.SelectMany(x => x));
        var predContent = new HashSet<int>(pc.SelectMany(x => x));
        foreach (var p in pc) c.ContentOverlapP += p.Count(goldContent.Contains);
        foreach (var g in gc) c.ContentOverlapR += g.Count(predContent.Contains);
        var bestForGold = new int[gc.Count];
        var exactGoldContent = new bool[gc.Count];
        var exactGoldSource = new bool[gc.Count];
        for (int p = 0; p < pc.Count; p++)
        {
            int best = 0;
            bool matched = false, exactContent = false, exactSource = false;
            for (int g = 0; g < gc.Count; g++)
            {
                if (Intersect(pc[p], gc[g]) == 0) continue;
                matched = true;
                int o = Intersect(ps[p], gs[g]);
                best = Math.Max(best, o);
                bestForGold[g] = Math.Max(bestForGold[g], o);
                if (pc[p].AsSpan().SequenceEqual(gc[g])) { exactContent = true; exactGoldContent[g] = true; }
                if (ps[p].Length > 0 && ps[p].AsSpan().SequenceEqual(gs[g])) { exactSource = true; exactGoldSource[g] = true; }
            }
            if (matched) c.Matched++;
            c.SourceOverlapP += best;
            if (c.Extra is not null && ps[p].Length > best)
            {
                var golds = Enumerable.Range(0, gc.Count).Where(g => Intersect(pc[p], gc[g]) > 0).Select(g => string.Join(' ', gs[g].Select(k => tk[k].Text)));
                c.Extra.Add($"{(matched ? "linked" : "unlinked")}\textra={ps[p].Length - best}/{ps[p].Length}\tcue={doc.Quotes[p].Cue}\tkind={doc.Quotes[p].Kind}\tpred=[{string.Join(' ', ps[p].Select(k => tk[k].Text))}]\tgold=[{string.Join(" | ", golds)}]\tcontent=[{doc.Quotes[p].Text[..Math.Min(80, doc.Quotes[p].Text.Length)]}]");
            }
            if (exactContent) c.ContentExactP++;
            if (exactSource) c.SourceExactP++;
        }
        c.SourceOverlapR += bestForGold.Sum();
        if (c.Misses is not null)
            for (int g = 0; g < gc.Count; g++)
            {
                if (gs[g].Length == 0 || bestForGold[g] == gs[g].Length) continue;
                string Words(int[] t) => string.Join(' ', t.Select(k => tk[k].Text));
                var linked = Enumerable.Range(0, pc.Count).Where(p => Intersect(pc[p], gc[g]) > 0).ToList();
                string kind = linked.Count == 0 ? "unlinked" : linked.All(p => ps[p].Length == 0) ? "nosource" : bestForGold[g] == 0 ? "wrongsource" : "partial";
                int sentOf(int tok) { for (int s = 0; s < doc.Sentences.Count; s++) if (tok < doc.Sentences[s].FirstToken + doc.Sentences[s].TokenCount) return s; return -1; }
                int dist = gc[g].Length == 0 ? 99 : sentOf(gs[g][0]) - sentOf(gc[g][0]);
                var cue = gold[g].Cue.Parts.Count > 0 ? doc.Text[gold[g].Cue.Parts[0].Start..gold[g].Cue.Parts[0].End] : "";
                int lo = gs[g][0], hi = gs[g][^1];
                foreach (var p in linked) if (ps[p].Length > 0) { lo = Math.Min(lo, ps[p][0]); hi = Math.Max(hi, ps[p][^1]); }
                lo = Math.Max(0, lo - 2); hi = Math.Min(tk.Count - 1, hi + 3);
                var parse = hi - lo > 60 ? "" : string.Join(' ', Enumerable.Range(lo, hi - lo + 1).Select(k => $"{k - lo}:{tk[k].Text}/{tk[k].Pos}/{tk[k].Dep}>{tk[k].Head - lo}"));
                var pmen = string.Join(" | ", linked.Select(p => doc.Text[doc.Quotes[p].Start..Math.Min(doc.Quotes[p].End, doc.Quotes[p].Start + 40)] + "~" + (doc.Quotes[p].Cue ?? "-") + "~" + doc.Quotes[p].Kind));
                c.Misses.Add($"{kind}\tmissed={gs[g].Length - bestForGold[g]}/{gs[g].Length}\tdist={dist}\tcue={cue}\tgold=[{Words(gs[g])}]\tpred=[{string.Join(" | ", linked.Select(p => Words(ps[p])))}]\tcontent=[{Words(gc[g])[..Math.Min(120, Words(gc[g]).Length)]}]\tq=[{pmen}]\tparse=[{parse}]");
            }
        c.ContentExactR += exactGoldContent.Count(x => x);
        c.SourceExactR += exactGoldSource.Count(x => x);
    }

    /// <summary>The source as written: the speaker phrase, widened to its relay phrase when there is one.</summary>
    private static IEnumerable<(int, int)> SourceParts(Quote q)
    {
        if (q.SpeakerStart < 0) yield break;
        int s = q.SpeakerStart, e = q.SpeakerEnd;
        if (q.ViaStart >= 0) { s = Math.Min(s, q.ViaStart); e = Math.Max(e, q.ViaEnd); }
        yield return (s, e);
    }

    private static int Intersect(int[] a, int[] b)
    {
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { n++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return n;
    }

    /// <summary>Names of the floors a result is below ("test.content_f1 0.71 &lt; 0.75").</summary>
    public static List<string> BelowFloors(QuoteEvalResult r, IReadOnlyDictionary<string, double> floors)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(floors);
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["speaker_f1"] = r.SpeakerF1, ["content_f1"] = r.ContentF1,
            ["speaker_f1_exact"] = r.SpeakerF1Exact, ["content_f1_exact"] = r.ContentF1Exact,
        };
        var below = new List<string>();
        foreach (var (key, floor) in floors)
            if (values.TryGetValue(key, out var v) && v < floor)
                below.Add(FormattableString.Invariant($"{key} {v:0.000} < {floor:0.000}"));
        return below;
    }
}
