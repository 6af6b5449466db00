using System.Diagnostics;
using Storyline.Ner.Features;

namespace Storyline.Ner.Resources;

/// <summary>
/// Learns word classes from unlabelled sentences with the exchange algorithm (Kneser &amp; Ney 1993;
/// Martin, Liermann &amp; Ney 1998): it maximises the same class-bigram likelihood as Brown
/// clustering by moving one word at a time to the class that helps most. The classes form a tree
/// like Brown clusters' bit paths: the first size is learned flat, and each further size splits
/// every class of the previous one (a word may only move among the children of its parent), which
/// keeps finer levels cheap and makes each level a refinement of the one above.
/// </summary>
public static class ClusterTrainer
{
    /// <summary>Words seen fewer times than this get no class.</summary>
    public const int DefaultMinCount = 3;
    private const int Boundary = 0, Rare = 1, FirstWord = 2;
    private const int XLogXTableSize = 1 << 22;
    private static readonly double[] XLogX = BuildTable();

    public static WordClusters Train(IEnumerable<string[]> sentences, IReadOnlyList<int> sizes, int maxIterations,
        int minCount = DefaultMinCount, Action<string>? log = null)
    {
        // Vocabulary by frequency; ids 0 and 1 are the sentence boundary and the shared rare word.
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var corpus = new List<string[]>();
        foreach (var s in sentences)
        {
            corpus.Add(s);
            foreach (var w in s) counts[w] = counts.GetValueOrDefault(w) + 1;
        }
        var vocab = counts.Where(kv => kv.Value >= minCount)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToList();
        var id = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < vocab.Count; i++) id[vocab[i]] = FirstWord + i;
        int v = FirstWord + vocab.Count;
        log?.Invoke($"clusters: {corpus.Sum(s => s.Length):N0} tokens, {vocab.Count:N0} words with count >= {minCount}");

        // Bigram counts as sorted (left,right) keys.
        var bigrams = new Dictionary<long, int>();
        foreach (var s in corpus)
        {
            int prev = Boundary;
            foreach (var w in s)
            {
                int cur = id.TryGetValue(w, out var x) ? x : Rare;
                long key = ((long)prev << 32) | (uint)cur;
                bigrams[key] = bigrams.GetValueOrDefault(key) + 1;
                prev = cur;
            }
            long end = ((long)prev << 32) | Boundary;
            bigrams[end] = bigrams.GetValueOrDefault(end) + 1;
        }
        corpus.Clear();
        var graph = new BigramGraph(v, bigrams);
        bigrams.Clear();

        var perLevel = new List<int[]>();
        int[]? parent = null; int parentSize = 0;
        foreach (var k in sizes)
        {
            var sw = Stopwatch.StartNew();
            int branch = parent is null ? k : k / parentSize;
            if (parent is not null && (k % parentSize != 0 || branch < 2)) throw new ArgumentException("each cluster size must be a multiple of the one before", nameof(sizes));
            var init = new int[graph.V];
            var rank = new int[Math.Max(1, parentSize)];
            for (int w = FirstWord; w < graph.V; w++)
                init[w] = parent is null ? (w - FirstWord) % k : parent[w] * branch + rank[parent[w]]++ % branch;
            var cls = Exchange(graph, k, branch, init, maxIterations, log);
            perLevel.Add(cls);
            parent = cls; parentSize = k;
            log?.Invoke($"clusters: {k} classes in {sw.Elapsed.TotalSeconds:F1}s");
        }

