using Storyline.Core;

namespace Storyline.Cleaning;

/// <summary>The committed line model (reproduced by LineTrainer in Storyline.Training: `./storyline train cleaning`).</summary>
public static class LineClassifier
{
    /// <summary>File name of the model under models/.</summary>
    public const string ModelFileName = "cleaning-lines.json";

    private static readonly Lazy<LineModel> DefaultModel = ModelStore.Lazy(ModelFileName, "train cleaning", LineModel.Load);

    /// <summary>The committed model, loaded once on first use.</summary>
    public static LineModel Default => DefaultModel.Value;
}
