using System.Text.Json;
using System.Text.Json.Serialization;
using Storyline.Core;
using Storyline.Stories.Embedding;
using Storyline.Stories.Learning;

namespace Storyline.Stories.Rewrite;

/// <summary>The stored paraphrase model: standardisation, weights, decision threshold.</summary>
public sealed record ParaphraseModel(
    [property: JsonPropertyName("features")] string[] Features,
    [property: JsonPropertyName("mean")] double[] Mean,
    [property: JsonPropertyName("std")] double[] Std,
    [property: JsonPropertyName("weights")] double[] Weights,
    [property: JsonPropertyName("bias")] double Bias,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("l2")] double L2,
    [property: JsonPropertyName("trained_on")] string TrainedOn,
    [property: JsonPropertyName("lexical"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ParaphraseModel? Lexical = null,
    [property: JsonPropertyName("lexical_gate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] double LexicalGate = 0);

/// <summary>
/// Sentence-pair paraphrase classifier: logistic regression over <see cref="SentenceFeatures"/>, trained by
/// ParaphraseTrainer (Storyline.Training, `./storyline train paraphrase`) on the MSRP train file with our own split
/// (64% fit / 16% dev for choosing L2 and threshold / 20% test, never tuned on; split by a hash of the pair's sentence ids).
/// A model whose features go past <see cref="SentenceFeatures.Names"/> also uses the cosine of the two sentences'
/// embeddings (<see cref="SentenceFeatures.EmbeddingNames"/>) and needs an <see cref="ISentenceEmbedder"/>.
/// </summary>
public sealed class ParaphraseClassifier
{
    /// <summary>The lexical model (no embeddings).</summary>
    public const string ModelFile = "stories-paraphrase.json";
    /// <summary>The model with the sentence-embedding features, used when embeddings are on.</summary>
    public const string EmbeddingModelFile = "stories-paraphrase-embed.json";

    public ParaphraseModel Model { get; }
    /// <summary>The embedder of a model that uses embeddings (null for the lexical model).</summary>
    public ISentenceEmbedder? Embedder { get; }

    public ParaphraseClassifier(ParaphraseModel model, ISentenceEmbedder? embedder = null)
    {
        Model = model;
        if (UsesEmbeddings && embedder is null) throw new ArgumentException("this paraphrase model uses sentence embeddings: pass an embedder", nameof(embedder));
        Embedder = UsesEmbeddings ? embedder : null;
    }

    /// <summary>True when the model's features include the embedding features.</summary>
    public bool UsesEmbeddings => Model.Features.Length > SentenceFeatures.Count;

    private static readonly Lazy<ParaphraseClassifier> _lexical = ModelStore.Lazy(ModelFile, "train paraphrase", p => Load(p));
    private static readonly Lazy<ParaphraseClassifier> _embedding = ModelStore.Lazy(EmbeddingModelFile, "train paraphrase --embeddings",
        p => Load(p, SentenceEmbeddings.Default));

    /// <summary>
    /// The committed model: models/stories-paraphrase-embed.json when embeddings are on (<see cref="SentenceEmbeddings.Enabled"/>),
    /// else models/stories-paraphrase.json; a missing file is an error, never trained at run time.
    /// </summary>
    public static ParaphraseClassifier Default => SentenceEmbeddings.Enabled ? _embedding.Value : _lexical.Value;

    /// <summary>The committed lexical model, whatever the switch says.</summary>
    public static ParaphraseClassifier Lexical => _lexical.Value;

    /// <summary>Reads a model written by training.</summary>
    public static ParaphraseClassifier Load(string path, ISentenceEmbedder? embedder = null) =>
        new(JsonSerializer.Deserialize<ParaphraseModel>(File.ReadAllText(path))!, embedder);

    /// <summary>
    /// True when the pair needs the embedding features: the model uses them and the lexical model (stored with it) does
    /// not already rule the pair out (probability below <see cref="ParaphraseModel.LexicalGate"/>, chosen on dev so that
    /// the cascade loses no dev accuracy). The gate keeps embedding cost to the pairs that are plausibly paraphrases.
    /// </summary>
    public bool NeedsEmbedding(double[] lexical) =>
        UsesEmbeddings && (Model.Lexical is not { } lx || Model.LexicalGate <= 0 || LexicalProbability(lx, lexical) >= Model.LexicalGate);

    private static double LexicalProbability(ParaphraseModel lx, double[] f) => Learning.LogisticRegression.Probability(f, lx.Mean, lx.Std, lx.Weights, lx.Bias);

    /// <summary>Probability from lexical features alone when the gate rules the pair out; else from all features (embedding the pair's sentences).</summary>
    public double Probability(double[] lexical, SentenceInfo a, SentenceInfo b) =>
        !UsesEmbeddings ? Probability(lexical)
        : NeedsEmbedding(lexical) ? Probability(Features(lexical, a, b))
        : LexicalProbability(Model.Lexical!, lexical);

    /// <summary>Embeds, in one batch, the sentences that lack an embedding (nothing for the lexical model).</summary>
    public void Prepare(IEnumerable<SentenceInfo> sentences)
    {
        if (Embedder is null) return;
        var todo = sentences.Where(s => s.Embedding is null).Distinct().ToList();
        if (todo.Count == 0) return;
        var v = Embedder.Embed([.. todo.Select(s => s.Text)]);
        for (int i = 0; i < todo.Count; i++) todo[i].Embedding = v[i];
    }

    /// <summary>The model's features of a pair (the embedding features are computed here when the model uses them).</summary>
    public double[] Features(SentenceInfo a, SentenceInfo b) => Features(SentenceFeatures.Compute(a, b), a, b);

    /// <summary>The model's features from already computed lexical features.</summary>
    public double[] Features(double[] lexical, SentenceInfo a, SentenceInfo b)
    {
        if (!UsesEmbeddings) return lexical;
        Prepare([a, b]);
        return SentenceFeatures.WithEmbedding(lexical, a, b);
    }

    /// <summary>Probability that the pair is a paraphrase.</summary>
    public double Probability(SentenceInfo a, SentenceInfo b) => Probability(SentenceFeatures.Compute(a, b), a, b);

    public double Probability(double[] f) => Learning.LogisticRegression.Probability(f, Model.Mean, Model.Std, Model.Weights, Model.Bias);

    public bool IsParaphrase(SentenceInfo a, SentenceInfo b) => Probability(a, b) >= Model.Threshold;
}
