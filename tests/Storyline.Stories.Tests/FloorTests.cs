using System.Text.Json;
using Storyline.Core;
using Storyline.Stories.Training;
using Storyline.Stories.Eval;
using Storyline.Stories.Rewrite;

namespace Storyline.Stories.Tests;

/// <summary>Recomputes the figures in eval/floors/stories.json and fails below them.</summary>
public class FloorTests
{
    private static readonly Dictionary<string, double> Floors =
        JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(TestSetup.Floors()))!;

    [Fact]
    public void Msrp_OwnTestSplit_AboveFloor()
    {
        var r = RewriteEvaluator.EvaluateOwnTestSplit(RepoPaths.Data("dedup", "msrp", "msr_paraphrase_train.txt"));
        Assert.True(r.Accuracy >= Floors["msrp_own_test_accuracy"], $"accuracy {r.Accuracy:F4}");
        Assert.True(r.F1 >= Floors["msrp_own_test_f1"], $"f1 {r.F1:F4}");
    }

    [Fact]
    public void Dedup_GeneratedSet_AboveFloor()
    {
        var r = DedupEvaluator.Run();
        Assert.True(r.Precision >= Floors["dedup_precision"], $"precision {r.Precision:F4}");
        Assert.True(r.Recall >= Floors["dedup_recall"], $"recall {r.Recall:F4}");
    }

    [Fact]
    public void RewriteDocuments_TestPart_AboveFloor()
    {
        var r = RewriteDocEvaluator.Run("test");
        Assert.True(r.F1 >= Floors["rewrite_doc_test_f1"], $"f1 {r.F1:F4}");
    }

    /// <summary>
    /// The held-out figure: 5-fold cross-validation over whole topics, each fold clustered by a join model trained on the
    /// other folds only (the committed model is trained on all train and dev topics; the test topics are sealed).
    /// </summary>
    [Fact]
    public void EcbPlus_CrossValidatedByTopic_AboveFloor()
    {
        var r = StoryJoinTrainer.CrossValidate(RepoPaths.Data("clustering", "ecbplus"), 5);
        Assert.True(r.BcubedF1 >= Floors["ecbplus_cv5_bcubed_f1"], $"B3 F1 {r.BcubedF1:F4}");
        Assert.True(r.PairwiseF1 >= Floors["ecbplus_cv5_pairwise_f1"], $"pairwise F1 {r.PairwiseF1:F4}");
    }

    /// <summary>In-sample regression checks with the committed model (trained on these topics): a drop means the engine changed.</summary>
    [Theory]
    [InlineData("dev")]
    [InlineData("train")]
    public void EcbPlus_Splits_WithCommittedModel_AboveFloor(string split)
    {
        var r = StoryEvaluator.Evaluate(RepoPaths.Data("clustering", "ecbplus"), split);
        string key = split == "dev" ? "ecbplus_dev" : "ecbplus_train_topics";
        Assert.True(r.BcubedF1 >= Floors[key + "_bcubed_f1"], $"B3 F1 {r.BcubedF1:F4}");
        Assert.True(r.PairwiseF1 >= Floors[key + "_pairwise_f1"], $"pairwise F1 {r.PairwiseF1:F4}");
    }

    [Fact]
    public void EcbPlus_AllTopicsTogether_AboveFloor()
    {
        var r = StoryEvaluator.Evaluate(RepoPaths.Data("clustering", "ecbplus"));
        Assert.True(r.BcubedF1 >= Floors["ecbplus_all_bcubed_f1"], $"B3 F1 {r.BcubedF1:F4}");
    }

    /// <summary>Out of domain: one event per cluster from outlets of different leanings; never trained or tuned on.</summary>
    [Fact]
    public void NewsWcl50_AboveFloor()
    {
        var r = StoryEvaluator.Evaluate(RepoPaths.Data("clustering", "newswcl50"));
        Assert.True(r.BcubedF1 >= Floors["newswcl50_bcubed_f1"], $"B3 F1 {r.BcubedF1:F4}");
    }
}
