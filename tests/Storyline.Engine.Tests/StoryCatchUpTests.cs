using Storyline.Storage.Sqlite;

namespace Storyline.Engine.Tests;

/// <summary>
/// Documents stored while the story index was not updated (a crash between the two commits) are indexed on the
/// next run. The catch-up compares texts with earlier documents while its own transaction is open.
/// </summary>
public sealed class StoryCatchUpTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-catchup-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private const string Original = """
        Harbour bridge to close for repairs

        The harbour bridge will close for six weeks from next Monday while engineers replace its worn cables, the city council said.
        Buses will run on a diversion through the industrial estate, adding about fifteen minutes to journeys into the centre.
        Council leader Ruth Ames said the work could not wait any longer after an inspection found rust on several anchors.
        Shop owners near the bridge said they feared losing trade during the busiest weeks of the summer.
        """;

    private const string Reworded = """
        Harbour crossing shuts for cable work

        For six weeks starting next Monday the harbour bridge is to be shut while its worn cables are replaced by engineers, according to the city council.
        A bus diversion through the industrial estate will add roughly fifteen minutes to trips into the centre.
        The repairs could wait no longer once an inspection had found rust on several anchors, council leader Ruth Ames said.
        Traders close to the bridge said they were afraid of losing business in the busiest summer weeks.
        """;

    [Fact]
    public void CatchUp_IndexesDocumentsTheIndexMissed_IncludingRewritesOfEarlierOnes()
    {
        File.WriteAllText(Path.Combine(_dir, "a.txt"), Original);
        File.WriteAllText(Path.Combine(_dir, "b.txt"), Reworded);
        using var store = new SqliteDocumentStore(Path.Combine(_dir, "c.db"));
        var pipeline = DefaultPipeline.Build(new DefaultPipeline.Options { Language = false });

        // Stored without the story index, as after a crash between the two commits.
        var stored = new IngestService(store, pipeline).Ingest([Path.Combine(_dir, "a.txt"), Path.Combine(_dir, "b.txt")]);
        Assert.All(stored, o => Assert.Equal(IngestOutcome.New, o.Status));

        var stories = StoryService.For(store);
        Assert.Equal(2, stories.CatchUp());
        Assert.Equal(0, stories.CatchUp());
        var a = stories.Engine.Store.GetDocument(stored[0].Id!.Value)!;
        var b = stories.Engine.Store.GetDocument(stored[1].Id!.Value)!;
        Assert.Equal(a.StoryId, b.StoryId);
    }
}
