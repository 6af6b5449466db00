namespace Storyline.Stories.Embedding;

/// <summary>
/// Maps sentences to unit-length vectors whose dot product is their semantic similarity. Used only on candidate pairs
/// (sentences the aligner already pairs, stories the join already scores), never on every sentence of every document.
/// </summary>
public interface ISentenceEmbedder
{
    /// <summary>Length of every vector.</summary>
    int Dimensions { get; }

    /// <summary>Unit vectors of <paramref name="sentences"/>, in order (one batch: cheaper per sentence than one by one).</summary>
    float[][] Embed(IReadOnlyList<string> sentences);
}

/// <summary>Vector helpers shared by the features that use embeddings.</summary>
public static class EmbeddingMath
{
    /// <summary>Decimals kept of a cosine used as a model feature: ONNX float sums may differ in the last bits between thread counts, and training must give the same bytes.</summary>
    public const int FeatureDecimals = 4;

    /// <summary>Cosine of two unit vectors, rounded to <see cref="FeatureDecimals"/>.</summary>
    public static double Cosine(float[] a, float[] b)
    {
        double d = 0;
        for (int i = 0; i < a.Length; i++) d += (double)a[i] * b[i];
        return Math.Round(Math.Clamp(d, -1, 1), FeatureDecimals);
    }
}
