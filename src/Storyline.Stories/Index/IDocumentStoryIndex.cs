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

    /// <summary>The clean text of a stored document, or null.</summary>
    string? DocumentText(long id);

    /// <summary>Ids of stored documents the index has not seen, oldest first.</summary>
    IReadOnlyList<long> MissingDocuments();
}
