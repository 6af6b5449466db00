using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using Storyline.Core;
using Storyline.Core.Storage;
using Storyline.Storage.Postgres;
using Storyline.Storage.Sqlite;
using Storyline.Testing;

namespace Storyline.Bench.Scale;

/// <summary>Options of <c>bench/run scale</c>.</summary>
public sealed record ScaleOptions
{
    public int Documents { get; init; } = 100_000;
    /// <summary>sqlite, postgres or both.</summary>
    public string Store { get; init; } = "both";
    public bool Json { get; init; }
    /// <summary>Run the full pipeline (language layer) instead of <c>--no-language</c>.</summary>
    public bool Full { get; init; }
    /// <summary>SQLite: use (and keep) this file instead of a temporary one.</summary>
    public string? SqlitePath { get; init; }
    /// <summary>Skip the ingest: measure search on the store at <see cref="SqlitePath"/> (or STORYLINE_BENCH_PG's database) as it is.</summary>
    public bool SearchOnly { get; init; }
    /// <summary>A line of progress per sample (every few seconds) goes here too, e.g. a log file; null for none.</summary>
    public TextWriter? Log { get; init; }
}

/// <summary>
/// "A million documents" (issue 15): a generated corpus (<see cref="ScaleCorpus"/>), written lazily into the standard input
/// of the real <c>storyline ingest - --no-language</c> process, on SQLite and on a throwaway PostgreSQL. The CLI process's
/// memory is sampled from /proc (VmRSS, VmHWM = peak working set) while it runs; then a fixed set of queries (common
/// words, rare names, phrases, name + place) is timed in this process through the store's <see cref="IDocumentStore.Search"/>
/// (ranking and snippets: what `storyline search` does, without its process start).
/// </summary>
public static class ScaleBench
{
    public static void Run(TextWriter output, ScaleOptions o)
    {
        var root = RepoPaths.RepoRoot ?? throw new DirectoryNotFoundException("repository root not found");
        var text = o.Json ? TextWriter.Null : output;
        var build = CliProcess.Run(root, ["--help"], TimeSpan.FromMinutes(20));
        if (build.ExitCode != 0) throw new InvalidOperationException("CLI build failed: " + CliProcess.Result.Tail(build.Stderr));
        var corpus = ScaleCorpus.Load();
        text.WriteLine($"scale: {o.Documents:N0} generated documents ({corpus.SentenceCount:N0} pool sentences), pipeline " +
                       (o.Full ? "full (language layer)" : "--no-language (read, clean, metadata, store, story index)") + $", load average {Machine.LoadAverage()}");
        var results = new Dictionary<string, object>();
        if (o.Store is "sqlite" or "both") results["sqlite"] = RunSqlite(root, corpus, o, text);
        if (o.Store is "postgres" or "both") results["postgres"] = RunPostgres(root, corpus, o, text);
        if (o.Json)
        {
            results["documents"] = o.Documents;
            results["pipeline"] = o.Full ? "full" : "no-language";
            results["cores"] = Environment.ProcessorCount;
            results["load_average"] = Machine.LoadAverage();
            output.WriteLine(JsonSerializer.Serialize(results));
        }
    }

    private static Dictionary<string, object> RunSqlite(string root, ScaleCorpus corpus, ScaleOptions o, TextWriter text)
    {
        string? tmp = o.SqlitePath is null ? Directory.CreateTempSubdirectory("storyline-bench-scale-").FullName : null;
        string db = o.SqlitePath ?? Path.Combine(tmp!, "scale.db");
        try
        {
            var figures = new Dictionary<string, object>();
            if (!o.SearchOnly)
            {
                if (File.Exists(db)) throw new InvalidOperationException($"{db} exists: give a new path, or --search-only to measure it");
                figures = Ingest(root, corpus, o, db, "sqlite", text);
            }
            using (var store = new SqliteDocumentStore(db)) Search(store, corpus, o, "sqlite", text, figures);
            figures["database_mb"] = Math.Round(new[] { db, db + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length) / 1e6);
            return figures;
        }
        finally
        {
            SqliteClearPools();
            if (tmp is not null) Directory.Delete(tmp, true);
        }
    }

    private static void SqliteClearPools() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

