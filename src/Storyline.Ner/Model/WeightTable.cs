using Storyline.Core;
using System.Runtime.CompilerServices;

namespace Storyline.Ner.Model;

/// <summary>
/// Weights of a linear model over hashed features: one row of <see cref="Labels"/> floats per
/// feature that ever took part in an update. Read-only after training, so one instance serves
/// every thread.
/// </summary>
public sealed class WeightTable
{
    // Row of each feature. A table read from a model file builds it only when asked (training, averaging,
    // saving): tagging reads the slot arrays below, and building a dictionary of every row costs start-up time.
    private Dictionary<ulong, int>? _index;
    private readonly ulong[]? _rowKeys;
    private float[] _w;
    // Frozen tables also get an open-addressing copy of the index with the weights laid out by slot:
    // a lookup touches the key array and the row's own weights, with no index in between (memory-bound hot path).
    private readonly ulong[]? _keys;
    private readonly float[]? _slotW;
    private readonly int _shift; // home slot = key >> _shift; the table has 1 << (64 - _shift) slots

    public int Labels { get; }
    public int Rows => _index?.Count ?? _rowKeys!.Length;

    private Dictionary<ulong, int> Index => _index ??= BuildIndex(_rowKeys!);

    private static Dictionary<ulong, int> BuildIndex(ulong[] keys)
    {
        var d = new Dictionary<ulong, int>(keys.Length);
        for (int i = 0; i < keys.Length; i++) d[keys[i]] = i;
        return d;
    }

    public WeightTable(int labels, int capacity = 1 << 16)
    {
        Labels = labels;
        _index = new Dictionary<ulong, int>(capacity);
        _w = new float[capacity * labels];
    }

    /// <summary>A frozen (read-only) table over the given rows.</summary>
    internal WeightTable(int labels, Dictionary<ulong, int> index, float[] w)
    {
        Labels = labels; _index = index; _w = w;
        var keys = new ulong[index.Count];
        foreach (var (k, row) in index) keys[row] = k; // rows are dense: 0..Count-1
        (_keys, _slotW, _shift) = BuildSlots(labels, keys, w);
    }

    /// <summary>A frozen table over rows given in order: row i is feature <paramref name="keys"/>[i].</summary>
    private WeightTable(int labels, ulong[] keys, float[] w)
    {
        Labels = labels; _rowKeys = keys; _w = w;
        (_keys, _slotW, _shift) = BuildSlots(labels, keys, w);
    }

    /// <summary>The open-addressing copy: row i (feature <paramref name="rowKeys"/>[i]) goes to the slot of its key.</summary>
    private static (ulong[] Keys, float[] SlotW, int Shift) BuildSlots(int labels, ulong[] rowKeys, float[] w)
    {
        int cap = 16;
        while (cap < rowKeys.Length * 2) cap <<= 1;
        var keys = new ulong[cap];
        var slotW = new float[cap * labels];
        int mask = cap - 1;
        int shift = HashSlots.Shift(cap);
        // Home slots are the keys' top bits, filled in home order: the table is written front to back (see HashSlots).
        foreach (int row in HashSlots.InsertionOrder(rowKeys, cap))
        {
            ulong k = rowKeys[row];
            ulong key = k == 0 ? 1 : k;
            int slot = HashSlots.Home(key, shift);
            while (keys[slot] != 0) slot = (slot + 1) & mask;
            keys[slot] = key;
            Array.Copy(w, row * labels, slotW, slot * labels, labels);
        }
        return (keys, slotW, shift);
    }

    /// <summary>Slot of a feature in a frozen table, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindSlot(ulong f)
    {
        ulong key = f == 0 ? 1 : f;
        var keys = _keys!;
        int mask = keys.Length - 1;
        int slot = HashSlots.Home(key, _shift);
        while (true)
        {
            ulong k = keys[slot];
            if (k == key) return slot;
            if (k == 0) return -1;
            slot = (slot + 1) & mask;
        }
    }

    internal float[] Raw => _w;

