using System.Runtime.CompilerServices;
using System.Text;
using Storyline.Core;
using Storyline.Language.Learning;

namespace Storyline.Language.Syntax;

/// <summary>A parsed sentence: per word the 0-based head (-1 for the root) and the UD relation.</summary>
public sealed record ParseResult(int[] Heads, string[] Labels);

/// <summary>
/// Greedy labelled arc-hybrid dependency parser (Kuhlmann et al. 2011) with an averaged perceptron over
/// Zhang &amp; Nivre (2011)-style features, trained with Goldberg &amp; Nivre's (2013) dynamic oracle. The root
/// sits at the end of the buffer and may take one dependent, so every parse is a single projective tree.
/// Immutable and thread-safe once loaded.
/// </summary>
public sealed class DependencyParser
{
    /// <summary>File name of the committed model under models/.</summary>
    public const string DefaultModelFile = "parser.bin";

    private const int Magic = 0x50505453; // "STPP"
    private const int FormatVersion = 1;

    private static readonly Lazy<DependencyParser> Shared = ModelStore.Lazy(DefaultModelFile, "train parser", Load);

    /// <summary>The committed model, loaded once on first use.</summary>
    public static DependencyParser Default => Shared.Value;

    internal PerceptronModel Model { get; }
    internal ParserSystem System { get; }
    private readonly Dictionary<string, int> _tagIndex;

    internal DependencyParser(PerceptronModel model, IReadOnlyList<string> labels, IReadOnlyList<string> tags)
    {
        Model = model;
        System = new ParserSystem(labels);
        _tagIndex = tags.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        Tags = [.. tags];
    }

    /// <summary>Size of the model: features and (feature, class) weights.</summary>
    public (int Features, int Weights) Size => (Model.FeatureCount, Model.WeightCount);

    /// <summary>A copy with weights of magnitude at most <paramref name="threshold"/> removed.</summary>
    public DependencyParser Prune(float threshold) => new(Model.Prune(threshold), Labels, Tags);

    /// <summary>The dependency relations the parser predicts.</summary>
    public IReadOnlyList<string> Labels => System.Labels;

    /// <summary>The tag vocabulary ("UPOS|XPOS") the features use.</summary>
    internal string[] Tags { get; }

    internal int TagId(string upos, string xpos)
        => _tagIndex.TryGetValue(string.Concat(upos, "|", xpos), out int t) ? t
         : _tagIndex.TryGetValue(upos, out t) ? t : ParserFeatures.UnknownTag;

    /// <summary>Parses one sentence given its words and their (UPOS, PTB) tags.</summary>
    public ParseResult Parse(IReadOnlyList<string> words, IReadOnlyList<(string Upos, string Xpos)> tags)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(tags);
        if (words.Count != tags.Count) throw new ArgumentException("one tag per word is needed", nameof(tags));
        var tagIds = new int[words.Count];
        for (int i = 0; i < tagIds.Length; i++) tagIds[i] = TagId(tags[i].Upos, tags[i].Xpos);
        return Parse(words, tagIds);
    }

    internal ParseResult Parse(IReadOnlyList<string> words, int[] tagIds)
    {
        var fx = new ParserFeatures(words, tagIds);
        var state = new ParseState(words.Count);
        int classes = System.ClassCount;
        Span<float> scores = classes <= 512 ? stackalloc float[classes] : new float[classes];
        Span<ulong> feats = stackalloc ulong[ParserFeatures.MaxFeatures];
        while (!state.IsTerminal)
        {
            int n = fx.Extract(state, feats);
            Model.Score(feats[..n], scores);
            int best = -1;
            float bestScore = float.NegativeInfinity;
            for (int c = 0; c < classes; c++)
                if (scores[c] > bestScore && System.IsValid(state, c)) { bestScore = scores[c]; best = c; }
            System.Apply(state, best);
        }
        var labels = new string[words.Count];
        for (int i = 0; i < labels.Length; i++) labels[i] = System.Labels[state.Labels[i]];
        var heads = new int[words.Count];
        for (int i = 0; i < heads.Length; i++) heads[i] = state.Heads[i] == words.Count ? -1 : state.Heads[i];
        return new ParseResult(heads, labels);
    }

    /// <summary>Writes the model uncompressed (see <see cref="ModelFiles"/>).</summary>
    public void Save(string path) => ModelFiles.Save(path, w =>
    {
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(System.Labels.Count);
        foreach (var l in System.Labels) w.Write(l);
        w.Write(Tags.Length);
        foreach (var t in Tags) w.Write(t);
        Model.Write(w);
    });

    public static DependencyParser Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"parser model not found: {path} (train it with SyntaxTrainer.TrainParser or `storyline train parser`)", path);
        using var r = new BinaryReader(ModelFiles.OpenRead(path), Encoding.UTF8);
        if (r.ReadInt32() != Magic) throw new InvalidDataException($"{path} is not a parser model");
        int version = r.ReadInt32();
        if (version != FormatVersion) throw new InvalidDataException($"{path}: unsupported parser model version {version}");
        var labels = new string[r.ReadInt32()];
        for (int i = 0; i < labels.Length; i++) labels[i] = r.ReadString();
        var tags = new string[r.ReadInt32()];
        for (int i = 0; i < tags.Length; i++) tags[i] = r.ReadString();
        return new DependencyParser(PerceptronModel.Read(r), labels, tags);
    }
}

