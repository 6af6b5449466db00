using System.CommandLine;
using System.Globalization;
using Storyline.Cleaning;
using Storyline.Cleaning.Training;
using Storyline.Core;

namespace Storyline.Cli.Commands;

/// <summary>`storyline train cleaning`: reproduce models/cleaning-lines.json (the plain-text cleaner's line classifier).</summary>
public static class TrainCleaningCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Folder with scrapinghub/ and trafilatura-eval/ (default: ../shared/data/extraction)." };
        var output = new Option<string?>("--out") { Description = "Where to write the model (default: models/cleaning-lines.json)." };
        var cmd = Cli.NewCommand("cleaning",
            "Train the line classifier of the plain-text cleaner: render the extraction benchmark pages to scrape-like text lines, " +
            "label each line from the ground truth, fit logistic regression on the dev pages (80 %), pick the threshold by " +
            "5-fold cross-validation, and print the figures on the test pages (20 %). Takes a few minutes.",
            "storyline train cleaning", "storyline train cleaning --out /tmp/cleaning-lines.json --json");
        cmd.Add(data); cmd.Add(output);
        TrainOutput.SetAction(cmd, output, () => RepoPaths.Model(LineClassifier.ModelFileName), (r, path) =>
        {
            bool json = r.GetValue(Cli.Json);
            var result = LineTrainer.Run(new LineTrainingOptions { ExtractionDir = r.GetValue(data) }, json ? null : Console.Out);
            result.Model.Save(path);
            var test = result.Test.ToDictionary(kv => kv.Key, kv => kv.Value.ToMap().Where(m => !double.IsNaN(m.Value)).ToDictionary());
            if (json)
            {
                Cli.WriteJson(new { model = path, threshold = result.Model.Threshold, inside_threshold = result.Model.InsideThreshold, features = result.Features, train_lines = result.TrainLines, test });
                return ExitCodes.Success;
            }
            Console.WriteLine($"model written to {path} (thresholds {result.Model.Threshold.ToString("0.00", CultureInfo.InvariantCulture)} outside and {result.Model.InsideThreshold.ToString("0.00", CultureInfo.InvariantCulture)} inside the body, {result.Features} features)");
            foreach (var (group, f) in result.Test) Console.WriteLine($"test {group,-24} {f}");
            return ExitCodes.Success;
        });
        return cmd;
    }
}
