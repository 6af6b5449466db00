using System.Numerics;
using Storyline.Stories.Text;

namespace Storyline.Stories.Dedup;

/// <summary>Options of the near-duplicate detector.</summary>
public sealed record DedupOptions
{
    /// <summary>Words per shingle. Four keeps shared stock phrases from looking like copies.</summary>
    public int ShingleWords { get; init; } = 4;
    /// <summary>Hash functions in a signature (bands × rows).</summary>
    public int Bands { get; init; } = 42;
    public int Rows { get; init; } = 3;
    /// <summary>
    /// Lines with fewer words than this are not shingled: navigation, share buttons and other scrape debris
    /// are short lines, and leaving them out keeps a wrapped scrape's signature close to the article's.
    /// </summary>
    public int MinLineWords { get; init; } = 6;
    /// <summary>Estimated Jaccard at or above which two documents are near-copies.</summary>
    public double CopyJaccard { get; init; } = 0.8;
    /// <summary>Estimated containment (of the smaller in the larger) at or above which one document copies the other.</summary>
    public double CopyContainment { get; init; } = 0.9;
    /// <summary>The smaller of two documents must have at least this share of the larger's shingles to count as a copy by containment (an excerpt of a quote is no copy).</summary>
    public double MinSizeRatio { get; init; } = 0.2;
    /// <summary>Bucket entries read per band during lookup: bounds the cost of very common buckets.</summary>
    public int MaxBucketScan { get; init; } = 64;
    public int SignatureLength => Bands * Rows;
}

/// <summary>A document's MinHash signature and the size of its shingle set.</summary>
public sealed record MinHashSignature(uint[] Values, int ShingleCount);

/// <summary>Word-shingle MinHash over clean text, with banded LSH keys.</summary>
public sealed class MinHasher
{
    private readonly DedupOptions _o;
    private readonly uint[] _a;
    private readonly uint[] _b;
    private readonly int _padded;
    private const ulong Seed = 0x5EED_5707_1E5Dul;

    public MinHasher(DedupOptions? options = null)
    {
        _o = options ?? new DedupOptions();
        int k = _o.SignatureLength;
        // padded to whole SIMD vectors; the extra lanes are computed and ignored
        _padded = (k + Vector<uint>.Count - 1) / Vector<uint>.Count * Vector<uint>.Count;
        _a = new uint[_padded]; _b = new uint[_padded];
        ulong s = Seed;
        for (int i = 0; i < _padded; i++) { _a[i] = (uint)SplitMix(ref s) | 1u; _b[i] = (uint)SplitMix(ref s); }
    }

    public DedupOptions Options => _o;

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15ul;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ul;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBul;
        return z ^ (z >> 31);
    }

    /// <summary>Shingle hashes of a text (distinct): word n-grams inside lines that are long enough to be content.</summary>
    public HashSet<ulong> Shingles(string text, List<Word>? words = null)
    {
        words ??= TextTools.Words(text);
        var set = new HashSet<ulong>();
        int n = _o.ShingleWords;
        var th = new ulong[words.Count];
        for (int i = 0; i < th.Length; i++) th[i] = TextTools.Hash(words[i].Lower);
        // group words by line; skip short lines (debris)
        int lineStart = 0;
        for (int i = 0; i <= words.Count; i++)
        {
            bool breakHere = i == words.Count || (i > lineStart && text.IndexOf('\n', words[i - 1].End, words[i].Start - words[i - 1].End) >= 0);
            if (!breakHere) continue;
            int len = i - lineStart;
            if (len >= _o.MinLineWords)
                for (int j = lineStart; j + n <= i; j++)
                {
                    ulong h = 0xCBF29CE484222325ul;
                    for (int t = 0; t < n; t++) h = (h ^ th[j + t]) * 0x100000001B3ul;
                    set.Add(h);
                }
            lineStart = i;
        }
        // text with only short lines (a headline list, a tweet): fall back to every shingle
        if (set.Count == 0)
            for (int j = 0; j + n <= words.Count; j++)
            {
                ulong h = 0xCBF29CE484222325ul;
                for (int t = 0; t < n; t++) h = (h ^ th[j + t]) * 0x100000001B3ul;
                set.Add(h);
            }
        if (set.Count == 0 && words.Count > 0) set.Add(TextTools.Hash(string.Join(' ', words.Select(w => w.Lower))));
        return set;
    }

    /// <summary>
    /// The MinHash signature of a shingle set. Each hash function is a 32-bit multiply-add of the shingle's
    /// folded hash followed by an xor-shift mix, computed for all functions at once with SIMD.
    /// </summary>
    public MinHashSignature Signature(HashSet<ulong> shingles)
    {
        int k = _o.SignatureLength, w = Vector<uint>.Count;
        var min = new Vector<uint>[_padded / w];
        Array.Fill(min, new Vector<uint>(uint.MaxValue));
        var a = new Vector<uint>[min.Length]; var b = new Vector<uint>[min.Length];
        for (int v = 0; v < min.Length; v++) { a[v] = new Vector<uint>(_a, v * w); b[v] = new Vector<uint>(_b, v * w); }
        foreach (var sh in shingles)
        {
            var x = new Vector<uint>((uint)(sh ^ (sh >> 32)));
            for (int v = 0; v < min.Length; v++)
            {
                var h = x * a[v] + b[v];
                h ^= Vector.ShiftRightLogical(h, 16);
                h *= new Vector<uint>(0x85EBCA6Bu);
                h ^= Vector.ShiftRightLogical(h, 13);
                min[v] = Vector.Min(min[v], h);
            }
        }
        var sig = new uint[k];
        var tmp = new uint[_padded];
        for (int v = 0; v < min.Length; v++) min[v].CopyTo(tmp, v * w);
        Array.Copy(tmp, sig, k);
        return new MinHashSignature(sig, shingles.Count);
    }

    public MinHashSignature Signature(string text) => Signature(Shingles(text));

    /// <summary>One LSH key per band: the band's rows hashed with the band number.</summary>
    public ulong[] BandKeys(MinHashSignature sig)
    {
        var keys = new ulong[_o.Bands];
        for (int b = 0; b < _o.Bands; b++)
        {
            ulong h = 0x9E3779B97F4A7C15ul * (ulong)(b + 1);
            for (int r = 0; r < _o.Rows; r++) h = (h ^ sig.Values[b * _o.Rows + r]) * 0x100000001B3ul + 0x7F4A7C15ul;
            keys[b] = h;
        }
        return keys;
    }

    /// <summary>Estimated Jaccard similarity: the share of equal signature positions.</summary>
    public static double Jaccard(MinHashSignature a, MinHashSignature b)
    {
        int eq = 0, k = Math.Min(a.Values.Length, b.Values.Length);
        for (int i = 0; i < k; i++) if (a.Values[i] == b.Values[i]) eq++;
        return k == 0 ? 0 : (double)eq / k;
    }

    /// <summary>
    /// Estimated containment of each set in the other from Jaccard and the set sizes:
    /// |A∩B| = J(|A|+|B|)/(1+J). Returns (share of A inside B, share of B inside A), each capped at 1.
    /// </summary>
    public static (double AInB, double BInA) Containment(MinHashSignature a, MinHashSignature b, double jaccard)
    {
        double inter = jaccard * (a.ShingleCount + b.ShingleCount) / (1 + jaccard);
        return (Math.Min(1, inter / Math.Max(1, a.ShingleCount)), Math.Min(1, inter / Math.Max(1, b.ShingleCount)));
    }
}
