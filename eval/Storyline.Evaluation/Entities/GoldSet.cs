using System.Text;
using System.Text.Json;
using Storyline.Core;

namespace Storyline.Entities.Evaluation;

/// <summary>A mention written inline as <c>[[surface|TYPE|label]]</c>; TYPE "NOM" marks a nominal the stage must find itself.</summary>
public sealed record GoldMention(int Start, int End, string Text, string Type, string? Label)
{
    /// <summary>Gold entity key: the label, or TYPE:surface when unlabelled.</summary>
    public string Cluster => Label ?? Type + ":" + Text;
}

public sealed record GoldEntity(string Label, string Type, IReadOnlyList<string>? Roles, string? Country);

public sealed record GoldDocument(string Id, string Text, IReadOnlyList<GoldMention> Mentions,
    IReadOnlyList<GoldEntity> Entities, IReadOnlyDictionary<string, string?> Places)
{
    /// <summary>"dev" for ids starting with d, "test" for t.</summary>
    public string Split => Id.StartsWith('t') ? "test" : "dev";

    /// <summary>A document carrying the NER-level mentions (not the nominals) as the stage input.</summary>
    public Document ToDocument()
    {
        var doc = new Document { Origin = new DocumentOrigin("gold:" + Id), Text = Text };
        foreach (var m in Mentions)
            if (m.Type != "NOM") doc.Mentions.Add(new EntityMention(m.Start, m.End, m.Text, m.Type));
        return doc;
    }
}

/// <summary>Reads the hand-annotated gold set (format: tests/Storyline.Entities.Tests/Gold/README.md).</summary>
public static class GoldSet
{
    /// <summary>Strips <c>[[surface|TYPE|label]]</c> markup, returning clean text and mention spans.</summary>
    public static (string Text, List<GoldMention> Mentions) ParseMarkup(string marked)
    {
        var sb = new StringBuilder(marked.Length);
        var mentions = new List<GoldMention>();
        int i = 0;
        while (i < marked.Length)
        {
            int open = marked.IndexOf("[[", i, StringComparison.Ordinal);
            if (open < 0) { sb.Append(marked, i, marked.Length - i); break; }
            sb.Append(marked, i, open - i);
            int close = marked.IndexOf("]]", open, StringComparison.Ordinal);
            if (close < 0) throw new FormatException($"unclosed [[ at {open}");
            var parts = marked[(open + 2)..close].Split('|');
            if (parts.Length < 2) throw new FormatException($"mention without type at {open}: {marked[open..(close + 2)]}");
            int start = sb.Length;
            sb.Append(parts[0]);
            mentions.Add(new GoldMention(start, sb.Length, parts[0], parts[1], parts.Length > 2 ? parts[2] : null));
            i = close + 2;
        }
        return (sb.ToString(), mentions);
    }

    public static List<GoldDocument> Load(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var docs = new List<GoldDocument>();
        foreach (var d in json.RootElement.EnumerateArray())
        {
            var (text, mentions) = ParseMarkup(d.GetProperty("text").GetString()!);
            var entities = new List<GoldEntity>();
            foreach (var e in d.GetProperty("entities").EnumerateObject())
            {
                var v = e.Value;
                IReadOnlyList<string>? roles = v.GetProperty("role").ValueKind == JsonValueKind.Null ? null
                    : v.GetProperty("role").EnumerateArray().Select(x => x.GetString()!).ToList();
                var country = v.GetProperty("country").ValueKind == JsonValueKind.Null ? null : v.GetProperty("country").GetString();
                entities.Add(new GoldEntity(e.Name, v.GetProperty("type").GetString()!, roles, country));
            }
            var places = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var p in d.GetProperty("places").EnumerateObject())
                places[p.Name] = p.Value.GetProperty("id").ValueKind == JsonValueKind.Null ? null : p.Value.GetProperty("id").GetString();
            docs.Add(new GoldDocument(d.GetProperty("id").GetString()!, text, mentions, entities, places));
        }
        return docs;
    }
}
