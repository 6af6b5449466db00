using Storyline.Core;
using Storyline.Language.Tokenization;

namespace Storyline.Language.Tests;

public class SentenceSplitterTests
{
    private static string[] Split(string text)
    {
        var tokens = Tokenizer.Default.Tokenize(text);
        var sents = SentenceSplitter.Default.Split(text, tokens);
        // Sentences cover every token exactly once, in order, and their offsets match their tokens.
        int next = 0;
        foreach (var s in sents)
        {
            Assert.Equal(next, s.FirstToken);
            Assert.True(s.TokenCount > 0);
            Assert.Equal(tokens[s.FirstToken].Start, s.Start);
            Assert.Equal(tokens[s.FirstToken + s.TokenCount - 1].End, s.End);
            next += s.TokenCount;
        }
        Assert.Equal(tokens.Count, next);
        return [.. sents.Select(s => text[s.Start..s.End])];
    }

    [Fact]
    public void Abbreviations_DoNotEndSentences()
    {
        var s = Split("Sen. Elizabeth Warren met Dr. Ahmed in the U.S. capital on Feb. 5. They talked for an hour.");
        Assert.Equal(["Sen. Elizabeth Warren met Dr. Ahmed in the U.S. capital on Feb. 5.", "They talked for an hour."], s);
    }

    [Fact]
    public void Abbreviation_AtSentenceEnd_BeforeOpener_Splits()
    {
        var s = Split("The company moved to the U.S. The move cost $3 million.");
        Assert.Equal(["The company moved to the U.S.", "The move cost $3 million."], s);
    }

    [Fact]
    public void CompanySuffix_AtEnd_Splits_ButNotBeforeName()
    {
        var s = Split("Shares rose at Acme Inc. He said Acme Corp. Chairman Lee resigned.");
        Assert.Equal(["Shares rose at Acme Inc.", "He said Acme Corp. Chairman Lee resigned."], s);
    }

    [Fact]
    public void Initials_DoNotSplit()
    {
        Assert.Single(Split("President George W. Bush and J. K. Rowling attended."));
    }

    [Fact]
    public void QuoteEndingSentence_StaysWithAttribution()
    {
        var s = Split("\"We will not back down...\" she said. The vote is Tuesday.");
        Assert.Equal(["\"We will not back down...\" she said.", "The vote is Tuesday."], s);
    }

    [Fact]
    public void CurlyQuote_AfterPeriod_BelongsToSentence()
    {
        var s = Split("He said: “It is over.” Then he left.");
        Assert.Equal(["He said: “It is over.”", "Then he left."], s);
    }

    [Fact]
    public void QuestionInQuote_FollowedByAttribution_IsOneSentence()
    {
        var s = Split("“Why now?” Smith asked. Nobody answered.");
        Assert.Equal(["“Why now?” Smith asked.", "Nobody answered."], s);
    }

    [Fact]
    public void Dateline_StaysInFirstSentence()
    {
        var s = Split("WASHINGTON (AP) — The Senate passed the bill on Tuesday. It now goes to the House.");
        Assert.Equal(["WASHINGTON (AP) — The Senate passed the bill on Tuesday.", "It now goes to the House."], s);
    }

    [Fact]
    public void Numbers_AndPercentages_DoNotSplit()
    {
        var s = Split("Inflation hit 3.5% in March, up from 2.9%. Prices of $1,200.50 items rose.");
        Assert.Equal(["Inflation hit 3.5% in March, up from 2.9%.", "Prices of $1,200.50 items rose."], s);
    }

    [Fact]
    public void Exclamation_Question_Ellipsis_Split()
    {
        var s = Split("Is it true? Yes! It is... Wait for it.");
        Assert.Equal(["Is it true?", "Yes!", "It is...", "Wait for it."], s);
    }

    [Fact]
    public void BlankLine_AlwaysSplits_HeadlineWithoutPeriod()
    {
        var s = Split("Storm hits coast\n\nThe storm arrived at 9 a.m. on Monday.");
        Assert.Equal(["Storm hits coast", "The storm arrived at 9 a.m. on Monday."], s);
    }

    [Fact]
    public void SingleLineBreaks_SplitCaptionAndBylineLines()
    {
        var s = Split("By Jane Roe\nPhoto: Staff Photographer\nThe council met on Monday and approved the budget after a long debate about schools.");
        Assert.Equal(["By Jane Roe", "Photo: Staff Photographer", "The council met on Monday and approved the budget after a long debate about schools."], s);
    }

    [Fact]
    public void HardWrappedText_KeepsSentencesAcrossLines()
    {
        const string text =
            "The council met on Monday and approved the budget after a long\n" +
            "debate about schools, roads and the new library that Mayor Ann\n" +
            "Lee has promised since 2019. Critics said the plan was too costly\n" +
            "and would raise taxes for families across the whole county area.";
        var s = Split(text);
        Assert.Equal(2, s.Length);
        Assert.EndsWith("since 2019.", s[0], StringComparison.Ordinal);
        Assert.Contains("Mayor Ann\nLee", s[0], StringComparison.Ordinal);
    }

    [Fact]
    public void LowercaseAfterPeriod_DoesNotSplit_Url()
    {
        var s = Split("Details are at www.example.com. The site opened today.");
        Assert.Equal(["Details are at www.example.com.", "The site opened today."], s);
    }

    [Fact]
    public void Stage_FillsDocumentTokensAndSentences()
    {
        var doc = new Document { Origin = new DocumentOrigin("test"), Text = "Mr. Li arrived. He spoke." };
        var pipeline = new PipelineBuilder { Given = { Attr.Text } }.UseTokenizer().Build();
        pipeline.Run(doc);
        Assert.Equal(["tokens.v1"], doc.Stages);
        Assert.Equal(7, doc.Tokens.Count);
        Assert.Equal(2, doc.Sentences.Count);
        Assert.Equal(4, doc.Sentences[1].FirstToken);
    }
}
