using Storyline.Core;
using Storyline.Stories.Training;
using Storyline.Stories.Engine;
using Storyline.Stories.Eval;
using Storyline.Stories.Index;

namespace Storyline.Stories.Tests;

/// <summary>The learned join decision, its model file, the sketch table and the overlapped batch ingest.</summary>
public class JoinTests
{
    private static Document Doc(long id, string text) =>
        new() { Id = id, Origin = new DocumentOrigin("join-test:" + id), Text = text };

    // Two events of one kind (a team replaces its coach) with the same vocabulary, told apart by who and where.
    private const string CoachFiredA1 =
        "Harbor City Mariners fire coach Elena Kowalczyk\n" +
        "The Harbor City Mariners fired head coach Elena Kowalczyk on Sunday after a 3-11 start to the season.\n" +
        "General manager Tomasz Brandt said assistant Felix Okafor will lead the team for the rest of the season.\n" +
        "Kowalczyk had coached the Mariners for four seasons and reached the playoffs twice.";
    private const string CoachFiredA2 =
        "Mariners dismiss Kowalczyk after poor start\n" +
        "Elena Kowalczyk is out as head coach of the Harbor City Mariners, general manager Tomasz Brandt announced on Sunday.\n" +
        "The Mariners have lost nine of their last ten games. Felix Okafor, her assistant, takes over on an interim basis.\n" +
        "Brandt thanked Kowalczyk for four seasons with the club.";
    private const string CoachFiredB1 =
        "Lakeside Falcons fire coach Marcus Delgado\n" +
        "The Lakeside Falcons fired head coach Marcus Delgado on Monday following a 4-12 start to the season.\n" +
        "Team president Ingrid Solberg said defensive coordinator Ravi Menon will coach the Falcons for the rest of the season.\n" +
        "Delgado had led the Falcons for three seasons.";
    private const string CoachFiredB2 =
        "Falcons part ways with Delgado\n" +
        "Marcus Delgado has been dismissed as head coach of the Lakeside Falcons, team president Ingrid Solberg said on Monday.\n" +
        "Ravi Menon was named interim coach after the Falcons lost eight of their last ten games.\n" +
        "Solberg said the search for a permanent coach starts at once.";
    private const string CoachFiredA3 =
        "Okafor takes charge of the Mariners\n" +
        "Felix Okafor ran his first practice as interim coach of the Harbor City Mariners on Tuesday, two days after Elena Kowalczyk was fired.\n" +
        "General manager Tomasz Brandt said Okafor will be considered for the permanent job.";

    [Fact]
    public void SameKindOfEvent_DifferentParticipants_AreSeparated_AndFollowUpJoinsItsStory()
    {
        var e = new StoryEngine(new InMemoryStoryIndexStore());
        var a1 = e.Add(Doc(1, CoachFiredA1));
        var a2 = e.Add(Doc(2, CoachFiredA2));
        var b1 = e.Add(Doc(3, CoachFiredB1));
        var b2 = e.Add(Doc(4, CoachFiredB2));
        var a3 = e.Add(Doc(5, CoachFiredA3));
        Assert.Equal(e.StoryOf(1)!.Id, e.StoryOf(2)!.Id);
        Assert.Equal(e.StoryOf(3)!.Id, e.StoryOf(4)!.Id);
        Assert.NotEqual(e.StoryOf(1)!.Id, e.StoryOf(3)!.Id);
        Assert.Equal(e.StoryOf(1)!.Id, e.StoryOf(5)!.Id);
        Assert.True(b1.NewStory);
        Assert.False(a2.NewStory || b2.NewStory || a3.NewStory);
        Assert.True(a1.NewStory);
    }

    [Fact]
    public void CommittedModel_MatchesFeatureList()
    {
        var m = StoryJoinModel.Default;
        Assert.NotNull(m);
        Assert.Equal(StoryEngine.JoinFeatureNames, m.Data.Features);
        Assert.Equal(StoryEngine.JoinFeatureNames.Length, m.Data.Weights.Length);
        Assert.InRange(m.Data.JoinProbability, 0.01, 0.99);
        Assert.NotNull(m.Data.Pair);
        Assert.Equal(StoryEngine.PairFeatureNames, m.Data.Pair.Features);
        Assert.Equal(StoryEngine.PairFeatureNames.Length, m.Data.Pair.Weights.Length);
    }

