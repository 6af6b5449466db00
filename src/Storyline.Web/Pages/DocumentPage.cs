using Microsoft.AspNetCore.Http;
using Storyline.Engine.Views;
using Storyline.Web.Api;

namespace Storyline.Web.Pages;

/// <summary>One document: highlighted clean text, metadata with the rule behind each field, debris, provenance, stages, diagnostics.</summary>
public static class DocumentPage
{
    /// <summary>Highlights drawn at most (a hostile document could have millions of spans).</summary>
    public const int MaxMarks = 5000;

    public static async Task<IResult> Render(string id, StorePool pool, CancellationToken ct)
    {
        if (!ApiEndpoints.TryId(id, out var docId)) return PageEndpoints.Problem(400, "Bad document id", $"'{id}' is not a document id.");
        using var lease = await pool.RentAsync(ct);
        var doc = lease.Store.Get(docId);
        if (doc is null) return PageEndpoints.Problem(404, "Document not found", $"There is no document {docId}.");
        var v = Queries.Document(lease, docId)!;
        var stages = doc.Stages.ToList();
        var title = Labels.Title(v.Title, v.Text, v.Id, v.Provenance.GetValueOrDefault("title"));
        var source = Labels.Source(v.Source, v.Publisher, v.Url);
        return Layout.Page(title.Text, "documents", h =>
        {
            h.Raw("<p class=\"meta\"><a href=\"/documents\">Documents</a> › #").N(v.Id);
            if (v.StoryId is { } sid) h.Raw(" · ").Link($"/stories/{sid}", $"story {sid}");
            h.Raw("</p>");
            h.Raw("<h1>").Label(title);
            if (title.IsDerived) h.Raw(" <span class=\"badge derived-tag\" title=\"The document has no title; this is ").T(title.DerivedFrom == Labels.FromText ? "its first words" : "its number").Raw("\">no title</span>");
            h.Raw("</h1>");
            if (source.IsDerived) h.Raw("<p class=\"meta\">Source: ").Label(source).Raw("</p>");
            if (v.NotArticle is { } why) Layout.Note(h, $"Not an article: {why}");
            h.Raw("<div class=\"with-aside\"><div>");
            h.Raw("<p class=\"legend meta\" aria-label=\"Highlight legend\"><span class=\"ent ent-PER\">person</span><span class=\"ent ent-ORG\">organisation</span>")
             .Raw("<span class=\"ent ent-LOC\">place</span><span class=\"ent ent-MISC\">other name</span><span class=\"tm\">time</span><span class=\"qt\">quote</span></p>");
            h.Raw("<article class=\"doc-text\" aria-label=\"Clean text\">");
            Highlight(h, v);
            h.Raw("</article>");
            if (v.Removed.Count > 0)
            {
                h.Raw("<details class=\"removed\"><summary>Removed by cleaning (").N(v.Removed.Count).Raw(")</summary><ul>");
                foreach (var r in v.Removed.Take(500)) h.Raw("<li><span class=\"badge\">").T(r.Reason).Raw("</span> ").T(StoryPage.Cut(r.Text, 400)).Raw("</li>");
                h.Raw("</ul></details>");
            }
            if (v.Quotes.Count > 0)
            {
                h.Raw("<h2>Quotes</h2><ul class=\"quotes-by\">");
                foreach (var q in v.Quotes.Take(100))
                    h.Raw("<li><blockquote>").T(q.Text).Raw("</blockquote><p class=\"meta\">").T(q.SpeakerEntity ?? Storyline.Core.Quote.ShortSpeaker(q.Speaker) ?? "unattributed")
                     .Raw(q.Cue is null ? "" : " · ").T(q.Cue).Raw(" · ").T(q.Kind).Raw("</p></li>");
                h.Raw("</ul>");
            }
            if (v.Events.Count > 0)
            {
                h.Raw("<h2>Events</h2><div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Actor</th><th scope=\"col\">Action</th><th scope=\"col\">Target</th><th scope=\"col\">Date</th><th scope=\"col\">Code</th></tr></thead><tbody>");
                foreach (var e in v.Events.Take(100))
                    h.Raw("<tr><td>").T(e.ActorEntity ?? e.Actor).Raw("</td><td>").T((e.Negated ? "not " : "") + e.Action + (e.Hypothetical ? " (hypothetical)" : "")).Raw("</td><td>")
                     .T(e.TargetEntity ?? e.Target).Raw("</td><td>").T(e.Date).Raw("</td><td>").T(string.Join(" ", new[] { e.Cameo, e.Plover }.Where(x => x is not null))).Raw("</td></tr>");
                h.Raw("</tbody></table></div>");
            }
            h.Raw("</div><aside aria-label=\"About this document\">");
            h.Raw("<h2>Metadata</h2><dl class=\"kv\">");
            Field(h, "Title", v.Title, v.Provenance.GetValueOrDefault("title"), title.IsDerived ? "pages show its first words instead" : null);
            Field(h, "Source", v.Source, v.Provenance.GetValueOrDefault("source"),
                source.DerivedFrom == Labels.FromUrl ? $"pages show “{source.Text}”, the host of its URL" : null);
            Field(h, "Publisher", v.Publisher, v.Provenance.GetValueOrDefault("publisher"));
            Field(h, "Byline", v.Byline, v.Provenance.GetValueOrDefault("byline"));
            if (v.Published is not null) Field(h, "Published", v.Published, v.Provenance.GetValueOrDefault("published"));
            else if (v.PublishedInferred is { } inf)
            {
                h.Raw("<dt>Published</dt><dd>≈ ").T(PageEndpoints.Span(inf.Earliest, inf.Latest)).Raw(" <span class=\"badge inferred\">inferred</span>");
                if (inf.Evidence.Count > 0) { h.Raw("<details><summary>Evidence</summary><ul>"); foreach (var e in inf.Evidence) h.E("li", e); h.Raw("</ul></details>"); }
                h.Raw("</dd>");
            }
            else Field(h, "Published", null, null);
            Field(h, "Language", v.Language, v.Provenance.GetValueOrDefault("language"));
            h.Raw("<dt>URL</dt><dd>").External(v.Url).Raw(v.Provenance.TryGetValue("url", out var ur) ? "<br><span class=\"rule\">" : "").T(ur).Raw(ur is null ? "" : "</span>").Raw("</dd>");
            Field(h, "Format", v.Format, null);
            Field(h, "Encoding", v.Encoding, null);
            if (v.Credits.Count > 0) Field(h, "Credits", string.Join("; ", v.Credits), null);
            h.Raw("<dt>Hash</dt><dd><code>").T(v.ContentHash.Length > 16 ? v.ContentHash[..16] : v.ContentHash).Raw("</code></dd></dl>");
            h.Raw("<h2>Provenance</h2>");
            if (v.Original is { } o)
                h.Raw("<p>Original: ").Link($"/documents/{o.Id}", $"#{o.Id}").Raw(" ").T(o.Publisher).Raw(" <span class=\"meta\">(").T(o.Reason).Raw(")</span></p>");
            Related(h, "Copies", v.Copies);
            Related(h, "Rewrites", v.Rewrites);
            Related(h, "Versions", v.Versions);
            h.Raw("<h3>Seen at</h3><ul>");
            foreach (var s in v.Sightings.Take(50))
            {
                h.Raw("<li>");
                if (s.Url is not null) h.External(s.Url); else h.T(Path.GetFileName(s.Path) + (s.Locator is null ? "" : "#" + s.Locator));
                h.Raw(" <span class=\"meta\">").T(Html.DateTime(s.SeenAt)).Raw(s.Count > 1 ? $" ×{s.Count}" : "").Raw("</span></li>");
            }
            h.Raw("</ul><h2>Pipeline</h2>");
            if (stages.Count > 0) { h.Raw("<ol class=\"meta\">"); foreach (var st in stages) h.E("li", st); h.Raw("</ol>"); }
            else h.Raw("<p class=\"muted\">Stages not recorded.</p>");
            h.Raw("<h3>Diagnostics</h3>");
            if (v.Diagnostics.Count == 0) h.Raw("<p class=\"muted\">None.</p>");
            else
            {
                h.Raw("<ul>");
                foreach (var d in v.Diagnostics.Take(100))
                    h.Raw("<li><span class=\"badge").Raw(d.Severity == "error" ? " bad" : "").Raw("\">").T(d.Code).Raw("</span> ").T(d.Message)
                     .Raw(" <span class=\"meta\">").T(d.Stage).Raw("</span></li>");
                h.Raw("</ul>");
            }
            h.Raw("<p><a").A("href", $"/api/documents/{v.Id}").Raw(">This document as JSON</a></p>");
            h.Raw("</aside></div>");
        });
    }

