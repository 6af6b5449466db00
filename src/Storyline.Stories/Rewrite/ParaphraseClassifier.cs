using System.Text.Json;
using System.Text.Json.Serialization;
using Storyline.Core;
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
    [property: JsonPropertyName("trained_on")] string TrainedOn);

/// <summary>
/// Sentence-pair paraphrase classifier: logistic regression over <see cref="SentenceFeatures"/>, trained by
/// ParaphraseTrainer (Storyline.Training, `./storyline train paraphrase`) on the MSRP train file with our own split
/// (64% fit / 16% dev for choosing L2 and threshold / 20% test, never tuned on; split by a hash of the pair's sentence ids).
/// </summary>
public sealed class ParaphraseClassifier(ParaphraseModel model)
{
    public const string ModelFile = "stories-paraphrase.json";

    public ParaphraseModel Model { get; } = model;

    private static readonly Lazy<ParaphraseClassifier> _default = ModelStore.Lazy(ModelFile, "train paraphrase", Load);

    /// <summary>The committed model (models/stories-paraphrase.json); a missing file is an error, never trained at run time.</summary>
    public static ParaphraseClassifier Default => _default.Value;

    /// <summary>Reads a model written by training.</summary>
    public static ParaphraseClassifier Load(string path) => new(JsonSerializer.Deserialize<ParaphraseModel>(File.ReadAllText(path))!);

    /// <summary>Probability that the pair is a paraphrase.</summary>
    public double Probability(SentenceInfo a, SentenceInfo b) => Probability(SentenceFeatures.Compute(a, b));

    public double Probability(double[] f) => Learning.LogisticRegression.Probability(f, Model.Mean, Model.Std, Model.Weights, Model.Bias);

    public bool IsParaphrase(SentenceInfo a, SentenceInfo b) => Probability(a, b) >= Model.Threshold;
}
