using System.Text.Json;
using Storyline.Metadata.Evaluation;

namespace Storyline.Metadata.Tests;

/// <summary>
/// Quality floors of title, authors and publication day on real news pages (eval/metadata-gold, eval/floors/metadata.json
/// keys gold_test.* and gold_dev.*): the rules were tuned looking only at the dev part; the test part is held back.
/// </summary>
public class MetadataGoldFloorTests
{
    public static TheoryData<string> Parts => new() { "test", "dev" };

    [Theory]
    [MemberData(nameof(Parts))]
    public void Metadata_OnRealPages_AboveFloor(string part)
    {
        var r = MetadataGoldEvaluator.Run(Path.Combine(TestEnvironment.RepoRoot, "eval", "metadata-gold", part));
        Assert.Equal(0, r.Missing);
        Assert.True(r.Pages >= 30, $"{part}: only {r.Pages} pages");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, "eval", "floors", "metadata.json")));
        var figures = r.ToMap();
        int checkedKeys = 0;
        foreach (var floor in json.RootElement.EnumerateObject().Where(p => p.Name.StartsWith($"gold_{part}.", StringComparison.Ordinal)))
        {
            var metric = floor.Name[$"gold_{part}.".Length..];
            Assert.True(figures.ContainsKey(metric), $"unknown metric {floor.Name}");
            Assert.True(figures[metric] >= floor.Value.GetDouble(), $"{floor.Name} = {figures[metric]:F3} < floor {floor.Value.GetDouble():F3}");
            checkedKeys++;
        }
        Assert.True(checkedKeys >= 3, $"no floors for {part}");
    }

    [Fact]
    public void Scorer_FoldsQuotesDashesAndCase() =>
        Assert.Equal(MetadataGoldEvaluator.Fold("‘Parasite’ wins — again"), MetadataGoldEvaluator.Fold("'parasite' WINS - again."));
}
