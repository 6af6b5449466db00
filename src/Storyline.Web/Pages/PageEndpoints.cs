using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Storyline.Web.Api;

namespace Storyline.Web.Pages;

/// <summary>The server-rendered pages: stories, story, documents, document, entities, entity, search, upload.</summary>
public static partial class PageEndpoints
{
    /// <summary>True when the client asked for a page (a browser) rather than JSON.</summary>
    public static bool WantsHtml(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/openapi")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    public const int PageSize = 20;

    public static void Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/", StoriesPage.Render);
        pages.MapGet("/stories", StoriesPage.Render);
        pages.MapGet("/stories/{id}", StoryPage.Render);
        pages.MapGet("/documents", DocumentsPage.RenderList);
        pages.MapGet("/documents/{id}", DocumentPage.Render);
        pages.MapGet("/entities", EntitiesPage.RenderList);
        pages.MapGet("/entity", EntitiesPage.Render);
        pages.MapGet("/search", SearchPage.Render);
        pages.MapGet("/ingest", IngestPage.RenderForm);
        pages.MapPost("/ingest", IngestPage.Submit).RequireRateLimiting(StorylineWebApp.WritePolicy).DisableAntiforgery();
        pages.MapGet("/unlock", UnlockPage.RenderForm);
        pages.MapPost("/unlock", UnlockPage.Submit).DisableAntiforgery();
        pages.MapGet("/static/{name}", Static);
    }

    private static readonly ConcurrentDictionary<string, byte[]?> Assets = new(StringComparer.Ordinal);

    /// <summary>Our stylesheet and script, from the assembly's resources; any other name is 404 (no file system access).</summary>
    private static IResult Static(string name, HttpContext ctx)
    {
        if (name is not ("site.css" or "app.js")) return Results.NotFound();
        var bytes = Assets.GetOrAdd(name, n =>
        {
            using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("Storyline.Web.Assets." + n);
            if (s is null) return null;
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return ms.ToArray();
        });
        if (bytes is null) return Results.NotFound();
        ctx.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Bytes(bytes, name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
    }

    public static Task WriteStatusPage(HttpContext ctx)
    {
        int status = ctx.Response.StatusCode;
        var result = Layout.Page($"{status} {StorylineWebApp.ReasonPhrase(status)}", "", h =>
        {
            h.E("h1", $"{status} {StorylineWebApp.ReasonPhrase(status)}");
            Layout.Note(h, status == 404 ? "There is nothing at this address." : "The request could not be served.", "error");
            h.Raw("<p><a href=\"/\">Back to the stories</a></p>");
        }, status);
        return result.ExecuteAsync(ctx);
    }

    /// <summary>A page's "not found" or "bad request" answer.</summary>
    internal static IResult Problem(int status, string title, string message) =>
        Layout.Page(title, "", h => { h.E("h1", title); Layout.Note(h, message, "error"); h.Raw("<p><a href=\"/\">Back to the stories</a></p>"); }, status);

    internal static int Offset(string? raw) =>
        int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var o) && o >= 0 ? o : 0;

    internal static string Plural(long n, string one, string many) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);

    internal static string Span(DateTimeOffset a, DateTimeOffset b) =>
        a.UtcDateTime.Date == b.UtcDateTime.Date ? Html.Date(a) : $"{Html.Date(a)} – {Html.Date(b)}";

    /// <summary>A select box with "any" first and the current value selected.</summary>
    internal static void Select(Html h, string id, string label, string? current, IEnumerable<(string Value, string Text)> options)
    {
        h.Raw("<div><label").A("for", id).Raw(">").T(label).Raw("</label><select").A("id", id).A("name", id).Raw("><option value=\"\">Any</option>");
        foreach (var (v, t) in options)
        {
            h.Raw("<option").A("value", v);
            if (string.Equals(v, current, StringComparison.OrdinalIgnoreCase)) h.Raw(" selected");
            h.Raw(">").T(t).Raw("</option>");
        }
        h.Raw("</select></div>");
    }

    internal static void Input(Html h, string id, string label, string? value, string type = "text")
    {
        h.Raw("<div><label").A("for", id).Raw(">").T(label).Raw("</label><input").A("id", id).A("name", id).A("type", type).A("value", value).Raw("></div>");
    }
}
