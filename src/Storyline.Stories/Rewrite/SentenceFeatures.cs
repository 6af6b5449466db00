using Storyline.Stories.Text;

namespace Storyline.Stories.Rewrite;

/// <summary>One sentence prepared once for many comparisons: word sets, character trigrams, names, numbers, quotes.</summary>
public sealed class SentenceInfo
{
    public string Text { get; }
    public string[] Words { get; }
    public HashSet<string> WordSet { get; }
    public HashSet<string> Content { get; }
    public HashSet<string> Bigrams { get; }
    public HashSet<int> CharTrigrams { get; }
    public HashSet<string> Numbers { get; }
    public HashSet<string> Names { get; }
    public bool Negated { get; }
    /// <summary>Lower-case words joined: equal keys mean the same sentence up to case and punctuation.</summary>
    public string Key { get; }
    /// <summary>The sentence's unit embedding once a classifier that uses embeddings has asked for it (null before).</summary>
    public float[]? Embedding { get; internal set; }

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal) { "not", "no", "never", "n't", "nobody", "nothing", "none", "neither", "nor", "cannot" };

    public SentenceInfo(string text)
    {
        Text = text;
        var ws = TextTools.Words(text);
        Words = ws.Select(w => w.Lower).ToArray();
        WordSet = new HashSet<string>(Words, StringComparer.Ordinal);
        Content = new HashSet<string>(ws.Where(w => !TextTools.Stopwords.Contains(w.Lower)).Select(w => TextTools.Stem(w.Lower)), StringComparer.Ordinal);
        Bigrams = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < Words.Length; i++) Bigrams.Add(Words[i] + " " + Words[i + 1]);
        Numbers = new HashSet<string>(ws.Where(w => w.IsNumber).Select(w => w.Lower), StringComparer.Ordinal);
        // names: capitalised words that are not the sentence's first word and not function words
        Names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 1; i < ws.Count; i++)
            if (ws[i].Capitalised && !ws[i].IsNumber && !TextTools.Stopwords.Contains(ws[i].Lower)) Names.Add(ws[i].Lower);
        if (ws.Count > 0 && ws[0].Capitalised && !TextTools.Stopwords.Contains(ws[0].Lower) && ws.Count > 1 && ws[1].Capitalised) Names.Add(ws[0].Lower);
        Negated = Words.Any(w => Negations.Contains(w) || w.EndsWith("n't", StringComparison.Ordinal));
        Key = string.Join(' ', Words);
        CharTrigrams = [];
        var norm = Key;
        for (int i = 0; i + 3 <= norm.Length; i++) CharTrigrams.Add(string.GetHashCode(norm.AsSpan(i, 3), StringComparison.Ordinal));
    }
}

/// <summary>Features of a sentence pair for the paraphrase classifier (all symmetric, all in [0, 1] or small logs).</summary>
public static class SentenceFeatures
{
    public static readonly string[] Names =
    [
        "content_f1", "content_min", "content_max", "word_f1", "bigram_f1", "char3_jaccard", "char3_min_containment",
        "length_ratio", "log_length_diff", "numbers_equal", "numbers_mismatch", "names_f1", "names_unmatched",
        "lcs_ratio", "negation_mismatch", "log_unmatched_content", "content_f1_sq", "char3_x_numbers",
    ];

    public static int Count => Names.Length;

    /// <summary>Features appended after <see cref="Names"/> by a model that uses sentence embeddings.</summary>
    public static readonly string[] EmbeddingNames = ["embedding_cosine", "embedding_cosine_sq", "embedding_x_numbers_equal"];

    /// <summary>The lexical features followed by the embedding features (both sentences' <see cref="SentenceInfo.Embedding"/> must be set).</summary>
    public static double[] WithEmbedding(double[] lexical, SentenceInfo a, SentenceInfo b)
    {
        if (a.Embedding is null || b.Embedding is null) throw new InvalidOperationException("sentence embeddings were not computed for this pair");
        double cos = Embedding.EmbeddingMath.Cosine(a.Embedding, b.Embedding);
        var f = new double[lexical.Length + EmbeddingNames.Length];
        lexical.CopyTo(f, 0);
        f[lexical.Length] = cos;
        f[lexical.Length + 1] = cos * cos;
        f[lexical.Length + 2] = cos * lexical[9];
        return f;
    }

    public static double[] Compute(SentenceInfo a, SentenceInfo b)
    {
        var f = new double[Count];
        int ci = Inter(a.Content, b.Content);
        double cpa = Ratio(ci, a.Content.Count), cpb = Ratio(ci, b.Content.Count);
        f[0] = F1(cpa, cpb);
        f[1] = Math.Min(cpa, cpb);
        f[2] = Math.Max(cpa, cpb);
        int wi = Inter(a.WordSet, b.WordSet);
        f[3] = F1(Ratio(wi, a.WordSet.Count), Ratio(wi, b.WordSet.Count));
        int bi = Inter(a.Bigrams, b.Bigrams);
        f[4] = F1(Ratio(bi, a.Bigrams.Count), Ratio(bi, b.Bigrams.Count));
        int ti = Inter(a.CharTrigrams, b.CharTrigrams);
        int tu = a.CharTrigrams.Count + b.CharTrigrams.Count - ti;
        f[5] = tu == 0 ? 0 : (double)ti / tu;
        f[6] = Ratio(ti, Math.Min(a.CharTrigrams.Count, b.CharTrigrams.Count));
        int la = a.Words.Length, lb = b.Words.Length;
        f[7] = Math.Max(la, lb) == 0 ? 0 : (double)Math.Min(la, lb) / Math.Max(la, lb);
        f[8] = Math.Log(1 + Math.Abs(la - lb));
        int ni = Inter(a.Numbers, b.Numbers);
        f[9] = a.Numbers.SetEquals(b.Numbers) ? 1 : 0;
        f[10] = Math.Log(1 + a.Numbers.Count + b.Numbers.Count - 2 * ni);
        int nmi = Inter(a.Names, b.Names);
        f[11] = a.Names.Count + b.Names.Count == 0 ? 1 : F1(Ratio(nmi, a.Names.Count), Ratio(nmi, b.Names.Count));
        f[12] = Math.Log(1 + a.Names.Count + b.Names.Count - 2 * nmi);
        f[13] = Math.Max(la, lb) == 0 ? 0 : (double)Lcs(a.Words, b.Words) / Math.Max(la, lb);
        f[14] = a.Negated != b.Negated ? 1 : 0;
        f[15] = Math.Log(1 + a.Content.Count + b.Content.Count - 2 * ci);
        f[16] = f[0] * f[0];
        f[17] = f[5] * f[9];
        return f;
    }

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
    private static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);

    private static int Inter<T>(HashSet<T> a, HashSet<T> b)
    {
        if (a.Count > b.Count) (a, b) = (b, a);
        int n = 0;
        foreach (var x in a) if (b.Contains(x)) n++;
        return n;
    }

    /// <summary>Longest common subsequence of two word arrays (length only), O(n·m) with one row.</summary>
    private static int Lcs(string[] a, string[] b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        var row = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            int prev = 0;
            for (int j = 1; j <= b.Length; j++)
            {
                int tmp = row[j];
                row[j] = a[i - 1] == b[j - 1] ? prev + 1 : Math.Max(row[j], row[j - 1]);
                prev = tmp;
            }
        }
        return row[b.Length];
    }
}
