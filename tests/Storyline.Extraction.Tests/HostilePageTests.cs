using Storyline.Core;

namespace Storyline.Extraction.Tests;

/// <summary>
/// Every hostile shape of <see cref="HostilePages"/> (~1 MB each) is extracted in bounded time and its planted prose is
/// found. Before the budgets (formatting-element cap, start-tag budget that keeps text, flattening instead of cutting,
/// depth-gated readability, linear context pass) a 100,000-deep page took minutes and several lost their text.
/// </summary>
public class HostilePageTests
{
    /// <summary>CPU seconds one ~1 MB hostile page may cost (normal pages cost milliseconds; the slowest shape ~1 s).
    /// CPU time of the test thread, so other work on the machine does not count.</summary>
    private const double MaxCpuSeconds = 3.0;

    public static TheoryData<string> Shapes() => new(HostilePages.All.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void HostilePage_BoundedTime_PlantedTextFound(string shape)
    {
        string html = HostilePages.All[shape]();
        double cpu = ThreadCpu.Seconds();
        var r = HtmlExtractor.Extract(html);
        double spent = ThreadCpu.Seconds() - cpu;
        Assert.True(spent < MaxCpuSeconds, $"{shape}: {spent:0.00} s CPU");
        foreach (var p in HostilePages.Planted) Assert.Contains(p, r.Text);
    }

    [Fact]
    public void Guard_KeepsTextBeyondElementBudget()
    {
        // 60,000 tiny elements, then prose: the elements beyond the budget go, the words stay (before: the page was cut).
        string page = "<html><body>" + string.Concat(Enumerable.Repeat("<i>x</i>", 60_000)) + "<p>" + HostilePages.Planted[0] + "</p></body></html>";
        string limited = NestingGuard.Limit(page, NestingGuard.MaxNesting, NestingGuard.MaxStartTags, out bool changed);
        Assert.True(changed);
        Assert.Contains(HostilePages.Planted[0], limited);
    }

    [Fact]
    public void Guard_LeavesOrdinaryPagesAlone()
    {
        string page = Pages.Page();
        Assert.Same(page, NestingGuard.Limit(page, NestingGuard.MaxNesting, NestingGuard.MaxStartTags, out bool changed));
        Assert.False(changed);
    }
}
