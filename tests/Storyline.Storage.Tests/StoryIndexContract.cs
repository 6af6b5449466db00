using Storyline.Core;
using Storyline.Core.Storage;
using Storyline.Stories.Engine;
using Storyline.Stories.Index;

namespace Storyline.Storage.Tests;

/// <summary>
/// The story index beside each document store must behave exactly like the in-memory reference index:
/// the same documents in the same order give the same stories and the same copy/rewrite links. Also:
/// it survives a reopen, and it reports the stored documents it has not indexed.
/// </summary>
public abstract class StoryIndexContract
{
    protected abstract IDocumentStore OpenStore();
    protected abstract IDocumentStoryIndex OpenIndex(IDocumentStore store);

    // Three unrelated events; each gets an original, a near-copy (one added line) and a reworded follow-up.
    private static readonly string[][] Events =
    [
        [
            "Flood barrier fails in Dunmore",
            "A flood barrier on the river Tay failed early on Sunday in the town of Dunmore, forcing 400 residents from their homes, the fire service said. " +
            "Water reached the town square within an hour. Engineers from the Tay River Authority said a pump house lost power during the storm. " +
            "Mayor Elena Ruiz said emergency shelters had opened at two schools and that no one had been hurt.",
        ],
        [
            "Orbis Motors recalls 80,000 vans",
            "Orbis Motors is recalling 80,000 delivery vans built between 2021 and 2023 because a brake hose can crack in cold weather, the carmaker said on Thursday. " +
            "Owners will be contacted by letter and repairs will be free. The company said it knew of 14 minor crashes linked to the fault. " +
            "Shares in Orbis fell 3 percent in Frankfurt after the announcement.",
        ],
        [
            "Chess prodigy wins national title at 13",
            "Thirteen-year-old Amara Okafor won the national chess championship in Leeds on Saturday, becoming the youngest champion in the event's 90-year history. " +
            "She beat grandmaster Peter Lind in the final round after a five-hour game. Okafor learned to play at a library club run by her grandfather. " +
            "The federation said she would represent the country at the Olympiad in September.",
        ],
    ];

    private static IEnumerable<Document> Stream()
    {
        int i = 0;
        foreach (var pass in new[] { "original", "copy", "followup" })
            foreach (var e in Events)
            {
                string text = pass switch
                {
                    "original" => e[1],
                    "copy" => e[1] + " This article was first published by a partner site.",
                    _ => "Officials gave an update on Monday. " + string.Join(' ', e[1].Split(". ").Reverse()),
                };
                var d = new Document { Origin = new DocumentOrigin($"{pass}-{i++}.txt"), Text = text, RawText = text, RawBytes = System.Text.Encoding.UTF8.GetBytes(text) };
                d.Metadata.Title = new Field<string>(e[0], "test");
                d.Metadata.Source = new Field<string>(pass == "copy" ? "aggregator.example" : "herald.example", "test");
                d.Metadata.Published = new Field<DateTimeOffset>(new DateTimeOffset(2025, 3, 2 + i / 3, 9, 0, 0, TimeSpan.Zero), "test");
                d.ContentHash = ContentHash.Of(text);
                yield return d;
            }
    }

    private static (Dictionary<long, long> StoryOf, HashSet<string> Links) Run(StoryEngine engine, IReadOnlyList<Document> docs)
    {
        var storyOf = new Dictionary<long, long>();
        var links = new HashSet<string>();
        foreach (var r in engine.AddBatch(docs))
        {
            storyOf[r.DocId] = r.StoryId;
            foreach (var l in r.Links) links.Add($"{l.From}->{l.To}:{l.Kind}");
        }
        return (storyOf, links);
    }

    /// <summary>Stories as sets of document ids (story ids may be numbered differently).</summary>
    private static HashSet<string> Partition(Dictionary<long, long> storyOf) =>
        [.. storyOf.GroupBy(p => p.Value).Select(g => string.Join(",", g.Select(p => p.Key).Order()))];

    [Fact]
    public void SameDocuments_GiveTheSameStoriesAndLinks_AsTheInMemoryReference()
    {
        using var store = OpenStore();
        var docs = Stream().ToList();
        store.SaveBatch(docs);
        var index = OpenIndex(store);
        try
        {
            (Dictionary<long, long> StoryOf, HashSet<string> Links) got;
            using (index.Batch()) got = Run(new StoryEngine(index, index.DocumentText), docs);
            var mem = new InMemoryStoryIndexStore();
            var expected = Run(new StoryEngine(mem), docs);

            Assert.Equal(Partition(expected.StoryOf), Partition(got.StoryOf));
            Assert.Equal(expected.Links.Order(), got.Links.Order());
            // The near-copies are found as copies of their originals (the index really answers lookups).
            for (int e = 0; e < Events.Length; e++)
                Assert.Contains($"{docs[Events.Length + e].Id}->{docs[e].Id}:{LinkKind.Copy}", got.Links);
            Assert.Equal(docs.Count, index.DocumentCount);
        }
        finally { (index as IDisposable)?.Dispose(); }
    }

