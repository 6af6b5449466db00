using Storyline.Core;
using Storyline.Engine;
using Storyline.Ingest;
using Storyline.Storage.Postgres;

namespace Storyline.Workers.Tests;

/// <summary>Workers in this process (each with its own store connection, as separate processes have) on a real PostgreSQL.</summary>
public sealed class WorkerTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-workers-").FullName;

    public void Dispose()
    {
        _db.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static readonly Pipeline Fast = DefaultPipeline.Build(new DefaultPipeline.Options { Language = false });

    private void Enqueue(string folder)
    {
        using var store = new PostgresDocumentStore(_db.ConnectionString);
        var outcomes = new Enqueuer(new PostgresWorkQueue(store)).Enqueue([folder]);
        Assert.All(outcomes, o => Assert.Equal(Enqueuer.Queued, o.Status));
    }

    /// <summary>Runs a worker to the end of the queue on its own store and story index; returns what it did.</summary>
    private WorkerTotals RunWorker(string name, int batch)
    {
        using var store = new PostgresDocumentStore(_db.ConnectionString);
        using var stories = StoryService.For(store);
        var worker = new Worker(new PostgresWorkQueue(store), Fast, stories,
            new WorkerOptions { BatchSize = batch, Once = true, Poll = TimeSpan.FromMilliseconds(100), Name = name });
        return worker.Run();
    }

    [Fact]
    public async Task TwoWorkers_RacingOnNearDuplicates_NeverSplitAnEvent()
    {
        // Variants of one event sit next to each other in the queue and the claims are small, so the two workers
        // get copies of the same event at the same moment: the race that would open two stories for one event.
        var articles = NearDuplicateCorpus.Generate(seed: 1501, groups: 40, variants: 3);
        Enqueue(NearDuplicateCorpus.Write(articles, Path.Combine(_dir, "in")));
        var ta = Task.Run(() => RunWorker("a", 2));
        var tb = Task.Run(() => RunWorker("b", 2));
        var (a, b) = (await ta, await tb);
        Assert.True(a.Documents > 0 && b.Documents > 0, $"both workers took part: {a.Documents} / {b.Documents}");
        Assert.Equal(articles.Count, a.New + b.New);
        Assert.Equal(articles.Count, _db.Scalar("SELECT count(*) FROM documents"));
        Assert.Equal(articles.Count, _db.Scalar("SELECT count(*) FROM st_docs"));
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM work_queue"));
        var split = StoryCheck.SplitGroups(_db.ConnectionString);
        Assert.True(split.Count == 0, "events split over stories: " + string.Join(", ", split.Select(s => $"group {s.Group} in {s.Stories}")));
        // Story sequence numbers stay unique across the two workers (each continues after the other's).
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM (SELECT seq FROM st_docs GROUP BY seq HAVING count(*) > 1) x"));
    }

    [Fact]
    public async Task DocumentsStoredButNotIndexed_ByAWorkerThatDied_AreIndexedOnceByTheNext()
    {
        var articles = NearDuplicateCorpus.Generate(seed: 77, groups: 5, variants: 2);
        Enqueue(NearDuplicateCorpus.Write(articles, Path.Combine(_dir, "in")));
        // A worker that stores its batch and dies before its story commit.
        using (var store = new PostgresDocumentStore(_db.ConnectionString))
        {
            var dying = new Worker(new PostgresWorkQueue(store), Fast, stories: null, new WorkerOptions { BatchSize = 4 });
            var queue = new PostgresWorkQueue(store);
            dying.ProcessClaim(queue.ClaimBatch(4, TimeSpan.FromMinutes(1), "dies"));
        }
        Assert.Equal(4, _db.Scalar("SELECT count(*) FROM documents"));
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM st_docs"));
        // Two workers start together; both catch up, the index lock lets each document in once.
        var ta = Task.Run(() => RunWorker("a", 3));
        var tb = Task.Run(() => RunWorker("b", 3));
        var (a, b) = (await ta, await tb);
        // At least the dead worker's four (a worker may also index the other's batch between its two commits).
        Assert.True(a.CaughtUp + b.CaughtUp >= 4, $"caught up {a.CaughtUp} + {b.CaughtUp}");
        Assert.Equal(articles.Count, _db.Scalar("SELECT count(*) FROM st_docs"));
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM (SELECT doc_id, key FROM st_buckets GROUP BY 1, 2 HAVING count(*) > 1) x"));
        Assert.Empty(StoryCheck.SplitGroups(_db.ConnectionString));
    }

    [Fact]
    public void BadDocument_IsDeadLetteredWithItsCode_TheRestStored()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, "mixed")).FullName;
        var articles = NearDuplicateCorpus.Generate(seed: 5, groups: 3, variants: 1);
        NearDuplicateCorpus.Write(articles, dir);
        // Queued as it was read, but nothing survives the pipeline: only markup, no body text.
        File.WriteAllText(Path.Combine(dir, "zz-empty.html"), "<html><head><title></title></head><body><nav> </nav></body></html>");
        Enqueue(dir);
        var w = RunWorker("w", 8);
        Assert.Equal(articles.Count, w.New);
        using var store = new PostgresDocumentStore(_db.ConnectionString);
        var status = new PostgresWorkQueue(store).Status();
        Assert.Equal(0, status.Ready + status.Leased);
        Assert.Equal(w.Failed, status.Dead);
        Assert.All(status.DeadLetters, d => Assert.StartsWith("SL", d.Code));
    }
}
