using System.Text.Json.Serialization;
using Storyline.Core;

namespace Storyline.Timeline;

/// <summary>
/// One document of a story as the roll-up reads it: the stored document with its annotations, the source shown for
/// it, its publication date, or (undated) the range the story inferred for it with the evidence.
/// </summary>
public sealed record RollupDocument(Document Doc, string? Source, DateTimeOffset? Published, InferredAnchor? Inferred = null)
{
    /// <summary>The date used to order documents: publication, else the middle of the inferred range.</summary>
    public DateTimeOffset? When => Published ?? (Inferred is { } i ? i.Earliest + (i.Latest - i.Earliest) / 2 : null);
}

/// <summary>A publication date range inferred for an undated document (from the story), with the evidence.</summary>
public sealed record InferredAnchor(DateTimeOffset Earliest, DateTimeOffset Latest, IReadOnlyList<string> Evidence);

/// <summary>Caps and hooks of the roll-up. Every cap bounds work on stories of any size.</summary>
public sealed record RollupOptions
{
    /// <summary>Dates kept on a timeline (the most mentioned ones).</summary>
    public int MaxDates { get; init; } = 10;
    /// <summary>Sentences kept per selected date.</summary>
    public int SentencesPerDate { get; init; } = 2;
    /// <summary>Time expressions of one document counted for date selection at most.</summary>
    public int MaxTimesPerDocument { get; init; } = 200;
    /// <summary>Events, quotes and claims of one document read at most (each).</summary>
    public int MaxStatementsPerDocument { get; init; } = 200;
    /// <summary>Claims listed per side, and sides listed.</summary>
    public int MaxClaimsPerSide { get; init; } = 20;
    public int MaxSides { get; init; } = 12;
    /// <summary>Claims handed to the contradiction detector at most (pairwise work grows with the square).</summary>
    public int MaxDetectorClaims { get; init; } = 300;
    /// <summary>Contradicting pairs listed at most.</summary>
    public int MaxContradictions { get; init; } = 30;

    /// <summary>How central a sentence is to the story (higher first); the story layer passes its centroid cosine. Default: 0.</summary>
    public Func<string, double>? Centrality { get; init; }
    /// <summary>True when two sentences say the same thing (copies, versions, light rewrites). Default: the same words.</summary>
    public Func<string, string, bool>? NearDuplicate { get; init; }

    /// <summary>The contradiction detector; default <see cref="Claims.ContradictionDetector.Find"/> (a test may pass its own to check the wiring).</summary>
    public Func<IReadOnlyList<SourcedClaim>, IReadOnlyList<Contradiction>>? Detector { get; init; }

    public static RollupOptions Default { get; } = new();
}

/// <summary>
/// One line of a story's timeline: an event ("actor action target") or a dated statement, with its date and precision
/// (day, month or year), the sentence it was read from and where. <see cref="Inferred"/> marks a date resolved against
/// the publication date the story inferred for an undated document; <see cref="Evidence"/> says how.
/// </summary>
public sealed record TimelineEntry
{
    /// <summary>ISO date at its precision: "2024-03-09", "2024-03" or "2024".</summary>
    [JsonPropertyName("date")] public required string Date { get; init; }
    /// <summary>"day", "month" or "year".</summary>
    [JsonPropertyName("precision")] public required string Precision { get; init; }
    /// <summary>"event", "quote" or "claim".</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    /// <summary>The event summary ("actor action target") or the statement.</summary>
    [JsonPropertyName("text")] public required string Text { get; init; }
    [JsonPropertyName("sentence")] public required string Sentence { get; init; }
    [JsonPropertyName("doc_id")] public long DocId { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    /// <summary>Where the date came from: "text" (a time expression of the sentence), "event" (the event's own date) or "published" (the document's date, for an event with none).</summary>
    [JsonPropertyName("date_from")] public required string DateFrom { get; init; }
    /// <summary>The time expression that dated it ("on Saturday"); null for a publication date.</summary>
    [JsonPropertyName("date_text")] public string? DateText { get; init; }
    [JsonPropertyName("inferred")] public bool Inferred { get; init; }
    [JsonPropertyName("evidence")] public IReadOnlyList<string>? Evidence { get; init; }
    [JsonPropertyName("speaker")] public string? Speaker { get; init; }
    [JsonPropertyName("actor")] public string? Actor { get; init; }
    [JsonPropertyName("action")] public string? Action { get; init; }
    [JsonPropertyName("target")] public string? Target { get; init; }
    [JsonPropertyName("negated")] public bool Negated { get; init; }
    [JsonPropertyName("hypothetical")] public bool Hypothetical { get; init; }
    /// <summary>Documents (after copies and versions are folded) that give the same sentence for this date.</summary>
    [JsonPropertyName("support")] public int Support { get; init; } = 1;
}

/// <summary>A side of a story (a country or organisation) and the claims made for it.</summary>
public sealed record SideClaims(
    [property: JsonPropertyName("side")] string? Side,
    [property: JsonPropertyName("side_key")] string? SideKey,
    [property: JsonPropertyName("claims")] IReadOnlyList<ClaimView> Claims);

/// <summary>A claim as a story lists it: what was asserted, by whom, where it was read.</summary>
public sealed record ClaimView
{
    [JsonPropertyName("text")] public required string Text { get; init; }
    [JsonPropertyName("speaker")] public string? Speaker { get; init; }
    [JsonPropertyName("doc_id")] public long DocId { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("side")] public string? Side { get; init; }
    [JsonPropertyName("side_key")] public string? SideKey { get; init; }
    [JsonPropertyName("subject")] public string? Subject { get; init; }
    [JsonPropertyName("predicate")] public string? Predicate { get; init; }
    [JsonPropertyName("value")] public string? Value { get; init; }
    [JsonPropertyName("negated")] public bool Negated { get; init; }
    /// <summary>Index into the document's claims.</summary>
    [JsonPropertyName("index")] public int Index { get; init; }
    /// <summary>Other documents (rewrites) making the same claim.</summary>
    [JsonPropertyName("also_in")] public IReadOnlyList<long> AlsoIn { get; init; } = [];
}

/// <summary>Two claims of different sides that cannot both be true, as the detector flagged them.</summary>
public sealed record ContradictionView(
    [property: JsonPropertyName("a")] ClaimView A,
    [property: JsonPropertyName("b")] ClaimView B,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("sources")] IReadOnlyList<string?> Sources,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary>Everything the roll-up adds to a story.</summary>
public sealed record StoryRollupResult(
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<SideClaims> Claims,
    IReadOnlyList<ContradictionView> Contradictions)
{
    public static StoryRollupResult Empty { get; } = new([], [], []);
}
