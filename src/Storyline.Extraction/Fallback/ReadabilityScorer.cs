using Storyline.Extraction.Dom;
using Storyline.Extraction.Main;

namespace Storyline.Extraction.Fallback;

/// <summary>Tunables of <see cref="ReadabilityScorer"/>, named after Mozilla Readability's constants where they are its own.</summary>
internal static class ReadabilityTuning
{
    /// <summary>Paragraphs shorter than this are not scored (Readability: 25).</summary>
    public const int MinParagraphChars = 25;
    /// <summary>Length bonus: one point per this many characters (Readability: 100)...</summary>
    public const int CharsPerPoint = 100;
    /// <summary>...up to this many points (Readability: 3).</summary>
    public const int MaxLengthPoints = 3;
    /// <summary>Ancestors of a paragraph that receive its score (Readability: 5).</summary>
    public const int AncestorLevels = 5;
    /// <summary>Candidates kept for the alternative-ancestor test (Readability: DEFAULT_N_TOP_CANDIDATES = 5).</summary>
    public const int TopCandidates = 5;
    /// <summary>An alternative candidate scores at least this share of the top one (Readability: 0.75).</summary>
    public const double AlternativeShare = 0.75;
    /// <summary>This many alternative candidates under one ancestor make that ancestor the top candidate (Readability: 3).</summary>
    public const int MinAlternatives = 3;
    /// <summary>A sibling joins when it scores this share of the top candidate (Readability: 0.2)...</summary>
    public const double SiblingShare = 0.2;
    /// <summary>...and at least this much (Readability: 10).</summary>
    public const double MinSiblingScore = 10;
    /// <summary>A paragraph sibling at least this long with a link density under <see cref="SiblingParagraphLinkDensity"/> joins (Readability: 80, 0.25).</summary>
    public const int SiblingParagraphChars = 80;
    public const double SiblingParagraphLinkDensity = 0.25;
    /// <summary>An attempt shorter than this is retried with less pruning (Readability: charThreshold = 500).</summary>
    public const int RetryBelowChars = 500;
}

/// <summary>
/// Mozilla Readability's article finder (Readability.js _grabArticle) run on our own content tree and the text blocks
/// the main extractor already cut, so the page is neither parsed again nor cloned. Each paragraph-like block scores
/// 1 + commas + one point per 100 characters (at most 3); the score goes to its parent in full, its grandparent by
/// half and further ancestors by a third of their level. Candidates start from a tag score plus the class weight and
/// end multiplied by (1 - link density). The best candidate may give way to a common ancestor of strong alternatives
/// or a higher-scoring parent; then siblings that score well enough, or read as prose, join it.
/// Readability's retries map to a first attempt on the pruned blocks, then one with only hard pruning
/// (<see cref="BlockLinearizer.IsHardPruned"/>), then one without class weights; the first long enough wins, else
/// the longest.
/// </summary>
internal static class ReadabilityScorer
{
    /// <summary>Block owners whose text Readability scores as a paragraph (divs of inline content become paragraphs there).</summary>
    private static readonly HashSet<string> ParagraphTags = new(StringComparer.Ordinal)
    {
        "p", "div", "pre", "section", "article", "main", "center", "h2", "h3", "h4", "h5", "h6", "tr",
    };

    /// <summary>
    /// The article text of the page, or "" when no block scores. <paramref name="pruned"/> is the main extractor's
    /// linearization of <paramref name="root"/> (pruned by hints, blocks classified). An attempt shorter than
    /// <paramref name="enoughChars"/> (at least Readability's 500; the cascade passes what would beat the main
    /// extractor) is retried with less pruning.
    /// </summary>
    public static string Extract(ContentNode root, IReadOnlyList<TextBlock> pruned, IReadOnlyList<string> titles, int enoughChars = 0)
    {
        enoughChars = Math.Max(enoughChars, ReadabilityTuning.RetryBelowChars);
        string first = Attempt(root, pruned, useClassWeights: true, titles, wholePage: true);
        if (first.Length >= enoughChars) return first;
        // Hints may have pruned the body itself: score again with only the hard pruning (hidden, nav, aside, footer).
        var lenient = BlockLinearizer.Run(root, BlockLinearizer.IsHardPruned).Blocks;
        foreach (var b in lenient) b.Class = MainExtractor.Classify(b);
        // Without hint pruning, a page of repeated furniture makes the whole page score best: not an article.
        string second = Attempt(root, lenient, useClassWeights: true, titles, wholePage: false);
        if (second.Length >= enoughChars) return second;
        string third = Attempt(root, lenient, useClassWeights: false, titles, wholePage: false);
        if (third.Length >= enoughChars) return third;
        // None is long enough: the longest (the first on ties, as Readability keeps its first attempt).
        string best = first;
        if (second.Length > best.Length) best = second;
        if (third.Length > best.Length) best = third;
        return best;
    }

