using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Storyline.Cleaning;
using Storyline.Core;

namespace Storyline.Cli.Commands;

/// <summary>`storyline eval cleaning`: the plain-text cleaner on the test pages of the extraction benchmarks.</summary>
public static class EvalCleaningCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Folder with scrapinghub/ and trafilatura-eval/ (default: ../shared/data/extraction)." };
        var check = new Option<bool>("--check") { Description = "Exit 7 when a figure is below its floor in eval/floors/cleaning.json." };
        var cmd = Cli.NewCommand("cleaning",
            "Render the test pages (20 % of the page-id split, never used for training or tuning) as scrape-like text, clean " +
            "them, and print per set and view ('full' page or scrape-like 'crop'): line-level precision/recall of debris " +
            "removal, recall of the tokens of article lines, bag-of-token precision/recall of the kept text against the gold " +
            "body (scrapinghub) and must-have/must-not-have chunk hits (trafilatura-eval).",
            "storyline eval cleaning", "storyline eval cleaning --json --check");
        cmd.Add(data); cmd.Add(check);
        cmd.SetAction(r => Cli.Run(() =>
        {
            var figures = CleaningEvaluation.RunTest(r.GetValue(data));
            var failures = new List<string>();
            if (r.GetValue(check))
            {
                var path = Path.Combine(RepoPaths.RepoRoot ?? ".", "eval", "floors", "cleaning.json");
                var floors = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(path)) ?? [];
                foreach (var (metric, floor) in floors)
                {
                    double got = CleaningEvaluation.Metric(figures, metric);
                    if (!(got >= floor)) failures.Add(string.Create(CultureInfo.InvariantCulture, $"{metric} = {got:0.0000} < floor {floor:0.0000}"));
                }
            }
            if (r.GetValue(Cli.Json))
                Cli.WriteJson(new { sets = figures.ToDictionary(kv => kv.Key, kv => kv.Value.ToMap().Where(m => !double.IsNaN(m.Value)).ToDictionary()), below_floor = failures });
            else
            {
                foreach (var (group, f) in figures) Console.WriteLine($"{group,-24} {f}");
                foreach (var f in failures) Console.Error.WriteLine($"storyline: below floor: {f}");
            }
            return failures.Count == 0 ? ExitCodes.Success : ExitCodes.BelowFloor;
        }));
        return cmd;
    }
}
