using System.Collections.Concurrent;
using System.Text;
using Storyline.Core;
using Storyline.Core.Storage;
using Storyline.Storage.Postgres;

namespace Storyline.Workers.Tests;

/// <summary>The work queue against a real PostgreSQL: disjoint concurrent claims, leases, dead letters, exactly-once completion.</summary>
public sealed class QueueTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly PostgresDocumentStore _store;
    private readonly PostgresWorkQueue _queue;

    public QueueTests()
    {
        _store = new PostgresDocumentStore(_db.ConnectionString);
        _queue = new PostgresWorkQueue(_store) { MaxAttempts = 2 };
    }

    public void Dispose() { _store.Dispose(); _db.Dispose(); }

    private static QueuedRaw Raw(string text, string path) => new(Encoding.UTF8.GetBytes(text), DocumentFormat.Text, new DocumentOrigin(path));

    private static Document Doc(string text, string path) =>
        new() { Text = text, RawBytes = Encoding.UTF8.GetBytes(text), Origin = new DocumentOrigin(path), ContentHash = ContentHash.Of(text) };

    [Fact]
    public void Claims_FromEightThreads_AreDisjointAndCoverTheQueue()
    {
        var ids = _queue.Enqueue([.. Enumerable.Range(0, 200).Select(i => Raw($"item {i}", $"f{i}.txt"))]);
        Assert.Equal(200, ids.Distinct().Count());
        var seen = new ConcurrentBag<long>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, w =>
        {
            while (true)
            {
                var claim = _queue.ClaimBatch(7, TimeSpan.FromMinutes(5), $"t{w}");
                if (claim.Items.Count == 0) break;
                foreach (var item in claim.Items) seen.Add(item.Id);
            }
        });
        Assert.Equal(200, seen.Count);              // nothing claimed twice while leased
        Assert.Equal(ids.Order(), seen.Order());    // and nothing missed
        Assert.Equal(200, _queue.Status().Leased);
    }

    [Fact]
    public void Lease_RunOut_ItemIsClaimedAgain_AndTheOldClaimStoresNothing()
    {
        _queue.Enqueue([Raw("the only item", "a.txt")]);
        var first = _queue.ClaimBatch(10, TimeSpan.FromSeconds(1), "dies");
        Assert.Single(first.Items);
        Assert.Empty(_queue.ClaimBatch(10, TimeSpan.FromSeconds(1), "other").Items); // leased: not claimable
        Thread.Sleep(1500);
        var second = _queue.ClaimBatch(10, TimeSpan.FromMinutes(1), "lives");
        Assert.Single(second.Items);
        Assert.Equal(2, second.Items[0].Attempt);
        // The first worker comes back late: its completion stores nothing, the item stays with the second.
        var late = _queue.Complete(first, new Dictionary<long, Document> { [first.Items[0].Id] = Doc("the only item", "a.txt") }, new Dictionary<long, (ErrorCode, string)>());
        Assert.Empty(late.Saved);
        Assert.Equal(1, late.LostLease);
        Assert.Equal(0, _store.Count());
        var done = _queue.Complete(second, new Dictionary<long, Document> { [second.Items[0].Id] = Doc("the only item", "a.txt") }, new Dictionary<long, (ErrorCode, string)>());
        Assert.Single(done.Saved);
        Assert.Equal(1, _store.Count());
        Assert.Equal(0, _queue.Pending());
    }

    [Fact]
    public void Item_WhoseWorkerDiesEveryTime_IsDeadLetteredAfterMaxAttempts()
    {
        _queue.Enqueue([Raw("poison", "poison.txt"), Raw("fine", "fine.txt")]);
        for (int attempt = 1; attempt <= 2; attempt++)
        {
            var c = _queue.ClaimBatch(1, TimeSpan.FromMilliseconds(300), "crashes");
            Assert.True(c.Items.Count == 1, $"claim {attempt}: {c.Items.Count} items, {c.DeadLettered} dead-lettered; queue {_queue.Status()}");
            Assert.Equal("poison.txt", c.Items[0].Origin.Path);
            Assert.Equal(attempt, c.Items[0].Attempt);
            Thread.Sleep(500); // the worker died: its lease runs out
        }
        // The claim that finds it over its attempts dead-letters it instead of handing it out; the next takes the rest.
        var next = _queue.ClaimBatch(1, TimeSpan.FromMinutes(1), "w");
        Assert.Equal(1, next.DeadLettered);
        Assert.Empty(next.Items);
        Assert.Equal("fine.txt", Assert.Single(_queue.ClaimBatch(1, TimeSpan.FromMinutes(1), "w").Items).Origin.Path);
        var status = _queue.Status();
        Assert.Equal(1, status.Dead);
        var letter = Assert.Single(status.DeadLetters);
        Assert.Equal("poison.txt", letter.Path);
        Assert.Equal(nameof(ErrorCode.SL4006), letter.Code);
        Assert.Contains("never completed", letter.Error);
        // Retried on request, with fresh attempts.
        Assert.Equal(1, _queue.RetryDead());
        Assert.Equal(0, _queue.Status().Dead);
    }

    [Fact]
    public void Complete_StoresDocumentsAndDeadLettersFailures_InOneStep()
    {
        _queue.Enqueue([Raw("good one", "g.txt"), Raw("", "empty.txt")]);
        var c = _queue.ClaimBatch(10, TimeSpan.FromMinutes(1), "w");
        var good = c.Items.Single(i => i.Origin.Path == "g.txt");
        var bad = c.Items.Single(i => i.Origin.Path == "empty.txt");
        var done = _queue.Complete(c, new Dictionary<long, Document> { [good.Id] = Doc("good one", "g.txt") },
            new Dictionary<long, (ErrorCode, string)> { [bad.Id] = (ErrorCode.SL1001, "empty.txt: empty") });
        Assert.Equal(SaveStatus.New, done.Saved[good.Id].Status);
        Assert.Equal(1, done.DeadLettered);
        Assert.Equal(0, _queue.Pending());
        Assert.Equal("SL1001", Assert.Single(_queue.Status().DeadLetters).Code);
    }

    [Fact]
    public void Status_ReportsTheQueueTablesDeadTuples()
    {
        _queue.Enqueue([.. Enumerable.Range(0, 50).Select(i => Raw($"t {i}", $"{i}.txt"))]);
        var c = _queue.ClaimBatch(50, TimeSpan.FromMinutes(1), "w");
        _queue.Complete(c, c.Items.ToDictionary(i => i.Id, i => Doc(Encoding.UTF8.GetString(i.Raw), i.Origin.Path)), new Dictionary<long, (ErrorCode, string)>());
        // Statistics reach pg_stat_user_tables asynchronously (within a second or so); claims and deletes leave dead tuples.
        QueueStatus s = _queue.Status();
        for (int i = 0; i < 50 && s.DeadTuples == 0 && s.Vacuums == 0; i++) { Thread.Sleep(100); s = _queue.Status(); }
        Assert.Equal(0, s.Ready + s.Leased);
        Assert.True(s.DeadTuples > 0 || s.Vacuums > 0, $"dead tuples {s.DeadTuples}, vacuums {s.Vacuums}");
        Assert.True(s.TableBytes > 0);
    }
}
