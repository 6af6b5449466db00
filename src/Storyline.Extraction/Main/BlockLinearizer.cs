using System.Text;
using Storyline.Extraction.Dom;

namespace Storyline.Extraction.Main;

/// <summary>
/// Walks the content tree once (iteratively) and cuts it into <see cref="TextBlock"/>s at block-element
/// boundaries, collapsing whitespace as a browser does. Pruned elements produce no block; their text is
/// kept as a <see cref="RemovedSpan"/> with the reason.
/// </summary>
internal sealed class BlockLinearizer
{
    /// <summary>Text kept per removed element for the report.</summary>
    public const int MaxRemovedSpanChars = 2000;

    private readonly List<TextBlock> _blocks = [];
    private readonly List<RemovedSpan> _removed = [];
    private readonly StringBuilder _buf = new();
    private readonly Stack<ContentNode> _owners = new();
    private bool _pendingSpace;
    private int _linkChars;
    private int _leadingLinkChars;
    private bool _leadingLink = true;
    private int _boldChars;
    private int _boldDepth;
    private int _linkDepth;
    private int _preDepth;

    public IReadOnlyList<TextBlock> Blocks => _blocks;
    public IReadOnlyList<RemovedSpan> Removed => _removed;

    /// <summary>An element is pruned when hints call it boilerplate, unless it holds a content-hinted element (hidden always wins).</summary>
    public static bool IsPruned(ContentNode n)
        => n.BoilerplateReason is not null && n.Parent is not null && (n.Hidden || !n.ContentBelow);

    /// <summary>
    /// The pruning Readability keeps when it retries without its unlikely-candidate test: hidden elements and the
    /// layout tags (nav, menu, aside, footer), whatever their class says.
    /// </summary>
    public static bool IsHardPruned(ContentNode n)
        => n.Parent is not null && (n.Hidden || (Selectors.BoilerplateTags.ContainsKey(n.Tag) && !n.ContentBelow));

    private readonly Func<ContentNode, bool> _pruned;

    private BlockLinearizer(Func<ContentNode, bool> pruned) => _pruned = pruned;

    public static BlockLinearizer Run(ContentNode root) => Run(root, IsPruned);

    /// <summary>Linearizes <paramref name="root"/>, leaving out the elements <paramref name="pruned"/> names (their text goes to <see cref="Removed"/>).</summary>
    public static BlockLinearizer Run(ContentNode root, Func<ContentNode, bool> pruned)
    {
        var lin = new BlockLinearizer(pruned);
        lin.Walk(root);
        return lin;
    }

