using Storyline.Core;

namespace Storyline.Entities.Tests;

public class StageTests
{
    [Fact]
    public void Stages_DeclareIdsAndAttributes()
    {
        var e = new EntityStage().Info;
        Assert.Equal("entities.v1", e.Id);
        Assert.Equal([Attr.Mentions], e.Requires);
        Assert.Equal([Attr.Entities, Attr.Mentions], e.Assigns);
        var p = new PlaceStage().Info;
        Assert.Equal("places.v1", p.Id);
        Assert.Equal([Attr.Mentions], p.Requires);
        Assert.Equal([Attr.Places], p.Assigns);
    }

    [Fact]
    public void Pipeline_WithoutMentions_IsRejected()
    {
        var ex = Assert.Throws<StorylineException>(() => new PipelineBuilder().UseEntities().Build());
        Assert.Equal(ErrorCode.SL0101, ex.Code);
    }

    [Fact]
    public void Pipeline_RunsBothStages()
    {
        var b = new PipelineBuilder().UseEntities().UsePlaces();
        b.Given.Add(Attr.Mentions);
        var doc = b.Build().Run(TestDocs.From("[[German|MISC]] Chancellor [[Angela Merkel|PER]] visited [[Paris|LOC]]."));
        Assert.Equal(["entities.v1", "places.v1"], doc.Stages);
        Assert.Contains(doc.Entities, e => e.Name == "Angela Merkel" && e.Role == "Chancellor" && e.Country == "Germany");
        Assert.Contains(doc.Places, p => p.Name == "Paris" && p.CountryCode == "FR");
    }

    [Fact]
    public void Stages_RunInEitherOrder()
    {
        var a = TestDocs.From("[[Ontario|LOC]] and [[London|LOC]], [[Ontario|LOC]], agreed.");
        new PlaceStage().Process(a); new EntityStage().Process(a);
        var b = TestDocs.From("[[Ontario|LOC]] and [[London|LOC]], [[Ontario|LOC]], agreed.");
        new EntityStage().Process(b); new PlaceStage().Process(b);
        Assert.Equal(a.Places.Select(p => p.GeonameId), b.Places.Select(p => p.GeonameId));
        Assert.Equal(a.Entities.Select(EntityKey.Of), b.Entities.Select(EntityKey.Of));
    }

    [Fact]
    public void Stages_AreThreadSafe_OneInstanceManyDocuments()
    {
        var gold = Storyline.Entities.Evaluation.GoldSet.Load(Path.Combine(TestEnvironment.RepoRoot, "tests", "Storyline.Entities.Tests", "Gold", "gold.json"));
        var es = new EntityStage();
        var ps = new PlaceStage();
        string Run(Storyline.Entities.Evaluation.GoldDocument g)
        {
            var d = g.ToDocument();
            es.Process(d); ps.Process(d);
            return string.Join(";", d.Entities.Select(e => e.Key + "/" + e.Role + "/" + e.Mentions.Count)) + "#" + string.Join(";", d.Places.Select(p => p.GeonameId));
        }
        var sequential = gold.Select(Run).ToArray();
        var parallel = new string[gold.Count * 8];
        Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = Run(gold[i % gold.Count]));
        for (int i = 0; i < parallel.Length; i++) Assert.Equal(sequential[i % gold.Count], parallel[i]);
    }
}