    /// <summary>Adds the rows of every known feature to <paramref name="scores"/> (which is cleared first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Score(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        int l = Labels;
        scores[..l].Clear();
        if (_keys is null)
        {
            // Training: the growing table's dictionary.
            var w = _w;
            foreach (var f in features)
            {
                if (!Index.TryGetValue(f, out int row)) continue;
                var src = w.AsSpan(row * l, l);
                for (int k = 0; k < l; k++) scores[k] += src[k];
            }
            return;
        }
        var sw = _slotW!;
        foreach (var f in features)
        {
            int slot = FindSlot(f);
            if (slot < 0) continue;
            var src = sw.AsSpan(slot * l, l);
            for (int k = 0; k < l; k++) scores[k] += src[k];
        }
    }

    /// <summary>The mean of several tables over the union of their rows (a row absent from a table counts as zeros).</summary>
    internal static WeightTable Average(IReadOnlyList<WeightTable> tables)
    {
        int labels = tables[0].Labels;
        var index = new Dictionary<ulong, int>();
        foreach (var t in tables)
            foreach (var (k, _) in t.Index)
                if (!index.ContainsKey(k)) index[k] = index.Count;
        var w = new float[Math.Max(1, index.Count) * labels];
        float share = 1f / tables.Count;
        foreach (var t in tables)
            foreach (var (k, row) in t.Index)
            {
                int to = index[k] * labels, from = row * labels;
                for (int j = 0; j < labels; j++) w[to + j] += share * t._w[from + j];
            }
        return new WeightTable(labels, index, w);
    }

    /// <summary>Row of a feature, created (zero) when absent.</summary>
    internal int RowOf(ulong f)
    {
        if (_keys is not null) throw new InvalidOperationException("a frozen weight table cannot grow");
        var index = Index;
        if (index.TryGetValue(f, out int row)) return row;
        row = index.Count;
        index[f] = row;
        if ((row + 1) * Labels > _w.Length) Array.Resize(ref _w, _w.Length * 2);
        return row;
    }

    internal bool TryRow(ulong f, out int row) => Index.TryGetValue(f, out row);

    internal IEnumerable<KeyValuePair<ulong, int>> Entries => Index;

    /// <summary>
    /// Writes rows whose largest weight magnitude reaches <paramref name="minWeight"/>, in key order: the
    /// feature keys, then the weights as float16, each as one raw block (see <see cref="BinaryArrays"/>).
    /// </summary>
    public void Write(BinaryWriter wr, float minWeight)
    {
        var keep = new List<(ulong Key, int Row)>();
        foreach (var (k, row) in Entries)
        {
            float max = 0;
            for (int j = 0; j < Labels; j++) max = Math.Max(max, Math.Abs(_w[row * Labels + j]));
            if (max >= minWeight) keep.Add((k, row));
        }
        keep.Sort((a, b) => a.Key.CompareTo(b.Key));
        var keys = new ulong[keep.Count];
        var half = new Half[keep.Count * Labels];
        for (int i = 0; i < keep.Count; i++)
        {
            keys[i] = keep[i].Key;
            for (int j = 0; j < Labels; j++) half[i * Labels + j] = (Half)_w[keep[i].Row * Labels + j];
        }
        wr.Write(Labels);
        BinaryArrays.Write<ulong>(wr, keys);
        BinaryArrays.Write<Half>(wr, half);
    }

    public static WeightTable Read(BinaryReader r) => Read(r, 0);

    /// <summary>Reads a table, leaving out rows whose weights all stay below <paramref name="minWeight"/> in magnitude.</summary>
    public static WeightTable Read(BinaryReader r, float minWeight)
    {
        int labels = r.ReadInt32();
        var keys = BinaryArrays.Read<ulong>(r);
        var half = BinaryArrays.Read<Half>(r);
        if (labels <= 0 || half.Length != keys.Length * labels)
            throw new InvalidDataException("corrupt NER model: weight table sizes disagree");
        var w = new float[Math.Max(1, keys.Length) * labels];
        int kept = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            float max = 0;
            for (int j = 0; j < labels; j++)
            {
                float v = (float)half[i * labels + j];
                w[kept * labels + j] = v;
                max = Math.Max(max, Math.Abs(v));
            }
            if (max < minWeight) continue;
            keys[kept++] = keys[i];
        }
        if (kept < keys.Length) Array.Resize(ref keys, kept);
        return new WeightTable(labels, keys, w);
    }
}
