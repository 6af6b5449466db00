using Storyline.Core;
using Storyline.Core.Storage;
using Storyline.Ingest;

namespace Storyline.Engine;

/// <summary>What happened to one input document.</summary>
public sealed record IngestOutcome(string Path, long? Id, string Status, string? Error, ErrorCode? Code = null)
{
    public const string New = "new", Duplicate = "duplicate", Failed = "failed";

    /// <summary>Deliberately not read (special file, link out of the input folder); reported, not a failure.</summary>
    public const string Skipped = "skipped";
}

/// <summary>
/// Progress of a long run, reported once per document as soon as it is read and processed (not when its batch is saved):
/// documents done so far, bytes read, and the document just finished. <see cref="IngestProgress.Last"/> has status
/// <see cref="IngestOutcome.Failed"/> or <see cref="IngestOutcome.Skipped"/> for a document that will not be stored, and
/// <see cref="IngestProgress.Processed"/> for one that is ready and will be stored (new or duplicate) with its batch.
/// </summary>
public readonly record struct IngestProgress(int Done, long Bytes, IngestOutcome Last)
{
    /// <summary>Status of <see cref="Last"/> for a document that passed the pipeline and waits for its batch to be saved.</summary>
    public const string Processed = "processed";

    /// <summary>Documents failed so far.</summary>
    public int Failed { get; init; }

    /// <summary>Inputs deliberately skipped so far (special files, links out of the input folder).</summary>
    public int Skipped { get; init; }

    /// <summary>The input just finished (path, with #locator inside containers).</summary>
    public string Current => Last.Path;
}

/// <summary>
/// Reads inputs, runs the pipeline and stores the results in batches: one transaction per batch,
/// so a killed process loses at most the batch in flight, and a bad document only fails itself.
/// </summary>
public sealed class IngestService(IDocumentStore store, Pipeline pipeline, DocumentReader? reader = null)
{
    /// <summary>Where new documents go after they are stored (copies, rewrites, stories); null to skip.</summary>
    public StoryService? Stories { get; init; }

    /// <summary>Default documents per transaction: big enough to amortise commits, small enough to bound memory.</summary>
    public const int DefaultBatchSize = 128;

