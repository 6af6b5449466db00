using System.Diagnostics;
using System.Text;
using System.Globalization;
using Storyline.Core;

namespace Storyline.Extraction.Tests;

/// <summary>Hostile and broken HTML: no crash, no hang, and text where there is text.</summary>
public class RobustnessTests
{
    /// <summary>Generous bound for one hostile page on a loaded 2-core machine; a hang or quadratic blow-up takes far longer.</summary>
    private static readonly TimeSpan PageBudget = TimeSpan.FromSeconds(20);

    private static ExtractionResult Timed(string html)
    {
        var sw = Stopwatch.StartNew();
        var r = HtmlExtractor.Extract(html);
        Assert.True(sw.Elapsed < PageBudget, $"took {sw.Elapsed}");
        return r;
    }

    [Theory]
    [InlineData("div")]
    [InlineData("span")]
    [InlineData("b")]
    public void DeepNesting_DoesNotBlowUp(string tag)
    {
        const int depth = 50_000;
        var sb = new StringBuilder(Pages.Page().Replace("</body></html>", "", StringComparison.Ordinal));
        for (int i = 0; i < depth; i++) sb.Append('<').Append(tag).Append('>');
        sb.Append("deep text at the bottom");
        for (int i = 0; i < depth; i++) sb.Append("</").Append(tag).Append('>');
        sb.Append("</body></html>");
        var r = Timed(sb.ToString());
        Assert.Contains(Pages.Paragraphs[0], r.Text);
    }

    [Fact]
    public void DeepNesting_Unclosed_TextStillFound()
    {
        var sb = new StringBuilder("<html><body>");
        for (int i = 0; i < 20_000; i++) sb.Append("<div class=\"w\">");
        sb.Append(Pages.Body);
        var r = Timed(sb.ToString());
        Assert.Contains(Pages.Paragraphs[3], r.Text);
        Assert.True(r.Truncated);
    }

    [Fact]
    public void HugeAttributes_AreIgnored()
    {
        // 3 × 2 MB stays under the default size limit, so the attributes themselves are what is tested.
        string huge = new('x', 2_000_000);
        string body = $"<div class=\"{huge}\" style=\"{huge}\" data-x=\"{huge}\">{Pages.Body}</div>";
        var r = Timed(Pages.Page(articleBody: body));
        Assert.Equal(string.Join("\n\n", Pages.Paragraphs), r.Text);
    }

    [Fact]
    public void ManyNodes_LimitedAndFlaggedTruncated()
    {
        var sb = new StringBuilder("<html><body>");
        sb.Append(Pages.Body);
        for (int i = 0; i < 300_000; i++) sb.Append("<i>x</i>");
        sb.Append("</body></html>");
        var r = Timed(sb.ToString());
        Assert.True(r.Truncated);
        Assert.Contains(Pages.Paragraphs[0], r.Text);
    }

    [Fact]
    public void TruncatedHtml_StillYieldsText()
    {
        string html = Pages.Page();
        // Cut in the middle of the third paragraph: tags left open, a word cut in half.
        int cut = html.IndexOf(Pages.Paragraphs[2], StringComparison.Ordinal) + 120;
        var r = Timed(html[..cut]);
        Assert.Equal(Pages.Paragraphs[0] + "\n\n" + Pages.Paragraphs[1] + "\n\n" + Pages.Paragraphs[2][..120], r.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<html><body></body></html>")]
    [InlineData("<<<>>><<!-- unterminated")]
    [InlineData("\0\0\0binary\u0001\u0002")]
    public void EmptyOrGarbage_EmptyResult_NoCrash(string html)
    {
        var r = Timed(html);
        Assert.True(r.Text.Length < 30);
        if (r.Text.Length == 0) Assert.Equal(ExtractionMethods.Empty, r.Method);
    }

    [Fact]
    public void PlainTextWithoutMarkup_BecomesBody()
    {
        string text = string.Join("\n\n", Pages.Paragraphs);
        var r = Timed(text);
        Assert.Contains(Pages.Paragraphs[0], r.Text);
    }

    [Fact]
    public void RemovedList_IsCapped()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 3000; i++)
            sb.Append(CultureInfo.InvariantCulture, $"<nav><a href=\"/{i}\">Section {i} of the very large site menu that repeats</a></nav><div class=\"ad\">Advert {i} {new string('z', 500)}</div>");
        var options = HtmlExtractionOptions.Default;
        var r = Timed(Pages.Page(before: sb.ToString()));
        Assert.Equal(string.Join("\n\n", Pages.Paragraphs), r.Text);
        Assert.True(r.Removed.Count <= options.MaxRemovedEntries);
        Assert.True(r.Removed.Sum(x => x.Text.Length) <= options.MaxRemovedTotalChars + options.MaxRemovedEntryChars);
        Assert.All(r.Removed, x => Assert.True(x.Text.Length <= options.MaxRemovedEntryChars));
    }

    [Fact]
    public void OversizedInput_CutBeforeParsing()
    {
        var options = new HtmlExtractionOptions { MaxHtmlChars = 20_000 };
        string html = Pages.Page() + new string(' ', 50_000) + "<p>tail</p>";
        var r = HtmlExtractor.Extract(html, options);
        Assert.True(r.Truncated);
        Assert.Equal(string.Join("\n\n", Pages.Paragraphs), r.Text);
    }
}
