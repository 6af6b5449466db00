using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Storyline.Core.Storage;
using Storyline.Engine;
using Storyline.Storage.Postgres;
using Storyline.Storage.Sqlite;
using Storyline.Testing;

namespace Storyline.Robustness.Tests;

/// <summary>
/// kill -9 at seeded-random moments during a few-thousand-document ingest, restart each time, then a final run to
/// completion: the store passes its integrity check, holds every document exactly once (no duplicate rows, no
/// duplicate sightings) and the story index has caught up. On SQLite and on PostgreSQL (STORYLINE_TEST_PG).
/// </summary>
public sealed class KillTests : IDisposable
{
    private const int Documents = 2000, Kills = 3, Seed = 1210;
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-kill9-").FullName;

    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private string WriteCorpus()
    {
        var corpus = HostileCorpus.Generate(Path.Combine(_dir, "gen"), new HostileCorpusOptions
        {
            HugeLineBytes = 0, GzipBombBytes = 64 << 20, DeepNesting = 10, GoodArticles = 0, RealPages = 0, Scale = 0.01,
        });
        var input = Directory.CreateDirectory(Path.Combine(_dir, "in")).FullName;
        // Several formats: plain files, and JSONL files of 10 lines each (container records are documents too).
        // A third of the documents arrive in JSONL files; the rest as plain files, so the total is exactly Documents.
        int jsonlFiles = Documents / 3 / 10, files = Documents - jsonlFiles * 10;
        for (int i = 0; i < files; i++)
        {
            var (t, p) = corpus.Article(corpus.NewMarker());
            File.WriteAllText(Path.Combine(input, $"d{i:D5}.txt"), t + "\n\n" + string.Join("\n\n", p));
        }
        for (int f = 0; f < jsonlFiles; f++)
            File.WriteAllLines(Path.Combine(input, $"j{f:D4}.jsonl"), Enumerable.Range(0, 10).Select(_ =>
            {
                var (t, p) = corpus.Article(corpus.NewMarker());
                return System.Text.Json.JsonSerializer.Serialize(new { title = t, text = string.Join("\n\n", p) });
            }));
        return input;
    }

    [Fact]
    public void Sqlite_KilledThreeTimes_ThenCompleted_HasEveryDocumentOnce() =>
        KilledRuns(Path.Combine(_dir, "kill.db"), db => Count(db), VerifySqlite);

    [Fact]
    public void Postgres_KilledThreeTimes_ThenCompleted_HasEveryDocumentOnce()
    {
        var admin = Environment.GetEnvironmentVariable("STORYLINE_TEST_PG");
        if (string.IsNullOrWhiteSpace(admin)) Assert.Skip("STORYLINE_TEST_PG is not set (scripts/test.sh starts PostgreSQL; or scripts/postgres.sh start)");
        var name = "kill9_" + Guid.NewGuid().ToString("N")[..12];
        using (var c = new NpgsqlConnection(admin))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            cmd.ExecuteNonQuery();
        }
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        try { KilledRuns(cs, Count, VerifyPostgres); }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            using var c = new NpgsqlConnection(admin);
            c.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Documents stored so far (0 while the store does not exist yet).</summary>
    private static long Count(string db)
    {
        try
        {
            using var c = Open(db);
            return Scalar(c, "SELECT count(*) FROM documents");
        }
        catch (DbException) { return 0; }
    }

    private static DbConnection Open(string db)
    {
        DbConnection c = StoreFactory.IsPostgres(db) ? new NpgsqlConnection(db) : new SqliteConnection($"Data Source={db};Mode=ReadOnly");
        c.Open();
        return c;
    }

