using System.Text;
using Storyline.Core;
using Storyline.Language.Learning;

namespace Storyline.Language.Syntax;

/// <summary>
/// Greedy left-to-right part-of-speech tagger with an averaged perceptron (Honnibal 2013): features of the
/// word, its affixes and shape, its neighbours and the two previous predicted tags. Each class is a
/// (UPOS, PTB tag) pair, so both tag sets come out of one decision. Frequent unambiguous words are tagged
/// from a dictionary. Immutable and thread-safe once loaded.
/// </summary>
public sealed class PosTagger
{
    /// <summary>File name of the committed model under models/.</summary>
    public const string DefaultModelFile = "pos.bin";

    private const int Magic = 0x53505453; // "STPS"
    private const int FormatVersion = 1;
    private const int MaxFeatures = 40;

    private static readonly Lazy<PosTagger> Shared = ModelStore.Lazy(DefaultModelFile, "train pos", Load);

    /// <summary>The committed model, loaded once on first use.</summary>
    public static PosTagger Default => Shared.Value;

    internal PerceptronModel Model { get; }
    internal string[] Upos { get; }
    internal string[] Xpos { get; }
    internal Dictionary<string, int> TagDictionary { get; }

    /// <summary>Lemmatizer learned with the tagger.</summary>
    public Lemmatizer Lemmatizer { get; }

    /// <summary>Class labels as "UPOS|XPOS".</summary>
    public IReadOnlyList<string> Classes => Model.Labels!;

    internal PosTagger(PerceptronModel model, Dictionary<string, int> tagDictionary, Lemmatizer lemmatizer)
    {
        Model = model;
        TagDictionary = tagDictionary;
        Lemmatizer = lemmatizer;
        var labels = model.Labels ?? throw new InvalidDataException("tagger model has no class labels");
        Upos = [.. labels.Select(l => l[..l.IndexOf('|', StringComparison.Ordinal)])];
        Xpos = [.. labels.Select(l => l[(l.IndexOf('|', StringComparison.Ordinal) + 1)..])];
    }

    /// <summary>Tags a sentence; returns (UPOS, PTB tag) per word.</summary>
    public (string Upos, string Xpos)[] Tag(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var classes = new int[words.Count];
        TagClasses(words, classes);
        return [.. classes.Select(c => (Upos[c], Xpos[c]))];
    }

    /// <summary>Tags a sentence into class ids (see <see cref="Classes"/>).</summary>
    public void TagClasses(IReadOnlyList<string> words, Span<int> classes)
    {
        ArgumentNullException.ThrowIfNull(words);
        var ctx = new TaggerContext(words);
        Span<ulong> feats = stackalloc ulong[MaxFeatures];
        Span<float> scores = stackalloc float[Model.ClassCount];
        int prev = TaggerContext.Start, prev2 = TaggerContext.Start2;
        for (int i = 0; i < words.Count; i++)
        {
            if (!TagDictionary.TryGetValue(ctx.Norm[i + TaggerContext.Pad], out int c))
            {
                int n = ctx.Features(i, prev, prev2, feats);
                Model.Score(feats[..n], scores);
                c = PerceptronModel.ArgMax(scores);
            }
            classes[i] = c;
            prev2 = prev;
            prev = c;
        }
    }

    internal string UposOf(int c) => Upos[c];
    internal string XposOf(int c) => Xpos[c];

    /// <summary>Writes the model uncompressed (see <see cref="ModelFiles"/>); entries in ordinal key order, so a model saves to the same bytes.</summary>
    public void Save(string path) => ModelFiles.Save(path, w =>
    {
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(TagDictionary.Count);
        foreach (var (k, v) in TagDictionary.OrderBy(kv => kv.Key, StringComparer.Ordinal)) { w.Write(k); w.Write7BitEncodedInt(v); }
        w.Write(Lemmatizer.Table.Count);
        foreach (var (k, v) in Lemmatizer.Table.OrderBy(kv => kv.Key, StringComparer.Ordinal)) { w.Write(k); w.Write(v); }
        Model.Write(w);
    });

    public static PosTagger Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"POS model not found: {path} (train it with SyntaxTrainer.TrainTagger or `storyline train pos`)", path);
        using var r = new BinaryReader(ModelFiles.OpenRead(path), Encoding.UTF8);
        if (r.ReadInt32() != Magic) throw new InvalidDataException($"{path} is not a POS model");
        int version = r.ReadInt32();
        if (version != FormatVersion) throw new InvalidDataException($"{path}: unsupported POS model version {version}");
        var dict = StartupTrace.Measure("  pos: tag dictionary", () =>
        {
            int n = r.ReadInt32();
            var d = new Dictionary<string, int>(n, StringComparer.Ordinal);
            for (int i = 0; i < n; i++) d[r.ReadString()] = r.Read7BitEncodedInt();
            return d;
        });
        var lemmas = StartupTrace.Measure("  pos: lemmas", () =>
        {
            int m = r.ReadInt32();
            var l = new Dictionary<string, string>(m, StringComparer.Ordinal);
            for (int i = 0; i < m; i++) l[r.ReadString()] = r.ReadString();
            return l;
        });
        var model = StartupTrace.Measure("  pos: weights", () => PerceptronModel.Read(r));
        return new PosTagger(model, dict, new Lemmatizer(lemmas));
    }
}

