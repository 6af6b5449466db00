using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Storyline.Cleaning.Training;

/// <summary>
/// Renders an HTML page to text lines the way a naive scraper or aggregator does: every block element
/// becomes a line, and nothing is left out on purpose — navigation, footers, link lists, figure captions,
/// image alt texts and image file names all stay in. These renders are the training input of the line classifier.
/// </summary>
public static class ScrapeRenderer
{
    private static readonly HashSet<string> Skip = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "svg", "head", "iframe", "object", "embed", "canvas",
        "select", "input", "textarea", "map", "audio", "video", "math",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "li", "main",
        "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "caption",
        "center", "menu", "picture", "legend", "label", "button",
    };

    /// <summary>Scraper habits that vary between aggregators; chosen per page from a hash so renders are reproducible.</summary>
    /// <param name="IncludeTitleTag">Emit the document's &lt;title&gt; as the first line.</param>
    /// <param name="ImageFileShare">Share (0..1) of images whose file name is emitted as a line.</param>
    /// <param name="FileNameSpaces">Turn '-' and '_' in file names into spaces.</param>
    /// <param name="AltShare">Share (0..1) of images whose alt text is emitted as a line.</param>
    public sealed record Style(bool IncludeTitleTag, double ImageFileShare, bool FileNameSpaces, double AltShare)
    {
        public static Style For(string pageId)
        {
            ulong h = Hashing.Fnv64(pageId + "#style");
            return new Style((h & 1) == 0, ((h >> 1) & 3) * 0.25, ((h >> 3) & 1) == 0, 0.4 + ((h >> 4) & 3) * 0.2);
        }
    }

    private static readonly HtmlParser Parser = new();

    /// <summary>Parses the bytes (encoding from BOM / meta charset, as browsers do) and renders lines.</summary>
    public static List<string> Render(byte[] html, string pageId)
    {
        using var ms = new MemoryStream(html);
        var doc = Parser.ParseDocument(ms);
        return Render(doc, Style.For(pageId), pageId);
    }

    public static List<string> Render(IDocument doc, Style style, string seed)
    {
        var r = new Renderer(style, seed);
        if (style.IncludeTitleTag && doc.Title is { Length: > 0 } title) r.Line(title);
        if (doc.Body is not null) r.Walk(doc.Body);
        r.Flush();
        return r.Lines;
    }

    private sealed class Renderer(Style style, string seed)
    {
        public List<string> Lines { get; } = [];
        private readonly StringBuilder _sb = new();
        private bool _space;
        private int _images;

        public void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText t) { Append(t.Data); continue; }
                if (child is not IElement e) continue;
                var tag = e.LocalName;
                if (Skip.Contains(tag)) continue;
                if (tag is "br" or "hr") { Flush(); continue; }
                if (tag == "img") { Flush(); Image(e); continue; }
                bool block = Blocks.Contains(tag);
                if (block) Flush();
                Walk(e);
                if (block) Flush();
            }
        }

        private void Image(IElement e)
        {
            ulong h = Hashing.Fnv64(seed + "#img" + _images++);
            double u1 = (h & 0xFFFF) / 65536.0, u2 = ((h >> 16) & 0xFFFF) / 65536.0;
            var src = e.GetAttribute("data-src") ?? e.GetAttribute("src") ?? e.GetAttribute("data-original");
            if (u1 < style.ImageFileShare && FileName(src) is { } name)
                Line(style.FileNameSpaces ? name.Replace('-', ' ').Replace('_', ' ') : name);
            if (u2 < style.AltShare && e.GetAttribute("alt") is { Length: > 0 } alt) Line(alt);
        }

        private static string? FileName(string? src)
        {
            if (string.IsNullOrWhiteSpace(src) || src.StartsWith("data:", StringComparison.OrdinalIgnoreCase)) return null;
            var path = src.Split('?', '#')[0].TrimEnd('/');
            var name = path[(path.LastIndexOf('/') + 1)..];
            try { name = Uri.UnescapeDataString(name); } catch (UriFormatException) { }
            return name.Length is > 0 and < 200 ? name : null;
        }

        public void Line(string text) { Flush(); Append(text); Flush(); }

        private void Append(string text)
        {
            foreach (var ch in text)
            {
                if (char.IsWhiteSpace(ch) || ch == '\u00A0') { _space = _sb.Length > 0; continue; }
                if (_space) { _sb.Append(' '); _space = false; }
                _sb.Append(ch);
            }
        }

        public void Flush()
        {
            if (_sb.Length > 0) Lines.Add(_sb.ToString());
            _sb.Clear();
            _space = false;
        }
    }
}

/// <summary>Stable, platform-independent hashes for splits and render choices.</summary>
public static class Hashing
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    public static ulong Fnv64(string s)
    {
        ulong h = FnvOffset;
        foreach (var c in s) { h ^= c; h *= FnvPrime; }
        // Final avalanche so low bits are usable directly.
        h ^= h >> 33; h *= 0xff51afd7ed558ccdUL; h ^= h >> 33;
        return h;
    }
}
