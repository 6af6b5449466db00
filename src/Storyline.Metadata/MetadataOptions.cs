namespace Storyline.Metadata;

/// <summary>Options of <see cref="MetadataStage"/>.</summary>
public sealed record MetadataOptions
{
    /// <summary>Detect the language with Lingua (the shared detector of <see cref="LanguageDetection"/>).</summary>
    public bool DetectLanguage { get; init; } = true;

    /// <summary>Use Lingua's high-accuracy models (better on snippets under ~100 characters; ~25× the memory).</summary>
    public bool HighAccuracyLanguage { get; init; }

    /// <summary>Call plainly English prose English from its function words without running Lingua (see <see cref="LanguageDetection.IsPlainlyEnglish"/>).</summary>
    public bool QuickEnglish { get; init; } = true;

    /// <summary>How much text the language detector sees: enough for a sure call, bounded for speed.</summary>
    public int LanguageSampleChars { get; init; } = 500;

    /// <summary>Publication dates before this year are rejected as misreadings (copyright years, birth dates...).</summary>
    public int MinYear { get; init; } = 1990;

    /// <summary>How far past "now" a publication date may lie (time-zone slack); later ones are rejected.</summary>
    public TimeSpan MaxFuture { get; init; } = TimeSpan.FromDays(2);

    /// <summary>Clock for the "not in the future" check; tests pin it.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
