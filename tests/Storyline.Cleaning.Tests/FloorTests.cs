using System.Text.Json;
using Storyline.Cleaning;
using Storyline.Core;

namespace Storyline.Cleaning.Tests;

/// <summary>
/// Quality floors (eval/floors/cleaning.json): recomputed on the test part of the page split, which no rule,
/// feature or threshold was tuned on.
/// </summary>
public sealed class FloorTests
{
    private static readonly Lazy<List<Training.LabelledDoc>> TestDocs = new(() => CleaningEvaluation.LoadTestDocs());
    private static readonly Lazy<SortedDictionary<string, Training.CleaningFigures>> TestFigures =
        new(() => Training.CleaningEvaluator.Evaluate(TestDocs.Value, new TextCleaner()));

    private static Dictionary<string, double> Floors()
    {
        var path = Path.Combine(RepoPaths.RepoRoot ?? TestEnvironment.RepoRoot, "eval", "floors", "cleaning.json");
        return JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(path))!;
    }

    [Fact]
    public void Floors_CoverThePinnedMetrics()
    {
        var floors = Floors();
        Assert.All(CleaningEvaluation.FloorMetrics, m => Assert.True(floors.ContainsKey(m), m));
        Assert.All(floors.Values, v => Assert.InRange(v, 0.5, 1.0));
    }

    public static TheoryData<string> Metrics() => [.. CleaningEvaluation.FloorMetrics];

    [Theory]
    [MemberData(nameof(Metrics))]
    public void TestSplit_StaysAboveFloor(string metric)
    {
        double floor = Floors()[metric];
        double got = CleaningEvaluation.Metric(TestFigures.Value, metric);
        Assert.True(got >= floor, $"{metric} = {got:0.0000}, floor {floor:0.0000}");
    }

    [Fact]
    public void Classifier_BeatsRulesOnly_OnDebrisRecall()
    {
        // The learned part must earn its place: without it, far less debris is found.
        var rules = Training.CleaningEvaluator.Evaluate(TestDocs.Value, new TextCleaner(new TextCleaningOptions { UseClassifier = false }));
        Assert.True(TestFigures.Value["all"].DebrisRecall > rules["all"].DebrisRecall + 0.2);
    }
}
