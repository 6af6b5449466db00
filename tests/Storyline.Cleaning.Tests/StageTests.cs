using Storyline.Cleaning;
using Storyline.Core;

namespace Storyline.Cleaning.Tests;

public sealed class StageTests
{
    [Fact]
    public void Stage_DeclaresIdRequiresAssigns()
    {
        var info = new TextCleaningStage().Info;
        Assert.Equal("clean-text.v1", info.Id);
        Assert.Equal([Attr.RawText], info.Requires);
        Assert.Equal([Attr.CleanedText, Attr.Removed, Attr.Metadata], info.Assigns);
    }

    [Fact]
    public void UseTextCleaning_AddsStage_AndBuilds()
    {
        var b = new PipelineBuilder().UseTextCleaning();
        Assert.True(b.Has<TextCleaningStage>());
        var p = b.Build();
        var doc = new Document { Origin = new DocumentOrigin("x.txt"), RawText = "Headline of a short invented story here\nThe first sentence of the story is here.\nThe second one follows it." };
        p.Run(doc);
        Assert.Equal(["clean-text.v1"], doc.Stages);
        Assert.Equal("The first sentence of the story is here.\n\nThe second one follows it.", doc.CleanedText);
        Assert.Equal("", doc.Text); // only the text stage (text.v1) assigns doc.Text
        Assert.Equal("Headline of a short invented story here", doc.Metadata.Title?.Value);
    }

    [Fact]
    public void Stage_LeavesHtmlDocumentsAlone()
    {
        var doc = new Document { Origin = new DocumentOrigin("x.html"), RawText = "<p>Hello</p>", Kind = ContentKind.Html, CleanedText = "kept" };
        new TextCleaningStage().Process(doc);
        Assert.Equal("kept", doc.CleanedText);
        Assert.Empty(doc.Removed);
    }

    [Fact]
    public void Stage_KeepsTitleFromReader_AndRemovesItsLine()
    {
        var doc = new Document { Origin = new DocumentOrigin("feed.xml", "3"), RawText = "Ferry fares rise again\nFerry fares will rise by 5 percent from May, the operator said on Monday." };
        doc.Metadata.Title = new Field<string>("Ferry fares rise again", "feed:title");
        new TextCleaningStage().Process(doc);
        Assert.Equal("feed:title", doc.Metadata.Title.Rule);
        Assert.Equal("Ferry fares will rise by 5 percent from May, the operator said on Monday.", doc.CleanedText);
        Assert.Contains(doc.Removed, r => r.Reason == RemovalReasons.Title);
    }

    [Fact]
    public void Stage_EmptyInput_GivesEmptyText()
    {
        var doc = new Document { Origin = new DocumentOrigin("empty.txt"), RawText = "  \n\n " };
        new TextCleaningStage().Process(doc);
        Assert.Equal("", doc.CleanedText);
        Assert.Empty(doc.Removed);
    }

    [Fact]
    public void Stage_WithoutClassifier_StillAppliesRules()
    {
        var doc = new Document { Origin = new DocumentOrigin("x.txt"), RawText = "IMG_0001.JPG\nhide caption\nThe council met on Monday and agreed the plan after a long debate." };
        new TextCleaningStage(new TextCleaningOptions { UseClassifier = false }).Process(doc);
        Assert.Equal("The council met on Monday and agreed the plan after a long debate.", doc.CleanedText);
        Assert.Equal([RemovalReasons.ImageFilename, RemovalReasons.CaptionToggle], doc.Removed.Select(r => r.Reason));
    }

    [Fact]
    public void Stage_IsThreadSafe_SameResultInParallel()
    {
        var stage = new TextCleaningStage();
        var raw = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "HeldApart", "01-river-flood.txt"));
        raw = string.Join('\n', raw.Split('\n').Select(l => l.Contains('|') ? l[(l.IndexOf('|') + 1)..] : l));
        string Clean() { var d = new Document { Origin = new DocumentOrigin("p"), RawText = raw }; stage.Process(d); return d.CleanedText; }
        var expected = Clean();
        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = Clean());
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
