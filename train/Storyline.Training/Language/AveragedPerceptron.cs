using System.Runtime.InteropServices;

namespace Storyline.Language.Learning;

/// <summary>
/// Multi-class averaged perceptron trainer (Collins 2002; Honnibal's "A good POS tagger in about 200 lines").
/// Features are 64-bit hashes (see <see cref="FeatureHash"/>); each feature keeps a sparse row of per-class
/// weights with the lazy-averaging bookkeeping (running totals and time stamps), so averaging costs nothing
/// per update. <see cref="Average"/> takes an immutable, thread-safe <see cref="PerceptronModel"/> snapshot
/// at any time (for example after each epoch, to pick the best on a dev set) without disturbing training.
/// Not thread-safe: train on one thread.
/// </summary>
/// <example>
/// <code>
/// var p = new AveragedPerceptron(["NOUN", "VERB"]);
/// foreach (var (feats, gold) in data) p.Update(feats, gold, p.Predict(feats));
/// p.Average(pruneBelow: 1e-3f).Save("models/x.bin.gz");
/// </code>
/// </example>
public sealed class AveragedPerceptron
{
    private readonly Dictionary<ulong, Row> _rows = [];
    private float[] _scratch;

    /// <summary>Number of updates seen (instances), the clock of the averaging.</summary>
    public long Time { get; private set; }

    public int ClassCount { get; }

    /// <summary>Optional class names, saved with the model.</summary>
    public IReadOnlyList<string>? Labels { get; }

    /// <summary>Number of distinct features that have a weight.</summary>
    public int FeatureCount => _rows.Count;

    public AveragedPerceptron(int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classCount, PerceptronModel.MaxClasses);
        ClassCount = classCount;
        _scratch = new float[classCount];
    }

    public AveragedPerceptron(IReadOnlyList<string> labels) : this(labels?.Count ?? 0) => Labels = [.. labels!];

    /// <summary>Adds the current (not averaged) weights of <paramref name="features"/> to <paramref name="scores"/> after clearing it.</summary>
    public void Score(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        scores = scores[..ClassCount];
        scores.Clear();
        foreach (var f in features)
        {
            if (!_rows.TryGetValue(f, out var row)) continue;
            for (int k = 0; k < row.Count; k++) scores[row.Classes[k]] += row.Weights[k];
        }
    }

    /// <summary>Best class under the current weights (ties: lowest index).</summary>
    public int Predict(ReadOnlySpan<ulong> features)
    {
        Score(features, _scratch);
        return PerceptronModel.ArgMax(_scratch);
    }

    /// <summary>
    /// One training instance: advances the clock and, when <paramref name="guess"/> differs from
    /// <paramref name="truth"/>, adds 1 to the truth's weights and subtracts 1 from the guess's.
    /// </summary>
    public void Update(ReadOnlySpan<ulong> features, int truth, int guess)
    {
        Time++;
        if (truth == guess) return;
        foreach (var f in features)
        {
            Add(f, truth, 1f);
            Add(f, guess, -1f);
        }
    }

    /// <summary>Low-level update of one class without advancing the clock (call <see cref="Tick"/> once per instance).</summary>
    public void Update(ReadOnlySpan<ulong> features, int cls, float delta)
    {
        foreach (var f in features) Add(f, cls, delta);
    }

    /// <summary>Advances the averaging clock by one instance.</summary>
    public void Tick() => Time++;

    private void Add(ulong feature, int cls, float delta)
    {
        ref var row = ref CollectionsMarshal.GetValueRefOrAddDefault(_rows, feature, out bool exists);
        if (!exists) row = new Row();
        int k = row!.IndexOf(cls);
        if (k < 0) k = row.Append(cls, Time);
        // Lazy averaging: bank the old weight for the time it was in force, then change it.
        row.Totals[k] += (Time - row.Stamps[k]) * (double)row.Weights[k];
        row.Stamps[k] = Time;
        row.Weights[k] += delta;
    }

    /// <summary>
    /// Snapshot of the averaged weights. Entries with |weight| below <paramref name="pruneBelow"/> are dropped
    /// (features left without entries disappear), which shrinks the model with little loss.
    /// </summary>
    public PerceptronModel Average(float pruneBelow = 0f)
    {
        var keys = new List<ulong>(_rows.Count);
        var starts = new List<int>(_rows.Count + 1);
        var classes = new List<ushort>();
        var weights = new List<float>();
        double t = Math.Max(1, Time);
        foreach (var (key, row) in _rows)
        {
            int before = classes.Count;
            for (int k = 0; k < row.Count; k++)
            {
                double total = row.Totals[k] + (Time - row.Stamps[k]) * (double)row.Weights[k];
                float avg = (float)(total / t);
                if (Math.Abs(avg) <= pruneBelow || avg == 0f) continue;
                classes.Add((ushort)row.Classes[k]);
                weights.Add(avg);
            }
            if (classes.Count > before) { keys.Add(key); starts.Add(before); }
        }
        starts.Add(classes.Count);
        return new PerceptronModel(ClassCount, Labels, [.. keys], [.. starts], [.. classes], [.. weights]);
    }

    /// <summary>A feature's sparse weights: classes rarely exceed a handful per feature.</summary>
    private sealed class Row
    {
        private const int InitialCapacity = 2;
        public int Count;
        public int[] Classes = new int[InitialCapacity];
        public float[] Weights = new float[InitialCapacity];
        public double[] Totals = new double[InitialCapacity];
        public long[] Stamps = new long[InitialCapacity];

        public int IndexOf(int cls)
        {
            for (int k = 0; k < Count; k++) if (Classes[k] == cls) return k;
            return -1;
        }

        public int Append(int cls, long time)
        {
            if (Count == Classes.Length)
            {
                int n = Count * 2;
                Array.Resize(ref Classes, n);
                Array.Resize(ref Weights, n);
                Array.Resize(ref Totals, n);
                Array.Resize(ref Stamps, n);
            }
            Classes[Count] = cls;
            Stamps[Count] = time;
            return Count++;
        }
    }
}
