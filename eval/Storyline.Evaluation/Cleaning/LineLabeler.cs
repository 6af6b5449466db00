using System.Collections.Concurrent;
using System.Text;

namespace Storyline.Cleaning.Training;

/// <summary>Ground-truth label of one rendered line.</summary>
public enum LineLabel : sbyte { Unknown = 0, Content = 1, Debris = 2 }

/// <summary>A rendered page (or a crop of one) with a label per line: one training or evaluation document.</summary>
public sealed record LabelledDoc(ExtractionPage Page, string View, List<string> Lines, LineLabel[] Labels)
{
    public const string FullView = "full";
    public const string CropView = "crop";
}

/// <summary>
/// Labels rendered lines from the benchmarks' ground truth. Scrapinghub: a line is content when most of its
/// token trigrams occur in the gold body (short lines: when they are a whole gold paragraph), debris when
/// (almost) none do. Trafilatura-eval: content when it holds or is part of a must-have chunk, debris when it
/// holds or is part of a must-not-have chunk. Anything ambiguous stays unlabelled and is neither trained nor scored.
/// </summary>
public static class LineLabeler
{
    private const double ContentCoverage = 0.5;
    private const double DebrisCoverage = 0.15;
    private const int ShortLineTokens = 3;
    /// <summary>A line shorter than this (chars) is not matched inside a must-have chunk (too likely by chance).</summary>
    private const int MinInsideChunkChars = 15;
    private const int MinDebrisInsideChars = 4;
    /// <summary>Crop margins: up to this many lines before the first and after the last content line.</summary>
    private const int MaxCropBefore = 12;
    private const int MaxCropAfter = 25;

    /// <summary>The labelled views of one page: the whole render and a scrape-like crop around the article.</summary>
    public static IEnumerable<LabelledDoc> Views(ExtractionPage page, List<string> lines)
    {
        var labels = page.GoldBody is not null ? LabelByBody(lines, page.GoldBody) : LabelByChunks(lines, page.With, page.Without);
        yield return new LabelledDoc(page, LabelledDoc.FullView, lines, labels);
        int first = Array.IndexOf(labels, LineLabel.Content), last = Array.LastIndexOf(labels, LineLabel.Content);
        if (first < 0) yield break;
        ulong h = Hashing.Fnv64(page.Id + "#crop");
        int from = Math.Max(0, first - (int)(h % (MaxCropBefore + 1)));
        int to = Math.Min(lines.Count - 1, last + (int)((h >> 20) % (MaxCropAfter + 1)));
        yield return new LabelledDoc(page, LabelledDoc.CropView, lines.GetRange(from, to - from + 1), labels[from..(to + 1)]);
    }

    public static LineLabel[] LabelByBody(IReadOnlyList<string> lines, string gold)
    {
        var goldTokens = new LineInfo(gold).Tokens;
        var trigrams = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i + 2 < goldTokens.Length; i++) trigrams.Add(Trigram(goldTokens, i));
        var paragraphs = new HashSet<string>(gold.Split('\n').Select(p => new LineInfo(p.Trim()).Key).Where(k => k.Length > 0), StringComparer.Ordinal);
        var joined = " " + string.Join(' ', goldTokens) + " ";

        var labels = new LineLabel[lines.Count];
        for (int l = 0; l < lines.Count; l++)
        {
            var li = new LineInfo(lines[l]);
            var t = li.Tokens;
            if (t.Length == 0) continue;
            if (t.Length >= ShortLineTokens)
            {
                int hit = 0, all = t.Length - 2;
                for (int i = 0; i + 2 < t.Length; i++) if (trigrams.Contains(Trigram(t, i))) hit++;
                double cov = (double)hit / all;
                labels[l] = cov >= ContentCoverage ? LineLabel.Content : cov <= DebrisCoverage ? LineLabel.Debris : LineLabel.Unknown;
            }
            else if (paragraphs.Contains(li.Key)) labels[l] = LineLabel.Content;
            else if (!joined.Contains(" " + li.Key + " ", StringComparison.Ordinal)) labels[l] = LineLabel.Debris;
        }
        return labels;
    }

    private static string Trigram(string[] t, int i) => string.Concat(t[i], " ", t[i + 1], " ", t[i + 2]);

    public static LineLabel[] LabelByChunks(IReadOnlyList<string> lines, IReadOnlyList<string> with, IReadOnlyList<string> without)
    {
        var w = with.Select(Normalize).Where(s => s.Length > 0).ToArray();
        var wo = without.Select(Normalize).Where(s => s.Length > 0).ToArray();
        var labels = new LineLabel[lines.Count];
        for (int l = 0; l < lines.Count; l++)
        {
            var line = Normalize(lines[l]);
            if (line.Length == 0) continue;
            bool content = w.Any(c => line.Contains(c, StringComparison.Ordinal) || (line.Length >= MinInsideChunkChars && c.Contains(line, StringComparison.Ordinal)));
            bool debris = wo.Any(c => (line.Contains(c, StringComparison.Ordinal) && line.Length <= 2 * c.Length + 20)
                || (line.Length >= MinDebrisInsideChars && c.Contains(line, StringComparison.Ordinal)));
            labels[l] = content && !debris ? LineLabel.Content : debris && !content ? LineLabel.Debris : LineLabel.Unknown;
        }
        return labels;
    }

    /// <summary>Whitespace collapsed to single spaces, trimmed (the trafilatura scorer's normalisation).</summary>
    public static string Normalize(string s)
    {
        var sb = new StringBuilder(s.Length);
        bool space = false;
        foreach (var ch in s)
        {
            if (char.IsWhiteSpace(ch)) { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>Renders every page of the shared benchmarks and labels its lines (full render and scrape-like crop).</summary>
    public static List<LabelledDoc> LoadLabelledDocs(string? extractionDir = null, int parallelism = 2, Func<ExtractionPage, bool>? filter = null)
    {
        ExtractionCorpus.EnsureEncodings();
        var pages = ExtractionCorpus.Load(extractionDir).Where(p => filter?.Invoke(p) ?? true).ToList();
        var bag = new ConcurrentBag<(int, List<LabelledDoc>)>();
        Parallel.For(0, pages.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i =>
        {
            var page = pages[i];
            var lines = ScrapeRenderer.Render(page.ReadHtml(), page.Id);
            bag.Add((i, LineLabeler.Views(page, lines).ToList()));
        });
        return [.. bag.OrderBy(x => x.Item1).SelectMany(x => x.Item2)];
    }
}
