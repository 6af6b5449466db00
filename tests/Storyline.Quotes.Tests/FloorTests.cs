using System.Runtime.CompilerServices;
using System.Text.Json;
using Storyline.Core;
using Storyline.Entities;
using Storyline.Language.Syntax;
using Storyline.Language.Tokenization;
using Storyline.Ner;
using Storyline.Time;
using Storyline.Quotes.Evaluation;

namespace Storyline.Quotes.Tests;

/// <summary>
/// Quality floor on held-out data: the first <see cref="Articles"/> articles of the PolNeAR test split (the full
/// split takes longer than a unit test should); floors in eval/floors/quotes.json under "subset_*".
/// </summary>
public sealed class FloorTests
{
    private const int Articles = 30;

    [Fact]
    public void PolnearTestSubset_IsAboveItsFloor()
    {
        var root = QuoteEvaluator.FindShared();
        Assert.SkipWhen(root is null, "shared PolNeAR data not present");
        var b = new PipelineBuilder();
        b.Given.Add(Attr.Text);
        b.UseTokenizer(); b.UseTagger(); b.UseParser(); b.UseNer(); b.UseEntities(); b.UseTimes();
        var language = b.Build();
        var r = QuoteEvaluator.Evaluate(Path.Combine(root!, "test"), text =>
        {
            var d = new Document { Origin = new DocumentOrigin("polnear"), Text = text };
            language.Run(d);
            return d;
        }, Articles);

        var floors = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(FloorFile()))!;
        var subset = floors.Where(kv => kv.Key.StartsWith("subset_", StringComparison.Ordinal))
                           .ToDictionary(kv => kv.Key["subset_".Length..], kv => kv.Value);
        Assert.NotEmpty(subset);
        var below = QuoteEvaluator.BelowFloors(r, subset);
        Assert.True(below.Count == 0, string.Join("; ", below));
        Assert.Equal(Articles, r.Documents);
        Assert.True(r.Predicted > 0 && r.Gold > 0);
    }

    [Fact]
    public void BelowFloors_ReportsOnlyFiguresUnderTheirFloor()
    {
        var r = new QuoteEvalResult { Set = "x", SpeakerF1 = 0.5, ContentF1 = 0.9 };
        var below = QuoteEvaluator.BelowFloors(r, new Dictionary<string, double> { ["speaker_f1"] = 0.6, ["content_f1"] = 0.8 });
        Assert.Single(below);
        Assert.StartsWith("speaker_f1", below[0], StringComparison.Ordinal);
    }

    [Fact]
    public void AnnReader_ReadsDiscontinuousSpansAndRelationsDefinedBeforeTheirSpans()
    {
        var gold = PolnearCorpus.ReadAnn([
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            "T1\tSource 0 5\tAlice",
            "T2\tCue 6 10\tsaid",
            "T3\tContent 11 15;20 25\tthis that",
            "T4\tAttribution 6 10\tsaid",
            "E2\tAttribution:T4 Content:T3 Cue:T2",
        ]);
        Assert.Equal(2, gold.Count);
        Assert.Equal(2, gold[0].Content.Parts.Count);
        Assert.Equal((0, 5), gold[0].Source.Parts[0]);
        Assert.True(gold[1].Source.IsEmpty);
    }

    /// <summary>eval/floors/quotes.json above the test sources (build output may live outside the repository).</summary>
    private static string FloorFile([CallerFilePath] string source = "")
    {
        for (var d = new DirectoryInfo(Path.GetDirectoryName(source)!); d is not null; d = d.Parent)
        {
            var f = Path.Combine(d.FullName, "eval", "floors", "quotes.json");
            if (File.Exists(f)) return f;
        }
        throw new FileNotFoundException("eval/floors/quotes.json not found above the test sources");
    }
}
