using Microsoft.AspNetCore.Http;

namespace Storyline.Web.Pages;

/// <summary>The frame every page shares: header with navigation, main content, footer.</summary>
public static class Layout
{
    public static readonly (string Path, string Label, string Key)[] Nav =
    [
        ("/", "Stories", "stories"), ("/search", "Search", "search"), ("/entities", "Entities", "entities"),
        ("/documents", "Documents", "documents"), ("/ingest", "Upload", "ingest"), ("/reference", "API", "api"),
    ];

    /// <summary>A whole page as an HTML result.</summary>
    public static IResult Page(string title, string current, Action<Html> body, int status = 200) => Send(Render(title, current, body), status);

    /// <summary>An HTML page made earlier (a cached one).</summary>
    public static IResult Send(string html, int status = 200) => Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    /// <summary>A whole page as a string.</summary>
    public static string Render(string title, string current, Action<Html> body)
    {
        var h = new Html();
        h.Raw("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
         .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
         .Raw("<meta name=\"referrer\" content=\"no-referrer\">")
         .Raw("<title>").T(title).Raw(" · Storyline</title>")
         .Raw("<link rel=\"stylesheet\" href=\"/static/site.css\">")
         .Raw("<script src=\"/static/app.js\" defer></script>")
         .Raw("</head><body><a class=\"skip\" href=\"#main\">Skip to content</a>")
         .Raw("<header class=\"top\"><div class=\"wrap\"><a class=\"brand\" href=\"/\">Storyline</a><nav aria-label=\"Main\"><ul>");
        foreach (var (path, label, key) in Nav)
        {
            h.Raw("<li><a").A("href", path);
            if (key == current) h.Raw(" aria-current=\"page\"");
            h.Raw(">").T(label).Raw("</a></li>");
        }
        h.Raw("</ul></nav><form class=\"quick\" role=\"search\" action=\"/search\" method=\"get\">")
         .Raw("<label class=\"sr\" for=\"quick-q\">Search</label><input id=\"quick-q\" name=\"q\" type=\"search\" placeholder=\"Search…\" maxlength=\"500\">")
         .Raw("</form></div></header><main id=\"main\" class=\"wrap\">");
        body(h);
        h.Raw("</main><footer class=\"wrap foot\"><p>Storyline · <a href=\"/reference\">API reference</a> · <a href=\"/openapi/v1.json\">OpenAPI</a></p></footer></body></html>");
        return h.ToString();
    }

    /// <summary>Previous/next links and "N–M of T" for a list.</summary>
    public static void Pager(Html h, string basePath, (string, string?)[] query, int offset, int limit, long total)
    {
        if (total == 0) return;
        long first = offset + 1, last = Math.Min(total, offset + limit);
        h.Raw("<nav class=\"pager\" aria-label=\"Pages\">");
        if (offset > 0)
            h.Link(Html.Query(basePath, [.. query, ("offset", Math.Max(0, offset - limit).ToString(System.Globalization.CultureInfo.InvariantCulture))]), "← Previous", "btn");
        h.Raw("<span class=\"count\">");
        if (first <= total) h.N(first).Raw("–").N(last).Raw(" of ");
        h.N(total).Raw("</span>");
        if (offset + limit < total)
            h.Link(Html.Query(basePath, [.. query, ("offset", (offset + limit).ToString(System.Globalization.CultureInfo.InvariantCulture))]), "Next →", "btn");
        h.Raw("</nav>");
    }

    /// <summary>A message box (errors, empty states).</summary>
    public static void Note(Html h, string text, string kind = "info") =>
        h.Raw("<p class=\"note ").Raw(kind).Raw("\" role=\"").Raw(kind == "error" ? "alert" : "status").Raw("\">").T(text).Raw("</p>");
}
