using System.CommandLine;
using System.Globalization;
using Storyline.Core;
using Storyline.Stories.Eval;
using Storyline.Stories.Rewrite;

namespace Storyline.Cli.Commands;

/// <summary>`storyline eval rewrites`: sentence-pair paraphrase accuracy/F1 on MSRP-format files, and document-level rewrite detection.</summary>
public static class EvalRewritesCommand
{
    public static Command Create()
    {
        var file = new Option<string?>("--file")
        {
            Description = "An MSRP-format TSV (Quality, #1 ID, #2 ID, #1 String, #2 String). Default: our held-apart test part (20%) " +
                          "of the shared MSRP train file, plus the generated document-level rewrite set.",
        };
        var cmd = Cli.NewCommand("rewrites",
            "Score the sentence paraphrase classifier used for rewrite detection: accuracy and F1 of the paraphrase class, next to " +
            "the published feature-based figure (Wan et al. 2006: 75.6 / 83.0 on the MSRP test set). Without --file it also scores " +
            "document-level rewrite detection on generated rewrites against same-event articles. JSON figures are fractions (0..1).",
            "storyline eval rewrites",
            "storyline eval rewrites --file msr_paraphrase_test.txt --json");
        cmd.Add(file);
        cmd.SetAction(r => Cli.Run(() =>
        {
            var path = r.GetValue(file);
            if (path is not null && !File.Exists(path)) return Cli.Error($"file not found: {path}", ExitCodes.NotFound);
            var res = path is null
                ? RewriteEvaluator.EvaluateOwnTestSplit(RepoPaths.Data("dedup", "msrp", "msr_paraphrase_train.txt"))
                : RewriteEvaluator.EvaluateMsrpFile(path);
            var doc = path is null ? RewriteDocEvaluator.Run("test") : null;
            if (r.GetValue(Cli.Json))
            {
                Cli.WriteJson(new
                {
                    file = res.File, subset = path is null ? "own test split (20%) of the MSRP train file" : "all pairs",
                    pairs = res.Pairs, accuracy = res.Accuracy, f1 = res.F1, threshold = res.Threshold,
                    published_accuracy = res.PublishedAccuracy, published_f1 = res.PublishedF1, documents = doc,
                });
                return ExitCodes.Success;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"paraphrase pairs: {res.Pairs} ({(path is null ? "own test split of the MSRP train file" : res.File)})  accuracy {res.Accuracy * 100:F1}  F1 {res.F1 * 100:F1}   (published feature-based: {res.PublishedAccuracy * 100:F1} / {res.PublishedF1 * 100:F1})"));
            if (doc is not null)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"document rewrites: {doc.Positives} generated rewrites vs {doc.Negatives} same-event article pairs  precision {doc.Precision:F3}  recall {doc.Recall:F3}  F1 {doc.F1:F3}"));
            return ExitCodes.Success;
        }));
        return cmd;
    }
}
