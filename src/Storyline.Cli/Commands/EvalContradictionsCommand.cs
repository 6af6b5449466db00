using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Storyline.Claims.Evaluation;
using Storyline.Engine;

namespace Storyline.Cli.Commands;

/// <summary>`storyline eval contradictions`: precision/recall/F1 of the contradiction detector on labelled claim pairs.</summary>
public static class EvalContradictionsCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data")
        {
            Description = "A folder holding test.jsonl (held back) and/or dev.jsonl of labelled claim pairs. Default: eval/contradictions.",
        };
        var check = new Option<bool>("--check") { Description = "Exit 7 when a figure is below its floor in eval/floors/contradictions.json (default set only)." };
        var cmd = Cli.NewCommand("contradictions",
            "Score the contradiction detector on labelled claim pairs (conflict / compatible / unrelated): each claim text goes through " +
            "the language layer and the claim analysis, each pair through the detector. Precision, recall and F1 are for \"conflict\"; " +
            "the test set is held back (never tuned on), dev is what the rules were tuned on.",
            "storyline eval contradictions",
            "storyline eval contradictions --json",
            "storyline eval contradictions --data eval/contradictions --check");
        cmd.Add(data);
        cmd.Add(check);
        cmd.SetAction(r => Cli.Run(() =>
        {
            string? dir = r.GetValue(data);
            if (dir is not null && !Directory.Exists(dir)) return Cli.Error($"no such folder: {dir}", ExitCodes.NotFound);
            dir ??= ContradictionEvaluator.DefaultFolder;
            if (dir is null) return Cli.Error("eval/contradictions not found (run from the repository, or pass --data DIR)", ExitCodes.NotFound);
            var pipeline = DefaultPipeline.Build(new DefaultPipeline.Options { ArticleCheck = false });
            var results = ContradictionEvaluator.Run(dir, pipeline);
            if (results.Count == 0) return Cli.Error($"no test.jsonl or dev.jsonl in {dir}", ExitCodes.NotFound);

            if (r.GetValue(Cli.Json))
            {
                // Headline figures are the first set's (test when present); every set is under "sets".
                var h = results[0];
                Cli.WriteJson(new
                {
                    set = h.Set, precision = h.Precision, recall = h.Recall, f1 = h.F1, pairs = h.Pairs,
                    kinds = h.Kinds, sets = results,
                });
            }
            else
            {
                var table = new Table().AddColumns("set", "pairs", "conflicts", "flagged", "TP", "P", "R", "F1", "kind acc");
                foreach (var x in results)
                    table.AddRow(x.Set, N(x.Pairs), N(x.GoldConflicts), N(x.Flagged), N(x.TruePositives), F(x.Precision), F(x.Recall), F(x.F1), F(x.KindAccuracy));
                AnsiConsole.Write(table);
                var kinds = new Table().AddColumns("set", "kind", "gold", "found", "flagged as", "kind right");
                foreach (var x in results)
                    foreach (var (k, s) in x.Kinds)
                        kinds.AddRow(x.Set, k, N(s.Gold), N(s.Found), N(s.Predicted), N(s.KindCorrect));
                AnsiConsole.Write(kinds);
                foreach (var x in results)
                    foreach (var fp in x.FalsePositives) Console.WriteLine($"{x.Set}: false positive {Markup.Escape(fp)}");
            }

            if (r.GetValue(check) && r.GetValue(data) is null)
                return EvalFloors.Report(EvalFloors.Check("contradictions", floors => ContradictionEvaluator.BelowFloors(results, floors)));
            return ExitCodes.Success;
        }));
        return cmd;
    }

    private static string N(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
