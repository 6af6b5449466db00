namespace Storyline.Web;

/// <summary>How the web server runs: which store, who may write, and the limits that keep hostile clients cheap.</summary>
public sealed record WebOptions
{
    /// <summary>The store location (SQLite path or PostgreSQL connection string), as <c>--db</c> takes it.</summary>
    public required string Database { get; init; }

    /// <summary>Create the store when it does not exist (otherwise a missing store is SL4005, like every read command).</summary>
    public bool CreateStore { get; init; }

    /// <summary>
    /// The key write endpoints (ingest) require, sent as <c>X-Api-Key</c>, <c>Authorization: Bearer</c> or the ingest
    /// form's key field. Never null at run time: <c>serve</c> generates one when none is configured.
    /// </summary>
    public required string ApiKey { get; init; }

    /// <summary>When true, reads (pages and API) need the key too; by default they are open.</summary>
    public bool ReadsRequireKey { get; init; }

    /// <summary>Largest upload (all files and pasted text of one ingest request), in bytes.</summary>
    public long MaxUploadBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Largest request body of any other request, in bytes.</summary>
    public long MaxRequestBytes { get; init; } = 64 * 1024;

    /// <summary>Files accepted in one upload.</summary>
    public int MaxUploadFiles { get; init; } = 100;

    /// <summary>Write requests per client address and minute (ingest is expensive).</summary>
    public int WritesPerMinute { get; init; } = 20;

    /// <summary>Read connections kept open on the store (each serves one request at a time).</summary>
    public int ReadConnections { get; init; } = Math.Clamp(Environment.ProcessorCount * 2, 2, 16);

    /// <summary>Seconds a cached list (stories, documents, facets) may lag behind writes made by another process.</summary>
    public double CatalogRefreshSeconds { get; init; } = 5;

    /// <summary>Threads the pipeline may use for one upload.</summary>
    public int IngestThreads { get; init; } = Environment.ProcessorCount;
}
