using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Storyline.Core;
using Storyline.Entities;
using Storyline.Language.Syntax;
using Storyline.Language.Tokenization;
using Storyline.Ner;
using Storyline.Time;
using Storyline.Quotes.Evaluation;

namespace Storyline.Cli.Commands;

/// <summary>`storyline eval quotes`: speaker and content F1 (exact and token-overlap) on PolNeAR, the way citron reports PARC.</summary>
public static class EvalQuotesCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data")
        {
            Description = "A folder laid out like ../shared/data/quotes/polnear (SPLIT/text/*.txt + SPLIT/attributions/*.ann, brat), " +
                          "or one split folder itself. Default: the shared PolNeAR copy.",
        };
        var split = new Option<string>("--split") { Description = "Which split to score: test (default; report only), dev or train (for tuning).", DefaultValueFactory = _ => "test" };
        var limit = new Option<int?>("--limit") { Description = "Score only the first N articles (in file-name order)." };
        var check = new Option<bool>("--check") { Description = "Exit 7 when a figure is below its floor in eval/floors/quotes.json (shared test split only)." };
        var cmd = Cli.NewCommand("quotes",
            "Score quote extraction (quotes.v1) on PolNeAR attributions: source (speaker as written) and content precision/recall/F1, " +
            "token-overlap (\"speaker_f1\", \"content_f1\") and exact-span (\"speaker_f1_exact\", \"content_f1_exact\"), as citron reports PARC " +
            "(content exact ≈0.59, overlap ≈0.83; source 0.82). Also prints the quotes stage's CPU ms per document.",
            "storyline eval quotes",
            "storyline eval quotes --split dev --json",
            "storyline eval quotes --data ../shared/data/quotes/polnear --limit 20",
            "storyline eval quotes --check");
        cmd.Add(data);
        cmd.Add(split);
        cmd.Add(limit);
        cmd.Add(check);
        cmd.SetAction(r => Cli.Run(() =>
        {
            string? dir = r.GetValue(data);
            string splitName = r.GetValue(split) ?? "test";
            string? root = dir ?? QuoteEvaluator.FindShared();
            if (root is null) return Cli.Error("no PolNeAR data found: pass --data DIR (../shared/data/quotes/polnear)", ExitCodes.NotFound);
            if (!Directory.Exists(root)) return Cli.Error($"no such folder: {root}", ExitCodes.NotFound);
            string splitDir = Directory.Exists(Path.Combine(root, "text")) ? root : Path.Combine(root, splitName);
            if (!Directory.Exists(Path.Combine(splitDir, "text")) || !Directory.Exists(Path.Combine(splitDir, "attributions")))
                return Cli.Error($"{splitDir} has no text/ and attributions/ folders", ExitCodes.NotFound);

            var language = LanguageLayer();
            var result = QuoteEvaluator.Evaluate(splitDir, text =>
            {
                var doc = new Document { Origin = new DocumentOrigin("polnear"), Text = text };
                language.Run(doc);
                return doc;
            }, r.GetValue(limit));

            if (r.GetValue(Cli.Json)) Cli.WriteJson(result);
            else
            {
                var table = new Table().AddColumns("", "P", "R", "F1", "P exact", "R exact", "F1 exact");
                table.AddRow("speaker", F(result.SpeakerPrecision), F(result.SpeakerRecall), F(result.SpeakerF1),
                    F(result.SpeakerPrecisionExact), F(result.SpeakerRecallExact), F(result.SpeakerF1Exact));
                table.AddRow("content", F(result.ContentPrecision), F(result.ContentRecall), F(result.ContentF1),
                    F(result.ContentPrecisionExact), F(result.ContentRecallExact), F(result.ContentF1Exact));
                AnsiConsole.Write(table);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Set}: {result.Documents} articles, {result.Gold} gold attributions, {result.Predicted} quotes ({result.Matched} linked); speakers resolved to an entity: {result.SpeakerEntityShare:P0}; quotes stage {result.MsPerDoc:0.000} CPU ms/doc"));
            }

            if (r.GetValue(check) && dir is null && splitName == "test" && r.GetValue(limit) is null)
                return EvalFloors.Report(EvalFloors.Check("quotes", floors => QuoteEvaluator.BelowFloors(result, floors)));
            return ExitCodes.Success;
        }));
        return cmd;
    }

    /// <summary>The default pipeline's language layer (tokens, tags, parse, names, entities, times) on the text exactly as given, so gold offsets hold.</summary>
    internal static Pipeline LanguageLayer()
    {
        var b = new PipelineBuilder();
        b.Given.Add(Attr.Text);
        b.UseTokenizer();
        b.UseTagger();
        b.UseParser();
        b.UseNer();
        b.UseEntities();
        b.UseTimes();
        return b.Build();
    }

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
