namespace Storyline.Core;

/// <summary>
/// The one document model every stage annotates (like spaCy's <c>Doc</c>): the raw input is kept
/// byte for byte, the clean text is what later stages read, and every annotation is a plain list
/// of offset-based records into <see cref="Text"/>.
/// </summary>
public sealed class Document
{
    /// <summary>Store id; 0 until the document has been stored.</summary>
    public long Id { get; set; }

    /// <summary>Where the input came from (path, URL, feed item, JSONL line...).</summary>
    public required DocumentOrigin Origin { get; init; }

    /// <summary>The original bytes of this document, kept so it can be re-processed later.</summary>
    public byte[] RawBytes { get; set; } = [];

    /// <summary>Format of <see cref="RawBytes"/>: a whole file, or one fragment of a container (feed item, JSONL line, WARC record).</summary>
    public DocumentFormat Format { get; set; } = DocumentFormat.Text;

    /// <summary>The content decoded to NFC text: HTML source when <see cref="Kind"/> is Html, plain text otherwise.</summary>
    public string RawText { get; set; } = "";

    /// <summary>Whether <see cref="RawText"/> is HTML (needs main-content extraction) or plain text (needs cleaning).</summary>
    public ContentKind Kind { get; set; } = ContentKind.Text;

    /// <summary>Name of the encoding the raw bytes were decoded with, and how it was chosen.</summary>
    public string? Encoding { get; set; }

    /// <summary>
    /// The page parsed once (<see cref="Attr.Html"/>), for every stage that needs the DOM (extraction, metadata); null for
    /// plain text. Never stored. Its concrete type belongs to the parsing project, so Core references no HTML parser.
    /// </summary>
    public ParsedHtml? Html { get; set; }

    /// <summary>
    /// The main content of an HTML page as the extraction stage found it (<see cref="Attr.ExtractedText"/>); empty for plain
    /// text. Only an input to the text stage, which composes <see cref="Text"/>; later stages read <see cref="Text"/>.
    /// </summary>
    public string ExtractedText { get; set; } = "";

    /// <summary>
    /// A plain-text document with its debris removed, as the cleaning stage left it (<see cref="Attr.CleanedText"/>); empty
    /// for HTML. Only an input to the text stage, which composes <see cref="Text"/>; later stages read <see cref="Text"/>.
    /// </summary>
    public string CleanedText { get; set; } = "";

    /// <summary>
    /// Clean body text: paragraphs separated by one blank line. Produced by exactly one stage, the text stage
    /// (<see cref="Stages.TextStage"/>), from <see cref="ExtractedText"/> or <see cref="CleanedText"/>.
    /// </summary>
    public string Text { get; set; } = "";

    /// <summary>Lines or blocks removed while extracting or cleaning (<see cref="Attr.Removed"/>), each with the reason; nothing is silently dropped.</summary>
    public List<RemovedText> Removed { get; } = [];

    /// <summary>Metadata fields, each with the rule that found it.</summary>
    public DocumentMetadata Metadata { get; } = new();

