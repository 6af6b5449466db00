using System.Numerics;
using System.Runtime.CompilerServices;

namespace Storyline.Core;

/// <summary>
/// Helpers for the read-only open-addressing tables that models build at load time from the arrays of their file.
/// A key's home slot is its top bits (keys are hashes, so any bits spread evenly). Inserting the keys in home-slot
/// order fills the table front to back instead of writing to random places in tens of megabytes, which is most of
/// what a load cost: <see cref="InsertionOrder"/> gives that order with one counting pass.
/// </summary>
public static class HashSlots
{
    /// <summary>Table size for <paramref name="count"/> keys: a power of two at least twice the count (at least 16).</summary>
    public static int Capacity(int count) => (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, count * 2));

    /// <summary>Right shift that turns a key into its home slot in a table of <paramref name="capacity"/> (a power of two).</summary>
    public static int Shift(int capacity) => 64 - BitOperations.Log2((uint)capacity);

    /// <summary>Home slot of <paramref name="key"/> for <paramref name="shift"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Home(ulong key, int shift) => (int)(key >> shift);

    /// <summary>
    /// Indexes of <paramref name="keys"/> grouped by the top bits of the key (a stable bucket sort on at most 4096
    /// buckets): inserting in this order touches one small region of the table at a time.
    /// </summary>
    public static int[] InsertionOrder(ReadOnlySpan<ulong> keys, int capacity)
    {
        var order = GC.AllocateUninitializedArray<int>(keys.Length);
        int bits = Math.Min(12, BitOperations.Log2((uint)capacity));
        int shift = 64 - bits;
        var next = new int[(1 << bits) + 1];
        foreach (var k in keys) next[(int)(k >> shift) + 1]++;
        for (int b = 1; b < next.Length; b++) next[b] += next[b - 1];
        for (int i = 0; i < keys.Length; i++) order[next[(int)(keys[i] >> shift)]++] = i;
        return order;
    }
}

/// <summary>
/// A read-only map from 64-bit keys to 64-bit values (or a set, without values) built once from two arrays, as a
/// model file stores them: one flat open-addressing table, no per-entry objects. The arrays it was built from are
/// kept, in their order, so a model that is loaded and saved again writes the same bytes.
/// </summary>
public sealed class FrozenKeyMap
{
    private readonly ulong[] _slotKeys;   // 0 = empty; key 0 itself is held apart
    private readonly ulong[]? _slotValues;
    private readonly int _shift;
    private readonly int _mask;
    private readonly bool _hasZero;
    private readonly ulong _zeroValue;

    /// <summary>The keys, in the order given.</summary>
    public ulong[] Keys { get; }
    /// <summary>The values, in the order given; null for a set.</summary>
    public ulong[]? Values { get; }
    public int Count => Keys.Length;

    /// <summary>Builds the table; <paramref name="values"/> null makes a set. Keys must be distinct.</summary>
    public FrozenKeyMap(ulong[] keys, ulong[]? values)
    {
        if (values is not null && values.Length != keys.Length) throw new ArgumentException("keys and values differ in number");
        Keys = keys; Values = values;
        int cap = HashSlots.Capacity(keys.Length);
        _shift = HashSlots.Shift(cap);
        _mask = cap - 1;
        _slotKeys = new ulong[cap];
        _slotValues = values is null ? null : new ulong[cap];
        foreach (int i in HashSlots.InsertionOrder(keys, cap))
        {
            ulong k = keys[i];
            if (k == 0) { _hasZero = true; _zeroValue = values?[i] ?? 0; continue; }
            int s = HashSlots.Home(k, _shift);
            while (_slotKeys[s] != 0) s = (s + 1) & _mask;
            _slotKeys[s] = k;
            if (values is not null) _slotValues![s] = values[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(ulong key)
    {
        var keys = _slotKeys;
        int s = HashSlots.Home(key, _shift);
        while (true)
        {
            ulong k = keys[s];
            if (k == key) return s;
            if (k == 0) return -1;
            s = (s + 1) & _mask;
        }
    }

    public bool Contains(ulong key) => key == 0 ? _hasZero : Find(key) >= 0;

    /// <summary>The value of <paramref name="key"/>, or 0 when absent (or when this is a set).</summary>
    public ulong GetValueOrDefault(ulong key)
    {
        if (key == 0) return _zeroValue;
        int s = Find(key);
        return s < 0 || _slotValues is null ? 0 : _slotValues[s];
    }
}
