using System.Numerics;

namespace Storyline.Stories.Engine;

/// <summary>
/// A document's sketch (hashed key → weight) as a small open-addressing table: the engine probes it a few thousand
/// times per document (once per term of each candidate), where a general dictionary costs several times more.
/// </summary>
public sealed class SketchTable
{
    private readonly ulong[] _keys;
    private readonly float[] _values;
    private readonly int _mask;
    // key 0 cannot mark an empty slot and also be a key: it is kept aside
    private readonly bool _hasZero;
    private readonly float _zeroValue;

    public SketchTable(ulong[] keys, float[] weights)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(8, keys.Length * 2));
        _keys = new ulong[size]; _values = new float[size]; _mask = size - 1;
        for (int i = 0; i < keys.Length; i++)
        {
            ulong k = keys[i];
            if (k == 0) { _hasZero = true; _zeroValue = weights[i]; continue; }
            int j = Slot(k);
            while (_keys[j] != 0 && _keys[j] != k) j = (j + 1) & _mask;
            _keys[j] = k; _values[j] = weights[i];
        }
    }

    // the low bits carry the key space, so the slot comes from the high bits
    private int Slot(ulong k) => (int)((k * 0x9E3779B97F4A7C15UL) >> 40) & _mask;

    /// <summary>The weight of a key, 0 when absent.</summary>
    public float Get(ulong k)
    {
        if (k == 0) return _hasZero ? _zeroValue : 0;
        int j = Slot(k);
        while (true)
        {
            ulong s = _keys[j];
            if (s == k) return _values[j];
            if (s == 0) return 0;
            j = (j + 1) & _mask;
        }
    }

    /// <summary>Dot product with a stored sketch.</summary>
    public double Dot(ulong[] keys, float[] weights)
    {
        double dot = 0;
        for (int i = 0; i < keys.Length; i++) dot += Get(keys[i]) * weights[i];
        return dot;
    }
}
