using System.Text;
using Storyline.Core;

namespace Storyline.Ingest;

/// <summary>What an input turned out to be, from its first bytes.</summary>
public enum InputFormat { Empty, Binary, Text, Html, Feed, Xml, JsonLines, Warc }

/// <summary>The sniffer's verdict: the format, and for binary input what it looks like.</summary>
public sealed record SniffResult(InputFormat Format, string? Detail = null);

/// <summary>
/// Decides the format of an input from its first bytes (content first; the file extension only breaks ties,
/// so a feed saved as .txt is still a feed).
/// </summary>
public static class FormatSniffer
{
    /// <summary>How many leading bytes are examined.</summary>
    public const int SniffBytes = 16 * 1024;

    /// <summary>Share of NUL bytes above which input is binary (text may carry a stray NUL).</summary>
    public const double MaxNulRatio = 0.01;

    /// <summary>Share of C0 control bytes (other than tab, newline, CR, FF, ESC) above which input is binary.</summary>
    public const double MaxControlRatio = 0.10;

    /// <summary>Leading tags that mark HTML even without a doctype.</summary>
    private static readonly string[] HtmlStarts =
        ["<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<div", "<p>", "<p ", "<article", "<section",
         "<h1", "<h2", "<table", "<span", "<a ", "<br", "<script", "<style", "<link", "<main", "<header", "<!--"];

