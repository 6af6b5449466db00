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

    public static IDocumentStore Open(string location) =>
        IsPostgres(location) ? new Storyline.Storage.Postgres.PostgresDocumentStore(location) : new SqliteDocumentStore(location);
}
