using System.Text.Json;
using Storyline.Core;
using Storyline.Engine;
using Storyline.Storage.Sqlite;
using Storyline.Stories.Engine;
using Storyline.Stories.Index;

namespace Storyline.Timeline.Tests;

/// <summary>
/// The roll-up wired through the story engine: hand-made documents saved to a real SQLite store and indexed into
/// stories, then <see cref="StoryEngine.Detail"/> as <c>story ID --json</c> shows it.
/// </summary>
[Trait("Issue", "11")]
public sealed class StoryDetailTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-rollup-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static readonly DateTimeOffset Mon = new(2025, 6, 2, 8, 0, 0, TimeSpan.Zero); // a Monday

    private const string Report =
        "Monvale's air force shot down a Kestrian surveillance drone over the border town of Ralik on Sunday, the Monvale defence ministry said.\n\n" +
        "The drone had first crossed into Monvale airspace on May 20 and was tracked by radar stations along the Ralik valley for eleven days, the ministry said.\n\n" +
        "Defence minister Aurel Dascon said the pilots fired two missiles after the drone ignored radio warnings from the control tower at Ralik airfield.\n\n" +
        "Kestria denied that the aircraft was a military drone and said it was measuring wind and rainfall for its weather service.\n\n" +
        "Relations between the neighbours have been tense since their border treaty lapsed in 2019, and trade across the Ralik crossing has fallen by half.";

    private const string Rewrite =
        "The Monvale air force brought down a drone from Kestria near Ralik on Sunday, according to defence officials in Monvale.\n\n" +
        "Kestria's foreign ministry summoned Monvale's ambassador on Monday to protest against what it called an attack on a civilian weather drone.\n\n" +
        "Monvale says the drone entered its airspace on May 20 and was followed by radar for more than a week before minister Aurel Dascon ordered it downed.\n\n" +
        "The Ralik crossing, the main trade route between the two countries, stayed open on Monday, border guards said.";

    private static Document Copy() => Docs.Make("Latest news\n\nShare this article\n\n" + Report + "\n\nMore from our partners: Ralik weather this week", Mon.AddHours(3), "Valley Aggregator");

    private (SqliteDocumentStore Store, StoryService Stories) Open()
    {
        var store = new SqliteDocumentStore(Path.Combine(_dir, "s.db"));
        return (store, StoryService.For(store));
    }

    private static IReadOnlyList<IngestResult> Save(SqliteDocumentStore store, StoryService stories, params Document[] docs)
    {
        var saved = store.SaveBatch(docs);
        Assert.All(saved, s => Assert.Equal(Core.Storage.SaveStatus.New, s.Status));
        return stories.Index(docs);
    }

    [Fact]
    public void StoryDetail_HasTimelineSummaryAndSides_WithCopiesFolded()
    {
        var (store, stories) = Open();
        using var _ = store;
        using var __ = stories;
        var report = Docs.Make(Report, Mon, "Ralik Courier")
            .Event("shot down", "Monvale air force", "shoot down", "Kestrian drone", cameo: "190", actorCode: "MVMIL", targetCode: "KST")
            .Event("crossed", "drone", "cross", "Monvale airspace")
            .Claim("the aircraft was a military drone", "Kestria", "Kestria", "KS", "drone", "be", "military drone", negated: true);
        var copy = Copy()
            .Event("shot down", "Monvale air force", "shoot down", "Kestrian drone", cameo: "190", actorCode: "MVMIL", targetCode: "KST")
            .Claim("the aircraft was a military drone", "Kestria", "Kestria", "KS", "drone", "be", "military drone", negated: true);
        var rewrite = Docs.Make(Rewrite, Mon.AddDays(1), "Harbor Times")
            .Event("brought down", "Monvale air force", "bring down", "drone", cameo: "190", actorCode: "MVMIL", targetCode: "KST")
            .Event("summoned", "Kestria foreign ministry", "summon", "Monvale ambassador")
            .Claim("the drone entered its airspace on May 20", "Monvale", "Monvale", "MV", "drone", "enter", "airspace");
        var r = Save(store, stories, report, copy, rewrite);
        Assert.True(r.All(x => x.StoryId == r[0].StoryId), "precondition: one story");
        Assert.Contains(r[1].Links, l => l.Kind == LinkKind.Copy && l.To == report.Id);

        var d = stories.Engine.Detail(r[0].StoryId)!;
        Assert.Equal(3, d.Documents.Count);

        // timeline: time order, the shoot-down once (the copy never contributes), the summons a day later
        Assert.NotEmpty(d.Timeline);
        Assert.Equal(d.Timeline.Select(e => e.Date).Order(StringComparer.Ordinal), d.Timeline.Select(e => e.Date));
        Assert.DoesNotContain(d.Timeline, e => e.DocId == copy.Id);
        var shoot = Assert.Single(d.Timeline, e => e.Action == "shoot down");
        Assert.Equal(("2025-06-01", report.Id, "Ralik Courier"), (shoot.Date, shoot.DocId, shoot.Source));
        // the rewrite's "brought down" is the same coded event: folded in, counted as support (the copy is not read)
        Assert.Equal(2, shoot.Support);
        Assert.DoesNotContain(d.Timeline, e => e.Action == "bring down");
        Assert.Contains(d.Timeline, e => e.Action == "summon" && e.Date == "2025-06-02" && e.DocId == rewrite.Id);
        Assert.Contains(d.Timeline, e => e.Date == "2025-05-20");

        // summary: 3-5 sentences, none from the copy, none twice, in reading order
        Assert.InRange(d.Summary.Count, 3, 5);
        Assert.DoesNotContain(d.Summary, s => s.DocId == copy.Id);
        Assert.Equal(d.Summary.Count, d.Summary.Select(s => TimelineBuilder.WordKey(s.Text)).Distinct().Count());
        Assert.All(d.Summary, s => Assert.DoesNotContain("Share this article", s.Text, StringComparison.Ordinal));
        var order = d.Summary.Select(s => s.DocId == report.Id ? 0 : 1).ToList();
        Assert.Equal(order.Order(), order);

        // sides: Kestria's denial once (the copy's repeat is not a second claim), Monvale's claim apart
        Assert.Equal(["KS", "MV"], d.Claims.Select(s => s.SideKey).Order(StringComparer.Ordinal).ToArray());
        var ks = Assert.Single(d.Claims.Single(s => s.SideKey == "KS").Claims);
        Assert.Equal((report.Id, "Ralik Courier", "Kestria", true), (ks.DocId, ks.Source, ks.Speaker, ks.Negated));
        Assert.NotNull(d.Contradictions);

        // deterministic: the same detail twice
        Assert.Equal(JsonSerializer.Serialize(d), JsonSerializer.Serialize(stories.Engine.Detail(r[0].StoryId)));
    }

    private const string Before =
        "Envoys of Kestria and Monvale will meet on Saturday in Geneva to discuss reopening the Ralik crossing after the drone dispute, officials in both capitals said.\n\n" +
        "The talks, arranged by Swiss diplomats, are the first direct contact between Kestrian envoy Mira Holt and Monvale's envoy Petr Saska since the drone was shot down.\n\n" +
        "Traders in Ralik say the closure has cost them most of their summer business.";

    private const string After =
        "Kestrian envoy Mira Holt and Monvale's envoy Petr Saska met on Saturday in Geneva and agreed to reopen the Ralik crossing within a week.\n\n" +
        "The crossing will open to trucks first, Holt told reporters after the talks, which were arranged by Swiss diplomats.\n\n" +
        "Saska said Monvale would keep radar watch on the border but hoped the drone dispute was behind both countries.";

    [Fact]
    public void UndatedFollowUp_OnSaturday_IsDatedByTheStorysInferredDate_AndMarkedInferred()
    {
        var (store, stories) = Open();
        using var _ = store;
        using var __ = stories;
        var thu = new DateTimeOffset(2025, 6, 5, 9, 0, 0, TimeSpan.Zero);
        var a = Docs.Make(Before, thu, "Lake Post").Event("will meet", "Kestria envoy", "meet", "Monvale envoy", hypothetical: true);
        var b = Docs.Make(Before.Replace("officials in both capitals said", "diplomats said", StringComparison.Ordinal), thu.AddDays(1), "Alpine Daily")
            .Event("will meet", "Kestria envoy", "meet", "Monvale envoy", hypothetical: true);
        var c = Docs.Make(After, null, "Border Wire").Event("met", "Mira Holt", "meet", "Petr Saska");
        Assert.Equal("unknown", c.Times.First(t => t.Text.Contains("Saturday", StringComparison.Ordinal)).Anchor);
        var r = Save(store, stories, a, b, c);
        Assert.True(r.All(x => x.StoryId == r[0].StoryId), "precondition: one story");
        Assert.NotNull(r[2].InferredPublished);

        var d = stories.Engine.Detail(r[0].StoryId)!;
        var met = Assert.Single(d.Timeline, e => e.DocId == c.Id && e.Action == "meet");
        Assert.Equal("2025-06-07", met.Date);
        Assert.True(met.Inferred);
        Assert.Equal("text", met.DateFrom);
        Assert.Contains(met.Evidence!, e => e.Contains("inferred publication date", StringComparison.Ordinal));
        Assert.Contains(met.Evidence!, e => e.Contains("Saturday", StringComparison.Ordinal));
        Assert.False(met.Hypothetical);
        // the dated announcements stay on their own dates, not inferred, and marked hypothetical where listed
        Assert.All(d.Timeline.Where(e => e.DocId != c.Id), e => Assert.False(e.Inferred));
        Assert.All(d.Timeline.Where(e => e.Action == "meet" && e.DocId != c.Id), e => Assert.True(e.Hypothetical));
    }

    [Fact]
    public void LargeStory_ReadsAtMostTheCap()
    {
        var engine = new StoryEngine(new InMemoryStoryIndexStore());
        var docs = new Dictionary<long, Document>();
        string[] pool = Report.Split("\n\n");
        var batch = new List<Document>();
        for (int i = 0; i < StoryEngine.RollupDocuments + 25; i++)
        {
            // each a different mix of the report's paragraphs plus a line of its own: one story, few exact copies
            var parts = pool.Where((_, k) => (i >> k & 1) == 0 || k == 0).ToList();
            parts.Add($"Reporter {i} in district {i * 7 % 31} spoke to {i + 3} residents who heard the {(i % 2 == 0 ? "missiles" : "jets")} over Ralik.");
            var d = Docs.Make(string.Join("\n\n", parts), Mon.AddHours(i), $"Outlet {i}", id: i + 1);
            docs[d.Id] = d;
            batch.Add(d);
        }
        var results = engine.AddBatch(batch);
        long story = results.GroupBy(x => x.StoryId).OrderByDescending(g => g.Count()).First().Key;
        Assert.True(results.Count(x => x.StoryId == story) > StoryEngine.RollupDocuments, "precondition: a story larger than the cap");
        int loads = 0;
        engine.DocumentLoader = id => { loads++; return docs.GetValueOrDefault(id); };
        var detail = engine.Detail(story)!;
        Assert.InRange(loads, 1, StoryEngine.RollupDocuments);
        Assert.InRange(detail.Summary.Count, 3, 5);
    }
}
