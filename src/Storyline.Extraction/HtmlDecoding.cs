using System.Text;
using System.Text.RegularExpressions;

namespace Storyline.Extraction;

/// <summary>
/// Turns HTML bytes into text when no reader has done it (evaluation and benchmark pages):
/// byte-order mark, then valid UTF-8, then the charset the page declares, then Windows-1252.
/// UTF-8 is tried before the declaration because pages often declare Latin-1 and serve UTF-8,
/// and bytes that validate as UTF-8 are almost never anything else.
/// </summary>
public static partial class HtmlDecoding
{
    /// <summary>How far into the page the meta charset is looked for (the HTML spec's prescan reads 1024 bytes; real pages need more).</summary>
    public const int CharsetSniffBytes = 8192;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static HtmlDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="encodingName"/> says which encoding won and why.</summary>
    public static string Decode(byte[] bytes, out string encodingName)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            encodingName = "utf-8 (bom)";
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            encodingName = "utf-16le (bom)";
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            encodingName = "utf-16be (bom)";
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }
        try
        {
            string s = StrictUtf8.GetString(bytes);
            encodingName = "utf-8";
            return s;
        }
        catch (DecoderFallbackException)
        {
        }
        var declared = DeclaredEncoding(bytes);
        if (declared is not null)
        {
            encodingName = declared.WebName + " (declared)";
            return declared.GetString(bytes);
        }
        encodingName = "windows-1252 (default)";
        return Encoding.GetEncoding(1252).GetString(bytes);
    }

    /// <summary>Decodes <paramref name="bytes"/> (see <see cref="Decode(byte[], out string)"/>).</summary>
    public static string Decode(byte[] bytes) => Decode(bytes, out _);

    /// <summary>The encoding named by a meta charset or XML declaration near the start, if .NET knows it.</summary>
    public static Encoding? DeclaredEncoding(byte[] bytes)
    {
        int n = Math.Min(bytes.Length, CharsetSniffBytes);
        // Latin-1 maps every byte to one char, so the ASCII markup can be searched whatever the encoding.
        string head = Encoding.Latin1.GetString(bytes, 0, n);
        var m = CharsetRegex().Match(head);
        if (!m.Success) return null;
        string name = m.Groups[1].Value.Trim().ToLowerInvariant();
        // WHATWG: these labels mean windows-1252 in browsers.
        if (name is "iso-8859-1" or "latin1" or "latin-1" or "us-ascii" or "ascii" or "iso8859-1") name = "windows-1252";
        try { return Encoding.GetEncoding(name); }
        catch (ArgumentException) { return null; }
    }

    [GeneratedRegex("""(?:<meta[^>]{0,200}?charset\s*=\s*["']?|<\?xml[^>]{0,100}?encoding\s*=\s*["'])([A-Za-z0-9_:.\-]{2,40})""", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetRegex();
}
