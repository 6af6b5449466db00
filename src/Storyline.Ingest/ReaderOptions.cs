namespace Storyline.Ingest;

/// <summary>Limits and switches for <see cref="DocumentReader"/>.</summary>
public sealed record ReaderOptions
{
    /// <summary>Default size limit of one document: 50 MiB.</summary>
    public const long DefaultMaxDocumentBytes = 50L * 1024 * 1024;

    /// <summary>
    /// A single HTML/text document (or one JSONL line, feed item or WARC record) above this many bytes is
    /// refused with SL1004, without reading it whole. Containers (JSONL, feeds, WARC) may be larger: they stream.
    /// </summary>
    public long MaxDocumentBytes { get; init; } = DefaultMaxDocumentBytes;
}
