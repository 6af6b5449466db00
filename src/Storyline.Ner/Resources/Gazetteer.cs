using Storyline.Core;
using Storyline.Ner.Features;

namespace Storyline.Ner.Resources;

/// <summary>
/// Named lists of multi-token names ("country", "city", "mined.PER"...) matched over token sequences.
/// Entries are stored as hashes of their token sequence, once as written and once lower-cased, so
/// matching needs no strings. A bit mask per entry says which lists hold it.
/// </summary>
public sealed class Gazetteer
{
    /// <summary>Longest entry, in tokens, that is matched.</summary>
    public const int MaxTokens = 6;
    /// <summary>At most this many lists (one bit each in a ulong mask).</summary>
    public const int MaxLists = 64;

    private readonly List<string> _lists = [];
    private readonly Dictionary<ulong, ulong> _exact = [];
    private readonly Dictionary<ulong, ulong> _lower = [];
    // Prefixes of entries (hash of first k tokens) so a match attempt stops early.
    private readonly HashSet<ulong> _exactPrefixes = [];
    private readonly HashSet<ulong> _lowerPrefixes = [];

    // A gazetteer read from a model file keeps its four tables as flat read-only maps (building dictionaries of
    // every entry was most of its load time); adding to it first copies them back (Thaw), in file order.
    private FrozenKeyMap? _fExact, _fLower, _fExactPrefixes, _fLowerPrefixes;

    public IReadOnlyList<string> Lists => _lists;
    public int Count => _fExact?.Count ?? _exact.Count;

    private void Thaw()
    {
        if (_fExact is null) return;
        FillMap(_fExact, _exact); FillMap(_fLower!, _lower);
        FillSet(_fExactPrefixes!, _exactPrefixes); FillSet(_fLowerPrefixes!, _lowerPrefixes);
        _fExact = _fLower = _fExactPrefixes = _fLowerPrefixes = null;
    }

    private static void FillMap(FrozenKeyMap f, Dictionary<ulong, ulong> m)
    {
        m.EnsureCapacity(f.Count);
        for (int i = 0; i < f.Count; i++) m[f.Keys[i]] = f.Values![i];
    }

    private static void FillSet(FrozenKeyMap f, HashSet<ulong> s)
    {
        s.EnsureCapacity(f.Count);
        foreach (var k in f.Keys) s.Add(k);
    }

    public int ListId(string name)
    {
        int i = _lists.IndexOf(name);
        if (i >= 0) return i;
        if (_lists.Count == MaxLists) throw new InvalidOperationException("too many gazetteer lists");
        _lists.Add(name);
        return _lists.Count - 1;
    }

