using System.Globalization;
using System.Text;

namespace Storyline.Extraction.Evaluation;

/// <summary>
/// The two Python text primitives the benchmark scorers are defined with, reproduced code point by
/// code point so our figures match the upstream scripts: <c>re.findall(r"\w+")</c> (Unicode \w = letters,
/// any numeric character, underscore; no combining marks) and <c>re.sub(r"\s+", " ", s).strip()</c>.
/// </summary>
internal static class PyText
{
    /// <summary>Python's <c>\w</c> for str patterns: str.isalnum() or '_'.</summary>
    public static bool IsWordRune(Rune r)
    {
        if (r.Value == '_') return true;
        switch (Rune.GetUnicodeCategory(r))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.OtherNumber:
                return true;
            default:
                return false;
        }
    }

    /// <summary>Python's str.isspace(): Unicode White_Space plus the ASCII separators 0x1C–0x1F.</summary>
    public static bool IsSpaceRune(Rune r)
    {
        int v = r.Value;
        if (v is >= 0x09 and <= 0x0D or >= 0x1C and <= 0x20 or 0x85) return true;
        return v > 0x7F && Rune.IsWhiteSpace(r);
    }

    /// <summary><c>re.findall(r"\w+", text)</c>.</summary>
    public static List<string> WordTokens(string text)
    {
        var tokens = new List<string>();
        int start = -1, i = 0;
        while (i < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var r, out int used) != System.Buffers.OperationStatus.Done)
            {
                r = Rune.ReplacementChar;
                used = 1;
            }
            if (IsWordRune(r)) { if (start < 0) start = i; }
            else if (start >= 0) { tokens.Add(text[start..i]); start = -1; }
            i += used;
        }
        if (start >= 0) tokens.Add(text[start..]);
        return tokens;
    }

    /// <summary><c>re.sub(r"\s+", " ", text).strip()</c>.</summary>
    public static string NormalizeSpace(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool pendingSpace = false;
        int i = 0;
        while (i < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var r, out int used) != System.Buffers.OperationStatus.Done)
                used = 1;
            if (IsSpaceRune(r)) pendingSpace = sb.Length > 0;
            else
            {
                if (pendingSpace) { sb.Append(' '); pendingSpace = false; }
                sb.Append(text, i, used);
            }
            i += used;
        }
        return sb.ToString();
    }
}
