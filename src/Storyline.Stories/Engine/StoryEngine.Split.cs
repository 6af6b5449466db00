using Storyline.Stories.Index;

namespace Storyline.Stories.Engine;

/// <summary>
/// The split step: a single-pass clusterer cannot take back a join, so one document of a second event that slips into a
/// story pulls that event's later reports after it (two earthquakes, two arrests of one team's players become one story).
/// When a story reaches one of a few sizes, its members are compared pairwise with the learned document-pair model
/// (<see cref="StoryPairModelData"/>), grouped by average linkage down to the model's split probability, and a separate group of at least
/// <see cref="MinSplitSize"/> documents leaves to start its own story. Work is bounded: only stories of at most 64
/// documents are checked (<see cref="SplitCheckSizes"/>), and only at sizes about √2 apart.
/// </summary>
public sealed partial class StoryEngine
{
    /// <summary>Feature order of the document-pair model; append only.</summary>
    public static readonly string[] PairFeatureNames =
    [
        "cosine", "name_jaccard", "lead_cover_min", "lead_cover_max", "number_jaccard", "quote_jaccard",
        "year_known", "year_diff", "time_known", "log_gap_days",
        "name_cosine", "word_cosine", "top_name_min", "top_name_max",
    ];

    /// <summary>Heaviest names of a document (by sketch weight) that say who or where it is about.</summary>
    private const int TopNames = 3;

    /// <summary>
    /// Story sizes at which the split check runs, about √2 apart so the total work per story stays bounded (checking at every
    /// size was tried: 0.890 against 0.903 cross-validated on ECB+, as splits fired on groups too small to tell).
    /// </summary>
    private static readonly int[] SplitCheckSizes = [4, 6, 8, 11, 16, 23, 32, 45, 64];
    /// <summary>A group must hold this many documents to leave: one odd document is not a second event.</summary>
    public const int MinSplitSize = 2;

    /// <summary>A stored document prepared once for many pair comparisons: its sets, sketch table and per-space norms.</summary>
    public sealed class PairView
    {
        public DocRecord Record { get; }
        internal readonly HashSet<ulong> Names, Quotes;
        internal readonly HashSet<string> Numbers;
        internal readonly SketchTable Table;
        internal readonly double NameNorm2, WordNorm2;
        internal readonly ulong[] TopNameKeys;

        public PairView(DocRecord r)
        {
            Record = r;
            Names = [.. r.EntityKeys]; Quotes = [.. r.QuoteKeys]; Numbers = new(r.Numbers, StringComparer.Ordinal);
            Table = new SketchTable(r.TermKeys, r.TermWeights);
            var top = new List<ulong>(TopNames);
            for (int i = 0; i < r.TermKeys.Length; i++)
            {
                double sq = (double)r.TermWeights[i] * r.TermWeights[i];
                switch (Text.TextTools.SpaceOf(r.TermKeys[i]))
                {
                    case DocumentAnalysis.NameSpace:
                        NameNorm2 += sq;
                        if (top.Count < TopNames) top.Add(r.TermKeys[i]); // the sketch is heaviest first
                        break;
                    case DocumentAnalysis.TermSpace: WordNorm2 += sq; break;
                }
            }
            TopNameKeys = [.. top];
        }
    }

    /// <summary>Features of two stored documents for the pair model.</summary>
    public static double[] PairFeatures(DocRecord a, DocRecord b) => PairFeatures(new PairView(a), new PairView(b));

    public static double[] PairFeatures(PairView a, PairView b)
    {
        var ra = a.Record; var rb = b.Record;
        double cos = 0, dn = 0, dw = 0;
        for (int i = 0; i < rb.TermKeys.Length; i++)
        {
            double x = rb.TermWeights[i] * (double)a.Table.Get(rb.TermKeys[i]);
            if (x == 0) continue;
            cos += x;
            switch (Text.TextTools.SpaceOf(rb.TermKeys[i]))
            {
                case DocumentAnalysis.NameSpace: dn += x; break;
                case DocumentAnalysis.TermSpace: dw += x; break;
            }
        }
        double nameJ = Jaccard(a.Names, b.Names);
        double coverA = Cover(ra.LeadNameKeys, b.Names), coverB = Cover(rb.LeadNameKeys, a.Names);
        double numJ = Jaccard(a.Numbers, b.Numbers), quoteJ = Jaccard(a.Quotes, b.Quotes);
        double yearKnown = 0, yearDiff = 0;
        if (ra.LatestYear is { } ya && rb.LatestYear is { } yb) { yearKnown = 1; yearDiff = Math.Min(MaxYearDiff, Math.Abs(ya - yb)); }
        double timeKnown = 0, logGap = 0;
        if (ra.When is { } wa && rb.When is { } wb) { timeKnown = 1; logGap = Math.Log(1 + Math.Abs((wa - wb).TotalDays)); }
        double topA = Cover(a.TopNameKeys, b.Names), topB = Cover(b.TopNameKeys, a.Names);
        return [cos, nameJ, Math.Min(coverA, coverB), Math.Max(coverA, coverB), numJ, quoteJ, yearKnown, yearDiff, timeKnown, logGap,
            Ratio(dn, a.NameNorm2, b.NameNorm2), Ratio(dw, a.WordNorm2, b.WordNorm2), Math.Min(topA, topB), Math.Max(topA, topB)];
    }

    private static double Jaccard<T>(HashSet<T> a, HashSet<T> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        int inter = 0;
        foreach (var x in a) if (b.Contains(x)) inter++;
        return (double)inter / (a.Count + b.Count - inter);
    }