    /// <summary>Adds a name (already split into tokens) to a list.</summary>
    public void Add(string list, IReadOnlyList<string> tokens)
    {
        if (tokens.Count == 0 || tokens.Count > MaxTokens) return;
        Thaw();
        ulong bit = 1UL << ListId(list);
        ulong he = 0, hl = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            he = Step(he, TextHash.Of(tokens[i]), i);
            hl = Step(hl, TextHash.OfLower(tokens[i]), i);
            if (i < tokens.Count - 1) { _exactPrefixes.Add(he); _lowerPrefixes.Add(hl); }
        }
        _exact[he] = _exact.GetValueOrDefault(he) | bit;
        _lower[hl] = _lower.GetValueOrDefault(hl) | bit;
    }

    /// <summary>Adds a name given as text, split on whitespace (see <see cref="SplitName"/>).</summary>
    public void Add(string list, string name) => Add(list, SplitName(name));

    /// <summary>Splits a name into CoNLL-like tokens: whitespace, and a trailing comma or possessive apart.</summary>
    public static List<string> SplitName(string name)
    {
        var toks = new List<string>();
        foreach (var part in name.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var p = part;
            if (p.EndsWith(',') && p.Length > 1) { toks.Add(p[..^1]); toks.Add(","); continue; }
            if (p.StartsWith('(') && p.Length > 1) { toks.Add("("); p = p[1..]; }
            if (p.EndsWith(')') && p.Length > 1) { toks.Add(p[..^1]); toks.Add(")"); continue; }
            toks.Add(p);
        }
        return toks;
    }

    public static ulong Step(ulong prefix, ulong tokenHash, int index) => index == 0 ? tokenHash : TextHash.Combine(prefix, tokenHash);

    /// <summary>
    /// Finds every entry matching at <paramref name="start"/>: calls <paramref name="onMatch"/> with
    /// the length in tokens and the list mask. Token hashes are given per position (exact or lower).
    /// </summary>
    public void MatchAt(ReadOnlySpan<ulong> tokenHashes, int start, bool lower, Span<ulong> masksByLength)
    {
        if (_fExact is not null) { MatchFrozen(tokenHashes, start, lower ? _fLower! : _fExact, lower ? _fLowerPrefixes! : _fExactPrefixes!, masksByLength); return; }
        var entries = lower ? _lower : _exact;
        var prefixes = lower ? _lowerPrefixes : _exactPrefixes;
        ulong h = 0;
        int max = Math.Min(MaxTokens, tokenHashes.Length - start);
        for (int k = 0; k < max; k++)
        {
            h = Step(h, tokenHashes[start + k], k);
            masksByLength[k] = entries.GetValueOrDefault(h);
            if (!prefixes.Contains(h)) { for (int j = k + 1; j < max; j++) masksByLength[j] = 0; break; }
        }
    }

    private static void MatchFrozen(ReadOnlySpan<ulong> tokenHashes, int start, FrozenKeyMap entries, FrozenKeyMap prefixes, Span<ulong> masksByLength)
    {
        ulong h = 0;
        int max = Math.Min(MaxTokens, tokenHashes.Length - start);
        for (int k = 0; k < max; k++)
        {
            h = Step(h, tokenHashes[start + k], k);
            masksByLength[k] = entries.GetValueOrDefault(h);
            if (!prefixes.Contains(h)) { for (int j = k + 1; j < max; j++) masksByLength[j] = 0; break; }
        }
    }

    public void Write(BinaryWriter w)
    {
        w.Write(_lists.Count);
        foreach (var l in _lists) w.Write(l);
        if (_fExact is not null)
        {
            // Loaded and not changed: the file's own arrays, so the bytes come out the same.
            BinaryArrays.Write<ulong>(w, _fExact.Keys); BinaryArrays.Write<ulong>(w, _fExact.Values);
            BinaryArrays.Write<ulong>(w, _fLower!.Keys); BinaryArrays.Write<ulong>(w, _fLower.Values);
            BinaryArrays.Write<ulong>(w, _fExactPrefixes!.Keys); BinaryArrays.Write<ulong>(w, _fLowerPrefixes!.Keys);
            return;
        }
        WriteMap(w, _exact); WriteMap(w, _lower);
        WriteSet(w, _exactPrefixes); WriteSet(w, _lowerPrefixes);
    }

    public static Gazetteer Read(BinaryReader r)
    {
        var g = new Gazetteer();
        int n = r.ReadInt32();
        for (int i = 0; i < n; i++) g._lists.Add(r.ReadString());
        g._fExact = ReadMap(r); g._fLower = ReadMap(r);
        g._fExactPrefixes = new FrozenKeyMap(BinaryArrays.Read<ulong>(r), null);
        g._fLowerPrefixes = new FrozenKeyMap(BinaryArrays.Read<ulong>(r), null);
        return g;
    }

    // Keys, then values, each as one raw block (see BinaryArrays): a fast load is a few block reads.
    private static void WriteMap(BinaryWriter w, Dictionary<ulong, ulong> m)
    {
        BinaryArrays.Write<ulong>(w, [.. m.Keys]);
        BinaryArrays.Write<ulong>(w, [.. m.Values]);
    }

    private static FrozenKeyMap ReadMap(BinaryReader r)
    {
        var keys = BinaryArrays.Read<ulong>(r);
        var values = BinaryArrays.Read<ulong>(r);
        if (keys.Length != values.Length) throw new InvalidDataException("corrupt gazetteer: keys and values differ in number");
        return new FrozenKeyMap(keys, values);
    }

    private static void WriteSet(BinaryWriter w, HashSet<ulong> s) => BinaryArrays.Write<ulong>(w, [.. s]);

}
