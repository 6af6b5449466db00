using System.Text.Json;
using Storyline.Core;
using Storyline.Metadata.Evaluation;

namespace Storyline.Metadata.Tests;

/// <summary>
/// Quality floor of published-date extraction (eval/floors/metadata.json): on the URL-dated pages of the shared
/// extraction sets the stage, not shown the URL, must agree with the URL's date. The rules were written without
/// looking at trafilatura-eval's pages, which makes that set the held-apart check.
/// </summary>
public class DateFloorTests
{
    private static double Floor(string key)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, "eval", "floors", "metadata.json")));
        return json.RootElement.GetProperty(key).GetDouble();
    }

    [Theory]
    [InlineData("scrapinghub")]
    [InlineData("trafilatura-eval")]
    public void PublishedDate_AgreesWithUrlDates_AboveFloor(string set)
    {
        var r = PublishedDateEvaluator.Run(RepoPaths.Data("extraction", set), urlDatedOnly: true);
        var key = set.Replace('-', '_');
        Assert.True(r.UrlDated > 0);
        Assert.True(r.Accuracy >= Floor($"published_url_agreement_{key}"), $"{set}: accuracy {r.Accuracy:F3}; {string.Join("; ", r.Mismatches)}");
        Assert.True(r.Coverage >= Floor($"published_url_coverage_{key}"), $"{set}: coverage {r.Coverage:F3}");
    }
}
