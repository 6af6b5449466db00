using System.Globalization;

namespace Storyline.Quotes.Evaluation;

/// <summary>A character span list (discontinuous brat spans have several parts).</summary>
public sealed record SpanSet(IReadOnlyList<(int Start, int End)> Parts)
{
    public static readonly SpanSet Empty = new(Array.Empty<(int, int)>());
    public bool IsEmpty => Parts.Count == 0;
}

/// <summary>One gold attribution: who (source, may be empty), the cue, and what (content).</summary>
public sealed record GoldAttribution(SpanSet Source, SpanSet Cue, SpanSet Content);

/// <summary>One article with its gold attributions.</summary>
public sealed record GoldArticle(string Name, string Text, IReadOnlyList<GoldAttribution> Attributions);

/// <summary>
/// Reads a folder laid out like PolNeAR's splits: <c>text/NAME.txt</c> and <c>attributions/NAME_ANNOTATOR.ann</c>
/// (brat standoff: T lines with Source/Cue/Content spans, E lines tying them). Articles annotated by several
/// annotators are read once (the first annotator file in ordinal order). Offsets are UTF-16 indexes into the text.
/// </summary>
public static class PolnearCorpus
{
    public static List<GoldArticle> Read(string splitDir, int? limit = null)
    {
        var textDir = Path.Combine(splitDir, "text");
        var annDir = Path.Combine(splitDir, "attributions");
        if (!Directory.Exists(textDir) || !Directory.Exists(annDir))
            throw new DirectoryNotFoundException($"{splitDir} has no text/ and attributions/ folders");
        var byArticle = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var ann in Directory.EnumerateFiles(annDir, "*.ann").Order(StringComparer.Ordinal))
        {
            var stem = Path.GetFileNameWithoutExtension(ann);
            int us = stem.LastIndexOf('_');
            var name = us > 0 ? stem[..us] : stem;
            if (!byArticle.ContainsKey(name) && File.Exists(Path.Combine(textDir, name + ".txt"))) byArticle[name] = ann;
        }
        var result = new List<GoldArticle>();
        foreach (var (name, ann) in byArticle)
        {
            if (limit is { } l && result.Count >= l) break;
            var text = File.ReadAllText(Path.Combine(textDir, name + ".txt"));
            result.Add(new GoldArticle(name, text, ReadAnn(File.ReadAllLines(ann))));
        }
        return result;
    }

    public static List<GoldAttribution> ReadAnn(IEnumerable<string> lines)
    {
        var spans = new Dictionary<string, SpanSet>(StringComparer.Ordinal);
        var relations = new List<Dictionary<string, string>>();
        foreach (var line in lines)
        {
            var parts = line.Split('\t');
            if (parts.Length < 2) continue;
            if (parts[0].StartsWith('T'))
            {
                int sp = parts[1].IndexOf(' ');
                if (sp < 0) continue;
                var list = new List<(int, int)>();
                foreach (var piece in parts[1][(sp + 1)..].Split(';'))
                {
                    var xy = piece.Trim().Split(' ');
                    if (xy.Length == 2 && int.TryParse(xy[0], NumberStyles.None, CultureInfo.InvariantCulture, out int a)
                        && int.TryParse(xy[1], NumberStyles.None, CultureInfo.InvariantCulture, out int b) && b > a)
                        list.Add((a, b));
                }
                spans[parts[0]] = new SpanSet(list);
            }
            else if (parts[0].StartsWith('E'))
            {
                var args = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var a in parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    int c = a.IndexOf(':');
                    if (c > 0) args[a[..c]] = a[(c + 1)..];
                }
                relations.Add(args);
            }
        }
        var result = new List<GoldAttribution>();
        foreach (var r in relations)
        {
            if (!r.TryGetValue("Content", out var ct) || !spans.TryGetValue(ct, out var content) || content.IsEmpty) continue;
            var source = r.TryGetValue("Source", out var s) && spans.TryGetValue(s, out var ss) ? ss : SpanSet.Empty;
            var cue = r.TryGetValue("Cue", out var q) && spans.TryGetValue(q, out var qs) ? qs : SpanSet.Empty;
            result.Add(new GoldAttribution(source, cue, content));
        }
        return result;
    }
}