/// <summary>Arc-hybrid parser configuration: a stack, the buffer front, and the arcs built so far.</summary>
internal sealed class ParseState
{
    public const int None = -1;
    public readonly int N;              // words; index N is the root
    public readonly int[] Stack;
    public int Depth;                   // stack size
    public int B;                       // buffer front (N = root)
    public readonly int[] Heads;
    public readonly int[] Labels;
    public readonly int[] Left1, Left2, Right1, Right2, LeftCount, RightCount;

    public ParseState(int n)
    {
        N = n;
        Stack = new int[n + 1];
        Heads = new int[n + 1];
        Labels = new int[n + 1];
        Left1 = new int[n + 1]; Left2 = new int[n + 1]; Right1 = new int[n + 1]; Right2 = new int[n + 1];
        LeftCount = new int[n + 1]; RightCount = new int[n + 1];
        Array.Fill(Heads, None);
        Array.Fill(Left1, None); Array.Fill(Left2, None); Array.Fill(Right1, None); Array.Fill(Right2, None);
    }

    public bool IsTerminal => B == N && Depth == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int S(int k) => Depth > k ? Stack[Depth - 1 - k] : None;

    public void AddArc(int head, int child, int label)
    {
        Heads[child] = head;
        Labels[child] = label;
        if (child < head)
        {
            LeftCount[head]++;
            if (Left1[head] == None || child < Left1[head]) { Left2[head] = Left1[head]; Left1[head] = child; }
            else if (Left2[head] == None || child < Left2[head]) Left2[head] = child;
        }
        else
        {
            RightCount[head]++;
            if (Right1[head] == None || child > Right1[head]) { Right2[head] = Right1[head]; Right1[head] = child; }
            else if (Right2[head] == None || child > Right2[head]) Right2[head] = child;
        }
    }
}

/// <summary>The transition system: class 0 shifts, 1..L attach s0 leftwards to b, L+1..2L attach s0 to s1.</summary>
internal sealed class ParserSystem
{
    public const int Shift = 0;
    public const string RootLabel = "root";
    public IReadOnlyList<string> Labels { get; }
    public int L => Labels.Count;
    public int ClassCount => 1 + 2 * L;
    public readonly int RootLabelId;

    public ParserSystem(IReadOnlyList<string> labels)
    {
        Labels = [.. labels];
        RootLabelId = Labels.ToList().IndexOf(RootLabel);
        if (RootLabelId < 0) throw new InvalidDataException("parser labels lack 'root'");
    }

    public bool IsLeft(int c) => c >= 1 && c <= L;
    public int LabelOf(int c) => c <= L ? c - 1 : c - 1 - L;
    public static int LeftClass(int label) => 1 + label;
    public int RightClass(int label) => 1 + L + label;

