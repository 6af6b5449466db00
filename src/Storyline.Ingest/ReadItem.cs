using Storyline.Core;

namespace Storyline.Ingest;

/// <summary>
/// One result of reading: a document, or the error that kept an input (or one item of a container) from
/// becoming one. Exactly one of <see cref="Document"/> and <see cref="Error"/> is set.
/// </summary>
public sealed record ReadItem(DocumentOrigin Origin, Document? Document, StorylineException? Error)
{
    /// <summary>
    /// True when the input was deliberately not read (a FIFO or device, a link out of the input folder):
    /// reported with <see cref="Error"/> as the reason, but not counted as a failed document.
    /// </summary>
    public bool Skipped { get; init; }

    public static ReadItem Skip(DocumentOrigin origin, ErrorCode code, string message) =>
        new(origin, null, new StorylineException(code, message)) { Skipped = true };

    public static ReadItem Ok(Document doc) => new(doc.Origin, doc, null);

    public static ReadItem Fail(DocumentOrigin origin, ErrorCode code, string message) => new(origin, null, new StorylineException(code, message));

    public static ReadItem Fail(DocumentOrigin origin, StorylineException error) => new(origin, null, error);
}
