using System.Text;
using System.Text.RegularExpressions;
using Storyline.Core;
using UtfUnknown;

namespace Storyline.Ingest;

/// <summary>Decoded text and a human-readable account of which encoding was used and why.</summary>
/// <param name="Text">The decoded text, Unicode NFC.</param>
/// <param name="Encoding">E.g. "utf-8 (bom)", "windows-1252 (meta charset)", "iso-8859-2 (detected)".</param>
/// <param name="Refused">The declared charset that was refused (UTF-7 and the like) when another decoding was used; null otherwise.</param>
public sealed record DecodedText(string Text, string Encoding, string? Refused = null)
{
    /// <summary>The warning a document decoded despite a refused declaration carries (SL1016): stored, but the user is told.</summary>
    public Diagnostic? RefusalWarning(string inputName) => Refused is null ? null
        : new Diagnostic(ErrorCode.SL1016, $"{inputName}: declares the charset '{Refused}', which is refused; read as {Encoding}", "ingest", Severity.Warning);
}

/// <summary>
/// Bytes to text, in this order of evidence:
/// <list type="number">
/// <item>a byte-order mark;</item>
/// <item>a charset the transport declared (HTTP Content-Type of a WARC record), then the document's own
/// declaration (HTML <c>&lt;meta charset&gt;</c> / http-equiv, XML declaration). A declared legacy single-byte
/// charset loses to bytes that are valid UTF-8 and contain multi-byte sequences (pages often declare Latin-1 and
/// serve UTF-8; valid multi-byte UTF-8 almost never happens by chance in legacy text). A declared UTF-8 that
/// does not validate falls through to detection;</item>
/// <item>UTF-8 validity (a few stray invalid bytes among many valid multi-byte sequences are replaced, not
/// re-detected);</item>
/// <item>statistical detection (UTF.Unknown). It reports Windows-1252 text as iso-8859-1, and WHATWG maps
/// iso-8859-1/us-ascii labels to windows-1252, so both are decoded as windows-1252.</item>
/// </list>
/// The result is normalised to NFC.
/// </summary>
public static partial class TextDecoder
{
    /// <summary>How far into the bytes a declaration is searched for (the HTML prescan reads 1024 bytes; real pages need more).</summary>
    public const int DeclarationSniffBytes = 16 * 1024;

    /// <summary>How many bytes UTF.Unknown sees: enough for a stable guess, bounded so a 50 MB page stays fast.</summary>
    public const int DetectionSampleBytes = 256 * 1024;

    /// <summary>Below this confidence a detector guess is not trusted and the input is undecodable (SL1003).</summary>
    public const float MinDetectionConfidence = 0.2f;

    /// <summary>UTF-8 with invalid bytes is repaired (not re-detected) when it has at least this many valid multi-byte sequences...</summary>
    public const int MinMultiByteForRepair = 4;

    /// <summary>...and at most one invalid sequence per this many valid multi-byte ones.</summary>
    public const int MultiBytePerInvalidForRepair = 20;

