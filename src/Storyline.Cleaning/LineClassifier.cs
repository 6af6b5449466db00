using Storyline.Cleaning.Training;
using Storyline.Core;

namespace Storyline.Cleaning;

/// <summary>The committed line model and the entry point that reproduces it from the shared data.</summary>
public static class LineClassifier
{
    /// <summary>File name of the model under models/.</summary>
    public const string ModelFileName = "cleaning-lines.json";

    private static readonly Lazy<LineModel> DefaultModel = new(() => LineModel.Load(RepoPaths.Model(ModelFileName)));

    /// <summary>The committed model, loaded once on first use.</summary>
    public static LineModel Default => DefaultModel.Value;

    /// <summary>
    /// Trains the model from the shared extraction benchmarks (train part of the page split), tunes the threshold
    /// on the validation part, and scores the test part. Save the result with <see cref="LineModel.Save"/>.
    /// </summary>
    public static TrainingResult Train(LineTrainingOptions? options = null, TextWriter? log = null)
        => LineTrainer.Run(options ?? new LineTrainingOptions(), log);
}
