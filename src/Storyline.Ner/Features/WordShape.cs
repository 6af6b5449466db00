namespace Storyline.Ner.Features;

/// <summary>How a word is capitalised.</summary>
public enum CapKind : byte { NoLetters, Lower, Initial, AllCaps, Mixed }

/// <summary>Word shapes computed into hashes without allocating: "Kestrel" → Xxxxxxx / Xx, "U.S." → X.X. / X.X.</summary>
public static class WordShape
{
    /// <summary>Longest run kept in the long shape before runs are cut (Xxxxx stays, Xxxxxxxxxxx becomes Xxxxx).</summary>
    public const int MaxRun = 4;

    private static char Class(char c) => char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : char.IsLetter(c) ? 'x' : c;

    /// <summary>Shape with runs of the same class cut at <see cref="MaxRun"/>.</summary>
    public static ulong LongShape(ReadOnlySpan<char> w)
    {
        ulong h = 14695981039346656037UL;
        char last = '\0'; int run = 0;
        foreach (var ch in w)
        {
            char c = Class(ch);
            if (c == last) { if (++run > MaxRun) continue; } else { last = c; run = 1; }
            h ^= c; h *= 1099511628211UL;
        }
        return TextHash.Mix(h ^ 0x5348415045UL);
    }

    /// <summary>Shape with every run collapsed to one character.</summary>
    public static ulong ShortShape(ReadOnlySpan<char> w)
    {
        ulong h = 14695981039346656037UL;
        char last = '\0';
        foreach (var ch in w)
        {
            char c = Class(ch);
            if (c == last) continue;
            last = c;
            h ^= c; h *= 1099511628211UL;
        }
        return TextHash.Mix(h ^ 0x53484F5254UL);
    }

    public static CapKind Caps(ReadOnlySpan<char> w)
    {
        int letters = 0, upper = 0;
        bool firstUpper = false, seenLetter = false;
        foreach (var c in w)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            bool u = char.IsUpper(c);
            if (u) upper++;
            if (!seenLetter) { firstUpper = u; seenLetter = true; }
        }
        if (letters == 0) return CapKind.NoLetters;
        if (upper == 0) return CapKind.Lower;
        if (upper == letters) return CapKind.AllCaps;
        return firstUpper && upper == 1 ? CapKind.Initial : CapKind.Mixed;
    }

    public static bool IsCapitalised(CapKind k) => k is CapKind.Initial or CapKind.AllCaps or CapKind.Mixed;
}
