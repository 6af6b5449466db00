using Storyline.Extraction.Evaluation;

namespace Storyline.Extraction.Tests;

/// <summary>The quality gate: rerun the shared benchmark evaluation and fail below eval/floors/extraction.json.</summary>
public class FloorTests
{
    [Fact]
    public void SharedSets_AtOrAboveFloors()
    {
        var floors = ExtractionFloors.Load(Path.Combine(TestEnvironment.RepoRoot, "eval", "floors", ExtractionFloors.FileName));
        Assert.NotEmpty(floors);
        var results = ExtractionEvaluator.RunShared();
        Assert.Equal(ExtractionEvaluator.SharedSets, results.Select(r => r.Set));
        var failures = ExtractionFloors.Check(results, floors);
        Assert.True(failures.Count == 0, string.Join("; ", failures));
        // The targets, independent of the floors file.
        Assert.True(results[0].F1 >= 0.90, $"scrapinghub F1 {results[0].F1}");
        Assert.True(results[1].F1 >= 0.85, $"trafilatura-eval F1 {results[1].F1}");
    }
}
