using System.Text.Json;
using Storyline.Core;
using Storyline.Metadata.Evaluation;

namespace Storyline.Metadata.Tests;

/// <summary>
/// The independent metadata set of issue 14: labels committed in eval/metadata-real/{dev,test}.jsonl, pages kept apart in
/// ../shared/data/metadata-pages (third-party HTML, never in the repository). Floors real_dev.* / real_test.* in
/// eval/floors/metadata.json. Skips when the pages are absent (a machine with a pristine ../shared).
/// </summary>
public class MetadataRealGoldTests
{
    public static TheoryData<string> Parts => new() { "test", "dev" };

    private static string? PagesDir() =>
        RepoPaths.SharedData is { } shared && Directory.Exists(Path.Combine(shared, "metadata-pages")) ? Path.Combine(shared, "metadata-pages") : null;

    [Theory]
    [MemberData(nameof(Parts))]
    public void Metadata_OnIndependentRealPages_AboveFloor(string part)
    {
        var pages = PagesDir();
        Assert.SkipWhen(pages is null, "../shared/data/metadata-pages not present");
        var r = MetadataGoldEvaluator.Run(pages!, Path.Combine(TestEnvironment.RepoRoot, "eval", "metadata-real", $"{part}.jsonl"));
        Assert.Equal(0, r.Missing);
        Assert.True(r.Pages >= 60, $"{part}: only {r.Pages} pages");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, "eval", "floors", "metadata.json")));
        var figures = r.ToMap();
        int checkedKeys = 0;
        foreach (var floor in json.RootElement.EnumerateObject().Where(p => p.Name.StartsWith($"real_{part}.", StringComparison.Ordinal)))
        {
            var metric = floor.Name[$"real_{part}.".Length..];
            Assert.True(figures.ContainsKey(metric), $"unknown metric {floor.Name}");
            Assert.True(figures[metric] >= floor.Value.GetDouble(), $"{floor.Name} = {figures[metric]:F3} < floor {floor.Value.GetDouble():F3}");
            checkedKeys++;
        }
        Assert.True(checkedKeys >= 3, $"no floors for real_{part}");
    }

    [Fact]
    public void Labels_AreSplitBySite_AndNeverPointIntoTheRepository()
    {
        var sites = new Dictionary<string, string>();
        foreach (var part in new[] { "dev", "test" })
            foreach (var line in File.ReadLines(Path.Combine(TestEnvironment.RepoRoot, "eval", "metadata-real", $"{part}.jsonl")))
            {
                using var j = JsonDocument.Parse(line);
                var site = j.RootElement.GetProperty("site").GetString()!;
                Assert.True(sites.TryAdd(site, part) || sites[site] == part, $"site {site} is in both dev and test");
                Assert.False(File.Exists(Path.Combine(TestEnvironment.RepoRoot, "eval", "metadata-real", j.RootElement.GetProperty("file").GetString()!)),
                    "a third-party page was committed beside the labels");
            }
        Assert.True(sites.Count >= 100, $"only {sites.Count} sites");
    }

    [Fact]
    public void GoldFileApartFromPages_FindsPagesInTheDataFolder_AndScoresThem()
    {
        var root = Path.Combine(Path.GetTempPath(), "storyline-metagold-" + Guid.NewGuid().ToString("N"));
        var pages = Path.Combine(root, "pages", "site");
        var labels = Path.Combine(root, "labels");
        Directory.CreateDirectory(pages); Directory.CreateDirectory(labels);
        try
        {
            File.WriteAllText(Path.Combine(pages, "a.html"),
                "<html><head><title>Bridge reopens after repairs | Example Times</title>" +
                "<meta property=\"article:published_time\" content=\"2021-03-04T23:30:00-05:00\"></head>" +
                "<body><article><h1>Bridge reopens after repairs</h1><p class=\"byline\">By Jane Roe</p><p>The bridge opened again on Thursday.</p></article></body></html>");
            var gold = Path.Combine(labels, "x.jsonl");
            File.WriteAllText(gold,
                "{\"file\": \"site/a.html\", \"url\": \"https://example.com/news/bridge\", \"title\": \"Bridge reopens after repairs\", " +
                "\"authors\": [\"Jane Roe\"], \"date\": \"2021-03-04\", \"source\": \"synthetic\"}\n" +
                "{\"file\": \"site/missing.html\", \"url\": null, \"title\": \"x\", \"authors\": [], \"date\": null}\n");
            var r = MetadataGoldEvaluator.Run(Path.Combine(root, "pages"), gold);
            Assert.Equal("x", r.Set);
            Assert.Equal(1, r.Pages);
            Assert.Equal(1, r.Missing);
            Assert.Equal(1.0, r.TitleAccuracy);
            Assert.Equal(1.0, r.AuthorsAccuracy);
            Assert.Equal(1.0, r.DateAccuracy); // the page's own day (-05:00), not the UTC day (the 5th)
        }
        finally { Directory.Delete(root, true); }
    }
}
