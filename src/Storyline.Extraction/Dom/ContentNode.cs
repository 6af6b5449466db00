namespace Storyline.Extraction.Dom;

/// <summary>
/// A node of our own compact tree, built once from the parsed DOM (which is shared and never mutated).
/// Elements carry what the heuristics need — tag, class/id hints, visibility — and text nodes their raw text.
/// </summary>
internal sealed class ContentNode
{
    public const string TextTag = "#text";

    public ContentNode(string tag, ContentNode? parent)
    {
        Tag = tag;
        Parent = parent;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>Lowercase local name, or <see cref="TextTag"/>.</summary>
    public string Tag { get; }
    public ContentNode? Parent { get; }
    public int Depth { get; }
    public List<ContentNode>? Children { get; private set; }

    /// <summary>Raw text of a text node.</summary>
    public string? Text { get; init; }

    public bool IsText => ReferenceEquals(Tag, TextTag);
    public bool IsBlock { get; init; }

    /// <summary>Why hints mark this element as boilerplate (a <see cref="Reasons"/> value), or null.</summary>
    public string? BoilerplateReason { get; set; }

    /// <summary>Invisible (hidden attribute, inline style, aria-hidden): removed whatever else it holds.</summary>
    public bool Hidden { get; set; }

    /// <summary>Class/id hints name this element as the article body container.</summary>
    public bool ContentHint { get; set; }

    /// <summary>This element or one below it carries <see cref="ContentHint"/>; such elements are never pruned.</summary>
    public bool ContentBelow { get; set; }

    /// <summary>Readability-style class weight: positive hints minus negative ones.</summary>
    public int ClassWeight { get; set; }

    /// <summary>First and one-past-last index of the text blocks emitted inside this element.</summary>
    public int BlockStart { get; set; }
    public int BlockEnd { get; set; }

    public void Add(ContentNode child) => (Children ??= []).Add(child);
}
