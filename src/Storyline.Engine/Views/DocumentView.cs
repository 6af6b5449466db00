using System.Globalization;
using System.Text.Json.Serialization;
using Storyline.Core;
using Storyline.Core.Storage;

namespace Storyline.Engine.Views;

/// <summary>
/// The public JSON shape of one document (the `show --json` contract). Field names are stable:
/// add new ones freely, never rename.
/// </summary>
public sealed record DocumentView
{
    public long Id { get; init; }
    public string? Title { get; init; }
    public string? Source { get; init; }
    public string? Publisher { get; init; }
    public string? Byline { get; init; }
    /// <summary>The people of the byline, one name each (empty when none).</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];
    /// <summary>The wire service or agency credited, apart from the people.</summary>
    public string? Agency { get; init; }
    /// <summary>ISO 8601 date (or date-time when the time of day is known), or null.</summary>
    public string? Published { get; init; }
    public string? Language { get; init; }
    public string? Url { get; init; }
    public string Text { get; init; } = "";
    public IReadOnlyList<RemovedText> Removed { get; init; } = [];
    public string ContentHash { get; init; } = "";
    /// <summary>Which rule found each metadata field ("title" → "meta:og:title").</summary>
    public IReadOnlyDictionary<string, string> Provenance { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> Credits { get; init; } = [];
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<EntityView> Entities { get; init; } = [];
    public IReadOnlyList<PlaceView> Places { get; init; } = [];
    public IReadOnlyList<TimeView> Times { get; init; } = [];
    public IReadOnlyList<Sighting> Sightings { get; init; } = [];
    public IReadOnlyList<DiagnosticView> Diagnostics { get; init; } = [];
    public string Format { get; init; } = "";

    // ---- stories (issue 5) ----
    public long? StoryId { get; init; }
    /// <summary>Near or exact copies of this document (either direction), with scores.</summary>
    public IReadOnlyList<Storyline.Stories.Engine.RelatedDoc> Copies { get; init; } = [];
    /// <summary>Documents that reword this one, or that this one rewords.</summary>
    public IReadOnlyList<Storyline.Stories.Engine.RelatedDoc> Rewrites { get; init; } = [];
    /// <summary>Other versions of the same article (same URL or same source, changed).</summary>
    public IReadOnlyList<Storyline.Stories.Engine.RelatedDoc> Versions { get; init; } = [];
    /// <summary>The original of this document's group of copies and rewrites, and why.</summary>
    public Storyline.Stories.Engine.OriginalInfo? Original { get; init; }
    /// <summary>For a document without a date: the range inferred from its story and relative expressions.</summary>
    public Storyline.Stories.Index.InferredDate? PublishedInferred { get; init; }
    public string? Encoding { get; init; }

    // ---- statements (issue 11) ----
    /// <summary>Quotations and reported statements with their speakers.</summary>
    public IReadOnlyList<QuoteView> Quotes { get; init; } = [];
    /// <summary>Who did what to whom, when and where, coded with CAMEO and PLOVER.</summary>
    public IReadOnlyList<EventView> Events { get; init; } = [];
    /// <summary>Statements attributed to sides (the speaker's country or organisation).</summary>
    public IReadOnlyList<ClaimView> Claims { get; init; } = [];

    /// <summary>Why this document is not an article (too short, no words, one repeated character...), or null.</summary>
    public string? NotArticle { get; init; }

    public sealed record EntityView(string Name, string Type, string? Role, string? Country, IReadOnlyList<MentionView> Mentions);
    public sealed record MentionView(int Start, int End, string Text);
    public sealed record PlaceView(string Name, string? Country, string? Admin1, double? Lat, double? Lon, int Start, int End);
    public sealed record TimeView(string Text, int Start, int End, string Type, string? Value, string Anchor);
    public sealed record DiagnosticView(string Code, string Message, string? Stage, string Severity);

    public static DocumentView From(Document d, IReadOnlyList<Sighting>? sightings = null)
    {
        var m = d.Metadata;
        var prov = new Dictionary<string, string>();
        void Rule<T>(string name, Field<T>? f) { if (f is not null) prov[name] = f.Rule; }
        Rule("title", m.Title); Rule("source", m.Source); Rule("publisher", m.Publisher); Rule("byline", m.Byline); Rule("agency", m.Agency);
        Rule("published", m.Published); Rule("language", m.Language); Rule("url", m.Url);
        return new DocumentView
        {
            Id = d.Id,
            Title = m.Title?.Value,
            Source = m.Source?.Value,
            Publisher = m.Publisher?.Value,
            Byline = m.Byline?.Value,
            Authors = m.Authors,
            Agency = m.Agency?.Value,
            Published = m.Published is { } p ? FormatDate(p.Value, m.PublishedDateOnly) : null,
            Language = m.Language?.Value,
            Url = m.Url?.Value ?? d.Origin.Url,
            Text = d.Text,
            Removed = d.Removed,
            ContentHash = d.ContentHash,
            Provenance = prov,
            Credits = m.Credits,
            Extra = d.Extra,
            Entities = [.. d.Entities.Select(e => new EntityView(e.Name, e.Type, e.Role, e.Country,
                [.. e.Mentions.Where(i => i >= 0 && i < d.Mentions.Count).Select(i => new MentionView(d.Mentions[i].Start, d.Mentions[i].End, d.Mentions[i].Text))]))],
            Places = [.. d.Places.Select(p => new PlaceView(p.Name, p.Country, p.Admin1, p.Lat, p.Lon, p.Start, p.End))],
            Times = [.. d.Times.Select(t => new TimeView(t.Text, t.Start, t.End, t.Type, t.Value, t.Anchor))],
            Sightings = sightings ?? [],
            Diagnostics = [.. d.Diagnostics.Select(x => new DiagnosticView(x.Code.ToString(), x.Message, x.Stage, x.Severity.ToString().ToLowerInvariant()))],
            Format = d.Format.ToString().ToLowerInvariant(),
            Encoding = d.Encoding,
            NotArticle = d.NotArticle,
            Quotes = [.. d.Quotes.Select(q => QuoteView.From(q, EntityAt(d, q.SpeakerEntity), EntityAt(d, q.ViaEntity)))],
            Events = [.. d.Events.Select(e => EventView.From(e, EntityAt(d, e.ActorEntity)?.Name, EntityAt(d, e.TargetEntity)?.Name,
                SentenceText(d, e.Sentence)))],
            Claims = [.. d.Claims.Select(c => ClaimView.From(c, EntityAt(d, c.SpeakerEntity)?.Name))],
        };
    }

    private static Entity? EntityAt(Document d, int i) => i >= 0 && i < d.Entities.Count ? d.Entities[i] : null;

    /// <summary>The sentence's text as the store keeps it (capped), so `show` and `events` print the same.</summary>
    private static string? SentenceText(Document d, int i) => Storyline.Storage.StatementIndex.SentenceText(d, i);

    /// <summary>A stored publication date as listings print it (date only when it falls at midnight), or null.</summary>
    public static string? FormatPublished(DateTimeOffset? t) => t is { } p ? FormatDate(p, p.TimeOfDay == TimeSpan.Zero) : null;

    /// <summary>Date-only values print as yyyy-MM-dd; others as full ISO 8601 with offset.</summary>
    public static string FormatDate(DateTimeOffset t, bool dateOnly) =>
        dateOnly ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}

/// <summary>
/// A quote in `show --json` and in `quotes --json` (where <see cref="StoredQuoteView"/> adds its document).
/// <see cref="SpeakerEntity"/> is the resolved entity's name, null when the speaker could not be resolved.
/// </summary>
public record QuoteView
{
    public string Text { get; init; } = "";
    public string? Speaker { get; init; }
    public string? SpeakerEntity { get; init; }
    /// <summary>The cross-document key of the speaker's entity (what `quotes --speaker` also matches).</summary>
    public string? SpeakerKey { get; init; }
    public string? Via { get; init; }
    public string? ViaEntity { get; init; }
    public string? Cue { get; init; }
    public int Start { get; init; }
    public int End { get; init; }
    /// <summary>"direct", "mixed" or "reported".</summary>
    public string Kind { get; init; } = "";
    /// <summary>The source is unnamed on purpose ("a source with knowledge of the matter").</summary>
    public bool Unnamed { get; init; }
    /// <summary>Index of the sentence the quote starts in.</summary>
    public int Sentence { get; init; } = -1;

