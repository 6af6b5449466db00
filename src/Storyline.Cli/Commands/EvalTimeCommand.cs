using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Storyline.Time.Evaluation;

namespace Storyline.Cli.Commands;

/// <summary>`storyline eval time`: TempEval-3 timex scores (span strict/relaxed F1, type accuracy, value F1).</summary>
public static class EvalTimeCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data")
        {
            Description = "A folder of gold TimeML .tml files, each resolved against its creation time (DCT). " +
                          "Default: TE3-Platinum (test), MEANTIME English and the TimeBank+AQUAINT training set from ../shared/data.",
        };
        var check = new Option<bool>("--check") { Description = "Exit 7 when a figure is below its floor in eval/floors/time.json (shared sets only)." };
        var cmd = Cli.NewCommand("time",
            "Score the time-expression tagger the way the TempEval-3 scorer does: relaxed (overlap) and strict (exact) span " +
            "precision/recall/F1, type accuracy, and value F1 (value accuracy over relaxed matches times relaxed F1, TE3's headline figure). " +
            "\"f1\" is the relaxed span F1.",
            "storyline eval time",
            "storyline eval time --data ../shared/data/time/tempeval3/test/te3-platinum --json",
            "storyline eval time --check");
        cmd.Add(data);
        cmd.Add(check);
        cmd.SetAction(r => Cli.Run(() =>
        {
            string? dir = r.GetValue(data);
            if (dir is not null && !Directory.Exists(dir)) return Cli.Error($"no such folder: {dir}", ExitCodes.NotFound);
            IReadOnlyList<TimeEvalResult> results = dir is null
                ? TimeEvaluator.RunShared()
                : [TimeEvaluator.Evaluate(dir)];

            if (r.GetValue(Cli.Json))
            {
                // a single set prints its record (precision, recall, f1, value_f1, type_accuracy, strict_f1, relaxed_f1, ...)
                if (results.Count == 1) Cli.WriteJson(results[0]);
                else
                {
                    // The headline figures are TE3-Platinum's (the first set); every set is under "sets".
                    var h = results[0];
                    Cli.WriteJson(new
                    {
                        set = h.Set, precision = h.Precision, recall = h.Recall, f1 = h.F1, value_f1 = h.ValueF1, type_accuracy = h.TypeAccuracy,
                        strict_f1 = h.StrictF1, relaxed_f1 = h.RelaxedF1, sets = results,
                    });
                }
            }
            else
            {
                var table = new Table().AddColumns("set", "docs", "gold", "sys", "P", "R", "F1", "strict", "type", "value");
                foreach (var x in results)
                    table.AddRow(Markup.Escape(x.Set), N(x.Documents), N(x.Gold), N(x.System), F(x.Precision), F(x.Recall), F(x.RelaxedF1), F(x.StrictF1), F(x.TypeAccuracy), F(x.ValueF1));
                AnsiConsole.Write(table);
                Console.WriteLine("F1 = relaxed span F1; strict = exact-span F1; type = type accuracy; value = TE3 value F1");
                foreach (var x in results.Where(x => x.Note is not null)) Console.WriteLine($"{x.Set}: {x.Note}");
            }

            if (r.GetValue(check) && dir is null)
                return EvalFloors.Report(EvalFloors.Check("time", floors => TimeEvaluator.BelowFloors(results, floors)));
            return ExitCodes.Success;
        }));
        return cmd;
    }

    private static string N(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
