using AngleSharp.Html.Parser;
using Storyline.Extraction.Dom;
using Storyline.Extraction.Main;

namespace Storyline.Extraction.Fallback;

/// <summary>
/// The external fallback, as trafilatura's external.py uses readability: SmartReader (a port of Mozilla
/// Readability) on the raw HTML, its article HTML rendered to paragraphs with our own linearizer.
/// </summary>
internal static class ReadabilityFallback
{
    /// <summary>SmartReader needs a base URI to resolve links; nothing is fetched.</summary>
    private static readonly string PlaceholderUri = "https://localhost/";

    public static string Extract(string html)
    {
        try
        {
            using var reader = new SmartReader.Reader(PlaceholderUri, html);
            var article = reader.GetArticle();
            if (!article.IsReadable || string.IsNullOrEmpty(article.Content)) return "";
            var doc = new HtmlParser().ParseDocument(article.Content);
            var root = ContentTreeBuilder.Build(doc, TreeLimits.Default, out _);
            var lin = BlockLinearizer.Run(root);
            return string.Join("\n\n", lin.Blocks.Select(b => b.Text));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A fallback that fails just does not win.
            return "";
        }
    }
}
