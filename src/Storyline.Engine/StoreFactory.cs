using Storyline.Core.Storage;
using Storyline.Storage.Sqlite;

namespace Storyline.Engine;

/// <summary>
/// Opens the store a location names: a PostgreSQL connection string or URL ("Host=...", "postgres://...")
/// selects the scale-out store, anything else is a SQLite file path.
/// </summary>
public static class StoreFactory
{
    public const string DefaultDatabase = "storyline.db";

    /// <summary>--db, else STORYLINE_DB, else ./storyline.db.</summary>
    public static string Resolve(string? db) =>
        !string.IsNullOrWhiteSpace(db) ? db
        : Environment.GetEnvironmentVariable("STORYLINE_DB") is { Length: > 0 } env ? env
        : DefaultDatabase;

    public static bool IsPostgres(string location) =>
        location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || location.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens the store, creating it when missing (what ingest does).</summary>
    public static IDocumentStore Open(string location) => Open(location, create: true);

    /// <summary>
    /// Opens the store. Without <paramref name="create"/> a missing store (no SQLite file; no Storyline tables in the
    /// PostgreSQL database) is "not found", SL4005, and nothing is created: commands that only read never create a store.
    /// </summary>
    public static IDocumentStore Open(string location, bool create) =>
        IsPostgres(location) ? new Storyline.Storage.Postgres.PostgresDocumentStore(location, create) : new SqliteDocumentStore(location, create);
}
