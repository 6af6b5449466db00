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
        Rule("title", m.Title); Rule("source", m.Source); Rule("publisher", m.Publisher); Rule("byline", m.Byline);
        Rule("published", m.Published); Rule("language", m.Language); Rule("url", m.Url);
        return new DocumentView
        {
            Id = d.Id,
            Title = m.Title?.Value,
            Source = m.Source?.Value,
            Publisher = m.Publisher?.Value,
            Byline = m.Byline?.Value,
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
        };
    }

    /// <summary>Date-only values print as yyyy-MM-dd; others as full ISO 8601 with offset.</summary>
    public static string FormatDate(DateTimeOffset t, bool dateOnly) =>
        dateOnly ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
