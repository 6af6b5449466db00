using Storyline.Engine;
using Storyline.Web;
using Xunit;

[assembly: AssemblyFixture(typeof(Storyline.Web.Tests.StoreFixture))]

namespace Storyline.Web.Tests;

/// <summary>
/// One SQLite store for the whole test run, ingested once from the hand-written fixture documents (two stories, an
/// undated rewrite, a changed version, an XSS corpus, and edge cases: a story dated on one day, and a document with
/// neither title, source nor date) with the real pipeline, as 'storyline ingest' would.
/// Tests that write get their own copy (<see cref="CopyStore"/>).
/// </summary>
public sealed class StoreFixture : IDisposable
{
    public const string ApiKey = "test-key-7f3a";

    public string Folder { get; } = Directory.CreateTempSubdirectory("storyline-web-tests-").FullName;
    public string DbPath { get; }
    public string FixturesFolder { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures");
    public IReadOnlyList<IngestOutcome> Outcomes { get; }

    public StoreFixture()
    {
        DbPath = Path.Combine(Folder, "fixture.db");
        using var store = StoreFactory.Open(DbPath, create: true);
        using var stories = StoryService.For(store);
        var service = new IngestService(store, DefaultPipeline.Default) { Stories = stories };
        Outcomes = service.Ingest(((string[])["bridge.jsonl", "festival.jsonl", "xss.jsonl", "edge.jsonl"]).Select(f => Path.Combine(FixturesFolder, f)));
    }

    /// <summary>A private copy of the fixture store, for tests that ingest.</summary>
    public string CopyStore()
    {
        var path = Path.Combine(Folder, $"copy-{Guid.NewGuid():N}.db");
        // A checkpointed copy: the fixture store is only read after it was built.
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Pooling=false"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"VACUUM INTO '{path.Replace("'", "''", StringComparison.Ordinal)}'";
            cmd.ExecuteNonQuery();
        }
        return path;
    }

    private StorylineFactory? _shared;
    private readonly Lock _sharedLock = new();

    /// <summary>One in-memory app over the fixture store, shared by the read-only API tests (one host instead of one per test).</summary>
    public StorylineFactory Shared
    {
        get
        {
            lock (_sharedLock)
            {
                if (_shared is null)
                {
                    var f = new StorylineFactory(Options());
                    _ = f.Server; // the host starts here, under the lock (the factory's lazy start is not thread-safe)
                    _shared = f;
                }
                return _shared;
            }
        }
    }

    public WebOptions Options(string? db = null) => new()
    {
        Database = db ?? DbPath, ApiKey = ApiKey, CatalogRefreshSeconds = 0.5, IngestThreads = 2,
    };

    public void Dispose()
    {
        _shared?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
