using Storyline.Core;
using Storyline.Extraction;
using static Storyline.Metadata.Tests.Docs;

namespace Storyline.Metadata.Tests;

public class HtmlMetadataTests
{
    [Fact]
    public void Stage_DeclaresItsContract()
    {
        var s = Stage();
        Assert.Equal("metadata.v1", s.Info.Id);
        Assert.Equal([Attr.RawText, Attr.Html], s.Info.Requires);
        Assert.Equal([Attr.Metadata, Attr.Language], s.Info.Assigns);
        // The page's one parse comes first, and is not added twice when extraction already brought it.
        var p = new PipelineBuilder().UseMetadata().Build();
        Assert.Equal(["html-parse.v1", "metadata.v1"], p.Stages.Select(x => x.Info.Id));
        var both = new PipelineBuilder().UseHtmlExtraction().UseMetadata().Build();
        Assert.Equal(["html-parse.v1", "html-extract.v1", "metadata.v1"], both.Stages.Select(x => x.Info.Id));
    }

    [Fact]
    public void Stage_ReadsTheSharedParse_NotTheRawText()
    {
        // The raw text says one title, the parsed page another: the stage must read Document.Html.
        var d = Html(Page("<title>Raw title of the page</title>", "<p>x</p>"));
        d.Html = Storyline.Extraction.HtmlParseStage.Parse(Page("<title>Parsed title of the page</title>", "<p>x</p>"));
        Assert.Equal("Parsed title of the page", Run(d).Title?.Value);
    }

