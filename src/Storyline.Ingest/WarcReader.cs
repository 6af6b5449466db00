using System.Globalization;
using System.IO.Compression;
using System.Text;
using Storyline.Core;

namespace Storyline.Ingest;

/// <summary>
/// WARC files (ISO 28500; .warc.gz = one gzip member per record, decompressed as one stream): one document per
/// <c>response</c> (HTTP) or <c>resource</c> record whose payload is HTML or plain text. HTTP headers are
/// stripped (their charset is used for decoding; chunked transfer and gzip/deflate/br content encodings are
/// undone); WARC-Target-URI becomes the URL; the crawl time goes to Extra["warc_date"] (it is not the
/// publication date). Other records (requests, metadata, images, redirects, errors) are skipped.
/// A malformed header yields SL1009 and reading resumes at the next "WARC/" line; a truncated record yields
/// SL1012 and ends the file. RawBytes = the whole record (header + block).
/// </summary>
internal sealed class WarcReader(ReaderOptions options)
{
    /// <summary>Longest header line accepted; longer means the stream is not WARC (or is corrupt).</summary>
    private const int MaxHeaderLine = 64 * 1024;

    /// <summary>Most header lines in one record.</summary>
    private const int MaxHeaderLines = 512;

    /// <summary>How much of an oversize record is read to tell whether it was an HTML/text page.</summary>
    private const int OversizePeekBytes = 8 * 1024;

    private static readonly byte[] Crlf = "\r\n"u8.ToArray();

