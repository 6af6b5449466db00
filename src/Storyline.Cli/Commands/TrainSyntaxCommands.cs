using System.CommandLine;
using System.Globalization;
using Storyline.Core;
using Storyline.Language.Syntax;

namespace Storyline.Cli.Commands;

/// <summary>`storyline train pos`: reproduce models/pos.bin.gz from UD English EWT (train; epoch chosen on dev).</summary>
public static class TrainPosCommand
{
    public static Command Create()
    {
        var epochs = new Option<int?>("--epochs") { Description = "Training epochs (default 8; the best on dev is kept)." };
        var output = new Option<string?>("--out") { Description = "Where to write the model (default: models/pos.bin.gz)." };
        var cmd = Cli.NewCommand("pos",
            "Train the part-of-speech tagger (averaged perceptron, UPOS and PTB tags) on UD English EWT train, keep the epoch " +
            "best on dev, and print UPOS accuracy on test. About a minute on one core.",
            "storyline train pos", "storyline train pos --out /tmp/pos.bin.gz --json");
        cmd.Add(epochs); cmd.Add(output);
        TrainOutput.SetAction(cmd, output, () => RepoPaths.Model(PosTagger.DefaultModelFile), (r, path) =>
        {
            bool json = r.GetValue(Cli.Json);
            var o = new TaggerTrainingOptions();
            if (r.GetValue(epochs) is int n) o = o with { Epochs = n };
            var tagger = SyntaxTrainer.TrainTagger(SyntaxTrainer.EwtFile("train"), SyntaxTrainer.EwtFile("dev"), o, json ? null : Console.Out);
            tagger.Save(path);
            var test = SyntaxTrainer.TaggerScores(tagger, SyntaxTrainer.EwtFile("test"));
            if (json) Cli.WriteJson(new { model = path, test_upos_accuracy = test.Upos, test_xpos_accuracy = test.Xpos });
            else Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"model written to {path}; EWT test UPOS {test.Upos:0.0000}, PTB tag {test.Xpos:0.0000}"));
            return ExitCodes.Success;
        });
        return cmd;
    }
}

/// <summary>`storyline train parser`: reproduce models/parser.bin.gz from UD English EWT (train; epoch chosen on dev).</summary>
public static class TrainParserCommand
{
    public static Command Create()
    {
        var epochs = new Option<int?>("--epochs") { Description = "Training epochs (default 12; the best on dev LAS is kept)." };
        var tagger = new Option<string?>("--tagger") { Description = "Tagger model whose tags the parser reads at dev time (default: models/pos.bin.gz)." };
        var output = new Option<string?>("--out") { Description = "Where to write the model (default: models/parser.bin.gz)." };
        var cmd = Cli.NewCommand("parser",
            "Train the labelled arc-hybrid dependency parser (averaged perceptron, dynamic oracle) on UD English EWT train with " +
            "jack-knifed predicted tags, keep the epoch best on dev LAS, prune, and print UAS/LAS on test. " +
            "Takes 10-30 minutes on 2 cores.",
            "storyline train parser", "storyline train parser --epochs 4 --out /tmp/parser.bin.gz");
        cmd.Add(epochs); cmd.Add(tagger); cmd.Add(output);
        TrainOutput.SetAction(cmd, output, () => RepoPaths.Model(DependencyParser.DefaultModelFile), (r, path) =>
        {
            bool json = r.GetValue(Cli.Json);
            var o = new ParserTrainingOptions();
            if (r.GetValue(epochs) is int n) o = o with { Epochs = n };
            var posTagger = PosTagger.Load(r.GetValue(tagger) ?? RepoPaths.Model(PosTagger.DefaultModelFile));
            var parser = SyntaxTrainer.TrainParser(SyntaxTrainer.EwtFile("train"), SyntaxTrainer.EwtFile("dev"), posTagger, o, null, json ? null : Console.Out);
            parser.Save(path);
            var test = SyntaxEvaluator.Evaluate([.. ConlluReader.Read(SyntaxTrainer.EwtFile("test"))], posTagger, parser);
            if (json) Cli.WriteJson(new { model = path, test_uas = test.Uas, test_las = test.Las, test_upos_accuracy = test.UposAccuracy });
            else Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"model written to {path}; EWT test UAS {test.Uas:0.0000}, LAS {test.Las:0.0000} (tags from the given tagger)"));
            return ExitCodes.Success;
        });
        return cmd;
    }
}
