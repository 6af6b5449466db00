using Storyline.Core;
using Storyline.Stories.Engine;
using Storyline.Stories.Index;

namespace Storyline.Stories.Tests;

public class EngineTests
{
    private static Document Doc(long id, string text, DateTimeOffset? published = null, string? publisher = null, string? url = null, string? title = null)
    {
        var d = new Document { Id = id, Origin = new DocumentOrigin("test:" + id, Url: url), Text = text };
        if (published is { } p) d.Metadata.Published = new Field<DateTimeOffset>(p, "test");
        if (publisher is not null) d.Metadata.Publisher = new Field<string>(publisher, "test");
        if (title is not null) d.Metadata.Title = new Field<string>(title, "test");
        return d;
    }

    private static readonly DateTimeOffset Day = new(2024, 3, 5, 9, 0, 0, TimeSpan.Zero); // a Tuesday

    [Fact]
    public void Copy_ScrapeWithDebris_IsLinkedAsCopy()
    {
        var e = new StoryEngine(new InMemoryStoryIndexStore());
        e.Add(Doc(1, Articles.Ferry, Day, "Coastal Daily"));
        e.Add(Doc(2, Articles.Library, Day, "City Paper"));
        var r = e.Add(Doc(3, Articles.Scrape(Articles.Ferry), Day.AddHours(3), "Aggregator"));
        var link = Assert.Single(r.Links);
        Assert.Equal(LinkKind.Copy, link.Kind);
        Assert.Equal(1, link.To);
        Assert.Equal(e.StoryOf(1)!.Id, r.StoryId);
    }

