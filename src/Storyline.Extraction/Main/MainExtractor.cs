using Storyline.Extraction.Dom;

namespace Storyline.Extraction.Main;

/// <summary>Tunables of the main extractor, named (trafilatura keeps its own at the top of core.py).</summary>
internal static class MainTuning
{
    /// <summary>A block whose link text exceeds this share is a link list, not prose.</summary>
    public const double MaxLinkDensity = 0.5;
    /// <summary>Link share under which a long block counts as good prose.</summary>
    public const double GoodLinkDensity = 0.33;
    /// <summary>A block this long (characters) with few links is good whatever its shape.</summary>
    public const int LongBlockChars = 80;
    /// <summary>A sentence-shaped block this long is good.</summary>
    public const int SentenceBlockChars = 30;
    /// <summary>Minimum words of a sentence-shaped good block.</summary>
    public const int SentenceBlockWords = 4;
    /// <summary>Score cost per character of a link-list block when choosing the container.</summary>
    public const double BadCharCost = 1.0;
    /// <summary>Flat score cost of a short block when choosing the container.</summary>
    public const double ShortBlockCost = 10;
    /// <summary>Relative score bonus of a container named as article body by class/id/itemprop.</summary>
    public const double ContentHintBonus = 0.15;
    /// <summary>Relative score change per readability class-weight step (±25).</summary>
    public const double ClassWeightBonus = 0.05;
    /// <summary>A block starting with at least this much link text and ending in an ellipsis is a teaser for another page.</summary>
    public const int TeaserLeadingLinkChars = 15;
    /// <summary>A block at most this long and (nearly) all bold reads as a subheading.</summary>
    public const int BoldHeadingMaxChars = 150;
    /// <summary>Share of bold characters that makes a block a bold subheading.</summary>
    public const double BoldHeadingShare = 0.9;
    /// <summary>A sibling of the chosen container joins it when its score reaches this share of the container's (readability: 0.2).</summary>
    public const double SiblingScoreShare = 0.2;
    /// <summary>Link blocks up to this long standing alone between paragraphs (inline "related" links) do not break the context of their neighbours.</summary>
    public const int InlineLinkBlockMaxChars = 100;
    /// <summary>Link share a sentence-shaped block may have and still count as prose.</summary>
    public const double SentenceLinkDensity = 0.5;
    /// <summary>...or when it is all good prose scoring at least this much.</summary>
    public const double SiblingMinProseScore = 80;
}

/// <summary>Outcome of the main extractor.</summary>
internal sealed class MainResult
{
    public required IReadOnlyList<TextBlock> Blocks { get; init; }
    public required IReadOnlyList<RemovedSpan> Pruned { get; init; }
    public required ContentNode? Container { get; init; }
    public IEnumerable<TextBlock> Kept => Blocks.Where(b => b.DropReason is null);
    public string Text => string.Join("\n\n", Kept.Select(b => b.Text));
    public int KeptChars => Kept.Sum(b => b.Chars);
}

/// <summary>
/// The main extractor: class/tag pruning (done by the linearizer), then the container whose blocks
/// score best (good prose adds its length, link lists and short fragments subtract), then a jusText-like
/// pass over the blocks inside it that drops link lists, furniture phrases and short blocks not
/// surrounded by prose.
/// </summary>
internal static class MainExtractor
{
    public static MainResult Extract(ContentNode root, IReadOnlyList<string> titles)
    {
        var lin = BlockLinearizer.Run(root);
        var blocks = lin.Blocks;
        foreach (var b in blocks) b.Class = Classify(b);
        var container = ChooseContainer(root, blocks);
        if (container is null)
        {
            // Nothing scores as prose: no main content (the cascade's fallbacks take over).
            foreach (var b in blocks) b.DropReason = Reasons.OutsideMain;
            return new MainResult { Blocks = blocks, Pruned = lin.Removed, Container = null };
        }
        var inMain = new bool[blocks.Count];
        for (int i = container.BlockStart; i < container.BlockEnd; i++) inMain[i] = true;
        AddSiblings(container, blocks, inMain);
        for (int i = 0; i < blocks.Count; i++)
            if (!inMain[i])
                blocks[i].DropReason = blocks[i].Kind == BlockKind.Heading && IsTitle(blocks[i].Text, titles) ? Reasons.Title : Reasons.OutsideMain;
        FilterInside(blocks, inMain, titles);
        return new MainResult { Blocks = blocks, Pruned = lin.Removed, Container = container };
    }

