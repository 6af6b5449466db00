using System.CommandLine;
using System.Globalization;
using Storyline.Core;
using Storyline.Ner.Model;
using Storyline.Ner.Evaluation;
using Storyline.Ner.Training;

namespace Storyline.Cli.Commands;

/// <summary>`storyline train ner`: reproduce models/ner.bin.gz from CoNLL-2003 (train; epochs chosen on testa).</summary>
public static class TrainNerCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--out") { Description = "Where to write the model (default: models/ner.bin.gz)." };
        var epochs = new Option<int?>("--max-epochs") { Description = "Epochs per pass (default 18 on train+dev; with --tune at most 25, the best on dev is kept)." };
        var twoPass = new Option<bool>("--two-pass") { Description = "Add a second, document-aggregate pass (stacked on cross-validated first-pass labels; half the tagging speed)." };
        var selfGaz = new Option<bool>("--self-gazetteer") { Description = "Add gazetteer lists of the names a first model tags consistently in the unlabelled news (one more training pass)." };
        var cache = new Option<string?>("--resource-cache") { Description = "A file keeping the word clusters and case statistics between runs (rebuilt when absent); they are the same for the same shared data." };
        var ensemble = new Option<int?>("--ensemble") { Description = "Train each pass this many times with different shuffles and average the weights (training time only; default 2, 1 = a single run)." };
        var tune = new Option<bool>("--tune") { Description = "Train on eng.train only and keep the epoch best on eng.testa (how the settings were chosen); prints the dev F1." };
        var cmd = Cli.NewCommand("ner",
            "Train the named-entity recogniser (BILOU beam search with a structured averaged perceptron; word clusters learned from the " +
            "unlabelled text in ../shared/data, gazetteers, context aggregation and document-level features) on CoNLL-2003 " +
            "eng.train + eng.testa with the epochs chosen on eng.testa (use --tune to redo that choice), and print F1 on the shared " +
            "test sets. Takes about 4-8 minutes on 2 cores (two seeds averaged).",
            "storyline train ner", "storyline train ner --out /tmp/ner.bin.gz --json");
        cmd.Add(output); cmd.Add(epochs); cmd.Add(twoPass); cmd.Add(tune); cmd.Add(selfGaz); cmd.Add(cache); cmd.Add(ensemble);
        TrainOutput.SetAction(cmd, output, () => RepoPaths.Model(NerModel.FileName), (r, path) =>
        {
            bool json = r.GetValue(Cli.Json);
            var o = new NerTrainerOptions { OutputPath = path, Log = json ? null : Console.WriteLine };
            if (r.GetValue(epochs) is int n) o = o with { MaxEpochs = n, Pass1Epochs = n, Pass2Epochs = n };
            if (r.GetValue(twoPass)) o = o with { TwoPass = true };
            if (r.GetValue(tune)) o = o with { IncludeDev = false };
            if (r.GetValue(selfGaz)) o = o with { SelfGazetteer = true };
            if (r.GetValue(cache) is { Length: > 0 } c) o = o with { ResourceCache = c };
            if (r.GetValue(ensemble) is int k and > 0) o = o with { Ensemble = k };
            var result = NerTrainer.Train(o);
            var test = NerEvaluator.RunShared(result.Model);
            if (json)
                Cli.WriteJson(new
                {
                    model = result.SavedTo, dev_f1 = result.DevF1 / 100, seconds = Math.Round(result.Elapsed.TotalSeconds),
                    test = test.ToDictionary(t => t.Name, t => new { precision = t.Precision / 100, recall = t.Recall / 100, f1 = t.F1 / 100 }),
                });
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model written to {result.SavedTo}; dev (testa) F1 {(double.IsNaN(result.DevF1) ? "n/a (dev is in the training data)" : result.DevF1.ToString("0.00", CultureInfo.InvariantCulture))}"));
                foreach (var t in test) Console.WriteLine(t);
            }
            return ExitCodes.Success;
        });
        return cmd;
    }
}
