using Storyline.Core;
using Storyline.Stories.Engine;
using Storyline.Stories.Index;

namespace Storyline.Stories.Tests;

/// <summary>
/// The split step: a story that took in documents of a second event gives them back as a story of their own once the
/// pair model tells the two groups apart. A join model that joins everything forces the mix; a hand-set pair model
/// (shared names decide) isolates the split mechanics from the learned weights.
/// </summary>
public class SplitTests
{
    // Two events of one kind: a team fires its coach. Each document takes different sentences, so none is a copy of another.
    private static readonly string[] EventA =
    [
        "The Harbor City Mariners fired head coach Elena Kowalczyk on Sunday after a poor start to the season.",
        "General manager Tomasz Brandt said assistant Felix Okafor will lead the Mariners for the rest of the season.",
        "Kowalczyk had coached the Mariners for four seasons and reached the playoffs twice.",
        "Supporters gathered outside Harbor City Arena after the announcement, some calling for Brandt to go as well.",
        "Okafor played nine seasons for the Mariners before joining the coaching staff of Kowalczyk.",
        "Brandt said the Mariners would interview outside candidates once the season ends.",
    ];
    private static readonly string[] EventB =
    [
        "The Lakeside Falcons dismissed head coach Marcus Delgado on Monday following a losing start to the season.",
        "Team president Ingrid Solberg said defensive coordinator Ravi Menon will coach the Falcons until a successor is found.",
        "Delgado had led the Falcons for three seasons without reaching the playoffs.",
        "Fans at Lakeside Stadium booed Solberg at the last home game, local radio reported.",
        "Menon joined the Falcons from the Ridgeback Wolves two years ago and is popular with the Falcons players.",
        "Solberg said the Falcons would name a permanent coach before the draft.",
    ];

    private static Document Doc(long id, string[] pool, int variant)
    {
        // variant k uses sentences k, k+2, k+3 of the pool (mod its length): shared facts, different texts
        var picked = new[] { variant, variant + 2, variant + 3 }.Select(i => pool[i % pool.Length]);
        var text = $"Report {id}\n" + string.Join(' ', picked);
        return new Document { Id = id, Origin = new DocumentOrigin("split-test:" + id), Text = text };
    }

    /// <summary>Arrival order: A A B A B B A B, so the mixed story reaches the check sizes 4, 6 and 8.</summary>
    private static List<Document> Stream() =>
    [
        Doc(1, EventA, 0), Doc(2, EventA, 1), Doc(3, EventB, 0), Doc(4, EventA, 2),
        Doc(5, EventB, 1), Doc(6, EventB, 2), Doc(7, EventA, 3), Doc(8, EventB, 3),
    ];

    private static readonly long[] ADocs = [1, 2, 4, 7], BDocs = [3, 5, 6, 8];

    /// <summary>Joins every candidate story (threshold 0); pairs are one story when they share enough names.</summary>
    internal static StoryJoinModel JoinAllModel(double splitProbability)
    {
        int n = StoryEngine.PairFeatureNames.Length;
        var w = new double[n];
        w[Array.IndexOf(StoryEngine.PairFeatureNames, "name_jaccard")] = 30;
        var pair = new StoryPairModelData(StoryEngine.PairFeatureNames, new double[n], Enumerable.Repeat(1.0, n).ToArray(), w, -4.5, splitProbability);
        return new StoryJoinModel(StoryJoinModel.Default!.Data with { JoinProbability = 0, Pair = pair });
    }

    [Fact]
    public void MixedStory_GivesTheSecondEventBack_AsItsOwnStory()
    {
        var store = new InMemoryStoryIndexStore();
        var e = new StoryEngine(store, joinModel: JoinAllModel(0.5));
        var results = e.AddBatch(Stream());

        long a = e.StoryOf(1)!.Id, b = e.StoryOf(3)!.Id;
        Assert.NotEqual(a, b);
        Assert.All(ADocs, id => Assert.Equal(a, e.StoryOf(id)!.Id));
        Assert.All(BDocs, id => Assert.Equal(b, e.StoryOf(id)!.Id));
        // the split was reported when it happened, and both stories' records were rebuilt from their members
        Assert.Contains(results, r => r.SplitOff == b);
        Assert.Equal(ADocs, e.Story(a)!.Documents.Order());
        Assert.Equal(BDocs, e.Story(b)!.Documents.Order());
        var bNames = store.GetDocuments(BDocs).SelectMany(d => d.EntityKeys).ToHashSet();
        var aOnly = store.GetDocuments(ADocs).SelectMany(d => d.EntityKeys).Where(k => !bNames.Contains(k)).ToHashSet();
        Assert.DoesNotContain(e.Story(b)!.Entities.Keys, aOnly.Contains);
        Assert.DoesNotContain(e.Story(b)!.TopEntities, aOnly.Contains);
    }

    [Fact]
    public void WithoutTheSplitStep_TheSameStreamStaysOneStory()
    {
        var e = new StoryEngine(new InMemoryStoryIndexStore(), joinModel: JoinAllModel(0));
        var results = e.AddBatch(Stream());
        Assert.Single(Enumerable.Range(1, 8).Select(i => e.StoryOf(i)!.Id).Distinct());
        Assert.All(results, r => Assert.Null(r.SplitOff));
    }

    [Fact]
    public void OneOddDocument_DoesNotSplitOff()
    {
        // seven reports of A and one of B: the B report is a group of one, below the minimum split size
        var docs = Enumerable.Range(0, 7).Select(i => Doc(i + 1, EventA, i)).Append(Doc(8, EventB, 0)).ToList();
        var e = new StoryEngine(new InMemoryStoryIndexStore(), joinModel: JoinAllModel(0.5));
        e.AddBatch(docs);
        Assert.Single(Enumerable.Range(1, 8).Select(i => e.StoryOf(i)!.Id).Distinct());
    }

    [Fact]
    public void PairFeatures_AreSymmetricInScore_AndSeeSharedNames()
    {
        var store = new InMemoryStoryIndexStore();
        var e = new StoryEngine(store, joinModel: JoinAllModel(0));
        e.AddBatch(Stream());
        var r = store.GetDocuments([1, 2, 3]).ToDictionary(d => d.Id);
        var same = StoryEngine.PairFeatures(r[1], r[2]);
        var other = StoryEngine.PairFeatures(r[1], r[3]);
        int j = Array.IndexOf(StoryEngine.PairFeatureNames, "name_jaccard");
        Assert.True(same[j] > other[j], $"name Jaccard within an event {same[j]:F2} should beat across events {other[j]:F2}");
        var back = StoryEngine.PairFeatures(r[2], r[1]);
        for (int i = 0; i < same.Length; i++) Assert.Equal(same[i], back[i], 6);
    }
}