    internal static BlockClass Classify(TextBlock b)
    {
        double ld = b.LinkDensity;
        if (ld > MainTuning.MaxLinkDensity) return BlockClass.Bad;
        if (BlockFeatures.IsBoilerplatePhrase(b.Text)) return BlockClass.Bad;
        if (b.LeadingLinkChars >= MainTuning.TeaserLeadingLinkChars && BlockFeatures.EndsWithEllipsis(b.Text)) return BlockClass.Bad;
        if (BlockFeatures.IsCookieNotice(b.Text)) return BlockClass.Bad;
        if (ld <= MainTuning.GoodLinkDensity && b.Chars >= MainTuning.LongBlockChars) return BlockClass.Good;
        if (ld <= MainTuning.SentenceLinkDensity && b.Chars >= MainTuning.SentenceBlockChars && BlockFeatures.EndsLikeSentence(b.Text)
            && BlockFeatures.Words(b.Text) >= MainTuning.SentenceBlockWords) return BlockClass.Good;
        return BlockClass.Short;
    }

    private static double Weight(TextBlock b) => b.Class switch
    {
        BlockClass.Good => b.Chars * (1 - b.LinkDensity),
        BlockClass.Bad => -b.Chars * MainTuning.BadCharCost,
        // Table rows and list items without links are structure, not furniture: neutral.
        _ when b.Kind is BlockKind.Row or BlockKind.ListItem && b.LinkChars == 0 => 0,
        _ => -MainTuning.ShortBlockCost,
    };

    /// <summary>A heading, or a short block set entirely in bold (a subheading written as &lt;p&gt;&lt;strong&gt;).</summary>
    internal static bool IsHeadingLike(TextBlock b)
        => b.Kind == BlockKind.Heading
           || (b.Chars <= MainTuning.BoldHeadingMaxChars && b.BoldChars >= b.Chars * MainTuning.BoldHeadingShare && b.LinkChars == 0);

    /// <summary>
    /// Readability's sibling step: siblings of the container that score well enough, or that are pure
    /// prose (a standfirst beside the body), join the main content.
    /// </summary>
    private static void AddSiblings(ContentNode container, IReadOnlyList<TextBlock> blocks, bool[] inMain)
    {
        // Wrappers holding exactly the same blocks are the same container: their siblings count too.
        while (container.Parent is { } up && up.BlockStart == container.BlockStart && up.BlockEnd == container.BlockEnd) container = up;
        if (container.Parent?.Children is not { } siblings) return;
        double containerScore = Score(container, blocks);
        foreach (var sib in siblings)
        {
            if (ReferenceEquals(sib, container) || sib.IsText || sib.BlockEnd <= sib.BlockStart) continue;
            double score = Score(sib, blocks);
            bool allGood = true;
            for (int i = sib.BlockStart; i < sib.BlockEnd && allGood; i++)
                allGood = blocks[i].Class == BlockClass.Good && blocks[i].LinkDensity < MainTuning.GoodLinkDensity;
            if (score >= containerScore * MainTuning.SiblingScoreShare || (allGood && score >= MainTuning.SiblingMinProseScore))
                for (int i = sib.BlockStart; i < sib.BlockEnd; i++) inMain[i] = true;
        }
    }

    private static double Score(ContentNode n, IReadOnlyList<TextBlock> blocks)
    {
        double s = 0;
        for (int i = n.BlockStart; i < n.BlockEnd; i++) s += Weight(blocks[i]);
        return s;
    }

