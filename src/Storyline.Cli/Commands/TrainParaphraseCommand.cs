using Storyline.Embeddings;
using System.CommandLine;
using System.Globalization;
using Storyline.Core;
using Storyline.Stories.Embedding;
using Storyline.Stories.Rewrite;
using Storyline.Stories.Training;

namespace Storyline.Cli.Commands;

/// <summary>`storyline train paraphrase`: reproduce models/stories-paraphrase.json (the sentence-pair paraphrase classifier).</summary>
public static class TrainParaphraseCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "An MSRP-format train file. Default: ../shared/data/dedup/msrp/msr_paraphrase_train.txt." };
        var output = new Option<string?>("--out") { Description = "Where to write it (default: models/stories-paraphrase.json, or models/stories-paraphrase-embed.json with --embeddings)." };
        var embeddings = new Option<bool>("--embeddings")
        {
            Description = "Train the model that adds sentence-embedding features (MiniLM cosine of the two sentences), used when embeddings are on.",
        };
        var cmd = Cli.NewCommand("paraphrase",
            "Train the paraphrase classifier used to find rewritten sentences: logistic regression over sentence-pair features, " +
            $"fitted on our train part of the MSRP train file, L2 and threshold chosen on dev ({MsrpCorpus.DevPercent} %), scored on " +
            $"the test part ({MsrpCorpus.TestPercent} %, never tuned on). The same inputs always give the same bytes.",
            "storyline train paraphrase", "storyline train paraphrase --verify", "storyline train paraphrase --embeddings", "storyline train paraphrase --out /tmp/p.json --json");
        cmd.Add(data); cmd.Add(output); cmd.Add(embeddings);
        TrainOutput.SetAction(cmd, output,
            r => RepoPaths.Model(r.GetValue(embeddings) ? ParaphraseClassifier.EmbeddingModelFile : ParaphraseClassifier.ModelFile), (r, path) =>
        {
            var msrp = r.GetValue(data) ?? RepoPaths.Data("dedup", "msrp", "msr_paraphrase_train.txt");
            if (!File.Exists(msrp)) return Cli.Error($"file not found: {msrp}", ExitCodes.NotFound);
            var res = ParaphraseTrainer.Train(msrp, embedder: r.GetValue(embeddings) ? new MiniLmEmbedder() : null);
            var bytes = ParaphraseTrainer.Serialize(res.Classifier.Model);
            return TrainOutput.Write(r, path, bytes,
                new { dev_accuracy = res.DevAccuracy, test_accuracy = res.TestAccuracy, test_f1 = res.TestF1, l2 = res.Classifier.Model.L2,
                    threshold = res.Classifier.Model.Threshold, train = res.Train, dev = res.Dev, test = res.Test },
                string.Create(CultureInfo.InvariantCulture,
                    $"L2 {res.Classifier.Model.L2}, threshold {res.Classifier.Model.Threshold:F2}; dev accuracy {res.DevAccuracy:F3}; test accuracy {res.TestAccuracy:F3}, F1 {res.TestF1:F3} ({res.Train}/{res.Dev}/{res.Test} pairs)"));
        });
        return cmd;
    }
}
