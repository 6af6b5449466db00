using Storyline.Stories.Index;

namespace Storyline.Stories.Engine;

/// <summary>The learned join decision: features of (new document, candidate story) scored by <see cref="StoryJoinModel"/>.</summary>
public sealed partial class StoryEngine
{
    /// <summary>Feature order of <see cref="StoryJoinModel"/> (new document vs candidate story); append only.</summary>
    public static readonly string[] JoinFeatureNames =
    [
        "cosine", "word_cosine", "name_cosine", "number_cosine", "member_cosine",
        "name_cover", "lead_cover", "story_cover",
        "year_known", "year_diff", "year_share",
        "time_known", "log_gap_days", "log_story_docs",
    ];

    /// <summary>Features appended when <see cref="StoryOptions.UseLeadEmbeddings"/>: lead-embedding cosine with the story's candidate members.</summary>
    public static readonly string[] JoinEmbeddingFeatureNames = ["lead_embedding_known", "lead_embedding_max", "lead_embedding_mean"];

    /// <summary>The join features the options ask for.</summary>
    public static string[] JoinFeatureNamesFor(StoryOptions o) => o.UseLeadEmbeddings ? [.. JoinFeatureNames, .. JoinEmbeddingFeatureNames] : JoinFeatureNames;

    /// <summary>Names of a story compared with a new document's names (<see cref="StoryRecord.TopEntities"/>).</summary>
    public const int TopEntityCount = 5;
    /// <summary>Year differences beyond this count as this (two events a decade apart are as different as five years apart).</summary>
    private const int MaxYearDiff = 5;

    /// <summary>Teacher forcing for training: the gold story label of a document; each document then joins its gold story.</summary>
    internal Func<long, string>? Teacher { get; init; }
    /// <summary>Where teacher-forced replay writes its (features, same story) rows.</summary>
    internal List<(double[] X, bool Y)>? TrainingRows { get; init; }
    /// <summary>True: each document joins its gold story; false: the model decides and rows are labelled by each story's majority gold.</summary>
    internal bool TeacherForces { get; init; } = true;
    private readonly Dictionary<long, Dictionary<string, int>> _storyGold = [];
    private readonly Dictionary<string, long> _goldStory = new(StringComparer.Ordinal);

    private string? MajorityGold(long storyId) =>
        _storyGold.TryGetValue(storyId, out var c) ? c.MaxBy(kv => kv.Value).Key : null;

    private void NoteGold(long storyId, string gold)
    {
        _goldStory.TryAdd(gold, storyId);
        if (!_storyGold.TryGetValue(storyId, out var c)) _storyGold[storyId] = c = new(StringComparer.Ordinal);
        c[gold] = c.GetValueOrDefault(gold) + 1;
    }

    /// <summary>A document's sketch as the join features need it: per-space norms and the set of its names.</summary>
    private sealed class DocView(ulong[] keys, float[] weights, DocumentAnalysis a)
    {
        public readonly ulong[] Keys = keys;
        public readonly float[] Weights = weights;
        public readonly double[] Norm2 = Norms(keys, weights);
        public readonly HashSet<ulong> Names = [.. a.EntityKeys];
        public readonly DocumentAnalysis A = a;

        private static double[] Norms(ulong[] keys, float[] weights)
        {
            var n = new double[4];
            for (int i = 0; i < keys.Length; i++) n[Text.TextTools.SpaceOf(keys[i])] += (double)weights[i] * weights[i];
            return n;
        }
    }

    private static double Ratio(double dot, double n2a, double n2b) => n2a <= 0 || n2b <= 0 ? 0 : dot / Math.Sqrt(n2a * n2b);

    /// <summary>Rows of the last scoring (candidate story id, features), for teacher-forced training.</summary>
    private readonly List<(long Story, double[] X)> _storyRows = [];

    private double[] JoinFeatures(DocView d, StoryRecord s, double memberCos, DateTimeOffset? when)
    {
        EnsureNorms(s);
        // names count by the share of member documents that mention them, so one stray member cannot vouch for its names
        double docs = Math.Max(1, s.Documents.Count);
        Span<double> dots = stackalloc double[4];
        double nameAll = 0, nameHit = 0;
        for (int i = 0; i < d.Keys.Length; i++)
        {
            ulong k = d.Keys[i]; double x = d.Weights[i];
            ulong space = Text.TextTools.SpaceOf(k);
            if (s.Centroid.TryGetValue(k, out var y)) dots[(int)space] += x * y;
            if (space == DocumentAnalysis.NameSpace)
            {
                nameAll += x * x;
                nameHit += x * x * Share(s, k, docs);
            }
        }
        var cn = s.CentroidNorm2;
        const int W = (int)DocumentAnalysis.TermSpace, N = (int)DocumentAnalysis.NameSpace, U = (int)DocumentAnalysis.NumberSpace;
        double cos = Ratio(dots[0] + dots[1] + dots[2] + dots[3], d.Norm2[0] + d.Norm2[1] + d.Norm2[2] + d.Norm2[3], cn[0] + cn[1] + cn[2] + cn[3]);
        double wordCos = Ratio(dots[W], d.Norm2[W], cn[W]), nameCos = Ratio(dots[N], d.Norm2[N], cn[N]), numCos = Ratio(dots[U], d.Norm2[U], cn[U]);
        // no names on one side is no evidence either way: count it as covered
        double nameCover = nameAll > 0 ? nameHit / nameAll : 1;
        double leadCover = nameCover;
        if (d.A.LeadNameKeys.Length > 0)
        {
            double hit = 0;
            foreach (var k in d.A.LeadNameKeys) hit += Share(s, k, docs);
            leadCover = hit / d.A.LeadNameKeys.Length;
        }
        double storyCover = 1;
        if (s.TopEntities.Length > 0)
        {
            int hit = 0;
            foreach (var k in s.TopEntities) if (d.Names.Contains(k)) hit++;
            storyCover = (double)hit / s.TopEntities.Length;
        }
        double yearKnown = 0, yearDiff = 0, yearShare = 0;
        if (d.A.LatestYear is { } dy && s.Years.Count > 0)
        {
            int total = 0, same = 0, modal = 0, modalCount = -1;
            foreach (var (y, c) in s.Years)
            {
                total += c;
                if (y == dy) same += c;
                if (c > modalCount || (c == modalCount && y > modal)) { modal = y; modalCount = c; }
            }
            yearKnown = 1; yearDiff = Math.Min(MaxYearDiff, Math.Abs(dy - modal)); yearShare = (double)same / total;
        }
        double gap = TimeGapDays(when, s);
        double timeKnown = double.IsNaN(gap) ? 0 : 1, logGap = double.IsNaN(gap) ? 0 : Math.Log(1 + gap);
        return [cos, wordCos, nameCos, numCos, memberCos, nameCover, leadCover, storyCover,
            yearKnown, yearDiff, yearShare, timeKnown, logGap, Math.Log(1 + s.Documents.Count)];
    }

