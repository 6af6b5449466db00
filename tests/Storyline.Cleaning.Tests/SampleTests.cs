using Storyline.Cleaning;
using Storyline.Core;

namespace Storyline.Cleaning.Tests;

/// <summary>
/// The two real inputs in shared/samples. No rule is keyed on their text and these tests assert only
/// structure (no file names, no toggles, a title, most sentences kept), never their words.
/// </summary>
public sealed partial class SampleTests
{
    private const double MinSentenceShare = 0.9;

    public static TheoryData<string> Samples()
    {
        var dir = Path.GetFullPath(Path.Combine(RepoPaths.Data(), "..", "samples"));
        return [.. Directory.GetFiles(dir, "*.txt").Order(StringComparer.Ordinal)];
    }

    private static Document Run(string path)
    {
        var doc = new Document { Origin = new DocumentOrigin(path), RawText = File.ReadAllText(path), Kind = ContentKind.Text };
        new PipelineBuilder().UseTextCleaning().Build().Run(doc);
        Assert.Empty(doc.Diagnostics);
        return doc;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_OutputHasNoFileNamesOrToggles(string path)
    {
        var doc = Run(path);
        Assert.NotEmpty(doc.CleanedText);
        foreach (var para in doc.CleanedText.Split("\n\n"))
        {
            var li = new LineInfo(para);
            Assert.False(Detectors.IsImageFilename(li), para);
            Assert.False(Detectors.IsCaptionToggle(li), para);
            Assert.False(Detectors.IsCredit(li), para);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_TitleIsSetAndNotInBody(string path)
    {
        var doc = Run(path);
        Assert.NotNull(doc.Metadata.Title);
        Assert.Equal(TextCleaningStage.TitleRule, doc.Metadata.Title!.Rule);
        Assert.DoesNotContain(doc.Metadata.Title.Value, doc.CleanedText, StringComparison.Ordinal);
        Assert.Contains(doc.Removed, r => r.Reason == RemovalReasons.Title);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_KeepsMostSentencesEndingWithAPeriod(string path)
    {
        var doc = Run(path);
        var body = new LineInfo(doc.CleanedText).Key;
        // Every distinct sentence of the input that ends with a period (split at ". " before a capital).
        var sentences = File.ReadAllLines(path)
            .SelectMany(l => SentenceEnd().Split(l.Trim()))
            .Where(s => s.EndsWith('.') && s.Split(' ').Length >= 4)
            .Select(s => new LineInfo(s).Key).Distinct().ToList();
        Assert.NotEmpty(sentences);
        int kept = sentences.Count(s => body.Contains(s, StringComparison.Ordinal));
        Assert.True(kept > MinSentenceShare * sentences.Count, $"{kept} of {sentences.Count} sentences kept");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=\.)\s+(?=[\p{Lu}“""])")]
    private static partial System.Text.RegularExpressions.Regex SentenceEnd();

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_EveryInputLineIsKeptOrRemovedWithAReason(string path)
    {
        var doc = Run(path);
        foreach (var line in File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0))
            Assert.True(doc.CleanedText.Contains(line, StringComparison.Ordinal) || doc.Removed.Any(r => r.Text.Contains(line, StringComparison.Ordinal)), line);
        Assert.All(doc.Removed, r => Assert.Contains(r.Reason, RemovalReasons.All));
    }
}
