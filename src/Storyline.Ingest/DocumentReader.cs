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
/// <para>Issue 10 policy. <b>Skipped</b> (reported, not a failure, never opened): FIFOs, devices and sockets (SL1013),
/// symbolic links out of the input folder without FollowSymlinks, dangling links, loops, and a second link to a file
/// already read (SL1014); hidden files are left out silently as before. <b>Failed</b> (one item with a code; the next
/// input is read): empty or invisible-only text (SL1001), binary (SL1002), undecodable (SL1003), refused charset with
/// nothing else fitting (SL1016), too large or a gzip bomb (SL1004), bad JSON line (SL1005/SL1006), broken feed
/// (SL1007), unreadable (SL1008, also any unexpected exception from a reader, with its type), malformed WARC (SL1009),
/// truncated (SL1012). <b>Truncation</b>: a cut .gz single document fails whole (nothing partial is stored); in a
/// container (JSONL, feed, WARC, gzip'd or not) the items read completely before the cut are kept and the cut is one
/// SL1012 item at the end; a cut gzip member is found from its missing trailer (CRC-32/ISIZE), see <see cref="GzipReader"/>.
/// On Linux, paths are handled as raw bytes (<see cref="Posix"/>, <see cref="FolderWalker"/>): names that are not
/// UTF-8 are read and shown with \xHH escapes.</para>
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
            IEnumerable<ReadItem> items;
            if (path == StdinPath) items = ReadStream(new DocumentOrigin(StdinPath), () => Console.OpenStandardInput(), null, ct);
            else if (Posix.Supported) items = ReadPathPosix(path, ct);
            else if (Directory.Exists(path)) items = EnumerateFolder(path).SelectMany(file => ReadFile(file, ct));
            else items = ReadFile(path, ct);
            // Whatever goes wrong with one input (listing a folder, a reader's bug) is that input's failure.
            foreach (var item in Guard(items, new DocumentOrigin(path), ct))
                yield return item;
        }
    }

    /// <summary>
    /// A path given by the user, on Linux: looked at with stat (never opened unless it is a regular file). A link
    /// given explicitly is the user's choice and is followed; a folder is walked by <see cref="FolderWalker"/>.
    /// </summary>
    private IEnumerable<ReadItem> ReadPathPosix(string path, CancellationToken ct)
    {
        var origin = new DocumentOrigin(path);
        var raw = Encoding.UTF8.GetBytes(path);
        int err = Posix.Stat(raw, follow: true, out var st);
        if (err != 0)
        {
            bool isLink = Posix.Stat(raw, follow: false, out var l) == 0 && l.Kind == FileKind.Symlink;
            yield return isLink
                ? ReadItem.Fail(origin, ErrorCode.SL1014, err == Posix.ELOOP
                    ? $"{path}: symbolic link loop (the links lead back to themselves)"
                    : $"{path}: dangling symbolic link (its target does not exist)")
                : ReadItem.Fail(origin, ErrorCode.SL1008, err is Posix.ENOENT or Posix.ENOTDIR
                    ? $"{path}: no such file or folder"
                    : $"{path}: cannot read: {Posix.Describe(err)}");
            yield break;
        }
        switch (st.Kind)
        {
            case FileKind.Directory:
                foreach (var e in FolderWalker.Walk(path, Options.FollowSymlinks))
                {
                    ct.ThrowIfCancellationRequested();
                    if (e.Report is not null) { yield return e.Report; continue; }
                    foreach (var item in ReadRaw(e.Raw, e.Display, e.Size, ct))
                        yield return item;
                }
                break;
            case FileKind.Regular:
                foreach (var item in ReadRaw(raw, path, st.Size, ct))
                    yield return item;
                break;
            default:
                yield return ReadItem.Skip(origin, ErrorCode.SL1013, $"{path}: is {Posix.KindName(st.Kind)}, not a regular file; skipped (never opened)");
                break;
        }
    }

    /// <summary>A regular file opened by its raw path (names that are not UTF-8 included), shown as <paramref name="display"/>.</summary>
    private IEnumerable<ReadItem> ReadRaw(byte[] raw, string display, long size, CancellationToken ct)
    {
        var items = Guard(ReadStream(new DocumentOrigin(display), () => Posix.Open(raw, out _), size < 0 ? null : size, ct), new DocumentOrigin(display), ct);
        if (System.Text.Unicode.Utf8.IsValid(raw)) return items;
        // Read by its bytes, but told: such a name cannot be typed back or shown faithfully everywhere.
        return items.Select(item =>
        {
            item.Document?.Diagnostics.Add(new Diagnostic(ErrorCode.SL1015,
                $"{display}: the file name is not valid UTF-8; read by its bytes and shown with \\xHH escapes", "ingest", Severity.Warning));
            return item;
        });
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

    /// <summary>
    /// Files under <paramref name="folder"/> that would be read, recursively, sorted by path (ordinal), hidden files
    /// and folders skipped; on Linux with the input-boundary rules of <see cref="FolderWalker"/> (links out of the
    /// folder, special files and duplicates left out; names that are not UTF-8 shown escaped).
    /// </summary>
    public static IEnumerable<string> EnumerateFolder(string folder, bool followSymlinks = false)
    {
        if (Posix.Supported)
            return FolderWalker.Walk(folder, followSymlinks).Where(e => e.Report is null).Select(e => e.Display).ToList();
        return EnumerateFolderPortable(folder);
    }

    private static List<string> EnumerateFolderPortable(string folder)
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
    private sealed record Opened(Stream Stream, SniffResult Sniff, long? Length, bool Compressed, long? GzipSizeHint)
    {
        /// <summary>Set when the compressed input ended inside the sniffed head (reported after what came before it).</summary>
        public StorylineException? Cut { get; init; }
    }

    private IEnumerable<ReadItem> ReadStream(DocumentOrigin origin, Func<Stream> open, long? length, CancellationToken ct)
    {
        Opened? opened = null;
        ReadItem? failure = null;
        try { opened = Open(origin, open, length); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
        catch (Exception ex) { failure = FailureOf(origin, ex, 0); }
        if (failure is not null || opened is null)
        {
            yield return failure!;
            yield break;
        }
        using var stream = opened.Stream;
        IEnumerable<ReadItem> items = opened.Sniff.Format switch
        {
            InputFormat.Empty or InputFormat.Binary when opened.Cut is not null => [ReadItem.Fail(origin, opened.Cut)],
            InputFormat.Empty => [ReadItem.Fail(origin, ErrorCode.SL1001, $"{origin.Path}: is empty (no text at all)")],
            InputFormat.Binary => [ReadItem.Fail(origin, ErrorCode.SL1002,
                $"{origin.Path}: is binary, not text ({opened.Sniff.Detail})")],
            InputFormat.Feed => new FeedReader(Options).Read(stream, origin, ct),
            InputFormat.JsonLines => new JsonLinesReader(Options).Read(stream, origin, ct),
            InputFormat.Warc => new WarcReader(Options).Read(stream, origin, ct),
            _ => [ReadSingle(opened, origin)],
        };
        foreach (var item in Guard(items, origin, ct))
            yield return item;
    }

    /// <summary>
    /// Enumerates a reader so that no exception escapes it: whatever a reader throws half-way (a stream error, a
    /// truncated gzip member, a bug) becomes one failure item for the input, the items yielded before are kept, and
    /// the next input is read. Cancellation still propagates. (C# cannot yield inside try/catch, hence MoveNext by hand.)
    /// </summary>
    internal static IEnumerable<ReadItem> Guard(IEnumerable<ReadItem> items, DocumentOrigin origin, CancellationToken ct)
    {
        IEnumerator<ReadItem>? e = null;
        int yielded = 0;
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                ReadItem? failure = null;
                bool more;
                try
                {
                    e ??= items.GetEnumerator();
                    more = e.MoveNext();
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
                catch (Exception ex)
                {
                    more = false;
                    failure = FailureOf(origin, ex, yielded);
                }
                if (failure is not null) { yield return failure; yield break; }
                if (!more) yield break;
                yielded++;
                yield return e!.Current;
            }
        }
        finally
        {
            try { e?.Dispose(); }
            catch (Exception ex) when (ex is not OperationCanceledException) { /* a failing close must not cost the run */ }
        }
    }

    /// <summary>An exception out of a reader as the input's failure: its own code when it has one, else SL1008 with the type and message.</summary>
    internal static ReadItem FailureOf(DocumentOrigin origin, Exception ex, int itemsBefore)
    {
        var after = itemsBefore > 0 ? $" (after {itemsBefore.ToString(CultureInfo.InvariantCulture)} items, which are kept)" : "";
        if (ex is StorylineException se)
            return ReadItem.Fail(origin, itemsBefore > 0 ? new StorylineException(se.Code, se.Message + after, se) : se);
        var what = ex is IOException or UnauthorizedAccessException ? "cannot read" : $"the reader failed ({ex.GetType().Name})";
        return ReadItem.Fail(origin, ErrorCode.SL1008, $"{origin.Path}: {what}: {ex.Message}{after}");
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
            StorylineException? cutShort = null;
            if (n >= GzipMagic.Length && head.AsSpan(0, GzipMagic.Length).SequenceEqual(GzipMagic))
            {
                sizeHint = GzipSizeHint(raw, n, length);
                compressed = true;
                stream = new GzipReader(stream, origin.Path, Options);
                head = new byte[FormatSniffer.SniffBytes];
                n = 0;
                try
                {
                    int k;
                    while (n < head.Length && (k = stream.Read(head, n, head.Length - n)) > 0) n += k;
                }
                catch (StorylineException cut) when (cut.Code == ErrorCode.SL1012)
                {
                    // A small container cut short: sniff and read what came before the cut; the cut is reported after it.
                    if (n == 0) throw; // nothing before the cut
                    stream.Dispose();
                    stream = new FailingStream(cut);
                    cutShort = cut;
                }
                stream = new PrefixedStream(head, n, stream);
                length = null;
            }
            var sniff = FormatSniffer.Sniff(head.AsSpan(0, n), origin.Path);
            return new Opened(stream, sniff, length, compressed, sizeHint) { Cut = cutShort };
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
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A truncated .gz (SL1012) or a read error half-way leaves nothing whole to keep.
            return FailureOf(origin, ex, 0);
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
        if (!TextDecoder.HasVisibleText(decoded.Text))
            throw new StorylineException(ErrorCode.SL1001, $"{origin}: is empty (no visible text: only white space, controls or zero-width characters)");
        var doc = new Document
        {
            Origin = origin,
            RawBytes = bytes,
            Format = kind == ContentKind.Html ? DocumentFormat.Html : DocumentFormat.Text,
            RawText = decoded.Text,
            Kind = kind,
            Encoding = decoded.Encoding,
        };
        if (decoded.RefusalWarning(origin.ToString()) is { } warning) doc.Diagnostics.Add(warning);
        return doc;
    }

    /// <summary>HTML or plain text? For content that came inside a container field (feed description, JSON "text").</summary>
    internal static ContentKind KindOf(string content) =>
        HtmlTag.IsMatch(content) ? ContentKind.Html : ContentKind.Text;

    private static readonly System.Text.RegularExpressions.Regex HtmlTag = new(
        @"<(?:p|br|div|span|a|img|h[1-6]|ul|ol|li|em|strong|b|i|blockquote|figure|table|html|body|article|section)\b[^>]*>",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}
