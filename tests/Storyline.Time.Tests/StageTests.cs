using Storyline.Core;

namespace Storyline.Time.Tests;

public class StageTests
{
    private static Document Doc(string text, DateTimeOffset? published)
    {
        var d = new Document { Origin = new DocumentOrigin("test.txt"), Text = text };
        if (published is { } p) d.Metadata.Published = new Field<DateTimeOffset>(p, "test");
        return d;
    }

    [Fact]
    public void Stage_FillsTimes_AgainstPublicationDate()
    {
        var pipeline = new PipelineBuilder { Given = { Attr.Text } }.UseTimes().Build();
        var doc = pipeline.Run(Doc("The ceasefire collapsed on Sunday.", new DateTimeOffset(2024, 5, 8, 9, 30, 0, TimeSpan.Zero)));
        var t = Assert.Single(doc.Times);
        Assert.Equal(("Sunday", "DATE", "2024-05-05", TimeAnchor.Publication), (t.Text, t.Type, t.Value, t.Anchor));
        Assert.Contains(TimeStage.Id, doc.Stages);
    }

    [Fact]
    public void Stage_WithoutPublicationDate_MarksAnchorUnknown()
    {
        var stage = new TimeStage();
        var doc = Doc("The ceasefire collapsed on Sunday.", null);
        stage.Process(doc);
        var t = Assert.Single(doc.Times);
        Assert.Equal(TimeAnchor.Unknown, t.Anchor);
        Assert.Equal("XXXX-WXX-7", t.Value);
    }

    [Fact]
    public void Stage_DeclaresItsContract()
    {
        var info = new TimeStage().Info;
        Assert.Equal("time.v1", info.Id);
        Assert.Equal([Attr.Text], info.Requires);
        Assert.Equal([Attr.Times], info.Assigns);
    }

    [Fact]
    public void Stage_Reprocessing_ReplacesTimes()
    {
        var stage = new TimeStage();
        var doc = Doc("Markets rallied on Monday and again on Tuesday.", new DateTimeOffset(2024, 5, 8, 0, 0, 0, TimeSpan.Zero));
        stage.Process(doc);
        stage.Process(doc);
        Assert.Equal(2, doc.Times.Count);
    }
}
