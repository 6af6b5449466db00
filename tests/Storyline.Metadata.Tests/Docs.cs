using Storyline.Core;
using Storyline.Metadata;

namespace Storyline.Metadata.Tests;

/// <summary>Hand-written test documents and a stage with a pinned clock.</summary>
internal static class Docs
{
    public static readonly DateTimeOffset Now = new(2025, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    public static MetadataStage Stage(bool language = false) =>
        new(new MetadataOptions { Clock = new FixedClock(), DetectLanguage = language });

    public static Document Html(string html, string? url = null) =>
        new() { Origin = new DocumentOrigin("page.html", null, url), RawText = html, Kind = ContentKind.Html, Format = DocumentFormat.Html };

    public static Document Text(string text) =>
        new() { Origin = new DocumentOrigin("dump.txt"), RawText = text, Kind = ContentKind.Text };

    public static DocumentMetadata Run(Document d, bool language = false)
    {
        Stage(language).Process(d);
        return d.Metadata;
    }

    /// <summary>A page skeleton: head extras, body.</summary>
    public static string Page(string head, string body) =>
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>";
}
