using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storyline.Cleaning;

/// <summary>
/// A trained line classifier: logistic regression over <see cref="LineFeatures"/>. Immutable and thread-safe;
/// scores P(debris) for every line of a document.
/// </summary>
public sealed class LineModel
{
    /// <summary>Format tag written into the model file; bump when features change incompatibly.</summary>
    public const string FormatId = "storyline.cleaning-lines.v1";

    private readonly Dictionary<string, float> _weights;
    private readonly Dictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Lines outside the body (before its first or after its last paragraph) with P(debris) at or above this are debris.</summary>
    public float Threshold { get; }
    /// <summary>Lines inside the body with P(debris) at or above this are debris (above 1: the classifier never removes body lines).</summary>
    public float InsideThreshold { get; }
    public IReadOnlyDictionary<string, float> Weights => _weights;
    /// <summary>Free-form training facts (pages, lines, split, figures) stored with the model.</summary>
    public IReadOnlyDictionary<string, string> Info { get; }

    public LineModel(Dictionary<string, float> weights, float threshold, float insideThreshold, IReadOnlyDictionary<string, string>? info = null)
    {
        InsideThreshold = insideThreshold;
        _weights = new Dictionary<string, float>(weights, StringComparer.Ordinal);
        _lookup = _weights.GetAlternateLookup<ReadOnlySpan<char>>();
        Threshold = threshold;
        Info = info ?? new Dictionary<string, string>();
    }

    /// <summary>A model with the same weights and another threshold (for threshold tuning).</summary>
    public LineModel WithThresholds(float threshold, float insideThreshold) => new(_weights, threshold, insideThreshold, Info);

    /// <summary>A threshold no probability reaches.</summary>
    public const float Never = 2f;

    /// <summary>P(debris) for each line of the context.</summary>
    public float[] Score(LineContext ctx)
    {
        var p = new float[ctx.Lines.Length];
        var sink = new ScoreSink(this);
        for (int i = 0; i < p.Length; i++)
        {
            sink.Sum = 0;
            LineFeatures.Extract(ctx, i, sink);
            p[i] = Sigmoid(sink.Sum);
        }
        return p;
    }

    internal static float Sigmoid(double z) => (float)(1.0 / (1.0 + Math.Exp(-z)));

    private sealed class ScoreSink(LineModel m) : IFeatureSink
    {
        public double Sum;
        public void Add(string name, float value = 1f) { if (m._weights.TryGetValue(name, out var w)) Sum += w * value; }
        public void Add(ReadOnlySpan<char> name) { if (m._lookup.TryGetValue(name, out var w)) Sum += w; }
    }

    private sealed class ModelFile
    {
        [JsonPropertyName("format")] public string Format { get; set; } = FormatId;
        [JsonPropertyName("threshold")] public float Threshold { get; set; }
        [JsonPropertyName("inside_threshold")] public float InsideThreshold { get; set; } = Never;
        [JsonPropertyName("info")] public SortedDictionary<string, string> Info { get; set; } = [];
        [JsonPropertyName("weights")] public SortedDictionary<string, float> Weights { get; set; } = [];
    }

    /// <summary>Weights are rounded to this many decimals when saved (keeps the file small and diffs readable).</summary>
    private const int SavedDecimals = 4;

    public void Save(string path)
    {
        var file = new ModelFile
        {
            Threshold = Threshold,
            InsideThreshold = InsideThreshold,
            Info = new SortedDictionary<string, string>(Info.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal),
            Weights = new SortedDictionary<string, float>(StringComparer.Ordinal),
        };
        foreach (var (k, v) in _weights)
        {
            var r = (float)Math.Round(v, SavedDecimals);
            if (r != 0) file.Weights[k] = r;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var fs = File.Create(path);
        JsonSerializer.Serialize(fs, file); // default options: compact
    }

    public static LineModel Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"cleaning model not found at '{path}': reproduce it with `./storyline train cleaning` or set STORYLINE_MODELS", path);
        using var fs = File.OpenRead(path);
        var file = JsonSerializer.Deserialize<ModelFile>(fs) ?? throw new InvalidDataException($"empty model file '{path}'");
        if (file.Format != FormatId)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"model '{path}' has format '{file.Format}', expected '{FormatId}'"));
        return new LineModel(new Dictionary<string, float>(file.Weights, StringComparer.Ordinal), file.Threshold, file.InsideThreshold, file.Info);
    }
}
