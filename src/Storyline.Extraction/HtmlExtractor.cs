using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Storyline.Core;
using Storyline.Extraction.Dom;
using Storyline.Extraction.Fallback;
using Storyline.Extraction.Main;

namespace Storyline.Extraction;

/// <summary>Tunables of the cascade (when the fallback runs and when it wins).</summary>
internal static class CascadeTuning
{
    /// <summary>The readability fallback is consulted when the main extractor keeps fewer characters than this.</summary>
    public const int FallbackBelowChars = 1000;
    /// <summary>Pages with more DOM nodes than this skip readability (its conditional cleaning grows with nodes times depth); article pages have a few thousand.</summary>
    public const int FallbackMaxNodes = 20_000;
    /// <summary>
    /// Pages nested deeper than this skip readability: its cost grows with depth times size (score propagation and
    /// conditional cleaning walk ancestors). The 937 benchmark pages nest at most 50 deep (99% within 31). A
    /// deterministic work budget in place of a clock: the same page takes the same path whatever the load.
    /// </summary>
    public const int FallbackMaxDepth = 100;
    /// <summary>The fallback wins when it yields this many times the main extractor's text.</summary>
    public const double FallbackWinRatio = 2.0;
    /// <summary>A JSON-LD articleBody shorter than this is a summary, not a body, for the cascade.</summary>
    public const int MinJsonLdChars = 500;
    /// <summary>Below this many characters every path has failed and the baseline is used.</summary>
    public const int BaselineBelowChars = 100;
}

/// <summary>
/// Main-content extraction of HTML pages, designed as trafilatura's cascade: the main extractor,
/// then readability (our <see cref="ReadabilityScorer"/>, Mozilla Readability's scoring on the same content tree)
/// when the main one under-delivers, then a baseline (JSON-LD
/// articleBody, or every paragraph). <see cref="ExtractionResult.Method"/> says which path won.
/// Thread-safe; the DOM it is given is never modified.
/// </summary>
public static class HtmlExtractor
{

    /// <summary>Parses <paramref name="html"/> and extracts its main body.</summary>
    public static ExtractionResult Extract(string html, HtmlExtractionOptions? options = null)
    {
        options ??= HtmlExtractionOptions.Default;
        return Extract(HtmlParseStage.Parse(html, options), options);
    }

    /// <summary>Parses HTML with the limits of <paramref name="options"/> (the one guarded parse every stage shares).</summary>
    public static AngleSharp.Html.Dom.IHtmlDocument Parse(string html, HtmlExtractionOptions? options, out bool truncated)
    {
        options ??= HtmlExtractionOptions.Default;
        html = Prepare(html, options, out truncated);
        return new HtmlParser(ParserOptions).ParseDocument(html);
    }

    /// <summary>
    /// No scripting (noscript content is parsed as markup, as a reader without JavaScript sees it), no source references,
    /// no element positions, no comments: nothing downstream reads them.
    /// </summary>
    private static readonly HtmlParserOptions ParserOptions = new()
    {
        IsScripting = false, IsKeepingSourceReferences = false, DisableElementPositionTracking = true, SkipComments = true,
    };

    /// <summary>The input as the parser gets it: cut to the size limit, excess nesting removed.</summary>
    private static string Prepare(string html, HtmlExtractionOptions options, out bool truncated)
    {
        truncated = html.Length > options.MaxHtmlChars;
        if (truncated) html = html[..options.MaxHtmlChars];
        html = NestingGuard.Limit(html, NestingGuard.MaxNesting, NestingGuard.MaxStartTags, out bool flattened);
        truncated |= flattened;
        return html;
    }

    /// <summary>Extracts the main body from a page parsed once by <see cref="HtmlParseStage"/> (its DOM is not modified).</summary>
    public static ExtractionResult Extract(HtmlDom parsed, HtmlExtractionOptions? options = null)
    {
        options ??= HtmlExtractionOptions.Default;
        var dom = parsed.Document;
        var limits = new TreeLimits(options.MaxDepth, options.MaxNodes, TreeLimits.DefaultMaxTextChars);
        var root = ContentTreeBuilder.Build(dom, limits, out bool truncated, out int nodes, out int depth);
        var titles = Titles(dom);
        var main = MainExtractor.Extract(root, titles);
        string text = main.Text;
        string method = ExtractionMethods.Main;

        if (options.UseFallback && text.Length < CascadeTuning.FallbackBelowChars && !truncated
            && nodes <= CascadeTuning.FallbackMaxNodes && depth <= CascadeTuning.FallbackMaxDepth)
        {
            // A page the guard had to rewrite (hostile nesting or size) is beyond readability's budget too. The scorer
            // retries with less pruning until it has what would beat the main extractor.
            string other = parsed.Truncated ? ""
                : ReadabilityScorer.Extract(root, main.Blocks, titles, (int)(text.Length * CascadeTuning.FallbackWinRatio) + 1);
            if (other.Length > text.Length * CascadeTuning.FallbackWinRatio)
            {
                text = other;
                method = ExtractionMethods.Readability;
            }
            // Script-rendered pages often carry the whole body only in their JSON-LD.
            if (BaselineExtractor.JsonLdBody(dom) is { } ld && ld.Length >= CascadeTuning.MinJsonLdChars
                && ld.Length > text.Length * CascadeTuning.FallbackWinRatio)
            {
                text = ld;
                method = ExtractionMethods.JsonLd;
            }
        }
        if (text.Length < CascadeTuning.BaselineBelowChars)
        {
            if (BaselineExtractor.JsonLdBody(dom) is { } ld && ld.Length > text.Length)
            {
                text = ld;
                method = ExtractionMethods.JsonLd;
            }
            else if (BaselineExtractor.Paragraphs(main.Blocks) is { } paras && paras.Length > text.Length)
            {
                text = paras;
                method = ExtractionMethods.Paragraphs;
            }
        }
        if (text.Length == 0) method = ExtractionMethods.Empty;
        // Storyline keeps all text in NFC (the readers normalise raw text the same way).
        text = UnicodeText.Nfc(text);
        var removed = method == ExtractionMethods.Main ? RemovedReport.Build(main, options) : [];
        return new ExtractionResult(text, removed, method, titles.Count > 0 ? titles[0] : null, truncated || parsed.Truncated);
    }

    /// <summary>Titles the page declares (&lt;title&gt;, og:title, twitter:title): headings equal to them are not body text.</summary>
    private static List<string> Titles(IDocument dom)
    {
        var titles = new List<string>(3);
        void Add(string? t)
        {
            if (string.IsNullOrWhiteSpace(t)) return;
            t = string.Join(' ', t.Split((char[])[' ', '\t', '\n', '\r', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));
            if (!titles.Contains(t)) titles.Add(t);
        }
        if (dom.Head is { } head)
        {
            // A plain walk over the head's children: cheaper than compiling CSS selectors per page.
            string? title = null;
            foreach (var child in head.Children)
            {
                switch (child.LocalName)
                {
                    case "meta":
                        string? key = child.GetAttribute("property") ?? child.GetAttribute("name");
                        if (key is "og:title" or "twitter:title") Add(child.GetAttribute("content"));
                        break;
                    case "title":
                        title ??= child.TextContent;
                        break;
                }
            }
            Add(title);
        }
        return titles;
    }
}