    /// <summary>Magic numbers of common binary formats, with a name for the error message.</summary>
    private static readonly (byte[] Magic, string Name)[] BinaryMagic =
    [
        ("%PDF-"u8.ToArray(), "PDF"), ([0x89, 0x50, 0x4E, 0x47], "PNG image"), ([0xFF, 0xD8, 0xFF], "JPEG image"),
        ("GIF8"u8.ToArray(), "GIF image"), ([0x50, 0x4B, 0x03, 0x04], "ZIP archive (or Office document)"),
        ([0x7F, 0x45, 0x4C, 0x46], "ELF executable"), ("MZ"u8.ToArray(), "Windows executable"),
        ([0x28, 0xB5, 0x2F, 0xFD], "zstd archive"), ("BZh"u8.ToArray(), "bzip2 archive"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz archive"), ("SQLite format 3"u8.ToArray(), "SQLite database"),
        ("RIFF"u8.ToArray(), "RIFF media file"), ([0x1A, 0x45, 0xDF, 0xA3], "Matroska/WebM video"),
    ];

    /// <summary>Sniffs <paramref name="head"/> (the first bytes, already gunzipped); <paramref name="fileName"/> only breaks ties.</summary>
    public static SniffResult Sniff(ReadOnlySpan<byte> head, string? fileName = null)
    {
        var ext = Extension(fileName);
        bool hasBom = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
                      || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
        if (IsBlank(head)) return new SniffResult(InputFormat.Empty);
        if (!hasBom)
        {
            foreach (var (magic, name) in BinaryMagic)
                if (head.StartsWith(magic)) return new SniffResult(InputFormat.Binary, name);
            var binary = BinaryReason(head);
            if (binary is not null) return new SniffResult(InputFormat.Binary, binary);
        }

        string text = SniffText(head);
        var t = text.AsSpan().TrimStart();
        if (t.StartsWith("WARC/", StringComparison.Ordinal)) return new SniffResult(InputFormat.Warc);
        if (t.StartsWith("{", StringComparison.Ordinal) || ext is ".jsonl" or ".ndjson") return new SniffResult(InputFormat.JsonLines);
        if (t.StartsWith("<", StringComparison.Ordinal))
        {
            var markup = MarkupKind(t);
            if (markup is not null) return new SniffResult(markup.Value);
        }
        // Some text before the markup (a scraper's header line, stray whitespace): still HTML when the body is tagged.
        if (LooksTagged(t) || ext is ".html" or ".htm" or ".xhtml" or ".shtml")
            return new SniffResult(InputFormat.Html);
        return new SniffResult(InputFormat.Text);
    }

    /// <summary>Returns why <paramref name="head"/> looks binary, or null when it looks like text.</summary>
    public static string? BinaryReason(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0) return null;
        int nul = 0, control = 0;
        foreach (byte b in head)
        {
            if (b == 0) nul++;
            else if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C or 0x1B or 0x0B)) control++;
            else if (b == 0x7F) control++;
        }
        // UTF-16 without BOM has NUL in every other byte; the decoder recognises it, so it is not binary.
        if (nul > head.Length * MaxNulRatio && !LooksLikeUtf16NoBom(head))
            return $"{nul} NUL bytes in the first {head.Length}";
        if (control > head.Length * MaxControlRatio)
            return $"{control} control characters in the first {head.Length} bytes";
        return null;
    }

    private static bool LooksLikeUtf16NoBom(ReadOnlySpan<byte> head)
    {
        int n = head.Length & ~1, even = 0, odd = 0;
        for (int i = 0; i < n; i += 2) { if (head[i] == 0) even++; if (head[i + 1] == 0) odd++; }
        int pairs = n / 2;
        return pairs > 0 && (odd > pairs * 0.7 && even < pairs * 0.05 || even > pairs * 0.7 && odd < pairs * 0.05);
    }

    private static bool IsBlank(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) head = head[3..];
        foreach (byte b in head)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C or 0x0B)) return false;
        return true;
    }

    /// <summary>The head as text good enough for markup checks (ASCII-compatible bytes as Latin-1, UTF-16 decoded).</summary>
    private static string SniffText(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Encoding.Latin1.GetString(head[3..]);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode.GetString(head[2..]);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode.GetString(head[2..]);
        if (LooksLikeUtf16NoBom(head))
            return (head.Length > 1 && head[1] == 0 ? Encoding.Unicode : Encoding.BigEndianUnicode).GetString(head);
        return Encoding.Latin1.GetString(head);
    }

    /// <summary>Classifies input that starts with '&lt;': feed, HTML, other XML, or null when undecided.</summary>
    private static InputFormat? MarkupKind(ReadOnlySpan<char> t)
    {
        bool xmlDecl = false;
        // Skip the prolog: XML declaration, processing instructions, comments, doctype.
        while (true)
        {
            t = t.TrimStart();
            if (t.StartsWith("<?", StringComparison.Ordinal))
            {
                xmlDecl |= t.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase);
                int end = t.IndexOf("?>", StringComparison.Ordinal);
                if (end < 0) return xmlDecl ? InputFormat.Xml : null;
                t = t[(end + 2)..];
            }
            else if (t.StartsWith("<!--", StringComparison.Ordinal))
            {
                int end = t.IndexOf("-->", StringComparison.Ordinal);
                if (end < 0) return xmlDecl ? InputFormat.Xml : InputFormat.Html;
                t = t[(end + 3)..];
            }
            else if (t.StartsWith("<!doctype", StringComparison.OrdinalIgnoreCase))
            {
                var rest = t[9..].TrimStart();
                if (rest.StartsWith("html", StringComparison.OrdinalIgnoreCase)) return InputFormat.Html;
                // Any other doctype is XML with a DTD: the feed parser refuses it (no entity expansion, no XXE).
                int bracket = rest.IndexOf('[');
                int close = rest.IndexOf('>');
                if (bracket >= 0 && (close < 0 || bracket < close))
                {
                    int endSubset = rest.IndexOf("]>", StringComparison.Ordinal);
                    if (endSubset < 0) return InputFormat.Xml;
                    t = rest[(endSubset + 2)..];
                }
                else
                {
                    if (close < 0) return InputFormat.Xml;
                    t = rest[(close + 1)..];
                }
                xmlDecl = true;
            }
            else break;
        }
        if (t.Length == 0 || t[0] != '<') return xmlDecl ? InputFormat.Xml : null;
        var name = RootName(t[1..]);
        var local = name.Contains(':') ? name[(name.LastIndexOf(':') + 1)..] : name;
        if (local.Equals("rss", StringComparison.OrdinalIgnoreCase) || local.Equals("feed", StringComparison.Ordinal)
            || local.Equals("RDF", StringComparison.Ordinal))
            return InputFormat.Feed;
        if (local.Equals("html", StringComparison.OrdinalIgnoreCase)) return InputFormat.Html;
        if (xmlDecl) return InputFormat.Xml;
        foreach (var s in HtmlStarts)
            if (t.StartsWith(s, StringComparison.OrdinalIgnoreCase)) return InputFormat.Html;
        return null;
    }

    private static string RootName(ReadOnlySpan<char> t)
    {
        int i = 0;
        while (i < t.Length && (char.IsLetterOrDigit(t[i]) || t[i] is ':' or '-' or '_' or '.')) i++;
        return t[..i].ToString();
    }

    /// <summary>Text whose first KBs carry typical HTML structure tags.</summary>
    private static bool LooksTagged(ReadOnlySpan<char> t)
    {
        return t.Contains("<html", StringComparison.OrdinalIgnoreCase) || t.Contains("<body", StringComparison.OrdinalIgnoreCase)
            || t.Contains("<!doctype html", StringComparison.OrdinalIgnoreCase);
    }

    private static string Extension(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName)) return "";
        var name = fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? fileName[..^3] : fileName;
        return Path.GetExtension(name).ToLowerInvariant();
    }
}
