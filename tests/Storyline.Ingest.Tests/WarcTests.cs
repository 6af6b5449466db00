using System.Globalization;
using System.IO.Compression;
using System.Text;
using Storyline.Core;

namespace Storyline.Ingest.Tests;

public class WarcTests
{
    internal static byte[] Record(string type, string? uri, byte[] block, string contentType = "application/http; msgtype=response", string? id = null)
    {
        var head = new StringBuilder()
            .Append("WARC/1.0\r\n")
            .Append("WARC-Type: ").Append(type).Append("\r\n")
            .Append("WARC-Record-ID: <urn:uuid:").Append(id ?? Guid.NewGuid().ToString()).Append(">\r\n")
            .Append("WARC-Date: 2024-06-01T12:00:00Z\r\n");
        if (uri is not null) head.Append("WARC-Target-URI: ").Append(uri).Append("\r\n");
        head.Append("Content-Type: ").Append(contentType).Append("\r\n")
            .Append("Content-Length: ").Append(block.Length).Append("\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. block, .. "\r\n\r\n"u8.ToArray()];
    }

    internal static byte[] Http(string contentType, byte[] body, params string[] extraHeaders)
    {
        var h = "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\n" + string.Concat(extraHeaders.Select(x => x + "\r\n")) + "\r\n";
        return [.. Encoding.ASCII.GetBytes(h), .. body];
    }

    private static byte[] Warc()
    {
        TextDecoder.EnsureCodePages();
        var page1 = Encoding.GetEncoding(1252).GetBytes("<html><head><title>Caf\u00e9 closes</title></head><body><p>The caf\u00e9 closed.</p></body></html>");
        var page2 = Encoding.UTF8.GetBytes("<html><body><p>Second page, gzip'd and chunked.</p></body></html>");
        byte[] gz;
        using (var ms = new MemoryStream())
        {
            using (var z = new GZipStream(ms, CompressionLevel.Fastest, true)) z.Write(page2);
            gz = ms.ToArray();
        }
        var chunked = Encoding.ASCII.GetBytes(gz.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n").Concat(gz).Concat("\r\n0\r\n\r\n"u8.ToArray()).ToArray();
        return
        [
            .. Record("warcinfo", null, "software: test\r\n"u8.ToArray(), "application/warc-fields"),
            .. Record("request", "https://a.example/cafe", "GET /cafe HTTP/1.1\r\nHost: a.example\r\n\r\n"u8.ToArray(), "application/http; msgtype=request"),
            .. Record("response", "https://a.example/cafe", Http("text/html; charset=windows-1252", page1), id: "one"),
            .. Record("response", "https://a.example/logo.png", Http("image/png", [0x89, 0x50, 0x4E, 0x47, 0, 0, 0])),
            .. Record("response", "https://a.example/second", Http("text/html", chunked, "Transfer-Encoding: chunked", "Content-Encoding: gzip")),
        ];
    }

    [Fact]
    public void Warc_ResponseRecordsWithHtml_BecomeDocuments()
    {
        using var t = new TempDir();
        var items = Read.All(t.File("crawl.warc", Warc()));
        Assert.Equal(2, items.Count);
        var a = items[0].Document!;
        Assert.Equal(DocumentFormat.Warc, a.Format);
        Assert.Equal(ContentKind.Html, a.Kind);
        Assert.StartsWith("<html>", a.RawText);                 // HTTP headers stripped
        Assert.Contains("The caf\u00e9 closed.", a.RawText);
        Assert.Equal("windows-1252 (http charset)", a.Encoding);
        Assert.Equal(new Field<string>("https://a.example/cafe", "warc:target-uri"), a.Metadata.Url);
        Assert.Equal("urn:uuid:one", a.Origin.Locator);
        Assert.Equal("2024-06-01T12:00:00Z", a.Extra["warc_date"]);
        Assert.Null(a.Metadata.Published);                      // crawl time is not publication time
        Assert.StartsWith("WARC/1.0", Encoding.ASCII.GetString(a.RawBytes));
        Assert.Contains("Second page, gzip'd and chunked.", items[1].Document!.RawText);
    }

    [Fact]
    public void WarcGz_PerRecordGzipMembers_AreRead()
    {
        using var t = new TempDir();
        using var ms = new MemoryStream();
        foreach (var rec in new[] { Record("response", "https://b.example/1", Http("text/plain", "First text."u8.ToArray())),
                                    Record("response", "https://b.example/2", Http("text/html", "<p>Second.</p>"u8.ToArray())) })
            using (var z = new GZipStream(ms, CompressionLevel.Fastest, true)) z.Write(rec);
        var items = Read.All(t.File("crawl.warc.gz", ms.ToArray()));
        Assert.Equal(2, items.Count);
        Assert.Equal(ContentKind.Text, items[0].Document!.Kind);
        Assert.Equal("First text.", items[0].Document!.RawText);
        Assert.Equal(ContentKind.Html, items[1].Document!.Kind);
    }

    [Fact]
    public void Warc_TruncatedRecord_IsSL1012_AfterTheGoodOnes()
    {
        var all = Warc();
        using var t = new TempDir();
        var items = Read.All(t.File("cut.warc", all[..^40]));
        Assert.NotNull(items[0].Document);
        Assert.Equal(ErrorCode.SL1012, items[^1].Error!.Code);
        Assert.Contains("truncated", items[^1].Error!.Message);
        Assert.Contains("cut.warc", items[^1].Error!.Message);
    }

    [Fact]
    public void Warc_MalformedRecord_IsSL1009_AndReadingResumes()
    {
        var good = Record("response", "https://c.example/ok", Http("text/html", "<p>Fine.</p>"u8.ToArray()));
        byte[] bad = [.. "WARC/1.0\r\nWARC-Type: response\r\nthis line has no colon\r\n\r\n<p>junk</p>\r\n\r\n"u8.ToArray()];
        using var t = new TempDir();
        var items = Read.All(t.File("mixed.warc", [.. bad, .. good]));
        Assert.Equal(2, items.Count);
        Assert.Equal(ErrorCode.SL1009, items[0].Error!.Code);
        Assert.Equal("https://c.example/ok", items[1].Document!.Metadata.Url!.Value);
    }

    [Fact]
    public void Warc_RoundTripsThroughFromRaw()
    {
        using var t = new TempDir();
        var reader = new DocumentReader();
        foreach (var d in Read.All(t.File("crawl.warc", Warc())).Select(i => i.Document!))
        {
            var again = reader.FromRaw(d.RawBytes, d.Format, d.Origin);
            Assert.Equal(d.RawText, again.RawText);
            Assert.Equal(d.Encoding, again.Encoding);
            Assert.Equal(d.Metadata.Url, again.Metadata.Url);
        }
    }
}