    [Fact]
    public void Copy_OneParagraphAdded_IsNearCopy()
    {
        var e = new StoryEngine(new InMemoryStoryIndexStore());
        e.Add(Doc(1, Articles.Ferry, Day, "Coastal Daily"));
        var r = e.Add(Doc(2, Articles.WithParagraph(Articles.Ferry), Day.AddHours(1), "Island Radio"));
        var link = Assert.Single(r.Links);
        Assert.Equal(LinkKind.Copy, link.Kind);
        Assert.NotEqual("exact", link.Detail);
        Assert.Contains("containment", link.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Unrelated_IsNotLinked_AndStartsItsOwnStory()
    {
        var e = new StoryEngine(new InMemoryStoryIndexStore());
        var a = e.Add(Doc(1, Articles.Ferry, Day));
        var b = e.Add(Doc(2, Articles.Library, Day));
        Assert.Empty(b.Links);
        Assert.True(b.NewStory);
        Assert.NotEqual(a.StoryId, b.StoryId);
    }

    [Fact]
    public void Rewrite_RewordedArticle_IsLinkedAsRewrite_InOriginalsStory()
    {
        var e = new StoryEngine(new InMemoryStoryIndexStore());
        e.Add(Doc(1, Articles.Ferry, Day, "Coastal Daily"));
        e.Add(Doc(2, Articles.Library, Day, "City Paper"));
        var r = e.Add(Doc(3, Articles.FerryRewrite, Day.AddHours(5), "Content Farm"));
        var link = Assert.Single(r.Links);
        Assert.Equal(LinkKind.Rewrite, link.Kind);
        Assert.Equal(1, link.To);
        Assert.InRange(link.Score, 0.6, 1.0);
        Assert.Equal(e.StoryOf(1)!.Id, r.StoryId);
        var rel = e.Relations(3);
        Assert.Equal([1L], rel.Rewrites.Select(x => x.Id));
        Assert.Equal(1, rel.Original!.Id);
    }

    [Fact]
    public void Rewrite_OfADocumentThisEngineAdded_IsAlignedWithoutReadingItsTextAgain()
    {
        // a remote store pays a round trip per text read: the engine keeps the texts it added recently
        var texts = new Dictionary<long, string> { [1] = Articles.Ferry, [2] = Articles.Library, [3] = Articles.FerryRewrite };
        var reads = new List<long>();
        var e = new StoryEngine(new InMemoryStoryIndexStore(keepTexts: false), id => { reads.Add(id); return texts.GetValueOrDefault(id); });
        e.Add(Doc(1, Articles.Ferry, Day, "Coastal Daily"));
        e.Add(Doc(2, Articles.Library, Day, "City Paper"));
        var r = e.Add(Doc(3, Articles.FerryRewrite, Day.AddHours(5), "Content Farm"));
        Assert.Equal(LinkKind.Rewrite, Assert.Single(r.Links).Kind);
        Assert.DoesNotContain(1L, reads);

        // another engine over the same store (another worker) has not seen the original: it reads it from the text source
        var store = new InMemoryStoryIndexStore(keepTexts: false);
        new StoryEngine(store, id => texts.GetValueOrDefault(id)).Add(Doc(1, Articles.Ferry, Day, "Coastal Daily"));
        reads.Clear();
        var other = new StoryEngine(store, id => { reads.Add(id); return texts.GetValueOrDefault(id); });
        Assert.Equal(LinkKind.Rewrite, Assert.Single(other.Add(Doc(3, Articles.FerryRewrite, Day.AddHours(5), "Content Farm")).Links).Kind);
        Assert.Contains(1L, reads);
    }

    [Fact]
    public void FollowUp_BeforeAndAfterMeeting_JoinsSameStory()
    {
        var e = new StoryEngine(new InMemoryStoryIndexStore());
        var before = e.Add(Doc(1, Articles.SummitBefore, Day));
        e.Add(Doc(2, Articles.Library, Day));
        var after = e.Add(Doc(3, Articles.SummitAfter, Day.AddDays(4)));
        Assert.Empty(after.Links);
        Assert.Equal(before.StoryId, after.StoryId);
    }

    [Fact]
    public void TwoDifferentEarthquakes_AreNotMerged()
    {
        var e = new StoryEngine(new InMemoryStoryIndexStore());
        var a = e.Add(Doc(1, Articles.QuakeA, Day));
        var a2 = e.Add(Doc(2, Articles.QuakeA2, Day.AddDays(1)));
        var b = e.Add(Doc(3, Articles.QuakeB, Day.AddDays(3)));
        Assert.Equal(a.StoryId, a2.StoryId);
        Assert.NotEqual(a.StoryId, b.StoryId);
        Assert.Empty(b.MergedStories);
    }

    [Fact]
    public void Provenance_CreditedPublisher_IsOriginal_EvenWhenCopySeenFirst()
    {
        var e = new StoryEngine(new InMemoryStoryIndexStore());
        // the aggregator copy is seen first, then the wire original it credits
        e.Add(Doc(1, Articles.Ferry + "\n\nThis article was originally published by Nordic Wire.", Day, "Aggregator"));
        e.Add(Doc(2, Articles.Ferry, Day.AddHours(2), "Nordic Wire"));
        var rel = e.Relations(1);
        Assert.Equal([2L], rel.Copies.Select(c => c.Id));
        Assert.Equal(2, rel.Original!.Id);
        Assert.Equal(1, rel.Original.EarliestId);
        Assert.Contains("credits", rel.Original.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Provenance_WithoutCredit_EarliestPublishedIsOriginal()
    {
        var e = new StoryEngine(new InMemoryStoryIndexStore());
        e.Add(Doc(1, Articles.Scrape(Articles.Ferry), Day.AddHours(5), "Aggregator"));
        e.Add(Doc(2, Articles.Ferry, Day, "Coastal Daily"));
        Assert.Equal(2, e.Relations(1).Original!.Id);
    }

    [Fact]
    public void Version_SameUrlChanged_IsLinkedAsVersion()
    {
        var e = new StoryEngine(new InMemoryStoryIndexStore());
        e.Add(Doc(1, Articles.Library, Day, url: "https://citypaper.example/news/library?utm_source=x"));
        var changed = Articles.Library.Replace("9 to 4", "10 to 3", StringComparison.Ordinal) + "\n\nCorrection: an earlier version of this article misstated the vote.";
        var r = e.Add(Doc(2, changed, Day.AddHours(6), url: "https://www.citypaper.example/news/library"));
        Assert.Contains(r.Links, l => l.Kind == LinkKind.Version && l.To == 1);
        Assert.Equal([1L], e.Relations(2).Versions.Select(v => v.Id));
    }

    [Fact]
    public void InferredDate_UndatedFollowUp_GetsRangeFromStoryAndWeekday()
    {
        var e = new StoryEngine(new InMemoryStoryIndexStore());
        var sat = new DateTimeOffset(2024, 3, 9, 8, 0, 0, TimeSpan.Zero); // Saturday
        e.Add(Doc(1, Articles.SummitBefore, sat.AddDays(-2)));
        e.Add(Doc(2, Articles.SummitBefore.Replace("officials in both capitals said", "diplomats said", StringComparison.Ordinal) + "\n\nThe meeting is set for the Hotel du Lac.", sat.AddDays(-1)));
        var r = e.Add(Doc(3, Articles.SummitAfter, null));
        Assert.NotNull(r.InferredPublished);
        var inf = r.InferredPublished!;
        Assert.True(inf.Earliest >= sat.AddDays(-3) && inf.Latest <= sat.AddDays(7), $"{inf.Earliest:O}..{inf.Latest:O}");
        Assert.True(inf.Latest >= inf.Earliest);
        Assert.Contains(inf.Evidence, x => x.Contains("Saturday", StringComparison.Ordinal) && x.Contains("past", StringComparison.Ordinal));
        Assert.Equal(inf, e.Store.GetDocument(3)!.InferredPublished);
    }

    [Fact]
    public void StoryDetail_HasSummaryFromLeadSentences()
    {
        var e = new StoryEngine(new InMemoryStoryIndexStore());
        var a = e.Add(Doc(1, Articles.QuakeA, Day, "Veloria Times"));
        e.Add(Doc(2, Articles.QuakeA2, Day.AddDays(1), "Mountain Post"));
        var d = e.Detail(a.StoryId)!;
        Assert.Equal(2, d.Story.Documents);
        Assert.Equal(["Mountain Post", "Veloria Times"], d.Story.Sources);
        Assert.InRange(d.Summary.Count, 1, 3);
        Assert.Contains(d.Summary, s => s.Text.Contains("earthquake", StringComparison.Ordinal));
        Assert.Equal(d.Summary.Count, d.Summary.Select(s => s.Text).Distinct().Count());
    }
}
