using System.Text;
using Storyline.Core;

namespace Storyline.Ingest.Tests;

public class RoundTripTests
{
    [Theory]
    [InlineData("a.txt", "Plain story about the harbour.\n")]
    [InlineData("b.html", "<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\u00e9</p></body></html>")]
    public void FromRaw_SingleDocuments_RebuildTheSameDocument(string name, string content)
    {
        TextDecoder.EnsureCodePages();
        using var t = new TempDir();
        var enc = name.EndsWith(".html", StringComparison.Ordinal) ? Encoding.GetEncoding(1252) : Encoding.UTF8;
        var d = Read.One(t.File(name, enc.GetBytes(content)));
        var again = new DocumentReader().FromRaw(d.RawBytes, d.Format, d.Origin);
        Assert.Equal(d.RawText, again.RawText);
        Assert.Equal(d.Kind, again.Kind);
        Assert.Equal(d.Encoding, again.Encoding);
        Assert.Equal(d.Format, again.Format);
        Assert.Same(d.Origin, again.Origin);
    }

    [Fact]
    public void FromRaw_BrokenBytes_ThrowsWithCode()
    {
        var e = Assert.Throws<StorylineException>(() =>
            new DocumentReader().FromRaw("not json"u8.ToArray(), DocumentFormat.JsonLine, new DocumentOrigin("x.jsonl", "3")));
        Assert.Equal(ErrorCode.SL1005, e.Code);
    }
}
