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

    public IReadOnlyList<string> Lists => _lists;
    public int Count => _exact.Count;

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

    public void Write(BinaryWriter w)
    {
        w.Write(_lists.Count);
        foreach (var l in _lists) w.Write(l);
        WriteMap(w, _exact); WriteMap(w, _lower);
        WriteSet(w, _exactPrefixes); WriteSet(w, _lowerPrefixes);
    }

    public static Gazetteer Read(BinaryReader r)
    {
        var g = new Gazetteer();
        int n = r.ReadInt32();
        for (int i = 0; i < n; i++) g._lists.Add(r.ReadString());
        ReadMap(r, g._exact); ReadMap(r, g._lower);
        ReadSet(r, g._exactPrefixes); ReadSet(r, g._lowerPrefixes);
        return g;
    }

    // Keys, then values, each as one raw block (see BinaryArrays): a fast load is a few block reads.
    private static void WriteMap(BinaryWriter w, Dictionary<ulong, ulong> m)
    {
        BinaryArrays.Write<ulong>(w, [.. m.Keys]);
        BinaryArrays.Write<ulong>(w, [.. m.Values]);
    }

    private static void ReadMap(BinaryReader r, Dictionary<ulong, ulong> m)
    {
        var keys = BinaryArrays.Read<ulong>(r);
        var values = BinaryArrays.Read<ulong>(r);
        if (keys.Length != values.Length) throw new InvalidDataException("corrupt gazetteer: keys and values differ in number");
        m.EnsureCapacity(keys.Length);
        for (int i = 0; i < keys.Length; i++) m[keys[i]] = values[i];
    }

    private static void WriteSet(BinaryWriter w, HashSet<ulong> s) => BinaryArrays.Write<ulong>(w, [.. s]);

    private static void ReadSet(BinaryReader r, HashSet<ulong> s)
    {
        var keys = BinaryArrays.Read<ulong>(r);
        s.EnsureCapacity(keys.Length);
        foreach (var k in keys) s.Add(k);
    }
}
