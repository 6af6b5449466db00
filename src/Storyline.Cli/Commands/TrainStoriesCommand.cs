using System.CommandLine;
using System.Globalization;
using Storyline.Core;
using Storyline.Stories.Engine;
using Storyline.Stories.Training;

namespace Storyline.Cli.Commands;

/// <summary>`storyline train stories`: reproduce models/stories-join.json (the story engine's join model).</summary>
public static class TrainStoriesCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "An ECB+-style folder (docs.jsonl + clusters.tsv). Default: ../shared/data/clustering/ecbplus (train and dev topics)." };
        var output = new Option<string?>("--out") { Description = "Where to write the model (default: models/stories-join.json, or models/stories-join-embed.json with --lead-embeddings)." };
        var leadEmb = new Option<bool>("--lead-embeddings")
        {
            Description = "Train the model with the lead-embedding features (MiniLM cosine of a document's lead with the candidate story's member leads), used when embeddings are on.",
        };
        var cmd = Cli.NewCommand("stories",
            "Train the story engine's join model: replay the documents of every topic in order, each joining its gold story, record " +
            "the features of every candidate story met, fit logistic regression, and choose L2 and the join threshold by B-cubed F1 " +
            "on the same documents. The figure printed is in-sample; `storyline eval stories --cv 5` gives the out-of-sample one " +
            "(each fold of topics clustered by a model trained without it). Takes about a minute.",
            "storyline train stories", "storyline train stories --lead-embeddings", "storyline train stories --out /tmp/stories-join.json --json");
        cmd.Add(data); cmd.Add(output); cmd.Add(leadEmb);
        TrainOutput.SetAction(cmd, output, r => RepoPaths.Model(r.GetValue(leadEmb) ? StoryJoinModel.EmbeddingModelFile : StoryJoinModel.ModelFile), (r, path) =>
        {
            var dir = r.GetValue(data) ?? RepoPaths.Data("clustering", "ecbplus");
            if (!File.Exists(Path.Combine(dir, "docs.jsonl"))) return Cli.Error($"no docs.jsonl in {dir}", ExitCodes.NotFound);
            var res = StoryJoinTrainer.Train(dir, path, new StoryOptions { UseLeadEmbeddings = r.GetValue(leadEmb) });
            if (r.GetValue(Cli.Json))
            {
                Cli.WriteJson(new { model = path, rows = res.Rows, positives = res.Positives, join_probability = res.Model.Data.JoinProbability,
                    l2 = res.Model.Data.L2, training_bcubed_f1 = res.DevBcubedF1, trained_on = res.Model.Data.TrainedOn });
                return ExitCodes.Success;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"model written to {path}: {res.Rows} rows ({res.Positives} same-story), join probability {res.Model.Data.JoinProbability:F2}, L2 {res.Model.Data.L2}; " +
                $"B-cubed F1 on the training documents {res.DevBcubedF1:F3} (in-sample; run `storyline eval stories --cv 5` for the held-out figure)"));
            return ExitCodes.Success;
        });
        return cmd;
    }
}
