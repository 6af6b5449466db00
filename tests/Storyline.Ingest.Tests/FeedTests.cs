using System.Diagnostics;
using System.Globalization;
using System.Text;
using Storyline.Core;

namespace Storyline.Ingest.Tests;

public class FeedTests
{
    private const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel>
            <title>Valley Courier</title>
            <link>https://valleycourier.example/</link>
            <image><title>Logo title is not the channel title</title></image>
            <item>
              <title>Dam inspection finds cracks</title>
              <link>https://valleycourier.example/news/dam-inspection</link>
              <description>Short teaser.</description>
              <content:encoded><![CDATA[<p>Engineers found cracks in the <b>north wall</b>.</p><p>Repairs start in June.</p>]]></content:encoded>
              <pubDate>Tue, 07 May 2024 09:30:00 +0200</pubDate>
              <dc:creator>Maria Lopez</dc:creator>
              <category>Local</category><category>Infrastructure</category>
            </item>
            <item>
              <title>Library extends hours</title>
              <link>/news/library-hours</link>
              <description>The public library will stay open until 9 pm on weekdays.</description>
              <author>desk@valleycourier.example (Tom Reed)</author>
            </item>
          </channel>
        </rss>
        """;

    [Fact]
    public void Rss_SavedAsTxt_IsSniffedAsFeed_OneDocumentPerItem()
    {
        using var t = new TempDir();
        var items = Read.All(t.File("feed.txt", Rss));
        Assert.Equal(2, items.Count);
        var a = items[0].Document!;
        Assert.Equal(DocumentFormat.FeedItem, a.Format);
        Assert.Equal(ContentKind.Html, a.Kind);
        Assert.Contains("north wall", a.RawText);            // full content, not the teaser
        Assert.DoesNotContain("Short teaser", a.RawText);
        Assert.Equal("1", a.Origin.Locator);
        Assert.Equal(new Field<string>("Dam inspection finds cracks", "feed:title"), a.Metadata.Title);
        Assert.Equal("https://valleycourier.example/news/dam-inspection", a.Metadata.Url!.Value);
        Assert.Equal(new DateTimeOffset(2024, 5, 7, 9, 30, 0, TimeSpan.FromHours(2)), a.Metadata.Published!.Value);
        Assert.Equal("feed:pubDate", a.Metadata.Published.Rule);
        Assert.False(a.Metadata.PublishedDateOnly);
        Assert.Equal(new Field<string>("Maria Lopez", "feed:dc:creator"), a.Metadata.Byline);
        Assert.Equal(new Field<string>("Valley Courier", "feed:channel-title"), a.Metadata.Source);
        Assert.Equal("Local; Infrastructure", a.Extra["categories"]);

        var b = items[1].Document!;
        Assert.Equal(ContentKind.Text, b.Kind);               // description fallback, no markup
        Assert.StartsWith("The public library", b.RawText);
        Assert.Equal("https://valleycourier.example/news/library-hours", b.Metadata.Url!.Value); // relative link resolved
        Assert.Equal("Tom Reed", b.Metadata.Byline!.Value);  // "email (Name)" → the name
        Assert.Null(b.Metadata.Published);
    }

    [Fact]
    public void Atom_EntryContentSummaryDatesAuthors()
    {
        const string atom = """
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title type="text">Lakeside Ledger</title>
              <entry>
                <title type="html">Ferry &lt;em&gt;returns&lt;/em&gt; to service</title>
                <link rel="alternate" href="https://ledger.example/ferry"/>
                <link rel="edit" href="https://ledger.example/edit/1"/>
                <published>2023-11-02T08:00:00Z</published>
                <updated>2023-11-03T10:00:00Z</updated>
                <author><name>Ann Berg</name></author><author><name>Ole Dahl</name></author>
                <content type="html">&lt;p&gt;The ferry is back after repairs.&lt;/p&gt;</content>
              </entry>
              <entry>
                <title>Council budget</title>
                <link href="https://ledger.example/budget"/>
                <updated>2023-11-04T12:00:00Z</updated>
                <summary>Council approved the budget on Friday.</summary>
              </entry>
            </feed>
            """;
        using var t = new TempDir();
        var items = Read.All(t.File("ledger.atom", atom));
        Assert.Equal(2, items.Count);
        var a = items[0].Document!;
        Assert.Equal("Ferry returns to service", a.Metadata.Title!.Value);
        Assert.Equal("https://ledger.example/ferry", a.Metadata.Url!.Value);
        Assert.Equal("feed:published", a.Metadata.Published!.Rule);
        Assert.Equal("Ann Berg, Ole Dahl", a.Metadata.Byline!.Value);
        Assert.Equal(ContentKind.Html, a.Kind);
        Assert.Equal("Lakeside Ledger", a.Metadata.Source!.Value);
        var b = items[1].Document!;
        Assert.Equal("feed:updated", b.Metadata.Published!.Rule);
        Assert.Equal(ContentKind.Text, b.Kind);
        Assert.Equal("Council approved the budget on Friday.", b.RawText);
    }

    [Fact]
    public void Feed_ItemWithoutContent_FailsAlone()
    {
        const string rss = "<rss><channel><title>T</title><item><title>Only a title</title></item><item><title>X</title><description>Body.</description></item></channel></rss>";
        using var t = new TempDir();
        var items = Read.All(t.File("f.xml", rss));
        Assert.Equal(ErrorCode.SL1011, items[0].Error!.Code);
        Assert.Contains("f.xml#1", items[0].Error!.Message);
        Assert.NotNull(items[1].Document);
    }

    [Fact]
    public void Feed_Truncated_YieldsItemsBeforeTheBreakAndOneError()
    {
        var cut = Rss[..(Rss.IndexOf("<author>", StringComparison.Ordinal) + 10)];
        using var t = new TempDir();
        var items = Read.All(t.File("cut.xml", cut));
        Assert.Equal(2, items.Count);
        Assert.NotNull(items[0].Document);
        Assert.Equal(ErrorCode.SL1012, items[1].Error!.Code); // issue 10: a cut feed is reported as truncated
        Assert.Contains("cut.xml", items[1].Error!.Message);
        Assert.Contains("after 1 items", items[1].Error!.Message);
    }

    [Fact]
    public void Feed_BillionLaughs_FailsFastWithSL1007()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
        sb.Append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++)
            sb.Append(CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">\n");
        sb.Append("]>\n<rss><channel><title>&lol9;</title><item><title>x</title><description>&lol9;</description></item></channel></rss>");
        using var t = new TempDir();
        var p = t.File("lol.xml", sb.ToString());
        var sw = Stopwatch.StartNew();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Read.Error(p);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(ErrorCode.SL1007, e.Code);
        Assert.Contains("DTD", e.Message);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2), $"took {sw.Elapsed}");
        Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Feed_ExternalEntity_IsRefused()
    {
        const string xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><rss><channel><item><title>&xxe;</title><description>&xxe;</description></item></channel></rss>";
        using var t = new TempDir();
        var e = Read.Error(t.File("xxe.rss", xxe));
        Assert.Equal(ErrorCode.SL1007, e.Code);
    }

    [Fact]
    public void Xml_NonFeedWithDtd_IsRefused()
    {
        const string doc = "<?xml version=\"1.0\"?><!DOCTYPE note [<!ENTITY a \"b\">]><note>&a;</note>";
        using var t = new TempDir();
        Assert.Equal(ErrorCode.SL1007, Read.Error(t.File("note.xml", doc)).Code);
    }

    [Fact]
    public void Feed_Windows1252Declaration_IsDecoded()
    {
        TextDecoder.EnsureCodePages();
        var xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>Café</title><item><title>Über “quotes”</title><description>Naïve café.</description></item></channel></rss>";
        using var t = new TempDir();
        var d = Read.One(t.File("latin.xml", Encoding.GetEncoding(1252).GetBytes(xml)));
        Assert.Equal("Über “quotes”", d.Metadata.Title!.Value);
        Assert.Equal("Naïve café.", d.RawText);
        Assert.Equal("windows-1252 (xml declaration)", d.Encoding);
    }

    [Fact]
    public void Feed_RoundTripsThroughFromRaw()
    {
        using var t = new TempDir();
        var items = Read.All(t.File("feed.xml", Rss));
        var reader = new DocumentReader();
        foreach (var d in items.Select(i => i.Document!))
        {
            var again = reader.FromRaw(d.RawBytes, d.Format, d.Origin);
            Assert.Equal(d.RawText, again.RawText);
            Assert.Equal(d.Kind, again.Kind);
            Assert.Equal(d.Metadata.Title, again.Metadata.Title);
            Assert.Equal(d.Metadata.Source, again.Metadata.Source);
            Assert.Equal(d.Metadata.Published, again.Metadata.Published);
            Assert.Equal(d.Metadata.Byline, again.Metadata.Byline);
            Assert.Equal(d.Metadata.Url, again.Metadata.Url);
            Assert.Equal(d.Encoding, again.Encoding);
        }
    }
}
