using System.Diagnostics;
using Storyline.Core;

namespace Storyline.Quotes.Tests;

/// <summary>Bounded work on inputs far from typical news: many quotes, unbalanced marks.</summary>
public sealed class BoundsTests
{
    [Fact]
    public void ManyQuotesAndUnbalancedMarks_StayCheap()
    {
        var text = string.Join("\n\n", Enumerable.Range(0, 800).Select(i =>
            i % 3 == 0 ? $"“Item {i} went well for all of us today,” he said." :
            i % 3 == 1 ? $"Officials said the plan number {i} would “work” eventually, he added" :
            $"“Unclosed quote number {i} keeps going and going"));
        var doc = QuoteFormsTests.Run(text);
        Assert.NotEmpty(doc.Quotes);
        var stage = new QuoteStage();
        var sw = Stopwatch.StartNew();
        stage.Process(doc);
        sw.Stop();
        // ~8k tokens: typical news costs well under 1 ms per 1k tokens; a quadratic slip would take seconds.
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2), $"{sw.Elapsed.TotalMilliseconds} ms");
        foreach (var q in doc.Quotes) Assert.Equal(q.Text, doc.Text[q.Start..q.End]);
    }
}
