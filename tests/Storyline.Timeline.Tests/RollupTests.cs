using System.Text.Json;
using Storyline.Claims;
using Storyline.Core;

namespace Storyline.Timeline.Tests;

/// <summary>Issue 11, item 5: the roll-up on hand-made multi-document stories (no store).</summary>
[Trait("Issue", "11")]
public sealed class RollupTests
{
    private static readonly DateTimeOffset Mon = new(2025, 6, 2, 8, 0, 0, TimeSpan.Zero); // a Monday

    private const string Report =
        "Monvale's air force shot down a Kestrian surveillance drone over the border town of Ralik on Sunday, the Monvale defence ministry said.\n\n" +
        "The drone had first crossed into Monvale airspace on May 20, the ministry said.\n\n" +
        "Relations between the neighbours have been tense since their border treaty lapsed in 2019.";

    private const string Rewrite =
        "The Monvale air force brought down a drone from Kestria near Ralik on Sunday, defence officials in Monvale said.\n\n" +
        "Kestria's foreign ministry summoned Monvale's ambassador on Monday in protest.\n\n" +
        "Officials said the drone first entered Monvale airspace on May 20.";

    private const string FollowUp =
        "Kestria said on Wednesday it may close the Ralik crossing after its drone was downed on Sunday.\n\n" +
        "The crossing carries most of the trade between the two countries.";

    /// <summary>Four documents: a report, a copy of it elsewhere, a rewrite and a follow-up, with their events.</summary>
    private static List<RollupDocument> DroneStory()
    {
        var report = Docs.Make(Report, Mon, "Ralik Courier", id: 1)
            .Event("shot down", "Monvale air force", "shoot down", "Kestrian drone")
            .Event("crossed", "drone", "cross", "Monvale airspace");
        var copy = Docs.Make(Report, Mon.AddHours(3), "Valley Aggregator", id: 2)
            .Event("shot down", "Monvale air force", "shoot down", "Kestrian drone")
            .Event("crossed", "drone", "cross", "Monvale airspace");
        var rewrite = Docs.Make(Rewrite, Mon.AddDays(1), "Harbor Times", id: 3)
            .Event("brought down", "Monvale air force", "bring down", "drone")
            .Event("summoned", "Kestria foreign ministry", "summon", "Monvale ambassador")
            .Event("entered", "drone", "enter", "Monvale airspace");
        var follow = Docs.Make(FollowUp, Mon.AddDays(2), "Border Wire", id: 4)
            .Event("close", "Kestria", "close", "Ralik crossing", hypothetical: true)
            .Event("downed", null, "down", "drone");
        return [new(report, "Ralik Courier", Mon), new(copy, "Valley Aggregator", Mon.AddHours(3)),
            new(rewrite, "Harbor Times", Mon.AddDays(1)), new(follow, "Border Wire", Mon.AddDays(2))];
    }

    [Fact]
    public void TimeLayer_ResolvesTheStoryDates_AsTheseTestsAssume()
    {
        var d = DroneStory();
        Assert.Contains(d[0].Doc.Times, t => t.Text.Contains("Sunday", StringComparison.Ordinal) && t.Value == "2025-06-01");
        Assert.Contains(d[0].Doc.Times, t => t.Text.Contains("May 20", StringComparison.Ordinal) && t.Value == "2025-05-20");
    }

