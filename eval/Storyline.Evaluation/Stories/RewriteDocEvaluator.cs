using System.Text.Json.Serialization;
using Storyline.Core;
using Storyline.Stories.Rewrite;

namespace Storyline.Stories.Eval;

/// <summary>Document-level rewrite detection scores.</summary>
public sealed record RewriteDocEvalResult(
    [property: JsonPropertyName("positives")] int Positives,
    [property: JsonPropertyName("negatives")] int Negatives,
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("mean_positive_score")] double MeanPositiveScore,
    [property: JsonPropertyName("mean_negative_score")] double MeanNegativeScore,
    [property: JsonPropertyName("false_positives")] int FalsePositives,
    [property: JsonPropertyName("part")] string Part);

/// <summary>
/// Document-level rewrite eval: generated rewrites of PolNeAR articles (positives) against hard negatives,
/// i.e. different articles about the same event (ECB+ same-story pairs, NewsWCL50 same-event pairs).
/// "dev" = PolNeAR train + ECB+ dev topics (used for choosing thresholds); "test" = PolNeAR dev/test/
/// annotator-training + ECB+ train topics + NewsWCL50 (never tuned on).
/// </summary>
public static class RewriteDocEvaluator
{
    public const int DefaultSeed = 7;
    /// <summary>Positive (rewrite) pairs generated per run, and same-event negative pairs drawn at most.</summary>
    public const int Pairs = 150;

    public static RewriteDocEvalResult Run(string part = "test", int seed = DefaultSeed, AlignOptions? options = null, ParaphraseClassifier? classifier = null)
    {
        classifier ??= ParaphraseClassifier.Default;
        options ??= new AlignOptions();
        var rng = new Random(seed);
        string[] polParts = part == "dev" ? ["train"] : ["dev", "test", "annotator-training"];
        var arts = CorpusTexts.PolNear().Where(a => polParts.Contains(a.Part) && a.Text.Length > DedupEvaluator.MinArticleChars)
            .OrderBy(_ => rng.Next()).Take(Pairs).ToList();
        var positives = arts.Select(a => (a.Text, RewriteGenerator.Rewrite(a.Text, rng))).ToList();

        var negatives = new List<(string, string)>();
        var ecb = StoryEvaluator.Load(RepoPaths.Data("clustering", "ecbplus")).Where(d => d.Split == (part == "dev" ? "dev" : "train")).ToList();
        var sources = new List<List<GoldDocument>> { ecb };
        if (part != "dev")
        {
            var wcl = RepoPaths.Data("clustering", "newswcl50");
            if (Directory.Exists(wcl)) sources.Add(StoryEvaluator.Load(wcl));
        }
        foreach (var src in sources)
            foreach (var g in src.GroupBy(d => d.Story))
            {
                var l = g.ToList();
                for (int i = 0; i + 1 < l.Count; i += 2) negatives.Add((l[i].Text, l[i + 1].Text));
            }
        negatives = negatives.OrderBy(_ => rng.Next()).Take(Pairs).ToList();

        int tp = 0, fp = 0; double sp = 0, sn = 0;
        foreach (var (a, b) in positives)
        {
            var al = SentenceAligner.Align(a, b, classifier, options);
            sp += al.RewriteScore;
            if (SentenceAligner.IsRewrite(al, options)) tp++;
        }
        foreach (var (a, b) in negatives)
        {
            var al = SentenceAligner.Align(a, b, classifier, options);
            sn += al.RewriteScore;
            if (SentenceAligner.IsRewrite(al, options)) fp++;
        }
        double p = tp + fp == 0 ? 1 : (double)tp / (tp + fp), r = positives.Count == 0 ? 0 : (double)tp / positives.Count;
        return new RewriteDocEvalResult(positives.Count, negatives.Count, p, r, p + r == 0 ? 0 : 2 * p * r / (p + r),
            positives.Count == 0 ? 0 : sp / positives.Count, negatives.Count == 0 ? 0 : sn / negatives.Count, fp, part);
    }
}
