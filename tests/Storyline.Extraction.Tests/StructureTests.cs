namespace Storyline.Extraction.Tests;

/// <summary>How the body text is laid out: paragraphs, headings, lists, whitespace, title.</summary>
public class StructureTests
{
    [Fact]
    public void Paragraphs_SeparatedByExactlyOneBlankLine()
    {
        var r = HtmlExtractor.Extract(Pages.Page());
        Assert.Equal(string.Join("\n\n", Pages.Paragraphs), r.Text);
        Assert.DoesNotContain("\n\n\n", r.Text);
        Assert.False(r.Text.StartsWith('\n') || r.Text.EndsWith('\n'));
    }

    [Fact]
    public void Title_NotInBody_ButReported()
    {
        var r = HtmlExtractor.Extract(Pages.Page());
        Assert.DoesNotContain(Pages.Title, r.Text);
        Assert.Equal($"{Pages.Title} | The Nettlecombe Gazette", r.Title);
        Assert.Contains(r.Removed, x => x.Reason == Reasons.Title && x.Text == Pages.Title);
    }

    [Fact]
    public void HeadingsAndListItems_InsideBody_AreOwnParagraphs()
    {
        var p = Pages.Paragraphs;
        string body = $"""
            <p>{p[0]}</p>
            <h2>What the council decided</h2>
            <p>{p[1]}</p>
            <ul><li>Larch from the upper valley</li><li>Apprentices trained by the market carpenters</li><li>Foundations surveyed before spring</li></ul>
            <p>{p[2]}</p>
            <p><strong>What happens next</strong></p>
            <p>{p[3]}</p>
            """;
        var paras = Pages.Split(HtmlExtractor.Extract(Pages.Page(articleBody: body)).Text);
        Assert.Equal(
            [p[0], "What the council decided", p[1], "Larch from the upper valley", "Apprentices trained by the market carpenters",
             "Foundations surveyed before spring", p[2], "What happens next", p[3]],
            paras);
    }

    [Fact]
    public void InlineMarkup_AddsNoSpaces_AndWhitespaceCollapses()
    {
        var p = Pages.Paragraphs;
        string body = $"""
            <p>{p[0]}</p>
            <p>The   vote was <b>nine</b>&nbsp;to <i>four</i>, with two ab<span>sten</span>tions,
               and the mayor
               did not vote at all, as is the custom in the town.</p>
            <p>{p[1]}</p>
            """;
        var paras = Pages.Split(HtmlExtractor.Extract(Pages.Page(articleBody: body)).Text);
        Assert.Contains("The vote was nine to four, with two abstentions, and the mayor did not vote at all, as is the custom in the town.", paras);
    }

    [Fact]
    public void DoubleLineBreaks_SplitParagraphs_SingleBreakKeepsLine()
    {
        var p = Pages.Paragraphs;
        string body = $"<div>{p[0]}<br><br>{p[1]}<br>{p[2]}<br><br>{p[3]}</div>";
        var paras = Pages.Split(HtmlExtractor.Extract(Pages.Page(articleBody: body)).Text);
        Assert.Equal([p[0], p[1] + "\n" + p[2], p[3]], paras);
    }

    [Fact]
    public void TableRows_AreParagraphs_CellsSpaceSeparated()
    {
        var p = Pages.Paragraphs;
        string body = $"""
            <p>{p[0]}</p><p>{p[1]}</p>
            <table><tr><th>Item</th><th>Cost</th></tr><tr><td>Larch beams</td><td>41,000</td></tr><tr><td>Lamp</td><td>12,500</td></tr></table>
            <p>{p[2]}</p><p>{p[3]}</p>
            """;
        var paras = Pages.Split(HtmlExtractor.Extract(Pages.Page(articleBody: body)).Text);
        Assert.Equal([p[0], p[1], "Item Cost", "Larch beams 41,000", "Lamp 12,500", p[2], p[3]], paras);
    }

    [Fact]
    public void StandfirstBesideBody_IsKept()
    {
        // The lead paragraph often sits beside the body container, not inside it.
        const string lead = "After two years of arguments, the town will have its light back, built the old way from local timber by local hands.";
        string html = $"""
            <html><head><title>{Pages.Title}</title></head><body>
            <div class="col"><h1>{Pages.Title}</h1><p class="intro">{lead}</p>
            <div class="share"><a href="#">Facebook</a></div>
            <div class="text">{Pages.Body}</div></div>
            <div class="more"><a href="/a">Other story one with a long title here</a><a href="/b">Other story two with a long title</a></div>
            </body></html>
            """;
        var paras = Pages.Split(HtmlExtractor.Extract(html).Text);
        Assert.Equal([lead, .. Pages.Paragraphs], paras);
    }

    [Fact]
    public void Nfc_OutputIsNormalised()
    {
        // "é" written as e + combining acute: the body text comes out composed.
        string body = Pages.Body + "<p>The cafe\u0301 on the quay will stay open late on the evening the light is first lit again, its owner said.</p>";
        var r = HtmlExtractor.Extract(Pages.Page(articleBody: body));
        Assert.Contains("caf\u00e9 on the quay", r.Text);
        Assert.DoesNotContain("\u0301", r.Text);
    }
}
