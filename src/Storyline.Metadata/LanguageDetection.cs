using Lingua;

namespace Storyline.Metadata;

/// <summary>
/// One shared Lingua detector for a fixed list of languages, built lazily on first use (building loads the
/// language models: the fewer languages, the less memory and start-up time). Thread-safe.
/// </summary>
public static class LanguageDetection
{
    /// <summary>The languages Storyline tells apart (ISO 639-1): the ones its news sources are written in.</summary>
    public static readonly IReadOnlyList<string> DefaultLanguages = ["en", "de", "fr", "es", "it", "pl", "pt", "nl", "ru", "zh", "ar"];

    // Low-accuracy mode (trigram models only) by default. Measured here with the 11 languages: 16 MB managed heap
    // and ~2.6 s to build, against ~400 MB and ~30 s for high accuracy (both under heavy machine load); on
    // article-length text (hundreds of characters) both modes agree, the difference is on short snippets.
    private static readonly Lazy<LanguageDetector> Shared = new(() => Build(DefaultLanguages, lowAccuracy: true));
    private static readonly Lazy<LanguageDetector> SharedHigh = new(() => Build(DefaultLanguages, lowAccuracy: false));

    /// <summary>The shared low-accuracy detector (built on first call).</summary>
    public static LanguageDetector Detector => Shared.Value;

    /// <summary>The shared high-accuracy detector (built on first call; ~400 MB).</summary>
    public static LanguageDetector HighAccuracyDetector => SharedHigh.Value;

    /// <summary>Builds a detector for the given ISO 639-1 codes; low-accuracy mode uses trigrams only (faster, less memory, worse on short text).</summary>
    public static LanguageDetector Build(IEnumerable<string> isoCodes, bool lowAccuracy)
    {
        var languages = isoCodes.Select(code =>
        {
            var iso = Enum.Parse<IsoCode6391>(code, ignoreCase: true);
            return LanguageInfo.GetByIsoCode6391(iso);
        }).ToArray();
        var b = LanguageDetectorBuilder.FromLanguages(languages).WithPreloadedLanguageModels();
        if (lowAccuracy) b = b.WithLowAccuracyMode();
        return b.Build();
    }

    /// <summary>ISO 639-1 code of the language of <paramref name="text"/>, or null when undetermined.</summary>
    public static string? Detect(string text, LanguageDetector? detector = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var lang = (detector ?? Detector).DetectLanguageOf(text);
        if (lang == Language.Unknown) return null;
        var iso = lang.IsoCode6391();
        return iso == IsoCode6391.None ? null : iso.ToString().ToLowerInvariant();
    }
}
