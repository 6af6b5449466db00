using System.CommandLine;
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
            var failures = r.GetValue(check) ? EvalFloors.Check("cleaning", floors => EvalFloors.Below(floors, m => CleaningEvaluation.Metric(figures, m))) : [];
            if (r.GetValue(Cli.Json))
                Cli.WriteJson(new { sets = figures.ToDictionary(kv => kv.Key, kv => kv.Value.ToMap().Where(m => !double.IsNaN(m.Value)).ToDictionary()), below_floor = failures });
            else
                foreach (var (group, f) in figures) Console.WriteLine($"{group,-24} {f}");
            return EvalFloors.Report(failures);
        }));
        return cmd;
    }
}
