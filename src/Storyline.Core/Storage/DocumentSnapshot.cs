using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storyline.Core.Storage;

/// <summary>
/// The stored form of a document's analysis (everything but the raw bytes and tokens, which are
/// recomputed on demand). Both stores keep it as one JSON value so adding an annotation layer
/// needs no schema change.
/// </summary>
public sealed class DocumentSnapshot
{
    public string Text { get; set; } = "";
    public ContentKind Kind { get; set; }
    public string? Encoding { get; set; }
    public List<RemovedText> Removed { get; set; } = [];
    public Dictionary<string, FieldDto> Metadata { get; set; } = [];
    public bool PublishedDateOnly { get; set; }
    public List<string> Credits { get; set; } = [];
    public List<string> Authors { get; set; } = [];
    public Dictionary<string, string> Extra { get; set; } = [];
    public List<Sentence> Sentences { get; set; } = [];
    public List<EntityMention> Mentions { get; set; } = [];
    public List<EntityDto> Entities { get; set; } = [];
    public List<Place> Places { get; set; } = [];
    public List<TimeExpression> Times { get; set; } = [];
    public List<Quote> Quotes { get; set; } = [];
    public List<NewsEvent> Events { get; set; } = [];
    public List<Claim> Claims { get; set; } = [];
    public List<Diagnostic> Diagnostics { get; set; } = [];
    public List<string> Stages { get; set; } = [];
    public string? NotArticle { get; set; }

    public sealed record FieldDto(string Value, string Rule);
    public sealed record EntityDto(string Name, string Type, string? Role, string? Country, List<int> Mentions)
    {
        public string? CountryCode { get; init; }
        public string? Key { get; init; }
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        IncludeFields = false,
    };

    public static string Serialize(Document d)
    {
        var s = new DocumentSnapshot
        {
            Text = d.Text, Kind = d.Kind, Encoding = d.Encoding, PublishedDateOnly = d.Metadata.PublishedDateOnly,
            Removed = d.Removed, Credits = d.Metadata.Credits, Authors = d.Metadata.Authors, Extra = d.Extra, Sentences = d.Sentences,
            Mentions = d.Mentions, Places = d.Places, Times = d.Times, Quotes = d.Quotes, Events = d.Events, Claims = d.Claims, Diagnostics = d.Diagnostics, Stages = d.Stages,
            NotArticle = d.NotArticle,
            Entities = [.. d.Entities.Select(e => new EntityDto(e.Name, e.Type, e.Role, e.Country, e.Mentions) { CountryCode = e.CountryCode, Key = e.Key })],
        };
        var m = d.Metadata;
        void Put(string k, Field<string>? f) { if (f is not null) s.Metadata[k] = new(f.Value, f.Rule); }
        Put("title", m.Title); Put("source", m.Source); Put("publisher", m.Publisher); Put("byline", m.Byline); Put("agency", m.Agency);
        Put("language", m.Language); Put("url", m.Url); Put("canonical_url", m.CanonicalUrl);
        if (m.Published is { } p) s.Metadata["published"] = new(p.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture), p.Rule);
        return JsonSerializer.Serialize(s, Json);
    }

    /// <summary>Restores the analysis onto a document that already carries origin and raw bytes.</summary>
    public static void Restore(Document d, string json)
    {
        var s = JsonSerializer.Deserialize<DocumentSnapshot>(json, Json) ?? new DocumentSnapshot();
        d.Text = s.Text; d.Kind = s.Kind; d.Encoding = s.Encoding; d.NotArticle = s.NotArticle;
        d.Removed.AddRange(s.Removed); d.Metadata.Credits.AddRange(s.Credits); d.Metadata.Authors.AddRange(s.Authors);
        foreach (var kv in s.Extra) d.Extra[kv.Key] = kv.Value;
        d.Sentences.AddRange(s.Sentences); d.Mentions.AddRange(s.Mentions); d.Places.AddRange(s.Places);
        d.Times.AddRange(s.Times); d.Quotes.AddRange(s.Quotes); d.Events.AddRange(s.Events); d.Claims.AddRange(s.Claims);
        d.Diagnostics.AddRange(s.Diagnostics); d.Stages.AddRange(s.Stages);
        foreach (var e in s.Entities)
        {
            var ent = new Entity { Name = e.Name, Type = e.Type, Role = e.Role, Country = e.Country, CountryCode = e.CountryCode, Key = e.Key };
            ent.Mentions.AddRange(e.Mentions);
            d.Entities.Add(ent);
        }
        var m = d.Metadata; m.PublishedDateOnly = s.PublishedDateOnly;
        Field<string>? Get(string k) => s.Metadata.TryGetValue(k, out var f) ? new Field<string>(f.Value, f.Rule) : null;
        m.Title = Get("title"); m.Source = Get("source"); m.Publisher = Get("publisher"); m.Byline = Get("byline"); m.Agency = Get("agency");
        m.Language = Get("language"); m.Url = Get("url"); m.CanonicalUrl = Get("canonical_url");
        if (s.Metadata.TryGetValue("published", out var pub) &&
            DateTimeOffset.TryParse(pub.Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var dt))
            m.Published = new Field<DateTimeOffset>(dt, pub.Rule);
    }
}
