using AngleSharp.Html.Parser;
using Storyline.Core;

namespace Storyline.Extraction.Tests;

/// <summary>The stage inside a pipeline: what it assigns, what it leaves alone, the shared DOM cache.</summary>
public class StageTests
{
    private static Document Html(string html) => new()
    {
        Origin = new DocumentOrigin("test.html"),
        Kind = ContentKind.Html,
        Format = DocumentFormat.Html,
        RawText = html,
    };

    [Fact]
    public void Stage_Info_IdRequiresAssigns()
    {
        var info = new HtmlExtractionStage().Info;
        Assert.Equal("html-extract.v1", info.Id);
        Assert.Equal([Attr.RawText], info.Requires);
        Assert.Equal([Attr.Text], info.Assigns);
    }

    [Fact]
    public void Pipeline_WithUseHtmlExtraction_SetsTextRemovedAndMethod()
    {
        var pipeline = new PipelineBuilder().UseHtmlExtraction().Build();
        var doc = Html(Pages.Page(before: "<nav><a href='/'>Home</a><a href='/n'>News</a></nav>"));
        pipeline.Run(doc);
        Assert.Equal(string.Join("\n\n", Pages.Paragraphs), doc.Text);
        Assert.Contains(doc.Removed, x => x.Reason == Reasons.Nav);
        Assert.Equal(ExtractionMethods.Main, doc.Extra[HtmlExtractionStage.MethodKey]);
        Assert.Equal(["html-extract.v1"], doc.Stages);
        Assert.IsAssignableFrom<AngleSharp.Dom.IDocument>(doc.Transient[HtmlExtractionStage.DomKey]);
    }

    [Fact]
    public void Stage_UsesCachedDom_AndDoesNotModifyIt()
    {
        string html = Pages.Page(before: "<div class='share'><a href='#'>Share</a></div>", after: "<footer>Imprint</footer>");
        var dom = new HtmlParser().ParseDocument(html);
        string before = dom.DocumentElement.OuterHtml;
        var doc = Html("<p>raw text that must not be parsed again when a DOM is cached</p>");
        doc.Transient[HtmlExtractionStage.DomKey] = dom;
        new HtmlExtractionStage().Process(doc);
        Assert.Equal(string.Join("\n\n", Pages.Paragraphs), doc.Text);
        Assert.Equal(before, dom.DocumentElement.OuterHtml);
    }

    [Fact]
    public void Stage_PlainTextDocument_LeftAlone()
    {
        var doc = new Document { Origin = new DocumentOrigin("a.txt"), Kind = ContentKind.Text, RawText = "<p>not html</p>", Text = "already clean" };
        new HtmlExtractionStage().Process(doc);
        Assert.Equal("already clean", doc.Text);
        Assert.Empty(doc.Removed);
        Assert.False(doc.Transient.ContainsKey(HtmlExtractionStage.DomKey));
    }

    [Fact]
    public void Stage_EmptyPage_DiagnosticNoBody()
    {
        var doc = Html("<html><body><nav><a href='/'>Home</a></nav></body></html>");
        new HtmlExtractionStage().Process(doc);
        Assert.Equal("", doc.Text);
        Assert.Contains(doc.Diagnostics, d => d.Code == ErrorCode.SL1010);
    }

    [Fact]
    public void Stage_IsThreadSafe_SameResultInParallel()
    {
        var stage = new HtmlExtractionStage();
        string expected = string.Join("\n\n", Pages.Paragraphs);
        var docs = Enumerable.Range(0, 32).Select(_ => Html(Pages.Page(after: "<div id='comments'><p>First!</p></div>"))).ToArray();
        Parallel.ForEach(docs, d => stage.Process(d));
        Assert.All(docs, d => Assert.Equal(expected, d.Text));
    }
}
