using Storyline.Core;
using Storyline.Core.Stages;

namespace Storyline.Core.Tests;

/// <summary>Junk is flagged with a reason; real short news (one-paragraph briefs, flashes) never is.</summary>
public class ArticleCheckTests
{
    [Theory]
    [InlineData("x", "too short")]
    [InlineData("Breaking news", "too short")]
    [InlineData("Click here to subscribe to our newsletter", "too short")] // 7 words
    [InlineData("12 345 678 -- 9,10 !!! $$$ %%% 2024-01-01 ###", "no words")]
    [InlineData("\u200B\u200B\u200C\u200D\u2060\uFEFF", "no visible text")]
    [InlineData("ha ha ha ha ha ha ha ha ha ha ha ha", "repeated short unit ('ha')")]
    [InlineData("LOL lol Lol lol lol lol lol lol lol", "repeated short unit ('lol')")]
    [InlineData("buy cheap pills online now buy cheap pills online now buy cheap pills online now buy cheap pills online now", "the same few words repeated")]
    public void Junk_IsFlagged_WithItsReason(string text, string reason)
    {
        var got = ArticleCheckStage.Check(text);
        Assert.NotNull(got);
        Assert.Contains(reason, got);
    }

    [Fact]
    public void RunOfOneLetter_FiveMegabytes_IsFlaggedQuickly()
    {
        var text = new string('a', 5_000_000);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var got = ArticleCheckStage.Check(text);
        Assert.Equal("one repeated character ('a')", got);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2), $"took {sw.Elapsed}");
    }

    [Fact]
    public void MostlyReplacementCharacters_AreFlagged()
    {
        var text = string.Concat(Enumerable.Repeat("\uFFFD\uFFFDab\uFFFD ", 50));
        Assert.Contains("replacement characters", ArticleCheckStage.Check(text));
    }

    [Fact]
    public void LongTextThatOnlyStartsWithARepeat_IsNotFlagged()
    {
        var text = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! The scream was heard across the valley on Monday night, "
            + "residents told reporters, and police were called to the farm shortly after ten o'clock.";
        Assert.Null(ArticleCheckStage.Check(text));
    }

    // Hand-written briefs in the style of wire flashes and one-paragraph news items: the shortest real news.
    [Theory]
    [InlineData("Police closed the M4 near Swindon on Tuesday after a lorry overturned, the Highways Agency said.")]
    [InlineData("The central bank left its main interest rate unchanged at 4.5 percent on Thursday.")]
    [InlineData("Israel's Netanyahu says he will form a new government.")]
    [InlineData("Fire crews rescued two people from a flooded car in Leeds overnight.")]
    [InlineData("東京都は月曜日、新しい防災計画を発表した。計画では、大規模な地震に備えて避難所を二倍に増やし、食料の備蓄も拡大する。")]
    [InlineData("Die Bundesregierung hat am Mittwoch ein neues Klimapaket beschlossen, teilte ein Sprecher mit.")]
    public void RealBriefs_AreNotFlagged(string text) => Assert.Null(ArticleCheckStage.Check(text));

    [Fact]
    public void Stage_SetsNotArticle_AndRecordsSL1018()
    {
        var doc = new Document { Origin = new DocumentOrigin("x.txt"), Text = "x" };
        new ArticleCheckStage().Process(doc);
        Assert.StartsWith("too short", doc.NotArticle);
        Assert.Contains(doc.Diagnostics, d => d.Code == ErrorCode.SL1018);

        var good = new Document { Origin = new DocumentOrigin("y.txt"), Text = "Police closed the M4 near Swindon on Tuesday after a lorry overturned, the Highways Agency said." };
        new ArticleCheckStage().Process(good);
        Assert.Null(good.NotArticle);
        Assert.Empty(good.Diagnostics);
    }
}
