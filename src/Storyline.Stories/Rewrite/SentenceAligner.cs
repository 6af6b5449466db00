using System.Text.Json.Serialization;
using Storyline.Stories.Text;

namespace Storyline.Stories.Rewrite;

/// <summary>What happened to a sentence between document A (earlier) and document B (later).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlignLabel>))]
public enum AlignLabel { Same, Reworded, Added, Dropped }

/// <summary>One aligned sentence: A's sentence, B's sentence or both, with the pair score.</summary>
public sealed record AlignedSentence(
    [property: JsonPropertyName("label")] AlignLabel Label,
    [property: JsonPropertyName("index_a")] int? IndexA,
    [property: JsonPropertyName("index_b")] int? IndexB,
    [property: JsonPropertyName("text_a")] string? TextA,
    [property: JsonPropertyName("text_b")] string? TextB,
    [property: JsonPropertyName("score")] double Score);

/// <summary>Sentence alignment of two documents with coverage shares.</summary>
public sealed record Alignment(
    [property: JsonPropertyName("sentences")] IReadOnlyList<AlignedSentence> Sentences,
    [property: JsonPropertyName("coverage_a")] double CoverageA,
    [property: JsonPropertyName("coverage_b")] double CoverageB,
    [property: JsonPropertyName("same")] int Same,
    [property: JsonPropertyName("reworded")] int Reworded,
    [property: JsonPropertyName("added")] int Added,
    [property: JsonPropertyName("dropped")] int Dropped)
{
    /// <summary>Document-level rewrite score: how much of each document the other accounts for (geometric mean of the coverages).</summary>
    [JsonPropertyName("rewrite_score")]
    public double RewriteScore => Math.Sqrt(CoverageA * CoverageB);
}

/// <summary>Options of sentence alignment and of the document-level rewrite decision.</summary>
public sealed record AlignOptions
{
    /// <summary>Character-trigram Jaccard at or above which two sentences are the same sentence (punctuation or a typo apart).</summary>
    public double SameCharJaccard { get; init; } = 0.9;
    /// <summary>Paraphrase probability for "reworded"; null = the classifier's own threshold.</summary>
    public double? RewordedProbability { get; init; }
    /// <summary>Sentences considered per document (longer documents are cut: cost bound).</summary>
    public int MaxSentences { get; init; } = 120;
    /// <summary>Coverage of the later document by aligned sentences needed for a rewrite.</summary>
    public double RewriteMinCoverageB { get; init; } = 0.6;
    /// <summary>Coverage of the earlier document needed for a rewrite (it may drop sentences).</summary>
    public double RewriteMinCoverageA { get; init; } = 0.4;
}

/// <summary>
/// Aligns the sentences of two documents one-to-one: candidate pairs share a content word, name or number;
/// pairs are scored by the paraphrase classifier and matched greedily, best first.
/// </summary>
public static class SentenceAligner
{
    /// <summary>Sentences shorter than this many words (headings, bylines) are aligned but do not count for coverage.</summary>
    private const int MinCountedWords = 4;

    public static Alignment Align(string textA, string textB, ParaphraseClassifier? classifier = null, AlignOptions? options = null)
    {
        var o = options ?? new AlignOptions();
        return Align(Prepare(textA, o), Prepare(textB, o), classifier ?? ParaphraseClassifier.Default, o);
    }

    /// <summary>A text's sentences prepared for alignment (at most <see cref="AlignOptions.MaxSentences"/>).</summary>
    public static List<SentenceInfo> Prepare(string text, AlignOptions? options = null) =>
        TextTools.SentenceTexts(text).Take((options ?? new AlignOptions()).MaxSentences).Select(s => new SentenceInfo(s)).ToList();

