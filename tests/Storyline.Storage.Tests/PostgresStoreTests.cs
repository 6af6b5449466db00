using Storyline.Core.Storage;
using Storyline.Storage.Postgres;
using Storyline.Stories.Index;

namespace Storyline.Storage.Tests;

/// <summary>The document-store contract on a real PostgreSQL server, each test in its own fresh database.</summary>
public sealed class PostgresStoreTests : StoreEntityContract, IDisposable
{
    private readonly TestPostgres _pg = new();

    protected override IDocumentStore Open() => new PostgresDocumentStore(_pg.ConnectionString);

    public void Dispose() => _pg.Dispose();

    [Fact]
    public void MissingDatabase_IsNotFound_EmptyDatabaseIsNotAStore_UnreachableServerIsDatabaseError()
    {
        var missing = new Npgsql.NpgsqlConnectionStringBuilder(_pg.ConnectionString) { Database = "no_such_db_" + Guid.NewGuid().ToString("N")[..8] }.ToString();
        Assert.Equal(Storyline.Core.ErrorCode.SL4005, Assert.Throws<Storyline.Core.StorylineException>(() => new PostgresDocumentStore(missing, create: false)).Code);
        // A fresh database holds no Storyline tables: a reading command must not create them.
        Assert.Equal(Storyline.Core.ErrorCode.SL4005, Assert.Throws<Storyline.Core.StorylineException>(() => new PostgresDocumentStore(_pg.ConnectionString, create: false)).Code);
        using (new PostgresDocumentStore(_pg.ConnectionString, create: true)) { }
        using (var s = new PostgresDocumentStore(_pg.ConnectionString, create: false)) Assert.Equal(0, s.Count());
        var closed = new Npgsql.NpgsqlConnectionStringBuilder(_pg.ConnectionString) { Port = 1, Timeout = 2 }.ToString();
        Assert.Equal(Storyline.Core.ErrorCode.SL4001, Assert.Throws<Storyline.Core.StorylineException>(() => new PostgresDocumentStore(closed, create: false)).Code);
    }
}

/// <summary>The story-index contract on a real PostgreSQL server.</summary>
public sealed class PostgresStoryIndexTests : StoryIndexContract, IDisposable
{
    private readonly TestPostgres _pg = new();

    protected override IDocumentStore OpenStore() => new PostgresDocumentStore(_pg.ConnectionString);
    protected override IDocumentStoryIndex OpenIndex(IDocumentStore store) => new PostgresStoryIndexStore((PostgresDocumentStore)store);

    public void Dispose() => _pg.Dispose();

    /// <summary>
    /// The lock wait is timed by the server around the lock statement: a batch that waits for another worker's batch
    /// reports about that long; one that takes a free lock reports almost nothing.
    /// </summary>
    [Fact]
    public void LockWait_IsTheTimeABatchWaitedForAnotherWorkersBatch()
    {
        using var store = (PostgresDocumentStore)OpenStore();
        using var holder = new PostgresStoryIndexStore(store);
        using var waiter = new PostgresStoryIndexStore(store);
        using (waiter.Batch()) _ = waiter.DocumentCount; // takes a free lock
        Assert.True(waiter.Stats.LockWaitSeconds < 0.3, $"free lock waited {waiter.Stats.LockWaitSeconds:F3} s");
        double before = waiter.Stats.LockWaitSeconds;

        var held = new ManualResetEventSlim();
        var holding = new Thread(() =>
        {
            using (holder.Batch())
            {
                _ = holder.DocumentCount; // the first statement takes the lock
                held.Set();
                Thread.Sleep(800);
            }
        });
        holding.Start();
        Assert.True(held.Wait(TimeSpan.FromSeconds(30)));
        using (waiter.Batch()) _ = waiter.DocumentCount;
        holding.Join();
        double waited = waiter.Stats.LockWaitSeconds - before;
        Assert.InRange(waited, 0.5, 30);
        Assert.True(holder.Stats.LockWaitSeconds < 0.3);
    }
}