    [Fact]
    public void Timeline_IsInTimeOrder_WithEventText_DatesAndSources()
    {
        var t = TimelineBuilder.Build(DroneStory());
        Assert.NotEmpty(t);
        var keys = t.Select(e => (DateValue.Parse(e.Date)!.Value.Start, e.DocId)).ToList();
        Assert.Equal(keys.OrderBy(k => k.Start).Select(k => k.Start), keys.Select(k => k.Start));
        var shoot = Assert.Single(t, e => e.Action == "shoot down");
        Assert.Equal("2025-06-01", shoot.Date);
        Assert.Equal("day", shoot.Precision);
        Assert.Equal("Monvale air force shoot down Kestrian drone", shoot.Text);
        Assert.Equal(1, shoot.DocId);
        Assert.Equal("Ralik Courier", shoot.Source);
        Assert.Equal("text", shoot.DateFrom);
        Assert.Contains("Sunday", shoot.DateText, StringComparison.Ordinal);
        Assert.StartsWith("Monvale's air force shot down", shoot.Sentence, StringComparison.Ordinal);
        Assert.False(shoot.Inferred);
        Assert.Contains(t, e => e.Date == "2025-05-20" && e.Action is "cross" or "enter");
        Assert.Contains(t, e => e.Date == "2025-06-02" && e.Action == "summon");
    }

    [Fact]
    public void Timeline_CopiesOfOneArticle_GiveOneEntry_WithTheirSupport()
    {
        var t = TimelineBuilder.Build(DroneStory());
        // the report and its copy state the shoot-down in the same words: one entry, from the earlier document
        Assert.Equal(2, Assert.Single(t, e => e.Action == "shoot down").Support);
        Assert.DoesNotContain(t, e => e.DocId == 2);
        Assert.Equal(t.Count, t.Select(e => (e.Date, TimelineBuilder.WordKey(e.Sentence))).Distinct().Count());
    }

    [Fact]
    public void TheSameCodedEvent_ToldByARewrite_IsOneEntry_ButNotANegatedOne()
    {
        var a = Docs.Make(Report, Mon, "Ralik Courier", id: 1)
            .Event("shot down", "Monvale air force", "shoot down", "Kestrian drone", cameo: "190", actorCode: "MVMIL", targetCode: "KST");
        var b = Docs.Make(Rewrite, Mon.AddDays(1), "Harbor Times", id: 3)
            .Event("brought down", "Monvale air force", "bring down", "drone", cameo: "190", actorCode: "MVMIL", targetCode: "KST");
        var c = Docs.Make("Monvale did not shoot down a second drone over Ralik on Sunday, the ministry said.", Mon.AddDays(1), "Border Wire", id: 4)
            .Event("shoot down", "Monvale air force", "shoot down", "drone", negated: true, cameo: "190", actorCode: "MVMIL", targetCode: "KST");
        var t = TimelineBuilder.Build([new(a, "Ralik Courier", Mon), new(b, "Harbor Times", Mon.AddDays(1)), new(c, "Border Wire", Mon.AddDays(1))],
            new RollupOptions { SentencesPerDate = 5 });
        var day = t.Where(e => e.Date == "2025-06-01").ToList();
        Assert.Equal(2, day.Count);
        var fact = Assert.Single(day, e => !e.Negated);
        Assert.Equal((1L, 2), (fact.DocId, fact.Support));
        Assert.Equal(4, Assert.Single(day, e => e.Negated).DocId);
        Assert.Equal(day.OrderBy(e => e.DocId).Select(e => e.DocId), day.Select(e => e.DocId));
    }

    [Fact]
    public void DateSelection_KeepsTheMostMentionedDates()
    {
        // 2025-06-01 is mentioned by every document, 2025-05-20 by three, the other days by one each
        var t = TimelineBuilder.Build(DroneStory(), new RollupOptions { MaxDates = 2 });
        Assert.Equal(["2025-05-20", "2025-06-01"], t.Select(e => e.Date).Distinct().ToArray());
        var one = TimelineBuilder.Build(DroneStory(), new RollupOptions { MaxDates = 1, SentencesPerDate = 1 });
        Assert.Equal("2025-06-01", Assert.Single(one).Date);
    }

