using System.CommandLine;
using Storyline.Core;
using Storyline.Ner.Evaluation;

namespace Storyline.Cli.Commands;

/// <summary>`storyline eval ner`: conlleval-exact entity F1 of the committed NER model on CoNLL-style files.</summary>
public static class EvalNerCommand
{
    public static Command Create()
    {
        var file = new Option<string?>("--file")
        {
            Description = "A CoNLL-style file: token in the first column, IOB1 or IOB2 gold tag in the last, -DOCSTART- and blank lines as usual " +
                          "(WNUT-17 types are mapped to PER/LOC/ORG/MISC). Default: CoNLL-2003 test (testb), CoNLL++ test, WNUT-17 test and the recent-news gold set (eval/ner-recent, dev and test halves).",
        };
        var check = new Option<bool>("--check") { Description = "Exit 7 when an F1 is below its floor in eval/floors/ner.json (shared sets only)." };
        var cmd = Cli.NewCommand("ner",
            "Tag the tokens of CoNLL-style files with the NER model (blank-line blocks are sentences, -DOCSTART- starts a document) " +
            "and score entities exactly as conlleval does: exact span and type, micro precision/recall/F1 overall and per type, " +
            "plus tokens per CPU-second (one thread). JSON figures are fractions (0..1).",
            "storyline eval ner",
            "storyline eval ner --file my-annotations.conll --json",
            "storyline eval ner --check");
        cmd.Add(file); cmd.Add(check);
        cmd.SetAction(r => Cli.Run(() =>
        {
            var path = r.GetValue(file);
            if (path is not null && !File.Exists(path)) return Cli.Error($"file not found: {path}", ExitCodes.NotFound);
            IReadOnlyList<NerScore> results = path is null ? NerEvaluator.RunShared() : [NerEvaluator.EvaluateFile(path)];
            var below = r.GetValue(check) && path is null ? EvalFloors.Check("ner", floors => NerEvaluator.BelowFloors(results, floors)) : [];
            if (r.GetValue(Cli.Json))
            {
                var sets = results.Select(Json).ToList();
                if (sets.Count == 1) Cli.WriteJson(sets[0]);
                else Cli.WriteJson(new
                {
                    // The headline figures are CoNLL-2003 test's; every set is under "sets".
                    precision = results[0].Precision / 100, recall = results[0].Recall / 100, f1 = results[0].F1 / 100,
                    sets, below_floor = below,
                });
            }
            else
            {
                foreach (var s in results) Console.WriteLine(s);
            }
            return EvalFloors.Report(below);
        }));
        return cmd;
    }

    private static object Json(NerScore s) => new
    {
        set = s.Name, file = s.Path, documents = s.Documents, sentences = s.Sentences, tokens = s.Tokens,
        precision = s.Precision / 100, recall = s.Recall / 100, f1 = s.F1 / 100,
        gold = s.Overall.Gold, predicted = s.Overall.Predicted, correct = s.Overall.Correct,
        tokens_per_second = Math.Round(s.TokensPerSecond), // per CPU-second, one thread
        wall_tokens_per_second = Math.Round(s.WallTokensPerSecond),
        per_type = s.PerType.ToDictionary(t => t.Type, t => new
        {
            precision = t.Precision / 100, recall = t.Recall / 100, f1 = t.F1 / 100, gold = t.Gold, predicted = t.Predicted, correct = t.Correct,
        }),
        note = s.Note,
    };
}