    /// <summary>Share of a story's documents that mention a name (at most 1: merged counts may exceed the pruned member list).</summary>
    private static double Share(StoryRecord s, ulong name, double docs) =>
        s.Entities.TryGetValue(name, out int n) ? Math.Min(1, n / docs) : 0;

    /// <summary>Candidate stories (those of the candidate documents) with their join probability, most probable first.</summary>
    private List<(StoryRecord Story, double P)> ScoreStoriesModel(StoryJoinModel? model, DocView d, IReadOnlyList<DocRecord> candDocs, double[] candCos, DateTimeOffset? when)
    {
        _storyRows.Clear();
        var best = new Dictionary<long, double>();
        for (int i = 0; i < candDocs.Count; i++)
        {
            long sid = Resolve(candDocs[i].StoryId);
            best[sid] = Math.Max(best.GetValueOrDefault(sid), candCos[i]);
        }
        // lead-embedding cosine of the document with the story's candidate members (only candidates: no store reads)
        Dictionary<long, (double Max, double Sum, int N)>? lead = null;
        if (_o.UseLeadEmbeddings && d.A.LeadEmbedding is { } de)
        {
            lead = [];
            for (int i = 0; i < candDocs.Count; i++)
            {
                if (candDocs[i].LeadEmbedding is not { } ce) continue;
                long sid = Resolve(candDocs[i].StoryId);
                double c = Embedding.EmbeddingMath.Cosine(de, ce);
                var (mx, sum, n) = lead.GetValueOrDefault(sid, (-1, 0, 0));
                lead[sid] = (Math.Max(mx, c), sum + c, n + 1);
            }
        }
        var result = new List<(StoryRecord Story, double P)>(Math.Min(best.Count, _o.ScoredStories));
        // only the stories whose best member is most similar get the full features (bounded cost per document)
        IEnumerable<KeyValuePair<long, double>> ranked = best.Count <= _o.ScoredStories ? best
            : best.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(_o.ScoredStories);
        foreach (var (sid, memberCos) in ranked)
        {
            var s = GetStory(sid);
            if (s is null) continue;
            double gap = TimeGapDays(when, s);
            if (gap > _o.ActiveWindowDays) continue;
            var x = JoinFeatures(d, s, memberCos, when);
            if (_o.UseLeadEmbeddings)
                x = lead is not null && lead.TryGetValue(sid, out var le)
                    ? [.. x, 1, le.Max, Math.Round(le.Sum / le.N, Embedding.EmbeddingMath.FeatureDecimals)]
                    : [.. x, 0, 0, 0];
            if (Teacher is not null) _storyRows.Add((sid, x));
            result.Add((s, model?.Probability(x) ?? 0));
        }
        result.Sort((x, y) => y.P.CompareTo(x.P));
        return result;
    }

    /// <summary>Stories stored before the norms were kept (or merged) get them computed once.</summary>
    private static void EnsureNorms(StoryRecord s)
    {
        if (s.CentroidNorm2.Length == 4 && (s.CentroidNorm2[0] + s.CentroidNorm2[1] + s.CentroidNorm2[2] + s.CentroidNorm2[3] > 0 || s.Centroid.Count == 0)) return;
        RecomputeNorms(s);
    }

    private static void RecomputeNorms(StoryRecord s)
    {
        var n = new double[4];
        foreach (var (k, v) in s.Centroid) n[Text.TextTools.SpaceOf(k)] += (double)v * v;
        s.CentroidNorm2 = n;
    }

    /// <summary>The story's most frequent names after <paramref name="added"/> were counted once more.</summary>
    private static void UpdateTopEntities(StoryRecord s, IEnumerable<ulong> added)
    {
        var cand = new HashSet<ulong>(s.TopEntities);
        cand.UnionWith(added);
        s.TopEntities = cand.Where(s.Entities.ContainsKey)
            .OrderByDescending(k => s.Entities[k]).ThenBy(k => k).Take(TopEntityCount).ToArray();
    }
}
