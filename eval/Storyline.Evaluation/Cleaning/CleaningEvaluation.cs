using Storyline.Cleaning.Training;

namespace Storyline.Cleaning;

/// <summary>Scores the cleaner on the test part of the shared extraction benchmarks (pages never used for training or tuning).</summary>
public static class CleaningEvaluation
{
    /// <summary>
    /// Renders the test pages as scrapes, cleans them with <paramref name="options"/> (default: the committed model)
    /// and returns figures per "set/view" and "all". Keys of <see cref="FloorMetrics"/> select the figures pinned as floors.
    /// </summary>
    public static SortedDictionary<string, CleaningFigures> RunTest(string? extractionDir = null, TextCleaningOptions? options = null, int parallelism = 2)
        => CleaningEvaluator.Evaluate(LoadTestDocs(extractionDir, parallelism), new TextCleaner(options));

    /// <summary>The labelled renders (full and crop view) of the test pages.</summary>
    public static List<LabelledDoc> LoadTestDocs(string? extractionDir = null, int parallelism = 2)
        => LineLabeler.LoadLabelledDocs(extractionDir, parallelism, p => p.Part == SplitPart.Test);

    /// <summary>The figures pinned in eval/floors/cleaning.json, as "group.metric".</summary>
    public static IReadOnlyList<string> FloorMetrics { get; } =
    [
        "all.debris_precision", "all.debris_recall", "all.content_token_recall",
        "scrapinghub/crop.body_token_precision", "scrapinghub/crop.body_token_recall", "scrapinghub/crop.content_token_recall",
        "trafilatura-eval/crop.chunk_precision", "trafilatura-eval/crop.chunk_recall",
    ];

    /// <summary>Looks up "group.metric" in a result of <see cref="RunTest"/>.</summary>
    public static double Metric(SortedDictionary<string, CleaningFigures> figures, string key)
    {
        int dot = key.LastIndexOf('.');
        return figures[key[..dot]].ToMap()[key[(dot + 1)..]];
    }
}
