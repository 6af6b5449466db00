using Storyline.Embeddings;
using Storyline.Core;
using Storyline.Stories.Embedding;
using Storyline.Stories.Rewrite;
using Storyline.Stories.Training;

namespace Storyline.Stories.Tests;

/// <summary>The sentence embedder (MiniLM from the NuGet package), the paraphrase model that uses it, and its gate.</summary>
public class EmbeddingTests
{
    /// <summary>Counts the sentences it is asked for and answers a fixed vector per sentence (same text, same vector).</summary>
    private sealed class FakeEmbedder(Func<string, float[]> vector) : ISentenceEmbedder
    {
        public List<string> Asked { get; } = [];
        public int Dimensions => 2;
        public float[][] Embed(IReadOnlyList<string> sentences)
        {
            Asked.AddRange(sentences);
            return [.. sentences.Select(vector)];
        }
    }

    private static readonly MiniLmEmbedder Shared = new();

    [Fact]
    public void MiniLm_GivesUnitVectors_ParaphrasesCloserThanUnrelated()
    {
        var v = Shared.Embed([
            "The company reported a sharp fall in quarterly profit.",
            "Quarterly earnings at the firm dropped steeply.",
            "The river flooded three villages after days of rain.",
        ]);
        Assert.All(v, x => Assert.Equal(384, x.Length));
        Assert.All(v, x => Assert.InRange(Math.Sqrt(x.Sum(y => (double)y * y)), 0.999, 1.001));
        double para = EmbeddingMath.Cosine(v[0], v[1]), other = EmbeddingMath.Cosine(v[0], v[2]);
        Assert.True(para > other + 0.3, $"paraphrase {para:F3}, unrelated {other:F3}");
    }

    [Fact]
    public void MiniLm_IsDeterministic_AcrossInstancesAndBatches()
    {
        const string s = "Officials said the bridge would reopen on Friday.";
        using var fresh = new MiniLmEmbedder();
        var alone = fresh.Embed([s])[0];
        var inBatch = Shared.Embed(["A much longer sentence that pads the batch to more tokens than the other one has.", s])[1];
        Assert.Equal(EmbeddingMath.Cosine(alone, alone), EmbeddingMath.Cosine(inBatch, inBatch));
        Assert.Equal(1.0, EmbeddingMath.Cosine(alone, inBatch));
        // cached: asking again encodes nothing new
        long before = fresh.Encoded;
        fresh.Embed([s, s]);
        Assert.Equal(before, fresh.Encoded);
    }

    [Fact]
    public void CommittedEmbeddingModel_UsesEmbeddingFeatures_WithLexicalGate()
    {
        var m = ParaphraseClassifier.Load(ModelStore.Require(ParaphraseClassifier.EmbeddingModelFile, "train paraphrase --embeddings"), Shared);
        Assert.True(m.UsesEmbeddings);
        Assert.Equal([.. SentenceFeatures.Names, .. SentenceFeatures.EmbeddingNames], m.Model.Features);
        Assert.Equal(m.Model.Features.Length, m.Model.Weights.Length);
        Assert.NotNull(m.Model.Lexical);
        Assert.Equal(SentenceFeatures.Names, m.Model.Lexical!.Features);
        Assert.InRange(m.Model.LexicalGate, 0, m.Model.Threshold);
        // the embedding cosine carries weight: it is not a feature the fit ignored
        Assert.True(Math.Abs(m.Model.Weights[SentenceFeatures.Count]) > 0.05, $"weight {m.Model.Weights[SentenceFeatures.Count]}");
    }

    [Fact]
    public void EmbeddingFeature_ChangesTheDecision_AndIsComputedOnlyPastTheGate()
    {
        var model = ParaphraseClassifier.Load(ModelStore.Require(ParaphraseClassifier.EmbeddingModelFile, "train paraphrase --embeddings"), Shared).Model;
        var same = new FakeEmbedder(_ => [1f, 0f]);
        var apart = new FakeEmbedder(t => t.Contains("fell", StringComparison.Ordinal) ? [1f, 0f] : [0f, 1f]);
        // a plausible paraphrase (past the gate): the embedding cosine moves its probability
        const string a = "Shares of the company fell 5 percent on Tuesday after the report.";
        const string b = "The company's stock dropped 5 percent on Tuesday following the report.";
        double pSame = new ParaphraseClassifier(model, same).Probability(new SentenceInfo(a), new SentenceInfo(b));
        double pApart = new ParaphraseClassifier(model, apart).Probability(new SentenceInfo(a), new SentenceInfo(b));
        Assert.True(pSame > pApart + 0.1, $"cosine 1: {pSame:F3}, cosine 0: {pApart:F3}");
        Assert.Equal(2, same.Asked.Count);
        // an unrelated pair sharing one word stays below the gate: nothing is embedded
        var gated = new FakeEmbedder(_ => [1f, 0f]);
        var clf = new ParaphraseClassifier(model, gated);
        double p = clf.Probability(new SentenceInfo("The company opened a new factory in Ohio last year."),
            new SentenceInfo("Heavy snow closed schools across the region for a week, officials said, and the company was not affected."));
        Assert.Empty(gated.Asked);
        Assert.True(p < model.Threshold);
    }

    [Fact]
    public void Aligner_EmbedsOnlyGatedCandidatePairs()
    {
        var model = ParaphraseClassifier.Load(ModelStore.Require(ParaphraseClassifier.EmbeddingModelFile, "train paraphrase --embeddings"), Shared).Model;
        var fake = new FakeEmbedder(_ => [1f, 0f]);
        var clf = new ParaphraseClassifier(model, fake);
        const string docA = "The mayor opened the new bridge on Monday. Traffic was heavy all day. The weather stayed dry. Critics said the bridge cost too much money.";
        const string docB = "On Monday the mayor opened the new bridge. Critics complained that the bridge had cost too much money. A parade followed in the afternoon.";
        var al = SentenceAligner.Align(docA, docB, clf);
        Assert.True(al.Reworded >= 1);
        // the sentences asked for are a subset of those in candidate pairs, each asked once
        Assert.Equal(fake.Asked.Count, fake.Asked.Distinct().Count());
        Assert.True(fake.Asked.Count < 7, $"{fake.Asked.Count} sentences embedded");
    }

    [Fact]
    public void Training_WithEmbeddings_GivesTheSameBytes()
    {
        // a small MSRP-format file from the shared train file's first pairs (format test, not a quality test)
        var src = RepoPaths.Data("dedup", "msrp", "msr_paraphrase_train.txt");
        var tmp = Path.Combine(Path.GetTempPath(), $"msrp-small-{Environment.ProcessId}.txt");
        File.WriteAllLines(tmp, File.ReadLines(src).Take(301));
        try
        {
            var one = ParaphraseTrainer.Serialize(ParaphraseTrainer.Train(tmp, embedder: Shared).Classifier.Model);
            using var fresh = new MiniLmEmbedder();
            var two = ParaphraseTrainer.Serialize(ParaphraseTrainer.Train(tmp, embedder: fresh).Classifier.Model);
            Assert.Equal(one, two);
            Assert.Contains("embedding_cosine", System.Text.Encoding.UTF8.GetString(one), StringComparison.Ordinal);
        }
        finally { File.Delete(tmp); }
    }
}
