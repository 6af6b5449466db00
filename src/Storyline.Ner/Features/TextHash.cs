using System.Runtime.CompilerServices;

namespace Storyline.Ner.Features;

/// <summary>
/// 64-bit hashes of text and of feature tuples, computed straight from characters so the tagger's
/// hot path needs no string allocations. FNV-1a over UTF-16 units, finished with a SplitMix64 mix.
/// </summary>
public static class TextHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>Hash of the characters as they are.</summary>
    public static ulong Of(ReadOnlySpan<char> s)
    {
        ulong h = FnvOffset;
        foreach (char c in s) { h ^= c; h *= FnvPrime; }
        return Mix(h);
    }

    public static ulong Of(string s) => Of(s.AsSpan());

    /// <summary>Hash of the lower-cased characters (invariant), equal to <c>Of(s.ToLowerInvariant())</c>.</summary>
    public static ulong OfLower(ReadOnlySpan<char> s)
    {
        ulong h = FnvOffset;
        foreach (char c in s) { h ^= char.ToLowerInvariant(c); h *= FnvPrime; }
        return Mix(h);
    }

    /// <summary>Hash of the title-cased form: first character as is upper-cased, the rest lower-cased.</summary>
    public static ulong OfTitle(ReadOnlySpan<char> s)
    {
        ulong h = FnvOffset;
        for (int i = 0; i < s.Length; i++)
        {
            char c = i == 0 ? char.ToUpperInvariant(s[i]) : char.ToLowerInvariant(s[i]);
            h ^= c; h *= FnvPrime;
        }
        return Mix(h);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong a, ulong b) => Mix(a * 0x9E3779B97F4A7C15UL + b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong a, ulong b, ulong c) => Combine(Combine(a, b), c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong a, ulong b, ulong c, ulong d) => Combine(Combine(Combine(a, b), c), d);
}