    private static long Scalar(DbConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void KilledRuns(string db, Func<string, long> count, Action<string, TestLog> verify)
    {
        var log = new TestLog(TestContext.Current.TestOutputHelper!);
        var input = WriteCorpus();
        Harness.EnsureBuilt();
        var rng = new Random(Seed);
        string[] args = ["ingest", input, "--json", "--no-language", "--batch-size", "64", "--db", db];
        for (int k = 0; k < Kills; k++)
        {
            long before = count(db);
            var sw = Stopwatch.StartNew();
            using var p = CliProcess.Start(Harness.Root, args);
            _ = p.StandardOutput.ReadToEndAsync();
            _ = p.StandardError.ReadToEndAsync();
            // Wait for progress since the last restart (a commit), then a seeded-random moment more: a kill mid-run.
            while (!p.HasExited && count(db) <= before && sw.Elapsed < TimeSpan.FromMinutes(3)) Thread.Sleep(50);
            var delay = TimeSpan.FromMilliseconds(rng.Next(0, 2500));
            Thread.Sleep(delay);
            bool killed = !p.HasExited;
            if (killed) p.Kill(); // SIGKILL: no handlers, no flush
            p.WaitForExit();
            log.Line($"run {k + 1}: {(killed ? "killed" : "finished before the kill")} at {sw.Elapsed.TotalSeconds:F1} s (+{delay.TotalMilliseconds:F0} ms after first commit); {count(db)} documents stored");
        }
        var final = CliProcess.Run(Harness.Root, args, TimeSpan.FromMinutes(20)); // a hang guard, not a speed test
        Assert.True(final.ExitCode == 0, $"final run exit {final.ExitCode}\n{CliProcess.Result.Tail(final.Stderr)}");
        var json = final.Json;
        log.Line($"final run: {json.GetProperty("new").GetInt32()} new, {json.GetProperty("duplicates").GetInt32()} duplicates, {json.GetProperty("failed").GetInt32()} failed, {final.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(0, json.GetProperty("failed").GetInt32());
        verify(db, log);
    }

    private static void VerifyCommon(DbConnection c, string db, TestLog log)
    {
        long rows = Scalar(c, "SELECT count(*) FROM documents");
        long hashes = Scalar(c, "SELECT count(DISTINCT content_hash) FROM documents");
        long sightings = Scalar(c, "SELECT count(*) FROM sightings");
        long dupSightings = Scalar(c, "SELECT count(*) FROM (SELECT doc_id, path, coalesce(locator, '') FROM sightings GROUP BY doc_id, path, coalesce(locator, '') HAVING count(*) > 1) x");
        long orphanSightings = Scalar(c, "SELECT count(*) FROM sightings s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = s.doc_id)");
        long unseen = Scalar(c, "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sightings s WHERE s.doc_id = d.id)");
        long missingFromStories = Scalar(c, "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM st_docs s WHERE s.id = d.id)");
        long storiesWithoutDocument = Scalar(c, "SELECT count(*) FROM st_docs s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = s.id)");
        log.Line($"{rows} documents ({hashes} distinct hashes), {sightings} sightings ({dupSightings} duplicated, {orphanSightings} orphan), "
            + $"{unseen} documents without a sighting, {missingFromStories} missing from the story index, {storiesWithoutDocument} index rows without a document");
        Assert.Equal(Documents, rows);
        Assert.Equal(rows, hashes);
        Assert.Equal(0, dupSightings);
        Assert.Equal(0, orphanSightings);
        Assert.Equal(0, unseen);
        Assert.Equal(0, missingFromStories);
        Assert.Equal(0, storiesWithoutDocument);
    }

    private static void VerifySqlite(string db, TestLog log)
    {
        using var c = Open(db);
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "PRAGMA integrity_check";
            var result = cmd.ExecuteScalar() as string;
            log.Line($"PRAGMA integrity_check: {result}");
            Assert.Equal("ok", result);
        }
        VerifyCommon(c, db, log);
    }

    private static void VerifyPostgres(string db, TestLog log)
    {
        using var c = Open(db);
        VerifyCommon(c, db, log);
        // Counts consistent between the two stores' public views: the store's count equals the rows.
        using var store = new PostgresDocumentStore(db);
        Assert.Equal(Documents, store.Count());
    }

    private sealed class TestLog(ITestOutputHelper output)
    {
        public void Line(string s) { output.WriteLine(s); Console.Error.WriteLine("[kill9] " + s); }
    }
}
