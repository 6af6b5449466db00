using System.CommandLine;
using System.Globalization;
using Storyline.Core;
using Storyline.Stories.Engine;
using Storyline.Stories.Eval;
using Storyline.Stories.Training;

namespace Storyline.Cli.Commands;

/// <summary>`storyline eval stories`: online story clustering scored against gold stories.</summary>
public static class EvalStoriesCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "A folder with docs.jsonl (+ clusters.tsv, or story_id per line). Default: shared ecbplus." };
        var split = new Option<string?>("--split") { Description = "Only documents whose 'split' field is this (ECB+: train or dev)." };
        var cv = new Option<int?>("--cv") { Description = "K-fold cross-validation by topic: each fold of topics is clustered by a join model trained on the other folds only (the held-out figure; needs a 'topic' field)." };
        var cmd = Cli.NewCommand("stories",
            "Cluster the documents of a folder from scratch, in file order, with the online story engine and score them against the " +
            "gold stories: B-cubed precision/recall/F1 and pairwise F1. JSON figures are fractions (0..1).",
            "storyline eval stories", "storyline eval stories --data ../shared/data/clustering/newswcl50 --json",
            "storyline eval stories --cv 5 --json");
        var leadEmb = new Option<bool>("--lead-embeddings")
        {
            Description = "With --cv: train the fold models with the lead-embedding join features (MiniLM cosine of a document's lead with " +
                          "the candidate story's member leads; an experiment, off by default).",
        };
        cmd.Add(data); cmd.Add(split); cmd.Add(cv); cmd.Add(leadEmb);
        cmd.SetAction(r => Cli.Run(() =>
        {
            var dir = r.GetValue(data) ?? RepoPaths.Data("clustering", "ecbplus");
            if (!File.Exists(Path.Combine(dir, "docs.jsonl"))) return Cli.Error($"no docs.jsonl in {dir}", ExitCodes.NotFound);
            var options = r.GetValue(leadEmb) ? new StoryOptions { UseLeadEmbeddings = true } : null;
            // --cv with --split: folds of that split's topics only (to choose features without the other split)
            var res = r.GetValue(cv) is { } folds
                ? StoryJoinTrainer.CrossValidate(dir, folds, options, (i, n) => { if (Cli.Interactive && i < n) Console.Error.WriteLine($"fold {i + 1}/{n}: training on the other folds, clustering this one"); }, r.GetValue(split))
                : StoryEvaluator.Evaluate(dir, r.GetValue(split), options);
            if (r.GetValue(Cli.Json)) { Cli.WriteJson(res); return ExitCodes.Success; }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{res.Documents} documents, {res.GoldStories} gold stories, {res.PredictedStories} predicted  B-cubed P {res.BcubedPrecision:F3} R {res.BcubedRecall:F3} F1 {res.BcubedF1:F3}  pairwise P {res.PairwisePrecision:F3} R {res.PairwiseRecall:F3} F1 {res.PairwiseF1:F3}  ({res.DocsPerSecond:F0} docs/s)"));
            return ExitCodes.Success;
        }));
        return cmd;
    }
}