    private static Dictionary<string, object> RunPostgres(string root, ScaleCorpus corpus, ScaleOptions o, TextWriter text)
    {
        string? server = Environment.GetEnvironmentVariable("STORYLINE_BENCH_PG");
        bool own = string.IsNullOrWhiteSpace(server);
        if (own) server = Machine.PostgresScript(root, "start");
        string name = $"bench_scale_{o.Documents}";
        try
        {
            string cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            var figures = new Dictionary<string, object>();
            if (!o.SearchOnly)
            {
                Exec(server!, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                Exec(server!, $"CREATE DATABASE {name}");
                figures = Ingest(root, corpus, o, cs, "postgres", text);
            }
            using (var store = new PostgresDocumentStore(cs))
            {
                Exec(cs, "VACUUM ANALYZE"); // as autovacuum would have by now on a server left alone after a bulk load
                Search(store, corpus, o, "postgres", text, figures);
            }
            figures["database_mb"] = Math.Round(Convert.ToDouble(Scalar(cs, $"SELECT pg_database_size('{name}')"), CultureInfo.InvariantCulture) / 1e6);
            return figures;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (own) Machine.PostgresScript(root, "stop", server!);
        }
    }

    /// <summary>Streams the corpus into `storyline ingest -` and samples the CLI process's memory while it runs.</summary>
    private static Dictionary<string, object> Ingest(string root, ScaleCorpus corpus, ScaleOptions o, string db, string label, TextWriter text)
    {
        string[] args = o.Full ? ["ingest", "-", "--db", db] : ["ingest", "-", "--no-language", "--db", db];
        var psi = CliStartInfo.Create(root, root, args);
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var lastErr = new Queue<string>();
        var stderr = Task.Run(() =>
        {
            while (p.StandardError.ReadLine() is { } line)
                lock (lastErr) { lastErr.Enqueue(line); if (lastErr.Count > 20) lastErr.Dequeue(); }
        });
        long written = 0;
        var samples = new List<(double Seconds, long Docs, double RssMb, double HwmMb)>();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(() =>
        {
            var last = Stopwatch.StartNew();
            while (!stop.IsCancellationRequested && !p.HasExited)
            {
                var (rss, hwm) = Memory(p.Id);
                if (rss > 0)
                    lock (samples) samples.Add((sw.Elapsed.TotalSeconds, Interlocked.Read(ref written), rss / 1e6, hwm / 1e6));
                if (o.Log is { } log && last.Elapsed.TotalSeconds >= 30)
                {
                    lock (log) { log.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {label}: {Interlocked.Read(ref written):N0} docs written, {sw.Elapsed.TotalSeconds:F0} s, RSS {rss / 1e6:F0} MB, peak {hwm / 1e6:F0} MB, CPU {CpuSeconds(p.Id):F0} s, load {Machine.LoadAverage()}"); log.Flush(); }
                    last.Restart();
                }
                Thread.Sleep(250);
            }
        });
        double cpuAtEnd = 0;
        try
        {
            var stdin = p.StandardInput;
            stdin.AutoFlush = false;
            foreach (var line in corpus.Lines(o.Documents))
            {
                stdin.Write(line);
                stdin.Write('\n');
                Interlocked.Increment(ref written);
            }
            stdin.Close();
            // the last sample before exit holds the final VmHWM: poll until the process is gone
            while (!p.WaitForExit(100)) cpuAtEnd = Math.Max(cpuAtEnd, CpuSeconds(p.Id));
        }
        catch (IOException ex)
        {
            p.WaitForExit();
            throw new InvalidOperationException($"the CLI stopped reading ({ex.Message}); its last lines: {string.Join('\n', lastErr)}", ex);
        }
        finally
        {
            stop.Cancel();
            sampler.Wait();
        }
        sw.Stop();
        stderr.Wait();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"ingest exited {p.ExitCode}: {stdout.Result}\n{string.Join('\n', lastErr)}");
        double seconds = sw.Elapsed.TotalSeconds;
        double peak = samples.Count > 0 ? samples.Max(s => s.HwmMb) : 0;
        // working set when each tenth of the corpus had been handed over
        var tenths = new List<(long Docs, double RssMb, double Seconds)>();
        for (int t = 1; t <= 10; t++)
        {
            long at = (long)o.Documents * t / 10;
            var s = samples.FirstOrDefault(x => x.Docs >= at);
            if (s.Seconds == 0) s = samples.LastOrDefault();
            tenths.Add((at, Math.Round(s.RssMb), Math.Round(s.Seconds)));
        }
        text.WriteLine($"scale [{label}]: {stdout.Result.Trim()}");
        text.WriteLine($"scale [{label}]: {o.Documents:N0} docs in {seconds:F0} s = {o.Documents / seconds:F0} docs/s; CLI CPU {cpuAtEnd * 1000 / o.Documents:F2} ms/doc " +
                       $"(= {o.Documents / cpuAtEnd * Environment.ProcessorCount:F0} docs/s if all {Environment.ProcessorCount} cores were its own); load average {Machine.LoadAverage()}");
        text.WriteLine($"scale [{label}]: peak working set (VmHWM) {peak:F0} MB; working set after each 10 %: " +
                       string.Join(", ", tenths.Select(x => $"{x.Docs:N0} {x.RssMb:F0} MB")));
        return new Dictionary<string, object>
        {
            ["docs_per_s"] = Math.Round(o.Documents / seconds, 1),
            ["seconds"] = Math.Round(seconds),
            ["cli_cpu_ms_per_doc"] = Math.Round(cpuAtEnd * 1000 / o.Documents, 3),
            ["peak_working_set_mb"] = Math.Round(peak),
            ["working_set_by_tenth"] = tenths.Select(x => new { docs = x.Docs, rss_mb = x.RssMb, seconds = x.Seconds }).ToList(),
            ["summary"] = stdout.Result.Trim(),
        };
    }

    /// <summary>Times every query of the fixed set through <see cref="IDocumentStore.Search"/> (20 hits with snippets).</summary>
    private static void Search(IDocumentStore store, ScaleCorpus corpus, ScaleOptions o, string label, TextWriter text, Dictionary<string, object> figures)
    {
        var queries = corpus.Queries(o.Documents);
        foreach (var q in queries.Take(10)) store.Search(q.Text, 20); // warm-up: statements prepared, pages cached
        var times = new List<(ScaleCorpus.Query Q, double Ms, int Hits)>();
        foreach (var q in queries)
        {
            long t0 = Stopwatch.GetTimestamp();
            int hits = store.Search(q.Text, 20).Count;
            times.Add((q, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, hits));
        }
        var all = times.Select(t => t.Ms).Order().ToList();
        figures["search_queries"] = times.Count;
        figures["search_p50_ms"] = Math.Round(Percentile(all, 50), 2);
        figures["search_p95_ms"] = Math.Round(Percentile(all, 95), 2);
        figures["search_p99_ms"] = Math.Round(Percentile(all, 99), 2);
        figures["search_max_ms"] = Math.Round(all[^1], 2);
        var byKind = times.GroupBy(t => t.Q.Kind).ToDictionary(g => g.Key, g =>
        {
            var ms = g.Select(t => t.Ms).Order().ToList();
            return new { p50_ms = Math.Round(Percentile(ms, 50), 2), p95_ms = Math.Round(Percentile(ms, 95), 2), queries = ms.Count, with_hits = g.Count(t => t.Hits > 0) };
        });
        figures["search_by_kind"] = byKind;
        text.WriteLine($"scale [{label}]: search over {store.Count():N0} documents, {times.Count} queries (in-process IDocumentStore.Search, 20 hits with snippets): " +
                       $"p50 {Percentile(all, 50):F1} ms, p95 {Percentile(all, 95):F1} ms, p99 {Percentile(all, 99):F1} ms, max {all[^1]:F1} ms; load average {Machine.LoadAverage()}");
        foreach (var (kind, f) in byKind)
            text.WriteLine($"scale [{label}]:   {kind,-15} p50 {f.p50_ms,7:F1} ms  p95 {f.p95_ms,7:F1} ms  ({f.with_hits}/{f.queries} with hits)");
        text.WriteLine($"scale [{label}]:   slowest: " + string.Join("; ", times.OrderByDescending(t => t.Ms).Take(5).Select(t => $"{t.Q.Text} {t.Ms:F0} ms")));
    }

    private static double Percentile(List<double> sorted, double p)
    {
        if (sorted.Count == 0) return 0;
        double rank = p / 100 * (sorted.Count - 1);
        int lo = (int)Math.Floor(rank), hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    /// <summary>VmRSS and VmHWM of a live process in bytes (0 once it has exited).</summary>
    private static (long Rss, long Hwm) Memory(int pid)
    {
        long rss = 0, hwm = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kb(line[6..]);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kb(line[6..]);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        return (rss, hwm);
        static long Kb(string s) => long.Parse(s.Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>User + system CPU seconds of a process so far (/proc/PID/stat, clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException) { return 0; }
    }

    private static void Exec(string cs, string sql)
    {
        using var c = new NpgsqlConnection(cs);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 };
        cmd.ExecuteNonQuery();
    }

    private static object? Scalar(string cs, string sql)
    {
        using var c = new NpgsqlConnection(cs);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        return cmd.ExecuteScalar();
    }

}
