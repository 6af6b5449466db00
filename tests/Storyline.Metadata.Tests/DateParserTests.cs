using Storyline.Metadata;

namespace Storyline.Metadata.Tests;

public class DateParserTests
{
    [Theory]
    [InlineData("2024-05-06T10:15:00Z", "2024-05-06T10:15:00+00:00", false)]
    [InlineData("2024-05-06T10:15:00+0200", "2024-05-06T10:15:00+02:00", false)]
    [InlineData("2024-05-06", "2024-05-06T00:00:00+00:00", true)]
    [InlineData("20240506", "2024-05-06T00:00:00+00:00", true)]
    [InlineData("Mon, 06 May 2024 10:15:00 GMT", "2024-05-06T10:15:00+00:00", false)]
    [InlineData("May 6, 2024", "2024-05-06T00:00:00+00:00", true)]
    [InlineData("May 6, 2024 3:45 PM EDT", "2024-05-06T15:45:00-04:00", false)]
    [InlineData("6 May 2024", "2024-05-06T00:00:00+00:00", true)]
    [InlineData("Tue 7 May 2024 10.15 BST", "2024-05-07T10:15:00+01:00", false)]
    [InlineData("06.05.2024", "2024-05-06T00:00:00+00:00", true)]
    [InlineData("6. Mai 2024", "2024-05-06T00:00:00+00:00", true)]
    [InlineData("6 mai 2024", "2024-05-06T00:00:00+00:00", true)]
    [InlineData("6 de mayo de 2024", "2024-05-06T00:00:00+00:00", true)]
    [InlineData("2024/05/06", "2024-05-06T00:00:00+00:00", true)]
    [InlineData("25/12/2023", "2023-12-25T00:00:00+00:00", true)]
    [InlineData("1715000000", "2024-05-06T12:53:20+00:00", false)]
    [InlineData("Mon May 06 22:15:00 EDT 2024", "2024-05-06T22:15:00-04:00", false)]
    public void TryParse_CommonForms(string raw, string expected, bool dateOnly)
    {
        Assert.True(DateParser.TryParse(raw, out var v, out bool d));
        var e = DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(e, v);
        Assert.Equal(e.Offset, v.Offset);
        Assert.Equal(dateOnly, d);
    }

    [Fact]
    public void TryParse_FractionalSecondsAndOffset()
    {
        Assert.True(DateParser.TryParse("2024-05-06T10:15:00.123-04:00", out var v, out _));
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 10, 15, 0, 123, TimeSpan.FromHours(-4)), v);
    }

    [Fact]
    public void Find_DateInsideText()
    {
        var f = DateParser.Find("Posted by the desk on 12 March 2023, updated later");
        Assert.NotNull(f);
        Assert.Equal(new DateTimeOffset(2023, 3, 12, 0, 0, 0, TimeSpan.Zero), f.Value.Value);
        Assert.Equal(22, f.Value.Index);
    }

    [Theory]
    [InlineData("05/06/2024")]       // May 6 or 5 June: not guessed
    [InlineData("2024-02-30")]       // no such day
    [InlineData("May 2024")]         // no day
    [InlineData("yesterday")]
    [InlineData("")]
    public void TryParse_AmbiguousOrIncomplete_IsRejected(string raw) =>
        Assert.False(DateParser.TryParse(raw, out _, out _));
}
