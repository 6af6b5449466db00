using System.CommandLine;
using System.Diagnostics;
using Storyline.Core;
using Storyline.Stories.Engine;
using Storyline.Stories.Eval;
using Storyline.Stories.Training;

namespace Storyline.Cli.Commands;

/// <summary>`storyline train idf`: reproduce models/stories-idf.bin.gz (the story engine's background document frequencies).</summary>
public static class TrainIdfCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "A PolNeAR-style folder (metadata.tsv, <part>/text/*.txt). Default: ../shared/data/quotes/polnear." };
        var output = new Option<string?>("--out") { Description = "Where to write it (default: models/stories-idf.bin.gz)." };
        var cmd = Cli.NewCommand("idf",
            "Count, over the PolNeAR news articles (all parts, duplicates dropped), in how many documents each term, name and number " +
            $"key of the story engine occurs, keep those seen in at least {BackgroundIdfTrainer.MinDf}, and write the table the engine " +
            "adds to its running frequencies so IDF is sensible from the first document on. The same inputs always give the same bytes.",
            "storyline train idf", "storyline train idf --verify", "storyline train idf --out /tmp/stories-idf.bin.gz --json");
        cmd.Add(data); cmd.Add(output);
        TrainOutput.SetAction(cmd, output, () => RepoPaths.Model(BackgroundIdf.ModelFile), (r, path) =>
        {
            var dir = r.GetValue(data) ?? RepoPaths.Data("quotes", "polnear");
            if (!File.Exists(Path.Combine(dir, "metadata.tsv"))) return Cli.Error($"no metadata.tsv in {dir}", ExitCodes.NotFound);
            var sw = Stopwatch.StartNew();
            using var ms = new MemoryStream();
            var idf = BackgroundIdfTrainer.Train(CorpusTexts.PolNear(dir).Select(a => a.Text), ms);
            var bytes = ms.ToArray();
            return TrainOutput.Write(r, path, bytes,
                new { documents = idf.Documents, terms = idf.Terms, ms = sw.ElapsedMilliseconds },
                $"{idf.Documents} documents, {idf.Terms} keys, {bytes.Length / 1024} KB ({sw.ElapsedMilliseconds} ms)");
        });
        return cmd;
    }
}
