namespace Storyline.Stories.Index;

/// <summary>
/// A story index kept beside a document store (SQLite or PostgreSQL): it can batch its writes in one
/// transaction, read the clean text of stored documents inside that transaction, and tell which stored
/// documents it has not indexed yet (after a crash between the document commit and the index commit).
/// </summary>
public interface IDocumentStoryIndex : IStoryIndexStore
{
    /// <summary>Runs writes in one transaction, committed when disposed (nested calls join the open one).</summary>
    IDisposable Batch();

    /// <summary>
    /// Rolls the open batch back: nothing of it is written, and what the index cached from it is forgotten (its documents
    /// stay unindexed until caught up). For a batch that failed part way, where committing would store half of a
    /// document's entries. Disposing the batch afterwards does nothing.
    /// </summary>
    void Abandon();

    /// <summary>
    /// True when other processes write the same index at the same time (PostgreSQL workers): a batch then holds a lock
    /// all of them wait for, so callers analyse documents before opening it.
    /// </summary>
    bool SharedByProcesses { get; }

    /// <summary>The clean text of a stored document, or null.</summary>
    string? DocumentText(long id);

    /// <summary>Ids of stored documents the index has not seen, oldest first.</summary>
    IReadOnlyList<long> MissingDocuments();
}
