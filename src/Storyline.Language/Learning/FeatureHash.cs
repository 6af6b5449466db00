using System.Runtime.CompilerServices;

namespace Storyline.Language.Learning;

/// <summary>
/// Stable 64-bit feature hashes (FNV-1a over UTF-16 code units, then a splitmix64 finaliser), so a feature
/// such as ("suffix3", "ing") becomes one <see cref="ulong"/> without allocating a string. The values are
/// stable across processes and platforms: saved models stay valid. Never returns 0 (reserved as "empty").
/// Collisions at 64 bits are negligible for the feature counts used here.
/// </summary>
public static class FeatureHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;
    // Separates parts so ("ab","c") and ("a","bc") differ.
    private const char PartSeparator = '\u001F';

    /// <summary>Hash of a whole feature string.</summary>
    public static ulong Of(ReadOnlySpan<char> feature) => Finish(Mix(FnvOffset, feature));

    /// <summary>Hash of a template id and one value ("w=" + word).</summary>
    public static ulong Of(int template, ReadOnlySpan<char> a) => Finish(Mix(Seed(template), a));

    /// <summary>Hash of a template id and two values (a conjunction such as previous tag + word).</summary>
    public static ulong Of(int template, ReadOnlySpan<char> a, ReadOnlySpan<char> b)
        => Finish(Mix(Mix(Seed(template), a), b));

    /// <summary>Hash of a template id and three values.</summary>
    public static ulong Of(int template, ReadOnlySpan<char> a, ReadOnlySpan<char> b, ReadOnlySpan<char> c)
        => Finish(Mix(Mix(Mix(Seed(template), a), b), c));

    /// <summary>Hash of a template id and integer values (ids of words, tags, labels, distances).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(int template, long a) => Finish(MixInt(Seed(template), a));

    /// <summary>Hash of a template id and two integers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(int template, long a, long b) => Finish(MixInt(MixInt(Seed(template), a), b));

    /// <summary>Hash of a template id and three integers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(int template, long a, long b, long c) => Finish(MixInt(MixInt(MixInt(Seed(template), a), b), c));

    /// <summary>Hash of a template id and four integers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(int template, long a, long b, long c, long d)
        => Finish(MixInt(MixInt(MixInt(MixInt(Seed(template), a), b), c), d));

    /// <summary>Combines an existing hash with another (order matters).</summary>
    public static ulong Combine(ulong a, ulong b) => Finish(MixInt(MixInt(FnvOffset, (long)a), (long)b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Seed(int template) => MixInt(FnvOffset, template);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong h, ReadOnlySpan<char> s)
    {
        foreach (char c in s) { h ^= c; h *= FnvPrime; }
        h ^= PartSeparator; h *= FnvPrime;
        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MixInt(ulong h, long v)
    {
        h ^= (ulong)v; h *= FnvPrime;
        h ^= (ulong)v >> 32; h *= FnvPrime;
        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Finish(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return z == 0 ? 1 : z;
    }
}