    /// <summary>The element with the best summed block weight (ties go to the deeper element).</summary>
    private static ContentNode? ChooseContainer(ContentNode root, IReadOnlyList<TextBlock> blocks)
    {
        var prefix = new double[blocks.Count + 1];
        for (int i = 0; i < blocks.Count; i++) prefix[i + 1] = prefix[i] + Weight(blocks[i]);
        ContentNode? best = null;
        double bestScore = 0;
        var stack = new Stack<ContentNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n.IsText || n.BlockEnd <= n.BlockStart) continue;
            double raw = prefix[n.BlockEnd] - prefix[n.BlockStart];
            double factor = 1 + (n.ContentHint ? MainTuning.ContentHintBonus : 0)
                + MainTuning.ClassWeightBonus * n.ClassWeight / Hints.WeightStep;
            double score = raw > 0 ? raw * factor : raw;
            if (score > bestScore || (score == bestScore && best is not null && n.Depth > best.Depth))
            {
                best = n;
                bestScore = score;
            }
            if (n.Children is { } ch)
                foreach (var c in ch)
                    if (!c.IsText) stack.Push(c);
        }
        return best;
    }

    /// <summary>jusText-style context pass over the blocks of the main content.</summary>
    private static void FilterInside(IReadOnlyList<TextBlock> blocks, bool[] inMain, IReadOnlyList<string> titles)
    {
        int firstGood = -1;
        for (int i = 0; i < blocks.Count && firstGood < 0; i++)
            if (inMain[i] && blocks[i].Class == BlockClass.Good) firstGood = i;
        var (before, after) = Neighbours(blocks, inMain);
        for (int i = 0; i < blocks.Count; i++)
        {
            if (!inMain[i]) continue;
            var b = blocks[i];
            if (b.Kind == BlockKind.Heading && (IsTitle(b.Text, titles) || (b.Owner.Tag == "h1" && (firstGood < 0 || i < firstGood))))
            {
                b.DropReason = Reasons.Title;
                continue;
            }
            switch (b.Class)
            {
                case BlockClass.Good: break;
                case BlockClass.Bad:
                    b.DropReason = b.LinkDensity > MainTuning.MaxLinkDensity ? Reasons.Links : Reasons.Short;
                    break;
                default:
                    var prev = before[i];
                    var next = after[i];
                    bool keep = IsHeadingLike(b)
                        ? next == BlockClass.Good
                        : prev == BlockClass.Good && next == BlockClass.Good;
                    if (!keep) b.DropReason = Reasons.Short;
                    break;
            }
        }
    }

    /// <summary>
    /// For each block, the class of the nearest non-short main block before and after it, or Bad at the edge of the main
    /// content. Two linear sweeps (a scan per block would be quadratic on pages of thousands of short blocks).
    /// </summary>
    private static (BlockClass[] Before, BlockClass[] After) Neighbours(IReadOnlyList<TextBlock> blocks, bool[] inMain)
    {
        int n = blocks.Count;
        var before = new BlockClass[n];
        var after = new BlockClass[n];
        for (int i = 0; i < n; i++)
            before[i] = i == 0 || !inMain[i - 1] ? BlockClass.Bad : Transparent(blocks[i - 1]) ? before[i - 1] : blocks[i - 1].Class;
        for (int i = n - 1; i >= 0; i--)
            after[i] = i == n - 1 || !inMain[i + 1] ? BlockClass.Bad : Transparent(blocks[i + 1]) ? after[i + 1] : blocks[i + 1].Class;
        return (before, after);
    }

    /// <summary>Blocks the context pass looks through: short ones, and short inline link blocks between paragraphs.</summary>
    private static bool Transparent(TextBlock b)
        => b.Class == BlockClass.Short
           || (b.Class == BlockClass.Bad && b.LinkDensity > MainTuning.MaxLinkDensity && b.Chars <= MainTuning.InlineLinkBlockMaxChars);

    internal static bool IsTitle(string text, IReadOnlyList<string> titles)
    {
        foreach (var t in titles)
        {
            if (t.Length == 0) continue;
            if (string.Equals(text, t, StringComparison.OrdinalIgnoreCase)) return true;
            // Page titles often carry a site suffix ("Headline | Site"): the heading is its prefix.
            if (text.Length >= TitlePrefixMinChars && t.StartsWith(text, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>A heading must be at least this long to match the start of the page title.</summary>
    private const int TitlePrefixMinChars = 15;
}