    public bool IsValid(ParseState s, int c)
    {
        if (c == Shift) return s.B < s.N;
        if (c <= L)
        {
            if (s.Depth < 1) return false;
            // Only one word may attach to the root, and it must be the last one on the stack.
            bool toRoot = s.B == s.N;
            return toRoot ? s.Depth == 1 && c - 1 == RootLabelId : c - 1 != RootLabelId;
        }
        return s.Depth >= 2 && c - 1 - L != RootLabelId;
    }

    public void Apply(ParseState s, int c)
    {
        if (c == Shift) { s.Stack[s.Depth++] = s.B++; return; }
        int s0 = s.Stack[--s.Depth];
        if (c <= L) s.AddArc(s.B, s0, c - 1);
        else s.AddArc(s.Stack[s.Depth - 1], s0, c - 1 - L);
    }

    /// <summary>Cost given to classes that are not valid in a state.</summary>
    public const int Invalid = int.MaxValue;

    /// <summary>
    /// Dynamic-oracle cost of every class: gold arcs made unreachable (Goldberg &amp; Nivre 2013), plus one for a
    /// wrong label on a gold arc; <see cref="Invalid"/> for classes not allowed. <paramref name="goldHeads"/> uses N for the root.
    /// </summary>
    public void Costs(ParseState s, int[] goldHeads, int[] goldLabels, Span<int> costs)
    {
        int b = s.B, n = s.N;
        int s0 = s.S(0), s1 = s.S(1);
        costs[..ClassCount].Fill(Invalid);
        if (IsValid(s, Shift))
        {
            int cost = 0;
            for (int k = 0; k < s.Depth; k++)
            {
                int w = s.Stack[k];
                if (goldHeads[w] == b) cost++;
                if (goldHeads[b] == w && w != s0) cost++;
            }
            costs[Shift] = cost;
        }
        if (s0 < 0) return;
        int gh = goldHeads[s0];
        int lost = 0;
        for (int k = b; k < n; k++) if (goldHeads[k] == s0) lost++;
        // Left: s0 takes b as head.
        int leftBase = gh == b ? lost : lost + ((gh == s1 && s1 >= 0) || gh > b ? 1 : 0);
        // Right: s0 takes s1 as head.
        int rightBase = gh == s1 ? lost : lost + (gh >= b ? 1 : 0);
        for (int l = 0; l < L; l++)
        {
            int lc = LeftClass(l), rc = RightClass(l);
            if (IsValid(s, lc)) costs[lc] = leftBase + (gh == b && goldLabels[s0] != l ? 1 : 0);
            if (IsValid(s, rc)) costs[rc] = rightBase + (gh == s1 && goldLabels[s0] != l ? 1 : 0);
        }
    }
}

/// <summary>Feature templates of the parser over one sentence.</summary>
internal sealed class ParserFeatures
{
    public const int MaxFeatures = 96;
    public const int UnknownTag = -3;
    private const int NoneTag = -1, RootTag = -2, NoneLabel = -1;
    private const ulong NoneWord = 1, RootWord = 2;
    private static readonly int[] DistanceBuckets = [0, 1, 2, 3, 4, 5, 5, 5, 5, 5, 6];

    private readonly ulong[] _w;   // normalised word hash, root at N
    private readonly int[] _t;     // tag id, root at N

    private enum F
    {
        S0w = 100, S0t, S0wt, S1w, S1t, S1wt, B0w, B0t, B0wt, B1w, B1t, B1wt, B2t, S2t, B2w,
        S0wtB0wt, S0wtB0w, S0wB0wt, S0wtB0t, S0tB0wt, S0wB0w, S0tB0t, B0tB1t,
        S1wtS0wt, S1wS0w, S1tS0t, S1tS0w, S1wS0t, S1wtS0t, S1tS0wt,
        B0tB1tB2t, S0tB0tB1t, S1tS0tB0t, S0tS0ltB0t, S0tS0rtB0t, S0tB0tB0lt, S1tS0tS0lt, S1tS0tS0rt, S1tS1rtS0t,
        S2tS1tS0t, S0tS0ltS0l2t, S0tS0rtS0r2t, B0tB0ltB0l2t, S1tS1ltS0t, S1tS0tB1t,
        S0wD, S0tD, B0wD, B0tD, S0wB0wD, S0tB0tD, S1tS0tD1, S1wS0wD1, S1wD1,
        S0wVr, S0tVr, S0wVl, S0tVl, S1wVr, S1tVr, B0wVl, B0tVl, S1wVl, S1tVl,
        S0lw, S0lt, S0ll, S0rw, S0rt, S0rl, S0l2w, S0l2t, S0l2l, S0r2w, S0r2t, S0r2l,
        S1lw, S1lt, S1ll, S1rw, S1rt, S1rl, B0lw, B0lt, B0ll, B0l2w, B0l2t, B0l2l,
        S0tS0llS0l2l, S0tS0rlS0r2l, B0tB0llB0l2l, S1tS1rlS0t, S0wB0tB1t, S0tB0wB1t,
        Bias,
    }

