using Storyline.Metadata;

namespace Storyline.Metadata.Tests;

public class TitleTests
{
    [Theory]
    [InlineData("Floods close mountain pass - Reuters", "Floods close mountain pass", "Reuters")]
    [InlineData("Ministers clash over rail budget | The Guardian", "Ministers clash over rail budget", "The Guardian")]
    [InlineData("Senators question drone program : NPR", "Senators question drone program", "NPR")]
    [InlineData("Le port rouvre après la tempête – Le Monde", "Le port rouvre après la tempête", "Le Monde")]
    [InlineData("Harvest festival draws crowds - Section - valleyherald.com", "Harvest festival draws crowds - Section", "valleyherald.com")]
    public void Split_SiteSuffix(string raw, string title, string site)
    {
        var s = TitleSplitter.Split(raw);
        Assert.Equal(title, s.Title);
        Assert.Equal(site, s.Site);
    }

    [Theory]
    [InlineData("Macron : « Nous irons jusqu'au bout »")]
    [InlineData("Covid-19 cases rise again in the north")]
    [InlineData("Storm hits coast - Live Updates")]
    [InlineData("Why the bridge failed - and what comes next?")]
    [InlineData("Council votes to close library - residents angry")]
    public void Split_HeadlinePunctuation_IsNotASite(string raw)
    {
        var s = TitleSplitter.Split(raw);
        Assert.Null(s.Site);
        Assert.Equal(raw, s.Title);
    }

    [Fact]
    public void Split_KnownSitePrefix()
    {
        var s = TitleSplitter.Split("Valley Herald - Harvest festival draws record crowds", "Valley Herald");
        Assert.Equal("Harvest festival draws record crowds", s.Title);
        Assert.Equal("Valley Herald", s.Site);
    }

    [Fact]
    public void Split_KnownSiteNameWithSeparatorsInside()
    {
        var s = TitleSplitter.Split("Race results | Speedway | Karts | Rally", "Speedway | Karts | Rally");
        Assert.Equal("Race results", s.Title);
        Assert.Equal("Speedway | Karts | Rally", s.Site);
    }

    [Fact]
    public void Key_ComparesSiteNamesWithHosts()
    {
        Assert.True(TitleSplitter.SameSite("The Guardian", "theguardian.com"));
        Assert.True(TitleSplitter.SameSite("BBC News", "bbc.co.uk"));
        Assert.False(TitleSplitter.SameSite("Reuters", "yahoo.com"));
    }
}
