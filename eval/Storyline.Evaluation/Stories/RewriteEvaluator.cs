using System.Text.Json.Serialization;

namespace Storyline.Stories.Rewrite;

/// <summary>Paraphrase classification scores on an MSRP-format file.</summary>
public sealed record RewriteEvalResult(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("pairs")] int Pairs,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("published_accuracy")] double PublishedAccuracy,
    [property: JsonPropertyName("published_f1")] double PublishedF1);

public static class RewriteEvaluator
{
    /// <summary>The feature-based reference the MSRP SOURCE.txt cites (Wan et al. 2006, MSRP test set).</summary>
    public const double PublishedAccuracy = 0.756, PublishedF1 = 0.830;

    /// <summary>Scores every pair of an MSRP-format file with the committed classifier.</summary>
    public static RewriteEvalResult EvaluateMsrpFile(string path, ParaphraseClassifier? classifier = null, Func<ParaphrasePair, bool>? filter = null)
    {
        classifier ??= ParaphraseClassifier.Default;
        var pairs = MsrpCorpus.ReadMsrp(path).Where(filter ?? (_ => true)).ToList();
        var (acc, f1) = MsrpCorpus.Score(pairs.Select(p =>
            (classifier.IsParaphrase(new SentenceInfo(p.A), new SentenceInfo(p.B)), p.Label)));
        return new RewriteEvalResult(path, pairs.Count, acc, f1, classifier.Model.Threshold, PublishedAccuracy, PublishedF1);
    }

    /// <summary>Scores only our held-apart test part of the MSRP train file (the figure to quote for the shared file).</summary>
    public static RewriteEvalResult EvaluateOwnTestSplit(string msrpTrainPath, ParaphraseClassifier? classifier = null) =>
        EvaluateMsrpFile(msrpTrainPath, classifier, p => MsrpCorpus.SplitOf(p) == "test");
}