        var packed = new Dictionary<ulong, int>(vocab.Count);
        Span<int> ids = stackalloc int[sizes.Count];
        for (int i = 0; i < vocab.Count; i++)
        {
            for (int l = 0; l < sizes.Count; l++) ids[l] = perLevel[l][FirstWord + i];
            packed[TextHash.Of(vocab[i])] = WordClusters.Pack(ids);
        }
        return new WordClusters([.. sizes], packed);
    }

    private sealed class BigramGraph
    {
        public readonly int V;
        public readonly int[] SuccStart, SuccWord, SuccCount, PredStart, PredWord, PredCount;
        public readonly long[] Left, Right; // how often each word is the left / right element of a bigram

        public BigramGraph(int v, Dictionary<long, int> bigrams)
        {
            V = v;
            var keys = bigrams.Keys.ToArray();
            Array.Sort(keys);
            SuccStart = new int[v + 1]; SuccWord = new int[keys.Length]; SuccCount = new int[keys.Length];
            Left = new long[v]; Right = new long[v];
            for (int i = 0; i < keys.Length; i++)
            {
                int a = (int)(keys[i] >> 32), b = (int)(keys[i] & 0xffffffff);
                SuccStart[a + 1]++;
                SuccWord[i] = b; SuccCount[i] = bigrams[keys[i]];
                Left[a] += SuccCount[i]; Right[b] += SuccCount[i];
            }
            for (int i = 0; i < v; i++) SuccStart[i + 1] += SuccStart[i];
            PredStart = new int[v + 1]; PredWord = new int[keys.Length]; PredCount = new int[keys.Length];
            for (int i = 0; i < keys.Length; i++) PredStart[SuccWord[i] + 1]++;
            for (int i = 0; i < v; i++) PredStart[i + 1] += PredStart[i];
            var fill = (int[])PredStart.Clone();
            for (int a = 0; a < v; a++)
                for (int j = SuccStart[a]; j < SuccStart[a + 1]; j++)
                {
                    int b = SuccWord[j], slot = fill[b]++;
                    PredWord[slot] = a; PredCount[slot] = SuccCount[j];
                }
        }
    }

    /// <summary>Exchange over k classes; a word may move only within its block of <paramref name="branch"/> classes.</summary>
    private static int[] Exchange(BigramGraph g, int k, int branch, int[] init, int maxIterations, Action<string>? log)
    {
        int c = k + 2; // + boundary class + rare class
        var cls = (int[])init.Clone();
        cls[Boundary] = k; cls[Rare] = k + 1;
        var n = new long[c * c];  // n[a*c+b]: bigrams from class a to class b
        var nt = new long[c * c]; // transposed copy, for cache-friendly column reads
        var left = new long[c]; var right = new long[c];
        for (int a = 0; a < g.V; a++)
        {
            left[cls[a]] += g.Left[a]; right[cls[a]] += g.Right[a];
            for (int j = g.SuccStart[a]; j < g.SuccStart[a + 1]; j++)
            {
                n[cls[a] * c + cls[g.SuccWord[j]]] += g.SuccCount[j];
                nt[cls[g.SuccWord[j]] * c + cls[a]] += g.SuccCount[j];
            }
        }
        var sc = new long[c]; var pc = new long[c];
        var ts = new int[c]; var tp = new int[c];
        for (int it = 0; it < maxIterations; it++)
        {
            int moved = 0;
            for (int w = FirstWord; w < g.V; w++)
            {
                int a = cls[w];
                long self = 0;
                int nts = 0, ntp = 0;
                for (int j = g.SuccStart[w]; j < g.SuccStart[w + 1]; j++)
                {
                    int u = g.SuccWord[j];
                    if (u == w) { self += g.SuccCount[j]; continue; }
                    int cu = cls[u];
                    if (sc[cu] == 0) ts[nts++] = cu;
                    sc[cu] += g.SuccCount[j];
                }
                for (int j = g.PredStart[w]; j < g.PredStart[w + 1]; j++)
                {
                    int u = g.PredWord[j];
                    if (u == w) continue;
                    int cu = cls[u];
                    if (pc[cu] == 0) tp[ntp++] = cu;
                    pc[cu] += g.PredCount[j];
                }
                long lw = g.Left[w], rw = g.Right[w];
                Move(n, nt, c, a, sc, pc, ts, nts, tp, ntp, self, -1);
                left[a] -= lw; right[a] -= rw;

                int best = a; double bestGain = double.NegativeInfinity;
                int firstCandidate = a / branch * branch;
                for (int b = firstCandidate; b < firstCandidate + branch; b++)
                {
                    double d = 0;
                    int row = b * c;
                    for (int x = 0; x < nts; x++) { int cc = ts[x]; long o = n[row + cc]; d += F(o + sc[cc]) - F(o); }
                    for (int x = 0; x < ntp; x++) { int cc = tp[x]; long o = nt[row + cc]; d += F(o + pc[cc]) - F(o); }
                    long nbb = n[row + b];
                    // The (b,b) cell was counted in both loops above when w has neighbours in b: replace by the joint change.
                    if (sc[b] != 0) d -= F(nbb + sc[b]) - F(nbb);
                    if (pc[b] != 0) d -= F(nbb + pc[b]) - F(nbb);
                    d += F(nbb + sc[b] + pc[b] + self) - F(nbb);
                    d -= F(left[b] + lw) - F(left[b]);
                    d -= F(right[b] + rw) - F(right[b]);
                    if (d > bestGain + 1e-9 || (b == a && d >= bestGain - 1e-9)) { bestGain = d; best = b; }
                }
                Move(n, nt, c, best, sc, pc, ts, nts, tp, ntp, self, +1);
                left[best] += lw; right[best] += rw;
                if (best != a) { cls[w] = best; moved++; }
                for (int x = 0; x < nts; x++) sc[ts[x]] = 0;
                for (int x = 0; x < ntp; x++) pc[tp[x]] = 0;
            }
            log?.Invoke($"clusters: k={k} iteration {it + 1}: {moved:N0} words moved");
            if (moved < (g.V - FirstWord) / 500) break;
        }
        return cls;
    }

    private static void Move(long[] n, long[] nt, int c, int a, long[] sc, long[] pc, int[] ts, int nts, int[] tp, int ntp, long self, int sign)
    {
        for (int x = 0; x < nts; x++) { int cc = ts[x]; n[a * c + cc] += sign * sc[cc]; nt[cc * c + a] += sign * sc[cc]; }
        for (int x = 0; x < ntp; x++) { int cc = tp[x]; n[cc * c + a] += sign * pc[cc]; nt[a * c + cc] += sign * pc[cc]; }
        n[a * c + a] += sign * self; nt[a * c + a] += sign * self;
    }

    private static double F(long x) => x < XLogXTableSize ? XLogX[x] : x * Math.Log(x);

    private static double[] BuildTable()
    {
        var t = new double[XLogXTableSize];
        for (int i = 1; i < t.Length; i++) t[i] = i * Math.Log(i);
        return t;
    }
}
