using System.Runtime.CompilerServices;

namespace Storyline.Ner.Model;

/// <summary>
/// Weights of a linear model over hashed features: one row of <see cref="Labels"/> floats per
/// feature that ever took part in an update. Read-only after training, so one instance serves
/// every thread.
/// </summary>
public sealed class WeightTable
{
    private readonly Dictionary<ulong, int> _index;
    private float[] _w;
    // Frozen tables also get an open-addressing copy of the index with the weights laid out by slot:
    // a lookup touches the key array and the row's own weights, with no index in between (memory-bound hot path).
    private readonly ulong[]? _keys;
    private readonly float[]? _slotW;
    private readonly int _mask;

    public int Labels { get; }
    public int Rows => _index.Count;

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
        int cap = 16;
        while (cap < index.Count * 2) cap <<= 1;
        _keys = new ulong[cap]; _slotW = new float[cap * labels]; _mask = cap - 1;
        foreach (var (k, row) in index)
        {
            ulong key = k == 0 ? 1 : k;
            int slot = (int)(key & (ulong)_mask);
            while (_keys[slot] != 0) slot = (slot + 1) & _mask;
            _keys[slot] = key;
            Array.Copy(w, row * labels, _slotW, slot * labels, labels);
        }
    }

    /// <summary>Slot of a feature in a frozen table, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindSlot(ulong f)
    {
        ulong key = f == 0 ? 1 : f;
        var keys = _keys!;
        int slot = (int)(key & (ulong)_mask);
        while (true)
        {
            ulong k = keys[slot];
            if (k == key) return slot;
            if (k == 0) return -1;
            slot = (slot + 1) & _mask;
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
                if (!_index.TryGetValue(f, out int row)) continue;
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
            foreach (var (k, _) in t._index)
                if (!index.ContainsKey(k)) index[k] = index.Count;
        var w = new float[Math.Max(1, index.Count) * labels];
        float share = 1f / tables.Count;
        foreach (var t in tables)
            foreach (var (k, row) in t._index)
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
        if (_index.TryGetValue(f, out int row)) return row;
        row = _index.Count;
        _index[f] = row;
        if ((row + 1) * Labels > _w.Length) Array.Resize(ref _w, _w.Length * 2);
        return row;
    }

    internal bool TryRow(ulong f, out int row) => _index.TryGetValue(f, out row);

    internal IEnumerable<KeyValuePair<ulong, int>> Entries => _index;

    /// <summary>Writes rows whose largest weight magnitude reaches <paramref name="minWeight"/>; weights as float16.</summary>
    public void Write(BinaryWriter wr, float minWeight)
    {
        var keep = new List<(ulong Key, int Row)>();
        foreach (var (k, row) in _index)
        {
            float max = 0;
            for (int j = 0; j < Labels; j++) max = Math.Max(max, Math.Abs(_w[row * Labels + j]));
            if (max >= minWeight) keep.Add((k, row));
        }
        keep.Sort((a, b) => a.Key.CompareTo(b.Key));
        wr.Write(Labels);
        wr.Write(keep.Count);
        foreach (var (k, _) in keep) wr.Write(k);
        foreach (var (_, row) in keep)
            for (int j = 0; j < Labels; j++) wr.Write((Half)_w[row * Labels + j]);
    }

    public static WeightTable Read(BinaryReader r) => Read(r, 0);

    /// <summary>Reads a table, leaving out rows whose weights all stay below <paramref name="minWeight"/> in magnitude.</summary>
    public static WeightTable Read(BinaryReader r, float minWeight)
    {
        int labels = r.ReadInt32();
        int n = r.ReadInt32();
        var keys = new ulong[n];
        for (int i = 0; i < n; i++) keys[i] = r.ReadUInt64();
        var index = new Dictionary<ulong, int>(n);
        var w = new float[Math.Max(1, n) * labels];
        int kept = 0;
        for (int i = 0; i < n; i++)
        {
            float max = 0;
            for (int j = 0; j < labels; j++)
            {
                float v = (float)r.ReadHalf();
                w[kept * labels + j] = v;
                max = Math.Max(max, Math.Abs(v));
            }
            if (max < minWeight) continue;
            index[keys[i]] = kept++;
        }
        return new WeightTable(labels, index, w);
    }
}