    /// <summary>One scoring pass: the text of the chosen blocks, link lists and furniture left out.</summary>
    /// <remarks><paramref name="wholePage"/>: whether an element holding every block of the page may be the article (else such an attempt gives "").</remarks>
    internal static string Attempt(ContentNode root, IReadOnlyList<TextBlock> blocks, bool useClassWeights, IReadOnlyList<string> titles, bool wholePage)
    {
        var chosen = Choose(root, blocks, useClassWeights);
        if (!wholePage && chosen.Count == 1 && chosen[0].BlockStart == 0 && chosen[0].BlockEnd == blocks.Count) return "";
        if (chosen.Count == 0) return "";
        var removed = new bool[blocks.Count];
        foreach (var node in chosen) ConditionalCleaner.Clean(node, blocks, removed, useClassWeights);
        var parts = new List<string>();
        foreach (var node in chosen)
            for (int i = node.BlockStart; i < node.BlockEnd; i++)
            {
                var b = blocks[i];
                if (removed[i] || b.Class == BlockClass.Bad) continue;
                if (b.Kind == BlockKind.Heading && MainExtractor.IsTitle(b.Text, titles)) continue;
                parts.Add(b.Text);
            }
        return string.Join("\n\n", parts);
    }

    /// <summary>The top candidate and the siblings that join it, in document order (empty when nothing scores).</summary>
    internal static List<ContentNode> Choose(ContentNode root, IReadOnlyList<TextBlock> blocks, bool useClassWeights)
    {
        int n = blocks.Count;
        var text = new Prefix(n);
        for (int i = 0; i < n; i++) text.Set(i, blocks[i].Chars, blocks[i].LinkChars);

        // Candidates in the order they are first scored: ties go to the earlier one, as in Readability.
        var scores = new Dictionary<ContentNode, double>(ReferenceEqualityComparer.Instance);
        var order = new List<ContentNode>();
        foreach (var b in blocks)
        {
            if (b.Chars < ReadabilityTuning.MinParagraphChars || ScoredFrom(b, blocks) is not { } first) continue;
            double points = 1 + BlockFeatures.Commas(b.Text) + Math.Min(b.Chars / ReadabilityTuning.CharsPerPoint, ReadabilityTuning.MaxLengthPoints);
            var anc = first;
            for (int level = 0; level < ReadabilityTuning.AncestorLevels && anc is not null; level++, anc = anc.Parent)
            {
                if (!scores.TryGetValue(anc, out double s))
                {
                    s = InitialScore(anc, useClassWeights);
                    order.Add(anc);
                }
                scores[anc] = s + points / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
            }
        }
        if (order.Count == 0) return [];
        foreach (var c in order) scores[c] *= 1 - text.LinkDensity(c);

        // Top candidates, best first; a stable insertion keeps the earlier candidate ahead on ties.
        var top = new List<ContentNode>(ReadabilityTuning.TopCandidates + 1);
        foreach (var c in order)
        {
            int at = top.Count;
            while (at > 0 && scores[c] > scores[top[at - 1]]) at--;
            if (at < ReadabilityTuning.TopCandidates) top.Insert(at, c);
            if (top.Count > ReadabilityTuning.TopCandidates) top.RemoveAt(top.Count - 1);
        }
        var best = top[0];
        if (best.Parent is null) return [best];
        best = CommonAncestorOfAlternatives(best, top, scores);
        best = HigherScoringParent(best, scores);
        // A wrapper holding exactly the same blocks is the same candidate: its siblings are the ones that count.
        while (best.Parent is { Parent: not null } up && up.BlockStart == best.BlockStart && up.BlockEnd == best.BlockEnd) best = up;
        return WithSiblings(best, scores, text, blocks);
    }

    /// <summary>
    /// Where a block's score starts: its owner's parent when the owner holds just this paragraph; the owner itself when
    /// the block is a run of inline text beside other blocks (Readability wraps such runs in a paragraph); null for
    /// owners Readability does not score (list items, headings h1, captions...).
    /// </summary>
    private static ContentNode? ScoredFrom(TextBlock b, IReadOnlyList<TextBlock> blocks)
    {
        var owner = b.Owner;
        if (!ParagraphTags.Contains(owner.Tag)) return null;
        bool alone = owner.BlockStart == b.Index && owner.BlockEnd == b.Index + 1 && ReferenceEquals(blocks[b.Index], b);
        return alone ? owner.Parent : owner;
    }

