using AngleSharp.Dom;

namespace Storyline.Extraction.Dom;

/// <summary>Limits that keep hostile pages (deep nesting, millions of nodes, huge text) cheap.</summary>
internal sealed record TreeLimits(int MaxDepth, int MaxNodes, int MaxTextChars)
{
    /// <summary>Deeper elements are flattened into their ancestor at this depth (no recursion anywhere, but scores need a bounded tree).</summary>
    public const int DefaultMaxDepth = 200;
    /// <summary>Elements beyond this count are flattened into their parent, their text kept (a real article page has a few thousand).</summary>
    public const int DefaultMaxNodes = 100_000;
    /// <summary>Text beyond this many characters is ignored.</summary>
    public const int DefaultMaxTextChars = 4_000_000;

    public static TreeLimits Default { get; } = new(DefaultMaxDepth, DefaultMaxNodes, DefaultMaxTextChars);
}

/// <summary>Builds a <see cref="ContentNode"/> tree from a parsed document without recursion and without touching it.</summary>
internal static class ContentTreeBuilder
{
    private readonly record struct Frame(INode Source, ContentNode Target, int NextChild, bool Flattened = false);

    public static ContentNode Build(IDocument doc, TreeLimits limits, out bool truncated) => Build(doc, limits, out truncated, out _);

    /// <summary>Builds the tree; <paramref name="nodes"/> is how many DOM nodes were visited.</summary>
    public static ContentNode Build(IDocument doc, TreeLimits limits, out bool truncated, out int nodes)
        => Build(doc, limits, out truncated, out nodes, out _);

    /// <summary>
    /// Builds the tree; <paramref name="nodes"/> is how many DOM nodes were visited, <paramref name="maxDepth"/> the deepest
    /// element depth of the source. Elements beyond the depth or element budget are flattened (their text is kept in the
    /// nearest kept ancestor); only text beyond the text budget is left out.
    /// </summary>
    public static ContentNode Build(IDocument doc, TreeLimits limits, out bool truncated, out int nodes, out int maxDepth)
        => Build((INode?)doc.Body ?? (INode?)doc.DocumentElement ?? doc, limits, out truncated, out nodes, out maxDepth);

    /// <summary>Builds the tree of the subtree under <paramref name="start"/> (its children become the root's children).</summary>
    public static ContentNode Build(INode start, TreeLimits limits, out bool truncated, out int nodes, out int maxDepth)
    {
        truncated = false;
        var root = new ContentNode("body", null) { IsBlock = true };
        var stack = new Stack<Frame>();
        stack.Push(new Frame(start, root, 0));
        nodes = 0;
        maxDepth = 0;
        int elements = 0;
        long textChars = 0;
        while (stack.Count > 0)
        {
            var frame = stack.Pop();
            var children = frame.Source.ChildNodes;
            if (frame.NextChild >= children.Length)
            {
                if (!frame.Flattened) Finish(frame.Target);
                continue;
            }
            stack.Push(frame with { NextChild = frame.NextChild + 1 });
            var child = children[frame.NextChild];
            nodes++;
            maxDepth = Math.Max(maxDepth, stack.Count);
            switch (child)
            {
                case IText text:
                    string data = text.Data;
                    if (data.Length == 0) break;
                    if (textChars + data.Length > limits.MaxTextChars)
                    {
                        truncated = true;
                        // Unwind: finish every open element so the tree is consistent, ignore the rest.
                        while (stack.Count > 0) { var f = stack.Pop(); if (!f.Flattened) Finish(f.Target); }
                        break;
                    }
                    textChars += data.Length;
                    frame.Target.Add(new ContentNode(ContentNode.TextTag, frame.Target) { Text = data });
                    break;
                case IElement el:
                    string tag = el.LocalName;
                    if (Selectors.DroppedTags.Contains(tag)) break;
                    if (frame.Target.Depth >= limits.MaxDepth || ++elements > limits.MaxNodes)
                    {
                        // Too deep or too many elements: keep the text, drop the structure.
                        truncated = true;
                        stack.Push(new Frame(el, frame.Target, 0, Flattened: true));
                        break;
                    }
                    var node = new ContentNode(tag, frame.Target) { IsBlock = Selectors.BlockTags.Contains(tag) };
                    var attrs = Hints.Read(el);
                    Hints.Apply(attrs, node);
                    if (Hints.IsHidden(attrs)) { node.BoilerplateReason = Reasons.Hidden; node.Hidden = true; }
                    frame.Target.Add(node);
                    stack.Push(new Frame(el, node, 0));
                    break;
            }
        }
        return root;
    }

    /// <summary>Called when all children of <paramref name="node"/> are built: propagate the content flag upwards.</summary>
    private static void Finish(ContentNode node)
    {
        if (node.ContentHint) node.ContentBelow = true;
        if (node.ContentBelow && node.Parent is { } p) p.ContentBelow = true;
    }
}
