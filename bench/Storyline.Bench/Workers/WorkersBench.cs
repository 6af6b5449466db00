using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using Storyline.Core;
using Storyline.Storage.Postgres;
using Storyline.Testing;

namespace Storyline.Bench.Workers;

/// <summary>
/// 1 vs 2 worker processes on the full pipeline (`./storyline worker`, PostgreSQL queue, stories included): each run gets a
/// fresh database, starts its workers, waits until every worker has loaded its models ("ready"), then queues the same
/// generated articles in one transaction and times until the last is stored and indexed. Prints docs/s for each and
/// <c>speedup_2_workers</c>, with the load average before and after (other work on the machine shares its cores).
/// PostgreSQL: STORYLINE_BENCH_PG (a server connection string), else a throwaway cluster from scripts/postgres.sh.
/// </summary>
public static class WorkersBench
{
    public static void Run(TextWriter output, int docs, int rounds, bool json)
    {
        var root = RepoPaths.RepoRoot ?? throw new DirectoryNotFoundException("repository root not found");
        var build = CliProcess.Run(root, ["--help"], TimeSpan.FromMinutes(20));
        if (build.ExitCode != 0) throw new InvalidOperationException("CLI build failed: " + CliProcess.Result.Tail(build.Stderr));
        string? server = Environment.GetEnvironmentVariable("STORYLINE_BENCH_PG");
        bool own = string.IsNullOrWhiteSpace(server);
        if (own) server = Machine.PostgresScript(root, "start");
        try
        {
            var corpus = Corpus(docs);
            string loadBefore = Machine.LoadAverage();
            var r1 = new List<double>();
            var r2 = new List<double>();
            for (int round = 0; round < rounds; round++)
            {
                r1.Add(Measure(root, server!, corpus, 1, output, json));
                r2.Add(Measure(root, server!, corpus, 2, output, json));
            }
            double one = Median(r1), two = Median(r2);
            string loadAfter = Machine.LoadAverage();
            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["docs"] = docs, ["rounds"] = rounds, ["pipeline"] = "full (language layer, statements, stories)",
                    ["workers_1_docs_per_second"] = Math.Round(one, 2), ["workers_2_docs_per_second"] = Math.Round(two, 2),
                    ["speedup_2_workers"] = Math.Round(two / one, 3),
                    ["load_average_before"] = loadBefore, ["load_average_after"] = loadAfter, ["cores"] = Environment.ProcessorCount,
                }));
            }
            else
            {
                output.WriteLine($"workers: {docs} generated articles, full pipeline, median of {rounds} round(s)");
                output.WriteLine($"  1 worker : {one:F1} docs/s");
                output.WriteLine($"  2 workers: {two:F1} docs/s");
                output.WriteLine($"  speedup_2_workers: {two / one:F2}  (load average before {loadBefore}, after {loadAfter}; {Environment.ProcessorCount} cores)");
            }
        }
        finally
        {
            if (own) Machine.PostgresScript(root, "stop", server!);
        }
    }

    /// <summary>Generated English news articles (the robustness corpus's article generator), distinct by a marker name.</summary>
    private static List<QueuedRaw> Corpus(int docs)
    {
        var dir = Directory.CreateTempSubdirectory("storyline-bench-workers-").FullName;
        try
        {
            var gen = HostileCorpus.Generate(Path.Combine(dir, "gen"), new HostileCorpusOptions
            {
                HugeLineBytes = 0, GzipBombBytes = 1 << 20, DeepNesting = 10, GoodArticles = 0, RealPages = 0, Scale = 0.01,
            });
            return [.. Enumerable.Range(0, docs).Select(i =>
            {
                var (t, p) = gen.Article(gen.NewMarker());
                return new QueuedRaw(System.Text.Encoding.UTF8.GetBytes(t + "\n\n" + string.Join("\n\n", p) + "\n"), DocumentFormat.Text,
                    new DocumentOrigin($"bench/{i:D6}.txt"));
            })];
        }
        finally { try { Directory.Delete(dir, true); } catch (IOException) { } }
    }

    /// <summary>Docs/s of <paramref name="workers"/> worker processes over the corpus, from queueing to the last indexed.</summary>
    private static double Measure(string root, string server, List<QueuedRaw> corpus, int workers, TextWriter output, bool json)
    {
        string name = $"bench_workers_{workers}_{Guid.NewGuid():N}"[..40];
        Exec(server, $"CREATE DATABASE {name}");
        string cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var procs = new List<Process>();
        var summaries = new List<Task<string>>();
        try
        {
            using (var store = new PostgresDocumentStore(cs)) _ = new PostgresWorkQueue(store); // schema before workers start
            var ready = new CountdownEvent(workers);
            for (int w = 0; w < workers; w++)
            {
                var p = CliProcess.Start(root, ["worker", "--batch", "8", "--poll", "0.05", "--json", "--db", cs]);
                summaries.Add(p.StandardOutput.ReadToEndAsync());
                _ = Task.Run(() =>
                {
                    string? line;
                    bool signalled = false;
                    while ((line = p.StandardError.ReadLine()) is not null)
                        if (!signalled && line.EndsWith(": ready", StringComparison.Ordinal)) { ready.Signal(); signalled = true; }
                    if (!signalled) ready.Signal();
                });
                procs.Add(p);
            }
            if (!ready.Wait(TimeSpan.FromMinutes(5))) throw new TimeoutException("workers did not get ready in 5 minutes");
            if (procs.Any(p => p.HasExited)) throw new InvalidOperationException("a worker exited before the run");
            var cpuBefore = procs.Select(p => CpuSeconds(p.Id)).ToList();
            double pgBefore = PostgresCpuSeconds();
            var sw = Stopwatch.StartNew();
            using (var store = new PostgresDocumentStore(cs)) new PostgresWorkQueue(store).Enqueue(corpus);
            long done = 0;
            while ((done = Count(cs, "SELECT count(*) FROM st_docs") + Count(cs, "SELECT count(*) FROM work_queue WHERE dead")
                           + Count(cs, "SELECT count(*) FROM documents WHERE analysis ? 'NotArticle'")) < corpus.Count)
            {
                if (sw.Elapsed > TimeSpan.FromMinutes(60)) throw new TimeoutException($"only {done} of {corpus.Count} done in an hour");
                Thread.Sleep(50);
            }
            double rate = corpus.Count / sw.Elapsed.TotalSeconds;
            var cpu = procs.Select((p, i) => CpuSeconds(p.Id) - cpuBefore[i]).ToList();
            double pg = PostgresCpuSeconds() - pgBefore;
            // Stop the workers gracefully so each prints its summary with the time it spent per phase.
            foreach (var p in procs) Signal(p.Id, "TERM");
            var phases = new List<string>();
            foreach (var t in summaries)
            {
                if (!t.Wait(TimeSpan.FromSeconds(30))) continue;
                int start = t.Result.IndexOf('{');
                if (start < 0) continue;
                var line = t.Result[start..];
                try
                {
                    var summary = JsonDocument.Parse(line).RootElement;
                    var ph = summary.GetProperty("phase_seconds");
                    string text = string.Join(", ", ph.EnumerateObject().Select(o => $"{o.Name} {o.Value.GetDouble():F1}"));
                    // per document in the story-index update: ms, round trips, and where the time goes
                    if (summary.TryGetProperty("story_steps", out var st) && st.ValueKind == JsonValueKind.Object)
                        text += "; story steps: " + string.Join(", ", st.EnumerateObject().Select(o => $"{o.Name} {JsonSerializer.Serialize(o.Value)}"));
                    phases.Add(text);
                }
                catch (Exception ex) when (ex is JsonException or KeyNotFoundException) { }
            }
            if (!json)
            {
                output.WriteLine($"  run: {workers} worker(s), {corpus.Count} docs in {sw.Elapsed.TotalSeconds:F1} s = {rate:F1} docs/s (load {Machine.LoadAverage()})");
                output.WriteLine($"    CPU seconds: workers {string.Join(" + ", cpu.Select(c => c.ToString("F1", CultureInfo.InvariantCulture)))}, PostgreSQL {pg:F1}");
                foreach (var (ph, i) in phases.Select((ph, i) => (ph, i))) output.WriteLine($"    worker {i + 1} wall seconds: {ph}");
            }
            return rate;
        }
        finally
        {
            foreach (var p in procs)
            {
                try { if (!p.HasExited) p.Kill(); p.WaitForExit(); } catch (InvalidOperationException) { }
                p.Dispose();
            }
            NpgsqlConnection.ClearAllPools();
            Exec(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
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

    /// <summary>CPU seconds of every running postgres process (the cluster's server and backends).</summary>
    private static double PostgresCpuSeconds()
    {
        double sum = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try { if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() == "postgres") sum += CpuSeconds(pid); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
        return sum;
    }

    private static void Signal(int pid, string signal)
    {
        try { using var k = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]); k.WaitForExit(); }
        catch (System.ComponentModel.Win32Exception) { }
    }

    private static long Count(string cs, string sql)
    {
        using var c = new NpgsqlConnection(cs);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Exec(string server, string sql)
    {
        using var c = new NpgsqlConnection(server);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }


    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }
}
