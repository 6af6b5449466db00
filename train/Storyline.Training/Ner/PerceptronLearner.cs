using Storyline.Ner.Model;

namespace Storyline.Ner.Training;

/// <summary>
/// Averaged multi-class perceptron over hashed features (Collins 2002), with the averaging trick of
/// Daumé (2006): besides the weights w it keeps u = Σ c·Δ, and the average is w − u/c.
/// </summary>
internal sealed class PerceptronLearner
{
    private readonly WeightTable _w;
    private double[] _u;
    private long _c = 1;
    public int Labels { get; }

    public PerceptronLearner(int labels, int capacity = 1 << 18)
    {
        Labels = labels;
        _w = new WeightTable(labels, capacity);
        _u = new double[capacity * labels];
    }

    /// <summary>The current (not averaged) weights, used for decoding while training.</summary>
    public WeightTable Current => _w;

    public void Update(ReadOnlySpan<ulong> features, int gold, int predicted)
    {
        if (gold == predicted) return;
        foreach (var f in features)
        {
            int row = _w.RowOf(f);
            var w = _w.Raw;
            if (_u.Length < w.Length) Array.Resize(ref _u, w.Length);
            int bg = row * Labels + gold, bp = row * Labels + predicted;
            w[bg] += 1; _u[bg] += _c;
            w[bp] -= 1; _u[bp] -= _c;
        }
    }

    /// <summary>Adds <paramref name="delta"/> to the weights of <paramref name="label"/> for every feature (structured updates).</summary>
    public void Adjust(ReadOnlySpan<ulong> features, int label, int delta)
    {
        foreach (var f in features)
        {
            int row = _w.RowOf(f);
            var w = _w.Raw;
            if (_u.Length < w.Length) Array.Resize(ref _u, w.Length);
            int i = row * Labels + label;
            w[i] += delta; _u[i] += delta * (double)_c;
        }
    }

    /// <summary>One training instance done.</summary>
    public void Tick() => _c++;

    /// <summary>A new table with the averaged weights.</summary>
    public WeightTable Averaged()
    {
        var raw = _w.Raw;
        var index = new Dictionary<ulong, int>(_w.Rows);
        var avg = new float[Math.Max(1, _w.Rows) * Labels];
        foreach (var (k, row) in _w.Entries)
        {
            index[k] = row;
            for (int j = 0; j < Labels; j++)
            {
                int i = row * Labels + j;
                avg[i] = (float)(raw[i] - _u[i] / _c);
            }
        }
        return new WeightTable(Labels, index, avg);
    }
}