    /// <summary>Fields of the input that have no place of their own (JSONL extras, feed categories...).</summary>
    public Dictionary<string, string> Extra { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Why this is not a real article (too short, one repeated character, no words), or null when it is.
    /// Such documents are stored flagged, so nothing is lost, but never join stories.
    /// </summary>
    public string? NotArticle { get; set; }

    /// <summary>Hex hash of the normalised clean text: the identity used for exact de-duplication.</summary>
    public string ContentHash { get; set; } = "";

    // ---- language layer (issue 4) ----
    public List<Token> Tokens { get; } = [];
    public List<Sentence> Sentences { get; } = [];
    public List<EntityMention> Mentions { get; } = [];
    public List<Entity> Entities { get; } = [];
    public List<Place> Places { get; } = [];
    public List<TimeExpression> Times { get; } = [];
    /// <summary>Quotations and reported statements with their speakers (<see cref="Attr.Quotes"/>).</summary>
    public List<Quote> Quotes { get; } = [];
    /// <summary>Who did what to whom, when and where (<see cref="Attr.Events"/>).</summary>
    public List<NewsEvent> Events { get; } = [];
    /// <summary>Statements attributed to sides (<see cref="Attr.Claims"/>).</summary>
    public List<Claim> Claims { get; } = [];

    /// <summary>Problems found by stages; lenient by default, a stage records and goes on.</summary>
    public List<Diagnostic> Diagnostics { get; } = [];

    /// <summary>Per-run cache shared between stages; never stored.</summary>
    public Dictionary<string, object> Transient { get; } = new(StringComparer.Ordinal);

    /// <summary>Which stages have run on this document, in order (stage ids).</summary>
    public List<string> Stages { get; } = [];

    /// <summary>Slice of the clean text.</summary>
    public string Slice(int start, int end) => Text.Substring(start, end - start);
}

/// <summary>A parsed HTML page (see <see cref="Document.Html"/>); the parsing stage's project defines the DOM it wraps.</summary>
public abstract class ParsedHtml
{
    /// <summary>The page exceeded the parse budgets (size, nesting depth, element count) and only part of it was parsed.</summary>
    public bool Truncated { get; init; }
}

/// <summary>Format of the raw bytes kept for a document.</summary>
public enum DocumentFormat { Text, Html, FeedItem, JsonLine, Warc }

/// <summary>What the decoded content is.</summary>
public enum ContentKind { Text, Html }

/// <summary>Where a document came from and when it was seen.</summary>
/// <param name="Path">File path, "-" for stdin, or URL of the page.</param>
/// <param name="Locator">Position inside a container: feed item index, JSONL line number, WARC record id.</param>
public sealed record DocumentOrigin(string Path, string? Locator = null, string? Url = null)
{
    public DateTimeOffset SeenAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Path plus locator, the way users see it in reports ("feed.xml#3").</summary>
    public override string ToString() => Locator is null ? Path : $"{Path}#{Locator}";
}

/// <summary>A piece of text removed during cleaning and why.</summary>
public sealed record RemovedText(string Text, string Reason);

/// <summary>A metadata value and the rule that produced it (e.g. "meta:article:published_time").</summary>
public sealed record Field<T>(T Value, string Rule);

public sealed class DocumentMetadata
{
    public Field<string>? Title { get; set; }
    /// <summary>The site that served the document (may be an aggregator).</summary>
    public Field<string>? Source { get; set; }
    /// <summary>The original publisher when the source republishes someone else.</summary>
    public Field<string>? Publisher { get; set; }
    public Field<string>? Byline { get; set; }
    /// <summary>The people of <see cref="Byline"/>, one name each ("By"/"Von"/"Por" and job titles stripped); empty when none.</summary>
    public List<string> Authors { get; } = [];
    /// <summary>The wire service or agency credited (Reuters, AP, dpa, EFE...), kept apart from the people.</summary>
    public Field<string>? Agency { get; set; }
    /// <summary>Publication date/time; null when it cannot be found (never invented).</summary>
    public Field<DateTimeOffset>? Published { get; set; }
    /// <summary>True when <see cref="Published"/> carried only a date, not a time of day.</summary>
    public bool PublishedDateOnly { get; set; }
    public Field<string>? Language { get; set; }
    public Field<string>? Url { get; set; }
    public Field<string>? CanonicalUrl { get; set; }
    /// <summary>Photo/image credits found while cleaning.</summary>
    public List<string> Credits { get; } = [];
}

// ---- annotation records: offsets into Document.Text ----

/// <summary>A token. <paramref name="Head"/> is the index of the syntactic head in the document's token list (-1 for root/none).</summary>
public record struct Token(int Start, int End, string Text)
{
    public string? Pos { get; set; }
    public string? Tag { get; set; }
    public int Head { get; set; } = -1;
    public string? Dep { get; set; }
    public string? Lemma { get; set; }
}

/// <summary>A sentence: character span and the token range [FirstToken, FirstToken+TokenCount).</summary>
public readonly record struct Sentence(int Start, int End, int FirstToken, int TokenCount);

/// <summary>A named-entity mention. <paramref name="Entity"/> is the index into <see cref="Document.Entities"/> (-1 if ungrouped).</summary>
public record struct EntityMention(int Start, int End, string Text, string Type)
{
    public int Entity { get; set; } = -1;

    /// <summary>True for a nominal reference ("the chancellor") added by the entity stage, not by NER.</summary>
    public bool Nominal { get; set; }
}

/// <summary>An entity: the mentions of one person, organisation, place or thing grouped together.</summary>
public sealed class Entity
{
    public required string Name { get; set; }
    public required string Type { get; set; }
    public string? Role { get; set; }
    /// <summary>Country affiliation: the GeoNames short English name ("China", "United States").</summary>
    public string? Country { get; set; }
    /// <summary>ISO 3166-1 alpha-2 code of <see cref="Country"/> ("CN", "US").</summary>
    public string? CountryCode { get; set; }
    /// <summary>Cross-document identity (normalised name + type + country): documents' entities with one key are one entity in the store.</summary>
    public string? Key { get; set; }
    public List<int> Mentions { get; } = [];

    /// <summary><see cref="Key"/>, or a fallback for analyses made before keys existed.</summary>
    public string StoreKey => Key ?? $"{Name.ToLowerInvariant()}|{Type}|{Country}";
}

/// <summary>A place resolved against the gazetteer.</summary>
public sealed record Place(string Name, string? Country, string? Admin1, double? Lat, double? Lon)
{
    public int Start { get; init; }
    public int End { get; init; }
    public long? GeonameId { get; init; }
    /// <summary>ISO 3166-1 alpha-2 code of <see cref="Country"/>.</summary>
    public string? CountryCode { get; init; }
    /// <summary>"city", "admin1" (state/province), "country" or "region" (continent, world region).</summary>
    public string? Kind { get; init; }
    /// <summary>How many mentions in the document resolved to this place.</summary>
    public int MentionCount { get; init; } = 1;
}

/// <summary>A TIMEX3 time expression with its normalised value.</summary>
public sealed record TimeExpression(int Start, int End, string Text, string Type, string? Value)
{
    /// <summary>"publication", "unknown" (no anchor) or "none" (absolute expression).</summary>
    public string Anchor { get; init; } = "publication";

    /// <summary>TIMEX3 mod: START, MID, END, APPROX, MORE_THAN, LESS_THAN, EQUAL_OR_MORE, ...; null when none.</summary>
    public string? Mod { get; init; }
}
