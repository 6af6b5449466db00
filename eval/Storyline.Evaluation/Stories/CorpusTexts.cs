using System.Globalization;
using Storyline.Core;

namespace Storyline.Stories.Eval;

/// <summary>A news article from the shared corpora, with what is known of its publication.</summary>
public sealed record CorpusArticle(string Id, string Title, string Text, string? Publisher, DateTimeOffset? Published, string Part);

/// <summary>Loads article texts from shared/data for generated evaluation sets and the benchmark.</summary>
public static class CorpusTexts
{
    /// <summary>
    /// PolNeAR articles (title line + body) with publisher and date from metadata.tsv; <c>Part</c> is its
    /// compartment (train / dev / test / annotator-training). Duplicate texts are dropped.
    /// </summary>
    public static List<CorpusArticle> PolNear(string? root = null)
    {
        root ??= RepoPaths.Data("quotes", "polnear");
        var meta = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(root, "metadata.tsv")).Skip(1))
        {
            var p = line.Split('\t');
            if (p.Length > 7) meta[p[1]] = p;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<CorpusArticle>();
        foreach (var part in new[] { "train", "dev", "test", "annotator-training" })
        {
            var dir = Path.Combine(root, part, "text");
            if (!Directory.Exists(dir)) continue;
            foreach (var f in Directory.EnumerateFiles(dir, "*.txt").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(f);
                var raw = File.ReadAllText(f).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
                if (!seen.Add(raw)) continue;
                int nl = raw.IndexOf('\n');
                string title = nl > 0 ? raw[..nl].Trim() : "";
                string body = nl > 0 ? raw[(nl + 1)..].Trim() : raw;
                // one blank line between paragraphs, as Document.Text has it
                body = string.Join("\n\n", body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                meta.TryGetValue(name, out var m);
                DateTimeOffset? date = m is not null && DateTimeOffset.TryParseExact(m[5], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;
                list.Add(new CorpusArticle(name, m?[7] ?? title, body, m?[4], date, part));
            }
        }
        return list;
    }
}
