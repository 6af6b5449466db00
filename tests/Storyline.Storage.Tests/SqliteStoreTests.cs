using Storyline.Core;
using Storyline.Core.Storage;
using Storyline.Storage.Sqlite;

namespace Storyline.Storage.Tests;

public sealed class SqliteStoreTests : StoreEntityContract, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-sqlite-").FullName;
    private string DbPath => Path.Combine(_dir, "t.db");

    protected override IDocumentStore Open() => new SqliteDocumentStore(DbPath);
    protected override IDocumentStore Open(int rankWindow) => new SqliteDocumentStore(DbPath) { RankWindow = rankWindow };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void CommittedBatches_SurviveReopening()
    {
        using (var s = Open()) s.SaveBatch([Doc("Committed before the crash.")]);
        using var again = Open();
        Assert.Equal(1, again.Count());
    }

    [Fact]
    public void MissingStore_IsNotFound_AndNothingIsCreated_UnlessAskedTo()
    {
        var path = Path.Combine(_dir, "no", "such", "x.db");
        var ex = Assert.Throws<StorylineException>(() => new SqliteDocumentStore(path, create: false));
        Assert.Equal(ErrorCode.SL4005, ex.Code);
        Assert.Contains(path, ex.Message);
        Assert.False(Directory.Exists(Path.Combine(_dir, "no")));
        using (new SqliteDocumentStore(path, create: true)) { }
        using var again = new SqliteDocumentStore(path, create: false);
        Assert.Equal(0, again.Count());
    }

    [Fact]
    public void Migration_FoldsDuplicateSightingRows()
    {
        long id;
        using (var s = Open()) id = s.SaveBatch([Doc("One document seen three times.", path: "dup.txt")])[0].Id;
        // Recreate what older versions left: the same sighting as separate rows, schema at version 3.
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Pooling=false"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                DROP INDEX sightings_key;
                INSERT INTO sightings (doc_id, path, locator, url, seen_at, last_seen, count)
                SELECT doc_id, path, locator, url, '2030-01-01T00:00:00.0000000+00:00', '2030-01-01T00:00:00.0000000+00:00', 1 FROM sightings;
                INSERT INTO sightings (doc_id, path, locator, url, seen_at, last_seen, count)
                SELECT doc_id, 'other.txt', locator, url, seen_at, seen_at, 1 FROM sightings LIMIT 1;
                PRAGMA user_version = 3;
                """;
            cmd.ExecuteNonQuery();
        }
        using var again = Open();
        var rows = again.Sightings(id);
        Assert.Equal(["dup.txt", "other.txt"], rows.Select(r => r.Path));
        Assert.Equal(2, rows[0].Count);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), rows[0].LastSeen);
    }

    [Fact]
    public void UnreadableDatabase_GivesStorageError()
    {
        var bad = Path.Combine(_dir, "garbage.db");
        File.WriteAllBytes(bad, Enumerable.Repeat((byte)0x42, 8192).ToArray());
        var ex = Assert.Throws<StorylineException>(() => new SqliteDocumentStore(bad));
        Assert.Equal(ErrorCode.SL4001, ex.Code);
    }
}

/// <summary>The story-index contract on SQLite.</summary>
public sealed class SqliteStoryIndexTests : StoryIndexContract, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-sqlite-index-").FullName;

    protected override IDocumentStore OpenStore() => new SqliteDocumentStore(Path.Combine(_dir, "t.db"));
    protected override Storyline.Stories.Index.IDocumentStoryIndex OpenIndex(IDocumentStore store) => new SqliteStoryIndexStore((SqliteDocumentStore)store);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>The SQLite story index caches decoded records: never stale, never changed by an unsaved edit.</summary>
public sealed class SqliteStoryIndexCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-sqlite-cache-").FullName;

    private static Storyline.Stories.Index.DocRecord Record(long id, long story) => new()
    {
        Id = id, Seq = id, Signature = [1, 2, 3], TermKeys = [7], TermWeights = [1f], EntityKeys = [], Numbers = [], QuoteKeys = [],
        ContentHash = "h" + id, StoryId = story,
    };

    [Fact]
    public void ARecordWrittenByAnotherConnection_IsReadFresh()
    {
        var path = Path.Combine(_dir, "t.db");
        using var storeA = new SqliteDocumentStore(path);
        using var storeB = new SqliteDocumentStore(path);
        var a = new SqliteStoryIndexStore(storeA);
        var b = new SqliteStoryIndexStore(storeB);
        using (a.Batch()) a.PutDocuments([Record(1, story: 10), Record(2, story: 10)]);
        Assert.Equal(10, a.GetDocument(1)!.StoryId);                      // now cached in A
        Assert.Equal(10, b.GetDocuments([1, 2]).Single(d => d.Id == 1).StoryId);
        using (b.Batch()) b.PutDocuments([Record(1, story: 20)]);         // another connection commits
        Assert.Equal(20, a.GetDocument(1)!.StoryId);
        Assert.Equal(20, a.GetDocuments([1, 2]).Single(d => d.Id == 1).StoryId);
        using (a.Batch()) Assert.Equal(20, a.GetDocuments([2, 1]).Single(d => d.Id == 1).StoryId);
    }

    [Fact]
    public void DecodedRecords_StayWithinTheCap_HoweverManyAreReadOrWritten_AndReadsStayRight()
    {
        using var store = new SqliteDocumentStore(Path.Combine(_dir, "t.db"));
        var index = new SqliteStoryIndexStore(store);
        int n = SqliteStoryIndexStore.DocCacheCapacity + 1_500;
        var ids = Enumerable.Range(1, n).Select(i => (long)i).ToList();
        using (index.Batch())
            foreach (var chunk in ids.Chunk(1_000)) index.PutDocuments([.. chunk.Select(id => Record(id, story: id % 7))]);
        Assert.InRange(index.CachedRecords, 1, SqliteStoryIndexStore.DocCacheCapacity);
        foreach (var chunk in ids.Chunk(1_000))
        {
            var read = index.GetDocuments(chunk);
            Assert.Equal(chunk.Length, read.Count);
            Assert.All(read, d => Assert.Equal(d.Id % 7, d.StoryId));
            Assert.InRange(index.CachedRecords, 1, SqliteStoryIndexStore.DocCacheCapacity);
        }
        Assert.Equal(3, index.GetDocument(3)!.StoryId);
        Assert.Equal(n, index.DocumentCount);
    }

    [Fact]
    public void AnEditThatIsNotPut_DoesNotReachTheNextRead()
    {
        using var store = new SqliteDocumentStore(Path.Combine(_dir, "t.db"));
        var index = new SqliteStoryIndexStore(store);
        using (index.Batch()) index.PutDocuments([Record(1, story: 10)]);
        var read = index.GetDocument(1)!;
        read.StoryId = 99;                                                // the engine changes records it reads
        Assert.Equal(10, index.GetDocument(1)!.StoryId);
        Assert.Equal(10, index.GetDocuments([1]).Single().StoryId);
        using (index.Batch()) index.PutDocuments([read]);                 // a put makes it real
        Assert.Equal(99, index.GetDocument(1)!.StoryId);
    }

    [Fact]
    public void DocumentFrequencies_CountRepeatsAndAnswerEveryPosition()
    {
        using var store = new SqliteDocumentStore(Path.Combine(_dir, "t.db"));
        var index = new SqliteStoryIndexStore(store);
        using (index.Batch())
        {
            index.AddDocumentFrequencies([1UL, 2UL, ulong.MaxValue]);
            index.AddDocumentFrequencies([2UL, ulong.MaxValue]);
            index.AddBuckets([(5UL, 1), (6UL, 1), (5UL, 2)]);
        }
        var df = new int[5];
        index.GetDocumentFrequencies([2UL, 1UL, 3UL, ulong.MaxValue, 2UL], df);
        Assert.Equal([2, 1, 0, 2, 2], df);
        Assert.Equal([1L, 2L], index.QueryBuckets([5UL], 10).Order());
        Assert.Equal([1L], index.QueryBuckets([6UL], 10));
    }

    [Fact]
    public void FrequenciesAndCounts_WrittenInABatch_ReachTheFile_AndOtherConnectionsSeeThem()
    {
        var path = Path.Combine(_dir, "t.db");
        using var storeA = new SqliteDocumentStore(path);
        using var storeB = new SqliteDocumentStore(path);
        var a = new SqliteStoryIndexStore(storeA);
        var b = new SqliteStoryIndexStore(storeB);
        var df = new int[2];
        b.GetDocumentFrequencies([1UL, 2UL], df);                          // B caches zeros
        Assert.Equal(0, b.DocumentCount);
        using (a.Batch())
        {
            a.AddDocumentFrequencies([1UL, 2UL]);
            a.AddDocumentFrequencies([1UL]);
            a.GetDocumentFrequencies([1UL, 2UL], df);                      // inside the batch: pending counts included
            Assert.Equal([2, 1], df);
            a.PutDocuments([Record(1, 10), Record(2, 10)]);
            a.PutDocuments([Record(1, 11)]);                               // a replacement is not a new document
            Assert.Equal(2, a.DocumentCount);
        }
        b.GetDocumentFrequencies([1UL, 2UL], df);                          // A committed: B's cache is dropped
        Assert.Equal([2, 1], df);
        Assert.Equal(2, b.DocumentCount);
        using (b.Batch()) b.AddDocumentFrequencies([2UL]);                 // written relative to the file, not to a cache
        a.GetDocumentFrequencies([1UL, 2UL], df);
        Assert.Equal([2, 2], df);
        using var fresh = new SqliteDocumentStore(path);
        new SqliteStoryIndexStore(fresh).GetDocumentFrequencies([1UL, 2UL], df);
        Assert.Equal([2, 2], df);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
