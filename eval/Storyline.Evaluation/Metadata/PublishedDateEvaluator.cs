using System.Text.Json;
using Storyline.Core;
using Storyline.Ingest;

namespace Storyline.Metadata.Evaluation;

/// <summary>Result of <see cref="PublishedDateEvaluator.Run"/> for one page set.</summary>
/// <param name="Set">Folder name of the set.</param>
/// <param name="Pages">Pages read.</param>
/// <param name="UrlDated">Pages whose URL carries a full date (the proxy gold).</param>
/// <param name="Found">URL-dated pages on which the stage, not shown the URL, found a date.</param>
/// <param name="Agree">Of those, dates within <see cref="PublishedDateEvaluator.ToleranceDays"/> of the URL date.</param>
/// <param name="Mismatches">URL and found date for each disagreement.</param>
public sealed record DateEvalResult(string Set, int Pages, int UrlDated, int Found, int Agree, IReadOnlyList<string> Mismatches)
{
    /// <summary>Agreement with the URL date where a date was found.</summary>
    public double Accuracy => Found == 0 ? 0 : (double)Agree / Found;

    /// <summary>Share of URL-dated pages on which a date was found without the URL.</summary>
    public double Coverage => UrlDated == 0 ? 0 : (double)Found / UrlDated;
}

/// <summary>
/// Publication-date check without hand-made gold: the shared extraction sets carry no date annotation, but many
/// news URLs embed the publication day (/2019/11/19/). On those pages the stage runs WITHOUT the URL (so the
/// url:path-date rule cannot fire) and its date is compared with the URL's. Reads sets laid out like
/// shared/data/extraction/scrapinghub (ground-truth.json with "url") or trafilatura-eval (evaldata.json keyed by URL).
/// </summary>
public static class PublishedDateEvaluator
{
    /// <summary>A page's date may differ from its URL date by this much (time zones; URLs dated by the edit day).</summary>
    public const int ToleranceDays = 1;

    public static DateEvalResult Run(string dir, MetadataOptions? options = null, bool urlDatedOnly = false)
    {
        var pages = Pages(dir).ToList();
        var stage = new MetadataStage((options ?? new MetadataOptions()) with { DetectLanguage = false });
        var reader = new DocumentReader();
        int n = 0, dated = 0, found = 0, agree = 0;
        var mismatches = new List<string>();
        foreach (var (url, file) in pages)
        {
            var urlDate = MetadataStage.UrlDate(url);
            if (urlDatedOnly && urlDate is null) continue;
            var doc = reader.Read([file]).FirstOrDefault()?.Document;
            if (doc is null) continue;
            n++;
            // The page as if its address were unknown: only the page's own evidence counts.
            var blind = new Document { Origin = new DocumentOrigin(file), RawBytes = doc.RawBytes, RawText = doc.RawText, Kind = doc.Kind, Format = doc.Format };
            stage.Process(blind);
            if (urlDate is null) continue;
            dated++;
            if (blind.Metadata.Published is not { } p) continue;
            found++;
            if (Math.Abs((p.Value.UtcDateTime.Date - urlDate.Value.Date).TotalDays) <= ToleranceDays) agree++;
            else mismatches.Add($"{url}: found {p.Value:yyyy-MM-dd} [{p.Rule}]");
        }
        return new DateEvalResult(Path.GetFileName(Path.TrimEndingDirectorySeparator(dir)), n, dated, found, agree, mismatches);
    }

    private static IEnumerable<(string? Url, string File)> Pages(string dir)
    {
        var traf = Path.Combine(dir, "evaldata.json");
        var sh = Path.Combine(dir, "ground-truth.json");
        if (File.Exists(traf))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(traf));
            foreach (var p in json.RootElement.EnumerateObject())
            {
                var url = p.Name.StartsWith("hard::", StringComparison.Ordinal) ? p.Name[6..] : p.Name;
                var file = Path.Combine(dir, "html", p.Value.GetProperty("file").GetString() + ".gz");
                if (File.Exists(file)) yield return (url.StartsWith("http", StringComparison.Ordinal) ? url : null, file);
            }
        }
        else if (File.Exists(sh))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(sh));
            foreach (var p in json.RootElement.EnumerateObject())
            {
                var file = Path.Combine(dir, "html", p.Name + ".html.gz");
                if (File.Exists(file)) yield return (p.Value.TryGetProperty("url", out var u) ? u.GetString() : null, file);
            }
        }
        else throw new StorylineException(ErrorCode.SL1008, $"{dir}: neither evaldata.json nor ground-truth.json found; not an extraction set");
    }
}