    [Fact]
    public void SplitStep_MovesTheSameDocuments_AsTheInMemoryReference()
    {
        // a join model that joins everything mixes the three events into one story; a pair model on shared names splits them again
        int n = StoryEngine.PairFeatureNames.Length;
        var weights = StoryEngine.PairFeatureNames.Select(f => f == "name_jaccard" ? 30.0 : 0).ToArray();
        var pair = new StoryPairModelData(StoryEngine.PairFeatureNames, new double[n], [.. Enumerable.Repeat(1.0, n)], weights, -4.5, 0.5);
        var model = new StoryJoinModel(StoryJoinModel.Default!.Data with { JoinProbability = 0, Pair = pair });
        using var store = OpenStore();
        var docs = Stream().ToList();
        store.SaveBatch(docs);
        var index = OpenIndex(store);
        try
        {
            var engine = new StoryEngine(index, index.DocumentText, joinModel: model);
            using (index.Batch()) engine.AddBatch(docs);
            var reference = new StoryEngine(new InMemoryStoryIndexStore(), joinModel: model);
            reference.AddBatch(docs);
            var got = docs.ToDictionary(d => d.Id, d => engine.StoryOf(d.Id)!.Id);
            var expected = docs.ToDictionary(d => d.Id, d => reference.StoryOf(d.Id)!.Id);
            Assert.Equal(Partition(expected), Partition(got));
            Assert.True(Partition(got).Count > 1, "the split step should have separated the events");
            // the stored story records agree with the documents' story ids
            foreach (var d in docs) Assert.Contains(d.Id, index.GetStory(got[d.Id])!.Documents);
        }
        finally { (index as IDisposable)?.Dispose(); }
    }

    [Fact]
    public void Index_SurvivesReopen_AndReportsDocumentsItHasNotSeen()
    {
        using var store = OpenStore();
        var docs = Stream().ToList();
        store.SaveBatch(docs);
        var first = docs.Take(Events.Length).ToList();
        var index = OpenIndex(store);
        try
        {
            Assert.Equal(docs.Select(d => d.Id).Order(), index.MissingDocuments().Order());
            using (index.Batch()) new StoryEngine(index, index.DocumentText).AddBatch(first);
            Assert.Equal(docs.Skip(Events.Length).Select(d => d.Id).Order(), index.MissingDocuments().Order());
            Assert.Equal(docs[0].Text, index.DocumentText(docs[0].Id));
        }
        finally { (index as IDisposable)?.Dispose(); }

        // A new index object over the same store (another process, a later run) continues the same stories.
        var again = OpenIndex(store);
        try
        {
            IReadOnlyList<IngestResult> results;
            using (again.Batch()) results = new StoryEngine(again, again.DocumentText).AddBatch([docs[Events.Length]]);
            var copy = Assert.Single(results);
            Assert.False(copy.NewStory);
            Assert.Equal(again.GetDocument(docs[0].Id)!.StoryId, copy.StoryId);
            Assert.Equal(Events.Length, again.ListStories(100, 0).Count);
        }
        finally { (again as IDisposable)?.Dispose(); }
    }

    /// <summary>A join model that joins everything and a pair model on shared names that splits the events again.</summary>
    private static StoryJoinModel SplittingModel()
    {
        int n = StoryEngine.PairFeatureNames.Length;
        var weights = StoryEngine.PairFeatureNames.Select(f => f == "name_jaccard" ? 30.0 : 0).ToArray();
        var pair = new StoryPairModelData(StoryEngine.PairFeatureNames, new double[n], [.. Enumerable.Repeat(1.0, n)], weights, -4.5, 0.5);
        return new StoryJoinModel(StoryJoinModel.Default!.Data with { JoinProbability = 0, Pair = pair });
    }