    public static QuoteView From(Quote q, Entity? speaker, Entity? via) => Fill(new QuoteView(), q, speaker?.Name, speaker?.StoreKey, via?.Name);

    /// <summary>Copies the quote's fields onto <paramref name="v"/> (a copy of its runtime type: derived views keep their own fields).</summary>
    private protected static QuoteView Fill(QuoteView v, Quote q, string? speakerName, string? speakerKey, string? viaName) => v with
    {
        Text = q.Text, Speaker = q.Speaker, SpeakerEntity = speakerName, SpeakerKey = speakerKey, Via = q.Via, ViaEntity = viaName,
        Cue = q.Cue, Start = q.Start, End = q.End, Kind = q.Kind, Unnamed = q.Unnamed, Sentence = q.Sentence,
    };
}

/// <summary>A quote found in the store: its document (id, title, publication date) and its index in that document.</summary>
public sealed record StoredQuoteView : QuoteView
{
    [JsonPropertyOrder(-4)] public long DocId { get; init; }
    [JsonPropertyOrder(-3)] public string? Title { get; init; }
    [JsonPropertyOrder(-2)] public string? Published { get; init; }
    [JsonPropertyOrder(-1)] public int Index { get; init; }

    public static StoredQuoteView From(QuoteHit h) => (StoredQuoteView)Fill(new StoredQuoteView
    {
        DocId = h.DocId, Title = h.Title, Published = DocumentView.FormatPublished(h.Published), Index = h.Index,
    }, h.Quote, h.SpeakerName, h.SpeakerKey, h.ViaName);
}

/// <summary>
/// An event in `show --json` and in `events --json` (where <see cref="StoredEventView"/> adds its document).
/// <see cref="Sentence"/> is the text of the sentence it came from, <see cref="SentenceIndex"/> its index.
/// </summary>
public record EventView
{
    public string? Actor { get; init; }
    public string Action { get; init; } = "";
    public string? Cameo { get; init; }
    public double? Goldstein { get; init; }
    public string? Plover { get; init; }
    /// <summary>The PLOVER mode where the category has one ("visit", "arrest"), or null.</summary>
    public string? PloverMode { get; init; }
    public string? Target { get; init; }
    /// <summary>The event's date as the time layer resolved it (ISO), or null.</summary>
    public string? Date { get; init; }
    public string? Place { get; init; }
    public bool Negated { get; init; }
    public string? Sentence { get; init; }
    public bool Hypothetical { get; init; }
    public string? ActorCode { get; init; }
    public string? TargetCode { get; init; }
    /// <summary>The names of the entities the actor and target resolved to, or null.</summary>
    public string? ActorEntity { get; init; }
    public string? TargetEntity { get; init; }
    public int SentenceIndex { get; init; } = -1;
    public int Start { get; init; }
    public int End { get; init; }