    /// <summary>Share of one document's names (lead or heaviest) the other mentions (1 when it has none: no evidence either way).</summary>
    private static double Cover(ulong[] keys, HashSet<ulong> names)
    {
        if (keys.Length == 0) return 1;
        int hit = 0;
        foreach (var k in keys) if (names.Contains(k)) hit++;
        return (double)hit / keys.Length;
    }

    /// <summary>
    /// Checks <paramref name="s"/> for a second event when its size is a check size; moves a separated group to a new story
    /// and returns that story's id, else 0.
    /// </summary>
    private long MaybeSplit(StoryRecord s)
    {
        var model = _join?.Data.Pair;
        if (model is null || model.SplitProbability <= 0) return 0;
        if (Array.IndexOf(SplitCheckSizes, s.Documents.Count) < 0) return 0;
        var members = _store.GetDocuments(s.Documents).OrderBy(d => d.Seq).ToList();
        int n = members.Count;
        if (n < 2 * MinSplitSize) return 0;
        var views = members.Select(m => new PairView(m)).ToArray();
        var p = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) p[i, j] = p[j, i] = model.Probability(PairFeatures(views[i], views[j]));
        // copies, versions and rewrites stay with their original whatever the pair model says
        var index = new Dictionary<long, int>(n);
        for (int i = 0; i < n; i++) index[members[i].Id] = i;
        foreach (var l in _store.LinksOf(index.Keys))
            if (index.TryGetValue(l.From, out int f) && index.TryGetValue(l.To, out int t) && f != t) p[f, t] = p[t, f] = 1;
        var groups = AverageLinkage(p, n, model.SplitProbability);
        int main = groups.FindIndex(g => g.Contains(0)); // the group of the story's first document keeps the story
        int cand = -1;
        for (int g = 0; g < groups.Count; g++)
            if (g != main && groups[g].Count >= MinSplitSize && (cand < 0 || groups[g].Count > groups[cand].Count)) cand = g;
        if (cand < 0 || groups[main].Count < MinSplitSize) return 0;
        // documents of the small leftover groups go with whichever side they are closer to
        var leaving = new HashSet<int>(groups[cand]);
        for (int g = 0; g < groups.Count; g++)
            if (g != main && g != cand && Between(p, groups[g], groups[cand]) > Between(p, groups[g], groups[main])) leaving.UnionWith(groups[g]);
        var stay = Enumerable.Range(0, n).Where(i => !leaving.Contains(i)).Select(i => members[i]).ToList();
        var go = leaving.Order().Select(i => members[i]).ToList();
        var split = new StoryRecord { Id = _store.NewStoryId(), Title = go[0].Title ?? FirstSentence(go[0].Id), FirstSeen = go[0].SeenAt, LastSeen = go[0].SeenAt };
        foreach (var d in go) d.StoryId = split.Id;
        Rebuild(s, stay);
        Rebuild(split, go);
        _store.PutDocuments(go);
        PutStories([s, split]);
        return split.Id;
    }

    /// <summary>Average probability between two groups of members.</summary>
    private static double Between(double[,] p, List<int> a, List<int> b)
    {
        double sum = 0;
        foreach (var i in a) foreach (var j in b) sum += p[i, j];
        return sum / (a.Count * b.Count);
    }

    /// <summary>Agglomerative average linkage until no two groups are at least <paramref name="stop"/> likely to be one story.</summary>
    private static List<List<int>> AverageLinkage(double[,] p, int n, double stop)
    {
        var groups = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
        while (groups.Count > 1)
        {
            int bi = -1, bj = -1; double best = stop;
            for (int i = 0; i < groups.Count; i++)
                for (int j = i + 1; j < groups.Count; j++)
                {
                    double b = Between(p, groups[i], groups[j]);
                    if (b >= best) { best = b; bi = i; bj = j; }
                }
            if (bi < 0) break;
            groups[bi].AddRange(groups[bj]);
            groups.RemoveAt(bj);
        }
        return groups;
    }

    /// <summary>Recomputes a story's aggregates (centroid, names, years, sources, dates) from its member records.</summary>
    private void Rebuild(StoryRecord s, List<DocRecord> members)
    {
        s.Documents.Clear(); s.Centroid.Clear(); s.Entities.Clear(); s.Years.Clear(); s.Sources.Clear();
        s.TopEntities = []; s.FirstPublished = null; s.LastPublished = null;
        s.FirstSeen = members[0].SeenAt; s.LastSeen = members[0].SeenAt;
        foreach (var d in members)
        {
            s.Documents.Add(d.Id);
            for (int i = 0; i < d.TermKeys.Length; i++) s.Centroid[d.TermKeys[i]] = s.Centroid.GetValueOrDefault(d.TermKeys[i]) + d.TermWeights[i];
            CountMember(s, d);
        }
        if (s.Centroid.Count > _o.CentroidTerms) Prune(s.Centroid, _o.CentroidTerms);
        if (s.Entities.Count > _o.CentroidTerms) Prune(s.Entities, _o.CentroidTerms);
        RecomputeNorms(s);
        s.TopEntities = s.Entities.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(TopEntityCount).Select(kv => kv.Key).ToArray();
    }

    private string FirstSentence(long docId)
    {
        var first = _texts?.Invoke(docId) is { } text ? Text.TextTools.SentenceTexts(text).FirstOrDefault() ?? "" : "";
        const int MaxTitle = 120;
        return first.Length > MaxTitle ? first[..MaxTitle].TrimEnd() + "…" : first;
    }
}
