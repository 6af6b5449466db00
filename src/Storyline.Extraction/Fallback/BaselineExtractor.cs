using System.Text.Json;
using AngleSharp.Dom;
using Storyline.Extraction.Main;

namespace Storyline.Extraction.Fallback;

/// <summary>
/// The last resort, like trafilatura's baseline.py: the JSON-LD articleBody when the page has one,
/// else every paragraph-like block outside pruned boilerplate.
/// </summary>
internal static class BaselineExtractor
{
    /// <summary>JSON-LD scripts longer than this are not parsed.</summary>
    private const int MaxJsonLdChars = 2_000_000;

    public static string? JsonLdBody(IDocument dom)
    {
        foreach (var script in dom.QuerySelectorAll("script[type='application/ld+json']"))
        {
            string json = script.TextContent;
            if (json.Length == 0 || json.Length > MaxJsonLdChars) continue;
            try
            {
                using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
                if (FindBody(doc.RootElement) is { Length: > 0 } body) return ToText(body);
            }
            catch (JsonException)
            {
            }
        }
        return null;
    }

    private static string? FindBody(JsonElement e)
    {
        var stack = new Stack<JsonElement>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            var cur = stack.Pop();
            if (cur.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in cur.EnumerateObject())
                {
                    if (p.Name is "articleBody" or "text" && p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { Length: > 0 } s
                        && (p.Name == "articleBody" || s.Length > MinJsonTextChars))
                        return s;
                    if (p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array) stack.Push(p.Value);
                }
            }
            else if (cur.ValueKind == JsonValueKind.Array)
                foreach (var item in cur.EnumerateArray()) stack.Push(item);
        }
        return null;
    }

    /// <summary>Some sites put HTML in articleBody: render it through our linearizer; plain text is only trimmed.</summary>
    private static string ToText(string body)
    {
        if (!body.Contains('<')) return body.Trim();
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(body);
        var root = Dom.ContentTreeBuilder.Build(doc, Dom.TreeLimits.Default, out _);
        return string.Join("\n\n", BlockLinearizer.Run(root).Blocks.Select(b => b.Text));
    }

    /// <summary>A JSON-LD "text" property counts as body only when it is this long.</summary>
    private const int MinJsonTextChars = 500;

    /// <summary>Every prose-like block of the page that pruning did not remove.</summary>
    public static string Paragraphs(IReadOnlyList<TextBlock> blocks)
        => string.Join("\n\n", blocks.Where(b => b.LinkDensity <= MainTuning.MaxLinkDensity && b.Chars >= MainTuning.SentenceBlockChars).Select(b => b.Text));
}