    [Fact]
    public void OwnSite_TitleSourceBylineDate()
    {
        var html = Page("""
            <title>Bridge reopens after repairs | Valley Herald</title>
            <meta property="og:title" content="Bridge reopens after repairs">
            <meta property="og:site_name" content="Valley Herald">
            <meta property="article:published_time" content="2024-05-06T08:30:00+02:00">
            <meta property="article:modified_time" content="2024-05-07T09:00:00+02:00">
            <meta name="author" content="Ines Ferreira">
            <link rel="canonical" href="https://valleyherald.example/news/bridge">
            """, "<article><h1>Bridge reopens after repairs</h1><p>The old bridge reopened on Monday.</p></article>");
        var md = Run(Html(html, "https://valleyherald.example/news/bridge?ref=rss"));
        Assert.Equal(new Field<string>("Bridge reopens after repairs", "meta:og:title"), md.Title);
        Assert.Equal(new Field<string>("Valley Herald", "meta:og:site_name"), md.Source);
        Assert.Equal(new Field<string>("Ines Ferreira", "meta:author"), md.Byline);
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 8, 30, 0, TimeSpan.FromHours(2)), md.Published!.Value);
        Assert.Equal("meta:article:published_time", md.Published.Rule);
        Assert.False(md.PublishedDateOnly);
        Assert.Equal("https://valleyherald.example/news/bridge", md.CanonicalUrl!.Value);
        Assert.Equal("Valley Herald", md.Publisher!.Value); // the suffix names the site itself
        Assert.Equal("title-suffix", md.Publisher.Rule);
    }

    [Fact]
    public void Aggregator_TitleSuffixNamesTheOriginalPublisher()
    {
        var html = Page("""
            <title>Quake shakes northern coast - Reuters</title>
            <meta property="og:site_name" content="NewsPile">
            """, "<p>An earthquake shook the coast on Tuesday, officials said.</p>");
        var md = Run(Html(html, "https://newspile.example/a/123"));
        Assert.Equal("Quake shakes northern coast", md.Title!.Value);
        Assert.Equal("html:title", md.Title.Rule);
        Assert.Equal("NewsPile", md.Source!.Value);
        Assert.Equal(new Field<string>("Reuters", "title-suffix"), md.Publisher);
    }

    [Fact]
    public void Dateline_WireServiceIsThePublisher()
    {
        var html = Page("<title>Senate passes bill</title>",
            "<nav><a href='/'>Home</a></nav><p>WASHINGTON (AP) — The Senate passed the spending bill late on Thursday.</p><p>More text.</p>");
        var md = Run(Html(html, "https://localpaper.example/story/1"));
        Assert.Equal(new Field<string>("Associated Press", "dateline"), md.Publisher);
        Assert.Equal("localpaper.example", md.Source!.Value);
        Assert.Equal("url:host", md.Source.Rule);
    }

    [Fact]
    public void OriginallyPublished_NoteNamesThePublisher()
    {
        var html = Page("<title>Why rivers are warming</title><meta property=\"og:site_name\" content=\"Science Digest\">",
            "<p>Rivers are warming faster than expected.</p><p><em>This article was originally published on The Conversation. Read the original article.</em></p>");
        var md = Run(Html(html));
        Assert.Equal(new Field<string>("The Conversation", "text:originally-published"), md.Publisher);
    }

    [Fact]
    public void CanonicalToAnotherHost_IsThePublisher()
    {
        var html = Page("<title>Mayor resigns</title><link rel=\"canonical\" href=\"https://www.cityledger.example/2024/mayor-resigns\">",
            "<p>The mayor resigned on Friday.</p>");
        var md = Run(Html(html, "https://mirror.example/copy/77"));
        Assert.Equal(new Field<string>("cityledger.example", "canonical-host"), md.Publisher);
        Assert.Equal("mirror.example", md.Source!.Value);
    }

    [Fact]
    public void JsonLd_AuthorsPublisherDate()
    {
        var html = Page("""
            <title>Dam inspection finds cracks</title>
            <script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Hill Times"},
              {"@type":"NewsArticle","headline":"Dam inspection finds cracks","datePublished":"2023-09-14T06:00:00-05:00",
               "author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Ben Okafor"}],
               "publisher":{"@type":"Organization","name":"Midland Wire"}}]}
            </script>
            <meta property="og:site_name" content="Hill Times">
            """, "<p>Engineers found cracks.</p>");
        var md = Run(Html(html, "https://hilltimes.example/dam"));
        Assert.Equal(new Field<string>("Ana Ruiz, Ben Okafor", "jsonld:author"), md.Byline);
        Assert.Equal(new Field<string>("Midland Wire", "jsonld:publisher"), md.Publisher);
        Assert.Equal(new DateTimeOffset(2023, 9, 14, 11, 0, 0, TimeSpan.Zero), md.Published!.Value);
        Assert.Equal("jsonld:datePublished", md.Published.Rule);
    }

    [Theory]
    [InlineData("<meta name=\"parsely-pub-date\" content=\"2022-11-03T17:20:00Z\">", "", "meta:parsely-pub-date", false)]
    [InlineData("<meta name=\"sailthru.date\" content=\"2022-11-03 17:20:00\">", "", "meta:sailthru.date", false)]
    [InlineData("<meta name=\"DC.date.issued\" content=\"2022-11-03\">", "", "meta:dc.date.issued", true)]
    [InlineData("", "<time itemprop=\"datePublished\" datetime=\"2022-11-03T17:20:00Z\">3 Nov</time>", "html:time[pubdate]", false)]
    [InlineData("", "<p class=\"meta\">Published on November 3, 2022</p>", "text:published-label", true)]
    [InlineData("", "<div>Veröffentlicht am 3. November 2022</div>", "text:published-label", true)]
    [InlineData("", "<footer><time datetime=\"2022-11-03\">Nov 3</time></footer>", "html:time", true)]
    public void Published_EachRuleClass(string head, string body, string rule, bool dateOnly)
    {
        var md = Run(Html(Page("<title>Story</title>" + head, "<p>Some text of the story.</p>" + body)));
        Assert.NotNull(md.Published);
        Assert.Equal(rule, md.Published.Rule);
        Assert.Equal(new DateOnly(2022, 11, 3), DateOnly.FromDateTime(md.Published.Value.UtcDateTime));
        Assert.Equal(dateOnly, md.PublishedDateOnly);
    }

    [Fact]
    public void Published_FromUrlPath()
    {
        var md = Run(Html(Page("<title>Story</title>", "<p>Text.</p>"), "https://paper.example/2021/07/09/floods-recede/"));
        Assert.Equal(new Field<DateTimeOffset>(new DateTimeOffset(2021, 7, 9, 0, 0, 0, TimeSpan.Zero), "url:path-date"), md.Published);
        Assert.True(md.PublishedDateOnly);
    }

    [Fact]
    public void Published_DateOnlyUpgradedByATimeOnTheSameDay()
    {
        var md = Run(Html(Page("<meta name=\"dc.date\" content=\"2022-11-03\"><script type=\"application/ld+json\">{\"@type\":\"Article\",\"datePublished\":\"2022-11-03T09:45:00Z\"}</script>", "<p>x</p>")));
        Assert.Equal("jsonld:datePublished", md.Published!.Rule);
        Assert.False(md.PublishedDateOnly);
    }

    [Theory]
    [InlineData("", "<p>A story.</p><footer>© 2021 Valley Herald. All rights reserved.</footer>")]
    [InlineData("", "<p>The date of the vote was moved to May 6, 2024 by the council.</p>")]
    [InlineData("<meta property=\"article:published_time\" content=\"2031-01-01T00:00:00Z\">", "<p>Clock says 2025: a 2031 date is wrong.</p>")]
    [InlineData("<meta name=\"date\" content=\"1970-01-01\">", "<p>Epoch placeholder.</p>")]
    public void Published_NotFound_IsNull(string head, string body)
    {
        var md = Run(Html(Page("<title>Story</title>" + head, body), "https://paper.example/news/story"));
        Assert.Null(md.Published);
        Assert.False(md.PublishedDateOnly);
    }

    [Fact]
    public void Published_OnlyAModifiedDate_IsALastResort_Marked()
    {
        // Issue 14: published is preferred over modified; a page stating only its modification time is dated by it, and the rule says so.
        var md = Run(Html(Page("<title>Story</title><meta property=\"article:modified_time\" content=\"2022-11-03T10:00:00Z\">", "<p>A story without a date.</p>"),
            "https://paper.example/news/story"));
        Assert.Equal(new DateTime(2022, 11, 3), md.Published!.Value.Date);
        Assert.Equal("meta:article:modified_time (modified)", md.Published.Rule);
    }

    [Theory]
    [InlineData("<a rel=\"author\" href=\"/staff/kim\">Kim Sato</a>", "html:rel-author", "Kim Sato")]
    [InlineData("<span itemprop=\"author\" itemscope><span itemprop=\"name\">Kim Sato</span></span>", "html:itemprop-author", "Kim Sato")]
    [InlineData("<div class=\"article-byline\">By Kim Sato</div>", "html:byline-element", "Kim Sato")]
    [InlineData("<p>By KIM SATO and LEE PARK</p><p>The story text follows here in full.</p>", "text:by-line", "Kim Sato, Lee Park")]
    public void Byline_EachRuleClass(string body, string rule, string name)
    {
        var md = Run(Html(Page("<title>Story</title>", body)));
        Assert.Equal(new Field<string>(name, rule), md.Byline);
    }

    [Fact]
    public void Byline_UrlInAuthorMeta_IsNotAName()
    {
        var md = Run(Html(Page("<meta property=\"article:author\" content=\"https://facebook.com/someone\"><title>S</title>", "<p>Text.</p>")));
        Assert.Null(md.Byline);
    }

    [Fact]
    public void Precedence_ReaderFieldsAreKept_OnlyPrecisionUpgraded()
    {
        var d = Html(Page("""
            <meta property="og:title" content="Page title differs">
            <meta property="og:site_name" content="Page Site">
            <meta property="article:published_time" content="2024-05-06T08:30:00Z">
            """, "<p>x</p>"));
        d.Metadata.Title = new Field<string>("Feed title", "feed:title");
        d.Metadata.Source = new Field<string>("Feed Channel", "feed:channel-title");
        d.Metadata.Published = new Field<DateTimeOffset>(new DateTimeOffset(2024, 5, 6, 0, 0, 0, TimeSpan.Zero), "feed:pubDate");
        d.Metadata.PublishedDateOnly = true;
        var md = Run(d);
        Assert.Equal("Feed title", md.Title!.Value);
        Assert.Equal("Feed Channel", md.Source!.Value);
        Assert.Equal(new Field<DateTimeOffset>(new DateTimeOffset(2024, 5, 6, 8, 30, 0, TimeSpan.Zero), "meta:article:published_time"), md.Published);
        Assert.False(md.PublishedDateOnly);

        var other = Html(Page("<meta property=\"article:published_time\" content=\"2024-05-09T08:30:00Z\">", "<p>x</p>"));
        other.Metadata.Published = new Field<DateTimeOffset>(new DateTimeOffset(2024, 5, 6, 0, 0, 0, TimeSpan.Zero), "jsonl:published");
        other.Metadata.PublishedDateOnly = true;
        Assert.Equal("jsonl:published", Run(other).Published!.Rule); // a different day is not "better", just different
    }

    [Fact]
    public void Precedence_ContainerTitleWithSuffix_IsSplit()
    {
        var d = Text("Body text of the story.");
        d.Metadata.Title = new Field<string>("Harbour strike ends - Reuters", "jsonl:title");
        var md = Run(d);
        Assert.Equal(new Field<string>("Harbour strike ends", "jsonl:title+site-suffix-split"), md.Title);
        Assert.Equal("Reuters", md.Publisher!.Value);
    }
}
