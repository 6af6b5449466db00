using Storyline.Core;
using Storyline.Engine;
using Storyline.Ingest;
using Storyline.Storage.Postgres;

namespace Storyline.Workers;

/// <summary>
/// Reads inputs (files, folders, containers: each feed item, JSONL line or WARC record is one document) and puts their
/// raw bytes in the work queue, one transaction per batch; the pipeline runs later, in the workers. Unreadable inputs
/// are reported at once (failed or skipped) and never queued. A killed enqueuer loses at most its batch in flight;
/// running it again queues the inputs again, and the workers store each content once (a re-sighting is counted).
/// </summary>
public sealed class Enqueuer(PostgresWorkQueue queue, DocumentReader? reader = null)
{
    /// <summary>Status of an input that is now in the queue (no document id yet).</summary>
    public const string Queued = "queued";

    /// <summary>Items per enqueue transaction.</summary>
    public int BatchSize { get; init; } = 256;

    private readonly DocumentReader _reader = reader ?? new DocumentReader();

    public IReadOnlyList<EnqueueOutcome> Enqueue(IEnumerable<string> paths, Action<EnqueueOutcome>? progress = null, CancellationToken ct = default)
    {
        var outcomes = new List<EnqueueOutcome>();
        foreach (var batch in _reader.Read(paths, ct).Chunk(BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            var docs = batch.Where(i => i.Document is not null).Select(i => i.Document!).ToList();
            var ids = queue.Enqueue([.. docs.Select(d => new QueuedRaw(d.RawBytes, d.Format, d.Origin))]);
            int k = 0;
            foreach (var item in batch)
            {
                var o = item.Document is not null
                    ? new EnqueueOutcome(item.Origin.ToString(), ids[k++], Queued, null, null)
                    : new EnqueueOutcome(item.Origin.ToString(), null, item.Skipped ? IngestOutcome.Skipped : IngestOutcome.Failed,
                        item.Error?.Message ?? "unreadable input", item.Error?.Code);
                outcomes.Add(o);
                progress?.Invoke(o);
            }
        }
        return outcomes;
    }
}

/// <summary>One input read for the queue: its queue id when queued, or why it was not (failed with a code, or skipped).</summary>
public sealed record EnqueueOutcome(string Path, long? QueueId, string Status, string? Error, ErrorCode? Code);