    private static void Field(Html h, string name, string? value, string? rule, string? fallback = null)
    {
        h.Raw("<dt>").T(name).Raw("</dt><dd>");
        if (string.IsNullOrEmpty(value))
        {
            h.Raw("<span class=\"muted\">unknown</span>");
            if (fallback is not null) h.Raw("<br><span class=\"rule derived\">").T(fallback).Raw("</span>");
        }
        else h.T(value);
        if (rule is not null) h.Raw("<br><span class=\"rule\" title=\"The rule that found this field\">").T(rule).Raw("</span>");
        h.Raw("</dd>");
    }

    private static void Related(Html h, string label, IReadOnlyList<Storyline.Stories.Engine.RelatedDoc> docs)
    {
        if (docs.Count == 0) return;
        h.Raw("<p>").T(label).Raw(": ");
        foreach (var d in docs.Take(30)) h.Link($"/documents/{d.Id}", $"#{d.Id}").Raw(" ");
        h.Raw("</p>");
    }

    /// <summary>
    /// The text cut at every span boundary (entity mentions, times, quotes); each piece is encoded and wrapped in the spans
    /// that cover it, so overlapping layers never produce broken markup. Offsets out of range are ignored.
    /// </summary>
    internal static void Highlight(Html h, DocumentView v)
    {
        var text = v.Text;
        var spans = new List<(int Start, int End, string Cls, string? Title)>();
        foreach (var e in v.Entities)
            foreach (var m in e.Mentions) spans.Add((m.Start, m.End, "ent ent-" + (e.Type is "PER" or "ORG" or "LOC" or "MISC" ? e.Type : "MISC"), $"{e.Name} ({e.Type})"));
        foreach (var t in v.Times) spans.Add((t.Start, t.End, "tm", t.Value is null ? t.Type : $"{t.Type}: {t.Value}"));
        foreach (var q in v.Quotes) spans.Add((q.Start, q.End, "qt", $"quote: {q.SpeakerEntity ?? Storyline.Core.Quote.ShortSpeaker(q.Speaker) ?? "unattributed"}"));
        spans = [.. spans.Where(s => s.Start >= 0 && s.End <= text.Length && s.Start < s.End).Take(MaxMarks)];
        if (spans.Count == 0) { h.T(text); return; }
        var cuts = new SortedSet<int> { 0, text.Length };
        foreach (var s in spans) { cuts.Add(s.Start); cuts.Add(s.End); }
        // Spans sorted by start let each piece find its covering spans in one sweep.
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var active = new List<(int Start, int End, string Cls, string? Title)>();
        int next = 0, prev = -1;
        foreach (var cut in cuts)
        {
            if (prev >= 0 && cut > prev)
            {
                while (next < spans.Count && spans[next].Start <= prev) active.Add(spans[next++]);
                active.RemoveAll(s => s.End <= prev);
                var covering = active.Where(s => s.Start <= prev && s.End >= cut).ToList();
                foreach (var s in covering) h.Raw("<span").A("class", s.Cls).A("title", s.Title).Raw(">");
                h.T(text[prev..cut]);
                for (int i = 0; i < covering.Count; i++) h.Raw("</span>");
            }
            prev = cut;
        }
    }
}
