using Storyline.Extraction.Dom;

namespace Storyline.Extraction.Main;

/// <summary>What kind of element a block of text came from.</summary>
internal enum BlockKind { Paragraph, Heading, ListItem, Row, Quote, Pre, Caption, Other }

/// <summary>How the block filter judged a block (jusText's good/bad/short classes).</summary>
internal enum BlockClass { Good, Bad, Short }

/// <summary>
/// A paragraph-level run of text: the inline content between two block boundaries. Blocks are in
/// document order, so the blocks inside an element are the range [BlockStart, BlockEnd) of that element.
/// </summary>
internal sealed class TextBlock
{
    public required string Text { get; init; }
    public required ContentNode Owner { get; init; }
    public required BlockKind Kind { get; init; }
    /// <summary>Characters of text inside links.</summary>
    public int LinkChars { get; init; }
    /// <summary>Characters of link text before the first character outside a link (teasers start with their headline link).</summary>
    public int LeadingLinkChars { get; init; }
    /// <summary>Characters inside &lt;b&gt;/&lt;strong&gt;.</summary>
    public int BoldChars { get; init; }
    /// <summary>Index in document order.</summary>
    public int Index { get; init; }
    public int Chars => Text.Length;
    public double LinkDensity => Text.Length == 0 ? 0 : (double)LinkChars / Text.Length;

    public BlockClass Class { get; set; }
    /// <summary>Why the block was left out of the body (a <see cref="Reasons"/> value); null when kept.</summary>
    public string? DropReason { get; set; }
}

/// <summary>Text of a pruned element, reported in Document.Removed; <see cref="Position"/> is the block index it stood before.</summary>
internal sealed record RemovedSpan(string Text, string Reason, int Position);
