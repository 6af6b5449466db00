using System.Text.Json;
using Storyline.Core;
using Storyline.Language.Syntax;

namespace Storyline.Language.Tests;

/// <summary>
/// Quality floors: the committed tagger and parser are re-evaluated on UD English EWT test (never used for
/// training or tuning: epochs were picked on dev) and must stay at or above eval/floors/syntax.json.
/// </summary>
public class SyntaxFloorTests
{
    [Fact]
    public void EwtTest_StaysAboveFloors()
    {
        var floorsPath = Path.Combine(TestEnvironment.RepoRoot, "eval", "floors", "syntax.json");
        var floors = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(floorsPath))!;
        var r = SyntaxEvaluator.Evaluate(RepoPaths.Data("syntax", "ud-english-ewt", "en_ewt-ud-test.conllu"));

        Assert.True(r.Tokens > 20_000, $"test set too small: {r.Tokens} tokens");
        Assert.True(r.UposAccuracy >= floors["upos_accuracy"], $"UPOS {r.UposAccuracy:F4} < floor {floors["upos_accuracy"]:F4}");
        Assert.True(r.Uas >= floors["uas"], $"UAS {r.Uas:F4} < floor {floors["uas"]:F4}");
        Assert.True(r.Las >= floors["las"], $"LAS {r.Las:F4} < floor {floors["las"]:F4}");
        // LAS can never exceed UAS; a bug in label or head bookkeeping would show here.
        Assert.True(r.Las <= r.Uas && r.LasFull <= r.Las);
    }
}