    private void Walk(ContentNode root)
    {
        var stack = new Stack<(ContentNode Node, int Next)>();
        Enter(root);
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var children = node.Children;
            if (children is null || next >= children.Count)
            {
                Exit(node);
                continue;
            }
            stack.Push((node, next + 1));
            var child = children[next];
            if (child.IsText) { AppendText(child.Text!); continue; }
            if (_pruned(child))
            {
                Prune(child);
                continue;
            }
            Enter(child);
            stack.Push((child, 0));
        }
    }

    private void Enter(ContentNode el)
    {
        if (el.IsBlock)
        {
            Flush();
            _owners.Push(el);
        }
        switch (el.Tag)
        {
            case "a": _linkDepth++; break;
            case "b": case "strong": _boldDepth++; break;
            case "td": case "th": _pendingSpace = true; break;
            case "pre": case "listing": case "xmp": case "plaintext": _preDepth++; break;
            case "br":
                // Two line breaks in a row separate paragraphs (old pages use <br><br> instead of <p>).
                if (_buf.Length > 0 && _buf[^1] == '\n') { _buf.Length--; Flush(); }
                else if (_buf.Length > 0) { _buf.Append('\n'); _pendingSpace = false; }
                break;
        }
        el.BlockStart = _blocks.Count;
    }

    private void Exit(ContentNode el)
    {
        switch (el.Tag)
        {
            case "a": _linkDepth--; break;
            case "b": case "strong": _boldDepth--; break;
            case "td": case "th": _pendingSpace = true; break;
            case "pre": case "listing": case "xmp": case "plaintext": _preDepth--; break;
        }
        if (el.IsBlock)
        {
            Flush();
            if (_owners.Count > 0 && ReferenceEquals(_owners.Peek(), el)) _owners.Pop();
        }
        el.BlockEnd = _blocks.Count;
    }

    private void Prune(ContentNode el)
    {
        if (el.IsBlock) Flush();
        el.BlockStart = el.BlockEnd = _blocks.Count;
        string text = CollectText(el, MaxRemovedSpanChars);
        if (text.Length > 0) _removed.Add(new RemovedSpan(text, el.BoilerplateReason ?? Reasons.Hidden, _blocks.Count));
    }

    /// <summary>Whitespace-collapsed text of a subtree, at most <paramref name="max"/> characters, block boundaries as line breaks.</summary>
    internal static string CollectText(ContentNode el, int max)
    {
        var sb = new StringBuilder();
        bool space = false;
        var stack = new Stack<ContentNode>();
        stack.Push(el);
        while (stack.Count > 0 && sb.Length < max)
        {
            var n = stack.Pop();
            if (n.IsText)
            {
                foreach (char c in n.Text!)
                {
                    if (IsSpace(c)) { space = sb.Length > 0; continue; }
                    if (space) { sb.Append(sb[^1] == '\n' ? "" : " "); space = false; }
                    sb.Append(c);
                }
                continue;
            }
            if (n.IsBlock && sb.Length > 0 && sb[^1] != '\n') { sb.Append('\n'); space = false; }
            if (n.Children is { } ch)
                for (int i = ch.Count - 1; i >= 0; i--) stack.Push(ch[i]);
        }
        string s = sb.ToString().Trim();
        return s.Length > max ? s[..max] : s;
    }

    private void AppendText(string text)
    {
        if (_preDepth > 0)
        {
            foreach (char c in text)
            {
                if (c == '\r') continue;
                _buf.Append(c == '\u00A0' ? ' ' : c);
                if (!IsSpace(c)) Count();
            }
            return;
        }
        foreach (char c in text)
        {
            if (IsSpace(c)) { _pendingSpace = true; continue; }
            if (_pendingSpace && _buf.Length > 0 && _buf[^1] != '\n') _buf.Append(' ');
            _pendingSpace = false;
            _buf.Append(c);
            Count();
        }
    }

    private void Count()
    {
        if (_linkDepth > 0)
        {
            _linkChars++;
            if (_leadingLink) _leadingLinkChars++;
        }
        else _leadingLink = false;
        if (_boldDepth > 0) _boldChars++;
    }

    /// <summary>HTML whitespace plus no-break space (rendered as a space; the benchmarks treat it as one).</summary>
    internal static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\u00A0' or '\u200B';

    private void Flush()
    {
        _pendingSpace = false;
        int linkChars = _linkChars, leading = _leadingLinkChars, bold = _boldChars;
        _linkChars = _leadingLinkChars = _boldChars = 0;
        _leadingLink = true;
        if (_buf.Length == 0) return;
        string text = TrimLines(_buf.ToString());
        _buf.Clear();
        if (text.Length == 0) return;
        var owner = _owners.Count > 0 ? _owners.Peek() : null;
        if (owner is null) return;
        _blocks.Add(new TextBlock
        {
            Text = text, Owner = owner, Kind = KindOf(owner), Index = _blocks.Count,
            LinkChars = Math.Min(linkChars, text.Length), LeadingLinkChars = Math.Min(leading, text.Length), BoldChars = Math.Min(bold, text.Length),
        });
    }

    /// <summary>Trims each line (line breaks come from &lt;br&gt; and &lt;pre&gt;) and drops empty lines at the ends.</summary>
    private static string TrimLines(string s)
    {
        if (!s.Contains('\n')) return s.Trim();
        var lines = s.Split('\n').Select(l => l.Trim()).ToList();
        return string.Join('\n', lines).Trim('\n', ' ');
    }

    private static BlockKind KindOf(ContentNode owner)
    {
        for (var n = owner; n is not null; n = n.Parent)
        {
            switch (n.Tag)
            {
                case "h1": case "h2": case "h3": case "h4": case "h5": case "h6": return BlockKind.Heading;
                case "li": case "dt": case "dd": return BlockKind.ListItem;
                case "tr": case "td": case "th": return BlockKind.Row;
                case "pre": return BlockKind.Pre;
                case "figcaption": case "caption": return BlockKind.Caption;
                case "blockquote": return BlockKind.Quote;
                case "p": return BlockKind.Paragraph;
            }
            // Only the nearest few ancestors say what a block is; stop at the first structural container.
            if (n.Tag is "div" or "section" or "article" or "main" or "body" or "ul" or "ol" or "table") break;
        }
        return BlockKind.Other;
    }
}