    public static EventView From(NewsEvent e, string? actorName, string? targetName, string? sentence) =>
        Fill(new EventView(), e, actorName, targetName, sentence);

    private protected static EventView Fill(EventView v, NewsEvent e, string? actorName, string? targetName, string? sentence) => v with
    {
        Actor = e.Actor, Action = e.Action, Cameo = e.Cameo, Goldstein = e.Goldstein, Plover = e.Plover, PloverMode = e.PloverMode, Target = e.Target,
        Date = e.Date, Place = e.Place, Negated = e.Negated, Sentence = sentence, Hypothetical = e.Hypothetical,
        ActorCode = e.ActorCode, TargetCode = e.TargetCode, ActorEntity = actorName, TargetEntity = targetName,
        SentenceIndex = e.Sentence, Start = e.Start, End = e.End,
    };
}

/// <summary>An event found in the store: its document (id, title, publication date) and its index in that document.</summary>
public sealed record StoredEventView : EventView
{
    [JsonPropertyOrder(-4)] public long DocId { get; init; }
    [JsonPropertyOrder(-3)] public string? Title { get; init; }
    [JsonPropertyOrder(-2)] public string? Published { get; init; }
    [JsonPropertyOrder(-1)] public int Index { get; init; }

    public static StoredEventView From(EventHit h) => (StoredEventView)Fill(new StoredEventView
    {
        DocId = h.DocId, Title = h.Title, Published = DocumentView.FormatPublished(h.Published), Index = h.Index,
    }, h.Event, h.ActorName, h.TargetName, h.Sentence);
}

/// <summary>A claim in `show --json`: what a side asserts, and the quote (index into quotes, -1 for none) it came from.</summary>
public sealed record ClaimView
{
    public string Text { get; init; } = "";
    public string? Speaker { get; init; }
    public string? SpeakerEntity { get; init; }
    public string? Side { get; init; }
    public string? SideKey { get; init; }
    public string? Subject { get; init; }
    public string? Predicate { get; init; }
    public string? Value { get; init; }
    public bool Negated { get; init; }
    public int Quote { get; init; } = -1;
    public int Start { get; init; }
    public int End { get; init; }
    /// <summary>Hedged ("may have", "possibly"): not asserted as fact.</summary>
    public bool Hedged { get; init; }
    /// <summary>Who did it and to whom, normalised like <see cref="Subject"/>; null when none.</summary>
    public string? Agent { get; init; }
    public string? Patient { get; init; }
    /// <summary>Quantities asserted, each {value, unit, bound}.</summary>
    public IReadOnlyList<ClaimNumber> Numbers { get; init; } = [];
    /// <summary>Dates asserted (TIMEX3 values).</summary>
    public IReadOnlyList<string> Dates { get; init; } = [];

    public static ClaimView From(Claim c, string? speakerName) => new()
    {
        Text = c.Text, Speaker = c.Speaker, SpeakerEntity = speakerName, Side = c.Side, SideKey = c.SideKey, Subject = c.Subject,
        Predicate = c.Predicate, Value = c.Value, Negated = c.Negated, Quote = c.Quote, Start = c.Start, End = c.End,
        Hedged = c.Hedged, Agent = c.Agent, Patient = c.Patient, Numbers = c.Numbers, Dates = c.Dates,
    };
}
