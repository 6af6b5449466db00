using System.Text.Json;
using Storyline.Ner.Evaluation;

namespace Storyline.Ner.Tests;

public class NerEvaluatorTests
{
    [Fact]
    public void EvaluateFile_WnutTypes_AreMappedToConllTypes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ner-wnut-{Guid.NewGuid():N}.conll");
        File.WriteAllLines(path,
        [
            "@maria\tO", "flying\tO", "to\tO", "New\tB-location", "York\tI-location", "with\tO", "Delta\tB-corporation", "", // 2 gold
            "watching\tO", "Stranger\tB-creative-work", "Things\tI-creative-work", "w/\tO", "the\tO", "Beatles\tB-group", "",  // 2 gold
            "Kevin\tB-person", "has\tO", "an\tO", "iPhone\tB-product", "",                                                  // 2 gold
        ]);
        try
        {
            var s = NerEvaluator.EvaluateFile(path);
            Assert.Equal(3, s.Documents);           // no -DOCSTART-: one document per post
            Assert.Equal(17, s.Tokens);
            Assert.Equal(6, s.Overall.Gold);
            var gold = s.PerType.Where(t => t.Gold > 0).ToDictionary(t => t.Type, t => t.Gold);
            Assert.Equal(new Dictionary<string, int> { ["LOC"] = 1, ["ORG"] = 2, ["MISC"] = 2, ["PER"] = 1 }, gold);
            Assert.NotNull(s.Note);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Floors_TestSet_StaysAboveFloor()
    {
        // Re-evaluates CoNLL-2003 test (testb, never used for tuning) with the committed model (a few seconds).
        // The models folder sits in the repository root (STORYLINE_MODELS may point there when builds go elsewhere).
        var root = RepoPaths.RepoRoot ?? Path.GetDirectoryName(Path.GetFullPath(RepoPaths.Models))!;
        var floorsPath = Path.Combine(root, "eval", "floors", "ner.json");
        var floors = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(floorsPath))!;
        var score = NerEvaluator.EvaluateFile(RepoPaths.Data("ner", "conll2003", "eng.testb"), name: "conll2003-testb");
        Assert.True(floors.ContainsKey(NerEvaluator.FloorKey(score)));
        Assert.Empty(NerEvaluator.BelowFloors([score], floors));
        Assert.Equal(5648, score.Overall.Gold);
    }
}
