using System.CommandLine;
using System.Globalization;
using Storyline.Core;
using Storyline.Language.Syntax;

namespace Storyline.Cli.Commands;

/// <summary>`storyline eval syntax`: UPOS accuracy and UAS/LAS of the committed tagger and parser on a CoNLL-U file.</summary>
public static class EvalSyntaxCommand
{
    public static Command Create()
    {
        var file = new Option<string?>("--file") { Description = "A gold CoNLL-U file (default: UD English EWT test, ../shared/data/syntax/ud-english-ewt)." };
        var check = new Option<bool>("--check") { Description = "Exit 7 when a figure is below its floor in eval/floors/syntax.json." };
        var cmd = Cli.NewCommand("syntax",
            "Tag and parse a gold CoNLL-U file (gold tokenisation, predicted tags) and print UPOS/PTB-tag accuracy, UAS and LAS " +
            "(CoNLL 2018 style: universal relation; las_full also requires the subtype) and tokens per CPU-second on one thread.",
            "storyline eval syntax", "storyline eval syntax --file my.conllu --json", "storyline eval syntax --check");
        cmd.Add(file); cmd.Add(check);
        cmd.SetAction(r => Cli.Run(() =>
        {
            var path = r.GetValue(file) ?? SyntaxTrainer.EwtFile("test");
            if (!File.Exists(path)) return Cli.Error($"file not found: {path}", ExitCodes.NotFound);
            var e = SyntaxEvaluator.Evaluate(path);
            var got = new Dictionary<string, double> { ["upos_accuracy"] = e.UposAccuracy, ["uas"] = e.Uas, ["las"] = e.Las };
            // A floor on a figure this command does not measure fails (as 0), so a typo in syntax.json cannot pass silently.
            var failures = r.GetValue(check) ? EvalFloors.Check("syntax", floors => EvalFloors.Below(floors, m => got.GetValueOrDefault(m))) : [];
            if (r.GetValue(Cli.Json))
                Cli.WriteJson(new
                {
                    file = path, upos_accuracy = e.UposAccuracy, xpos_accuracy = e.XposAccuracy, uas = e.Uas, las = e.Las, las_full = e.LasFull,
                    tokens = e.Tokens, sentences = e.Sentences, tokens_per_second = e.TokensPerSecond,
                    tagging_tokens_per_second = e.TaggingTokensPerSecond, parsing_tokens_per_second = e.ParsingTokensPerSecond,
                    below_floor = failures,
                });
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: {e.Sentences} sentences, {e.Tokens} tokens\n" +
                    $"UPOS {e.UposAccuracy:0.0000}  PTB tag {e.XposAccuracy:0.0000}  UAS {e.Uas:0.0000}  LAS {e.Las:0.0000}  LAS with subtypes {e.LasFull:0.0000}\n" +
                    $"speed (tokens per CPU-second): tagging {e.TaggingTokensPerSecond:0}, parsing {e.ParsingTokensPerSecond:0}, both {e.TokensPerSecond:0}"));
            }
            return EvalFloors.Report(failures);
        }));
        return cmd;
    }
}
