using Storyline.Core;
using static Storyline.Metadata.Tests.Docs;

namespace Storyline.Metadata.Tests;

/// <summary>
/// The issue-14 rules on small hand-written pages (invented sites and names): titles are the visible headline without
/// affixes, bylines are people (agencies apart), dates are the page's own publication day.
/// </summary>
public class RealPageRulesTests
{
    // ---- titles ----

    [Fact]
    public void Title_VisibleHeadline_BeatsShorterShareTitle()
    {
        var m = Run(Html(Page("""
            <title>Town council votes to close the old ferry pier next spring - Harbour Gazette</title>
            <meta property="og:title" content="Council to close ferry pier">
            <meta property="og:site_name" content="Harbour Gazette">
            """, "<h1>Town council votes to close the old ferry pier next spring</h1><p>Body text here.</p>")));
        Assert.Equal("Town council votes to close the old ferry pier next spring", m.Title?.Value);
        Assert.Equal("html:h1", m.Title?.Rule);
    }

    [Fact]
    public void Title_H1OfAnotherStory_IsNotTheHeadline()
    {
        var m = Run(Html(Page("""
            <title>Reviews of the new console are mixed - Gadget Digest</title>
            <meta property="og:title" content="Reviews of the new console are mixed">
            """, "<p>Article text.</p><aside><h1>Why reindeer herders fight the mine</h1></aside>")));
        Assert.Equal("Reviews of the new console are mixed", m.Title?.Value);
    }

    [Fact]
    public void Title_KickerInH1_IsDropped()
    {
        var m = Run(Html(Page("""
            <meta property="og:title" content="Riverside beat the leaders with two late goals">
            """, "<h1><span>Cup semi-final on Tuesday</span> Riverside beat the leaders with two late goals</h1>")));
        Assert.Equal("Riverside beat the leaders with two late goals", m.Title?.Value);
    }

    [Theory]
    [InlineData("Opinion | Why the tram plan deserves a second look", "Why the tram plan deserves a second look")]
    [InlineData("Dockworkers end a three-week strike (Published 2016)", "Dockworkers end a three-week strike")]
    public void Title_SectionLabelAndArchiveNote_AreRemoved(string raw, string expected)
    {
        var m = Run(Html(Page($"<title>{raw}</title>", "<p>x</p>")));
        Assert.Equal(expected, m.Title?.Value);
    }

    [Theory]
    [InlineData("新港口今天开放_示例新闻网", "示例新闻网", "新港口今天开放")]
    [InlineData("EASY NEWS|子どもの新しい公園ができる", "EASY NEWS", "子どもの新しい公園ができる")]
    [InlineData("Neue Brücke für den Hafen › Hafenblatt", "Hafenblatt", "Neue Brücke für den Hafen")]
    public void Title_SiteGluedOnWithoutSpaces_IsSplitOff(string raw, string site, string expected)
    {
        var m = Run(Html(Page($"<title>{raw}</title><meta property=\"og:site_name\" content=\"{site}\">", "<p>x</p>")));
        Assert.Equal(expected, m.Title?.Value);
    }

    [Fact]
    public void Title_RubyAnnotationsLeftOutOfTheHeadline()
    {
        var m = Run(Html(Page("<title>子どもの新しい公園ができる</title>",
            "<h1><ruby>子<rt>こ</rt></ruby>どもの<ruby>新<rt>あたら</rt></ruby>しい<ruby>公園<rt>こうえん</rt></ruby>ができる</h1>")));
        Assert.Equal("子どもの新しい公園ができる", m.Title?.Value);
    }

    [Fact]
    public void Title_PlainTextWithoutTitle_IsDerivedAndMarked()
    {
        var m = Run(Text("The harbour authority said on Monday that the northern pier will reopen in June. Traders welcomed the news.\n\nA second paragraph follows."));
        Assert.Equal("The harbour authority said on Monday that the northern pier will reopen in June.", m.Title?.Value);
        Assert.StartsWith("derived:", m.Title?.Rule);
    }

    [Fact]
    public void Title_DerivedFromALongFirstLine_IsCutWithAnEllipsis()
    {
        var words = string.Join(' ', Enumerable.Range(0, 40).Select(i => "word" + i));
        var m = Run(Text(words + "\n"));
        Assert.EndsWith("…", m.Title?.Value);
        Assert.True(m.Title!.Value.Split(' ').Length <= MetadataStage.MaxDerivedTitleWords);
        Assert.Equal("derived:first-sentence", m.Title.Rule);
    }

    // ---- bylines ----

    [Fact]
    public void Byline_SeveralPeople_AgencyApart()
    {
        var p = BylineParser.Parse("By MARTA KOWALSKI and Tomas Lindqvist, Reuters");
        Assert.Equal(["Marta Kowalski", "Tomas Lindqvist"], p.People);
        Assert.Equal("Reuters", p.Agency);
    }

