using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Storyline.Extraction.Dom;
using Storyline.Extraction.Main;

namespace Storyline.Extraction.Fallback;

/// <summary>
/// The external fallback, as trafilatura's external.py uses readability: SmartReader (a port of Mozilla
/// Readability) on a copy of the page's DOM (readability rewrites the tree it is given; the shared DOM stays as it
/// was). The article element it settles on goes straight through our own tree builder and linearizer (no HTML
/// round trip), so our pruning and link-list/furniture rules clean it as trafilatura's sanitize_tree does.
/// </summary>
internal static class ReadabilityFallback
{
    /// <summary>SmartReader needs a base URI to resolve links; nothing is fetched.</summary>
    private const string PlaceholderUri = "https://localhost/";

    /// <summary>Readability gives up on pages with more elements than this (its own guard, as in Readability.js); real article pages stay under ~3,000.</summary>
    private const int MaxElements = 5_000;

    public static string Extract(IHtmlDocument dom)
    {
        try
        {
            // No wall-clock budget: a timer that gives up under load made the text depend on the machine's load.
            // The cascade bounds the work instead (element count, depth, size; see CascadeTuning).
            var copy = (IHtmlDocument)dom.Clone(deep: true);
            IElement? content = null;
            using var reader = new SmartReader.Reader(PlaceholderUri, copy) { MaxElemsToParse = MaxElements };
            // The article element itself, handed over before SmartReader serialises it: no HTML round trip.
            reader.AddCustomOperationEnd(el => content = el);
            var article = reader.GetArticle();
            if (!article.IsReadable || content is null) return "";
            var root = ContentTreeBuilder.Build(content, TreeLimits.Default, out _, out _, out _);
            var blocks = BlockLinearizer.Run(root).Blocks;
            return string.Join("\n\n", blocks.Where(b => MainExtractor.Classify(b) != BlockClass.Bad).Select(b => b.Text));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A fallback that fails just does not win (the same way on every run: its input decides).
            return "";
        }
    }
}
