using System.CommandLine;
using System.Globalization;
using Storyline.Extraction.Evaluation;

namespace Storyline.Cli.Commands;

/// <summary>`storyline eval extraction`: HTML main-content extraction against the extraction benchmarks, each with its own metric.</summary>
public static class EvalExtractionCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data")
        {
            Description = "A folder laid out like one of ../shared/data/extraction/* (scrapinghub: ground-truth.json + html/*.html.gz; " +
                          "trafilatura-eval: evaldata.json + html/*.gz), recognised by its files. Default: both shared sets.",
        };
        var check = new Option<bool>("--check") { Description = "Exit 7 when a figure is below its floor in eval/floors/extraction.json." };
        var cmd = Cli.NewCommand("extraction",
            "Extract the body of every page and score it with the benchmark's own metric: scrapinghub = 4-token shingles, " +
            "precision and recall averaged over pages, F1 of the two means, accuracy = exact token match; trafilatura-eval = " +
            "must-have/must-not-have text chunks summed over pages. Prints the full set and our TUNE/TEST parts " +
            "(heuristics were tuned on TUNE pages only).",
            "storyline eval extraction",
            "storyline eval extraction --data ../shared/data/extraction/scrapinghub --json",
            "storyline eval extraction --check");
        cmd.Add(data); cmd.Add(check);
        cmd.SetAction(r => Cli.Run(() =>
        {
            string? dir = r.GetValue(data);
            if (dir is not null && EvalSet.Detect(dir) is null)
                return Cli.Error($"'{dir}' is not an extraction benchmark folder (expected html/ plus ground-truth.json or evaldata.json)", ExitCodes.Usage);
            IReadOnlyList<ExtractionEvalResult> results = dir is null ? ExtractionEvaluator.RunShared() : [ExtractionEvaluator.Run(dir)];
            var failures = r.GetValue(check) ? EvalFloors.Check("extraction", floors => ExtractionFloors.Check(results, floors)) : [];
            if (r.GetValue(Cli.Json))
            {
                var json = new Dictionary<string, object>(StringComparer.Ordinal);
                foreach (var x in results) json[x.Set] = x;
                if (r.GetValue(check)) json["below_floor"] = failures;
                Cli.WriteJson(json);
            }
            else
            {
                foreach (var x in results)
                {
                    foreach (var (part, p) in new[] { ("full", x), ("tune", x.Tune), ("test", x.Test) })
                        if (p is not null)
                            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                                $"{x.Set,-18} {part,-5} documents={p.Documents,4}  precision={p.Precision:0.000}  recall={p.Recall:0.000}  f1={p.F1:0.000}  accuracy={p.Accuracy:0.000}"));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{x.Set,-18} metric={x.Metric}  seconds={x.Seconds:0.0}  paths: {string.Join(", ", (x.Methods ?? new Dictionary<string, int>()).Select(kv => $"{kv.Key}={kv.Value}"))}"));
                }
            }
            return EvalFloors.Report(failures);
        }));
        return cmd;
    }
}
