using System.Runtime.InteropServices;
using Storyline.Core;
using Storyline.Language.Learning;
using Storyline.Quotes.Evaluation;

namespace Storyline.Quotes.Training;

/// <summary>
/// Trains <see cref="AttributionModel"/> on PolNeAR-style gold attributions over documents the language layer has
/// analysed (the same tokens, parse and entities the stage reads at run time). Cue examples: every content word,
/// positive when it anchors a gold cue (the cue word whose head lies outside the cue). Role examples: each gold
/// cue's role candidates, labelled source/content when most of their words lie in that attribution's source/content.
/// Deterministic: a fixed-seed shuffle per epoch, so the same data gives the same model file byte for byte.
/// </summary>
public static class QuoteModelTrainer
{
    /// <summary>
    /// A lemma joins the cue vocabulary after this many gold cues in training: one, since the cue classifier (not the
    /// vocabulary) decides, and rare cue verbs ("endorses", "derided") are most of what the rules miss (dev speaker F1
    /// 0.6465 → 0.6495 from 2 to 1).
    /// </summary>
    public const int MinLemmaCount = 1;

    /// <summary>The committed model's cue threshold (score margin of "cue" over "none"), chosen on PolNeAR dev.</summary>
    public const float DefaultCueThreshold = -12f;

    public sealed record Stats(int Attributions, int Anchored, int CueExamples, int CuePositives, int RoleExamples, int SourceExamples, int ContentExamples);

    public static (AttributionModel Model, Stats Stats) Train(IReadOnlyList<GoldArticle> articles, IReadOnlyList<Document> docs,
        float cueThreshold, int epochs = 6, int seed = 17, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(docs);
        var cueX = new List<ulong[]>(); var cueY = new List<int>();
        var roleX = new List<ulong[]>(); var roleY = new List<int>();
        int attributions = 0, anchored = 0;
        var feats = new List<ulong>(64);
        var roles = new List<(int Token, int Rel)>(16);
        // Pass 1: each document's gold roles per token and its cue anchors; the anchors' lemmas become the cue vocabulary.
        var prepared = new List<(QuoteFinder Finder, int[] SrcOf, int[] CntOf, int[] CueOf, int[] AnchorOf)>();
        var lemmaCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int d = 0; d < docs.Count; d++)
        {
            var doc = docs[d];
            int n = doc.Tokens.Count;
            if (n == 0 || doc.Sentences.Count == 0) continue;
            var finder = new QuoteFinder(doc);
            var gold = articles[d].Attributions;
            var srcOf = Filled(n); var cntOf = Filled(n); var cueOf = Filled(n);
            var cueTokens = new List<int>[gold.Count];
            for (int a = 0; a < gold.Count; a++)
            {
                foreach (var k in TokensIn(doc, gold[a].Source)) srcOf[k] = a;
                foreach (var k in TokensIn(doc, gold[a].Content)) cntOf[k] = a;
                cueTokens[a] = TokensIn(doc, gold[a].Cue);
                foreach (var k in cueTokens[a]) cueOf[k] = a;
            }
            attributions += gold.Count;
            var anchorOf = Filled(n);
            for (int a = 0; a < gold.Count; a++)
            {
                // The cue's anchor: its first content word whose head lies outside the cue ("has learned" → learned), else its first content word.
                int anchor = -1, fallback = -1;
                foreach (var k in cueTokens[a])
                {
                    if (!finder.IsCueCandidate(k)) continue;
                    if (fallback < 0) fallback = k;
                    int h = doc.Tokens[k].Head;
                    if (h < 0 || h >= n || cueOf[h] != a) { anchor = k; break; }
                }
                if (anchor < 0) anchor = fallback;
                if (anchor < 0) continue;
                anchored++;
                anchorOf[anchor] = a;
                var lemma = finder.LemmaAt(anchor);
                lemmaCounts[lemma] = lemmaCounts.GetValueOrDefault(lemma) + 1;
            }
            prepared.Add((finder, srcOf, cntOf, cueOf, anchorOf));
        }
        var cueLemmas = lemmaCounts.Where(kv => kv.Value >= MinLemmaCount).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
        var vocabulary = new HashSet<string>(cueLemmas, StringComparer.Ordinal);

