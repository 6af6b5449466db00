using System.CommandLine;
using System.Globalization;
using Storyline.Ner.Evaluation;
using Storyline.Ner.Training;

namespace Storyline.Cli.Commands;

/// <summary>`storyline train ner`: reproduce models/ner.bin.gz from CoNLL-2003 (train; epochs chosen on testa).</summary>
public static class TrainNerCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--out") { Description = "Where to write the model (default: models/ner.bin.gz)." };
        var epochs = new Option<int?>("--max-epochs") { Description = "Most epochs per pass (default 20; the best on dev is kept)." };
        var onePass = new Option<bool>("--one-pass") { Description = "Skip the second, document-aggregate pass (faster to train and run, slightly less accurate)." };
        var cmd = Cli.NewCommand("ner",
            "Train the named-entity recogniser (greedy BILOU averaged perceptron with word clusters learned from the unlabelled " +
            "text in ../shared/data, gazetteers and document-level features) on CoNLL-2003 eng.train, keep the epoch best on " +
            "eng.testa (dev), and print F1 on the shared test sets. Takes about 5-10 minutes on 2 cores.",
            "storyline train ner", "storyline train ner --out /tmp/ner.bin.gz --json");
        cmd.Add(output); cmd.Add(epochs); cmd.Add(onePass);
        cmd.SetAction(r => Cli.Run(() =>
        {
            bool json = r.GetValue(Cli.Json);
            var o = new NerTrainerOptions { OutputPath = r.GetValue(output), Log = json ? null : Console.WriteLine };
            if (r.GetValue(epochs) is int n) o = o with { MaxEpochs = n };
            if (r.GetValue(onePass)) o = o with { TwoPass = false };
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
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model written to {result.SavedTo}; dev (testa) F1 {result.DevF1:0.00}"));
                foreach (var t in test) Console.WriteLine(t);
            }
            return ExitCodes.Success;
        }));
        return cmd;
    }
}
