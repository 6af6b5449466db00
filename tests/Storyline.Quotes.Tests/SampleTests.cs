using Storyline.Core;

namespace Storyline.Quotes.Tests;

/// <summary>
/// The two real articles in shared/samples. No rule is keyed on their text; these tests assert only general
/// properties (quotes are found, every resolved speaker is a person/organisation/place of the text), never their words.
/// </summary>
public sealed class SampleTests
{
    public static TheoryData<string> Samples()
    {
        var dir = Path.GetFullPath(Path.Combine(RepoPaths.Data(), "..", "samples"));
        return [.. Directory.GetFiles(dir, "*.txt").Order(StringComparer.Ordinal)];
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_YieldsQuotesWithSensibleSpeakers(string path)
    {
        var doc = QuoteFormsTests.Run(File.ReadAllText(path));
        Assert.True(doc.Quotes.Count >= 3, $"{doc.Quotes.Count} quotes");
        // Most quotes have a speaker, and some speakers are resolved to an entity.
        Assert.True(doc.Quotes.Count(q => q.Speaker is not null) * 10 >= doc.Quotes.Count * 7);
        Assert.Contains(doc.Quotes, q => q.SpeakerEntity >= 0);
        foreach (var q in doc.Quotes)
        {
            Assert.Equal(q.Text, doc.Text[q.Start..q.End]);
            Assert.False(string.IsNullOrWhiteSpace(q.Text));
            if (q.SpeakerEntity < 0) continue;
            var e = doc.Entities[q.SpeakerEntity];
            Assert.Contains(e.Type, (string[])["PER", "ORG", "LOC", "GPE"]);
            // The entity occurs in the text, and the speaker does not lie inside the quoted words.
            Assert.Contains(e.Mentions, m => doc.Mentions[m].End <= doc.Text.Length);
            Assert.False(q.SpeakerStart >= q.Start && q.SpeakerEnd <= q.End, $"speaker inside quote: {q.Speaker}");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_UnnamedSourcesAreNeverGivenANameOfTheText(string path)
    {
        var doc = QuoteFormsTests.Run(File.ReadAllText(path));
        foreach (var q in doc.Quotes.Where(q => q.Unnamed)) Assert.Equal(-1, q.SpeakerEntity);
    }
}
