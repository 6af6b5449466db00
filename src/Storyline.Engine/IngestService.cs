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

    public IReadOnlyList<IngestOutcome> Ingest(IEnumerable<string> paths, Action<IngestProgress>? progress = null, CancellationToken ct = default)
    {
        var outcomes = new List<IngestOutcome>();
        long bytes = 0;
        Stories?.CatchUp();
        foreach (var batch in _reader.Read(paths, ct).Chunk(BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            var processed = new IngestOutcome?[batch.Length];
            // Stages are thread-safe; a batch is processed in parallel, then saved in input order.
            Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = ct }, i =>
            {
                var item = batch[i];
                if (item.Document is null)
                {
                    processed[i] = new IngestOutcome(item.Origin.ToString(), null, IngestOutcome.Failed,
                        item.Error?.Message ?? "unreadable input", item.Error?.Code);
                    return;
                }
                processed[i] = Process(item.Document);
            });
            var toSave = new List<(int Index, Document Doc)>();
            for (int i = 0; i < batch.Length; i++)
                if (processed[i] is null && batch[i].Document is { } d) toSave.Add((i, d));
            if (toSave.Count > 0)
            {
                var saved = store.SaveBatch([.. toSave.Select(t => t.Doc)]);
                for (int k = 0; k < toSave.Count; k++)
                    processed[toSave[k].Index] = new IngestOutcome(toSave[k].Doc.Origin.ToString(), saved[k].Id,
                        saved[k].Status == SaveStatus.New ? IngestOutcome.New : IngestOutcome.Duplicate, null);
                // Stories are indexed after the documents commit; a crash in between is caught up next run.
                Stories?.Index([.. toSave.Where((t, k) => saved[k].Status == SaveStatus.New).Select(t => t.Doc)]);
            }
            for (int i = 0; i < batch.Length; i++)
            {
                var o = processed[i]!;
                outcomes.Add(o);
                bytes += batch[i].Document?.RawBytes.Length ?? 0;
                progress?.Invoke(new IngestProgress(outcomes.Count, bytes, o));
            }
        }
        return outcomes;
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
