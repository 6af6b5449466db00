using System.Text;
using Storyline.Core;

namespace Storyline.Ingest.Tests;

public class JsonLinesTests
{
    private const string Lines =
        "{\"title\":\"Port strike ends\",\"text\":\"Dock workers returned on Monday.\",\"url\":\"https://news.example/port\",\"published\":\"2024-03-04\",\"source\":\"Harbor Daily\",\"author\":\"Li Wei\",\"section\":\"Business\",\"wordcount\":412,\"tags\":[\"port\",\"labour\"]}\n" +
        "\n" +
        "{\"title\": \"broken\", \"text\": \"unterminated\n" +
        "[1,2,3]\n" +
        "{\"title\":\"No body\",\"url\":\"https://news.example/nobody\"}\n" +
        "{\"html\":\"<html><body><p>Rendered page.</p></body></html>\",\"text\":\"Plain version.\",\"published\":\"2024-03-05T14:20:00+01:00\"}\r\n";

    [Fact]
    public void Jsonl_OneDocumentPerLine_BadLinesFailAlone()
    {
        using var t = new TempDir();
        var items = Read.All(t.File("articles.jsonl", Lines));
        Assert.Equal(5, items.Count); // blank line skipped
        Assert.Equal(["1", "3", "4", "5", "6"], items.Select(i => i.Origin.Locator).ToArray());
        Assert.Equal([null, ErrorCode.SL1005, ErrorCode.SL1005, ErrorCode.SL1006, null], items.Select(i => i.Error?.Code).ToArray());
        Assert.Contains("articles.jsonl#3", items[1].Error!.Message);

        var a = items[0].Document!;
        Assert.Equal(DocumentFormat.JsonLine, a.Format);
        Assert.Equal(ContentKind.Text, a.Kind);
        Assert.Equal("Dock workers returned on Monday.", a.RawText);
        Assert.Equal(new Field<string>("Port strike ends", "jsonl:title"), a.Metadata.Title);
        Assert.Equal(new Field<string>("Harbor Daily", "jsonl:source"), a.Metadata.Source);
        Assert.Equal("https://news.example/port", a.Metadata.Url!.Value);
        Assert.Equal("https://news.example/port", a.Origin.Url);
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 0, 0, 0, TimeSpan.Zero), a.Metadata.Published!.Value);
        Assert.True(a.Metadata.PublishedDateOnly);
        Assert.Equal("Li Wei", a.Metadata.Byline!.Value);
        Assert.Equal("Business", a.Extra["section"]);
        Assert.Equal("412", a.Extra["wordcount"]);
        Assert.Equal("[\"port\",\"labour\"]", a.Extra["tags"]);
        Assert.False(a.Extra.ContainsKey("title"));
        Assert.Equal(Encoding.UTF8.GetBytes(Lines.Split('\n')[0]), a.RawBytes); // the line alone

        var f = items[4].Document!;
        Assert.Equal(ContentKind.Html, f.Kind); // html wins over text
        Assert.False(f.Metadata.PublishedDateOnly);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 13, 20, 0, TimeSpan.Zero), f.Metadata.Published!.Value.ToUniversalTime());
        Assert.DoesNotContain((byte)'\r', f.RawBytes);
    }

    [Fact]
    public void Jsonl_UnreadablePublished_IsKeptInExtra()
    {
        using var t = new TempDir();
        var d = Read.One(t.File("x.jsonl", "{\"text\":\"Body.\",\"published\":\"sometime last week\"}"));
        Assert.Null(d.Metadata.Published);
        Assert.Equal("sometime last week", d.Extra["published"]);
    }

    [Fact]
    public void Jsonl_LineAboveLimit_IsRefusedAndTheNextLineRead()
    {
        var big = "{\"text\":\"" + new string('a', 5000) + "\"}\n{\"text\":\"small\"}\n";
        using var t = new TempDir();
        var items = new DocumentReader(new ReaderOptions { MaxDocumentBytes = 1000 }).Read([t.File("big.jsonl", big)]).ToList();
        Assert.Equal(ErrorCode.SL1004, items[0].Error!.Code);
        Assert.Equal("small", items[1].Document!.RawText);
    }

    [Fact]
    public void Jsonl_RoundTripsThroughFromRaw()
    {
        using var t = new TempDir();
        var reader = new DocumentReader();
        foreach (var d in Read.All(t.File("a.jsonl", Lines)).Where(i => i.Document is not null).Select(i => i.Document!))
        {
            var again = reader.FromRaw(d.RawBytes, d.Format, d.Origin);
            Assert.Equal(d.RawText, again.RawText);
            Assert.Equal(d.Kind, again.Kind);
            Assert.Equal(d.Metadata.Title, again.Metadata.Title);
            Assert.Equal(d.Metadata.Published, again.Metadata.Published);
            Assert.Equal(d.Extra, again.Extra);
        }
    }
}
