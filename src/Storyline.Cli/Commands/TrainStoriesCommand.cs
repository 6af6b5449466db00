using System.CommandLine;
using System.Globalization;
using Storyline.Core;
using Storyline.Stories.Engine;
using Storyline.Stories.Eval;

namespace Storyline.Cli.Commands;

/// <summary>`storyline train stories`: reproduce models/stories-join.json (the story engine's join model).</summary>
public static class TrainStoriesCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "An ECB+-style folder (docs.jsonl with split field + clusters.tsv). Default: ../shared/data/clustering/ecbplus." };
        var output = new Option<string?>("--out") { Description = "Where to write the model (default: models/stories-join.json)." };
        var cmd = Cli.NewCommand("stories",
            "Train the story engine's join model: replay the ECB+ dev-topic documents in order, each joining its gold story, record " +
            "the features of every candidate story met, fit logistic regression, and choose L2 and the join threshold by B-cubed F1 " +
            "on the same dev topics (the train topics stay held out). Then prints the held-out figures. Takes about a minute.",
            "storyline train stories", "storyline train stories --out /tmp/stories-join.json --json");
        cmd.Add(data); cmd.Add(output);
        cmd.SetAction(r => Cli.Run(() =>
        {
            var dir = r.GetValue(data) ?? RepoPaths.Data("clustering", "ecbplus");
            var path = r.GetValue(output) ?? RepoPaths.Model(StoryJoinModel.ModelFile);
            var res = StoryJoinModel.Train(dir, path);
            var heldOut = StoryEvaluator.Load(dir).Where(d => d.Split is not null && d.Split != StoryJoinModel.TuneSplit).ToList();
            var pred = StoryEvaluator.Cluster(heldOut, null, res.Model);
            var gold = heldOut.Select(d => d.Story).ToArray();
            double heldF1 = heldOut.Count == 0 ? 0 : StoryEvaluator.BCubed(gold, pred).F1;
            if (r.GetValue(Cli.Json))
            {
                Cli.WriteJson(new { model = path, rows = res.Rows, positives = res.Positives, join_probability = res.Model.Data.JoinProbability,
                    l2 = res.Model.Data.L2, dev_bcubed_f1 = res.DevBcubedF1, held_out_bcubed_f1 = heldF1, held_out_documents = heldOut.Count });
                return ExitCodes.Success;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"model written to {path}: {res.Rows} rows ({res.Positives} same-story), join probability {res.Model.Data.JoinProbability:F2}, L2 {res.Model.Data.L2}; " +
                $"B-cubed F1 dev {res.DevBcubedF1:F3} (tuned on), held-out topics {heldF1:F3} ({heldOut.Count} documents)"));
            return ExitCodes.Success;
        }));
        return cmd;
    }
}
