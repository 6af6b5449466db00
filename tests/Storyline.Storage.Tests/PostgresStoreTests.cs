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
}

/// <summary>The story-index contract on a real PostgreSQL server.</summary>
public sealed class PostgresStoryIndexTests : StoryIndexContract, IDisposable
{
    private readonly TestPostgres _pg = new();

    protected override IDocumentStore OpenStore() => new PostgresDocumentStore(_pg.ConnectionString);
    protected override IDocumentStoryIndex OpenIndex(IDocumentStore store) => new PostgresStoryIndexStore((PostgresDocumentStore)store);

    public void Dispose() => _pg.Dispose();
}
