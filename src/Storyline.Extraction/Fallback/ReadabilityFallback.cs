using AngleSharp.Html.Parser;
using Storyline.Extraction.Dom;
using Storyline.Extraction.Main;

namespace Storyline.Extraction.Fallback;

/// <summary>
/// The external fallback, as trafilatura's external.py uses readability: SmartReader (a port of Mozilla
/// Readability) on the raw HTML. Its article HTML (classes kept) goes through our own tree builder and
/// linearizer, so our pruning and link-list/furniture rules clean it as trafilatura's sanitize_tree does.
/// </summary>
internal static class ReadabilityFallback
{
    /// <summary>SmartReader needs a base URI to resolve links; nothing is fetched.</summary>
    private const string PlaceholderUri = "https://localhost/";

    /// <summary>Readability gives up on pages with more elements than this (its own guard, as in Readability.js); real article pages stay under ~3,000.</summary>
    private const int MaxElements = 5_000;

    /// <summary>
    /// Wall-clock budget of one readability run, a last resort: normal pages take milliseconds, but some
    /// layouts (hundreds of sibling menus) take readability seconds, and a document must never hang on it.
    /// Generous, so that figures do not depend on how loaded the machine is.
    /// </summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    public static string Extract(string html)
    {
        try
        {
            using var cts = new CancellationTokenSource(Budget);
            using var reader = new SmartReader.Reader(PlaceholderUri, html) { MaxElemsToParse = MaxElements };
            var article = reader.GetArticleAsync(cts.Token).GetAwaiter().GetResult();
            if (!article.IsReadable || string.IsNullOrEmpty(article.Content)) return "";
            var doc = new HtmlParser().ParseDocument(article.Content);
            var root = ContentTreeBuilder.Build(doc, TreeLimits.Default, out _);
            var blocks = BlockLinearizer.Run(root).Blocks;
            return string.Join("\n\n", blocks.Where(b => MainExtractor.Classify(b) != BlockClass.Bad).Select(b => b.Text));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A fallback that fails or runs out of time just does not win.
            return "";
        }
    }
}
