using Storyline.Core;

namespace Storyline.Metadata.Tests;

/// <summary>Metadata on pathological text and HTML in bounded CPU time (regexes linear in the input, guarded HTML parse).</summary>
public sealed class PathologicalTextTests
{
    /// <summary>CPU seconds one ~5 MB pathological document may cost (real articles cost milliseconds).</summary>
    private const double MaxCpuSeconds = 5.0;
    private const int Big = 5_000_000;
    private const string Sentence = "The council approved the budget for the new harbour wall on Tuesday evening. ";

    private static string Rep(string s, int chars) => string.Concat(Enumerable.Repeat(s, Math.Max(1, chars / s.Length)));

    public static readonly Dictionary<string, Func<string>> Texts = new(StringComparer.Ordinal)
    {
        ["single-line"] = () => Rep(Sentence, Big),
        ["short-lines"] = () => Rep("Home\n", 1_000_000),
        ["one-letter"] = () => new string('a', Big),
        ["by-names"] = () => "By " + Rep("Anna Maria de la ", Big),
        ["byline-lines"] = () => Rep("By Jane Doe and John Roe, Reuters\n", Big),
        ["dateline"] = () => Rep("WASHINGTON, Jan. 5 ", Big) + "(AP) — text",
        ["originally-published"] = () => Rep("originally published by the ", Big),
        ["dates"] = () => Rep("Published on 5 March 2024 12:30 GMT ", Big),
        ["month-words"] = () => Rep("March 5, 2024 ", Big),
        ["digits"] = () => new string('1', Big),
        ["letters-no-space"] = () => Rep("Abcdefghij", Big),
        ["capitals"] = () => Rep("WASHINGTON ", Big),
    };

    public static TheoryData<string> TextShapes() => new(Texts.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(TextShapes))]
    public void Metadata_PathologicalText_BoundedTime(string shape) => Timed(shape, Texts[shape](), ContentKind.Text);

    [Theory]
    [InlineData("deep-div", "<div>", 100_000)]
    [InlineData("deep-b-unclosed", "<b>", 150_000)]
    [InlineData("tiny-elements", "<i>x</i>", 150_000)]
    [InlineData("byline-elements", "<div class=\"byline\">By Jane Doe", 50_000)]
    [InlineData("time-elements", "<time datetime=\"2024-01-01\">", 100_000)]
    public void Metadata_HostileHtml_BoundedTime(string shape, string unit, int times)
    {
        string html = "<html lang=\"en\"><head><title>Ferry crossing resumes</title></head><body>" + Rep(unit, unit.Length * times)
            + "<p>" + Sentence + "</p></body></html>";
        Timed(shape, html, ContentKind.Html);
    }

    private static void Timed(string shape, string raw, ContentKind kind)
    {
        var doc = new Document { Origin = new DocumentOrigin(shape), RawText = raw, Kind = kind };
        double cpu = ThreadCpu.Seconds();
        new MetadataStage(new MetadataOptions { DetectLanguage = false }).Process(doc);
        double spent = ThreadCpu.Seconds() - cpu;
        Assert.True(spent < MaxCpuSeconds, $"{shape}: {spent:0.00} s CPU");
    }
}
