using System.IO.Compression;
using Storyline.Core;
using Storyline.Stories.Text;

namespace Storyline.Stories.Engine;

/// <summary>
/// Document frequencies from a background news corpus, added to the running frequencies so that IDF is
/// sensible from the first document on (the first hundred documents of a fresh store would otherwise
/// weigh "said" like a name). Trained by BackgroundIdfTrainer (Storyline.Training, `./storyline train idf`); stored as models/stories-idf.bin.gz.
/// </summary>
public sealed class BackgroundIdf
{
    public const string ModelFile = "stories-idf.bin.gz";

    private readonly Dictionary<ulong, int> _df;
    public int Documents { get; }

    internal BackgroundIdf(Dictionary<ulong, int> df, int docs) { _df = df; Documents = docs; }

    public int Df(ulong key) => _df.GetValueOrDefault(key);

    /// <summary>Number of keys in the table.</summary>
    public int Terms => _df.Count;

    private static readonly Lazy<BackgroundIdf> _default = ModelStore.Lazy(ModelFile, "train idf", Load);

    /// <summary>The committed background frequencies (models/stories-idf.bin.gz); a missing file is an error.</summary>
    public static BackgroundIdf Default => _default.Value;

    internal static int DocumentCount(StoryOptions o) => o.UseBackgroundIdf ? Default.Documents : 0;

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
}