    [Fact]
    public void SentencesPerDate_PreferFacts_AndHypotheticalEventsAreMarked()
    {
        var t = TimelineBuilder.Build(DroneStory(), new RollupOptions { SentencesPerDate = 3 });
        var close = Assert.Single(t, e => e.Action == "close");
        Assert.True(close.Hypothetical);
        Assert.Equal("2025-06-04", close.Date);
        // on 2025-06-01 the facts come first: the "downed" event is a fact too, the follow-up's hypothetical is on its own day
        var first = TimelineBuilder.Build(DroneStory(), new RollupOptions { MaxDates = 10, SentencesPerDate = 1 });
        Assert.All(first.Where(e => e.Date == "2025-06-01"), e => Assert.False(e.Hypothetical || e.Negated));
    }

    [Fact]
    public void Timeline_DoesNotDependOnDocumentOrder()
    {
        var docs = DroneStory();
        var a = JsonSerializer.Serialize(StoryRollup.Build(docs));
        var shuffled = new List<RollupDocument> { docs[3], docs[1], docs[0], docs[2] };
        Assert.Equal(a, JsonSerializer.Serialize(StoryRollup.Build(shuffled)));
    }

    [Fact]
    public void DatedStatement_QuoteWhoseSentenceCarriesADate_IsOnTheTimeline()
    {
        var doc = Docs.Make(
            "Kestrian minister Lena Varo said on Tuesday: \"We will never accept this violation of our sovereignty.\"\n\nShe gave no further detail.",
            Mon.AddDays(2), "Border Wire", id: 7)
            .Quote("We will never accept this violation of our sovereignty.", "Lena Varo");
        doc.Claims.Add(new Claim { Text = "We will never accept this violation of our sovereignty.", Quote = 0, Start = doc.Quotes[0].Start, End = doc.Quotes[0].End, Speaker = "Lena Varo" });
        var t = TimelineBuilder.Build([new RollupDocument(doc, "Border Wire", Mon.AddDays(2))]);
        var q = Assert.Single(t); // the claim read from the quote is not listed twice
        Assert.Equal("quote", q.Kind);
        Assert.Equal("2025-06-03", q.Date);
        Assert.Equal("Lena Varo", q.Speaker);
        Assert.Equal("We will never accept this violation of our sovereignty.", q.Text);
        // a statement whose sentence has no date is not a timeline entry
        var undated = Docs.Make("\"We will respond,\" the minister said.", Mon, "X", id: 8).Quote("We will respond,", "the minister");
        Assert.Empty(TimelineBuilder.Build([new RollupDocument(undated, "X", Mon)]));
    }

    [Fact]
    public void UndatedDocument_OnSaturday_IsResolvedAgainstTheInferredDate_AndMarked()
    {
        var doc = Docs.Make("Envoys of Kestria and Monvale met on Saturday in Geneva and agreed to reopen the Ralik crossing, diplomats said.", null, "Lake Post", id: 9)
            .Event("met", "Kestria envoy", "meet", "Monvale envoy");
        var on = Assert.Single(doc.Times, t => t.Text.Contains("Saturday", StringComparison.Ordinal));
        Assert.Equal("unknown", on.Anchor); // the time layer alone cannot date it
        var sat = new DateTimeOffset(2025, 6, 7, 0, 0, 0, TimeSpan.Zero);
        var inferred = new InferredAnchor(sat, sat.AddDays(2), ["'on Saturday' (past) → on or after Saturday 2025-06-07"]);
        var t = TimelineBuilder.Build([new RollupDocument(doc, "Lake Post", null, inferred)]);
        var met = Assert.Single(t);
        Assert.Equal("2025-06-07", met.Date);
        Assert.Equal("day", met.Precision);
        Assert.True(met.Inferred);
        Assert.NotNull(met.Evidence);
        Assert.Contains(met.Evidence!, e => e.Contains("inferred publication date 2025-06-07..2025-06-09", StringComparison.Ordinal));
        Assert.Contains(met.Evidence!, e => e.Contains("on or after Saturday", StringComparison.Ordinal));

        // a range wider than a week leaves two Saturdays possible: only the month is kept
        var wide = new InferredAnchor(sat, sat.AddDays(9), ["wide"]);
        var m = Assert.Single(TimelineBuilder.Build([new RollupDocument(doc, "Lake Post", null, wide)]));
        Assert.Equal("2025-06", m.Date);
        Assert.Equal("month", m.Precision);
        Assert.True(m.Inferred);

        // without an inferred date there is nothing to date it by
        Assert.Empty(TimelineBuilder.Build([new RollupDocument(doc, "Lake Post", null)]));
    }

