using System.Text;
using Storyline.Core;

namespace Storyline.Ingest.Tests;

public class FormatTests
{
    [Fact]
    public void Text_PlainDump_IsTextDocument()
    {
        using var t = new TempDir();
        var p = t.File("story.txt", "Harbour reopens after storm\n\nThe harbour reopened on Tuesday after three days.\n");
        var d = Read.One(p);
        Assert.Equal(ContentKind.Text, d.Kind);
        Assert.Equal(DocumentFormat.Text, d.Format);
        Assert.Equal("utf-8", d.Encoding);
        Assert.StartsWith("Harbour reopens", d.RawText);
        Assert.Equal(p, d.Origin.Path);
        Assert.Null(d.Origin.Locator);
    }

    [Fact]
    public void Html_WithoutExtension_IsSniffedFromContent()
    {
        using var t = new TempDir();
        var p = t.File("page.dat", "\n  <!DOCTYPE html><html><head><title>Mayor resigns</title></head><body><p>Text.</p></body></html>");
        var d = Read.One(p);
        Assert.Equal(ContentKind.Html, d.Kind);
        Assert.Equal(DocumentFormat.Html, d.Format);
    }

    [Fact]
    public void Html_TruncatedPage_IsStillADocument()
    {
        using var t = new TempDir();
        var p = t.File("cut.html", "<html><head><title>Cut</title></head><body><article><p>The council voted to close the bri");
        var d = Read.One(p);
        Assert.Equal(ContentKind.Html, d.Kind);
        Assert.EndsWith("close the bri", d.RawText);
    }

    [Fact]
    public void Gzip_HtmlFile_IsDecompressedAndSniffed()
    {
        using var t = new TempDir();
        var p = t.Gzip("page.html.gz", Encoding.UTF8.GetBytes("<html><body><p>Compressed page about a bridge.</p></body></html>"));
        var d = Read.One(p);
        Assert.Equal(ContentKind.Html, d.Kind);
        Assert.Contains("Compressed page", d.RawText);
        Assert.StartsWith("<html>", Encoding.UTF8.GetString(d.RawBytes));
    }

    [Fact]
    public void Xml_UnknownRootWithoutDtd_IsMarkupDocument()
    {
        using var t = new TempDir();
        var p = t.File("doc.xml", "<?xml version=\"1.0\"?><report><para>Quarterly output rose.</para></report>");
        Assert.Equal(ContentKind.Html, Read.One(p).Kind);
    }

    [Fact]
    public void Folder_IsRecursiveSortedAndSkipsHidden()
    {
        using var t = new TempDir();
        t.File("b.txt", "Second story text.");
        t.File("a.txt", "First story text.");
        t.File("sub/c.txt", "Third story text.");
        t.File(".hidden.txt", "Never read.");
        t.File(".git/x.txt", "Never read either.");
        var items = Read.All(t.Path);
        Assert.Equal(["a.txt", "b.txt", "sub/c.txt"],
            items.Select(i => Path.GetRelativePath(t.Path, i.Origin.Path).Replace('\\', '/')).ToArray());
        Assert.All(items, i => Assert.NotNull(i.Document));
    }

    [Fact]
    public void Folder_OneBadInputDoesNotStopTheOthers()
    {
        using var t = new TempDir();
        t.File("1.txt", "Good one.");
        t.File("2.bin", [0x00, 0x01, 0x02, 0x00, 0x00, 0x03, 0x00, 0x00]);
        t.File("3.txt", "");
        t.File("4.txt", "Good two.");
        var items = Read.All(t.Path);
        Assert.Equal(4, items.Count);
        Assert.Equal([null, ErrorCode.SL1002, ErrorCode.SL1001, null], items.Select(i => i.Error?.Code).ToArray());
        Assert.All(items, i => Assert.True(i.Document is null ^ i.Error is null));
    }

    [Fact]
    public void Stream_ReadsLikeAFile()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"title\":\"A\",\"text\":\"Body A\"}\n{\"title\":\"B\",\"text\":\"Body B\"}\n");
        var items = new DocumentReader().Read(new MemoryStream(bytes), "-").ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("-#2", items[1].Origin.ToString());
    }
}