    [Theory]
    [InlineData("Condé Nast")]
    [InlineData("ABC News")]
    [InlineData("Staff")]
    [InlineData("Editorial Staff")]
    [InlineData("Redaktion")]
    [InlineData("View author archive")]
    [InlineData("harbourgazette.com")]
    public void Byline_NotPeople_AreDropped(string raw) => Assert.Empty(BylineParser.Parse(raw, false, "Harbour Gazette").People);

    [Theory]
    [InlineData("By by MARTA KOWALSKI, TOMAS LINDQVIST and Ana Beltrán December 16, 2016, 4:19 PM", new[] { "Marta Kowalski", "Tomas Lindqvist", "Ana Beltrán" })]
    [InlineData("By Claire Dubois Dec. 9, 2016 at 3:45 pm", new[] { "Claire Dubois" })]
    [InlineData("By April Morrow", new[] { "April Morrow" })]
    [InlineData("ByClaire Dubois", new[] { "Claire Dubois" })]
    [InlineData("Byby CLAIRE DUBOIS", new[] { "Claire Dubois" })]
    [InlineData("Byron Lindqvist", new[] { "Byron Lindqvist" })]
    public void Byline_DateAfterTheNames_IsCutOff(string raw, string[] people) => Assert.Equal(people, BylineParser.Parse(raw).People);

    [Fact]
    public void Byline_ElementClassInCamelCase_IsRead()
    {
        var m = Run(Html(Page("<title>Ferry pier to close - Harbour Gazette</title>",
            "<h1>Ferry pier to close</h1><div class=\"ShareByline\">By LENA BRANDT and Ola Svensson</div><p>Body text here.</p>")));
        Assert.Equal(["Lena Brandt", "Ola Svensson"], m.Authors);
    }

    [Fact]
    public void Byline_WireDesk_IsTheAgency()
    {
        var p = BylineParser.Parse("Reuters Staff");
        Assert.Empty(p.People);
        Assert.Equal("Reuters", p.Agency);
    }

    [Fact]
    public void Byline_SiteNameOrDesk_IsNotAPerson()
    {
        Assert.Empty(BylineParser.Parse("Harbour Gazette", true, "Harbour Gazette").People);
        Assert.Equal(["Lena Brandt"], BylineParser.Parse("Lena Brandt, Gazette Business", true, "Harbour Gazette").People);
    }

    [Theory]
    [InlineData("By Evan MorrowStaff Writer", "Evan Morrow")]
    [InlineData("Von Max Mustermann, Redakteur", "Max Mustermann")]
    [InlineData("Por Ana Beltrán @anabeltran", "Ana Beltrán")]
    [InlineData("By Ola Svensson | Special to the Valley Herald", "Ola Svensson")]
    [InlineData("Par Claire Dubois", "Claire Dubois")]
    public void Byline_PrefixesHandlesAndJobTitles_AreStripped(string raw, string expected) =>
        Assert.Equal([expected], BylineParser.Parse(raw).People);

    [Fact]
    public void Byline_PlaceInAList_IsNotAPerson() =>
        Assert.Equal(["Jon Keller", "Ada Winter"], BylineParser.Parse("Jon Keller, London, Ada Winter").People);

    [Fact]
    public void Byline_JsonLdOrganisation_IsNoPerson_ButAnAgency()
    {
        var m = Run(Html(Page("""
            <title>Storm closes the coast road</title>
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Storm closes the coast road",
              "author":{"@type":"Organization","name":"Associated Press"},"datePublished":"2024-02-03T10:00:00+01:00"}</script>
            """, "<h1>Storm closes the coast road</h1><p>Body.</p>")));
        Assert.Empty(m.Authors);
        Assert.Null(m.Byline);
        Assert.Equal("Associated Press", m.Agency?.Value);
    }

    [Fact]
    public void Byline_OfARelatedStory_IsIgnored()
    {
        var m = Run(Html(Page("<title>Library opens a night reading room</title>", """
            <h1>Library opens a night reading room</h1><p>The city library will stay open until midnight.</p>
            <aside class="related"><a rel="author" href="/a/x">Pia Lorenz</a><div class="byline">By Pia Lorenz</div></aside>
            """)));
        Assert.Empty(m.Authors);
    }

    [Fact]
    public void Byline_SplitOverLines_NearTheHeadline_IsJoined()
    {
        var m = Run(Html(Page("<title>Ferry timetable changes in May</title>", """
            <h1>Ferry timetable changes in May</h1><div>By</div><div>Nora Quist</div><div>and</div><div>Elias Brandt</div>
            <p>The ferry company announced changes.</p>
            """)));
        Assert.Equal(["Nora Quist", "Elias Brandt"], m.Authors);
        Assert.Equal("Nora Quist, Elias Brandt", m.Byline?.Value);
    }

