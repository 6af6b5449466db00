using Storyline.Core;

namespace Storyline.Core.Tests;

public class PipelineTests
{
    private sealed class FakeStage(string id, string[] requires, string[] assigns, Action<Document>? run = null) : IStage
    {
        public StageInfo Info { get; } = new(id, requires, assigns);
        public void Process(Document doc, CancellationToken ct = default) => run?.Invoke(doc);
    }

    private static Document NewDoc() => new() { Origin = new DocumentOrigin("test.txt") };

    [Fact]
    public void Build_RejectsStage_WhoseRequirementNoEarlierStageAssigns()
    {
        var b = new PipelineBuilder().Add(new FakeStage("ner.v1", [Attr.Tokens], [Attr.Mentions]));
        var ex = Assert.Throws<StorylineException>(() => b.Build());
        Assert.Equal(ErrorCode.SL0101, ex.Code);
    }

    [Fact]
    public void Run_Lenient_RecordsFailingStage_AndRunsTheRest()
    {
        var p = new PipelineBuilder()
            .Add(new FakeStage("boom.v1", [], [], _ => throw new InvalidOperationException("bad")))
            .Add(new FakeStage("ok.v1", [], [], d => d.Text = "done"))
            .Build();
        var doc = p.Run(NewDoc());
        Assert.Equal("done", doc.Text);
        Assert.Contains(doc.Diagnostics, d => d.Code == ErrorCode.SL0102 && d.Stage == "boom.v1");
        Assert.Equal(["ok.v1"], doc.Stages);
    }

    [Fact]
    public void Run_Strict_Throws()
    {
        var b = new PipelineBuilder { Strict = true }.Add(new FakeStage("boom.v1", [], [], _ => throw new InvalidOperationException("bad")));
        Assert.Throws<InvalidOperationException>(() => b.Build().Run(NewDoc()));
    }

    [Fact]
    public void ContentHash_IgnoresWhitespaceAndCase_ButNotWords()
    {
        Assert.Equal(ContentHash.Of("Hello  world.\n\nBye"), ContentHash.Of(" hello world. bye "));
        Assert.NotEqual(ContentHash.Of("Hello world."), ContentHash.Of("Hello there."));
    }
}
