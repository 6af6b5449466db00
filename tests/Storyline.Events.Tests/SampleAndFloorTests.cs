using System.Text.Json;
using Storyline.Core;
using Storyline.Events.Evaluation;
using Storyline.Events.Training;

namespace Storyline.Events.Tests;

public sealed class SampleAndFloorTests
{
    /// <summary>
    /// The two real articles in shared/samples, with general assertions only (no rule is keyed on their text):
    /// they report use of force and meetings between states, so an ASSAULT/COERCE-type event and CONSULT-type
    /// events with country-coded actors must come out.
    /// </summary>
    [Fact]
    public void Samples_YieldForceAndConsultationEventsBetweenCountries()
    {
        var dir = Path.GetFullPath(Path.Combine(RepoPaths.Data(), "..", "samples"));
        Assert.SkipWhen(!Directory.Exists(dir), "shared samples not present");
        var events = new List<NewsEvent>();
        foreach (var f in Directory.GetFiles(dir, "*.txt").Order(StringComparer.Ordinal))
        {
            // the samples are real articles: the full default pipeline, article check included
            var doc = new Document { Origin = new DocumentOrigin(f), RawText = File.ReadAllText(f) };
            Engine.DefaultPipeline.Default.Run(doc);
            events.AddRange(doc.Events);
        }
        Assert.Contains(events, e => e.Plover is "ASSAULT" or "COERCE");
        var consult = events.Where(e => e.Plover == "CONSULT").ToList();
        Assert.True(consult.Count >= 2, $"{consult.Count} CONSULT events");
        Assert.Contains(consult, e => e.ActorCode is { Length: >= 3 } c && char.IsAsciiLetterUpper(c[0]) && !e.Negated);
        Assert.Contains(events, e => e.Plover is "ACCUSE" && e.ActorCode is { Length: >= 3 } && e.TargetCode is { Length: >= 3 });
        Assert.All(events, e => Assert.True(e.Goldstein is null or >= -10 and <= 10));
    }

    /// <summary>The held-out (test) half of the PLOVER gold records stays above eval/floors/events.json's test.* floors.</summary>
    [Fact]
    public void PloverGoldTestSplit_IsAboveItsFloor()
    {
        var gold = RepoPaths.SharedData is null ? null : EventEvaluator.FindGold(RepoPaths.Data("events", "plover"));
        Assert.SkipWhen(gold is null, "shared PLOVER data not present");
        var records = EventEvaluator.ReadGold(gold!).Where(g => g.Split == "test").ToList();
        Assert.True(records.Count > 100);
        var r = EventEvaluator.Evaluate(records, t => EventCodingTests.Run(t))[0];
        Assert.Equal("test", r.Set);
        var floors = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(FloorFile()))!;
        Assert.Contains("test.type_accuracy", floors.Keys);
        var below = EventEvaluator.BelowFloors([r], floors);
        Assert.True(below.Count == 0, string.Join("; ", below));
    }

    [Fact]
    public void GoldReader_IsLenientAndSplitsStably()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gsr-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            [
            {"id": "X-DOCUMENT-1", "event": "DOCUMENT", "eventText": "", },
            {"id": "X-FIGHT-1", "event": "FIGHT", "text": "Troops clashed.", "source": [{"actorText": "Troops", "code": "usa", "sector": "MIL"},], "target": "", },
            ]
            """);
        try
        {
            var g = Assert.Single(EventEvaluator.ReadGold(path));
            Assert.Equal("ASSAULT", g.Type);
            Assert.Equal(["USA"], g.Sources);
            Assert.Empty(g.Targets);
            Assert.Equal(g.Split, new GoldEvent(g.Id, "other", "AGREE", [], []).Split);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void SchemeType_MapsThe2021TableOntoTheGoldNames()
    {
        Assert.Equal("DEMAND", EventEvaluator.SchemeType(new NewsEvent { Action = "x", Plover = "REQUEST" }));
        Assert.Equal("INVESTIGATE", EventEvaluator.SchemeType(new NewsEvent { Action = "x", Plover = "ACCUSE", PloverMode = "investigate" }));
        Assert.Equal("DISAPPROVE", EventEvaluator.SchemeType(new NewsEvent { Action = "x", Plover = "ACCUSE", PloverMode = "allege" }));
        Assert.Null(EventEvaluator.SchemeType(new NewsEvent { Action = "x" }));
    }

    [Fact]
    public void CommittedModel_LoadsAndCoversTheDictionaries()
    {
        var lex = EventLexicon.Default;
        Assert.Equal("models/events.bin", lex.Source);
        Assert.True(lex.Verbs.Count > 5000);
        Assert.True(lex.Actors.Count > 20000);
        Assert.Equal("FRA", lex.Actors["french"]);
        Assert.Equal("MIL", lex.Agents["military"]);
        Assert.Equal(-10, lex.Lookup("190")!.Goldstein);
        Assert.Equal("ASSAULT", lex.Lookup("190")!.Plover);
        Assert.True(new FileInfo(RepoPaths.Model(EventLexicon.ModelFileName)).Length < 50L * 1024 * 1024);
    }

    /// <summary>`storyline train events` reproduces the committed model byte for byte.</summary>
    [Fact]
    public void Train_ReproducesTheCommittedModelByteIdentically()
    {
        Assert.SkipWhen(RepoPaths.SharedData is null, "shared data not present");
        var lex = EventLexiconBuilder.Build(RepoPaths.Data("events"));
        using var ms = new MemoryStream();
        lex.Write(ms);
        Assert.True(ms.ToArray().AsSpan().SequenceEqual(File.ReadAllBytes(RepoPaths.Model(EventLexicon.ModelFileName))));
    }

    private static string FloorFile([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        for (var d = new DirectoryInfo(Path.GetDirectoryName(source)!); d is not null; d = d.Parent)
        {
            var f = Path.Combine(d.FullName, "eval", "floors", "events.json");
            if (File.Exists(f)) return f;
        }
        throw new FileNotFoundException("eval/floors/events.json not found above the test sources");
    }
}
