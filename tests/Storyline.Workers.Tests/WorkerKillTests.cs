using System.Diagnostics;
using Storyline.Testing;

namespace Storyline.Workers.Tests;

/// <summary>
/// kill -9 of workers and of the enqueuing process at seeded moments while ~1,000 documents (2,000 in the long run) go
/// through the queue on PostgreSQL; every killed process is restarted. Then the batch is run to the end and the store
/// must hold every document exactly once, indexed into stories exactly once, with no event split over two stories and
/// nothing left in the queue. Short run in CI (6 kills); the long run is opt-in: STORYLINE_WORKER_KILLS=24 (any number ≥ 1).
/// </summary>
public sealed class WorkerKillTests : IDisposable
{
    private const int Seed = 1515, ShortKills = 6, ShortDocuments = 1000, LongDocuments = 2000;
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-worker-kill-").FullName;

    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private static readonly string Root = TestEnvironment.RepoRoot;

    [Fact]
    public async Task WorkersAndEnqueuer_KilledAtSeededMoments_BatchCompletesWithEveryDocumentOnce()
    {
        using var db = new TestDatabase();
        int kills = int.TryParse(Environment.GetEnvironmentVariable("STORYLINE_WORKER_KILLS"), out var k) && k > 0 ? k : ShortKills;
        int documents = kills > ShortKills ? LongDocuments : ShortDocuments;
        var log = TestContext.Current.TestOutputHelper!;
        void Log(string s) { log.WriteLine(s); Console.Error.WriteLine("[worker-kill] " + s); }

        var articles = NearDuplicateCorpus.Generate(Seed, groups: documents / 2, variants: 2);
        var input = NearDuplicateCorpus.Write(articles, Path.Combine(_dir, "in"));
        var build = CliProcess.Run(Root, ["--help"], TimeSpan.FromMinutes(15));
        Assert.True(build.ExitCode == 0, "CLI build: " + CliProcess.Result.Tail(build.Stderr));

        string cs = db.ConnectionString;
        string[] enqueueArgs = ["ingest", input, "--enqueue", "--json", "--db", cs];
        string[] workerArgs = ["worker", "--no-language", "--batch", "16", "--lease", "3", "--poll", "0.2", "--db", cs];
        var procs = new Dictionary<string, Process>();
        void Start(string role)
        {
            var p = CliProcess.Start(Root, role == "enqueuer" ? enqueueArgs : workerArgs);
            _ = p.StandardOutput.ReadToEndAsync();
            _ = p.StandardError.ReadToEndAsync();
            procs[role] = p;
        }
        long Progress() => Safe(() => db.Scalar("SELECT count(*) FROM documents")) + Safe(() => db.Scalar("SELECT coalesce(max(id), 0) FROM work_queue"));

        var rng = new Random(Seed);
        var sw = Stopwatch.StartNew();
        Start("enqueuer"); Start("worker1"); Start("worker2");
        bool enqueued = false;
        int killed = 0;
        try
        {
            for (int n = 0; n < kills; n++)
            {
                // Wait for progress since the last kill (a commit somewhere), then a seeded-random moment more.
                long before = Progress();
                var wait = Stopwatch.StartNew();
                while (Progress() <= before && wait.Elapsed < TimeSpan.FromSeconds(90)) Thread.Sleep(50);
                Thread.Sleep(rng.Next(0, 1500));
                if (procs["enqueuer"].HasExited && procs["enqueuer"].ExitCode == 0) enqueued = true;
                // The enqueuer is a victim while it runs (at most every third kill: a restart reads everything again).
                var roles = new List<string> { "worker1", "worker2" };
                if (!enqueued && n % 3 == 0) roles.Add("enqueuer");
                // The first kill always hits the enqueuer mid-way (it is still reading); later victims are drawn.
                var victim = n == 0 && !enqueued ? "enqueuer" : roles[rng.Next(roles.Count)];
                var p = procs[victim];
                bool wasRunning = !p.HasExited;
                if (wasRunning) { p.Kill(); killed++; } // SIGKILL: no handlers, no flush
                p.WaitForExit();
                Log($"kill {n + 1}: {victim} {(wasRunning ? "killed" : "had already exited")} at {sw.Elapsed.TotalSeconds:F1} s; " +
                    $"{Safe(() => db.Scalar("SELECT count(*) FROM documents"))} documents stored, {Safe(() => db.Scalar("SELECT count(*) FROM work_queue WHERE NOT dead"))} queued");
                if (victim != "enqueuer" || !enqueued) Start(victim);
            }
        }
        finally
        {
            // The last workers die too (they would run forever); the batch is then finished by fresh ones.
            foreach (var (role, p) in procs.Where(kv => kv.Key != "enqueuer"))
                if (!p.HasExited) { p.Kill(); killed++; p.WaitForExit(); }
        }
        var e = procs["enqueuer"];
        if (!e.WaitForExit(TimeSpan.FromMinutes(5))) { e.Kill(); e.WaitForExit(); }
        if (e.ExitCode != 0)
        {
            var again = CliProcess.Run(Root, enqueueArgs, TimeSpan.FromMinutes(10));
            Assert.True(again.ExitCode == 0, "enqueuer rerun: " + CliProcess.Result.Tail(again.Stderr));
        }
        string[] once = [.. workerArgs, "--once", "--json"];
        var finals = await Task.WhenAll(Task.Run(() => CliProcess.Run(Root, once, TimeSpan.FromMinutes(15))), Task.Run(() => CliProcess.Run(Root, once, TimeSpan.FromMinutes(15))));
        foreach (var f in finals) Assert.True(f.ExitCode == 0, $"final worker exit {f.ExitCode}: {CliProcess.Result.Tail(f.Stderr)}");
        Log($"{killed} processes killed with SIGKILL; final workers done at {sw.Elapsed.TotalSeconds:F1} s: " +
            string.Join(" | ", finals.Select(f => f.Stdout.Replace('\n', ' '))));
        var status = CliProcess.Run(Root, ["worker", "--status", "--json", "--db", cs], TimeSpan.FromMinutes(2));
        Log("queue status: " + status.Stdout.Replace('\n', ' '));
        Assert.True(killed >= kills, $"{killed} kills, wanted {kills}");

        long rows = db.Scalar("SELECT count(*) FROM documents");
        Log($"{rows} documents for {articles.Count} inputs; {db.Scalar("SELECT count(*) FROM st_docs")} indexed; " +
            $"{db.Scalar("SELECT coalesce(sum(count), 0) FROM sightings")} sightings counted (re-enqueued inputs count again)");
        Assert.Equal(articles.Count, rows);                                                           // none lost
        Assert.Equal(rows, db.Scalar("SELECT count(DISTINCT content_hash) FROM documents"));         // none stored twice
        Assert.Equal(0, db.Scalar("SELECT count(*) FROM work_queue"));                               // queue drained, nothing dead-lettered
        Assert.Equal(0, db.Scalar("SELECT count(*) FROM (SELECT doc_id, path FROM sightings GROUP BY 1, 2 HAVING count(*) > 1) x"));
        Assert.Equal(0, db.Scalar("SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sightings s WHERE s.doc_id = d.id)"));
        Assert.Equal(rows, db.Scalar("SELECT count(*) FROM st_docs"));                               // every document in the story index
        Assert.Equal(0, db.Scalar("SELECT count(*) FROM st_docs s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = s.id)"));
        Assert.Equal(0, db.Scalar("SELECT count(*) FROM (SELECT doc_id, key FROM st_buckets GROUP BY 1, 2 HAVING count(*) > 1) x")); // indexed once
        Assert.Equal(0, db.Scalar("SELECT count(*) FROM (SELECT seq FROM st_docs GROUP BY seq HAVING count(*) > 1) x"));
        var split = StoryCheck.SplitGroups(cs);
        Assert.True(split.Count == 0, "events split by the crashes: " + string.Join(", ", split.Take(20).Select(s => $"group {s.Group} in {s.Stories} stories")));
    }

    private static long Safe(Func<long> f)
    {
        try { return f(); }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException) { return 0; }
    }
}