    /// <summary>
    /// Two index objects over one store (two workers) take turns, a few documents a batch, through the analysed path (the one
    /// workers use, with read-ahead): each must see what the other wrote, although it keeps records and stories it decoded
    /// in earlier batches. The stories, links, story members and document count must be the reference's.
    /// </summary>
    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 4)]
    public void TwoIndexesTakingTurns_InSmallBatches_GiveTheReferenceStories(bool split, int batch)
    {
        var model = split ? SplittingModel() : null;
        using var store = OpenStore();
        var docs = Stream().ToList();
        store.SaveBatch(docs);
        var indexes = new[] { OpenIndex(store), OpenIndex(store) };
        try
        {
            var engines = indexes.Select(ix => new StoryEngine(ix, ix.DocumentText, joinModel: model)).ToArray();
            var links = new HashSet<string>();
            int turn = 0;
            foreach (var chunk in docs.Chunk(batch))
            {
                var (ix, engine) = (indexes[turn % 2], engines[turn % 2]);
                turn++;
                // each reads every record before its turn (kept across batches: the story id must be read again)
                foreach (var d in docs) engine.StoryOf(d.Id);
                using (ix.Batch())
                    foreach (var r in engine.AddAnalysed(engine.Analyse(chunk)))
                        foreach (var l in r.Links) links.Add($"{l.From}->{l.To}:{l.Kind}");
            }
            var reference = new StoryEngine(new InMemoryStoryIndexStore(), joinModel: model);
            var expectedLinks = new HashSet<string>();
            foreach (var r in reference.AddBatch(docs)) foreach (var l in r.Links) expectedLinks.Add($"{l.From}->{l.To}:{l.Kind}");

            var fresh = OpenIndex(store);
            try
            {
                var check = new StoryEngine(fresh, fresh.DocumentText, joinModel: model);
                var got = docs.ToDictionary(d => d.Id, d => check.StoryOf(d.Id)!.Id);
                var expected = docs.ToDictionary(d => d.Id, d => reference.StoryOf(d.Id)!.Id);
                Assert.Equal(Partition(expected), Partition(got));
                Assert.Equal(expectedLinks.Order(), links.Order());
                foreach (var d in docs) Assert.Contains(d.Id, fresh.GetStory(got[d.Id])!.Documents);
                // every story's member list is its documents (none left behind in a stale copy of a story)
                Assert.Equal(docs.Count, fresh.ListStories(100, 0).Sum(st => st.Documents.Count));
                Assert.Equal(docs.Count, fresh.DocumentCount);
                if (split) Assert.True(Partition(got).Count > 1, "the split step should have separated the events");
                // the workers' engines, reading through their caches after the last batch, agree with the fresh index
                foreach (var e in engines)
                    foreach (var d in docs) Assert.Equal(got[d.Id], e.StoryOf(d.Id)!.Id);
            }
            finally { (fresh as IDisposable)?.Dispose(); }
        }
        finally { foreach (var ix in indexes) (ix as IDisposable)?.Dispose(); }
    }

    /// <summary>
    /// A record another index object (another worker) moved to another story is read with its new story id, inside a batch
    /// and out of one, although this index decoded it before; rewriting a stored record does not count it again.
    /// </summary>
    [Fact]
    public void RecordMovedByAnotherIndex_IsReadWithItsNewStory()
    {
        using var store = OpenStore();
        var docs = Stream().ToList();
        store.SaveBatch(docs);
        var (a, b) = (OpenIndex(store), OpenIndex(store));
        try
        {
            using (a.Batch()) new StoryEngine(a, a.DocumentText).AddBatch(docs);
            long id = docs[0].Id;
            var seen = a.GetDocument(id)!;
            Assert.NotEqual(999_999, seen.StoryId);
            using (b.Batch())
            {
                var r = b.GetDocument(id)!;
                r.StoryId = 999_999;
                b.PutDocuments([r]);
                Assert.Equal(docs.Count, b.DocumentCount);
            }
            Assert.Equal(999_999, a.GetDocument(id)!.StoryId);
            Assert.Equal(docs.Count, a.DocumentCount);
            using (b.Batch()) { var r = b.GetDocument(id)!; r.StoryId = 888_888; b.PutDocuments([r]); }
            using (a.Batch())
            {
                // through a key lookup first (which may bring the story id along), then the record
                var keys = seen.TermKeys.Concat(seen.EntityKeys).ToList();
                Assert.Contains(id, a.QueryPostings(keys, 32).Keys);
                Assert.Equal(888_888, Assert.Single(a.GetDocuments([id])).StoryId);
            }
        }
        finally { (a as IDisposable)?.Dispose(); (b as IDisposable)?.Dispose(); }
    }

    /// <summary>
    /// An abandoned batch writes nothing and leaves nothing behind in the caches: its documents are still missing, a later
    /// batch indexes them as new, and the stories come out as the reference's.
    /// </summary>
    [Fact]
    public void AbandonedBatch_WritesNothing_AndALaterBatchIndexesItsDocuments()
    {
        using var store = OpenStore();
        var docs = Stream().ToList();
        store.SaveBatch(docs);
        var index = OpenIndex(store);
        try
        {
            var batch = index.Batch();
            new StoryEngine(index, index.DocumentText).AddBatch(docs);
            Assert.Equal(docs.Count, index.DocumentCount);
            index.Abandon();
            batch.Dispose(); // after Abandon: nothing left to commit
            Assert.Equal(0, index.DocumentCount);
            Assert.Empty(index.GetDocuments([.. docs.Select(d => d.Id)]));
            Assert.Empty(index.ListStories(100, 0));
            Assert.Equal(docs.Select(d => d.Id).Order(), index.MissingDocuments().Order());

            Dictionary<long, long> storyOf;
            using (index.Batch()) storyOf = new StoryEngine(index, index.DocumentText).AddBatch(docs).ToDictionary(r => r.DocId, r => r.StoryId);
            var reference = Run(new StoryEngine(new InMemoryStoryIndexStore()), docs).StoryOf;
            Assert.Equal(Partition(reference), Partition(storyOf));
            Assert.Equal(docs.Count, index.DocumentCount);
        }
        finally { (index as IDisposable)?.Dispose(); }
    }
}
