namespace Storyline.Stories.Learning;

/// <summary>A fitted logistic model on standardised features: weight j applies to (x[j] - Mean[j]) / Std[j].</summary>
public sealed record LogisticFit(double[] Mean, double[] Std, double[] Weights, double Bias);

/// <summary>
/// L2-regularised logistic regression by Newton's method on standardised features. The models it fits are small
/// (tens of features, thousands of rows), so the exact Hessian is cheap and converges in a few iterations.
/// Shared by the paraphrase classifier and the story join model; scoring is <see cref="LogisticRegression.Probability"/>.
/// </summary>
public static class LogisticRegressionTrainer
{
    /// <summary>Fits the rows (each with <paramref name="features"/> values); the bias is not regularised.</summary>
    public static LogisticFit Fit(IReadOnlyList<double[]> rows, IReadOnlyList<bool> labels, int features, double l2, int iterations)
    {
        int d = features, count = rows.Count;
        var mean = new double[d]; var std = new double[d];
        foreach (var x in rows) for (int j = 0; j < d; j++) mean[j] += x[j];
        for (int j = 0; j < d; j++) mean[j] /= Math.Max(1, count);
        foreach (var x in rows) for (int j = 0; j < d; j++) std[j] += Math.Pow(x[j] - mean[j], 2);
        for (int j = 0; j < d; j++) std[j] = Math.Max(1e-6, Math.Sqrt(std[j] / Math.Max(1, count)));
        int p = d + 1; // last = bias
        var w = new double[p];
        var xs = rows.Select(r => { var v = new double[p]; for (int j = 0; j < d; j++) v[j] = (r[j] - mean[j]) / std[j]; v[d] = 1; return v; }).ToArray();
        var ys = labels.Select(b => b ? 1.0 : 0.0).ToArray();
        for (int it = 0; it < iterations; it++)
        {
            var g = new double[p]; var h = new double[p, p];
            for (int n = 0; n < xs.Length; n++)
            {
                double z = 0; for (int j = 0; j < p; j++) z += w[j] * xs[n][j];
                double mu = 1 / (1 + Math.Exp(-z)), s = mu * (1 - mu);
                for (int j = 0; j < p; j++)
                {
                    g[j] += (mu - ys[n]) * xs[n][j];
                    for (int k = 0; k <= j; k++) h[j, k] += s * xs[n][j] * xs[n][k];
                }
            }
            for (int j = 0; j < p; j++) { for (int k = 0; k < j; k++) h[k, j] = h[j, k]; if (j < d) { g[j] += l2 * w[j]; h[j, j] += l2; } h[j, j] += 1e-9; }
            var step = Solve(h, g);
            double maxStep = 0;
            for (int j = 0; j < p; j++) { w[j] -= step[j]; maxStep = Math.Max(maxStep, Math.Abs(step[j])); }
            if (maxStep < 1e-8) break;
        }
        return new LogisticFit(mean, std, w[..d], w[d]);
    }

    /// <summary>Solves H·x = g by Gaussian elimination with partial pivoting (H is small and positive definite).</summary>
    private static double[] Solve(double[,] h, double[] g)
    {
        int n = g.Length;
        var a = (double[,])h.Clone(); var b = (double[])g.Clone();
        for (int c = 0; c < n; c++)
        {
            int piv = c;
            for (int r = c + 1; r < n; r++) if (Math.Abs(a[r, c]) > Math.Abs(a[piv, c])) piv = r;
            if (piv != c) { for (int k = 0; k < n; k++) (a[c, k], a[piv, k]) = (a[piv, k], a[c, k]); (b[c], b[piv]) = (b[piv], b[c]); }
            for (int r = c + 1; r < n; r++)
            {
                double f = a[r, c] / a[c, c];
                for (int k = c; k < n; k++) a[r, k] -= f * a[c, k];
                b[r] -= f * b[c];
            }
        }
        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int k = r + 1; k < n; k++) s -= a[r, k] * x[k];
            x[r] = s / a[r, r];
        }
        return x;
    }
}
