using System.Globalization;
using System.Text;
using System.Text.Json;
using Storyline.Core;

namespace Storyline.Ingest;

/// <summary>
/// JSONL: one article per line. Known fields: <c>title</c>, <c>text</c> or <c>html</c> (html wins when both are
/// present: it is the original and carries the page's own metadata), <c>url</c>, <c>published</c>, <c>source</c>;
/// <c>author</c>/<c>byline</c> also fill the byline. Every field other than the known ones is kept in
/// <see cref="Document.Extra"/> as a string (non-strings as their JSON text). Locator = 1-based line number.
/// Blank lines are skipped; a line that is not a JSON object (SL1005) or has no text/html (SL1006) fails alone;
/// a last line without a newline that is not whole JSON is SL1012 (the file was cut). Lone surrogate escapes are
/// replaced with U+FFFD (see <see cref="BuildCore"/>).
/// </summary>
internal sealed class JsonLinesReader(ReaderOptions options)
{
    private const string EncodingLabel = "utf-8 (jsonl)";

    /// <summary>Fields with a place of their own in the document model.</summary>
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase) { "title", "text", "html", "url", "published", "source" };

    /// <summary>Fields that also fill the byline (and stay in Extra).</summary>
    private static readonly string[] BylineFields = ["author", "byline", "authors"];

    private static readonly JsonDocumentOptions JsonOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    public IEnumerable<ReadItem> Read(Stream stream, DocumentOrigin file, CancellationToken ct)
    {
        bool first = true, any = false;
        foreach (var line in new LineSplitter(stream, options.MaxDocumentBytes).Lines())
        {
            ct.ThrowIfCancellationRequested();
            var origin = file with { Locator = line.Number.ToString(CultureInfo.InvariantCulture) };
            if (line.Bytes is null)
            {
                any = true;
                yield return ReadItem.Fail(origin, ErrorCode.SL1004, DocumentReader.TooLarge(origin.ToString(), line.Length, options.MaxDocumentBytes, false));
                continue;
            }
            var bytes = line.Bytes;
            if (first && bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
            first = false;
            if (IsBlank(bytes)) continue;
            any = true;
            ReadItem item;
            try { item = ReadItem.Ok(Build(bytes, origin)); }
            catch (StorylineException ex) when (ex.Code == ErrorCode.SL1005 && !line.Terminated)
            {
                // The last line has no newline and is not whole JSON: the file was cut (a partial copy, a full disk).
                item = ReadItem.Fail(origin, ErrorCode.SL1012,
                    $"{origin}: truncated: the last line ends without a newline and is not complete JSON ({ex.Message})");
            }
            catch (StorylineException ex) { item = ReadItem.Fail(origin, ex); }
            yield return item;
        }
        if (!any) yield return ReadItem.Fail(file, ErrorCode.SL1001, $"{file.Path}: is empty (no JSON lines)");
    }

    public static Document FromRaw(byte[] raw, DocumentOrigin origin) => Build(raw, origin);

    private static Document Build(byte[] line, DocumentOrigin origin)
    {
        // Any problem in a line (invalid JSON or UTF-8, too deep, a value the API refuses to hand out) is that line's
        // failure, never the run's.
        try { return BuildCore(line, origin); }
        catch (StorylineException) { throw; }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new StorylineException(ErrorCode.SL1005, $"{origin}: line cannot be read as JSON ({ex.GetType().Name}: {ex.Message})", ex);
        }
    }

    private static Document BuildCore(byte[] line, DocumentOrigin origin)
    {
        if (!System.Text.Unicode.Utf8.IsValid(line))
            throw new StorylineException(ErrorCode.SL1005, $"{origin}: line is not valid UTF-8 (JSON text must be UTF-8)");
        // Lone surrogates: JSON allows an escape like \ud800 without its partner, but such a string is not Unicode
        // text and System.Text.Json refuses to return it (InvalidOperationException). Decision: each lone surrogate
        // escape is replaced by \uFFFD (the same six bytes, so nothing else moves) and the document is kept, with
        // the count in its Encoding string and an Info diagnostic. RawBytes keep the original line, and FromRaw
        // repeats the same repair, so a re-read gives the same text.
        var parsed = RepairLoneSurrogates(line, out int lone);
        JsonDocument json;
        try { json = JsonDocument.Parse(parsed, JsonOptions); }
        catch (JsonException ex)
        {
            throw new StorylineException(ErrorCode.SL1005, $"{origin}: line is not valid JSON ({ex.Message})", ex);
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new StorylineException(ErrorCode.SL1005, $"{origin}: line is JSON but not an object ({root.ValueKind})");
            string? html = StringField(root, "html"), text = StringField(root, "text");
            string? content = html is not null && TextDecoder.HasVisibleText(html) ? html : text;
            if (content is null || !TextDecoder.HasVisibleText(content))
                throw new StorylineException(ErrorCode.SL1006, $"{origin}: JSON object has no \"text\" or \"html\" string field with visible content");
            var kind = ReferenceEquals(content, html) ? ContentKind.Html : ContentKind.Text;
            var url = StringField(root, "url");
            var doc = new Document
            {
                Origin = url is null || origin.Url is not null ? origin : origin with { Url = url },
                RawBytes = line,
                Format = DocumentFormat.JsonLine,
                RawText = TextDecoder.Clean(content, out _, out int nuls),
                Kind = kind,
                Encoding = EncodingLabel,
            };
            var notes = new List<string>();
            if (lone > 0)
            {
                var what = $"{lone} lone surrogate escape{(lone == 1 ? "" : "s")} replaced with U+FFFD";
                notes.Add(what);
                doc.Diagnostics.Add(new Diagnostic(ErrorCode.SL1005, $"{origin}: {what}", "ingest", Severity.Info));
            }
            if (nuls > 0) notes.Add($"{nuls} NUL characters removed");
            if (notes.Count > 0) doc.Encoding = $"utf-8 (jsonl; {string.Join("; ", notes)})";
            var md = doc.Metadata;
            if (StringField(root, "title") is { Length: > 0 } title) md.Title = new Field<string>(TextDecoder.Clean(title.Trim()), "jsonl:title");
            if (url is { Length: > 0 }) md.Url = new Field<string>(url.Trim(), "jsonl:url");
            if (StringField(root, "source") is { Length: > 0 } source) md.Source = new Field<string>(TextDecoder.Clean(source.Trim()), "jsonl:source");
            if (Field(root, "published") is { } pub)
            {
                var raw = pub.ValueKind == JsonValueKind.String ? pub.GetString() : pub.GetRawText();
                if (ContainerDates.TryParse(raw, out var when, out bool dateOnly))
                {
                    md.Published = new Field<DateTimeOffset>(when, "jsonl:published");
                    md.PublishedDateOnly = dateOnly;
                }
                else if (!string.IsNullOrWhiteSpace(raw))
                {
                    // Not a date the reader understands: kept verbatim, the metadata stage may still read it.
                    doc.Extra["published"] = raw;
                }
            }
            foreach (var p in root.EnumerateObject())
            {
                if (Known.Contains(p.Name) || p.Value.ValueKind == JsonValueKind.Null) continue;
                doc.Extra[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
            foreach (var name in BylineFields)
            {
                if (Field(root, name) is not { } a) continue;
                var byline = a.ValueKind switch
                {
                    JsonValueKind.String => a.GetString(),
                    JsonValueKind.Array => string.Join(", ", a.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString())),
                    _ => null,
                };
                if (!string.IsNullOrWhiteSpace(byline)) { md.Byline = new Field<string>(TextDecoder.Clean(byline.Trim()), "jsonl:" + name); break; }
            }
            return doc;
        }
    }

    /// <summary>A property by name, exact first, then case-insensitively.</summary>
    private static JsonElement? Field(JsonElement obj, string name)
    {
        if (obj.TryGetProperty(name, out var v)) return v;
        foreach (var p in obj.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }

    private static string? StringField(JsonElement obj, string name) =>
        Field(obj, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    /// <summary>A copy of <paramref name="line"/> with every unpaired \uD800-\uDFFF escape inside a string replaced by \uFFFD.</summary>
    internal static byte[] RepairLoneSurrogates(byte[] line, out int replaced)
    {
        const int EscapeBytes = 6; // \uXXXX
        replaced = 0;
        byte[]? copy = null;
        bool inString = false;
        for (int i = 0; i < line.Length; i++)
        {
            byte b = line[i];
            if (!inString) { inString = b == '"'; continue; }
            if (b == '"') { inString = false; continue; }
            if (b != '\\') continue;
            if (i + 1 >= line.Length || line[i + 1] != 'u' || !Hex4(line, i + 2, out int unit)) { i++; continue; }
            bool high = unit is >= 0xD800 and <= 0xDBFF, low = unit is >= 0xDC00 and <= 0xDFFF;
            if (high && i + 2 * EscapeBytes <= line.Length && line[i + EscapeBytes] == '\\' && line[i + EscapeBytes + 1] == 'u'
                && Hex4(line, i + EscapeBytes + 2, out int next) && next is >= 0xDC00 and <= 0xDFFF)
            {
                i += 2 * EscapeBytes - 1; // a proper pair
                continue;
            }
            if (high || low)
            {
                copy ??= (byte[])line.Clone();
                "\\uFFFD"u8.CopyTo(copy.AsSpan(i));
                replaced++;
            }
            i += EscapeBytes - 1;
        }
        return copy ?? line;
    }

    private static bool Hex4(byte[] b, int at, out int value)
    {
        value = 0;
        if (at + 4 > b.Length) return false;
        for (int k = 0; k < 4; k++)
        {
            int d = HexDigit(b[at + k]);
            if (d < 0) return false;
            value = (value << 4) | d;
        }
        return true;
    }

    private static int HexDigit(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    private static bool IsBlank(byte[] bytes)
    {
        foreach (byte b in bytes) if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) return false;
        return true;
    }

    internal static string Utf8(byte[] b) => Encoding.UTF8.GetString(b);
}
