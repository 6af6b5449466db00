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

    // The commonest English function words. In English news prose they are about a third of all words; in the other
    // languages of the list they occur only as loans or homographs ("in", "a", "was"), well under a tenth.
    private static readonly HashSet<string> EnglishFunctionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "as", "by", "at", "from", "it",
        "be", "has", "have", "had", "are", "were", "an", "his", "her", "their", "its", "will", "which", "not", "but",
        "this", "who", "after", "been", "would", "they", "he", "she", "said", "about", "than", "more", "or",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FunctionWordLookup =
        EnglishFunctionWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Words a sample needs before the English fast path may decide.</summary>
    public const int QuickMinWords = 30;
    /// <summary>Words the fast path reads at most.</summary>
    private const int QuickMaxWords = 120;
    /// <summary>Share of English function words from which a sample is English without asking Lingua.</summary>
    public const double QuickEnglishShare = 0.22;

    /// <summary>
    /// True when <paramref name="text"/> is plainly English prose: at least <see cref="QuickMinWords"/> words of which
    /// at least <see cref="QuickEnglishShare"/> are common English function words. A cheap first look (most news is
    /// English and Lingua costs about a millisecond per article); anything less clear goes to Lingua.
    /// </summary>
    public static bool IsPlainlyEnglish(string text)
    {
        int words = 0, function = 0;
        var span = text.AsSpan();
        int i = 0;
        while (i < span.Length && words < QuickMaxWords)
        {
            while (i < span.Length && !char.IsLetter(span[i])) i++;
            int start = i;
            while (i < span.Length && (char.IsLetter(span[i]) || span[i] == '\'')) i++;
            if (i == start) break;
            words++;
            var w = span[start..i];
            if (w.Length <= 5 && FunctionWordLookup.Contains(w)) function++;
        }
        return words >= QuickMinWords && function >= QuickEnglishShare * words;
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
