using System.CommandLine;
using System.Diagnostics;
using Storyline.Core;
using Storyline.Engine;
using Storyline.Ingest;
using Storyline.Storage.Postgres;
using Storyline.Workers;

namespace Storyline.Cli.Commands;

/// <summary>
/// `storyline worker --db postgres://…`: claim batches of queued documents, run the pipeline, store them and index
/// stories; any number of workers on any number of machines share one queue. `--status` reports the queue.
/// `ingest --enqueue` (see <see cref="Enqueue"/>) fills the queue.
/// </summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var cmd = Cli.NewCommand("worker",
            "Process documents queued by 'ingest --enqueue' on a PostgreSQL store: claim a batch (FOR UPDATE SKIP LOCKED, with a lease), " +
            "run the pipeline, store the documents and index their stories. Start one per core, on as many machines as you like; " +
            "a worker that dies loses nothing (its batch is claimed again when the lease runs out). Ctrl-C finishes the batch in hand.",
            "storyline ingest feeds/ --enqueue --db postgres://postgres@db/news   # queue raw documents",
            "storyline worker --db postgres://postgres@db/news                   # process them (runs until stopped)",
            "storyline worker --once --db postgres://postgres@db/news            # stop when the queue is empty",
            "storyline worker --status --json --db postgres://postgres@db/news   # queue depth, dead letters, dead tuples");
        var batch = new Option<int>("--batch") { Description = "Documents claimed at once (default 32).", DefaultValueFactory = _ => 32 };
        var lease = new Option<double>("--lease")
        {
            Description = "Seconds a claim is held without a heartbeat (default 60): a dead worker's batch is claimed again after it.",
            DefaultValueFactory = _ => 60,
        };
        var attempts = new Option<int>("--max-attempts")
        {
            Description = "Claims before an item that never completes (its worker died each time) is dead-lettered with the reason (default 3).",
            DefaultValueFactory = _ => 3,
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Documents processed at once in this worker (default 1: scale out with one worker process per core).",
            DefaultValueFactory = _ => 1,
        };
        var once = new Option<bool>("--once") { Description = "Stop when nothing is pending (ready or leased by any worker) instead of waiting for more." };
        var poll = new Option<double>("--poll") { Description = "Seconds between looks at an empty queue (default 1).", DefaultValueFactory = _ => 1 };
        var noLanguage = new Option<bool>("--no-language") { Description = "Skip the language layer (as 'ingest --no-language')." };
        var status = new Option<bool>("--status") { Description = "Print the queue (ready, leased, dead-lettered, dead tuples of its table) and exit." };
        var retryDead = new Option<bool>("--retry-dead") { Description = "Put dead-lettered items back in the queue with fresh attempts, and exit." };
        foreach (var o in new Option[] { batch, lease, attempts, threads, once, poll, noLanguage, status, retryDead }) cmd.Add(o);
        cmd.SetAction(r => Cli.Run(() =>
        {
            var db = StoreFactory.Resolve(r.GetValue(Cli.Db));
            if (!StoreFactory.IsPostgres(db))
                throw new UsageException("worker needs a PostgreSQL store (--db postgres://… or Host=…); the queue lives there");
            bool json = r.GetValue(Cli.Json);
            if (r.GetValue(status) || r.GetValue(retryDead))
            {
                using var s = new PostgresDocumentStore(db, create: false);
                var q = new PostgresWorkQueue(s);
                if (r.GetValue(retryDead))
                {
                    int n = q.RetryDead();
                    if (json) Cli.WriteJson(new { requeued = n });
                    else Console.WriteLine($"{n} dead-lettered items queued again");
                    return ExitCodes.Success;
                }
                return PrintStatus(q.Status(), json);
            }
            int b = r.GetValue(batch), a = r.GetValue(attempts), t = r.GetValue(threads);
            double l = r.GetValue(lease), p = r.GetValue(poll);
            if (b < 1) throw new UsageException($"--batch must be at least 1 (got {b})");
            if (a < 1) throw new UsageException($"--max-attempts must be at least 1 (got {a})");
            if (t < 1) throw new UsageException($"--threads must be at least 1 (got {t})");
            if (!(l >= 1)) throw new UsageException($"--lease must be at least 1 second (got {l})");
            if (!(p > 0)) throw new UsageException($"--poll must be positive (got {p})");
            var options = new WorkerOptions
            {
                BatchSize = b, Lease = TimeSpan.FromSeconds(l), MaxAttempts = a, Threads = t, Poll = TimeSpan.FromSeconds(p), Once = r.GetValue(once),
            };
            return RunWorker(db, options, r.GetValue(noLanguage), json);
        }));
        return cmd;
    }

    private static int RunWorker(string db, WorkerOptions options, bool noLanguage, bool json)
    {
        using var store = new PostgresDocumentStore(db, create: true);
        var queue = new PostgresWorkQueue(store) { MaxAttempts = options.MaxAttempts };
        using var stories = StoryService.For(store);
        var pipeline = noLanguage ? DefaultPipeline.Build(new DefaultPipeline.Options { Language = false }) : DefaultPipeline.Default;
        var worker = new Worker(queue, pipeline, stories, options);
        using var cts = new CancellationTokenSource();
        // Ctrl-C / SIGTERM: stop claiming, finish and commit the batch in hand, then exit.
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; cts.Cancel(); });
        var last = Stopwatch.StartNew();
        try
        {
            worker.Run((tot, what) =>
            {
                if (what == Worker.Ready) { Console.Error.WriteLine($"worker {options.Name}: ready"); return; }
                if (json || last.Elapsed.TotalSeconds < 2) return;
                Console.Error.WriteLine($"worker {options.Name}: {tot.Documents} stored ({tot.New} new), {tot.Failed} failed, {Rate(tot):F1} docs/s — {what}");
                last.Restart();
            }, cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested) { }
        finally { Console.CancelKeyPress -= onCancel; }
        var w = worker.Totals;
        double secs = w.Elapsed.Elapsed.TotalSeconds;
        if (json)
            Cli.WriteJson(new
            {
                worker = options.Name, batches = w.Batches, @new = w.New, duplicates = w.Duplicates, failed = w.Failed,
                dead_lettered = w.DeadLettered, lost_lease = w.LostLease, released = w.Released, caught_up = w.CaughtUp,
                seconds = Math.Round(secs, 3), docs_per_second = Math.Round(Rate(w), 2),
                phase_seconds = new
                {
                    claim = Math.Round(w.Phases.Claim, 3), pipeline = Math.Round(w.Phases.Pipeline, 3),
                    complete = Math.Round(w.Phases.Complete, 3), stories = Math.Round(w.Phases.Stories, 3),
                    stories_analyse = Math.Round(stories.Times.Analyse, 3), stories_lock_wait = Math.Round(stories.PostgresStats?.LockWaitSeconds ?? stories.Times.Wait, 3),
                    stories_update = Math.Round(stories.Times.Update, 3),
                },
                story_steps = StorySteps(stories),
            });
        else
            Console.WriteLine($"worker {options.Name}: {w.Documents} documents stored ({w.New} new, {w.Duplicates} duplicates), {w.Failed} failed, " +
                              $"{w.DeadLettered} dead-lettered, {w.Batches} batches in {secs:F1} s ({Rate(w):F1} docs/s); " +
                              $"time in claims {w.Phases.Claim:F1} s, pipeline {w.Phases.Pipeline:F1} s, commits {w.Phases.Complete:F1} s, stories {w.Phases.Stories:F1} s");
        return ExitCodes.Success;
    }

    /// <summary>Where the story-index update goes per document: round trips, database, record decoding and encoding.</summary>
    private static object? StorySteps(StoryService stories)
    {
        if (stories.PostgresStats is not { } st) return null;
        double n = Math.Max(1, stories.Indexed);
        return new
        {
            documents = stories.Indexed, batches = st.Batches, round_trips = st.RoundTrips,
            round_trips_per_document = Math.Round(st.RoundTrips / n, 2),
            update_ms_per_document = Math.Round(stories.Times.Update * 1000 / n, 2),
            lock_wait_seconds = Math.Round(st.LockWaitSeconds, 3),
            database_seconds = Math.Round(st.DatabaseSeconds, 3), decode_seconds = Math.Round(st.DecodeSeconds, 3),
            encode_seconds = Math.Round(st.EncodeSeconds, 3), records_decoded = st.RecordsDecoded, records_from_cache = st.RecordsFromCache,
            stories_decoded = st.StoriesDecoded, stories_from_cache = st.StoriesFromCache,
            round_trips_by_step = stories.PostgresRoundTrips?.OrderByDescending(kv => kv.Value.RoundTrips)
                .ToDictionary(kv => kv.Key, kv => $"{kv.Value.RoundTrips} ({kv.Value.Seconds:F2} s)"),
        };
    }

    private static double Rate(WorkerTotals w) => w.Elapsed.Elapsed.TotalSeconds > 0 ? (w.Documents + w.Failed) / w.Elapsed.Elapsed.TotalSeconds : 0;

    private static int PrintStatus(QueueStatus s, bool json)
    {
        if (json)
        {
            Cli.WriteJson(new
            {
                ready = s.Ready, leased = s.Leased, dead = s.Dead, pending = s.Ready + s.Leased,
                oldest_pending_seconds = s.OldestPendingSeconds is { } o ? Math.Round(o, 1) : (double?)null,
                live_tuples = s.LiveTuples, dead_tuples = s.DeadTuples, vacuums = s.Vacuums, last_vacuum = s.LastVacuum,
                table_bytes = s.TableBytes,
                dead_letters = s.DeadLetters.Select(d => new { id = d.Id, path = d.Path, locator = d.Locator, attempts = d.Attempts, code = d.Code, error = d.Error }),
            });
            return ExitCodes.Success;
        }
        Console.WriteLine($"queue: {s.Ready} ready, {s.Leased} leased (in flight), {s.Dead} dead-lettered" +
                          (s.OldestPendingSeconds is { } age ? $"; oldest pending {age:F0} s" : ""));
        Console.WriteLine($"table work_queue: {s.LiveTuples} live tuples, {s.DeadTuples} dead tuples, {s.Vacuums} vacuums" +
                          (s.LastVacuum is { } v ? $" (last {v:u})" : "") + $", {s.TableBytes / 1024.0:F0} KiB");
        foreach (var d in s.DeadLetters)
            Console.WriteLine($"  dead #{d.Id} {Cli.Safe(d.Path)}{(d.Locator is null ? "" : "#" + Cli.Safe(d.Locator))} after {d.Attempts} attempts: {d.Code} {Cli.Safe(d.Error)}");
        return ExitCodes.Success;
    }

    /// <summary>`ingest --enqueue`: read the inputs and queue their raw documents for workers; same outcome shape as ingest.</summary>
    public static int Enqueue(string[] paths, string db, bool json, bool followSymlinks)
    {
        if (!StoreFactory.IsPostgres(db))
            throw new UsageException("--enqueue needs a PostgreSQL store (--db postgres://… or Host=…): workers claim from its queue");
        var sw = Stopwatch.StartNew();
        using var store = new PostgresDocumentStore(db, create: true);
        var queue = new PostgresWorkQueue(store);
        var enqueuer = new Enqueuer(queue, new DocumentReader(new ReaderOptions { FollowSymlinks = followSymlinks }));
        var last = Stopwatch.StartNew();
        int done = 0;
        var outcomes = enqueuer.Enqueue(paths, o =>
        {
            done++;
            if (o.Status is IngestOutcome.Failed or IngestOutcome.Skipped) Console.Error.WriteLine($"{o.Status}: {Cli.Safe(o.Error)}");
            if (!json && last.Elapsed.TotalSeconds > 2) { Console.Error.WriteLine($"enqueuing: {done} read — {Cli.Safe(o.Path)}"); last.Restart(); }
        });
        int queued = outcomes.Count(o => o.Status == Enqueuer.Queued);
        int failed = outcomes.Count(o => o.Status == IngestOutcome.Failed);
        int skipped = outcomes.Count(o => o.Status == IngestOutcome.Skipped);
        if (json)
            Cli.WriteJson(new
            {
                documents = outcomes.Select(o => new { path = o.Path, id = (long?)null, status = o.Status, error = o.Error, code = o.Code?.ToString(), queue_id = o.QueueId }),
                @new = 0, duplicates = 0, failed, skipped, queued,
                seconds = Math.Round(sw.Elapsed.TotalSeconds, 3),
            });
        else
            Console.WriteLine($"{outcomes.Count} documents read: {queued} queued for workers, {failed} failed, {skipped} skipped ({sw.Elapsed.TotalSeconds:F1} s); " +
                              "run 'storyline worker' to process them");
        return failed == 0 ? ExitCodes.Success : queued == 0 ? ExitCodes.AllFailed : ExitCodes.PartialFailure;
    }
}
