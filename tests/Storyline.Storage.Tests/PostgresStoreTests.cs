using Npgsql;
using Storyline.Core.Storage;
using Storyline.Storage.Postgres;

namespace Storyline.Storage.Tests;

/// <summary>
/// The same contract on a real PostgreSQL server (started by scripts/postgres.sh; scripts/test.sh sets
/// STORYLINE_TEST_PG). Each test gets its own fresh database. Without a server these tests fail loudly
/// rather than pass silently.
/// </summary>
public sealed class PostgresStoreTests : StoreEntityContract, IDisposable
{
    private static readonly string Server = Environment.GetEnvironmentVariable("STORYLINE_TEST_PG")
        ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";
    private readonly string _db = "t_" + Guid.NewGuid().ToString("N")[..12];

    public PostgresStoreTests()
    {
        using var conn = new NpgsqlConnection(Server);
        conn.Open();
        using var c = new NpgsqlCommand($"CREATE DATABASE {_db}", conn);
        c.ExecuteNonQuery();
    }

    protected override IDocumentStore Open() =>
        new PostgresDocumentStore(new NpgsqlConnectionStringBuilder(Server) { Database = _db }.ToString());

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var conn = new NpgsqlConnection(Server);
        conn.Open();
        using var c = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_db} WITH (FORCE)", conn);
        c.ExecuteNonQuery();
    }
}
