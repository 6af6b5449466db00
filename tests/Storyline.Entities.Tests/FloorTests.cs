using Storyline.Entities.Evaluation;

namespace Storyline.Entities.Tests;

/// <summary>Quality floors (eval/floors/entities.json = reached figure minus 0.01): the suite fails below them.</summary>
public class FloorTests
{
    private static string GoldPath => Path.Combine(TestEnvironment.RepoRoot, "tests", "Storyline.Entities.Tests", "Gold", "gold.json");

    [Fact]
    public void Figures_StayAboveFloors()
    {
        var floors = Path.Combine(TestEnvironment.RepoRoot, "eval", "floors", "entities.json");
        var measured = EntityFloors.Measure(GoldPath, EntityFloors.DefaultMeantimeDir);
        var below = EntityFloors.BelowFloors(measured, floors);
        Assert.True(below.Count == 0, string.Join("; ", below));
        // Every floor is measured here (MEANTIME only when the shared data is present).
        var names = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(floors))!.Keys;
        foreach (var n in names.Where(n => !n.StartsWith("meantime_", StringComparison.Ordinal) || EntityFloors.DefaultMeantimeDir is not null))
            Assert.True(measured.ContainsKey(n), $"floor {n} is not measured");
    }

    [Fact]
    public void GoldSet_IsWellFormed_AndSplitInHalves()
    {
        var gold = GoldSet.Load(GoldPath);
        Assert.Equal(12, gold.Count(d => d.Split == "dev"));
        Assert.Equal(12, gold.Count(d => d.Split == "test"));
        foreach (var d in gold)
        {
            foreach (var m in d.Mentions) Assert.Equal(m.Text, d.Text[m.Start..m.End]);
            // Every annotated entity and place label is used by a mention.
            foreach (var e in d.Entities) Assert.Contains(d.Mentions, m => m.Label == e.Label);
            foreach (var p in d.Places.Keys) Assert.Contains(d.Mentions, m => m.Label == p);
        }
    }

    [Fact]
    public void Evaluator_CountsErrors()
    {
        // A deliberately wrong gold document must lower every score it touches.
        var (text, mentions) = GoldSet.ParseMarkup("[[German|MISC]] Chancellor [[Angela Merkel|PER|m]] visited [[Paris|LOC|p]]. [[Merkel|PER|x]] left.");
        var doc = new GoldDocument("t99", text, mentions,
            [new GoldEntity("m", "PER", ["President"], "FR")], new Dictionary<string, string?> { ["p"] = "gn:4717560" });
        var r = EntityEvaluator.Evaluate([doc]);
        Assert.Equal(0, r.RoleAccuracy);
        Assert.Equal(0, r.CountryAccuracy);
        Assert.Equal(0, r.PlaceAccuracy);
        Assert.True(r.LinkPrecision < 1);
    }
}
