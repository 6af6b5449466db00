using Storyline.Core;

namespace Storyline.Extraction;

/// <summary>
/// Sets <see cref="Document.ExtractedText"/> of HTML documents to the main article body (title excluded,
/// paragraphs separated by one blank line) and records what was cut in <see cref="Document.Removed"/>; the text stage
/// (<see cref="Core.Stages.TextStage"/>) makes it <see cref="Document.Text"/>. Also names the cascade path in
/// <see cref="Document.Extra"/> (<see cref="MethodKey"/>).
/// Reads the DOM <see cref="HtmlParseStage"/> put in <see cref="Document.Html"/> (never modified, never parsed again).
/// Documents that are not HTML are left alone.
/// </summary>
public sealed class HtmlExtractionStage(HtmlExtractionOptions options) : IStage
{
    public const string Id = "html-extract.v1";
    /// <summary>Key in <see cref="Document.Extra"/> naming the cascade path that produced the text.</summary>
    public const string MethodKey = "html_extraction";

    public HtmlExtractionStage() : this(HtmlExtractionOptions.Default) { }

    public StageInfo Info { get; } = new(Id, Requires: [Attr.RawText, Attr.Html], Assigns: [Attr.ExtractedText, Attr.Removed]);

    public void Process(Document doc, CancellationToken ct = default)
    {
        if (HtmlParseStage.DomOf(doc) is not { } dom) return;
        ct.ThrowIfCancellationRequested();
        var result = HtmlExtractor.Extract(dom, options);
        doc.ExtractedText = result.Text;
        doc.Removed.AddRange(result.Removed);
        doc.Extra[MethodKey] = result.Method;
        if (result.Truncated)
            doc.Diagnostics.Add(new Diagnostic(ErrorCode.SL1004,
                "HTML exceeds the extraction limits (size, nesting depth or node count); only the first part was read", Id, Severity.Warning));
        if (result.Text.Length == 0)
            doc.Diagnostics.Add(new Diagnostic(ErrorCode.SL1010, "No body text could be extracted from the HTML page", Id, Severity.Warning));
    }
}

public static class HtmlExtractionPipelineExtensions
{
    /// <summary>Adds <see cref="HtmlParseStage"/> (once) and <see cref="HtmlExtractionStage"/> (main-content extraction of HTML documents).</summary>
    public static PipelineBuilder UseHtmlExtraction(this PipelineBuilder b, HtmlExtractionOptions? o = null)
        => b.UseHtmlParse(o).Add(new HtmlExtractionStage(o ?? HtmlExtractionOptions.Default));

    /// <summary>Adds <see cref="HtmlParseStage"/> unless the pipeline already has it: every stage that reads the DOM shares one parse.</summary>
    public static PipelineBuilder UseHtmlParse(this PipelineBuilder b, HtmlExtractionOptions? o = null)
        => b.Has<HtmlParseStage>() ? b : b.Add(new HtmlParseStage(o ?? HtmlExtractionOptions.Default));
}
