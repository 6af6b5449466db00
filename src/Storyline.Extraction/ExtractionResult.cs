using Storyline.Core;

namespace Storyline.Extraction;

/// <summary>Which path of the cascade produced the body text (trafilatura records the same choice).</summary>
public static class ExtractionMethods
{
    /// <summary>Our main extractor (pruning + container scoring + block filter).</summary>
    public const string Main = "main";
    /// <summary>The readability fallback (Mozilla Readability's scoring on our content tree) won because the main extractor under-delivered.</summary>
    public const string Readability = "fallback:readability";
    /// <summary>JSON-LD articleBody of the page.</summary>
    public const string JsonLd = "baseline:json-ld";
    /// <summary>All paragraph-like blocks of the page outside pruned boilerplate.</summary>
    public const string Paragraphs = "baseline:paragraphs";
    /// <summary>Nothing usable was found.</summary>
    public const string Empty = "empty";
}

/// <summary>The result of extracting the main body of one HTML page.</summary>
/// <param name="Text">Body text (no title), paragraphs separated by exactly one blank line.</param>
/// <param name="Removed">Blocks left out with the reason; capped, see <see cref="HtmlExtractionOptions"/>.</param>
/// <param name="Method">Which cascade path won (an <see cref="ExtractionMethods"/> value).</param>
/// <param name="Title">The page title as declared in &lt;title&gt; or og:title, if any (not part of <paramref name="Text"/>).</param>
/// <param name="Truncated">The page exceeded a size, depth or node limit and only part of it was read.</param>
public sealed record ExtractionResult(string Text, IReadOnlyList<RemovedText> Removed, string Method, string? Title, bool Truncated)
{
    public static ExtractionResult Empty { get; } = new("", [], ExtractionMethods.Empty, null, false);
}

/// <summary>Options of the HTML extraction (defaults suit news pages).</summary>
public sealed record HtmlExtractionOptions
{
    /// <summary>Run the readability fallback when the main extractor under-delivers.</summary>
    public bool UseFallback { get; init; } = true;
    /// <summary>HTML beyond this many characters is cut before parsing (the parser copes with the cut).</summary>
    public int MaxHtmlChars { get; init; } = 8_000_000;
    /// <summary>At most this many removed entries are kept per document.</summary>
    public int MaxRemovedEntries { get; init; } = 200;
    /// <summary>Each removed entry keeps at most this many characters.</summary>
    public int MaxRemovedEntryChars { get; init; } = 1000;
    /// <summary>All removed entries of a document together keep at most this many characters.</summary>
    public int MaxRemovedTotalChars { get; init; } = 50_000;
    /// <summary>Elements nested deeper than this are flattened.</summary>
    public int MaxDepth { get; init; } = Dom.TreeLimits.DefaultMaxDepth;
    /// <summary>Nodes beyond this count are ignored.</summary>
    public int MaxNodes { get; init; } = Dom.TreeLimits.DefaultMaxNodes;

    public static HtmlExtractionOptions Default { get; } = new();
}
