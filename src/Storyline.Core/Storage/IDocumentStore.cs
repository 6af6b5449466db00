namespace Storyline.Core.Storage;

/// <summary>
/// The document store. One interface, two implementations: SQLite (embedded default) and PostgreSQL
/// (scale-out). Nothing outside the Storage projects knows which one is in use.
/// </summary>
public interface IDocumentStore : IDisposable
{
    /// <summary>
    /// Saves a batch in one transaction. A document whose content hash is already stored is not stored
    /// again: the existing id is returned with <see cref="SaveStatus.Duplicate"/> and the sighting recorded.
    /// Sets <see cref="Document.Id"/> on every document.
    /// </summary>
    IReadOnlyList<SaveResult> SaveBatch(IReadOnlyList<Document> docs);

    /// <summary>The stored document with its annotations (raw bytes included), or null.</summary>
    Document? Get(long id);

    IReadOnlyList<DocumentSummary> List(int limit = 100, int offset = 0);

    long Count();

    /// <summary>Full-text search over title and text, best first.</summary>
    IReadOnlyList<SearchHit> Search(string query, int limit = 20);

    /// <summary>Streams every stored document's raw bytes, in id order, for re-processing.</summary>
    IEnumerable<StoredRaw> ReadRaw();

    /// <summary>Replaces the analysis of already-stored documents (matched by <see cref="Document.Id"/>) in one transaction.</summary>
    void Replace(IReadOnlyList<Document> docs);

    /// <summary>
    /// Entities across the store: documents' entities with the same <see cref="Entity.Key"/> counted as one,
    /// most documents first. <paramref name="type"/> filters (PER, ORG, LOC, MISC).
    /// </summary>
    IReadOnlyList<EntitySummary> Entities(int limit = 100, int offset = 0, string? type = null);

    /// <summary>Every time the document was seen: path/URL and time.</summary>
    IReadOnlyList<Sighting> Sightings(long id);
}

public enum SaveStatus { New, Duplicate }

public sealed record SaveResult(long Id, SaveStatus Status);

public sealed record DocumentSummary(long Id, string? Title, string? Source, string? Publisher,
    DateTimeOffset? Published, string? Language, string ContentHash, DateTimeOffset FirstSeen);

public sealed record SearchHit(long Id, string? Title, string Snippet, double Score);

public sealed record StoredRaw(long Id, byte[] Raw, DocumentFormat Format, DocumentOrigin Origin);

public sealed record Sighting(string Path, string? Locator, string? Url, DateTimeOffset SeenAt);

public sealed record EntitySummary(string Key, string Name, string Type, string? Country, string? Role, int Documents, int Mentions);