        // Pass 2: examples.
        foreach (var (finder, srcOf, cntOf, cueOf, anchorOf) in prepared)
        {
            int n = srcOf.Length;
            for (int k = 0; k < n; k++)
            {
                if (!finder.IsCueCandidate(k) || !vocabulary.Contains(finder.LemmaAt(k))) continue;
                finder.CueFeatures(k, feats);
                cueX.Add([.. feats]);
                cueY.Add(anchorOf[k] >= 0 ? 1 : 0);
                if (anchorOf[k] < 0) continue;
                int a = anchorOf[k];
                finder.RoleCandidates(k, roles);
                foreach (var (c, rel) in roles)
                {
                    var (first, last) = finder.RoleSpan(k, c, rel);
                    int total = 0, inSource = 0, inContent = 0;
                    for (int t = first; t <= last && t < n; t++)
                    {
                        if (t == k || cueOf[t] == a || finder.IsPunctuation(t)) continue;
                        total++;
                        if (srcOf[t] == a) inSource++;
                        else if (cntOf[t] == a) inContent++;
                    }
                    int label = total == 0 ? QuoteFinder.RoleNone
                        : inSource * 2 > total ? QuoteFinder.RoleSource
                        : inContent * 2 > total ? QuoteFinder.RoleContent : QuoteFinder.RoleNone;
                    finder.RoleFeatures(k, c, rel, feats);
                    roleX.Add([.. feats]);
                    roleY.Add(label);
                }
            }
        }
        var stats = new Stats(attributions, anchored, cueX.Count, cueY.Count(y => y == 1), roleX.Count,
            roleY.Count(y => y == QuoteFinder.RoleSource), roleY.Count(y => y == QuoteFinder.RoleContent));
        log?.Invoke($"{stats.Attributions} attributions, {stats.Anchored} with a cue word; {stats.CueExamples} cue examples ({stats.CuePositives} cues), {stats.RoleExamples} role examples ({stats.SourceExamples} sources, {stats.ContentExamples} contents)");
        var cue = Fit(cueX, cueY, ["none", "cue"], epochs, seed, log, "cue");
        var role = Fit(roleX, roleY, ["none", "source", "content"], epochs, seed + 1, log, "role");
        return (new AttributionModel(cue, role, cueThreshold, cueLemmas), stats);
    }

    private static PerceptronModel Fit(List<ulong[]> x, List<int> y, string[] labels, int epochs, int seed, Action<string>? log, string name)
    {
        var p = new AveragedPerceptron(labels);
        var order = Enumerable.Range(0, x.Count).ToArray();
        var rng = new Random(seed);
        for (int e = 0; e < epochs; e++)
        {
            // Fisher–Yates with a seeded generator: the same order on every run.
            for (int i = order.Length - 1; i > 0; i--) { int j = rng.Next(i + 1); (order[i], order[j]) = (order[j], order[i]); }
            int errors = 0;
            foreach (var i in order)
            {
                int guess = p.Predict(x[i]);
                if (guess != y[i]) errors++;
                p.Update(x[i], y[i], guess);
            }
            log?.Invoke($"{name} epoch {e + 1}: {errors} errors of {x.Count}");
        }
        return p.Average(pruneBelow: 1e-3f);
    }

    private static int[] Filled(int n) { var a = new int[n]; Array.Fill(a, -1); return a; }

    /// <summary>Token indexes whose middle lies inside the spans (the scorer's rule).</summary>
    private static List<int> TokensIn(Document doc, SpanSet spans)
    {
        var tk = doc.Tokens;
        var list = new List<int>();
        foreach (var (s, e) in spans.Parts)
        {
            int lo = 0, hi = tk.Count;
            while (lo < hi) { int mid = (lo + hi) >> 1; if (tk[mid].End <= s) lo = mid + 1; else hi = mid; }
            for (int k = lo; k < tk.Count && tk[k].Start < e; k++)
            {
                int middle = (tk[k].Start + tk[k].End) / 2;
                if (middle >= s && middle < e) list.Add(k);
            }
        }
        return list;
    }
}
