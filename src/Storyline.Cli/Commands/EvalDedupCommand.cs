using System.CommandLine;
using System.Globalization;
using Storyline.Stories.Eval;

namespace Storyline.Cli.Commands;

/// <summary>`storyline eval dedup`: near-duplicate detection on the generated copy set.</summary>
public static class EvalDedupCommand
{
    public static Command Create()
    {
        var cmd = Cli.NewCommand("dedup",
            "Generate the near-duplicate set (fixed seed, from PolNeAR articles not used for tuning: exact copies, debris-wrapped scrapes, " +
            "one-paragraph-added copies, unrelated negatives), run copy detection in order and score the copy links: precision, recall, F1.",
            "storyline eval dedup", "storyline eval dedup --json");
        cmd.SetAction(r => Cli.Run(() =>
        {
            var res = DedupEvaluator.Run();
            if (r.GetValue(Cli.Json)) { Cli.WriteJson(res); return ExitCodes.Success; }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{res.Documents} documents ({res.Copies} copies, {res.Negatives} originals/negatives)  precision {res.Precision:F4}  recall {res.Recall:F4}  F1 {res.F1:F4}  false positives {res.FalsePositives}"));
            Console.WriteLine("recall by kind: " + string.Join(", ", res.RecallByKind.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:F3}"))));
            return ExitCodes.Success;
        }));
        return cmd;
    }
}
