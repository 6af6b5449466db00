using Storyline.Engine;

namespace Storyline.Engine.Tests;

/// <summary>The default pipeline's catalogue: stage ids and order are a reviewed decision, like spaCy's factory snapshot.</summary>
public sealed class DefaultPipelineTests
{
    [Fact]
    public void Default_HasTheReviewedStagesInOrder()
    {
        var ids = DefaultPipeline.Build().Stages.Select(s => s.Info.Id).ToArray();
        Assert.Equal([
            "html-parse.v1", "html-extract.v1", "clean-text.v1", "text.v1", "metadata.v1", "hash.v1", "article-check.v1",
            "tokens.v1", "tagger.v1", "parser.v1", "ner.v1", "entities.v1", "entity-keys.v1", "places.v1", "time.v1", "quotes.v1", "events.v1", "claims.v1",
        ], ids);
    }

    [Fact]
    public void WithoutLanguageLayer_StopsAfterTheArticleCheck()
    {
        var ids = DefaultPipeline.Build(new DefaultPipeline.Options { Language = false }).Stages.Select(s => s.Info.Id).ToArray();
        Assert.Equal(["hash.v1", "article-check.v1"], ids[^2..]);
        Assert.DoesNotContain("ner.v1", ids);
    }
}
