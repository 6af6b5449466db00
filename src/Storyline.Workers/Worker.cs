using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Npgsql;
using Storyline.Core;
using Storyline.Core.Storage;
using Storyline.Engine;
using Storyline.Ingest;
using Storyline.Storage.Postgres;

namespace Storyline.Workers;

/// <summary>Options of a worker: claim size, lease, retries, threads, idle polling.</summary>
public sealed record WorkerOptions
{
    /// <summary>Items claimed at once: one short claim statement and one completion transaction per batch.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>How long a claim is held without a heartbeat; a dead worker's items are claimable again after it.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Claims after which an item that never completed (its worker died each time) is dead-lettered.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Documents of a batch processed at once. One per worker: scale out with processes, one per core.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Wait between claims when the queue is empty (or only holds items other workers lease).</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Stop when the queue holds nothing pending (ready or leased by anyone) instead of waiting for more.</summary>
    public bool Once { get; init; }

    /// <summary>Run the pipeline once on a built-in sample before the first claim, so models load while no lease ticks.</summary>
    public bool WarmUp { get; init; } = true;

    /// <summary>This worker's name in the queue (who holds a lease).</summary>
    public string Name { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}

/// <summary>Wall seconds a worker spent in each phase of its loop.</summary>
[SuppressMessage("Design", "CA1051", Justification = "Plain counters added to by ref; a property cannot be.")]
public sealed class PhaseTimes
{
    public double Claim, Pipeline, Complete, Stories;

    /// <summary>Adds the elapsed time since <paramref name="start"/> (a <see cref="Stopwatch.GetTimestamp"/>) to a phase.</summary>
    public static void Add(ref double phase, long start) => phase += Stopwatch.GetElapsedTime(start).TotalSeconds;
}

/// <summary>What a worker did so far.</summary>
[SuppressMessage("Design", "CA1051", Justification = "Plain counters, some updated with Interlocked (by ref).")]
public sealed class WorkerTotals
{
    public int Batches, New, Duplicates, Failed, DeadLettered, LostLease, Released, CaughtUp;
    public long Bytes;
    public Stopwatch Elapsed { get; } = Stopwatch.StartNew();