    [Fact]
    public void Byline_ContainerAuthorNamingASite_IsDropped()
    {
        var d = Html(Page("<title>Bus fares rise</title><meta property=\"og:site_name\" content=\"Valley Herald\">", "<h1>Bus fares rise</h1><p>x</p>"));
        d.Metadata.Byline = new Field<string>("Valley Herald", "feed:author");
        var m = Run(d);
        Assert.Null(m.Byline);
        Assert.Empty(m.Authors);
    }

    // ---- dates ----

    [Fact]
    public void Date_OffsetKeepsItsLocalDay()
    {
        var m = Run(Html(Page("""<meta property="article:published_time" content="2019-11-19T20:59:46-06:00">""", "<p>x</p>")));
        Assert.Equal(new DateTime(2019, 11, 19), m.Published!.Value.Date);
        Assert.Equal(TimeSpan.FromHours(-6), m.Published.Value.Offset);
    }

    [Fact]
    public void Date_UtcStamp_TakesThePagesLocalClock()
    {
        // The meta stamp is UTC (next day); the page's time element shows the same instant on its local clock.
        var m = Run(Html(Page("""<meta property="article:published_time" content="2019-11-20T02:59:46+00:00">""",
            """<p>x</p><time datetime="2019-11-19 20:59:46">Nov 19</time>""")));
        Assert.Equal(new DateTime(2019, 11, 19), m.Published!.Value.Date);
        Assert.Contains("local-offset", m.Published.Rule);
    }

    [Fact]
    public void Date_UtcStampOneDayOff_TheDayPrintedByTheHeadlineWins()
    {
        var m = Run(Html(Page("""<title>Night train returns</title><meta name="datePublished" content="2019-11-19T02:24:00Z">""",
            "<h1>Night train returns</h1><p>Nov 18, 2019</p><p>The night train is back.</p>")));
        Assert.Equal(new DateTime(2019, 11, 18), m.Published!.Value.Date);
        Assert.Contains("local-day", m.Published.Rule);
    }

    [Fact]
    public void Date_PublishedPreferredOverModified()
    {
        var m = Run(Html(Page("""
            <meta property="article:modified_time" content="2024-03-09T10:00:00+01:00">
            <meta property="og:updated_time" content="2024-03-09T10:00:00+01:00">
            <meta property="article:published_time" content="2024-03-02T08:00:00+01:00">
            """, "<p>x</p>")));
        Assert.Equal(new DateTime(2024, 3, 2), m.Published!.Value.Date);
    }

    [Fact]
    public void Date_OnlyAnUpdatedLabel_IsUsed_AndSaysModified()
    {
        var m = Run(Html(Page("<title>Water levels fall</title>", "<h1>Water levels fall</h1><p>Updated on December 12, 2016</p><p>Text.</p>")));
        Assert.Equal(new DateTime(2016, 12, 12), m.Published!.Value.Date);
        Assert.Contains("modified", m.Published.Rule);
    }

    [Fact]
    public void Date_YearlessPublishedLabel_TakesTheYearOfTheModifiedDate()
    {
        var m = Run(Html(Page("""<meta property="article:modified_time" content="2021-03-05T10:00:00+01:00">""",
            "<p>Publié le 3 mars</p><p>Texte.</p>")));
        Assert.Equal(new DateTime(2021, 3, 3), m.Published!.Value.Date);
        Assert.Equal("text:published-label-no-year", m.Published.Rule);
    }

    [Fact]
    public void Date_YearlessPublishedLabel_WithoutAnyYear_IsNotGuessed()
    {
        var m = Run(Html(Page("", "<p>Publié le 3 mars</p><p>Texte.</p>")));
        Assert.Null(m.Published);
    }

    [Fact]
    public void Date_MalformedJsonLd_IsReadLeniently()
    {
        // A raw line break inside a string makes the block invalid JSON.
        var m = Run(Html(Page("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"description\":\"two\nlines\",\"datePublished\":\"2023-06-07T09:15:00+02:00\",\"author\":{\"@type\":\"Person\",\"name\":\"Ida Berg\"}}</script>",
            "<p>x</p>")));
        Assert.Equal(new DateTime(2023, 6, 7), m.Published!.Value.Date);
        Assert.Equal("jsonld:datePublished", m.Published.Rule);
        Assert.Equal(["Ida Berg"], m.Authors);
    }

    [Theory]
    [InlineData("<p>26, Abril, 2022</p>", 2022, 4, 26)]
    [InlineData("<p>3 de Mayo de 2022</p>", 2022, 5, 3)]
    [InlineData("<p>Datum:</p><p>03.11.2021</p>", 2021, 11, 3)]
    public void Date_PrintedNextToTheHeadline_IsRead(string dateHtml, int y, int mo, int d)
    {
        var m = Run(Html(Page("<title>Harbour fees go up</title>", "<h1>Harbour fees go up</h1>" + dateHtml + "<p>The port raised fees.</p>")));
        Assert.Equal(new DateTime(y, mo, d), m.Published!.Value.Date);
    }
}
