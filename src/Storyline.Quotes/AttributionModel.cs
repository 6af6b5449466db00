using System.IO.Compression;
using System.Text;
using Storyline.Core;
using Storyline.Language.Learning;

namespace Storyline.Quotes;

/// <summary>
/// The learned cue and role classifiers (averaged perceptrons) the quotes stage reads PolNeAR-style attributions
/// with: <see cref="Cue"/> tells whether a word anchors an attribution, <see cref="Role"/> whether a dependent of
/// that cue is its source, its content or neither. Built by <c>storyline train quotes</c> into models/quotes.bin,
/// loaded once on first use; without the file the stage runs on its rules alone.
/// </summary>
public sealed class AttributionModel
{
    public const string FileName = "quotes.bin";
    private const string Magic = "storyline.quotes.v1";

    /// <summary>Cue classifier: class 1 = the word anchors an attribution.</summary>
    public PerceptronModel Cue { get; }
    /// <summary>Role classifier: none, source, content.</summary>
    public PerceptronModel Role { get; }
    /// <summary>A word is a cue when its cue score margin exceeds this (chosen on PolNeAR dev).</summary>
    public float CueThreshold { get; }

    /// <summary>Lemmas that anchored attributions in training (only these words are scored as cues: bounded, fast).</summary>
    public IReadOnlySet<string> CueLemmas { get; }

    public AttributionModel(PerceptronModel cue, PerceptronModel role, float cueThreshold, IEnumerable<string> cueLemmas)
    {
        ArgumentNullException.ThrowIfNull(cueLemmas);
        CueLemmas = new HashSet<string>(cueLemmas, StringComparer.Ordinal);
        Cue = cue ?? throw new ArgumentNullException(nameof(cue));
        Role = role ?? throw new ArgumentNullException(nameof(role));
        CueThreshold = cueThreshold;
    }

    private static readonly Lazy<AttributionModel?> SharedModel = new(() => Load(ModelStore.Require(FileName, "train quotes")),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The shipped model (models/quotes.bin through <see cref="ModelStore"/>), loaded once; missing, it stops the run (exit 4).</summary>
    public static AttributionModel? Shared => SharedModel.Value;

    public void Save(string path)
    {
        using var fs = File.Create(path);
        using var gz = new GZipStream(fs, CompressionLevel.SmallestSize);
        using var w = new BinaryWriter(gz, Encoding.UTF8);
        w.Write(Magic);
        w.Write(CueThreshold);
        var lemmas = CueLemmas.Order(StringComparer.Ordinal).ToArray();
        w.Write(lemmas.Length);
        foreach (var l in lemmas) w.Write(l);
        Cue.Write(w);
        Role.Write(w);
    }

    public static AttributionModel Load(string path)
    {
        using var fs = File.OpenRead(path);
        using var gz = new GZipStream(fs, CompressionMode.Decompress);
        using var r = new BinaryReader(new BufferedStream(gz), Encoding.UTF8);
        if (r.ReadString() != Magic) throw new InvalidDataException($"{path} is not a quotes model");
        float threshold = r.ReadSingle();
        int count = r.ReadInt32();
        if (count < 0 || count > 1_000_000) throw new InvalidDataException($"{path}: bad lemma count");
        var lemmas = new string[count];
        for (int i = 0; i < count; i++) lemmas[i] = r.ReadString();
        var cue = PerceptronModel.Read(r);
        var role = PerceptronModel.Read(r);
        return new AttributionModel(cue, role, threshold, lemmas);
    }
}