    /// <summary>Wall time per phase (claims, pipeline, completion commit, story indexing), to name the bottleneck.</summary>
    public readonly PhaseTimes Phases = new();
    public int Documents => New + Duplicates;
}

/// <summary>
/// A worker: claims a batch from the queue, runs the pipeline over it outside any transaction (renewing the lease
/// meanwhile), stores the documents and removes their items in one transaction, then indexes the new documents into
/// stories under the story index's advisory lock (one assigner at a time across all workers, so two workers never
/// open two stories for one event). A crash between the two commits is caught up (at start, when idle, at the end).
/// </summary>
public sealed class Worker(PostgresWorkQueue queue, Pipeline pipeline, StoryService? stories,
    WorkerOptions options, DocumentReader? reader = null)
{
    private readonly DocumentReader _reader = reader ?? new DocumentReader();

    public WorkerTotals Totals { get; } = new();

    /// <summary>Reported once, when the worker has loaded its models and starts claiming.</summary>
    public const string Ready = "ready";

    private static readonly byte[] WarmUpText = System.Text.Encoding.UTF8.GetBytes(
        "Council approves new bridge after long debate\n\nThe council in Leeds approved the bridge on Monday, " +
        "ending a dispute that had run since 2019. \"We listened to residents,\" said Maria Lopez, who chairs the committee.\n");

    /// <summary>Runs until cancelled (or, with <see cref="WorkerOptions.Once"/>, until nothing is pending).</summary>
    public WorkerTotals Run(Action<WorkerTotals, string>? progress = null, CancellationToken ct = default)
    {
        if (options.WarmUp)
        {
            pipeline.Run(_reader.FromRaw(WarmUpText, DocumentFormat.Text, new DocumentOrigin("warm-up")), ct);
            Totals.Elapsed.Restart();
        }
        progress?.Invoke(Totals, Ready);
        CatchUp(progress);
        bool caughtUpSinceWork = true;
        while (!ct.IsCancellationRequested)
        {
            long t0 = Stopwatch.GetTimestamp();
            var claim = queue.ClaimBatch(options.BatchSize, options.Lease, options.Name);
            PhaseTimes.Add(ref Totals.Phases.Claim, t0);
            Totals.DeadLettered += claim.DeadLettered;
            if (claim.Items.Count > 0)
            {
                ProcessClaim(claim, progress, ct);
                caughtUpSinceWork = false;
                continue;
            }
            if (claim.DeadLettered > 0) continue; // the claim only dead-lettered abandoned items: look again at once
            // Nothing claimable: index what a crashed worker left unindexed, then stop (--once, nothing pending) or wait.
            if (!caughtUpSinceWork) { CatchUp(progress); caughtUpSinceWork = true; }
            if (options.Once && queue.Pending() == 0) { CatchUp(progress); break; }
            if (ct.WaitHandle.WaitOne(options.Poll)) break;
        }
        return Totals;
    }

    /// <summary>Indexes stored documents the story index has not seen (left by a worker killed between its two commits).</summary>
    private void CatchUp(Action<WorkerTotals, string>? progress)
    {
        if (stories is null) return;
        int n = stories.CatchUp();
        if (n > 0)
        {
            Totals.CaughtUp += n;
            progress?.Invoke(Totals, $"story index caught up {n} documents");
        }
    }

    /// <summary>Processes and completes one claim; a failure of the database gives the items back for another try.</summary>
    public void ProcessClaim(QueueClaim claim, Action<WorkerTotals, string>? progress = null, CancellationToken ct = default)
    {
        var items = claim.Items;
        var docs = new Document?[items.Count];
        var failures = new (ErrorCode Code, string Error)?[items.Count];
        // Heartbeat: a batch that runs long keeps its lease; a worker that dies stops renewing and loses it.
        using var heartbeat = new Timer(_ =>
        {
            try { queue.Renew(claim, options.Lease); } catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException) { /* the lease may lapse; completion checks */ }
        }, null, options.Lease / 3, options.Lease / 3);
        long t0 = Stopwatch.GetTimestamp();
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = ct }, i =>
        {
            var (doc, failure) = Process(items[i]);
            docs[i] = doc;
            failures[i] = failure;
        });
        heartbeat.Change(Timeout.Infinite, Timeout.Infinite);
        PhaseTimes.Add(ref Totals.Phases.Pipeline, t0);
        t0 = Stopwatch.GetTimestamp();
        var byId = new Dictionary<long, Document>();
        var failed = new Dictionary<long, (ErrorCode, string)>();
        for (int i = 0; i < items.Count; i++)
        {
            if (docs[i] is { } d) byId[items[i].Id] = d;
            else failed[items[i].Id] = failures[i]!.Value;
            Interlocked.Add(ref Totals.Bytes, items[i].Raw.Length);
        }
        Completion done;
        try
        {
            done = queue.Complete(claim, byId, failed);
        }
        catch (PostgresException ex) when (!IsConnectionLoss(ex) && items.Count > 1)
        {
            // One document the database refuses must not sink its batch: complete them one at a time.
            done = CompleteOneByOne(claim, byId, failed);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // The database went away: give the items back (best effort; otherwise their lease runs out).
            try { Totals.Released += queue.Release(claim, [.. items.Select(i => i.Id)], ex.Message); }
            catch (Exception again) when (again is NpgsqlException or TimeoutException or InvalidOperationException) { }
            progress?.Invoke(Totals, $"batch given back: {ex.Message}");
            Thread.Sleep(options.Poll);
            return;
        }
        PhaseTimes.Add(ref Totals.Phases.Complete, t0);
        Totals.Batches++;
        Totals.LostLease += done.LostLease;
        Totals.DeadLettered += done.DeadLettered;
        Totals.Failed += failed.Count;
        var fresh = new List<Document>();
        foreach (var (id, result) in done.Saved.OrderBy(kv => kv.Key))
        {
            if (result.Status == SaveStatus.New) { Totals.New++; fresh.Add(byId[id]); }
            else Totals.Duplicates++;
        }
        // Stories after the documents commit (a crash in between is caught up); one assigner at a time across workers.
        t0 = Stopwatch.GetTimestamp();
        stories?.Index(fresh);
        PhaseTimes.Add(ref Totals.Phases.Stories, t0);
        progress?.Invoke(Totals, $"batch of {items.Count}: {fresh.Count} new, {done.Saved.Count - fresh.Count} duplicates, {failed.Count} failed");
    }

    private Completion CompleteOneByOne(QueueClaim claim, Dictionary<long, Document> byId, Dictionary<long, (ErrorCode, string)> failed)
    {
        var saved = new Dictionary<long, SaveResult>();
        int lost = 0, dead = 0;
        foreach (var (id, doc) in byId.OrderBy(kv => kv.Key))
        {
            try
            {
                var one = queue.Complete(claim, new Dictionary<long, Document> { [id] = doc }, new Dictionary<long, (ErrorCode, string)>());
                foreach (var kv in one.Saved) saved[kv.Key] = kv.Value;
                lost += one.LostLease;
            }
            catch (PostgresException ex) when (!IsConnectionLoss(ex))
            {
                failed[id] = (ErrorCode.SL4001, $"{doc.Origin}: the database refused the document: {ex.MessageText}");
            }
        }
        var rest = queue.Complete(claim, new Dictionary<long, Document>(), failed);
        dead += rest.DeadLettered;
        return new Completion(saved, lost, dead);
    }

    private static bool IsConnectionLoss(PostgresException ex) =>
        ex.SqlState.StartsWith("08", StringComparison.Ordinal) || ex.SqlState.StartsWith("57P", StringComparison.Ordinal) || ex.SqlState == "40P01";

    /// <summary>Rebuilds the document from its raw bytes and runs the pipeline; a failure is the document's, with its code.</summary>
    private (Document? Doc, (ErrorCode, string)? Failure) Process(QueueItem item)
    {
        try
        {
            var doc = _reader.FromRaw(item.Raw, item.Format, item.Origin);
            pipeline.Run(doc);
            if (string.IsNullOrWhiteSpace(doc.Text))
                return (null, (ErrorCode.SL1010, $"{item.Origin}: no body text could be extracted"));
            if (string.IsNullOrEmpty(doc.ContentHash)) doc.ContentHash = ContentHash.Of(doc.Text);
            return (doc, null);
        }
        catch (StorylineException ex)
        {
            return (null, (ex.Code, $"{item.Origin}: {ex.Message}"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ModelNotFoundException)
        {
            return (null, (ErrorCode.SL0102, $"{item.Origin}: {ex.Message}"));
        }
    }
}