    [Fact]
    public void CrossValidation_ScoresEveryDocumentOutOfFold()
    {
        // four ECB+ topics in a folder of their own, two folds of two topics
        var all = StoryEvaluator.Load(RepoPaths.Data("clustering", "ecbplus"));
        var topics = all.Select(d => d.Topic).Distinct().Take(4).ToHashSet();
        var dir = Directory.CreateTempSubdirectory("cv-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(dir, "docs.jsonl"), all.Where(d => topics.Contains(d.Topic)).Select(d =>
                System.Text.Json.JsonSerializer.Serialize(new { doc_id = d.DocId, topic = int.Parse(d.Topic!, System.Globalization.CultureInfo.InvariantCulture), story_id = d.Story, text = d.Text })));
            var folds = new List<int>();
            var r = StoryJoinTrainer.CrossValidate(dir, 2, progress: (k, _) => folds.Add(k));
            Assert.Equal([0, 1, 2], folds);
            Assert.Equal(all.Count(d => topics.Contains(d.Topic)), r.Documents);
            Assert.Equal(8, r.GoldStories);
            // far better than one story per topic (B-cubed F1 about 0.68) on topics the models never saw
            Assert.InRange(r.BcubedF1, 0.75, 1);
            Assert.Throws<ArgumentOutOfRangeException>(() => StoryJoinTrainer.CrossValidate(dir, 1));
            Assert.Throws<InvalidDataException>(() => StoryJoinTrainer.CrossValidate(dir, 5));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void OverlappedBatch_GivesTheSameStoriesAsOneByOne()
    {
        var docs = StoryEvaluator.Load(RepoPaths.Data("clustering", "ecbplus")).Where(d => d.Split == "dev").Take(120).ToList();
        var batch = new StoryEngine(new InMemoryStoryIndexStore());
        var viaBatch = batch.AddBatch(StoryEvaluator.ToDocuments(docs)).Select(r => batch.StoryOf(r.DocId)!.Id).ToArray();
        var single = new StoryEngine(new InMemoryStoryIndexStore());
        foreach (var d in StoryEvaluator.ToDocuments(docs)) single.Add(d);
        var oneByOne = Enumerable.Range(1, docs.Count).Select(i => single.StoryOf(i)!.Id).ToArray();
        Assert.Equal(oneByOne, viaBatch);
    }

    [Fact]
    public void SketchTable_AgreesWithDictionary_IncludingKeyZero()
    {
        var rng = new Random(7);
        var keys = Enumerable.Range(0, 300).Select(_ => (ulong)rng.NextInt64()).Append(0UL).Distinct().ToArray();
        var weights = keys.Select(_ => (float)rng.NextDouble()).ToArray();
        var table = new SketchTable(keys, weights);
        var dict = keys.Zip(weights).ToDictionary(p => p.First, p => p.Second);
        foreach (var k in keys) Assert.Equal(dict[k], table.Get(k));
        var others = Enumerable.Range(0, 200).Select(_ => (ulong)rng.NextInt64()).Concat(keys.Take(50)).ToArray();
        var ow = others.Select(_ => (float)rng.NextDouble()).ToArray();
        double expected = 0;
        for (int i = 0; i < others.Length; i++) expected += dict.GetValueOrDefault(others[i]) * ow[i];
        Assert.Equal(expected, table.Dot(others, ow), 6);
        Assert.Equal(0f, table.Get(12345UL));
    }

    [Fact]
    public void Train_ReproducesTheCommittedModel()
    {
        var dir = RepoPaths.Data("clustering", "ecbplus");
        var path = Path.Combine(Path.GetTempPath(), $"stories-join-{Environment.ProcessId}.json");
        try
        {
            var r = StoryJoinTrainer.Train(dir, path);
            Assert.True(File.Exists(path));
            var committed = StoryJoinModel.Default!;
            Assert.Equal(committed.Data.JoinProbability, r.Model.Data.JoinProbability, 6);
            for (int i = 0; i < committed.Data.Weights.Length; i++) Assert.Equal(committed.Data.Weights[i], r.Model.Data.Weights[i], 4);
            Assert.True(r.Positives > 0 && r.Positives < r.Rows);
            // the split step's pair model and threshold reproduce too
            var (pc, pt) = (committed.Data.Pair!, r.Model.Data.Pair!);
            Assert.Equal(pc.SplitProbability, pt.SplitProbability, 6);
            for (int i = 0; i < pc.Weights.Length; i++) Assert.Equal(pc.Weights[i], pt.Weights[i], 4);
        }
        finally { File.Delete(path); }
    }
}