    public static Alignment Align(IReadOnlyList<SentenceInfo> a, IReadOnlyList<SentenceInfo> b, ParaphraseClassifier classifier, AlignOptions o)
    {
        double reworded = o.RewordedProbability ?? classifier.Model.Threshold;
        // inverted index of A's content words / names / numbers
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < a.Count; i++)
            foreach (var k in a[i].Content.Concat(a[i].Numbers))
            {
                if (!index.TryGetValue(k, out var l)) index[k] = l = [];
                l.Add(i);
            }
        var exact = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < a.Count; i++) exact.TryAdd(a[i].Key, i);

        var pairs = new List<(int I, int J, double Score, bool Same)>();
        var scored = new List<(int I, int J, double[] F)>();
        var seen = new HashSet<int>();
        for (int j = 0; j < b.Count; j++)
        {
            if (exact.TryGetValue(b[j].Key, out var ei)) { pairs.Add((ei, j, 2, true)); continue; }
            seen.Clear();
            foreach (var k in b[j].Content.Concat(b[j].Numbers))
                if (index.TryGetValue(k, out var l))
                    foreach (var i in l) seen.Add(i);
            foreach (var i in seen)
            {
                var f = SentenceFeatures.Compute(a[i], b[j]);
                if (f[5] >= o.SameCharJaccard) pairs.Add((i, j, 1.5, true));
                else scored.Add((i, j, f));
            }
        }
        // the pairs left to the classifier: their sentences are embedded in one batch when the model uses embeddings
        classifier.Prepare(scored.Where(x => classifier.NeedsEmbedding(x.F)).SelectMany(x => new[] { a[x.I], b[x.J] }));
        foreach (var (i, j, f) in scored)
        {
            double p = classifier.Probability(f, a[i], b[j]);
            if (p >= reworded) pairs.Add((i, j, p, false));
        }
        pairs.Sort((x, y) => y.Score != x.Score ? y.Score.CompareTo(x.Score) : x.J != y.J ? x.J.CompareTo(y.J) : x.I.CompareTo(y.I));
        var matchA = new (int J, double S, bool Same)?[a.Count];
        var matchB = new (int I, double S, bool Same)?[b.Count];
        foreach (var (i, j, s, same) in pairs)
        {
            if (matchA[i] is not null || matchB[j] is not null) continue;
            matchA[i] = (j, s, same); matchB[j] = (i, s, same);
        }

        var result = new List<AlignedSentence>();
        var emittedA = new bool[a.Count];
        int nextA = 0;
        int cSame = 0, cRew = 0, cAdd = 0, cDrop = 0;
        void EmitDroppedBefore(int limit)
        {
            for (; nextA < limit; nextA++)
                if (matchA[nextA] is null && !emittedA[nextA]) { emittedA[nextA] = true; result.Add(new AlignedSentence(AlignLabel.Dropped, nextA, null, a[nextA].Text, null, 0)); cDrop++; }
        }
        for (int j = 0; j < b.Count; j++)
        {
            if (matchB[j] is { } m)
            {
                if (m.I >= nextA) EmitDroppedBefore(m.I);
                emittedA[m.I] = true;
                bool same = m.Same;
                result.Add(new AlignedSentence(same ? AlignLabel.Same : AlignLabel.Reworded, m.I, j, a[m.I].Text, b[j].Text, Math.Min(1, m.S)));
                if (same) cSame++; else cRew++;
            }
            else { result.Add(new AlignedSentence(AlignLabel.Added, null, j, null, b[j].Text, 0)); cAdd++; }
        }
        EmitDroppedBefore(a.Count);
        return new Alignment(result, Coverage(a, matchA.Select(x => x is not null).ToArray()), Coverage(b, matchB.Select(x => x is not null).ToArray()), cSame, cRew, cAdd, cDrop);
    }

    /// <summary>Share of a document's words (in sentences long enough to count) that sit in matched sentences.</summary>
    private static double Coverage(IReadOnlyList<SentenceInfo> s, bool[] matched)
    {
        double tot = 0, hit = 0;
        for (int i = 0; i < s.Count; i++)
        {
            int n = s[i].Words.Length;
            if (n < MinCountedWords) continue;
            tot += n; if (matched[i]) hit += n;
        }
        return tot == 0 ? 0 : hit / tot;
    }

    /// <summary>True when the alignment says B rewrites A.</summary>
    public static bool IsRewrite(Alignment al, AlignOptions? options = null)
    {
        var o = options ?? new AlignOptions();
        return al.CoverageB >= o.RewriteMinCoverageB && al.CoverageA >= o.RewriteMinCoverageA;
    }
}