    /// <summary>Decoded text with more than this share of U+FFFD or C1 control characters is undecodable (SL1003).</summary>
    public const double MaxGarbageRatio = 0.05;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Makes the legacy code pages (windows-125x, iso-8859-x, ...) available; idempotent.</summary>
    public static void EnsureCodePages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decodes <paramref name="bytes"/> of a document of the given kind.</summary>
    /// <param name="bytes">The document's bytes.</param>
    /// <param name="kind">Html enables the meta-charset prescan; text and XML look for an XML declaration.</param>
    /// <param name="inputName">Named in error messages.</param>
    /// <param name="transportCharset">A charset declared outside the document (HTTP header), or null.</param>
    /// <exception cref="StorylineException">SL1003 when no encoding gives sensible text.</exception>
    public static DecodedText Decode(ReadOnlySpan<byte> bytes, ContentKind kind, string inputName, string? transportCharset = null)
    {
        try
        {
            var decoded = DecodeCore(bytes, kind, inputName, transportCharset, out string? refused);
            return refused is null ? decoded : decoded with { Refused = refused };
        }
        catch (StorylineException) { throw; }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // No encoder/decoder exception may cost the run: whatever the runtime throws becomes this input's error.
            throw new StorylineException(ErrorCode.SL1003, $"{inputName}: cannot decode the text ({ex.GetType().Name}: {ex.Message}); convert it to UTF-8.", ex);
        }
    }

    private static DecodedText DecodeCore(ReadOnlySpan<byte> bytes, ContentKind kind, string inputName, string? transportCharset, out string? refused)
    {
        refused = null;
        // 1. Byte-order mark.
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return Finish(Utf8Lenient(bytes[3..], out int bad), bad == 0 ? "utf-8 (bom)" : $"utf-8 (bom, {bad} invalid bytes replaced)", inputName);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
            return Finish(new UTF32Encoding(false, false).GetString(bytes[4..]), "utf-32le (bom)", inputName);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return Finish(Encoding.Unicode.GetString(bytes[2..]), "utf-16le (bom)", inputName);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return Finish(Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be (bom)", inputName);

        // UTF-16 without a BOM: every other byte is NUL in Latin-script text.
        if (LooksLikeUtf16(bytes, out bool littleEndian))
            return Finish((littleEndian ? Encoding.Unicode : Encoding.BigEndianUnicode).GetString(bytes),
                littleEndian ? "utf-16le (detected)" : "utf-16be (detected)", inputName);

        var stats = Utf8Stats(bytes);

        // 2. Declarations: transport first, then the document's own. A label that does not resolve, or resolves to an
        // encoding a declaration in ASCII bytes cannot honestly mean (UTF-7, UTF-32, EBCDIC, x-user-defined, the WHATWG
        // "replacement" labels), is ignored as browsers do, and the Encoding string says so.
        var ignored = new List<string>();
        string Label(string enc, string? how) =>
            ignored.Count == 0 ? (how is null ? enc : $"{enc} ({how})")
                : $"{enc} ({(how is null ? "" : how + "; ")}{string.Join("; ", ignored)})";
        foreach (var (name, how) in Declarations(bytes, kind, transportCharset))
        {
            var enc = Resolve(name, out string? why);
            if (enc is null)
            {
                ignored.Add($"{how} '{Printable(name)}' ignored: {why}");
                if (why != Unknown) refused ??= Printable(name);
                continue;
            }
            if (enc.CodePage == Encoding.UTF8.CodePage)
            {
                if (stats.Invalid == 0) return Finish(StrictUtf8.GetString(bytes), Label("utf-8", how), inputName);
                continue; // declared UTF-8 but the bytes are not: let validity and detection decide
            }
            if (stats.Invalid == 0 && stats.MultiByte > 0 && enc.IsSingleByte)
                return Finish(StrictUtf8.GetString(bytes), Label("utf-8", $"valid; {how} said {enc.WebName}"), inputName);
            return Finish(enc.GetString(bytes), Label(enc.WebName, how), inputName);
        }

        // 3. UTF-8 validity.
        if (stats.Invalid == 0) return Finish(StrictUtf8.GetString(bytes), Label("utf-8", ignored.Count > 0 ? "valid" : null), inputName);
        if (stats.MultiByte >= MinMultiByteForRepair && stats.Invalid * MultiBytePerInvalidForRepair <= stats.MultiByte)
            return Finish(Utf8Lenient(bytes, out int bad), Label("utf-8", $"{bad} invalid bytes replaced"), inputName);

        // 4. Detection.
        var sample = bytes.Length > DetectionSampleBytes ? bytes[..DetectionSampleBytes] : bytes;
        var detected = CharsetDetector.DetectFromBytes(sample).Detected;
        if (detected?.EncodingName is not { Length: > 0 } detectedName || detected.Confidence < MinDetectionConfidence)
        {
            if (refused is not null)
                throw new StorylineException(ErrorCode.SL1016,
                    $"{inputName}: refused: it declares the charset '{refused}', which is not accepted ({string.Join("; ", ignored)}), and the bytes are not valid UTF-8 ({stats.Invalid} invalid byte sequences) nor any encoding that can be detected; convert it to UTF-8 first.");
            throw new StorylineException(ErrorCode.SL1003,
                $"{inputName}: cannot decode the text: it is not valid UTF-8 ({stats.Invalid} invalid byte sequences) and no other encoding fits; convert it to UTF-8 first.");
        }
        var detectedEnc = Resolve(detectedName, out _);
        if (detectedEnc is null)
            throw new StorylineException(refused is null ? ErrorCode.SL1003 : ErrorCode.SL1016,
                $"{inputName}: detected encoding '{detectedName}' is not supported{(refused is null ? "" : $" and the declared charset '{refused}' is refused")}; convert the input to UTF-8.");
        if (detectedEnc.CodePage == Encoding.UTF8.CodePage)
            return Finish(Utf8Lenient(bytes, out int bad), Label("utf-8", $"detected, {bad} invalid bytes replaced"), inputName);
        return Finish(detectedEnc.GetString(bytes), Label(detectedEnc.WebName, "detected"), inputName);
    }

    internal const string Unknown = "unknown charset";

    /// <summary>UTF-7 labels (WHATWG: not an encoding; .NET refuses it with NotSupportedException; an XSS vector).</summary>
    private static readonly HashSet<string> RefusedLabels = new(StringComparer.Ordinal)
    {
        "utf-7", "utf7", "unicode-1-1-utf-7", "unicode-2-0-utf-7", "csunicode11utf7", "x-unicode20utf7", "x-unicode2-0-utf-7",
        // WHATWG maps these to the "replacement" decoder (the whole input becomes one U+FFFD): nothing to gain.
        "replacement", "csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr",
        // Browser-internal; not a real charset.
        "x-user-defined",
    };

    /// <summary>A label as shown in messages: at most a few dozen printable ASCII characters.</summary>
    private static string Printable(string label)
    {
        const int MaxLabelChars = 40;
        var t = new string(label.Trim().Take(MaxLabelChars).Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
        return t;
    }

    /// <summary>Maps a charset label to an encoding the WHATWG way (Latin-1 and ASCII labels mean windows-1252); null if unknown.</summary>
    public static Encoding? Resolve(string label) => Resolve(label, out _);

    /// <summary>
    /// Like <see cref="Resolve(string)"/>; null also for encodings that are refused, with the reason: UTF-7, UTF-32
    /// and any other encoding that is not ASCII-compatible (a declaration read from ASCII bytes cannot mean one),
    /// x-user-defined and the WHATWG "replacement" labels. Never throws.
    /// </summary>
    public static Encoding? Resolve(string label, out string? refusal)
    {
        refusal = null;
        var name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        if (RefusedLabels.Contains(name))
        {
            refusal = name.Contains('7') ? "UTF-7 is unsafe and not supported" : "not a real charset (WHATWG replacement/x-user-defined)";
            return null;
        }
        name = name switch
        {
            "iso-8859-1" or "iso8859-1" or "latin1" or "latin-1" or "l1" or "us-ascii" or "ascii" or "iso_8859-1" or "cp819" => "windows-1252",
            "utf8" => "utf-8",
            // A document cannot declare itself UTF-16 in ASCII-compatible bytes: the spec reads that as UTF-8.
            "utf-16" or "utf-16le" or "utf-16be" => "utf-8",
            _ => name,
        };
        Encoding enc;
        try { enc = Encoding.GetEncoding(name); }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            refusal = ex is NotSupportedException ? "not supported" : Unknown;
            return null;
        }
        const int Utf7CodePage = 65000;
        if (enc.CodePage == Utf7CodePage) { refusal = "UTF-7 is unsafe and not supported"; return null; }
        if (!AsciiCompatible(enc)) { refusal = $"{enc.WebName} is not ASCII-compatible, so bytes that declare it in ASCII cannot be in it"; return null; }
        return enc;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> AsciiCompatibleCache = new();

    /// <summary>True when the encoding reads printable ASCII bytes as the same characters (not UTF-16/32, not EBCDIC).</summary>
    private static bool AsciiCompatible(Encoding enc) => AsciiCompatibleCache.GetOrAdd(enc.CodePage, _ =>
    {
        const string Probe = "<meta charset=\"Az09\"> ?:;/-_.";
        try { return enc.GetString(Encoding.ASCII.GetBytes(Probe)) == Probe; }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or DecoderFallbackException) { return false; }
    });

    /// <summary>
    /// Text from a container field (JSON string, feed element) made safe to store: lone surrogates become U+FFFD,
    /// NUL characters are removed (PostgreSQL text cannot hold them and they are never content), then NFC.
    /// </summary>
    public static string Clean(string s) => Clean(s, out _, out _);

    /// <inheritdoc cref="Clean(string)"/>
    public static string Clean(string s, out int loneSurrogates, out int nuls)
    {
        s = UnicodeText.ReplaceInvalid(s, out loneSurrogates);
        nuls = s.AsSpan().Count('\0');
        if (nuls > 0) s = s.Replace("\0", "", StringComparison.Ordinal);
        return UnicodeText.Nfc(s);
    }

    /// <summary>
    /// True when the text has at least one visible character: not white space, not a control and not an invisible
    /// format character (zero-width space/joiners, BOM, word joiner, soft hyphen...). Text without one is empty.
    /// </summary>
    public static bool HasVisibleText(string s)
    {
        foreach (char c in s)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c)) continue;
            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format) continue;
            return true;
        }
        return false;
    }

    private static DecodedText Finish(string text, string how, string inputName)
    {
        int garbage = 0;
        foreach (char c in text)
            if (c == '\uFFFD' || (c >= '\u0080' && c <= '\u009F')) garbage++;
        if (text.Length > 0 && garbage > text.Length * MaxGarbageRatio)
            throw new StorylineException(ErrorCode.SL1003,
                $"{inputName}: decoding as {how} gives {garbage} unreadable characters out of {text.Length}; the encoding cannot be determined.");
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        // A stray NUL among text (binary input is refused earlier by the sniffer) is never content: removed and counted.
        int nuls = text.AsSpan().Count('\0');
        if (nuls > 0)
        {
            text = text.Replace("\0", "", StringComparison.Ordinal);
            how += $" [{nuls} NUL characters removed]";
        }
        return new DecodedText(UnicodeText.Nfc(text), how);
    }

    private static string Utf8Lenient(ReadOnlySpan<byte> bytes, out int invalid)
    {
        invalid = Utf8Stats(bytes).Invalid;
        return Encoding.UTF8.GetString(bytes);
    }

    private readonly record struct Utf8Counts(int MultiByte, int Invalid);

    private static Utf8Counts Utf8Stats(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            int multi = 0;
            foreach (byte b in bytes) if (b >= 0xC2 && b <= 0xF4) multi++;
            return new Utf8Counts(multi, 0);
        }
        int mb = 0, bad = 0, i = 0;
        while (i < bytes.Length)
        {
            if (bytes[i] < 0x80) { i++; continue; }
            var status = System.Buffers.OperationStatus.Done;
            status = System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out int consumed);
            if (status == System.Buffers.OperationStatus.Done) mb++; else bad++;
            i += Math.Max(consumed, 1);
        }
        return new Utf8Counts(mb, bad);
    }

    private static bool LooksLikeUtf16(ReadOnlySpan<byte> bytes, out bool littleEndian)
    {
        littleEndian = true;
        int n = Math.Min(bytes.Length, DeclarationSniffBytes) & ~1;
        if (n < 4) return false;
        int evenNul = 0, oddNul = 0;
        for (int i = 0; i < n; i += 2)
        {
            if (bytes[i] == 0) evenNul++;
            if (bytes[i + 1] == 0) oddNul++;
        }
        int pairs = n / 2;
        // Latin-script UTF-16: one byte of each pair is NUL almost always, the other almost never.
        const double mostly = 0.7, rarely = 0.05;
        if (oddNul > pairs * mostly && evenNul < pairs * rarely) { littleEndian = true; return true; }
        if (evenNul > pairs * mostly && oddNul < pairs * rarely) { littleEndian = false; return true; }
        return false;
    }

    private static IEnumerable<(string Name, string How)> Declarations(ReadOnlySpan<byte> bytes, ContentKind kind, string? transportCharset)
    {
        var found = new List<(string, string)>();
        if (!string.IsNullOrWhiteSpace(transportCharset)) found.Add((transportCharset, "http charset"));
        var head = Encoding.Latin1.GetString(bytes.Length > DeclarationSniffBytes ? bytes[..DeclarationSniffBytes] : bytes);
        var xml = XmlDeclaration().Match(head);
        if (xml.Success) found.Add((xml.Groups[1].Value, "xml declaration"));
        if (kind == ContentKind.Html)
        {
            var meta = MetaCharset().Match(head);
            if (meta.Success) found.Add((meta.Groups[1].Value, "meta charset"));
        }
        return found;
    }

    [GeneratedRegex(@"^\s*<\?xml[^>]*?encoding\s*=\s*[""']([A-Za-z0-9._:-]+)[""']", RegexOptions.CultureInvariant)]
    private static partial Regex XmlDeclaration();

    // <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
    [GeneratedRegex(@"<meta\b[^>]*?charset\s*=\s*[""']?\s*([A-Za-z0-9._:-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();
}
