using Storyline.Core;
using Storyline.Ner.Features;

namespace Storyline.Ner.Resources;

/// <summary>
/// Word clusters learned without labels: each known word form has one class id per granularity
/// (e.g. 64, 256 and 1024 classes), all packed in one int. Lookups go by the hash of the form, so
/// the tagger never allocates. Unknown words return <see cref="None"/>.
/// </summary>
public sealed class WordClusters
{
    public const int None = -1;
    public const int BitsPerLevel = 10;
    private const int LevelMask = (1 << BitsPerLevel) - 1;

    private readonly Dictionary<ulong, int> _packed;
    public IReadOnlyList<int> Sizes { get; }

    public WordClusters(IReadOnlyList<int> sizes, Dictionary<ulong, int> packed)
    {
        if (sizes.Count * BitsPerLevel > 31 || sizes.Any(s => s > LevelMask + 1)) throw new ArgumentException("too many or too large cluster levels");
        Sizes = sizes;
        _packed = packed;
    }

    public static WordClusters Empty { get; } = new([], []);

    public int Count => _packed.Count;

    /// <summary>Packed class ids for a word hash, or <see cref="None"/>.</summary>
    public int Lookup(ulong wordHash) => _packed.TryGetValue(wordHash, out var v) ? v : None;

    /// <summary>Class id at one granularity from a packed value.</summary>
    public static int Level(int packed, int level) => (packed >> (level * BitsPerLevel)) & LevelMask;

    public static int Pack(ReadOnlySpan<int> ids)
    {
        int v = 0;
        for (int i = 0; i < ids.Length; i++) v |= ids[i] << (i * BitsPerLevel);
        return v;
    }

    /// <summary>Writes the levels, then word hashes and packed ids as two raw blocks (see <see cref="BinaryArrays"/>).</summary>
    public void Write(BinaryWriter w)
    {
        w.Write(Sizes.Count);
        foreach (var s in Sizes) w.Write(s);
        BinaryArrays.Write<ulong>(w, [.. _packed.Keys]);
        BinaryArrays.Write<int>(w, [.. _packed.Values]);
    }

    public static WordClusters Read(BinaryReader r)
    {
        var sizes = new int[r.ReadInt32()];
        for (int i = 0; i < sizes.Length; i++) sizes[i] = r.ReadInt32();
        return new WordClusters(sizes, BinaryArrays.ReadMap<int>(r));
    }

    /// <summary>Class id of a word as text (for inspection and tests).</summary>
    public int Lookup(string word) => Lookup(TextHash.Of(word));
}

/// <summary>
/// Capitalisation statistics from unlabelled text: for each lower-cased form, how often it was
/// seen capitalised away from the start of a sentence. Tells a sentence-initial "The" (almost never
/// capitalised mid-sentence) from "Reuters" (always). Values are bucketed for features.
/// </summary>
public sealed class CaseStats
{
    public const int MinCount = 3;
    public const int Buckets = 5;
    private readonly Dictionary<ulong, byte> _bucket;

    public CaseStats(Dictionary<ulong, byte> bucket) => _bucket = bucket;
    public static CaseStats Empty { get; } = new([]);
    public int Count => _bucket.Count;

    /// <summary>Bucket 0..Buckets-1 (share of capitalised mid-sentence uses), or -1 when the form was seen too rarely.</summary>
    public int Bucket(ulong lowerHash) => _bucket.TryGetValue(lowerHash, out var b) ? b : -1;

    public static CaseStats Build(IEnumerable<string[]> sentences)
    {
        var total = new Dictionary<ulong, int>();
        var caps = new Dictionary<ulong, int>();
        foreach (var s in sentences)
        {
            if (IsMostlyUpper(s)) continue;
            for (int i = 1; i < s.Length; i++)
            {
                var w = s[i];
                if (w.Length == 0 || !char.IsLetter(w[0])) continue;
                // After quotes or colons a capital may start a new sentence.
                if (s[i - 1] is "\"" or ":" or "``" or "-" or "(" or "'") continue;
                ulong h = TextHash.OfLower(w);
                total[h] = total.GetValueOrDefault(h) + 1;
                if (char.IsUpper(w[0])) caps[h] = caps.GetValueOrDefault(h) + 1;
            }
        }
        var buckets = new Dictionary<ulong, byte>();
        foreach (var (h, n) in total)
        {
            if (n < MinCount) continue;
            double share = caps.GetValueOrDefault(h) / (double)n;
            buckets[h] = (byte)Math.Min(Buckets - 1, (int)(share * Buckets));
        }
        return new CaseStats(buckets);
    }

    /// <summary>True for headline-like sentences where most words are written in capitals.</summary>
    public static bool IsMostlyUpper(IReadOnlyList<string> words)
    {
        int letters = 0, upper = 0;
        foreach (var w in words)
        {
            bool hasLetter = false, allUpper = true;
            foreach (var c in w)
                if (char.IsLetter(c)) { hasLetter = true; if (!char.IsUpper(c)) allUpper = false; }
            if (!hasLetter) continue;
            letters++;
            if (allUpper) upper++;
        }
        return letters >= 2 && upper * 2 > letters * 1 && upper >= 2;
    }

    /// <summary>Writes word hashes and buckets as two raw blocks (see <see cref="BinaryArrays"/>).</summary>
    public void Write(BinaryWriter w)
    {
        BinaryArrays.Write<ulong>(w, [.. _bucket.Keys]);
        BinaryArrays.Write<byte>(w, [.. _bucket.Values]);
    }

    public static CaseStats Read(BinaryReader r) => new(BinaryArrays.ReadMap<byte>(r));
}
