using Storyline.Stories.Dedup;
using Storyline.Stories.Diff;
using Storyline.Stories.Index;
using Storyline.Stories.Rewrite;
using Storyline.Stories.Text;

namespace Storyline.Stories.Tests;

public class TextTests
{
    [Fact]
    public void Sentences_AbbreviationsAndInitials_DoNotSplit()
    {
        var s = TextTools.SentenceTexts("Mr. Smith met Dr. J. Brown in the U.S. capital. They talked. \"Fine,\" he said.");
        Assert.Equal(["Mr. Smith met Dr. J. Brown in the U.S. capital.", "They talked.", "\"Fine,\" he said."], s);
    }

    [Fact]
    public void Words_NumbersKeepSeparators()
    {
        var w = TextTools.Words("It cost $1,250.50 in 2011, don't ask.");
        Assert.Contains(w, x => x.Lower == "1250.50" && x.IsNumber);
        Assert.Contains(w, x => x.Lower == "don't");
    }

    [Fact]
    public void MinHash_EstimatesJaccardAndContainment()
    {
        var h = new MinHasher();
        var a = h.Signature(Articles.Ferry);
        var b = h.Signature(Articles.Scrape(Articles.Ferry));
        var c = h.Signature(Articles.Library);
        double jab = MinHasher.Jaccard(a, b);
        Assert.True(jab > 0.8, $"debris lines are not shingled: {jab}");
        Assert.True(MinHasher.Jaccard(a, c) < 0.1);
        var (aInB, _) = MinHasher.Containment(a, h.Signature(Articles.WithParagraph(Articles.Ferry)), MinHasher.Jaccard(a, h.Signature(Articles.WithParagraph(Articles.Ferry))));
        Assert.True(aInB > 0.9, $"containment {aInB}");
    }

    [Fact]
    public void Aligner_LabelsSameRewordedAddedDropped()
    {
        const string a = "The council approved the library plan on Thursday. Councillors voted 9 to 4 in favour. Construction starts next spring.";
        const string b = "The council approved the library plan on Thursday. In favour were 9 councillors, with 4 against. The mayor praised the vote as a victory for readers.";
        var al = SentenceAligner.Align(a, b);
        Assert.Equal(AlignLabel.Same, al.Sentences[0].Label);
        Assert.Contains(al.Sentences, s => s.Label == AlignLabel.Reworded && s.IndexA == 1 && s.IndexB == 1);
        Assert.Contains(al.Sentences, s => s.Label == AlignLabel.Added && s.IndexB == 2);
        Assert.Contains(al.Sentences, s => s.Label == AlignLabel.Dropped && s.IndexA == 2);
        Assert.Equal((1, 1, 1, 1), (al.Same, al.Reworded, al.Added, al.Dropped));
    }

    [Fact]
    public void Aligner_DifferentArticlesSameTopic_IsNoRewrite()
    {
        var al = SentenceAligner.Align(Articles.QuakeA, Articles.QuakeB);
        Assert.False(SentenceAligner.IsRewrite(al), $"coverage {al.CoverageA:F2}/{al.CoverageB:F2}");
        Assert.True(SentenceAligner.IsRewrite(SentenceAligner.Align(Articles.Ferry, Articles.FerryRewrite)));
    }

    [Fact]
    public void Paraphrase_NumberChange_LowersProbability()
    {
        var clf = ParaphraseClassifier.Default;
        var a = new SentenceInfo("The company said profits rose 12 percent to 4.1 billion dollars in the second quarter.");
        var same = new SentenceInfo("Profits at the company climbed 12 percent to 4.1 billion dollars in the second quarter, it said.");
        var other = new SentenceInfo("The company said profits fell 3 percent to 2.2 billion dollars in the first quarter.");
        Assert.True(clf.Probability(a, same) > clf.Probability(a, other));
        Assert.True(clf.IsParaphrase(a, same));
    }

    [Fact]
    public void Diff_ReportsChangedAddedRemoved()
    {
        const string v1 = "The vote was 9 to 4. The library opens in 2026. Critics object to the cost.";
        const string v2 = "The vote was 10 to 3. The library opens in 2026. The mayor welcomed the result.";
        var d = SentenceDiff.Compare(v1, v2);
        Assert.Equal(DiffOp.Changed, d.Entries[0].Op);
        Assert.Equal("The vote was [-9-] {+10+} to [-4.-] {+3.+}", d.Entries[0].Words);
        Assert.Equal(DiffOp.Same, d.Entries[1].Op);
        Assert.Equal((1, 1, 1, 1), (d.Same, d.Changed, d.Added, d.Removed));
        var text = d.ToText();
        Assert.Contains("- Critics object to the cost.", text, StringComparison.Ordinal);
        Assert.Contains("+ The mayor welcomed the result.", text, StringComparison.Ordinal);
        Assert.True(SentenceDiff.Compare(v1, v1).Identical);
    }

    [Fact]
    public void Credit_FindsOriginallyPublishedAndDateline()
    {
        Assert.Equal("Nordic Wire", Engine.DocumentAnalysis.Credit("Text here.\n\nThis article was originally published by Nordic Wire.", null));
        Assert.Equal("Reuters", Engine.DocumentAnalysis.Credit("LONDON (Reuters) - Markets fell.", null));
        Assert.Null(Engine.DocumentAnalysis.Credit("Nothing to credit here.", null));
    }

    [Fact]
    public void Store_PostingListsStayBounded()
    {
        var s = new InMemoryStoryIndexStore();
        for (int i = 1; i <= InMemoryStoryIndexStore.MaxListLength + 50; i++) s.AddPostings([(42ul, i)]);
        var hits = s.QueryPostings([42ul], int.MaxValue);
        Assert.Equal(InMemoryStoryIndexStore.MaxListLength, hits.Count);
        Assert.True(hits.ContainsKey(InMemoryStoryIndexStore.MaxListLength + 50), "the newest entry is kept");
        Assert.False(hits.ContainsKey(1), "the oldest entry was dropped");
        Assert.Equal(10, s.QueryPostings([42ul], 10).Count);
    }

    [Fact]
    public void Scoring_BCubedAndPairwise_KnownValues()
    {
        string[] gold = ["a", "a", "b", "b"];
        int[] pred = [1, 1, 1, 2];
        var (p, r, f) = Eval.StoryEvaluator.BCubed(gold, pred);
        Assert.Equal((2.0 / 3 * 2 + 1.0 / 3 + 1) / 4, p, 6);
        Assert.Equal((1 + 1 + 0.5 + 0.5) / 4, r, 6);
        var (pp, pr, _) = Eval.StoryEvaluator.Pairwise(gold, pred);
        Assert.Equal(1.0 / 3, pp, 6);
        Assert.Equal(0.5, pr, 6);
        Assert.True(f > 0);
    }
}