    /// <summary>Readability's initializeNode: a score by tag plus the class weight.</summary>
    private static double InitialScore(ContentNode n, bool useClassWeights)
    {
        double s = n.Tag switch
        {
            "div" => 5,
            "pre" or "td" or "blockquote" => 3,
            "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
            _ => 0,
        };
        return useClassWeights ? s + n.ClassWeight : s;
    }

    /// <summary>When several near-best candidates share an ancestor of the best one, that ancestor holds the article.</summary>
    private static ContentNode CommonAncestorOfAlternatives(ContentNode best, List<ContentNode> top, Dictionary<ContentNode, double> scores)
    {
        double bestScore = scores[best];
        var alternatives = new List<ContentNode>();
        for (int i = 1; i < top.Count; i++)
            if (bestScore > 0 && scores[top[i]] / bestScore >= ReadabilityTuning.AlternativeShare) alternatives.Add(top[i]);
        if (alternatives.Count < ReadabilityTuning.MinAlternatives) return best;
        for (var p = best.Parent; p is not null && p.Parent is not null; p = p.Parent)
        {
            int containing = 0;
            foreach (var alt in alternatives)
                if (IsAncestor(p, alt) && ++containing >= ReadabilityTuning.MinAlternatives) break;
            if (containing >= ReadabilityTuning.MinAlternatives)
            {
                scores.TryAdd(p, InitialScore(p, useClassWeights: true));
                return p;
            }
        }
        return best;
    }

    /// <summary>Readability climbs to a parent that scores more than the candidate, while parents keep a third of its score.</summary>
    private static ContentNode HigherScoringParent(ContentNode best, Dictionary<ContentNode, double> scores)
    {
        double last = scores[best];
        double threshold = last / 3;
        for (var p = best.Parent; p is not null && p.Parent is not null; p = p.Parent)
        {
            if (!scores.TryGetValue(p, out double s)) continue;
            if (s < threshold) break;
            if (s > last) return p;
            last = s;
        }
        return best;
    }

    private static bool IsAncestor(ContentNode ancestor, ContentNode n)
    {
        for (var p = n.Parent; p is not null; p = p.Parent)
            if (ReferenceEquals(p, ancestor)) return true;
        return false;
    }

    /// <summary>Readability's sibling step: siblings that score a fifth of the candidate, or read as a prose paragraph, join it.</summary>
    private static List<ContentNode> WithSiblings(ContentNode best, Dictionary<ContentNode, double> scores, Prefix text, IReadOnlyList<TextBlock> blocks)
    {
        if (best.Parent?.Children is not { } siblings) return [best];
        double threshold = Math.Max(ReadabilityTuning.MinSiblingScore, scores.GetValueOrDefault(best) * ReadabilityTuning.SiblingShare);
        var chosen = new List<ContentNode>();
        foreach (var sib in siblings)
        {
            if (ReferenceEquals(sib, best)) { chosen.Add(sib); continue; }
            if (sib.IsText || sib.BlockEnd <= sib.BlockStart) continue;
            if (scores.TryGetValue(sib, out double s) && s >= threshold) { chosen.Add(sib); continue; }
            if (sib.Tag != "p") continue;
            int chars = text.Chars(sib);
            double ld = text.LinkDensity(sib);
            if (chars > ReadabilityTuning.SiblingParagraphChars ? ld < ReadabilityTuning.SiblingParagraphLinkDensity
                    : ld == 0 && EndsWithPeriod(blocks, sib)) chosen.Add(sib);
        }
        return chosen;
    }

    /// <summary>Readability's test for a short paragraph that is still a sentence: a period ends it or a word after it.</summary>
    private static bool EndsWithPeriod(IReadOnlyList<TextBlock> blocks, ContentNode e)
    {
        for (int i = e.BlockStart; i < e.BlockEnd; i++)
        {
            string t = blocks[i].Text;
            int dot = t.IndexOf('.', StringComparison.Ordinal);
            while (dot >= 0)
            {
                if (dot == t.Length - 1 || t[dot + 1] == ' ') return true;
                dot = t.IndexOf('.', dot + 1);
            }
        }
        return false;
    }

    /// <summary>Prefix sums of block characters and link characters: any element's text size and link density in O(1).</summary>
    private sealed class Prefix(int n)
    {
        private readonly long[] _chars = new long[n + 1];
        private readonly long[] _links = new long[n + 1];

        public void Set(int i, int chars, int links)
        {
            _chars[i + 1] = _chars[i] + chars;
            _links[i + 1] = _links[i] + links;
        }

        public int Chars(ContentNode e) => (int)(_chars[e.BlockEnd] - _chars[e.BlockStart]);

        public double LinkDensity(ContentNode e)
        {
            long chars = _chars[e.BlockEnd] - _chars[e.BlockStart];
            return chars == 0 ? 0 : (double)(_links[e.BlockEnd] - _links[e.BlockStart]) / chars;
        }
    }
}
