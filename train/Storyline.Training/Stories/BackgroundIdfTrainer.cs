using System.IO.Compression;
using Storyline.Core;
using Storyline.Stories.Dedup;
using Storyline.Stories.Engine;

namespace Storyline.Stories.Training;

/// <summary>Builds <see cref="BackgroundIdf"/> (models/stories-idf.bin.gz, `./storyline train idf`) from background news texts.</summary>
public static class BackgroundIdfTrainer
{
    /// <summary>Terms seen in fewer background documents than this are not kept (they carry no prior).</summary>
    public const int MinDf = 2;

    /// <summary>Counts term, name and number keys (as the engine makes them) over the given texts and writes the model to <paramref name="output"/> (gzip'd).</summary>
    public static BackgroundIdf Train(IEnumerable<string> texts, Stream? output = null)
    {
        var df = new Dictionary<ulong, int>();
        int docs = 0;
        var opts = new StoryOptions { UseBackgroundIdf = false };
        var hasher = new MinHasher(opts.Dedup);
        foreach (var t in texts)
        {
            var a = DocumentAnalysis.Analyse(new Document { Origin = new DocumentOrigin("bg"), Text = t }, 1, hasher, opts);
            foreach (var k in a.TermCounts.Keys) df[k] = df.GetValueOrDefault(k) + 1;
            docs++;
        }
        var kept = df.Where(kv => kv.Value >= MinDf).OrderBy(kv => kv.Key).ToList();
        if (output is not null)
        {
            using var gz = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
            using var w = new BinaryWriter(gz);
            w.Write(docs); w.Write(kept.Count);
            foreach (var (k, v) in kept) { w.Write(k); w.Write(v); }
        }
        return new BackgroundIdf(kept.ToDictionary(kv => kv.Key, kv => kv.Value), docs);
    }
}