/// <summary>Per-sentence precomputed word forms and the tagger's feature templates.</summary>
internal sealed class TaggerContext
{
    public const int Pad = 2;
    public const int Start = -1, Start2 = -2;
    private const int SuffixMax = 4;

    public readonly string[] Norm;
    public readonly ulong[] WordHash;
    private readonly string[] _raw;
    private readonly string[] _shape;

    private enum T
    {
        Bias = 1, Word, Suf1, Suf2, Suf3, Suf4, Pre1, Pre2, Shape, Prev, Prev2, PrevPrev2, PrevWord, PrevPrevWord,
        W1, W1Suf3, W2, Wn1, Wn1Suf3, Wn2, PrevW1Word, WordWn1, Caps, FirstCaps, Hyphen, Prev2Word,
    }

    public TaggerContext(IReadOnlyList<string> words)
    {
        int n = words.Count;
        Norm = new string[n + 2 * Pad];
        _raw = new string[n + 2 * Pad];
        _shape = new string[n + 2 * Pad];
        WordHash = new ulong[n + 2 * Pad];
        Norm[0] = "-START2-"; Norm[1] = "-START-";
        Norm[n + Pad] = "-END-"; Norm[n + Pad + 1] = "-END2-";
        for (int k = 0; k < Pad; k++)
        {
            _raw[k] = Norm[k]; _raw[n + Pad + k] = Norm[n + Pad + k];
            _shape[k] = _raw[k]; _shape[n + Pad + k] = _raw[n + Pad + k];
        }
        for (int i = 0; i < n; i++)
        {
            _raw[i + Pad] = words[i];
            Norm[i + Pad] = WordForm.Normalize(words[i]);
            _shape[i + Pad] = WordForm.Shape(words[i]);
        }
        for (int k = 0; k < Norm.Length; k++) WordHash[k] = FeatureHash.Of(Norm[k]);
    }

    /// <summary>Writes the features of word i (given the two previous tags) into <paramref name="f"/>; returns their count.</summary>
    public int Features(int i, int prev, int prev2, Span<ulong> f)
    {
        int p = i + Pad;
        var w = Norm[p].AsSpan();
        int n = 0;
        f[n++] = FeatureHash.Of((int)T.Bias, 0);
        f[n++] = FeatureHash.Of((int)T.Word, w);
        f[n++] = FeatureHash.Of((int)T.Suf1, w[^Math.Min(1, w.Length)..]);
        f[n++] = FeatureHash.Of((int)T.Suf2, w[^Math.Min(2, w.Length)..]);
        f[n++] = FeatureHash.Of((int)T.Suf3, w[^Math.Min(3, w.Length)..]);
        if (w.Length > SuffixMax) f[n++] = FeatureHash.Of((int)T.Suf4, w[^SuffixMax..]);
        f[n++] = FeatureHash.Of((int)T.Pre1, w[..Math.Min(1, w.Length)]);
        f[n++] = FeatureHash.Of((int)T.Pre2, w[..Math.Min(2, w.Length)]);
        f[n++] = FeatureHash.Of((int)T.Shape, _shape[p]);
        f[n++] = FeatureHash.Of((int)T.Prev, prev);
        f[n++] = FeatureHash.Of((int)T.Prev2, prev2);
        f[n++] = FeatureHash.Of((int)T.PrevPrev2, prev, prev2);
        f[n++] = FeatureHash.Of((int)T.PrevWord, prev, (long)WordHash[p]);
        f[n++] = FeatureHash.Of((int)T.Prev2Word, prev2, (long)WordHash[p]);
        var w1 = Norm[p - 1].AsSpan();
        var wn1 = Norm[p + 1].AsSpan();
        f[n++] = FeatureHash.Of((int)T.W1, w1);
        f[n++] = FeatureHash.Of((int)T.W1Suf3, w1[^Math.Min(3, w1.Length)..]);
        f[n++] = FeatureHash.Of((int)T.W2, Norm[p - 2]);
        f[n++] = FeatureHash.Of((int)T.Wn1, wn1);
        f[n++] = FeatureHash.Of((int)T.Wn1Suf3, wn1[^Math.Min(3, wn1.Length)..]);
        f[n++] = FeatureHash.Of((int)T.Wn2, Norm[p + 2]);
        f[n++] = FeatureHash.Of((int)T.PrevW1Word, w1, w);
        f[n++] = FeatureHash.Of((int)T.WordWn1, w, wn1);
        var raw = _raw[p];
        bool caps = raw.Length > 0 && char.IsUpper(raw[0]);
        f[n++] = FeatureHash.Of((int)T.Caps, caps ? 1 : 0, i == 0 ? 1 : 0);
        if (caps) f[n++] = FeatureHash.Of((int)T.FirstCaps, raw.AsSpan(0, 1), w);
        if (raw.Contains('-', StringComparison.Ordinal) && raw.Length > 1)
            f[n++] = FeatureHash.Of((int)T.Hyphen, w[(w.LastIndexOf('-') + 1)..]);
        return n;
    }
}
