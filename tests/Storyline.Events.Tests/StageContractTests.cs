using Storyline.Core;

namespace Storyline.Events.Tests;

public sealed class StageContractTests
{
    [Fact]
    public void DefaultPipeline_RunsTheStage()
    {
        var doc = new Document { Origin = new DocumentOrigin("t.txt"), RawText = "The minister said on Monday that talks would resume in Geneva." };
        Engine.DefaultPipeline.Default.Run(doc);
        Assert.Contains(doc.Stages, s => s.StartsWith("events.", StringComparison.Ordinal));
    }
}
