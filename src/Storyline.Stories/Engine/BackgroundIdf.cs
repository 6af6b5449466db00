using System.IO.Compression;
using Storyline.Core;
using Storyline.Stories.Text;

namespace Storyline.Stories.Engine;

/// <summary>
/// Document frequencies from a background news corpus, added to the running frequencies so that IDF is
/// sensible from the first document on (the first hundred documents of a fresh store would otherwise
/// weigh "said" like a name). Trained by <see cref="Train"/>; stored as models/stories-idf.bin.gz.
/// </summary>
public sealed class BackgroundIdf
{
    public const string ModelFile = "stories-idf.bin.gz";
    /// <summary>Terms seen in fewer background documents than this are not kept (they carry no prior).</summary>
    public const int MinDf = 2;

    private readonly Dictionary<ulong, int> _df;
    public int Documents { get; }

    private BackgroundIdf(Dictionary<ulong, int> df, int docs) { _df = df; Documents = docs; }

    public int Df(ulong key) => _df.GetValueOrDefault(key);

    private static readonly Lazy<BackgroundIdf?> _default = new(() =>
    {
        var path = RepoPaths.Model(ModelFile);
        return File.Exists(path) ? Load(path) : null;
    });

    /// <summary>The committed background frequencies, or null when the model file is absent.</summary>
    public static BackgroundIdf? Default => _default.Value;

    internal static int DocumentCount(StoryOptions o) => o.UseBackgroundIdf ? Default?.Documents ?? 0 : 0;

    public static BackgroundIdf Load(string path)
    {
        using var fs = File.OpenRead(path);
        using var gz = new GZipStream(fs, CompressionMode.Decompress);
        using var r = new BinaryReader(gz);
        int docs = r.ReadInt32(), n = r.ReadInt32();
        var df = new Dictionary<ulong, int>(n);
        for (int i = 0; i < n; i++) df[r.ReadUInt64()] = r.ReadInt32();
        return new BackgroundIdf(df, docs);
    }

    /// <summary>Counts term, name and number keys (as the engine makes them) over the given texts and writes the model.</summary>
    public static BackgroundIdf Train(IEnumerable<string> texts, string? savePath = null)
    {
        var df = new Dictionary<ulong, int>();
        int docs = 0;
        var opts = new StoryOptions { UseBackgroundIdf = false };
        var hasher = new Dedup.MinHasher(opts.Dedup);
        foreach (var t in texts)
        {
            var a = DocumentAnalysis.Analyse(new Document { Origin = new DocumentOrigin("bg"), Text = t }, 1, hasher, opts);
            foreach (var k in a.TermCounts.Keys) df[k] = df.GetValueOrDefault(k) + 1;
            docs++;
        }
        var kept = df.Where(kv => kv.Value >= MinDf).OrderBy(kv => kv.Key).ToList();
        if (savePath is not null)
        {
            using var fs = File.Create(savePath);
            using var gz = new GZipStream(fs, CompressionLevel.SmallestSize);
            using var w = new BinaryWriter(gz);
            w.Write(docs); w.Write(kept.Count);
            foreach (var (k, v) in kept) { w.Write(k); w.Write(v); }
        }
        return new BackgroundIdf(kept.ToDictionary(kv => kv.Key, kv => kv.Value), docs);
    }
}
