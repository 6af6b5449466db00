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
