using Storyline.Core;

namespace Storyline.Cleaning.Tests;

/// <summary>Plain-text cleaning on pathological input in bounded CPU time (no regex or loop may go superlinear).</summary>
public sealed class PathologicalTextTests
{
    /// <summary>CPU seconds one ~5 MB pathological document may cost (real articles cost well under a millisecond).</summary>
    private const double MaxCpuSeconds = 5.0;

    public static TheoryData<string> Shapes() => new(PathologicalTexts.All.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Cleaning_PathologicalText_BoundedTime(string shape)
    {
        var doc = new Document { Origin = new DocumentOrigin(shape + ".txt"), RawText = PathologicalTexts.All[shape]() };
        double cpu = ThreadCpu.Seconds();
        new TextCleaningStage().Process(doc);
        double spent = ThreadCpu.Seconds() - cpu;
        Assert.True(spent < MaxCpuSeconds, $"{shape}: {spent:0.00} s CPU");
        Assert.NotNull(doc.CleanedText);
    }
}

/// <summary>Pathological plain texts (~5 MB): one line, many lines, one letter, and inputs shaped against each regex family.</summary>
internal static class PathologicalTexts
{
    private const int Big = 5_000_000;
    private const string Sentence = "The council approved the budget for the new harbour wall on Tuesday evening. ";

    private static string Rep(string s, int chars) => string.Concat(Enumerable.Repeat(s, Math.Max(1, chars / s.Length)));

    public static readonly Dictionary<string, Func<string>> All = new(StringComparer.Ordinal)
    {
        ["single-line"] = () => Rep(Sentence, Big),
        ["short-lines"] = () => Rep("Home\n", 1_000_000),
        ["one-letter"] = () => new string('a', Big),
        ["one-letter-lines"] = () => Rep(new string('a', 999) + "\n", Big),
        ["capitalised-words"] = () => Rep("Jean-Pierre O'Neil ", Big),               // byline / credit name runs
        ["slashes"] = () => Rep("Photo / Agency ", Big),                              // slash credits
        ["by-names"] = () => "By " + Rep("Anna Maria de la ", Big),                    // byline with particles
        ["digits-dates"] = () => Rep("2024-12-31 12:30 ", Big),                        // date/time patterns
        ["cookie-words"] = () => Rep("cookies website ", Big),
        ["dotted-letters"] = () => Rep("A.B.C.", Big),
        ["whitespace"] = () => Rep(" \t\u00A0\u200B", Big),
        ["pipes-and-dashes"] = () => Rep(" | - – — ", Big),
        ["parentheses"] = () => Rep("((((", Big / 2) + "(AP) — text",
        ["nul-controls"] = () => Rep("\0\u0001\u001F\u007F", Big),
        ["cr-only"] = () => Rep("Line\r", Big),
    };
}
