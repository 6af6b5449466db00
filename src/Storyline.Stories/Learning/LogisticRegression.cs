namespace Storyline.Stories.Learning;

/// <summary>
/// Logistic regression scoring for models fitted on standardised features (the paraphrase classifier, the story join and
/// pair models). The fitting lives in Storyline.Training (LogisticRegressionTrainer).
/// </summary>
public static class LogisticRegression
{
    /// <summary>The probability a fitted model gives one row of raw (unstandardised) features.</summary>
    public static double Probability(ReadOnlySpan<double> f, double[] mean, double[] std, double[] weights, double bias)
    {
        double z = bias;
        for (int i = 0; i < f.Length; i++) z += weights[i] * (f[i] - mean[i]) / std[i];
        return 1 / (1 + Math.Exp(-z));
    }
}
