using Storyline.Cleaning;

namespace Storyline.Cleaning.Tests;

public sealed class LineAssemblerTests
{
    [Fact]
    public void Split_OneParagraphPerLine_KeepsLines()
    {
        var raw = "First paragraph is a long line that goes on and on about the harbour, the ships and the weather this week.\n"
                + "Second paragraph also runs long, with the mayor's remarks about tourism and the budget for the coming year.\n"
                + "Short line";
        Assert.Equal(3, LineAssembler.Split(raw).Count);
    }

    [Fact]
    public void Split_HardWrappedText_JoinsWrappedLines()
    {
        var raw = string.Join('\n',
            "The harbour authority said on Friday that the new breakwater would be",
            "finished in the spring, two years later than planned, because storms",
            "had washed away part of the foundations twice.",
            "",
            "Fishermen said the delay had cost them a season. Some had moved their",
            "boats to Kestrel Bay, forty minutes along the coast, to keep working.",
            "",
            "Menu",
            "Share");
        var lines = LineAssembler.Split(raw);
        Assert.Equal(4, lines.Count);
        Assert.StartsWith("The harbour authority", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("twice.", lines[0], StringComparison.Ordinal);
        Assert.Equal("Menu", lines[2]);
    }

    [Fact]
    public void Split_HyphenAtWrap_JoinsWithoutSpace()
    {
        var raw = string.Join('\n',
            "The committee published a long, carefully argued report on the well-",
            "known problem of silt in the estuary, and it recommended dredging the",
            "channel every second year rather than every fifth, at a higher cost.",
            "It also asked the ministry to fund a study of the river mouth before",
            "any new work begins next summer on the northern quay and the locks.");
        var lines = LineAssembler.Split(raw);
        Assert.Contains("well-known", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void NormalizeLine_DropsInvisiblesAndCollapsesSpaces()
    {
        Assert.Equal("a b c", LineAssembler.NormalizeLine("\u00A0 a\t\u200Bb \u00ADc  "));
    }
}
