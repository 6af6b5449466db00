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
/// Blank lines are skipped; a line that is not a JSON object (SL1005) or has no text/html (SL1006) fails alone.
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
            catch (StorylineException ex) { item = ReadItem.Fail(origin, ex); }
            yield return item;
        }
        if (!any) yield return ReadItem.Fail(file, ErrorCode.SL1001, $"{file.Path}: is empty (no JSON lines)");
    }

    public static Document FromRaw(byte[] raw, DocumentOrigin origin) => Build(raw, origin);

    private static Document Build(byte[] line, DocumentOrigin origin)
    {
        JsonDocument json;
        try { json = JsonDocument.Parse(line, JsonOptions); }
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
            string? content = !string.IsNullOrWhiteSpace(html) ? html : text;
            if (string.IsNullOrWhiteSpace(content))
                throw new StorylineException(ErrorCode.SL1006, $"{origin}: JSON object has no \"text\" or \"html\" field with content");
            var kind = ReferenceEquals(content, html) ? ContentKind.Html : ContentKind.Text;
            var url = StringField(root, "url");
            var doc = new Document
            {
                Origin = url is null || origin.Url is not null ? origin : origin with { Url = url },
                RawBytes = line,
                Format = DocumentFormat.JsonLine,
                RawText = TextDecoder.Nfc(content),
                Kind = kind,
                Encoding = EncodingLabel,
            };
            var md = doc.Metadata;
            if (StringField(root, "title") is { Length: > 0 } title) md.Title = new Field<string>(TextDecoder.Nfc(title.Trim()), "jsonl:title");
            if (url is { Length: > 0 }) md.Url = new Field<string>(url.Trim(), "jsonl:url");
            if (StringField(root, "source") is { Length: > 0 } source) md.Source = new Field<string>(TextDecoder.Nfc(source.Trim()), "jsonl:source");
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
                if (!string.IsNullOrWhiteSpace(byline)) { md.Byline = new Field<string>(TextDecoder.Nfc(byline.Trim()), "jsonl:" + name); break; }
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

    private static bool IsBlank(byte[] bytes)
    {
        foreach (byte b in bytes) if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) return false;
        return true;
    }

    internal static string Utf8(byte[] b) => Encoding.UTF8.GetString(b);
}
