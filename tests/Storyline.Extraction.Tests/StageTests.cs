using AngleSharp.Html.Parser;
using Storyline.Core;

namespace Storyline.Extraction.Tests;

/// <summary>The stages inside a pipeline: what they require and assign, what they leave alone, the one shared parse.</summary>
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
        Assert.Equal([Attr.RawText, Attr.Html], info.Requires);
        Assert.Equal([Attr.ExtractedText, Attr.Removed], info.Assigns);
        var parse = new HtmlParseStage().Info;
        Assert.Equal("html-parse.v1", parse.Id);
        Assert.Equal([Attr.RawText], parse.Requires);
        Assert.Equal([Attr.Html], parse.Assigns);
    }

    [Fact]
    public void Build_ExtractionWithoutParse_FailsOrderCheck()
    {
        var b = new PipelineBuilder().Add(new HtmlExtractionStage());
        var ex = Assert.Throws<StorylineException>(() => b.Build());
        Assert.Contains(Attr.Html, ex.Message);
    }

    [Fact]
    public void UseHtmlExtraction_Twice_ParsesOnce()
    {
        var p = new PipelineBuilder().UseHtmlExtraction().UseHtmlParse().Build();
        Assert.Single(p.Stages, s => s is HtmlParseStage);
        Assert.IsType<HtmlParseStage>(p.Stages[0]);
    }

    [Fact]
    public void Pipeline_WithUseHtmlExtraction_SetsTextRemovedAndMethod()
    {
        var pipeline = new PipelineBuilder().UseHtmlExtraction().Build();
        var doc = Html(Pages.Page(before: "<nav><a href='/'>Home</a><a href='/n'>News</a></nav>"));
        pipeline.Run(doc);
        Assert.Equal(string.Join("\n\n", Pages.Paragraphs), doc.ExtractedText);
        Assert.Contains(doc.Removed, x => x.Reason == Reasons.Nav);
        Assert.Equal(ExtractionMethods.Main, doc.Extra[HtmlExtractionStage.MethodKey]);
        Assert.Equal(["html-parse.v1", "html-extract.v1"], doc.Stages);
        Assert.IsType<HtmlDom>(doc.Html);
    }

    [Fact]
    public void Stage_ReadsDocumentHtml_AndDoesNotModifyIt()
    {
        string html = Pages.Page(before: "<div class='share'><a href='#'>Share</a></div>", after: "<footer>Imprint</footer>");
        var dom = new HtmlParser().ParseDocument(html);
        string before = dom.DocumentElement.OuterHtml;
        var doc = Html("<p>raw text that must not be parsed again when the page is parsed already</p>");
        doc.Html = new HtmlDom { Document = dom };
        new HtmlExtractionStage().Process(doc);
        Assert.Equal(string.Join("\n\n", Pages.Paragraphs), doc.ExtractedText);
        Assert.Equal(before, dom.DocumentElement.OuterHtml);
    }

    [Fact]
    public void Fallback_WorksOnACopy_SharedDomUnchanged()
    {
        // A short body sends the cascade to readability, which rewrites the tree it gets.
        string html = "<html><head><title>T</title></head><body><div class='menu'><a href='/'>Home</a></div><article><p>"
                      + string.Join(" ", Enumerable.Repeat("A short story with a few words.", 12)) + "</p></article><aside>Other</aside></body></html>";
        var doc = Html(html);
        new HtmlParseStage().Process(doc);
        var dom = Assert.IsType<HtmlDom>(doc.Html).Document;
        string before = dom.DocumentElement.OuterHtml;
        new HtmlExtractionStage().Process(doc);
        Assert.Contains("A short story with a few words.", doc.ExtractedText);
        Assert.Equal(before, dom.DocumentElement.OuterHtml);
    }

    [Fact]
    public void Stage_PlainTextDocument_LeftAlone()
    {
        var doc = new Document { Origin = new DocumentOrigin("a.txt"), Kind = ContentKind.Text, RawText = "<p>not html</p>", ExtractedText = "left alone" };
        new HtmlExtractionStage().Process(doc);
        Assert.Equal("left alone", doc.ExtractedText);
        Assert.Empty(doc.Removed);
        new HtmlParseStage().Process(doc);
        Assert.Null(doc.Html);
    }

    [Fact]
    public void Stage_EmptyPage_DiagnosticNoBody()
    {
        var doc = Html("<html><body><nav><a href='/'>Home</a></nav></body></html>");
        new HtmlExtractionStage().Process(doc);
        Assert.Equal("", doc.ExtractedText);
        Assert.Contains(doc.Diagnostics, d => d.Code == ErrorCode.SL1010);
    }

    [Fact]
    public void Stage_IsThreadSafe_SameResultInParallel()
    {
        var stage = new HtmlExtractionStage();
        string expected = string.Join("\n\n", Pages.Paragraphs);
        var docs = Enumerable.Range(0, 32).Select(_ => Html(Pages.Page(after: "<div id='comments'><p>First!</p></div>"))).ToArray();
        Parallel.ForEach(docs, d => stage.Process(d));
        Assert.All(docs, d => Assert.Equal(expected, d.ExtractedText));
    }
}
