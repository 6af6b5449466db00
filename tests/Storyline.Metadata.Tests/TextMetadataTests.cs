using Storyline.Core;
using static Storyline.Metadata.Tests.Docs;

namespace Storyline.Metadata.Tests;

public class TextMetadataTests
{
    [Fact]
    public void Text_TitleSuffixDateLabelByline()
    {
        var md = Run(Text("""
            Menu
            Ferry service returns to the islands | Coastal Times

            date 2022-08-14 Travel
            By Oskar Lind
            The ferry returned to service on Sunday after a month of repairs.
            """));
        Assert.Equal(new Field<string>("Ferry service returns to the islands", "text:title-line"), md.Title);
        Assert.Equal(new Field<string>("Coastal Times", "title-suffix"), md.Publisher);
        Assert.Equal(new Field<DateTimeOffset>(new DateTimeOffset(2022, 8, 14, 0, 0, 0, TimeSpan.Zero), "text:date-label"), md.Published);
        Assert.True(md.PublishedDateOnly);
        Assert.Equal(new Field<string>("Oskar Lind", "text:by-line"), md.Byline);
        Assert.Null(md.Source);
    }

    [Fact]
    public void Text_ReutersDateline()
    {
        var md = Run(Text("Oil prices climb on supply worries\n\nLONDON, March 3 (Reuters) - Oil prices rose on Monday as traders weighed supply risks.\n"));
        Assert.Equal(new Field<string>("Reuters", "dateline"), md.Publisher);
        Assert.Null(md.Published); // "March 3" has no year: not a date we may complete
    }

    [Fact]
    public void Text_DatelineEndingItsLine_OldWireStyle()
    {
        var md = Run(Text("NAIROBI, Kenya (AP) _\n\nSuspected bombs exploded outside two embassies on Friday.\n"));
        Assert.Equal(new Field<string>("Associated Press", "dateline"), md.Publisher);
    }

    [Fact]
    public void Text_FirstPublishedInsideASentence_IsNotANote()
    {
        var md = Run(Text("Memo details emerge\nThe outlines of the memos, which were first published by The Daily Record, have already been reported by several papers in the weeks since the hearing.\n"));
        Assert.Null(md.Publisher);
    }

    [Fact]
    public void Text_OriginallyPublishedLine()
    {
        var md = Run(Text("City hires new planners\nThe city hired four planners.\nThis story was first published by Harbor Ledger and is republished here with permission.\n"));
        Assert.Equal(new Field<string>("Harbor Ledger", "text:originally-published"), md.Publisher);
    }

    [Fact]
    public void Text_PublishedLabelWithTimeAndZone()
    {
        var md = Run(Text("Storm warning issued\nPublished: 10:15 AM EST, Tue March 12, 2024\nForecasters warned of strong winds.\n"));
        Assert.Equal(new DateTimeOffset(2024, 3, 12, 10, 15, 0, TimeSpan.FromHours(-5)), md.Published!.Value);
        Assert.False(md.PublishedDateOnly);
        Assert.Equal("text:published-label", md.Published.Rule);
    }

    [Fact]
    public void Text_GermanLabelAndByline()
    {
        var md = Run(Text("Neue Brücke eröffnet\nVon Max Mustermann\nVeröffentlicht am 6. Mai 2024\nDie Brücke wurde am Montag eröffnet.\n"));
        Assert.Equal("Max Mustermann", md.Byline!.Value);
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 0, 0, 0, TimeSpan.Zero), md.Published!.Value);
    }

    [Fact]
    public void Text_BareDateLineAtTheTop()
    {
        var md = Run(Text("Harbour works delayed\nMarch 4, 2023\nWork on the harbour was delayed again.\n"));
        Assert.Equal("text:date-line", md.Published!.Rule);
    }

    [Fact]
    public void Text_NoDate_IsNull()
    {
        var md = Run(Text("Council debates budget\nThe council met on Monday and will vote in 2025 on the plan.\nBy Monday, the mayor said, the plan must be ready.\n"));
        Assert.Null(md.Published);
        Assert.Null(md.Byline); // "By Monday, ..." is not a byline
    }

    [Theory]
    [InlineData("By the way, nothing changed in the town.")]
    [InlineData("by train and bus")]
    [InlineData("By 2030 the port will double in size")]
    public void Text_NotBylines(string line) => Assert.Null(Run(Text("Headline of some story here\n" + line + "\n")).Byline);

    [Fact]
    public void Language_Lingua_OnBodyText()
    {
        Assert.Equal(new Field<string>("de", "lingua"),
            Run(Text("Der Stadtrat hat am Donnerstag nach langer Debatte den Haushalt für das kommende Jahr beschlossen."), language: true).Language);
        Assert.Equal(new Field<string>("fr", "lingua"),
            Run(Text("Le conseil municipal a adopté jeudi le budget de l'année prochaine après un long débat."), language: true).Language);
        Assert.Equal("en", Run(Text("The city council approved next year's budget on Thursday after a long debate."), language: true).Language!.Value);
    }

    [Fact]
    public void Language_DeclaredOutsideTheDetectorsList_IsTakenFromThePage()
    {
        var d = Html("<html lang=\"ko\"><head><title>뉴스</title></head><body><p>서울시는 목요일 내년도 예산안을 통과시켰다.</p></body></html>");
        Assert.Equal(new Field<string>("ko", "html:lang"), Run(d, language: true).Language);
    }
}
