using System.Text;

namespace Storyline.Core;

/// <summary>
/// Unicode normalisation that cannot throw. .NET's <see cref="string.Normalize(NormalizationForm)"/> rejects two kinds of
/// code units that real inputs do carry: unpaired surrogates (from a JSON escape or a character reference) and U+FFFE
/// (a byte-swapped BOM left by a bad conversion). One such character must not cost a page, so both become U+FFFD first.
/// </summary>
public static class UnicodeText
{
    /// <summary>The text in NFC, with code units normalisation rejects replaced by U+FFFD.</summary>
    public static string Nfc(string s) => Normalize(s, NormalizationForm.FormC);

    /// <summary>The text in <paramref name="form"/>, with code units normalisation rejects replaced by U+FFFD.</summary>
    public static string Normalize(string s, NormalizationForm form)
    {
        // The common case costs one scan: IsNormalized is true for plain ASCII and already-normalised text.
        try { return s.IsNormalized(form) ? s : s.Normalize(form); }
        catch (ArgumentException)
        {
            var safe = ReplaceInvalid(s, out _);
            return safe.IsNormalized(form) ? safe : safe.Normalize(form);
        }
    }

    /// <summary>Replaces each unpaired UTF-16 surrogate and each U+FFFE with U+FFFD; counts them in <paramref name="replaced"/>.</summary>
    public static string ReplaceInvalid(string s, out int replaced)
    {
        replaced = 0;
        char[]? chars = null;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '\uFFFE') { }
            else if (!char.IsSurrogate(c)) continue;
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
            chars ??= s.ToCharArray();
            chars[i] = '\uFFFD';
            replaced++;
        }
        return chars is null ? s : new string(chars);
    }
}
