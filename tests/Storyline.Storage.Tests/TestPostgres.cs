using Npgsql;

namespace Storyline.Storage.Tests;

/// <summary>
/// A fresh database on the real PostgreSQL server that scripts/postgres.sh starts (scripts/test.sh sets
/// STORYLINE_TEST_PG). Without a server the tests that use it fail loudly rather than pass silently.
/// </summary>
public sealed class TestPostgres : IDisposable
{
    private static readonly string Server = Environment.GetEnvironmentVariable("STORYLINE_TEST_PG")
        ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";

    private readonly string _db = "t_" + Guid.NewGuid().ToString("N")[..12];

    public TestPostgres()
    {
        using var conn = new NpgsqlConnection(Server);
        conn.Open();
        using var c = new NpgsqlCommand($"CREATE DATABASE {_db}", conn);
        c.ExecuteNonQuery();
    }

    public string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = _db }.ToString();

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var conn = new NpgsqlConnection(Server);
        conn.Open();
        using var c = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_db} WITH (FORCE)", conn);
        c.ExecuteNonQuery();
    }
}
