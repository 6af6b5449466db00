using System.IO.Compression;
using Storyline.Core;
using Storyline.Ner.Conll;
using Storyline.Ner.Features;
using Storyline.Ner.Resources;

namespace Storyline.Ner.Model;

/// <summary>A tagging pass: which features it reads and its weights.</summary>
public sealed record TaggingPass(FeatureSet Features, WeightTable Weights);

/// <summary>An entity found by the tagger: token range [Start, End) in the document's token list, and type.</summary>
public readonly record struct NerSpan(int Start, int End, string Type);

/// <summary>
/// The trained named-entity model: lexical resources plus one or two greedy left-to-right BILOU
/// passes (the second reads the first one's labels for the whole document). Immutable and
/// thread-safe; <see cref="Default"/> loads models/ner.bin.gz once, on first use.
/// </summary>
public sealed class NerModel
{
    public const string FileName = "ner.bin.gz";
    private const string Magic = "STORYLINE-NER";
    private const int FormatVersion = 1;
    /// <summary>Rows whose weights all stay below this are dropped when saving.</summary>
    public const float SaveMinWeight = 1e-3f;

    private static readonly Lazy<NerModel> LazyDefault = new(() => Load(RepoPaths.Model(FileName)), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The committed model, loaded once for the whole process.</summary>
    public static NerModel Default => LazyDefault.Value;

    [ThreadStatic] private static DocumentBuffer? t_buffer;

    public NerLexicon Lexicon { get; }
    public IReadOnlyList<TaggingPass> Passes { get; }
    /// <summary>Free-form notes written by the trainer (data, settings, dev score).</summary>
    public IReadOnlyDictionary<string, string> Info { get; }

    public NerModel(NerLexicon lexicon, IReadOnlyList<TaggingPass> passes, IReadOnlyDictionary<string, string>? info = null)
    {
        if (passes.Count is < 1 or > 2) throw new ArgumentException("a model has one or two passes", nameof(passes));
        Lexicon = lexicon; Passes = passes; Info = info ?? new Dictionary<string, string>();
    }

    /// <summary>
    /// Tags a document given as its tokens and the index of each sentence's first token.
    /// Returns entities as token ranges over the whole document.
    /// </summary>
    public List<NerSpan> Tag(IReadOnlyList<string> words, ReadOnlySpan<int> sentenceStarts)
    {
        var labels = new int[words.Count];
        TagLabels(words, sentenceStarts, labels);
        var spans = new List<NerSpan>();
        for (int s = 0; s < sentenceStarts.Length; s++)
        {
            int a = sentenceStarts[s], b = s + 1 < sentenceStarts.Length ? sentenceStarts[s + 1] : words.Count;
            foreach (var sp in EntityTags.SpansFromBilou(labels.AsSpan(a, b - a)))
                spans.Add(new NerSpan(a + sp.Start, a + sp.End, sp.Type));
        }
        return spans;
    }

    /// <summary>Writes one BILOU label id per token into <paramref name="labels"/> (see <see cref="EntityTags"/>).</summary>
    public void TagLabels(IReadOnlyList<string> words, ReadOnlySpan<int> sentenceStarts, Span<int> labels)
    {
        if (words.Count == 0) return;
        if (sentenceStarts.Length == 0 || sentenceStarts[0] != 0) throw new ArgumentException("sentence starts must begin with 0", nameof(sentenceStarts));
        var buf = t_buffer ??= new DocumentBuffer();
        var first = Passes[0];
        FeatureExtractor.Prepare(buf, words, sentenceStarts, Lexicon, first.Features | (Passes.Count > 1 ? Passes[1].Features : 0));
        Decoder.Run(buf, first, null);
        if (Passes.Count > 1)
        {
            Array.Copy(buf.Labels, buf.Pass1, buf.TokenCount);
            FeatureExtractor.BuildAggregates(buf);
            buf.HistoryIndex.Clear();
            Decoder.Run(buf, Passes[1], null);
        }
        buf.Labels.AsSpan(0, words.Count).CopyTo(labels);
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var tmp = path + ".tmp";
        using (var fs = File.Create(tmp))
        using (var gz = new GZipStream(fs, CompressionLevel.SmallestSize))
        using (var w = new BinaryWriter(gz))
        {
            w.Write(Magic); w.Write(FormatVersion);
            w.Write(Info.Count);
            foreach (var (k, v) in Info.OrderBy(kv => kv.Key, StringComparer.Ordinal)) { w.Write(k); w.Write(v); }
            Lexicon.Case.Write(w);
            Lexicon.Clusters.Write(w);
            Lexicon.External.Write(w);
            Lexicon.Mined.Write(w);
            w.Write(Passes.Count);
            foreach (var p in Passes) { w.Write((int)p.Features); p.Weights.Write(w, SaveMinWeight); }
        }
        File.Move(tmp, path, overwrite: true);
    }

    public static NerModel Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"NER model not found at {path}; train it with `./storyline train ner` (NerTrainer.Train).", path);
        using var fs = File.OpenRead(path);
        using var gz = new GZipStream(fs, CompressionMode.Decompress);
        using var r = new BinaryReader(new BufferedStream(gz, 1 << 16));
        if (r.ReadString() != Magic) throw new InvalidDataException($"{path} is not a Storyline NER model");
        int version = r.ReadInt32();
        if (version != FormatVersion) throw new InvalidDataException($"{path}: model format {version}, expected {FormatVersion}; retrain");
        var info = new Dictionary<string, string>(StringComparer.Ordinal);
        int ni = r.ReadInt32();
        for (int i = 0; i < ni; i++) info[r.ReadString()] = r.ReadString();
        var lex = new NerLexicon
        {
            Case = CaseStats.Read(r),
            Clusters = WordClusters.Read(r),
            External = Gazetteer.Read(r),
            Mined = Gazetteer.Read(r),
        };
        int np = r.ReadInt32();
        var passes = new List<TaggingPass>();
        for (int i = 0; i < np; i++)
        {
            var set = (FeatureSet)r.ReadInt32();
            passes.Add(new TaggingPass(set, WeightTable.Read(r)));
        }
        return new NerModel(lex, passes, info);
    }
}