    [Fact]
    public void DatedDocument_KeepsTheTimeLayersDates_NotInferred()
    {
        var d = DroneStory()[0];
        var times = InferredTimes.Resolve(d with { Inferred = new InferredAnchor(Mon.AddDays(30), Mon.AddDays(31), ["ignored"]) });
        Assert.Contains(times, t => t.Date.Key == "2025-06-01");
        Assert.All(times, t => Assert.False(t.Inferred));
    }

    private static List<RollupDocument> ClaimStory()
    {
        var a = Docs.Make("The drone was a military surveillance drone, the Monvale defence ministry said. It had entered Monvale airspace twice, the ministry added.", Mon, "Ralik Courier", id: 1)
            .Claim("The drone was a military surveillance drone", "Monvale defence ministry", "Monvale", "MV", "drone", "be", "military surveillance drone")
            .Claim("It had entered Monvale airspace twice", "Monvale defence ministry", "Monvale", "MV", "drone", "enter", "airspace");
        var b = Docs.Make("Kestria said the aircraft was a civilian weather drone that had drifted off course. A local farmer said he saw smoke.", Mon.AddDays(1), "Harbor Times", id: 3)
            .Claim("the aircraft was a civilian weather drone", "Kestria", "Kestria", "KS", "drone", "be", "civilian weather drone")
            .Claim("he saw smoke", "A local farmer", null, null);
        var c = Docs.Make("Officials in Kestria insisted the aircraft was a civilian weather drone.", Mon.AddDays(2), "Border Wire", id: 4)
            .Claim("the aircraft was a civilian weather drone", "Officials in Kestria", "Kestria", "KS", "drone", "be", "civilian weather drone");
        return [new(a, "Ralik Courier", Mon), new(b, "Harbor Times", Mon.AddDays(1)), new(c, "Border Wire", Mon.AddDays(2))];
    }

    [Fact]
    public void Claims_AreGroupedBySide_RepeatsFolded_UnattributedLast()
    {
        var sides = StoryRollup.Sides(ClaimStory());
        Assert.Equal(["MV", "KS", null], sides.Select(s => s.SideKey).ToArray());
        Assert.Equal("Monvale", sides[0].Side);
        Assert.Equal(2, sides[0].Claims.Count);
        Assert.All(sides[0].Claims, c => { Assert.Equal(1, c.DocId); Assert.Equal("Ralik Courier", c.Source); Assert.Equal("Monvale defence ministry", c.Speaker); });
        var kestria = Assert.Single(sides[1].Claims);
        Assert.Equal("the aircraft was a civilian weather drone", kestria.Text);
        Assert.Equal(3, kestria.DocId);
        Assert.Equal([4L], kestria.AlsoIn);
        Assert.Equal("he saw smoke", Assert.Single(sides[2].Claims).Text);
    }

