using Storyline.Core;
using Storyline.Core.Storage;
using Storyline.Storage.Sqlite;

namespace Storyline.Storage.Tests;

public sealed class SqliteStoreTests : StoreEntityContract, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-sqlite-").FullName;
    private string DbPath => Path.Combine(_dir, "t.db");

    protected override IDocumentStore Open() => new SqliteDocumentStore(DbPath);

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
