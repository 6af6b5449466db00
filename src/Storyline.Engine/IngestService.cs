using Storyline.Core;
using Storyline.Core.Storage;
using Storyline.Ingest;

namespace Storyline.Engine;

/// <summary>What happened to one input document.</summary>
public sealed record IngestOutcome(string Path, long? Id, string Status, string? Error, ErrorCode? Code = null)
{
    public const string New = "new", Duplicate = "duplicate", Failed = "failed";
}

/// <summary>Progress of a long run: documents done so far and bytes read.</summary>
public readonly record struct IngestProgress(int Done, long Bytes, IngestOutcome Last);

/// <summary>
/// Reads inputs, runs the pipeline and stores the results in batches: one transaction per batch,
/// so a killed process loses at most the batch in flight, and a bad document only fails itself.
/// </summary>
public sealed class IngestService(IDocumentStore store, Pipeline pipeline, DocumentReader? reader = null)
{
    /// <summary>Where new documents go after they are stored (copies, rewrites, stories); null to skip.</summary>
    public StoryService? Stories { get; init; }

    /// <summary>Documents per transaction: big enough to amortise commits, small enough to bound memory.</summary>
    public int BatchSize { get; init; } = 128;

    private readonly DocumentReader _reader = reader ?? new DocumentReader();

    /// <summary>Wall time spent so far in the pipeline (overlaps with saving), in the document store and in the story index.</summary>
    public IngestTimings Timings { get; } = new();

    public IReadOnlyList<IngestOutcome> Ingest(IEnumerable<string> paths, Action<IngestProgress>? progress = null, CancellationToken ct = default)
    {
        var outcomes = new List<IngestOutcome>();
        long bytes = 0;
        Stories?.CatchUp();
        // Two batches in flight: while batch N is saved (one writer, in input order), batch N+1 runs
        // through the pipeline on the other cores. Commits stay in order, so a crash loses no committed batch.
        (ReadItem[] Batch, IngestOutcome?[] Processed)? previous = null;
        foreach (var batch in _reader.Read(paths, ct).Chunk(BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            var running = Task.Run(() => ProcessBatch(batch, ct), ct);
            if (previous is { } p) Save(p.Batch, p.Processed, outcomes, ref bytes, progress);
            previous = (batch, running.GetAwaiter().GetResult());
        }
        if (previous is { } last) Save(last.Batch, last.Processed, outcomes, ref bytes, progress);
        return outcomes;
    }

    /// <summary>Runs the pipeline over a batch in parallel (stages are thread-safe); null marks a document ready to store.</summary>
    private IngestOutcome?[] ProcessBatch(ReadItem[] batch, CancellationToken ct)
    {
        long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        var processed = new IngestOutcome?[batch.Length];
        Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var item = batch[i];
            processed[i] = item.Document is null
                ? new IngestOutcome(item.Origin.ToString(), null, IngestOutcome.Failed, item.Error?.Message ?? "unreadable input", item.Error?.Code)
                : Process(item.Document);
        });
        lock (Timings) Timings.Pipeline += System.Diagnostics.Stopwatch.GetElapsedTime(t0);
        return processed;
    }

    /// <summary>Saves a processed batch in one transaction, indexes its new documents into stories, reports progress.</summary>
    private void Save(ReadItem[] batch, IngestOutcome?[] processed, List<IngestOutcome> outcomes, ref long bytes, Action<IngestProgress>? progress)
    {
        var toSave = new List<(int Index, Document Doc)>();
        for (int i = 0; i < batch.Length; i++)
            if (processed[i] is null && batch[i].Document is { } d) toSave.Add((i, d));
        if (toSave.Count > 0)
        {
            long t1 = System.Diagnostics.Stopwatch.GetTimestamp();
            var saved = store.SaveBatch([.. toSave.Select(t => t.Doc)]);
            long t2 = System.Diagnostics.Stopwatch.GetTimestamp();
            for (int k = 0; k < toSave.Count; k++)
                processed[toSave[k].Index] = new IngestOutcome(toSave[k].Doc.Origin.ToString(), saved[k].Id,
                    saved[k].Status == SaveStatus.New ? IngestOutcome.New : IngestOutcome.Duplicate, null);
            // Stories are indexed after the documents commit; a crash in between is caught up next run.
            Stories?.Index([.. toSave.Where((t, k) => saved[k].Status == SaveStatus.New).Select(t => t.Doc)]);
            lock (Timings)
            {
                Timings.Store += System.Diagnostics.Stopwatch.GetElapsedTime(t1, t2);
                Timings.Stories += System.Diagnostics.Stopwatch.GetElapsedTime(t2);
            }
        }
        for (int i = 0; i < batch.Length; i++)
        {
            var o = processed[i]!;
            outcomes.Add(o);
            bytes += batch[i].Document?.RawBytes.Length ?? 0;
            progress?.Invoke(new IngestProgress(outcomes.Count, bytes, o));
        }
    }

    /// <summary>Runs the pipeline; returns a failure outcome, or null when the document is ready to store.</summary>
    private IngestOutcome? Process(Document doc)
    {
        try
        {
            pipeline.Run(doc);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new IngestOutcome(doc.Origin.ToString(), null, IngestOutcome.Failed, $"{doc.Origin}: {ex.Message}", ErrorCode.SL0102);
        }
        if (string.IsNullOrWhiteSpace(doc.Text))
            return new IngestOutcome(doc.Origin.ToString(), null, IngestOutcome.Failed,
                $"{doc.Origin}: no body text could be extracted", ErrorCode.SL1010);
        if (string.IsNullOrEmpty(doc.ContentHash)) doc.ContentHash = ContentHash.Of(doc.Text);
        return null;
    }

    /// <summary>
    /// Re-runs the current pipeline over every stored document's original bytes and replaces its
    /// analysis (ids stay). Used after the pipeline improves.
    /// </summary>
    public (int Done, int Failed) Reprocess(Action<int>? progress = null, CancellationToken ct = default)
    {
        int done = 0, failed = 0;
        foreach (var batch in store.ReadRaw().Chunk(BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            var docs = new Document?[batch.Length];
            Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = ct }, i =>
            {
                try
                {
                    var d = _reader.FromRaw(batch[i].Raw, batch[i].Format, batch[i].Origin);
                    d.Id = batch[i].Id;
                    pipeline.Run(d);
                    docs[i] = string.IsNullOrWhiteSpace(d.Text) ? null : d;
                }
                catch (Exception ex) when (ex is not OperationCanceledException) { docs[i] = null; }
            });
            var ok = docs.Where(d => d is not null).Select(d => d!).ToList();
            store.Replace(ok);
            failed += batch.Length - ok.Count;
            done += batch.Length;
            progress?.Invoke(done);
        }
        return (done, failed);
    }
}

/// <summary>Where an ingest spent its wall time; the pipeline of one batch runs while the previous one is saved.</summary>
public sealed class IngestTimings
{
    public TimeSpan Pipeline { get; internal set; }
    public TimeSpan Store { get; internal set; }
    public TimeSpan Stories { get; internal set; }
}
