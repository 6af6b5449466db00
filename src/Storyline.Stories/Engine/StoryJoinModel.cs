using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Storyline.Core;
using Storyline.Stories.Learning;

namespace Storyline.Stories.Engine;

/// <summary>The stored join model: feature standardisation, logistic weights and the decision thresholds.</summary>
public sealed record StoryJoinModelData(
    [property: JsonPropertyName("features")] string[] Features,
    [property: JsonPropertyName("mean")] double[] Mean,
    [property: JsonPropertyName("std")] double[] Std,
    [property: JsonPropertyName("weights")] double[] Weights,
    [property: JsonPropertyName("bias")] double Bias,
    [property: JsonPropertyName("join_probability")] double JoinProbability,
    [property: JsonPropertyName("l2")] double L2,
    [property: JsonPropertyName("trained_on")] string TrainedOn,
    [property: JsonPropertyName("pair")] StoryPairModelData? Pair = null);

/// <summary>
/// The document-pair model of the split step: logistic weights over <see cref="StoryEngine.PairFeatureNames"/> giving the
/// probability that two documents report one event, and the average between-group probability below which a group splits off.
/// </summary>
public sealed record StoryPairModelData(
    [property: JsonPropertyName("features")] string[] Features,
    [property: JsonPropertyName("mean")] double[] Mean,
    [property: JsonPropertyName("std")] double[] Std,
    [property: JsonPropertyName("weights")] double[] Weights,
    [property: JsonPropertyName("bias")] double Bias,
    [property: JsonPropertyName("split_probability")] double SplitProbability)
{
    public double Probability(ReadOnlySpan<double> f) => LogisticRegression.Probability(f, Mean, Std, Weights, Bias);
}

/// <summary>
/// Whether a document belongs to a candidate story: logistic regression over <see cref="StoryEngine.JoinFeatureNames"/>
/// (word, name and number similarity to the story, how many of the document's lead names and of the story's main
/// names the other side has, year and date distance). Trained by StoryJoinTrainer (Storyline.Training, `./storyline train stories`),
/// replaying the documents in order with gold stories (teacher forcing), so the rows are the decisions the
/// online engine faces; the join threshold is chosen on the same documents by B-cubed F1.
/// </summary>
public sealed class StoryJoinModel(StoryJoinModelData data)
{
    public const string ModelFile = "stories-join.json";
    /// <summary>The model that adds the lead-embedding features (<see cref="StoryEngine.JoinEmbeddingFeatureNames"/>).</summary>
    public const string EmbeddingModelFile = "stories-join-embed.json";

    public StoryJoinModelData Data { get; } = data;

    /// <summary>True when the model was trained with the lead-embedding features.</summary>
    public bool UsesLeadEmbeddings => Data.Features.Length > StoryEngine.JoinFeatureNames.Length;

    private static readonly Lazy<StoryJoinModel> _lexical = ModelStore.Lazy(ModelFile, "train stories", Load);
    private static readonly Lazy<StoryJoinModel> _embedding = ModelStore.Lazy(EmbeddingModelFile, "train stories --lead-embeddings", Load);

    /// <summary>
    /// The committed model: models/stories-join-embed.json when embeddings are on (<see cref="Embedding.SentenceEmbeddings.Enabled"/>)
    /// and that file is there (none is committed: the lead-embedding features did not pay for their cost), else
    /// models/stories-join.json (a missing file is an error).
    /// </summary>
    public static StoryJoinModel Default =>
        Embedding.SentenceEmbeddings.Enabled && File.Exists(ModelStore.PathOf(EmbeddingModelFile)) ? _embedding.Value : _lexical.Value;

    /// <summary>Reads a model written by training.</summary>
    public static StoryJoinModel Load(string path) => new(JsonSerializer.Deserialize<StoryJoinModelData>(File.ReadAllText(path))!);

    public double Probability(ReadOnlySpan<double> f) => LogisticRegression.Probability(f, Data.Mean, Data.Std, Data.Weights, Data.Bias);
}