/// <summary>Greedy left-to-right decoding under BILOU constraints; optionally learns (perceptron) as it goes.</summary>
internal static class Decoder
{
    private static readonly bool[] AllowedTable = BuildAllowed();
    private static int L => EntityTags.LabelCount;

    /// <summary>Whether <paramref name="cur"/> may follow <paramref name="prev"/> (-1 = sentence start).</summary>
    public static bool Allowed(int prev, int cur, bool last) => AllowedTable[((prev + 1) * L + cur) * 2 + (last ? 1 : 0)];

    private static bool[] BuildAllowed()
    {
        var t = new bool[(EntityTags.LabelCount + 1) * EntityTags.LabelCount * 2];
        for (int prev = -1; prev < EntityTags.LabelCount; prev++)
            for (int cur = 0; cur < EntityTags.LabelCount; cur++)
                for (int last = 0; last < 2; last++)
                {
                    bool ok;
                    int pp = prev <= 0 ? -1 : EntityTags.PositionOf(prev), pt = prev <= 0 ? -1 : EntityTags.TypeOf(prev);
                    int cp = EntityTags.PositionOf(cur), ct = EntityTags.TypeOf(cur);
                    bool open = pp is EntityTags.B or EntityTags.I;
                    if (open) ok = cur != EntityTags.Outside && ct == pt && (cp == EntityTags.L || (cp == EntityTags.I && last == 0));
                    else ok = cur == EntityTags.Outside || cp == EntityTags.U || (cp == EntityTags.B && last == 0);
                    t[((prev + 1) * EntityTags.LabelCount + cur) * 2 + last] = ok;
                }
        return t;
    }

    /// <summary>Learning hook: called per token with the features, the predicted label; returns the label to keep as history.</summary>
    public delegate int Learn(ReadOnlySpan<ulong> features, int tokenIndex, int predicted);

    public static void Run(DocumentBuffer buf, TaggingPass pass, Learn? learn)
    {
        var set = pass.Features;
        var scores = buf.Scores;
        for (int s = 0; s < buf.SentenceCount; s++)
        {
            int a = buf.SentenceStart[s], b = buf.SentenceStart[s + 1];
            int prev = -1, prev2 = -1;
            for (int i = a; i < b; i++)
            {
                int n = FeatureExtractor.Extract(buf, i, a, b, set, prev, prev2);
                var feats = buf.Features.AsSpan(0, n);
                pass.Weights.Score(feats, scores);
                bool last = i == b - 1;
                int best = -1; float bestScore = float.NegativeInfinity;
                for (int c = 0; c < L; c++)
                {
                    if (!Allowed(prev, c, last)) continue;
                    if (scores[c] > bestScore) { bestScore = scores[c]; best = c; }
                }
                int keep = learn is null ? best : learn(feats, i, best);
                buf.Labels[i] = keep;
                if ((set & FeatureSet.PredictionHistory) != 0) FeatureExtractor.RecordHistory(buf, i, keep);
                prev2 = prev; prev = keep;
            }
        }
    }
}
