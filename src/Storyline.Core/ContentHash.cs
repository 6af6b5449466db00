using System.Security.Cryptography;
using System.Text;

namespace Storyline.Core;

/// <summary>Identity of a document's content: SHA-256 over the clean text with whitespace collapsed and case folded.</summary>
public static class ContentHash
{
    public static string Of(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool space = false;
        foreach (var ch in UnicodeText.Normalize(text, NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(ch)) { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(char.ToLowerInvariant(ch));
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
