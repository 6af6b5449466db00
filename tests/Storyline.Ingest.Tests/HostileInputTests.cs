using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Storyline.Core;

namespace Storyline.Ingest.Tests;

/// <summary>Issue 10: one bad input (or one bad line, item or record) never stops, hangs or corrupts a run.</summary>
public class HostileInputTests
{
    private static List<ReadItem> ReadStream(byte[] bytes, string name, ReaderOptions? o = null) =>
        [.. new DocumentReader(o).Read(new MemoryStream(bytes), name)];

    private static byte[] Gzip(byte[] bytes, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, level, leaveOpen: true)) gz.Write(bytes);
        return ms.ToArray();
    }

    private static byte[] Words(int n, string prefix = "word") =>
        Encoding.ASCII.GetBytes(string.Join(' ', Enumerable.Range(0, n).Select(i => prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + " end.");

    // ---- 1. JSONL ----

    [Fact]
    public void Jsonl_LoneSurrogate_IsReplacedAndRecorded_AndTheNextLinesAreRead()
    {
        var lines = string.Join('\n',
            """{"text":"First good line."}""",
            """{"text":"\ud800 lone high surrogate","title":"T \udc00"}""",
            """{"text":"a real pair \ud83d\ude00 stays"}""",
            """{"text":"an escaped backslash \\ud800 is text"}""",
            """{"text":"Last good line."}""");
        var items = ReadStream(Encoding.ASCII.GetBytes(lines), "s.jsonl");
        Assert.Equal(5, items.Count);
        Assert.All(items, i => Assert.Null(i.Error));
        var lone = items[1].Document!;
        Assert.StartsWith("\uFFFD lone", lone.RawText);
        Assert.Equal("T \uFFFD", lone.Metadata.Title!.Value);
        Assert.Contains("surrogate", lone.Encoding);
        Assert.Contains(lone.Diagnostics, d => d.Message.Contains("surrogate"));
        Assert.Contains("\U0001F600", items[2].Document!.RawText);
        Assert.DoesNotContain("surrogate", items[2].Document!.Encoding);
        Assert.Contains(@"\ud800", items[3].Document!.RawText);
        Assert.Equal("Last good line.", items[4].Document!.RawText);
        // Re-reading the stored bytes gives the same document.
        var again = new DocumentReader().FromRaw(lone.RawBytes, lone.Format, lone.Origin);
        Assert.Equal(lone.RawText, again.RawText);
    }

    [Fact]
    public void Jsonl_EveryKindOfBadLine_FailsAloneWithACode()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        byte[][] lines =
        [
            """{"text":"one"}"""u8.ToArray(),
            """{"text": "unterminated"""u8.ToArray(),
            """{"text": 42}"""u8.ToArray(),
            """{"title": "no body"}"""u8.ToArray(),
            """[1,2,3]"""u8.ToArray(),
            Encoding.ASCII.GetBytes(deep),
            Encoding.ASCII.GetBytes("{\"text\":" + deep + "}"),
            """{"text":"huge numbers","published":1e400,"n":123456789012345678901234567890}"""u8.ToArray(),
            [.. "{\"text\":\"caf"u8.ToArray(), 0xE9, .. "\"}"u8.ToArray()],
            """{"text":"bad date","published":"2024-13-45T99:99:99+99:00"}"""u8.ToArray(),
            """{"text":"bad unix","published":"9999999999999"}"""u8.ToArray(),
            """{"text":"last"}"""u8.ToArray(),
        ];
        var bytes = lines.SelectMany(l => l.Append((byte)'\n')).ToArray();
        var items = ReadStream(bytes, "bad.jsonl");
        Assert.Equal(lines.Length, items.Count);
        Assert.Equal("one", items[0].Document!.RawText);
        Assert.Equal(ErrorCode.SL1005, items[1].Error!.Code);
        Assert.Equal(ErrorCode.SL1006, items[2].Error!.Code);
        Assert.Equal(ErrorCode.SL1006, items[3].Error!.Code);
        Assert.Equal(ErrorCode.SL1005, items[4].Error!.Code);
        Assert.Equal(ErrorCode.SL1005, items[5].Error!.Code);
        Assert.Equal(ErrorCode.SL1005, items[6].Error!.Code);
        Assert.NotNull(items[7].Document);
        Assert.Null(items[7].Document!.Metadata.Published);
        Assert.Equal(ErrorCode.SL1005, items[8].Error!.Code);
        Assert.Contains("UTF-8", items[8].Error!.Message);
        Assert.Null(items[9].Document!.Metadata.Published);
        Assert.NotNull(items[10].Document);
        Assert.Equal("last", items[11].Document!.RawText);
        foreach (var e in items.Where(i => i.Error is not null))
            Assert.Contains("bad.jsonl#", e.Error!.Message);
    }

    [Fact]
    public void Jsonl_LastLineCutOff_IsTruncated()
    {
        var bytes = "{\"text\":\"kept\"}\n{\"text\":\"cut in the mi"u8.ToArray();
        var items = ReadStream(bytes, "cut.jsonl");
        Assert.Equal("kept", items[0].Document!.RawText);
        Assert.Equal(ErrorCode.SL1012, items[1].Error!.Code);
        Assert.Contains("truncated", items[1].Error!.Message);
    }

    // ---- 2. Charsets ----

    [Theory]
    [InlineData("utf-7")]
    [InlineData("UTF7")]
    [InlineData("unicode-1-1-utf-7")]
    [InlineData("utf-32")]
    [InlineData("utf-32be")]
    [InlineData("x-user-defined")]
    [InlineData("replacement")]
    [InlineData("iso-2022-kr")]
    [InlineData("ibm037")]
    [InlineData("no-such-charset")]
    public void Charset_UnsafeOrUnknownDeclaration_IsIgnored_BytesDecodedByValidity(string label)
    {
        var html = Encoding.UTF8.GetBytes($"<html><head><meta charset=\"{label}\"></head><body><p>Caf\u00e9 cr\u00e8me, na\u00efve r\u00e9sum\u00e9.</p></body></html>");
        var d = TextDecoder.Decode(html, ContentKind.Html, "page.html");
        Assert.Contains("Caf\u00e9 cr\u00e8me", d.Text);
        Assert.StartsWith("utf-8", d.Encoding);
        Assert.Contains("ignored", d.Encoding);

        var xml = Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"{label}\"?><p>Caf\u00e9 cr\u00e8me</p>");
        Assert.Contains("ignored", TextDecoder.Decode(xml, ContentKind.Text, "x.txt").Encoding);
        Assert.Contains("ignored", TextDecoder.Decode("<p>plain ascii</p>"u8, ContentKind.Html, "a.html", transportCharset: label).Encoding);
    }

    [Fact]
    public void Charset_Utf7_InFilesWarcAndFeeds_NeverAbortsTheRun()
    {
        using var t = new TempDir();
        var page = t.File("a.html", "<html><head><meta charset=\"utf-7\"></head><body><p>Hello +AGEAYgBj- world.</p></body></html>");
        var warc = t.File("c.warc", WarcTests.Record("response", "https://u.example/7",
            WarcTests.Http("text/html; charset=utf-7", "<html><body><p>Seven +AGE- bits.</p></body></html>"u8.ToArray())));
        var feed = t.File("f.xml", "<?xml version=\"1.0\" encoding=\"utf-7\"?><rss><channel><title>C</title><item><title>T</title><description>Feed text.</description></item></channel></rss>");
        var items = Read.All(page, warc, feed);
        Assert.Equal(3, items.Count);
        Assert.All(items, i => Assert.Null(i.Error));
        Assert.Contains("+AGEAYgBj-", items[0].Document!.RawText); // not decoded as UTF-7
        Assert.Contains("ignored", items[0].Document!.Encoding);
        Assert.Contains("ignored", items[1].Document!.Encoding);
        Assert.Contains("ignored", items[2].Document!.Encoding);
    }

    [Fact]
    public void Charset_RefusedDeclarationAndUndecodableBytes_IsSL1016()
    {
        var rnd = new Random(5);
        var bytes = Encoding.ASCII.GetBytes("<meta charset=\"utf-7\">").Concat(Enumerable.Range(0, 3000).Select(_ => (byte)rnd.Next(0x80, 0x100))).ToArray();
        var e = Assert.Throws<StorylineException>(() => TextDecoder.Decode(bytes, ContentKind.Html, "r.html"));
        Assert.Equal(ErrorCode.SL1016, e.Code);
        Assert.Contains("utf-7", e.Message);
    }

    [Fact]
    public void Decoder_RandomBytesAndLabels_ThrowsOnlyStorylineException()
    {
        string[] labels = ["utf-7", "utf-8", "utf-16", "utf-32be", "ibm037", "x-user-defined", "shift_jis", "gb18030", "iso-2022-jp", "koi8-r", "windows-1252", "bogus", ""];
        var rnd = new Random(42);
        for (int i = 0; i < 400; i++)
        {
            var bytes = new byte[rnd.Next(0, 600)];
            rnd.NextBytes(bytes);
            if (i % 3 == 0) bytes = [.. Encoding.ASCII.GetBytes($"<meta charset=\"{labels[i % labels.Length]}\">"), .. bytes];
            try { TextDecoder.Decode(bytes, i % 2 == 0 ? ContentKind.Html : ContentKind.Text, "fuzz", labels[rnd.Next(labels.Length)]); }
            catch (StorylineException) { }
        }
    }

    // ---- 3. Truncated and hostile compression ----

    [Fact]
    public void Gzip_TruncatedSingleDocument_IsSL1012_FileAndStdin()
    {
        var gz = Gzip(Words(5000));
        using var t = new TempDir();
        foreach (int cut in new[] { gz.Length - 1, gz.Length - 5, gz.Length - 8, gz.Length - 9, gz.Length / 2, 30, 12 })
        {
            var part = gz[..cut];
            var e = Read.Error(t.File($"cut{cut}.txt.gz", part));
            Assert.Equal(ErrorCode.SL1012, e.Code);
            Assert.Contains("truncated", e.Message);
            Assert.Contains($"cut{cut}.txt.gz", e.Message);
            var s = Assert.Single(new DocumentReader().Read(new NonSeekable(part), "-"));
            Assert.Equal(ErrorCode.SL1012, s.Error!.Code);
        }
        Assert.EndsWith("end.", Read.One(t.File("whole.txt.gz", gz)).RawText);
    }

    [Fact]
    public void Gzip_CorruptChecksum_IsReported()
    {
        var gz = Gzip(Words(2000));
        gz[^8] ^= 0x55;
        using var t = new TempDir();
        var e = Read.Error(t.File("crc.txt.gz", gz));
        Assert.Contains("crc.txt.gz", e.Message);
        Assert.Contains("checksum", e.Message);
    }

    [Fact]
    public void Gzip_ConcatenatedMembers_AreOneDocument()
    {
        using var t = new TempDir();
        var a = Words(300, "alpha"); var b = Words(300, "beta");
        var d = Read.One(t.File("two.txt.gz", [.. Gzip(a), .. Gzip(b)]));
        Assert.Equal(Encoding.ASCII.GetString([.. a, .. b]), d.RawText);
    }

    [Fact]
    public void Gzip_TruncatedJsonl_KeepsCompleteLines_ThenOneSL1012()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 400; i++) sb.Append("{\"text\":\"Story number ").Append(i).Append(" about the river and the town council.\"}\n");
        var gz = Gzip(Encoding.ASCII.GetBytes(sb.ToString()));
        using var t = new TempDir();
        var items = Read.All(t.File("cut.jsonl.gz", gz[..(gz.Length * 2 / 3)]));
        var docs = items.Where(i => i.Document is not null).ToList();
        Assert.True(docs.Count > 10, $"{docs.Count} docs");
        Assert.True(docs.Count < 400);
        Assert.All(docs, d => Assert.EndsWith("council.", d.Document!.RawText));
        Assert.Equal(ErrorCode.SL1012, items[^1].Error!.Code);
        Assert.Single(items, i => i.Error is not null);
    }

    [Fact]
    public void Gzip_TruncatedWarc_KeepsEarlierRecords_ThenSL1012()
    {
        var recs = Enumerable.Range(0, 30).SelectMany(i => Gzip(WarcTests.Record("response", $"https://w.example/{i}",
            WarcTests.Http("text/html", Encoding.ASCII.GetBytes($"<html><body><p>Page {i}. {Encoding.ASCII.GetString(Words(200))}</p></body></html>"))))).ToArray();
        using var t = new TempDir();
        var items = Read.All(t.File("cut.warc.gz", recs[..(recs.Length - 700)]));
        Assert.True(items.Count(i => i.Document is not null) >= 25);
        Assert.Equal(ErrorCode.SL1012, items[^1].Error!.Code);
        Assert.Single(items, i => i.Error is not null);
    }

    [Fact]
    public void Warc_RecordLongerThanTheFile_IsSL1012()
    {
        var good = WarcTests.Record("response", "https://w.example/ok", WarcTests.Http("text/html", "<p>Fine page.</p>"u8.ToArray()));
        var big = WarcTests.Record("response", "https://w.example/cut", WarcTests.Http("text/html", Words(500)));
        using var t = new TempDir();
        var items = Read.All(t.File("c.warc", [.. good, .. big[..(big.Length / 2)]]));
        Assert.NotNull(items[0].Document);
        Assert.Equal(ErrorCode.SL1012, items[1].Error!.Code);
        Assert.Contains("truncated", items[1].Error!.Message);
    }

    /// <summary>2 GB of one letter as twenty gzip members of ~100 KB each.</summary>
    private static readonly Lazy<byte[]> BombMember = new(() => Gzip(Encoding.ASCII.GetBytes(new string('a', 100 << 20)), CompressionLevel.SmallestSize));

    private static byte[] Bomb(string prefix)
    {
        var member = BombMember.Value;
        return [.. Gzip(Encoding.ASCII.GetBytes(prefix)), .. Enumerable.Repeat(member, 20).SelectMany(m => m)];
    }

    [Fact]
    public void Gzip_Bomb_IsRefusedInBoundedTimeAndMemory_SingleDocumentAndContainers()
    {
        using var t = new TempDir();
        foreach (var (name, prefix) in new[] { ("bomb.txt.gz", "A headline\n"), ("bomb.jsonl.gz", "{\"text\":\"") , ("bomb.html.gz", "<html><body><p>") })
        {
            var path = t.File(name, Bomb(prefix));
            var sw = Stopwatch.StartNew();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var items = new DocumentReader().Read([path]).ToList();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(ErrorCode.SL1004, Assert.Single(items).Error!.Code);
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"{name}: took {sw.Elapsed}");
            Assert.True(allocated < 300L << 20, $"{name}: allocated {allocated >> 20} MB");
        }
    }

    // ---- 4. Feeds ----

    [Fact]
    public void Feed_MalformedDates_AreIgnored_NeverFailTheItem()
    {
        string[] dates = ["Mon, 01 Jan 2024 10:00:00 +9999", "Sat, 01 Jan 0001 00:00:00 +1400", "Fri, 31 Dec 9999 23:59:59 -1200", "32 Jan 2024", "Feb 30 2024", "0000-00-00", "99999-01-01T00:00:00Z", "", "2024-02-30T10:00:00Z"];
        var items = string.Concat(dates.Select((d, i) => $"<item><title>T{i}</title><pubDate>{d}</pubDate><description>Story {i}.</description></item>"));
        using var t = new TempDir();
        var read = Read.All(t.File("dates.xml", $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>C</title>{items}</channel></rss>"));
        Assert.Equal(dates.Length, read.Count);
        Assert.All(read, i => Assert.Null(i.Error));
        Assert.Null(read[0].Document!.Metadata.Published);
    }

    [Fact]
    public void Feed_TruncatedGz_KeepsItems_ThenSL1012()
    {
        var items = string.Concat(Enumerable.Range(0, 200).Select(i => $"<item><title>T{i}</title><description>Story {i} about the harbour and the ferry timetable.</description></item>"));
        var gz = Gzip(Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>C</title>{items}</channel></rss>"));
        using var t = new TempDir();
        var read = Read.All(t.File("feed.xml.gz", gz[..(gz.Length / 2)]));
        Assert.True(read.Count(i => i.Document is not null) > 5);
        Assert.Equal(ErrorCode.SL1012, read[^1].Error!.Code);
        Assert.Single(read, i => i.Error is not null);
    }

    // ---- 8. Exceptions half-way ----

    [Theory]
    [InlineData("jsonl")]
    [InlineData("warc")]
    [InlineData("feed")]
    public void StreamError_HalfWay_KeepsTheItemsAlreadyRead_AndNeverThrows(string kind)
    {
        byte[] bytes = kind switch
        {
            "jsonl" => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 3000).Select(i => $"{{\"text\":\"Line {i} of the file.\"}}\n"))),
            "warc" => Enumerable.Range(0, 300).SelectMany(i => WarcTests.Record("response", $"https://e.example/{i}", WarcTests.Http("text/html", Encoding.ASCII.GetBytes($"<p>Page {i} text.</p>")))).ToArray(),
            _ => Encoding.ASCII.GetBytes("<?xml version=\"1.0\"?><rss><channel><title>C</title>" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"<item><title>T{i}</title><description>Item {i}.</description></item>")) + "</channel></rss>"),
        };
        foreach (var ex in new Exception[] { new IOException("disk gone"), new InvalidOperationException("odd state"), new NotSupportedException("nope") })
        {
            var items = new DocumentReader().Read(new FailingStream(bytes, bytes.Length / 2, ex), "x." + kind).ToList();
            Assert.True(items.Count(i => i.Document is not null) > 10);
            var last = items[^1];
            Assert.NotNull(last.Error);
            Assert.Contains(ex.Message, last.Error!.Message);
            Assert.Contains("x." + kind, last.Error.Message);
        }
    }

    // ---- 9. Odd content ----

    [Fact]
    public void ZeroWidthOnly_IsEmpty_SL1001()
    {
        using var t = new TempDir();
        Assert.Equal(ErrorCode.SL1001, Read.Error(t.File("zw.txt", "\u200B\u200C\u200D\uFEFF\u2060 \u200B\n\u00AD")).Code);
    }

    [Fact]
    public void NulBytesInsideText_AreRemoved_AndCounted()
    {
        using var t = new TempDir();
        var text = "A story with a stray NUL\0 byte in the middle of otherwise ordinary text, long enough to stay text." + new string('.', 200);
        var d = Read.One(t.File("nul.txt", text));
        Assert.DoesNotContain('\0', d.RawText);
        Assert.Contains("NUL", d.Encoding);
        var j = ReadStream("{\"text\":\"nul \\u0000 in json\",\"title\":\"a\\u0000b\"}"u8.ToArray(), "n.jsonl").Single().Document!;
        Assert.DoesNotContain('\0', j.RawText);
        Assert.Equal("ab", j.Metadata.Title!.Value);
    }

    [Fact]
    public void BinaryWithTextNames_And_Utf16WithoutBom_HaveDefinedOutcomes()
    {
        using var t = new TempDir();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.Concat(new byte[2000]).ToArray();
        Assert.Equal(ErrorCode.SL1002, Read.Error(t.File("img.html", png)).Code);
        var d = Read.One(t.File("u16.txt", Encoding.Unicode.GetBytes("Plain words in UTF-16 without a byte order mark, enough of them.")));
        Assert.StartsWith("Plain words", d.RawText);
    }

    [Fact]
    public void Jsonl_200MBSingleLine_IsRefusedBySize_WithoutBufferingIt_AndTheNextLineIsRead()
    {
        using var t = new TempDir();
        var p = Path.Combine(t.Path, "long.jsonl");
        using (var fs = new FileStream(p, FileMode.Create))
        {
            fs.Write("{\"text\":\""u8);
            var block = Encoding.ASCII.GetBytes(new string('w', 1 << 20));
            for (int i = 0; i < 200; i++) fs.Write(block);
            fs.Write("\"}\n{\"text\":\"after\"}\n"u8);
        }
        // Memory is bounded by the line limit, not by the line: with a 1 MiB limit a 200 MB line costs a few MB.
        const long Limit = 1 << 20;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var items = new DocumentReader(new ReaderOptions { MaxDocumentBytes = Limit }).Read([p]).ToList();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(ErrorCode.SL1004, items[0].Error!.Code);
        Assert.Contains("long.jsonl#1", items[0].Error!.Message);
        Assert.Equal("after", items[1].Document!.RawText);
        Assert.True(allocated < 8 * Limit, $"allocated {allocated >> 20} MB");
    }

    internal sealed class NonSeekable(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }

    /// <summary>Serves <paramref name="good"/> bytes, then throws <paramref name="error"/>.</summary>
    private sealed class FailingStream(byte[] data, int good, Exception error) : Stream
    {
        private int _pos;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_pos >= good) throw error;
            int n = Math.Min(count, good - _pos);
            Array.Copy(data, _pos, buffer, offset, n);
            _pos += n;
            return n;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