    [Fact]
    public void Contradictions_ComeFromTheDetector_WithBothClaimsAndSources()
    {
        var docs = ClaimStory();
        IReadOnlyList<SourcedClaim>? seen = null;
        // a stand-in detector flags the identity clash so the wiring is checked whatever the real one decides today
        IReadOnlyList<Contradiction> Fake(IReadOnlyList<SourcedClaim> cs)
        {
            seen = cs;
            var mv = cs.First(c => c.Claim.SideKey == "MV" && c.Claim.Predicate == "be");
            var ks = cs.First(c => c.Claim.SideKey == "KS");
            return [new Contradiction(mv, ks, "identity", "military surveillance drone vs civilian weather drone")];
        }
        var x = Assert.Single(StoryRollup.Contradictions(docs, new RollupOptions { Detector = Fake }));
        Assert.NotNull(seen);
        Assert.Equal(5, seen!.Count);
        Assert.Equal(4, seen.Count(c => c.Claim.SideKey is not null)); // claims with a side go in first
        Assert.Null(seen[^1].Claim.SideKey);
        Assert.Equal("identity", x.Kind);
        Assert.Equal(["Ralik Courier", "Harbor Times"], x.Sources);
        Assert.Equal((1L, "The drone was a military surveillance drone", "MV"), (x.A.DocId, x.A.Text, x.A.SideKey));
        Assert.Equal((3L, "the aircraft was a civilian weather drone", "KS"), (x.B.DocId, x.B.Text, x.B.SideKey));

        // the real detector: whatever it flags is passed through as it ordered it, with both sources
        var real = StoryRollup.Contradictions(docs);
        var direct = ContradictionDetector.Find([.. docs.SelectMany(d => d.Doc.Claims.Select((c, i) => new SourcedClaim(d.Doc.Id, i, d.Source, c)))
            .OrderBy(c => c.Claim.SideKey is null)]);
        Assert.Equal(direct.Select(c => (c.A.DocId, c.A.Index, c.B.DocId, c.B.Index, c.Kind)), real.Select(c => (c.A.DocId, c.A.Index, c.B.DocId, c.B.Index, c.Kind)));
        Assert.All(real, c => Assert.Equal([c.A.Source, c.B.Source], c.Sources));
        if (direct.Count > 0) // once the detector lands it must see this clash of what the drone was
            Assert.Contains(real, c => c.Kind == "identity" && new[] { c.A.SideKey, c.B.SideKey }.Order().SequenceEqual(["KS", "MV"]));
    }

    [Fact]
    public void Json_FieldNamesAreThePublicContract()
    {
        var docs = ClaimStory();
        var r = StoryRollup.Build(docs, new RollupOptions
        {
            Detector = cs => [new Contradiction(cs[0], cs[2], "identity", "test")],
        });
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(r));
        var side = json.RootElement.GetProperty("Claims")[0];
        foreach (var f in new[] { "side", "side_key", "claims" }) Assert.True(side.TryGetProperty(f, out _), f);
        foreach (var f in new[] { "text", "speaker", "doc_id", "source" }) Assert.True(side.GetProperty("claims")[0].TryGetProperty(f, out _), f);
        var c = json.RootElement.GetProperty("Contradictions")[0];
        foreach (var f in new[] { "a", "b", "kind", "sources", "reason" }) Assert.True(c.TryGetProperty(f, out _), f);
        foreach (var f in new[] { "text", "speaker", "doc_id", "source" }) Assert.True(c.GetProperty("a").TryGetProperty(f, out _), f);
        Assert.Equal(2, c.GetProperty("sources").GetArrayLength());

        var t = JsonDocument.Parse(JsonSerializer.Serialize(TimelineBuilder.Build(DroneStory())[0])).RootElement;
        foreach (var f in new[] { "date", "precision", "text", "sentence", "doc_id", "source", "inferred", "kind" }) Assert.True(t.TryGetProperty(f, out _), f);
    }

    [Fact]
    public void DateValue_ReadsDayMonthYear_AndNothingVaguer()
    {
        Assert.Equal(("2025-06-01", DatePrecision.Day), (DateValue.Parse("2025-06-01T14:00")!.Value.Key, DateValue.Parse("2025-06-01")!.Value.Precision));
        Assert.Equal(DatePrecision.Month, DateValue.Parse("2025-06")!.Value.Precision);
        Assert.Equal(DatePrecision.Year, DateValue.Parse("2019")!.Value.Precision);
        foreach (var v in new[] { "XXXX-WXX-6", "2025-W07", "2025-Q3", "2025-SU", "199", "P2Y", "PRESENT_REF", "2025-02-30", "2025-13", null })
            Assert.Null(DateValue.Parse(v));
    }
}
