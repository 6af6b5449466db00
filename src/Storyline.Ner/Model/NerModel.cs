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
/// The trained named-entity model: lexical resources plus one or two left-to-right BILOU passes
/// decoded with a beam (<see cref="BeamSize"/>; 1 = greedy), the second reading the first one's labels
/// for the whole document. The committed model has one pass and a beam of 4. Immutable and
/// thread-safe; <see cref="Default"/> loads models/ner.bin once, on first use.
/// </summary>
public sealed class NerModel
{
    public const string FileName = "ner.bin";
    private const string Magic = "STORYLINE-NER";
    // Format 2: uncompressed, tables as raw blocks (format 1 was gzip'd and written value by value).
    private const int FormatVersion = 2;
    /// <summary>Rows whose weights all stay below this are dropped when saving.</summary>
    public const float SaveMinWeight = 1e-3f;

    private static readonly Lazy<NerModel> LazyDefault = ModelStore.Lazy(FileName, "train ner", Load);

    /// <summary>The committed model, loaded once for the whole process.</summary>
    public static NerModel Default => LazyDefault.Value;

    [ThreadStatic] private static DocumentBuffer? t_buffer;

    public NerLexicon Lexicon { get; }
    public IReadOnlyList<TaggingPass> Passes { get; }
    /// <summary>Hypotheses kept by the beam search decoder; 1 = greedy. Read from the model's "beam" note when loaded.</summary>
    public int BeamSize { get; init; } = 1;
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
        Decode(buf, first);
        if (Passes.Count > 1)
        {
            Array.Copy(buf.Labels, buf.Pass1, buf.TokenCount);
            FeatureExtractor.BuildAggregates(buf);
            buf.HistoryIndex.Clear();
            Decode(buf, Passes[1]);
        }
        buf.Labels.AsSpan(0, words.Count).CopyTo(labels);
    }

    private void Decode(DocumentBuffer buf, TaggingPass pass)
    {
        if (BeamSize > 1) Decoder.RunBeam(buf, pass, BeamSize);
        else Decoder.Run(buf, pass, null);
    }

    /// <summary>Writes the model file (uncompressed, so loading is a few block reads; see <see cref="ModelFiles"/>).</summary>
    public void Save(string path) => ModelFiles.Save(path, w =>
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
        });

    public static NerModel Load(string path) => Load(path, 0);

    /// <summary>Loads a model, dropping weight rows smaller than <paramref name="minWeight"/> (for size/speed trade-offs).</summary>
    public static NerModel Load(string path, float minWeight)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"NER model not found at {path}; train it with `./storyline train ner` (NerTrainer.Train).", path);
        using var r = new BinaryReader(ModelFiles.OpenRead(path));
        if (r.ReadString() != Magic) throw new InvalidDataException($"{path} is not a Storyline NER model");
        int version = r.ReadInt32();
        if (version != FormatVersion) throw new InvalidDataException($"{path}: model format {version}, expected {FormatVersion}; retrain");
        var info = new Dictionary<string, string>(StringComparer.Ordinal);
        int ni = r.ReadInt32();
        for (int i = 0; i < ni; i++) info[r.ReadString()] = r.ReadString();
        var lex = new NerLexicon
        {
            Case = StartupTrace.Measure("  ner: case stats", () => CaseStats.Read(r)),
            Clusters = StartupTrace.Measure("  ner: word clusters", () => WordClusters.Read(r)),
            External = StartupTrace.Measure("  ner: external gazetteer", () => Gazetteer.Read(r)),
            Mined = StartupTrace.Measure("  ner: mined gazetteer", () => Gazetteer.Read(r)),
        };
        int np = r.ReadInt32();
        var passes = new List<TaggingPass>();
        for (int i = 0; i < np; i++)
        {
            var set = (FeatureSet)r.ReadInt32();
            passes.Add(new TaggingPass(set, StartupTrace.Measure("  ner: weights", () => WeightTable.Read(r, minWeight))));
        }
        int beam = info.TryGetValue(BeamNote, out var bs) && int.TryParse(bs, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var bv) ? bv : 1;
        return new NerModel(lex, passes, info) { BeamSize = Math.Max(1, beam) };
    }

    /// <summary>Key of the note that stores <see cref="BeamSize"/>.</summary>
    public const string BeamNote = "beam";
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

    /// <summary>
    /// Beam search over a sentence: label-independent features are scored once per token and the
    /// label-history features per hypothesis; a hypothesis scores the sum of its tokens' scores.
    /// Greedy decoding commits to B- and must then continue the entity through whatever follows;
    /// the beam can still choose the cheaper reading once the next words are seen. Prediction-history
    /// features see earlier sentences only (the labels of a sentence are known when it is finished).
    /// </summary>
    /// <summary>
    /// Training hook of <see cref="RunBeam"/>: the gold labels of tokens [start, end) of a sentence fell out
    /// of the beam at end-1, or lost at the sentence end; <paramref name="predicted"/> is the best hypothesis for them.
    /// </summary>
    public delegate void BeamUpdate(int start, int end, ReadOnlySpan<int> predicted);

    public static void RunBeam(DocumentBuffer buf, TaggingPass pass, int beam) => RunBeam(buf, pass, beam, null, null);

    /// <summary>
    /// As above; with <paramref name="gold"/> (document labels) and <paramref name="update"/> it trains like
    /// Collins &amp; Roark (2004): when the gold prefix leaves the beam it asks for an update on that prefix (early update).
    /// </summary>
    public static void RunBeam(DocumentBuffer buf, TaggingPass pass, int beam, int[]? gold, BeamUpdate? update)
    {
        var set = pass.Features;
        var obs = buf.Scores;
        Span<float> lab = stackalloc float[L];
        Span<ulong> lf = stackalloc ulong[FeatureExtractor.LabelFeatureCount];
        for (int s = 0; s < buf.SentenceCount; s++)
        {
            int a = buf.SentenceStart[s], b = buf.SentenceStart[s + 1], len = b - a;
            if (len == 0) continue;
            buf.EnsureBeam(len * beam);
            var labels = buf.BeamLabel; var back = buf.BeamBack;
            var cur = buf.BeamScore; var next = buf.BeamNext;
            int count = 1;
            cur[0] = 0;
            int goldK = gold is null ? -2 : 0; // index of the gold prefix in the beam; -2 = not tracked
            for (int j = 0; j < len; j++)
            {
                int i = a + j;
                int n = FeatureExtractor.Extract(buf, i, a, b, set, FeatureExtractor.NoHistory, 0);
                pass.Weights.Score(buf.Features.AsSpan(0, n), obs);
                bool last = j == len - 1;
                int made = 0;
                for (int k = 0; k < count; k++)
                {
                    int prev = j == 0 ? -1 : labels[(j - 1) * beam + k];
                    int prev2 = j <= 1 ? -1 : labels[(j - 2) * beam + back[(j - 1) * beam + k]];
                    FeatureExtractor.LabelFeatures(buf, i, prev, prev2, lf);
                    pass.Weights.Score(lf, lab);
                    for (int c = 0; c < L; c++)
                    {
                        if (!Allowed(prev, c, last)) continue;
                        float sc = cur[k] + obs[c] + lab[c];
                        // Insert into the sorted top-`beam` list of this position.
                        if (made == beam && sc <= next[beam - 1]) continue;
                        int at = made < beam ? made++ : beam - 1;
                        while (at > 0 && next[at - 1] < sc)
                        {
                            next[at] = next[at - 1];
                            labels[j * beam + at] = labels[j * beam + at - 1];
                            back[j * beam + at] = back[j * beam + at - 1];
                            at--;
                        }
                        next[at] = sc; labels[j * beam + at] = c; back[j * beam + at] = k;
                    }
                }
                count = made;
                (cur, next) = (next, cur);
                if (goldK != -2)
                {
                    int found = -1;
                    for (int k = 0; k < count && found < 0; k++)
                        if (labels[j * beam + k] == gold![i] && (j == 0 || back[j * beam + k] == goldK)) found = k;
                    goldK = found;
                    if (found < 0)
                    {
                        Span<int> pred = buf.BeamPath.AsSpan(0, j + 1);
                        Backtrack(labels, back, beam, j, 0, pred);
                        update!(a, i + 1, pred);
                        goldK = -2;
                    }
                }
            }
            if (goldK >= 0 && goldK != 0)
            {
                // Gold survived but is not the best: standard update on the whole sentence.
                Span<int> pred = buf.BeamPath.AsSpan(0, len);
                Backtrack(labels, back, beam, len - 1, 0, pred);
                update!(a, b, pred);
            }
            // Follow the back-pointers of the best complete hypothesis.
            int e = 0;
            for (int j = len - 1; j >= 0; j--)
            {
                buf.Labels[a + j] = labels[j * beam + e];
                e = back[j * beam + e];
            }
            if ((set & FeatureSet.PredictionHistory) != 0)
                for (int i = a; i < b; i++) FeatureExtractor.RecordHistory(buf, i, buf.Labels[i]);
        }
    }

    private static void Backtrack(int[] labels, int[] back, int beam, int j, int e, Span<int> into)
    {
        for (; j >= 0; j--)
        {
            into[j] = labels[j * beam + e];
            e = back[j * beam + e];
        }
    }

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
