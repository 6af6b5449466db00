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

    [Fact]
    public void RecentGoldSet_HalvesAreDisjointAndUseConllTypes()
    {
        var dev = Halve("dev");
        var test = Halve("test");
        Assert.Empty(dev.Ids.Intersect(test.Ids));
        Assert.Equal(67, dev.Ids.Count + test.Ids.Count);
        foreach (var h in new[] { dev, test })
        {
            Assert.Equal(h.Ids.Count, h.Docs.Count);
            Assert.True(h.Docs.Sum(d => d.TokenCount) > 2_000);
            var types = h.Docs.SelectMany(d => d.Sentences).SelectMany(s => s.Tags!).Where(t => t != "O").Select(t => t[2..]).ToHashSet();
            Assert.Subset(new HashSet<string> { "PER", "ORG", "LOC", "MISC" }, types);
            // IOB2: every entity starts with B-, so an I- tag always continues a same-typed tag.
            foreach (var sent in h.Docs.SelectMany(d => d.Sentences))
                for (int i = 0; i < sent.Tags!.Length; i++)
                    if (sent.Tags[i].StartsWith("I-", StringComparison.Ordinal))
                        Assert.True(i > 0 && sent.Tags[i - 1][2..] == sent.Tags[i][2..], $"{string.Join(' ', sent.Words)}: stray {sent.Tags[i]} at {i}");
        }
    }

    [Fact]
    public void Floors_RecentSet_StaysAboveFloor()
    {
        var root = RepoPaths.RepoRoot ?? Path.GetDirectoryName(Path.GetFullPath(RepoPaths.Models))!;
        var floors = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(Path.Combine(root, "eval", "floors", "ner.json")))!;
        var scores = NerEvaluator.RecentParts.Select(p => NerEvaluator.EvaluateFile(NerEvaluator.RecentPath(p)!, name: "recent-" + p)).ToList();
        foreach (var s in scores) Assert.True(floors.ContainsKey(NerEvaluator.FloorKey(s)), NerEvaluator.FloorKey(s));
        Assert.Empty(NerEvaluator.BelowFloors(scores, floors));
    }

    private sealed record RecentHalf(List<string> Ids, List<Storyline.Ner.Conll.ConllDocument> Docs);

    private static RecentHalf Halve(string part)
    {
        var path = NerEvaluator.RecentPath(part)!;
        var ids = File.ReadAllLines(Path.Combine(Path.GetDirectoryName(path)!, "ids.txt")).Where(l => l.Length > 0).ToList();
        return new RecentHalf(ids, Storyline.Ner.Conll.ConllReader.ReadFile(path));
    }
}
