using Storyline.Extraction.Dom;
using Storyline.Extraction.Main;

namespace Storyline.Extraction.Fallback;

/// <summary>
/// Readability's _cleanConditionally on the article <see cref="ReadabilityScorer"/> chose: inside it, tables, lists,
/// divs, forms and fieldsets with few commas that look like furniture (image galleries, link boxes, negative class
/// names, product teasers) are removed. Nodes are judged innermost first, each on what is left of it, as Readability
/// walks its node lists backwards. Works on block ranges; the tree is not modified.
/// </summary>
internal static class ConditionalCleaner
{
    /// <summary>Nodes with this many commas are prose and stay (Readability: 10).</summary>
    private const int ProseCommas = 10;
    /// <summary>Readability subtracts 100 from the list-item count before comparing it with paragraphs: only huge lists go.</summary>
    private const int ListItemAllowance = 100;
    /// <summary>Link density above which an element without a positive class weight is a link box (Readability: 0.2).</summary>
    private const double MaxLinkDensity = 0.2;
    /// <summary>...and with a positive one (Readability: 0.5).</summary>
    private const double MaxLinkDensityPositive = 0.5;
    /// <summary>A node with text shorter than this, some links and no heading is removed (Readability: 25).</summary>
    private const int MinContentChars = 25;
    /// <summary>Share of text inside lists that makes a div a list (Readability: 0.9).</summary>
    private const double ListTextShare = 0.9;
    /// <summary>A share box shorter than this goes (Readability: charThreshold = 500).</summary>
    private const int MaxShareChars = 500;
    /// <summary>A table with more cells than this is data, never furniture (Readability: rows x columns > 10).</summary>
    private const int DataTableCells = 10;

    private static readonly HashSet<string> CleanedTags = new(StringComparer.Ordinal) { "div", "table", "ul", "form", "fieldset" };

    /// <summary>Per-node counts over what is left of its subtree.</summary>
    private struct Counts
    {
        public int P, Img, Li, Tables, DataTables, Th, Rows, MaxCells;
    }

    /// <summary>Marks in <paramref name="removed"/> the blocks of every element under <paramref name="top"/> that Readability would clean away.</summary>
    public static void Clean(ContentNode top, IReadOnlyList<TextBlock> blocks, bool[] removed, bool useClassWeights)
    {
        // Iterative post-order: children are judged (and their counts folded in) before their parent.
        var counts = new Dictionary<ContentNode, Counts>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(ContentNode Node, bool Done)>();
        stack.Push((top, false));
        while (stack.Count > 0)
        {
            var (node, done) = stack.Pop();
            if (!done)
            {
                stack.Push((node, true));
                // Elements without text (images, pruned elements) count by their tag; nothing below them is read.
                if (node.BlockEnd > node.BlockStart && node.Children is { } ch)
                    foreach (var c in ch)
                        if (!c.IsText) stack.Push((c, false));
                continue;
            }
            var own = new Counts();
            if (node.Children is { } children)
                foreach (var c in children)
                    if (!c.IsText && counts.Remove(c, out var cc)) Add(ref own, cc, c);
            bool gone = !ReferenceEquals(node, top) && ShouldRemove(node, own, blocks, removed, useClassWeights);
            if (gone)
            {
                for (int i = node.BlockStart; i < node.BlockEnd; i++) removed[i] = true;
                continue;
            }
            counts[node] = own;
        }
    }

    /// <summary>Folds a kept child's counts, and the child itself, into its parent's.</summary>
    private static void Add(ref Counts sum, in Counts child, ContentNode c)
    {
        sum.P += child.P + (c.Tag == "p" ? 1 : 0);
        sum.Img += child.Img + (c.Tag == "img" ? 1 : 0);
        sum.Li += child.Li + (c.Tag == "li" ? 1 : 0);
        sum.Th += child.Th + (c.Tag == "th" ? 1 : 0);
        sum.Tables += child.Tables + (c.Tag == "table" ? 1 : 0);
        sum.DataTables += child.DataTables + (c.Tag == "table" && IsDataTable(child) ? 1 : 0);
        sum.Rows += child.Rows + (c.Tag == "tr" ? 1 : 0);
        int cells = c.Tag == "tr" ? CellCount(c) : 0;
        sum.MaxCells = Math.Max(sum.MaxCells, Math.Max(child.MaxCells, cells));
    }

    private static int CellCount(ContentNode tr)
    {
        int n = 0;
        if (tr.Children is { } ch)
            foreach (var c in ch)
                if (c.Tag is "td" or "th") n++;
        return n;
    }

    /// <summary>Readability's data-table test, reduced to what the tree keeps: header cells, or more than 10 cells.</summary>
    private static bool IsDataTable(in Counts table) => table.Tables == 0 && (table.Th > 0 || table.Rows * table.MaxCells > DataTableCells);

    private static bool ShouldRemove(ContentNode node, in Counts c, IReadOnlyList<TextBlock> blocks, bool[] removed, bool useClassWeights)
    {
        // Readability also strips share boxes whatever their tag.
        int chars = 0, links = 0, commas = 0, headingChars = 0, listChars = 0;
        for (int i = node.BlockStart; i < node.BlockEnd; i++)
        {
            if (removed[i]) continue;
            var b = blocks[i];
            chars += b.Chars;
            links += b.LinkChars;
            commas += BlockFeatures.Commas(b.Text);
            if (b.Kind == BlockKind.Heading) headingChars += b.Chars;
            if (b.Kind == BlockKind.ListItem) listChars += b.Chars;
        }
        if (node.BoilerplateReason == Reasons.Share && chars < MaxShareChars) return true;
        if (!CleanedTags.Contains(node.Tag)) return false;
        if (chars == 0) return false;
        if (node.Tag == "table" && IsDataTable(c)) return false;
        if (c.DataTables > 0 || InsideTag(node, "code") || InsideTag(node, "pre")) return false;
        int weight = useClassWeights ? node.ClassWeight : 0;
        if (weight < 0) return true;
        if (commas >= ProseCommas) return false;
        bool isList = node.Tag is "ul" or "ol" || (double)listChars / chars > ListTextShare;
        bool figure = InsideTag(node, "figure");
        double linkDensity = (double)links / chars;
        double headingDensity = (double)headingChars / chars;
        bool remove =
            (!figure && c.Img > 1 && (double)c.P / c.Img < 0.5)
            || (!isList && c.Li - ListItemAllowance > c.P)
            || (!isList && !figure && headingDensity < 0.9 && chars < MinContentChars && (c.Img == 0 || c.Img > 2) && linkDensity > 0)
            || (!isList && weight < Hints.WeightStep && linkDensity > MaxLinkDensity)
            || (weight >= Hints.WeightStep && linkDensity > MaxLinkDensityPositive);
        // Simple lists of images stay.
        if (remove && isList && c.Img > 0 && c.Img == c.Li) return false;
        return remove;
    }

    private static bool InsideTag(ContentNode node, string tag)
    {
        for (var p = node.Parent; p is not null; p = p.Parent)
            if (p.Tag == tag) return true;
        return false;
    }
}
