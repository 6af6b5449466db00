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

    /// <summary>
    /// Follow symbolic links whose target lies outside the input folder (off by default: a link to
    /// /etc/passwd inside a crawl folder must not be stored). Links that loop are never followed.
    /// </summary>
    public bool FollowSymlinks { get; init; }

    /// <summary>Default <see cref="MaxCompressionRatio"/>: text compresses 3-10x, repetitive markup rarely beyond 50x.</summary>
    public const int DefaultMaxCompressionRatio = 200;

    /// <summary>
    /// A gzip'd input whose output grows beyond this many times the compressed bytes read (once past
    /// <see cref="CompressionRatioFloorBytes"/>) is refused with SL1004: a gzip bomb (a few KB expanding to GBs of
    /// zeros or one letter, or many concatenated members) stops after a bounded amount of work and memory. The
    /// rule depends only on the bytes, so the result is the same on any machine and under any load.
    /// </summary>
    public int MaxCompressionRatio { get; init; } = DefaultMaxCompressionRatio;

    /// <summary>Output below this size is never refused for its compression ratio (small repetitive files are fine).</summary>
    public const long CompressionRatioFloorBytes = 16L * 1024 * 1024;
}