    public IEnumerable<ReadItem> Read(Stream stream, DocumentOrigin file, CancellationToken ct)
    {
        var r = new ByteReader(stream);
        int index = 0;
        bool resync = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var (record, error, stop) = NextRecord(r, file, ref index, ref resync);
            if (error is not null) yield return error;
            if (stop) yield break;
            if (record is null) continue;
            ReadItem? item;
            try { item = Process(record, options); }
            catch (StorylineException ex) { item = ReadItem.Fail(record.Origin, ex); }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                item = ReadItem.Fail(record.Origin, ErrorCode.SL1009, $"{record.Origin}: WARC record cannot be read ({ex.GetType().Name}: {ex.Message})");
            }
            if (item is not null) yield return item;
        }
    }

    public static Document FromRaw(byte[] raw, DocumentOrigin origin, ReaderOptions options)
    {
        var r = new ByteReader(new MemoryStream(raw, writable: false));
        int index = 0;
        bool resync = false;
        var (record, error, _) = NextRecord(r, origin, ref index, ref resync, options.MaxDocumentBytes);
        if (error?.Error is { } e) throw e;
        if (record is null) throw new StorylineException(ErrorCode.SL1009, $"{origin}: stored WARC record is empty");
        var item = Process(record with { Origin = origin }, options);
        return item?.Document ?? throw item?.Error ?? new StorylineException(ErrorCode.SL1009, $"{origin}: stored WARC record holds no HTML or text page");
    }

    private sealed record Record(DocumentOrigin Origin, Dictionary<string, string> Headers, byte[] Block, byte[] Raw, long DeclaredLength, bool Oversize);

    private (Record? Record, ReadItem? Error, bool Stop) NextRecord(ByteReader r, DocumentOrigin file, ref int index, ref bool resync) =>
        NextRecord(r, file, ref index, ref resync, options.MaxDocumentBytes);

    private static (Record? Record, ReadItem? Error, bool Stop) NextRecord(ByteReader r, DocumentOrigin file, ref int index, ref bool resync, long max)
    {
        // Version line (records are separated by blank lines).
        byte[]? line;
        long offset;
        do
        {
            offset = r.Position;
            line = r.ReadLine(MaxHeaderLine);
            if (line is null) return (null, null, true);
        } while (line.Length == 0);
        if (!line.AsSpan().StartsWith("WARC/"u8))
        {
            if (resync) return (null, null, false); // still skipping a broken record's leftovers
            resync = true;
            var preview = Preview(line);
            return (null, ReadItem.Fail(file with { Locator = "offset " + offset.ToString(CultureInfo.InvariantCulture) }, ErrorCode.SL1009,
                $"{file.Path}: malformed WARC record at byte {offset}: expected a 'WARC/1.x' line, found '{preview}'; skipping to the next record"), false);
        }
        resync = false;
        index++;
        using var raw = new MemoryStream();
        raw.Write(line); raw.Write(Crlf);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? lastName = null;
        int count = 0;
        while (true)
        {
            var h = r.ReadLine(MaxHeaderLine);
            var here = file with { Locator = "record " + index.ToString(CultureInfo.InvariantCulture) };
            if (h is null)
                return (null, ReadItem.Fail(here, ErrorCode.SL1012, $"{here}: truncated WARC record: the file ends inside the header"), true);
            raw.Write(h); raw.Write(Crlf);
            if (h.Length == 0) break;
            if (++count > MaxHeaderLines)
            {
                resync = true;
                return (null, ReadItem.Fail(here, ErrorCode.SL1009, $"{here}: malformed WARC record: more than {MaxHeaderLines} header lines"), false);
            }
            var text = Encoding.UTF8.GetString(h);
            if ((text[0] == ' ' || text[0] == '\t') && lastName is not null) { headers[lastName] += " " + text.Trim(); continue; }
            int colon = text.IndexOf(':');
            if (colon <= 0)
            {
                resync = true;
                return (null, ReadItem.Fail(here, ErrorCode.SL1009, $"{here}: malformed WARC header line '{Preview(h)}'"), false);
            }
            lastName = text[..colon].Trim();
            headers[lastName] = text[(colon + 1)..].Trim();
        }
        var id = headers.GetValueOrDefault("WARC-Record-ID")?.Trim('<', '>');
        var uri = headers.GetValueOrDefault("WARC-Target-URI")?.Trim('<', '>');
        var origin = file with { Locator = id ?? "record " + index.ToString(CultureInfo.InvariantCulture), Url = uri };
        if (!long.TryParse(headers.GetValueOrDefault("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out long length))
        {
            resync = true;
            return (null, ReadItem.Fail(origin, ErrorCode.SL1009, $"{origin}: malformed WARC record: missing or invalid Content-Length"), false);
        }
        if (length > max)
        {
            // Too big to keep: peek at the start to know whether a page was lost, skip the rest.
            var peek = r.ReadUpTo((int)Math.Min(length, OversizePeekBytes));
            long rest = length - peek.Length;
            if (r.Skip(rest) < rest)
                return (null, ReadItem.Fail(origin, ErrorCode.SL1012, $"{origin}: truncated WARC record: the file ends inside the record"), true);
            return (new Record(origin, headers, peek, [], length, Oversize: true), null, false);
        }
        var block = r.ReadUpTo((int)length);
        if (block.Length < length)
            return (null, ReadItem.Fail(origin, ErrorCode.SL1012,
                $"{origin}: truncated WARC record: Content-Length says {length} bytes, the file ends after {block.Length}"), true);
        raw.Write(block);
        return (new Record(origin, headers, block, raw.ToArray(), length, Oversize: false), null, false);
    }

    /// <summary>A record → a document, an error, or null when the record is not an HTML/text page.</summary>
    private static ReadItem? Process(Record rec, ReaderOptions options)
    {
        var type = rec.Headers.GetValueOrDefault("WARC-Type")?.ToLowerInvariant();
        byte[] body;
        string? mediaType, charset;
        var httpHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (type == "response")
        {
            if (!rec.Block.AsSpan().StartsWith("HTTP/"u8)) return null;
            int bodyStart = ParseHttp(rec.Block, httpHeaders, out int status);
            if (bodyStart < 0)
            {
                if (rec.Oversize) bodyStart = rec.Block.Length;
                else throw new StorylineException(ErrorCode.SL1009, $"{rec.Origin}: malformed HTTP response in WARC record (no end of headers)");
            }
            const int OkMin = 200, OkMax = 299;
            if (status is < OkMin or > OkMax) return null;
            (mediaType, charset) = ContentType(httpHeaders.GetValueOrDefault("Content-Type"));
            body = rec.Block[bodyStart..];
        }
        else if (type == "resource")
        {
            (mediaType, charset) = ContentType(rec.Headers.GetValueOrDefault("Content-Type"));
            body = rec.Block;
        }
        else return null;

        ContentKind? kind = mediaType switch
        {
            "text/html" or "application/xhtml+xml" => ContentKind.Html,
            "text/plain" => ContentKind.Text,
            null or "" => null,
            _ => (ContentKind?)null,
        };
        if (kind is null && !string.IsNullOrEmpty(mediaType)) return null; // images, scripts, JSON...
        if (rec.Oversize)
            return ReadItem.Fail(rec.Origin, ErrorCode.SL1004, DocumentReader.TooLarge(rec.Origin.ToString(), rec.DeclaredLength, options.MaxDocumentBytes, false));

        body = Unwrap(body, httpHeaders, rec.Origin, options);
        var sniff = FormatSniffer.Sniff(body.AsSpan(0, Math.Min(body.Length, FormatSniffer.SniffBytes)));
        if (sniff.Format == InputFormat.Empty) return null;
        if (sniff.Format == InputFormat.Binary)
            return ReadItem.Fail(rec.Origin, ErrorCode.SL1002, $"{rec.Origin}: WARC payload is binary, not text ({sniff.Detail})");
        kind ??= sniff.Format is InputFormat.Html or InputFormat.Xml ? ContentKind.Html
            : sniff.Format == InputFormat.Text ? ContentKind.Text : null;
        if (kind is null) return null;

        var decoded = TextDecoder.Decode(body, kind.Value, rec.Origin.ToString(), charset);
        if (string.IsNullOrWhiteSpace(decoded.Text)) return null;
        var doc = new Document
        {
            Origin = rec.Origin,
            RawBytes = rec.Raw,
            Format = DocumentFormat.Warc,
            RawText = decoded.Text,
            Kind = kind.Value,
            Encoding = decoded.Encoding,
        };
        if (decoded.RefusalWarning(rec.Origin.ToString()) is { } warning) doc.Diagnostics.Add(warning);
        if (rec.Origin.Url is { Length: > 0 } url) doc.Metadata.Url = new Field<string>(url, "warc:target-uri");
        if (rec.Headers.GetValueOrDefault("WARC-Date") is { Length: > 0 } crawled) doc.Extra["warc_date"] = crawled;
        if (httpHeaders.GetValueOrDefault("Last-Modified") is { Length: > 0 } lm) doc.Extra["http_last_modified"] = lm;
        return ReadItem.Ok(doc);
    }

    /// <summary>Parses the HTTP status line and headers; returns the body offset, or -1 when the headers do not end.</summary>
    private static int ParseHttp(byte[] block, Dictionary<string, string> headers, out int status)
    {
        status = 0;
        int i = 0, lineNo = 0;
        while (i < block.Length)
        {
            int nl = Array.IndexOf(block, (byte)'\n', i);
            if (nl < 0) return -1;
            int end = nl > i && block[nl - 1] == '\r' ? nl - 1 : nl;
            var line = Encoding.Latin1.GetString(block, i, end - i);
            i = nl + 1;
            if (lineNo++ == 0)
            {
                var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2) int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out status);
                continue;
            }
            if (line.Length == 0) return i;
            int colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return -1;
    }

    private static (string? MediaType, string? Charset) ContentType(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return (null, null);
        var parts = header.Split(';');
        string? charset = null;
        foreach (var p in parts.Skip(1))
        {
            var kv = p.Split('=', 2);
            if (kv.Length == 2 && kv[0].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase)) charset = kv[1].Trim().Trim('"', '\'');
        }
        return (parts[0].Trim().ToLowerInvariant(), charset);
    }

    /// <summary>Undoes chunked transfer encoding and gzip/deflate/br content encoding, bounded by the size limit.</summary>
    private static byte[] Unwrap(byte[] body, Dictionary<string, string> http, DocumentOrigin origin, ReaderOptions options)
    {
        long max = options.MaxDocumentBytes;
        try
        {
            if (http.GetValueOrDefault("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
                body = Dechunk(body);
            var ce = http.GetValueOrDefault("Content-Encoding")?.Trim().ToLowerInvariant();
            Stream? decoder = ce switch
            {
                // A cut gzip payload is SL1012 for this record (GZipStream would end silently); bombs are refused.
                "gzip" or "x-gzip" => new GzipReader(new MemoryStream(body), origin.ToString(), options),
                "deflate" => new ZLibStream(new MemoryStream(body), CompressionMode.Decompress),
                "br" => new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
                _ => null,
            };
            if (decoder is null) return body;
            using (decoder)
                return DocumentReader.ReadBounded(decoder, max)
                       ?? throw new StorylineException(ErrorCode.SL1004, DocumentReader.TooLarge(origin.ToString(), null, max, true));
        }
        catch (InvalidDataException ex)
        {
            throw new StorylineException(ErrorCode.SL1009, $"{origin}: WARC payload cannot be decoded ({ex.Message})", ex);
        }
    }

    private static byte[] Dechunk(byte[] body)
    {
        using var ms = new MemoryStream(body.Length);
        int i = 0;
        while (i < body.Length)
        {
            int nl = Array.IndexOf(body, (byte)'\n', i);
            if (nl < 0) break;
            var sizeText = Encoding.ASCII.GetString(body, i, nl - i).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int size) || size < 0)
                throw new InvalidDataException($"bad chunk size '{sizeText}'");
            i = nl + 1;
            if (size == 0) break;
            int take = Math.Min(size, body.Length - i);
            ms.Write(body, i, take);
            i += take;
            while (i < body.Length && body[i] is (byte)'\r' or (byte)'\n') i++;
        }
        return ms.ToArray();
    }

    private static string Preview(byte[] line)
    {
        const int PreviewChars = 40;
        var s = Encoding.Latin1.GetString(line, 0, Math.Min(line.Length, PreviewChars));
        return new string(s.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}

/// <summary>A forward-only byte reader over a stream: lines (LF, optional CR) and exact-count reads, one buffer.</summary>
internal sealed class ByteReader(Stream stream)
{
    private readonly byte[] _buf = new byte[1 << 16];
    private int _start, _end;

    /// <summary>Bytes consumed so far.</summary>
    public long Position { get; private set; }

    private bool Fill()
    {
        if (_start < _end) return true;
        _start = 0;
        _end = stream.Read(_buf, 0, _buf.Length);
        return _end > 0;
    }

    /// <summary>The next line without its terminator; null at the end. A line longer than <paramref name="max"/> is cut there.</summary>
    public byte[]? ReadLine(int max)
    {
        if (!Fill()) return null;
        using var ms = new MemoryStream();
        while (Fill())
        {
            int nl = Array.IndexOf(_buf, (byte)'\n', _start, _end - _start);
            int avail = (nl < 0 ? _end : nl) - _start;
            int room = max - (int)ms.Length;
            if (avail > room)
            {
                // Cut at max: the rest is read as the next "line" (and will not parse as a header).
                ms.Write(_buf, _start, room);
                _start += room; Position += room;
                break;
            }
            ms.Write(_buf, _start, avail);
            _start += avail; Position += avail;
            if (nl >= 0) { _start++; Position++; break; }
        }
        var line = ms.ToArray();
        return line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
    }

    /// <summary>Reads up to <paramref name="count"/> bytes (fewer only at the end of the stream).</summary>
    public byte[] ReadUpTo(int count)
    {
        var result = new byte[count];
        int got = 0;
        while (got < count && Fill())
        {
            int n = Math.Min(count - got, _end - _start);
            Array.Copy(_buf, _start, result, got, n);
            _start += n; got += n; Position += n;
        }
        return got == count ? result : result[..got];
    }

    /// <summary>Skips up to <paramref name="count"/> bytes; returns how many were skipped.</summary>
    public long Skip(long count)
    {
        long skipped = 0;
        while (skipped < count && Fill())
        {
            int n = (int)Math.Min(count - skipped, _end - _start);
            _start += n; skipped += n; Position += n;
        }
        return skipped;
    }
}