    /// <summary>Documents per transaction. Results do not depend on it (documents are saved in input order).</summary>
    public int BatchSize
    {
        get => _batchSize;
        init => _batchSize = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BatchSize), value, "at least 1");
    }
    private readonly int _batchSize = DefaultBatchSize;

    /// <summary>Documents processed at once (default: one per core). Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism
    {
        get => _threads;
        init => _threads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), value, "at least 1");
    }
    private readonly int _threads = Environment.ProcessorCount;

    private readonly DocumentReader _reader = reader ?? new DocumentReader();

    /// <summary>Wall time spent so far in the pipeline (overlaps with saving), in the document store and in the story index.</summary>
    public IngestTimings Timings { get; } = new();

    /// <summary>Ingests and returns every outcome, in input order (kept in memory: for small runs and tests; see <see cref="IngestEach"/>).</summary>
    public IReadOnlyList<IngestOutcome> Ingest(IEnumerable<string> paths, Action<IngestProgress>? progress = null, CancellationToken ct = default)
    {
        var outcomes = new List<IngestOutcome>();
        IngestEach(paths, outcomes.Add, progress, ct);
        return outcomes;
    }

    /// <summary>
    /// Ingests and hands each outcome to <paramref name="outcome"/> in input order as its batch is saved, keeping none:
    /// memory stays flat however many documents the inputs hold (a million-document stream keeps two batches in memory).
    /// Returns the counts.
    /// </summary>
    public IngestTotals IngestEach(IEnumerable<string> paths, Action<IngestOutcome> outcome, Action<IngestProgress>? progress = null, CancellationToken ct = default)
    {
        var totals = new IngestTotals();
        void Count(IngestOutcome o)
        {
            totals.Add(o.Status);
            outcome(o);
        }
        var tally = new Tally(progress);
        Stories?.CatchUp();
        // Two batches in flight: while batch N is saved (one writer, in input order), batch N+1 runs
        // through the pipeline on the other cores. Commits stay in order, so a crash loses no committed batch.
        (ReadItem[] Batch, IngestOutcome?[] Processed)? previous = null;
        foreach (var batch in _reader.Read(paths, ct).Chunk(BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            var running = Task.Run(() => ProcessBatch(batch, tally, ct), ct);
            if (previous is { } p) Save(p.Batch, p.Processed, Count);
            previous = (batch, running.GetAwaiter().GetResult());
        }
        if (previous is { } last) Save(last.Batch, last.Processed, Count);
        return totals;
    }

    /// <summary>Counts documents as workers finish them and reports each one at once (one report at a time).</summary>
    private sealed class Tally(Action<IngestProgress>? progress)
    {
        private int _done, _failed, _skipped;
        private long _bytes;

        public void Report(ReadItem item, IngestOutcome? outcome)
        {
            if (progress is null) return;
            lock (this)
            {
                _done++;
                _bytes += item.Document?.RawBytes.Length ?? 0;
                var last = outcome ?? new IngestOutcome(item.Origin.ToString(), null, IngestProgress.Processed, null);
                if (last.Status == IngestOutcome.Failed) _failed++;
                else if (last.Status == IngestOutcome.Skipped) _skipped++;
                progress(new IngestProgress(_done, _bytes, last) { Failed = _failed, Skipped = _skipped });
            }
        }
    }

    /// <summary>Runs the pipeline over a batch in parallel (stages are thread-safe); null marks a document ready to store.</summary>
    private IngestOutcome?[] ProcessBatch(ReadItem[] batch, Tally tally, CancellationToken ct)
    {
        long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        var processed = new IngestOutcome?[batch.Length];
        Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = MaxDegreeOfParallelism }, i =>
        {
            var item = batch[i];
            processed[i] = item.Document is not null ? Process(item.Document)
                : new IngestOutcome(item.Origin.ToString(), null, item.Skipped ? IngestOutcome.Skipped : IngestOutcome.Failed,
                    item.Error?.Message ?? "unreadable input", item.Error?.Code);
            tally.Report(item, processed[i]);
        });
        lock (Timings) Timings.Pipeline += System.Diagnostics.Stopwatch.GetElapsedTime(t0);
        return processed;
    }

    /// <summary>Saves a processed batch in one transaction and indexes its new documents into stories.</summary>
    private void Save(ReadItem[] batch, IngestOutcome?[] processed, Action<IngestOutcome> outcome)
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
        for (int i = 0; i < batch.Length; i++) outcome(processed[i]!);
    }

    /// <summary>Runs the pipeline; returns a failure outcome, or null when the document is ready to store.</summary>
    private IngestOutcome? Process(Document doc)
    {
        try
        {
            pipeline.Run(doc);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ModelNotFoundException)
        {
            return new IngestOutcome(doc.Origin.ToString(), null, IngestOutcome.Failed, $"{doc.Origin}: {ex.Message}", ErrorCode.SL0102);
        }
        if (string.IsNullOrWhiteSpace(doc.Text) && !KeepWithoutBody(doc))
            return new IngestOutcome(doc.Origin.ToString(), null, IngestOutcome.Failed,
                $"{doc.Origin}: no body text could be extracted", ErrorCode.SL1010);
        if (string.IsNullOrEmpty(doc.ContentHash)) doc.ContentHash = ContentHash.Of(doc.Text);
        return null;
    }

    /// <summary>Reason recorded on a page stored without an article body.</summary>
    public const string NoBodyReason = "no article body found (only its metadata is stored)";

    /// <summary>
    /// Never lose a page whole (issue 14): a page with no article body but its own metadata (a title, byline or date the
    /// page states, not one derived from text) is stored flagged <see cref="Document.NotArticle"/> with the reason and an
    /// SL1010 warning, so it never joins a story; its identity is its raw content, so two different body-less pages are
    /// not duplicates of each other. Pages with nothing at all still fail with SL1010.
    /// </summary>
    private static bool KeepWithoutBody(Document doc)
    {
        var m = doc.Metadata;
        bool stated = m.Title is { } t && !t.Rule.StartsWith("derived:", StringComparison.Ordinal) || m.Byline is not null || m.Published is not null;
        if (!stated) return false;
        doc.Text = "";
        doc.NotArticle = NoBodyReason; // clearer than the article check's "no visible text"
        if (!doc.Diagnostics.Any(d => d.Code == ErrorCode.SL1010))
            doc.Diagnostics.Add(new Diagnostic(ErrorCode.SL1010, "No body text could be extracted; stored with its metadata only", "ingest", Severity.Warning));
        doc.ContentHash = ContentHash.Of("\u0000no-body\n" + doc.RawText);
        return true;
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
            Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = MaxDegreeOfParallelism }, i =>
            {
                try
                {
                    var d = _reader.FromRaw(batch[i].Raw, batch[i].Format, batch[i].Origin);
                    d.Id = batch[i].Id;
                    pipeline.Run(d);
                    docs[i] = string.IsNullOrWhiteSpace(d.Text) && !KeepWithoutBody(d) ? null : d;
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not ModelNotFoundException) { docs[i] = null; }
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

/// <summary>How many documents an ingest stored new, found duplicate, failed and skipped.</summary>
public sealed class IngestTotals
{
    public int New { get; private set; }
    public int Duplicates { get; private set; }
    public int Failed { get; private set; }
    public int Skipped { get; private set; }

    /// <summary>Every document read (each has exactly one outcome).</summary>
    public int Total => New + Duplicates + Failed + Skipped;

    internal void Add(string status)
    {
        switch (status)
        {
            case IngestOutcome.New: New++; break;
            case IngestOutcome.Duplicate: Duplicates++; break;
            case IngestOutcome.Failed: Failed++; break;
            case IngestOutcome.Skipped: Skipped++; break;
        }
    }
}

/// <summary>Where an ingest spent its wall time; the pipeline of one batch runs while the previous one is saved.</summary>
public sealed class IngestTimings
{
    public TimeSpan Pipeline { get; internal set; }
    public TimeSpan Store { get; internal set; }
    public TimeSpan Stories { get; internal set; }
}
