using AngleSharp.Html.Dom;
using Storyline.Core;

namespace Storyline.Extraction;

/// <summary>The DOM of a page parsed once by <see cref="HtmlParseStage"/> (AngleSharp), shared read-only by later stages.</summary>
public sealed class HtmlDom : ParsedHtml
{
    public required IHtmlDocument Document { get; init; }
}

/// <summary>
/// Parses the HTML of a document once into <see cref="Document.Html"/> (with the guarded budgets of
/// <see cref="HtmlExtractor.Parse(string, HtmlExtractionOptions?, out bool)"/>); extraction and metadata read that DOM
/// and never parse the page again. Documents that are not HTML are left alone.
/// </summary>
public sealed class HtmlParseStage(HtmlExtractionOptions options) : IStage
{
    public const string Id = "html-parse.v1";

    public HtmlParseStage() : this(HtmlExtractionOptions.Default) { }

    public StageInfo Info { get; } = new(Id, Requires: [Attr.RawText], Assigns: [Attr.Html]);

    public void Process(Document doc, CancellationToken ct = default)
    {
        if (doc.Kind != ContentKind.Html) return;
        ct.ThrowIfCancellationRequested();
        doc.Html = Parse(doc.RawText, options);
    }

    /// <summary>Parses <paramref name="html"/> with the limits of <paramref name="options"/>.</summary>
    public static HtmlDom Parse(string html, HtmlExtractionOptions? options = null)
    {
        var dom = HtmlExtractor.Parse(html, options, out bool truncated);
        return new HtmlDom { Document = dom, Truncated = truncated };
    }

    /// <summary>
    /// The document's DOM: <see cref="Document.Html"/> when the parse stage ran (always in a pipeline, which puts this stage
    /// first); a stage used on its own parses here instead, once, and leaves the DOM for the next. Null for plain text.
    /// </summary>
    public static HtmlDom? DomOf(Document doc)
    {
        if (doc.Kind != ContentKind.Html) return null;
        if (doc.Html is HtmlDom dom) return dom;
        var parsed = Parse(doc.RawText);
        doc.Html = parsed;
        return parsed;
    }
}