    public ParserFeatures(IReadOnlyList<string> words, int[] tags)
    {
        int n = words.Count;
        _w = new ulong[n + 1];
        _t = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            _w[i] = FeatureHash.Of(WordForm.Normalize(words[i]));
            _t[i] = tags[i];
        }
        _w[n] = RootWord;
        _t[n] = RootTag;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long W(int i) => i < 0 ? (long)NoneWord : (long)_w[i];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int T(int i) => i < 0 ? NoneTag : _t[i];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Lab(ParseState s, int i) => i < 0 ? NoneLabel : s.Labels[i];

    private static int Bucket(int d) => d < DistanceBuckets.Length ? DistanceBuckets[d] : DistanceBuckets[^1] + 1;

    public int Extract(ParseState s, Span<ulong> f)
    {
        int s0 = s.S(0), s1 = s.S(1), s2 = s.S(2);
        int b0 = s.B, b1 = b0 + 1 <= s.N ? b0 + 1 : ParseState.None, b2 = b0 + 2 <= s.N ? b0 + 2 : ParseState.None;
        long s0w = W(s0), s1w = W(s1), b0w = W(b0), b1w = W(b1), b2w = W(b2);
        int s0t = T(s0), s1t = T(s1), s2t = T(s2), b0t = T(b0), b1t = T(b1), b2t = T(b2);
        int s0l = s0 >= 0 ? s.Left1[s0] : -1, s0l2 = s0 >= 0 ? s.Left2[s0] : -1;
        int s0r = s0 >= 0 ? s.Right1[s0] : -1, s0r2 = s0 >= 0 ? s.Right2[s0] : -1;
        int s1l = s1 >= 0 ? s.Left1[s1] : -1, s1r = s1 >= 0 ? s.Right1[s1] : -1;
        int b0l = s.Left1[b0], b0l2 = s.Left2[b0];
        int s0lt = T(s0l), s0l2t = T(s0l2), s0rt = T(s0r), s0r2t = T(s0r2), s1lt = T(s1l), s1rt = T(s1r), b0lt = T(b0l), b0l2t = T(b0l2);
        int d = s0 >= 0 ? Bucket(b0 - s0) : -1;
        int d1 = s0 >= 0 && s1 >= 0 ? Bucket(s0 - s1) : -1;
        int s0vl = s0 >= 0 ? s.LeftCount[s0] : -1, s0vr = s0 >= 0 ? s.RightCount[s0] : -1;
        int s1vl = s1 >= 0 ? s.LeftCount[s1] : -1, s1vr = s1 >= 0 ? s.RightCount[s1] : -1;
        int b0vl = s.LeftCount[b0];

        int n = 0;
        f[n++] = FeatureHash.Of((int)F.Bias, 0);
        f[n++] = FeatureHash.Of((int)F.S0w, s0w);
        f[n++] = FeatureHash.Of((int)F.S0t, s0t);
        f[n++] = FeatureHash.Of((int)F.S0wt, s0w, s0t);
        f[n++] = FeatureHash.Of((int)F.S1w, s1w);
        f[n++] = FeatureHash.Of((int)F.S1t, s1t);
        f[n++] = FeatureHash.Of((int)F.S1wt, s1w, s1t);
        f[n++] = FeatureHash.Of((int)F.B0w, b0w);
        f[n++] = FeatureHash.Of((int)F.B0t, b0t);
        f[n++] = FeatureHash.Of((int)F.B0wt, b0w, b0t);
        f[n++] = FeatureHash.Of((int)F.B1w, b1w);
        f[n++] = FeatureHash.Of((int)F.B1t, b1t);
        f[n++] = FeatureHash.Of((int)F.B1wt, b1w, b1t);
        f[n++] = FeatureHash.Of((int)F.B2t, b2t);
        f[n++] = FeatureHash.Of((int)F.B2w, b2w);
        f[n++] = FeatureHash.Of((int)F.S2t, s2t);

        f[n++] = FeatureHash.Of((int)F.S0wtB0wt, s0w, s0t, b0w, b0t);
        f[n++] = FeatureHash.Of((int)F.S0wtB0w, s0w, s0t, b0w);
        f[n++] = FeatureHash.Of((int)F.S0wB0wt, s0w, b0w, b0t);
        f[n++] = FeatureHash.Of((int)F.S0wtB0t, s0w, s0t, b0t);
        f[n++] = FeatureHash.Of((int)F.S0tB0wt, s0t, b0w, b0t);
        f[n++] = FeatureHash.Of((int)F.S0wB0w, s0w, b0w);
        f[n++] = FeatureHash.Of((int)F.S0tB0t, s0t, b0t);
        f[n++] = FeatureHash.Of((int)F.B0tB1t, b0t, b1t);

        f[n++] = FeatureHash.Of((int)F.S1wtS0wt, s1w, s1t, s0w, s0t);
        f[n++] = FeatureHash.Of((int)F.S1wS0w, s1w, s0w);
        f[n++] = FeatureHash.Of((int)F.S1tS0t, s1t, s0t);
        f[n++] = FeatureHash.Of((int)F.S1tS0w, s1t, s0w);
        f[n++] = FeatureHash.Of((int)F.S1wS0t, s1w, s0t);
        f[n++] = FeatureHash.Of((int)F.S1wtS0t, s1w, s1t, s0t);
        f[n++] = FeatureHash.Of((int)F.S1tS0wt, s1t, s0w, s0t);

        f[n++] = FeatureHash.Of((int)F.B0tB1tB2t, b0t, b1t, b2t);
        f[n++] = FeatureHash.Of((int)F.S0tB0tB1t, s0t, b0t, b1t);
        f[n++] = FeatureHash.Of((int)F.S1tS0tB0t, s1t, s0t, b0t);
        f[n++] = FeatureHash.Of((int)F.S0tS0ltB0t, s0t, s0lt, b0t);
        f[n++] = FeatureHash.Of((int)F.S0tS0rtB0t, s0t, s0rt, b0t);
        f[n++] = FeatureHash.Of((int)F.S0tB0tB0lt, s0t, b0t, b0lt);
        f[n++] = FeatureHash.Of((int)F.S1tS0tS0lt, s1t, s0t, s0lt);
        f[n++] = FeatureHash.Of((int)F.S1tS0tS0rt, s1t, s0t, s0rt);
        f[n++] = FeatureHash.Of((int)F.S1tS1rtS0t, s1t, s1rt, s0t);
        f[n++] = FeatureHash.Of((int)F.S2tS1tS0t, s2t, s1t, s0t);
        f[n++] = FeatureHash.Of((int)F.S0tS0ltS0l2t, s0t, s0lt, s0l2t);
        f[n++] = FeatureHash.Of((int)F.S0tS0rtS0r2t, s0t, s0rt, s0r2t);
        f[n++] = FeatureHash.Of((int)F.B0tB0ltB0l2t, b0t, b0lt, b0l2t);
        f[n++] = FeatureHash.Of((int)F.S1tS1ltS0t, s1t, s1lt, s0t);
        f[n++] = FeatureHash.Of((int)F.S1tS0tB1t, s1t, s0t, b1t);
        f[n++] = FeatureHash.Of((int)F.S0wB0tB1t, s0w, b0t, b1t);
        f[n++] = FeatureHash.Of((int)F.S0tB0wB1t, s0t, b0w, b1t);

        f[n++] = FeatureHash.Of((int)F.S0wD, s0w, d);
        f[n++] = FeatureHash.Of((int)F.S0tD, s0t, d);
        f[n++] = FeatureHash.Of((int)F.B0wD, b0w, d);
        f[n++] = FeatureHash.Of((int)F.B0tD, b0t, d);
        f[n++] = FeatureHash.Of((int)F.S0wB0wD, s0w, b0w, d);
        f[n++] = FeatureHash.Of((int)F.S0tB0tD, s0t, b0t, d);
        f[n++] = FeatureHash.Of((int)F.S1tS0tD1, s1t, s0t, d1);
        f[n++] = FeatureHash.Of((int)F.S1wS0wD1, s1w, s0w, d1);
        f[n++] = FeatureHash.Of((int)F.S1wD1, s1w, d1);

        f[n++] = FeatureHash.Of((int)F.S0wVr, s0w, s0vr);
        f[n++] = FeatureHash.Of((int)F.S0tVr, s0t, s0vr);
        f[n++] = FeatureHash.Of((int)F.S0wVl, s0w, s0vl);
        f[n++] = FeatureHash.Of((int)F.S0tVl, s0t, s0vl);
        f[n++] = FeatureHash.Of((int)F.S1wVr, s1w, s1vr);
        f[n++] = FeatureHash.Of((int)F.S1tVr, s1t, s1vr);
        f[n++] = FeatureHash.Of((int)F.S1wVl, s1w, s1vl);
        f[n++] = FeatureHash.Of((int)F.S1tVl, s1t, s1vl);
        f[n++] = FeatureHash.Of((int)F.B0wVl, b0w, b0vl);
        f[n++] = FeatureHash.Of((int)F.B0tVl, b0t, b0vl);

        f[n++] = FeatureHash.Of((int)F.S0lw, W(s0l));
        f[n++] = FeatureHash.Of((int)F.S0lt, s0lt);
        f[n++] = FeatureHash.Of((int)F.S0ll, Lab(s, s0l));
        f[n++] = FeatureHash.Of((int)F.S0rw, W(s0r));
        f[n++] = FeatureHash.Of((int)F.S0rt, s0rt);
        f[n++] = FeatureHash.Of((int)F.S0rl, Lab(s, s0r));
        f[n++] = FeatureHash.Of((int)F.S0l2w, W(s0l2));
        f[n++] = FeatureHash.Of((int)F.S0l2t, s0l2t);
        f[n++] = FeatureHash.Of((int)F.S0l2l, Lab(s, s0l2));
        f[n++] = FeatureHash.Of((int)F.S0r2w, W(s0r2));
        f[n++] = FeatureHash.Of((int)F.S0r2t, s0r2t);
        f[n++] = FeatureHash.Of((int)F.S0r2l, Lab(s, s0r2));
        f[n++] = FeatureHash.Of((int)F.S1lw, W(s1l));
        f[n++] = FeatureHash.Of((int)F.S1lt, s1lt);
        f[n++] = FeatureHash.Of((int)F.S1ll, Lab(s, s1l));
        f[n++] = FeatureHash.Of((int)F.S1rw, W(s1r));
        f[n++] = FeatureHash.Of((int)F.S1rt, s1rt);
        f[n++] = FeatureHash.Of((int)F.S1rl, Lab(s, s1r));
        f[n++] = FeatureHash.Of((int)F.B0lw, W(b0l));
        f[n++] = FeatureHash.Of((int)F.B0lt, b0lt);
        f[n++] = FeatureHash.Of((int)F.B0ll, Lab(s, b0l));
        f[n++] = FeatureHash.Of((int)F.B0l2w, W(b0l2));
        f[n++] = FeatureHash.Of((int)F.B0l2t, b0l2t);
        f[n++] = FeatureHash.Of((int)F.B0l2l, Lab(s, b0l2));

        f[n++] = FeatureHash.Of((int)F.S0tS0llS0l2l, s0t, Lab(s, s0l), Lab(s, s0l2));
        f[n++] = FeatureHash.Of((int)F.S0tS0rlS0r2l, s0t, Lab(s, s0r), Lab(s, s0r2));
        f[n++] = FeatureHash.Of((int)F.B0tB0llB0l2l, b0t, Lab(s, b0l), Lab(s, b0l2));
        f[n++] = FeatureHash.Of((int)F.S1tS1rlS0t, s1t, Lab(s, s1r), s0t);
        return n;
    }
}
