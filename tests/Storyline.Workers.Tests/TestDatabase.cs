using Npgsql;

namespace Storyline.Workers.Tests;

/// <summary>
/// A fresh database on the PostgreSQL server that scripts/postgres.sh starts (scripts/test.sh sets STORYLINE_TEST_PG);
/// dropped after the test. Without STORYLINE_TEST_PG the tests that need it are skipped, with the reason.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string _server;
    private readonly string _name = "w_" + Guid.NewGuid().ToString("N")[..12];

    public TestDatabase()
    {
        var server = Environment.GetEnvironmentVariable("STORYLINE_TEST_PG");
        if (string.IsNullOrWhiteSpace(server))
            Assert.Skip("STORYLINE_TEST_PG is not set (scripts/test.sh starts PostgreSQL; or export the string 'scripts/postgres.sh start' prints)");
        _server = server;
        using var conn = new NpgsqlConnection(_server);
        conn.Open();
        using var c = new NpgsqlCommand($"CREATE DATABASE {_name}", conn);
        c.ExecuteNonQuery();
    }

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ToString();

    public long Scalar(string sql)
    {
        using var conn = new NpgsqlConnection(ConnectionString);
        conn.Open();
        using var c = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(c.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Exec(string sql)
    {
        using var conn = new NpgsqlConnection(ConnectionString);
        conn.Open();
        using var c = new NpgsqlCommand(sql, conn);
        c.ExecuteNonQuery();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var conn = new NpgsqlConnection(_server);
        conn.Open();
        using var c = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", conn);
        c.ExecuteNonQuery();
    }
}
