using System.IO.Compression;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Text;
using Storyline.Core;

namespace Storyline.Language.Learning;

/// <summary>
/// Immutable averaged-perceptron weights: an open-addressing hash table from feature hash to a sparse row of
/// (class, weight) entries. Thread-safe; scoring allocates nothing. Saved as a compact binary stream
/// (optionally inside a gzip file) that <see cref="Read"/> restores exactly.
/// </summary>
public sealed class PerceptronModel
{
    /// <summary>Classes are stored as 16-bit ids.</summary>
    public const int MaxClasses = ushort.MaxValue;

    private const int Magic = 0x50415453; // "STAP"
    private const int FormatVersion = 2;
    private const int LegacyFormatVersion = 1;
    private const int LoadFactorInverse = 2; // table at most half full: short probe runs

    // Slot and entry are packed structs so a lookup touches two cache lines: the slot, then its entries.
    private readonly Slot[] _table;       // Key 0 = empty
    private readonly Entry[] _entries;
    private readonly ulong[] _keys;       // row order, for saving
    private readonly int[] _starts;       // row r has entries [_starts[r], _starts[r+1])
    private readonly int _mask;
    private readonly int _shift;

    private struct Slot { public ulong Key; public int Start; public int Count; }
    private struct Entry { public int Class; public float Weight; }

    public int ClassCount { get; }

    /// <summary>Class names when the trainer was given them.</summary>
    public IReadOnlyList<string>? Labels { get; }

    /// <summary>Number of features with at least one weight.</summary>
    public int FeatureCount => _keys.Length;

    /// <summary>Number of stored (feature, class) weights.</summary>
    public int WeightCount => _entries.Length;

