using AngleSharp.Html.Parser;
using Storyline.Extraction.Dom;
using Storyline.Extraction.Fallback;
using Storyline.Extraction.Main;

namespace Storyline.Extraction.Tests;

/// <summary>The readability fallback (<see cref="ReadabilityScorer"/>) on small hand-written pages, called directly.</summary>
public class ReadabilityScorerTests
{
    private static readonly string[] P = Pages.Paragraphs;

    /// <summary>Sidebar link lines: long enough to be scored, all link text, no commas.</summary>
    private static string LinkSidebar(string tag = "div") => $"""
        <div class="box">
          <{tag}><a href="/1">Mayor opens the new fish market on the quay this weekend</a></{tag}>
          <{tag}><a href="/2">Ferry timetable changes for the winter season announced</a></{tag}>
          <{tag}><a href="/3">Harbour festival returns after three years away from town</a></{tag}>
          <{tag}><a href="/4">School choir wins the county competition for the second time</a></{tag}>
          <{tag}><a href="/5">Storm warning issued for the coast on Thursday night</a></{tag}>
        </div>
        """;

    private static string Run(string bodyHtml, int enoughChars = 0)
    {
        var doc = new HtmlParser().ParseDocument($"<html><head><title>{Pages.Title}</title></head><body>{bodyHtml}</body></html>");
        var root = ContentTreeBuilder.Build(doc, TreeLimits.Default, out _);
        var main = MainExtractor.Extract(root, [Pages.Title]);
        return ReadabilityScorer.Extract(root, main.Blocks, [Pages.Title], enoughChars);
    }

    [Fact]
    public void BodyInDivsWithoutParagraphs_IsFound_SidebarLeftOut()
    {
        string html = $"""
            <div class="wrap">
              <div class="col">{string.Join("", P.Select(p => $"<div>{p}</div>"))}</div>
              <div class="col2">{LinkSidebar()}</div>
            </div>
            """;
        var paras = Pages.Split(Run(html));
        Assert.Equal(P, paras);
    }

    [Fact]
    public void InlineTextRunsBetweenBreaks_ScoreTheirDiv()
    {
        // Old-style pages: one div, paragraphs separated by <br><br>, no block children at all.
        string html = $"""
            <div>{LinkSidebar()}</div>
            <div class="story">{string.Join("<br><br>", P)}</div>
            """;
        Assert.Equal(P, Pages.Split(Run(html)));
    }

    [Fact]
    public void LinkHeavySidebar_WithMoreText_LosesToProse()
    {
        // The sidebar carries more characters than the article, but all of them in links.
        string html = $"""
            <div>{LinkSidebar("p")}{LinkSidebar("p")}</div>
            <div>{Pages.Body}</div>
            """;
        string text = Run(html);
        Assert.Equal(P, Pages.Split(text));
        Assert.DoesNotContain("Ferry timetable", text);
    }

    [Fact]
    public void CommentsSection_IsNotTheArticle_EvenWhenLonger()
    {
        string comment = "I have lived in Nettlecombe for forty years, and I still remember the night the old tower fell, the whole quay was out watching.";
        string comments = string.Concat(Enumerable.Range(0, 8).Select(i => $"<div class=\"comment\"><p>{comment} ({i})</p></div>"));
        string html = $"""
            <div class="post">{Pages.Body}</div>
            <div id="comments">{comments}</div>
            """;
        string text = Run(html);
        Assert.Equal(P, Pages.Split(text));
        Assert.DoesNotContain("forty years", text);
    }

    [Fact]
    public void Standfirst_SiblingParagraph_JoinsTheArticle()
    {
        string standfirst = "A storm took the old tower two winters ago; now the town has decided, after months of argument, to build it again.";
        string html = $"""
            <div class="page">
              <p>{standfirst}</p>
              <div class="text">{Pages.Body}</div>
              <p><a href="/a">Back to the front page of the gazette and all of its sections</a></p>
            </div>
            """;
        var paras = Pages.Split(Run(html));
        Assert.Equal([standfirst, .. P], paras);
    }

    [Fact]
    public void LinkBoxAndGalleryInsideTheArticle_AreCleanedAway()
    {
        string html = $"""
            <div class="text">
              <p>{P[0]}</p>
              <div><p>The minutes of the meeting are online, as is <a href="/x">the flood barrier plan</a>.</p></div>
              <p>{P[1]}</p>
              <div><img src="a.jpg"><img src="b.jpg"><img src="c.jpg"><span>Photos: the old tower</span></div>
              <p>{P[2]}</p>
              <p>{P[3]}</p>
            </div>
            """;
        string text = Run(html);
        Assert.Equal(P, Pages.Split(text));
    }

    [Fact]
    public void BodyUnderAMisleadingClass_IsFoundByTheRetry()
    {
        // "rt-hidden" is a layout class, not invisibility: hint pruning removes the body, the retry keeps it.
        string html = $"""
            <div class="rt-hidden"><div class="article">{Pages.Body}</div></div>
            <div class="cookie-info"><p>We use cookies to improve this website, and you can change your settings at any time.</p></div>
            """;
        var paras = Pages.Split(Run(html, enoughChars: 400));
        Assert.Equal(P, paras);
    }

    [Fact]
    public void TitleHeading_IsNotBodyText()
    {
        string html = $"""<div class="article"><h2>{Pages.Title}</h2>{Pages.Body}</div>""";
        Assert.Equal(P, Pages.Split(Run(html)));
    }

    [Fact]
    public void NothingScorable_GivesEmptyText()
    {
        Assert.Equal("", Run("<div><a href=\"/\">Home</a></div><ul><li>One</li><li>Two</li></ul>"));
    }

    [Fact]
    public void SamePage_SameText()
    {
        string html = $"""
            <div>{LinkSidebar()}</div>
            <div class="a">{Pages.Body}</div>
            <div class="b">{Pages.Body}</div>
            """;
        string first = Run(html);
        Assert.NotEqual("", first);
        for (int i = 0; i < 3; i++) Assert.Equal(first, Run(html));
    }

    [Fact]
    public void Cascade_UsesTheScorer_WhenTheMainExtractorComesUpShort()
    {
        string html = $"""
            <html><head><title>{Pages.Title}</title></head><body>
            <div class="rt-hidden"><div class="article">{Pages.Body}</div></div>
            <div><p>{P[0]}</p></div>
            </body></html>
            """;
        var r = HtmlExtractor.Extract(html);
        Assert.Equal(ExtractionMethods.Readability, r.Method);
        Assert.Equal(P, Pages.Split(r.Text));
    }
}
