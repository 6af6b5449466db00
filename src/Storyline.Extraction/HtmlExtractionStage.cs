using IDocument = AngleSharp.Dom.IDocument;
using Storyline.Core;

namespace Storyline.Extraction;

/// <summary>
/// Sets <see cref="Document.Text"/> of HTML documents to the main article body (title excluded,
/// paragraphs separated by one blank line) and records what was cut in <see cref="Document.Removed"/>.
/// The parsed DOM is shared with later stages through <c>doc.Transient["html.dom"]</c> and never modified.
/// Documents that are not HTML are left alone.
/// </summary>
public sealed class HtmlExtractionStage(HtmlExtractionOptions options) : IStage
{
    public const string Id = "html-extract.v1";
    /// <summary>Key of the parsed <see cref="IDocument"/> in <see cref="Document.Transient"/>.</summary>
    public const string DomKey = "html.dom";
    /// <summary>Key in <see cref="Document.Extra"/> naming the cascade path that produced the text.</summary>
    public const string MethodKey = "html_extraction";

    public HtmlExtractionStage() : this(HtmlExtractionOptions.Default) { }

    public StageInfo Info { get; } = new(Id, Requires: [Attr.RawText], Assigns: [Attr.Text]);

    public void Process(Document doc, CancellationToken ct = default)
    {
        if (doc.Kind != ContentKind.Html) return;
        ct.ThrowIfCancellationRequested();
        IDocument dom;
        bool cut = false;
        if (doc.Transient.TryGetValue(DomKey, out var cached) && cached is IDocument d) dom = d;
        else
        {
            dom = HtmlExtractor.Parse(doc.RawText, options, out cut);
            doc.Transient[DomKey] = dom;
        }
        var result = HtmlExtractor.Extract(dom, doc.RawText, options);
        doc.Text = result.Text;
        doc.Removed.AddRange(result.Removed);
        doc.Extra[MethodKey] = result.Method;
        if (cut || result.Truncated)
            doc.Diagnostics.Add(new Diagnostic(ErrorCode.SL1004,
                "HTML exceeds the extraction limits (size, nesting depth or node count); only the first part was read", Id, Severity.Warning));
        if (result.Text.Length == 0)
            doc.Diagnostics.Add(new Diagnostic(ErrorCode.SL1010, "No body text could be extracted from the HTML page", Id, Severity.Warning));
    }
}

public static class HtmlExtractionPipelineExtensions
{
    /// <summary>Adds <see cref="HtmlExtractionStage"/> (main-content extraction of HTML documents).</summary>
    public static PipelineBuilder UseHtmlExtraction(this PipelineBuilder b, HtmlExtractionOptions? o = null)
        => b.Add(new HtmlExtractionStage(o ?? HtmlExtractionOptions.Default));
}