    internal PerceptronModel(int classCount, IReadOnlyList<string>? labels, ulong[] keys, int[] starts, ushort[] classes, float[] weights)
    {
        ClassCount = classCount;
        Labels = labels is null ? null : [.. labels];
        _keys = keys;
        _starts = starts;
        _entries = new Entry[weights.Length];
        for (int i = 0; i < weights.Length; i++) _entries[i] = new Entry { Class = classes[i], Weight = weights[i] };
        int cap = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, keys.Length * LoadFactorInverse));
        _table = new Slot[cap];
        _mask = cap - 1;
        _shift = HashSlots.Shift(cap);
        // Home slots are the keys' top bits, filled in home order: the table is written front to back (see HashSlots).
        foreach (int r in HashSlots.InsertionOrder(keys, cap))
        {
            int slot = HashSlots.Home(keys[r], _shift);
            while (_table[slot].Key != 0) slot = (slot + 1) & _mask;
            _table[slot] = new Slot { Key = keys[r], Start = starts[r], Count = starts[r + 1] - starts[r] };
        }
    }

    /// <summary>Clears <paramref name="scores"/> (length ≥ <see cref="ClassCount"/>) and adds the weights of every feature.</summary>
    /// <remarks>
    /// The model is tens of megabytes, so nearly every lookup misses the caches: the features are scored in batches,
    /// first prefetching every feature's home slot, then reading the slots (now cached) and prefetching their rows,
    /// then adding the rows, so the misses overlap instead of coming one after another. The weights are added in
    /// feature order, entry by entry, as a plain loop would: the scores are bit for bit the same.
    /// </remarks>
    [SkipLocalsInit] // the batch buffers are written before they are read
    public unsafe void Score(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        scores = scores[..ClassCount];
        scores.Clear();
        Span<int> start = stackalloc int[ScoreBatch];
        Span<int> count = stackalloc int[ScoreBatch];
        fixed (Slot* table = _table)
        fixed (Entry* entries = _entries)
        fixed (float* sc = scores)
        {
            for (int from = 0; from < features.Length; from += ScoreBatch)
            {
                var batch = features.Slice(from, Math.Min(ScoreBatch, features.Length - from));
                if (Sse.IsSupported)
                    foreach (var f in batch) Sse.Prefetch0(table + HashSlots.Home(f, _shift));
                for (int i = 0; i < batch.Length; i++)
                {
                    ulong key = batch[i];
                    int slot = HashSlots.Home(key, _shift);
                    Slot* s = table + slot;
                    while (s->Key != key && s->Key != 0) s = table + (++slot & _mask);
                    // An empty slot has Count 0.
                    start[i] = s->Start;
                    count[i] = s->Count;
                    if (Sse.IsSupported && s->Count > 0)
                    {
                        // A row may run over several cache lines (8 entries each): fetch them all.
                        Entry* e = entries + s->Start, last = e + s->Count - 1;
                        for (; e < last; e += 8) Sse.Prefetch0(e);
                        Sse.Prefetch0(last);
                    }
                }
                for (int i = 0; i < batch.Length; i++)
                {
                    Entry* e = entries + start[i], end = e + count[i];
                    for (; e < end; e++) sc[e->Class] += e->Weight;
                }
            }
        }
    }

    // Features scored per prefetch round: about as many misses as a core keeps in flight, times a few.
    private const int ScoreBatch = 128;

    /// <summary>Best class for the features (ties: lowest index).</summary>
    public int Predict(ReadOnlySpan<ulong> features)
    {
        Span<float> scores = ClassCount <= 1024 ? stackalloc float[ClassCount] : new float[ClassCount];
        Score(features, scores);
        return ArgMax(scores);
    }

    /// <summary>Index of the largest score (ties: lowest index).</summary>
    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        int best = 0;
        float bestScore = float.NegativeInfinity;
        for (int i = 0; i < scores.Length; i++)
            if (scores[i] > bestScore) { bestScore = scores[i]; best = i; }
        return best;
    }

    /// <summary>A copy without the weights whose magnitude is at most <paramref name="threshold"/> (smaller, faster, slightly less exact).</summary>
    public PerceptronModel Prune(float threshold)
    {
        var keys = new List<ulong>(_keys.Length);
        var starts = new List<int>(_keys.Length + 1);
        var classes = new List<ushort>(_entries.Length);
        var weights = new List<float>(_entries.Length);
        for (int r = 0; r < _keys.Length; r++)
        {
            int before = classes.Count;
            for (int k = _starts[r]; k < _starts[r + 1]; k++)
            {
                if (Math.Abs(_entries[k].Weight) <= threshold) continue;
                classes.Add((ushort)_entries[k].Class);
                weights.Add(_entries[k].Weight);
            }
            if (classes.Count > before) { keys.Add(_keys[r]); starts.Add(before); }
        }
        starts.Add(classes.Count);
        return new PerceptronModel(ClassCount, Labels, [.. keys], [.. starts], [.. classes], [.. weights]);
    }

    /// <summary>
    /// Writes the model to a binary stream: the class list, then the rows as four raw arrays (feature keys,
    /// row starts, entry classes, entry weights) that <see cref="Read"/> takes in with a few block reads.
    /// </summary>
    public void Write(BinaryWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(ClassCount);
        w.Write(Labels?.Count ?? -1);
        if (Labels is not null) foreach (var l in Labels) w.Write(l);
        var classes = new ushort[_entries.Length];
        var weights = new float[_entries.Length];
        for (int i = 0; i < _entries.Length; i++) { classes[i] = (ushort)_entries[i].Class; weights[i] = _entries[i].Weight; }
        BinaryArrays.Write<ulong>(w, _keys);
        BinaryArrays.Write<int>(w, _starts);
        BinaryArrays.Write<ushort>(w, classes);
        BinaryArrays.Write<float>(w, weights);
    }

    /// <summary>Reads a model written by <see cref="Write"/> (or by the older per-value format 1).</summary>
    public static PerceptronModel Read(BinaryReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.ReadInt32() != Magic) throw new InvalidDataException("not a perceptron model");
        int version = r.ReadInt32();
        if (version is not (FormatVersion or LegacyFormatVersion)) throw new InvalidDataException($"unsupported perceptron model version {version}");
        int classCount = r.ReadInt32();
        int labelCount = r.ReadInt32();
        string[]? labels = null;
        if (labelCount >= 0)
        {
            labels = new string[labelCount];
            for (int i = 0; i < labelCount; i++) labels[i] = r.ReadString();
        }
        if (version == LegacyFormatVersion) return ReadLegacyRows(r, classCount, labels);
        var keys = BinaryArrays.Read<ulong>(r);
        var starts = BinaryArrays.Read<int>(r);
        var classes = BinaryArrays.Read<ushort>(r);
        var weights = BinaryArrays.Read<float>(r);
        if (starts.Length != keys.Length + 1 || classes.Length != weights.Length || starts[0] != 0 || starts[^1] != weights.Length)
            throw new InvalidDataException("corrupt perceptron model: row and entry arrays disagree");
        for (int i = 0; i < keys.Length; i++)
            if (starts[i + 1] < starts[i]) throw new InvalidDataException("corrupt perceptron model: row starts go backwards");
        foreach (var c in classes)
            if (c >= classCount) throw new InvalidDataException("corrupt perceptron model: class id out of range");
        return StartupTrace.Measure("  perceptron: hash table", () => new PerceptronModel(classCount, labels, keys, starts, classes, weights));
    }

    // Format 1 wrote each value separately (7-bit counts and classes); read only to convert older files.
    private static PerceptronModel ReadLegacyRows(BinaryReader r, int classCount, string[]? labels)
    {
        int rows = r.ReadInt32();
        int entries = r.ReadInt32();
        var keys = new ulong[rows];
        var starts = new int[rows + 1];
        for (int i = 0; i < rows; i++)
        {
            keys[i] = r.ReadUInt64();
            starts[i + 1] = starts[i] + r.Read7BitEncodedInt();
        }
        var classes = new ushort[entries];
        for (int i = 0; i < entries; i++) classes[i] = (ushort)r.Read7BitEncodedInt();
        var weights = new float[entries];
        for (int i = 0; i < entries; i++) weights[i] = r.ReadSingle();
        return new PerceptronModel(classCount, labels, keys, starts, classes, weights);
    }

    /// <summary>Saves to a gzip file.</summary>
    public void Save(string path)
    {
        using var fs = File.Create(path);
        using var gz = new GZipStream(fs, CompressionLevel.SmallestSize);
        using var w = new BinaryWriter(gz, Encoding.UTF8);
        Write(w);
    }

    /// <summary>Loads a gzip file written by <see cref="Save"/>.</summary>
    public static PerceptronModel Load(string path)
    {
        using var fs = File.OpenRead(path);
        using var gz = new GZipStream(fs, CompressionMode.Decompress);
        using var r = new BinaryReader(new BufferedStream(gz), Encoding.UTF8);
        return Read(r);
    }
}
