using System.Globalization;
using System.IO.Compression;
using System.Text;
using Storyline.Core;

namespace Storyline.Ingest;

/// <summary>
/// Turns paths into documents. Formats are recognised from content (<see cref="FormatSniffer"/>): plain text,
/// HTML, RSS 2.0/RSS 1.0/Atom feeds (one document per item), JSONL (one per line), WARC (one per HTML/text
/// response record), each optionally gzip'd. "-" reads standard input; folders are walked recursively in sorted
/// order, skipping hidden files and folders. Everything streams: a 200 MB JSONL, WARC or feed is read one item
/// at a time, and a single document is never read past <see cref="ReaderOptions.MaxDocumentBytes"/>.
/// A bad input (or a bad line/item/record) becomes a <see cref="ReadItem"/> with an error and reading goes on.
/// Thread-safe: a reader holds only its options.
/// </summary>
public sealed class DocumentReader(ReaderOptions? options = null)
{
    /// <summary>Name shown for standard input.</summary>
    public const string StdinPath = "-";

    private static readonly byte[] GzipMagic = [0x1F, 0x8B];

    public ReaderOptions Options { get; } = options ?? new ReaderOptions();

    static DocumentReader() => TextDecoder.EnsureCodePages();

    /// <summary>Reads every path in order; yields one item per document or per failure.</summary>
    public IEnumerable<ReadItem> Read(IEnumerable<string> paths, CancellationToken ct = default)
    {
        foreach (var path in paths)
        {
            ct.ThrowIfCancellationRequested();
            if (path == StdinPath)
            {
                foreach (var item in ReadStream(new DocumentOrigin(StdinPath), () => Console.OpenStandardInput(), null, ct))
                    yield return item;
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in EnumerateFolder(path))
                    foreach (var item in ReadFile(file, ct))
                        yield return item;
            }
            else
            {
                foreach (var item in ReadFile(path, ct))
                    yield return item;
            }
        }
    }

    /// <summary>
    /// Reads one already-open input (an upload, a pipe) exactly like a file called <paramref name="name"/>.
    /// The stream is disposed when enumeration ends.
    /// </summary>
    public IEnumerable<ReadItem> Read(Stream input, string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ReadStream(new DocumentOrigin(name), () => input, input.CanSeek ? input.Length - input.Position : null, ct);
    }

    /// <summary>
    /// Rebuilds a document from bytes kept earlier (<see cref="Document.RawBytes"/> with its <see cref="Document.Format"/>),
    /// for re-processing. Throws <see cref="StorylineException"/> when the bytes are no longer readable.
    /// </summary>
    public Document FromRaw(byte[] raw, DocumentFormat format, DocumentOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(origin);
        return format switch
        {
            DocumentFormat.Text => BuildSingle(raw, ContentKind.Text, origin),
            DocumentFormat.Html => BuildSingle(raw, ContentKind.Html, origin),
            DocumentFormat.FeedItem => FeedReader.FromRaw(raw, origin),
            DocumentFormat.JsonLine => JsonLinesReader.FromRaw(raw, origin),
            DocumentFormat.Warc => WarcReader.FromRaw(raw, origin, Options),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown document format"),
        };
    }

    /// <summary>Files under <paramref name="folder"/>, recursively, sorted by path (ordinal), hidden files and folders skipped.</summary>
    public static IEnumerable<string> EnumerateFolder(string folder)
    {
        var files = new List<string>();
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try { entries = new DirectoryInfo(dir).EnumerateFileSystemInfos(); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { continue; }
            foreach (var e in entries)
            {
                if (IsHidden(e)) continue;
                if (e is DirectoryInfo d)
                {
                    // Symlinked folders are not followed: they can loop.
                    if (d.LinkTarget is null) pending.Push(Path.Combine(dir, d.Name));
                }
                else files.Add(Path.Combine(dir, e.Name));
            }
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static bool IsHidden(FileSystemInfo e) =>
        e.Name.StartsWith('.') || (e.Attributes & FileAttributes.Hidden) != 0;

    private IEnumerable<ReadItem> ReadFile(string path, CancellationToken ct)
    {
        var origin = new DocumentOrigin(path);
        if (!File.Exists(path))
        {
            yield return ReadItem.Fail(origin, ErrorCode.SL1008,
                Directory.Exists(path) ? $"{path}: is a folder" : $"{path}: no such file or folder");
            yield break;
        }
        long length;
        try { length = new FileInfo(path).Length; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            length = -1;
        }
        foreach (var item in ReadStream(origin, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), length < 0 ? null : length, ct))
            yield return item;
    }

    /// <summary>An input opened and sniffed: the stream positioned at the start (head re-served), its format and size if known.</summary>
    private sealed record Opened(Stream Stream, SniffResult Sniff, long? Length, bool Compressed, long? GzipSizeHint);

    private IEnumerable<ReadItem> ReadStream(DocumentOrigin origin, Func<Stream> open, long? length, CancellationToken ct)
    {
        Opened? opened = null;
        ReadItem? failure = null;
        try { opened = Open(origin, open, length); }
        catch (StorylineException ex) { failure = ReadItem.Fail(origin, ex); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            failure = ReadItem.Fail(origin, ErrorCode.SL1008, $"{origin.Path}: cannot read: {ex.Message}");
        }
        if (failure is not null || opened is null)
        {
            yield return failure!;
            yield break;
        }
        using var stream = opened.Stream;
        IEnumerable<ReadItem> items = opened.Sniff.Format switch
        {
            InputFormat.Empty => [ReadItem.Fail(origin, ErrorCode.SL1001, $"{origin.Path}: is empty (no text at all)")],
            InputFormat.Binary => [ReadItem.Fail(origin, ErrorCode.SL1002,
                $"{origin.Path}: is binary, not text ({opened.Sniff.Detail})")],
            InputFormat.Feed => new FeedReader(Options).Read(stream, origin, ct),
            InputFormat.JsonLines => new JsonLinesReader(Options).Read(stream, origin, ct),
            InputFormat.Warc => new WarcReader(Options).Read(stream, origin, ct),
            _ => [ReadSingle(opened, origin)],
        };
        foreach (var item in items)
        {
            ct.ThrowIfCancellationRequested();
            yield return item;
        }
    }

    private Opened Open(DocumentOrigin origin, Func<Stream> open, long? length)
    {
        var raw = open();
        try
        {
            var head = new byte[FormatSniffer.SniffBytes];
            int n = PrefixedStream.ReadFully(raw, head);
            Stream stream = new PrefixedStream(head, n, raw);
            bool compressed = false;
            long? sizeHint = null;
            if (n >= GzipMagic.Length && head.AsSpan(0, GzipMagic.Length).SequenceEqual(GzipMagic))
            {
                sizeHint = GzipSizeHint(raw, n, length);
                compressed = true;
                stream = new GZipStream(stream, CompressionMode.Decompress);
                head = new byte[FormatSniffer.SniffBytes];
                n = PrefixedStream.ReadFully(stream, head);
                stream = new PrefixedStream(head, n, stream);
                length = null;
            }
            var sniff = FormatSniffer.Sniff(head.AsSpan(0, n), origin.Path);
            return new Opened(stream, sniff, length, compressed, sizeHint);
        }
        catch
        {
            raw.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The uncompressed size a gzip file records in its last four bytes (modulo 4 GiB, last member only), read
    /// without decompressing; lets a huge .gz single document be refused at once. Null when not seekable.
    /// </summary>
    private static long? GzipSizeHint(Stream raw, int consumed, long? length)
    {
        const int TrailerBytes = 4;
        if (!raw.CanSeek || length is not { } len || len < consumed + TrailerBytes) return null;
        long pos = raw.Position;
        raw.Seek(len - TrailerBytes, SeekOrigin.Begin);
        Span<byte> isize = stackalloc byte[TrailerBytes];
        raw.ReadExactly(isize);
        raw.Seek(pos, SeekOrigin.Begin);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(isize);
    }

    private ReadItem ReadSingle(Opened opened, DocumentOrigin origin)
    {
        long max = Options.MaxDocumentBytes;
        long? known = opened.Length ?? opened.GzipSizeHint;
        if (known > max)
            return ReadItem.Fail(origin, ErrorCode.SL1004, TooLarge(origin.Path, known.Value, max, opened.Compressed));
        try
        {
            var bytes = ReadBounded(opened.Stream, max, opened.Length);
            if (bytes is null)
                return ReadItem.Fail(origin, ErrorCode.SL1004, TooLarge(origin.Path, null, max, opened.Compressed));
            if (opened.Sniff.Format == InputFormat.Xml && HasDoctype(bytes))
                return ReadItem.Fail(origin, ErrorCode.SL1007,
                    $"{origin.Path}: XML with a DTD is refused (DTD processing is prohibited: entity expansion and external entities are unsafe)");
            var kind = opened.Sniff.Format == InputFormat.Text ? ContentKind.Text : ContentKind.Html;
            return ReadItem.Ok(BuildSingle(bytes, kind, origin));
        }
        catch (StorylineException ex) { return ReadItem.Fail(origin, ex); }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            // A truncated .gz (or a read error half-way) leaves nothing whole to keep.
            return ReadItem.Fail(origin, ErrorCode.SL1008, $"{origin.Path}: cannot read: {ex.Message}");
        }
    }

    internal static string TooLarge(string name, long? size, long max, bool compressed)
    {
        var what = size is { } s ? $"{s.ToString("N0", CultureInfo.InvariantCulture)} bytes" : $"more than {max.ToString("N0", CultureInfo.InvariantCulture)} bytes";
        return $"{name}: is too large ({what}{(compressed ? " uncompressed" : "")}; the limit for one document is " +
               $"{max.ToString("N0", CultureInfo.InvariantCulture)} bytes, see ReaderOptions.MaxDocumentBytes); not read";
    }

    /// <summary>Reads the whole stream if it holds at most <paramref name="max"/> bytes; null when it holds more.</summary>
    internal static byte[]? ReadBounded(Stream s, long max, long? expected = null)
    {
        const int Chunk = 1 << 16;
        using var ms = new MemoryStream(expected is { } e && e <= max ? (int)e : Chunk);
        var buffer = new byte[Chunk];
        long total = 0;
        int n;
        while ((n = s.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += n;
            if (total > max) return null;
            ms.Write(buffer, 0, n);
        }
        return ms.Length == ms.Capacity ? ms.GetBuffer() : ms.ToArray();
    }

    private static bool HasDoctype(byte[] bytes)
    {
        var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, FormatSniffer.SniffBytes));
        return head.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) && !head.Contains("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A whole-file document (text or HTML): decode, refuse blank, keep the bytes.</summary>
    internal static Document BuildSingle(byte[] bytes, ContentKind kind, DocumentOrigin origin)
    {
        if (FormatSniffer.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, FormatSniffer.SniffBytes))) is { Format: InputFormat.Empty })
            throw new StorylineException(ErrorCode.SL1001, $"{origin}: is empty (no text at all)");
        var decoded = TextDecoder.Decode(bytes, kind, origin.ToString());
        if (string.IsNullOrWhiteSpace(decoded.Text))
            throw new StorylineException(ErrorCode.SL1001, $"{origin}: is empty (no text at all)");
        return new Document
        {
            Origin = origin,
            RawBytes = bytes,
            Format = kind == ContentKind.Html ? DocumentFormat.Html : DocumentFormat.Text,
            RawText = decoded.Text,
            Kind = kind,
            Encoding = decoded.Encoding,
        };
    }

    /// <summary>HTML or plain text? For content that came inside a container field (feed description, JSON "text").</summary>
    internal static ContentKind KindOf(string content) =>
        HtmlTag.IsMatch(content) ? ContentKind.Html : ContentKind.Text;

    private static readonly System.Text.RegularExpressions.Regex HtmlTag = new(
        @"<(?:p|br|div|span|a|img|h[1-6]|ul|ol|li|em|strong|b|i|blockquote|figure|table|html|body|article|section)\b[^>]*>",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}
