using Storyline.Time.Evaluation;

namespace Storyline.Time.Tests;

public class RobustnessTests
{
    private static readonly string[] Pieces =
    [
        "the", "a", "last", "next", "Feb.", "Feb", "May", "March", "Friday", "Fri.", "2013", "'98", "'90s", "1990s", "5", "31", "32",
        "5-6", "10:30", "a.m.", "p.m", "GMT", "-", "'", ",", ".", ":", "/", "%", "$", "(", ")", "\"", "\u2013", "\u2019", "years", "year-old",
        "ago", "earlier", "later", "this", "week", "weekend", "quarter", "third-quarter", "fiscal", "about", "more", "than", "every",
        "twice", "half", "an", "hour", "and", "of", "in", "on", "since", "until", "now", "recently", "the past", "few", "several",
        "99999999999999999999", "0", "00:00", "24:61", "2013-02-30", "02/30/2013", "Q5", "FY", "mid", "early", "late", "\n", "  ",
        "twenty", "nineteen", "ninety-six", "first", "thirty-first", "Christmas", "New", "Year", "s", "night", "morning", "tonight",
    ];

    [Fact]
    public void RandomTokenSoup_NeverThrows_AndKeepsOffsetsConsistent()
    {
        var rng = new Random(20230215);
        var anchors = new DateTimeOffset?[] { null, new DateTimeOffset(2013, 3, 22, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2000, 2, 29, 23, 59, 0, TimeSpan.FromHours(-5)) };
        for (int round = 0; round < 3000; round++)
        {
            int len = rng.Next(1, 25);
            var words = Enumerable.Range(0, len).Select(_ => Pieces[rng.Next(Pieces.Length)]);
            string text = string.Join(rng.Next(3) == 0 ? "" : " ", words);
            foreach (var anchor in anchors)
            {
                var found = TimeExpressionTagger.Tag(text, anchor);
                int lastEnd = 0;
                foreach (var t in found)
                {
                    Assert.InRange(t.Start, lastEnd, text.Length);
                    Assert.True(t.End > t.Start && t.End <= text.Length, text);
                    Assert.Equal(text[t.Start..t.End], t.Text);
                    Assert.Contains(t.Type, (string[])["DATE", "TIME", "DURATION", "SET"]);
                    lastEnd = t.End;
                }
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("'")]
    [InlineData("Feb.")]
    [InlineData("the")]
    [InlineData("at 10")]
    [InlineData("2013-")]
    [InlineData("12345678901234567890 years")]
    [InlineData("Dec. 31, 9999 and Jan. 1, 0001")]
    public void EdgeInputs_DoNotThrow(string text)
    {
        _ = TimeExpressionTagger.Tag(text, new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero));
        _ = TimeExpressionTagger.Tag(text, new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _ = TimeExpressionTagger.Tag(text, null);
    }

    [Fact]
    public void Benchmark_ReportsThroughput()
    {
        var doc = new GoldDocument("bench", string.Concat(Enumerable.Repeat("The minister met rebels on Friday, two days after talks collapsed in Geneva on Feb. 5. ", 40)),
            new DateTimeOffset(2023, 2, 15, 0, 0, 0, TimeSpan.Zero), []);
        var r = TimeBenchmark.Run([doc], TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100));
        Assert.True(r.Passes > 0 && r.DocsPerSecond > 0 && r.CharsPerSecond > r.DocsPerSecond);
    }
}
