namespace Storyline.Extraction.Evaluation;

/// <summary>Summed confusion counts of the trafilatura evaluation.</summary>
public readonly record struct ChunkCounts(int Tp, int Fp, int Fn, int Tn)
{
    public static ChunkCounts operator +(ChunkCounts a, ChunkCounts b)
        => new(a.Tp + b.Tp, a.Fp + b.Fp, a.Fn + b.Fn, a.Tn + b.Tn);

    public double Precision => Tp + Fp > 0 ? (double)Tp / (Tp + Fp) : 0;
    public double Recall => Tp + Fn > 0 ? (double)Tp / (Tp + Fn) : 0;
    public double Accuracy => Tp + Fp + Fn + Tn > 0 ? (double)(Tp + Tn) / (Tp + Fp + Fn + Tn) : 0;
    public double F1 => 2 * Tp + Fp + Fn > 0 ? 2.0 * Tp / (2 * Tp + Fp + Fn) : 0;
}

/// <summary>
/// The trafilatura evaluation metric (tests/eval_common.py count_item + ConfusionMatrix, described in
/// SOURCE.txt): whitespace-normalised substring matching of 'with' chunks (TP/FN) and 'without' chunks
/// (FP/TN), summed over documents; a missing output counts as empty.
/// </summary>
public static class ChunkScorer
{
    public static ChunkCounts Count(IReadOnlyList<string> with, IReadOnlyList<string> without, string? extracted)
    {
        if (extracted is null) return new ChunkCounts(0, 0, with.Count, without.Count);
        string text = PyText.NormalizeSpace(extracted);
        int tp = with.Count(c => text.Contains(PyText.NormalizeSpace(c), StringComparison.Ordinal));
        int fp = without.Count(c => text.Contains(PyText.NormalizeSpace(c), StringComparison.Ordinal));
        return new ChunkCounts(tp, fp, with.Count - tp, without.Count - fp);
    }
}
