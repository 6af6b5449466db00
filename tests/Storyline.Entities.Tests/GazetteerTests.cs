using Storyline.Core;
using Storyline.Entities.Geo;
using Storyline.Entities.Text;

namespace Storyline.Entities.Tests;

public class GazetteerTests
{
    [Fact]
    public void Default_LoadsCommittedModel_WithAllTables()
    {
        var g = Gazetteer.Default;
        Assert.Contains(Gazetteer.ModelFileName, g.Source);
        Assert.Equal(32_847, g.CityCount);
        Assert.True(g.Countries.Count >= 250);
        Assert.True(g.Admin1s.Count >= 3_800);
    }

    [Fact]
    public void Model_MatchesASourceBuild()
    {
        // The committed model must be what Build() makes from the shared data today.
        var dir = RepoPaths.Data("gazetteers");
        Assert.SkipUnless(Directory.Exists(dir), "shared gazetteers not present");
        var built = Gazetteer.Build(dir);
        var model = Gazetteer.Default;
        Assert.Equal(built.CityCount, model.CityCount);
        Assert.Equal(built.Countries.Select(c => c.Code + c.Name + string.Join(",", c.Demonyms)), model.Countries.Select(c => c.Code + c.Name + string.Join(",", c.Demonyms)));
        foreach (var name in new[] { "Geneva", "Springfield", "U.S.", "Britain", "Okla", "Texas", "Munich" })
            Assert.Equal(built.Lookup(name).ToArray(), model.Lookup(name).ToArray());
    }

    [Theory]
    [InlineData("German", "DE")]
    [InlineData("Chinese", "CN")]
    [InlineData("American", "US")]
    [InlineData("Americans", "US")]
    [InlineData("French", "FR")]
    [InlineData("British", "GB")]
    [InlineData("Saudi", "SA")]
    [InlineData("Filipino", "PH")]
    [InlineData("Bosnian", "BA")]
    public void Demonyms(string word, string code) => Assert.Equal(code, Gazetteer.Default.CountryByDemonym(word)?.Code);

    [Theory]
    [InlineData("Japan", "JP")]
    [InlineData("U.S.", "US")]
    [InlineData("UK", "GB")]
    [InlineData("Britain", "GB")]
    [InlineData("Ivory Coast", "CI")]
    [InlineData("Côte d'Ivoire", "CI")]
    [InlineData("Czech Republic", "CZ")]
    public void CountryNames(string name, string code) => Assert.Equal(code, Gazetteer.Default.CountryByName(name)?.Code);

    [Fact]
    public void LowerCaseCountryCodes_AreNotCountries()
    {
        Assert.Null(Gazetteer.Default.CountryByName("in"));
        Assert.Null(Gazetteer.Default.CountryByName("It"));
    }

    [Theory]
    [InlineData("Sánchez", "Sanchez")]
    [InlineData("Genève", "Geneve")]
    [InlineData("Rafaḩ", "Rafah")]
    [InlineData("Łódź", "Lodz")]
    [InlineData("Straße", "Strasse")]
    [InlineData("Ærø", "Aero")]
    [InlineData("plain", "plain")]
    public void Fold_RemovesDiacritics(string input, string folded) => Assert.Equal(folded, TextNorm.Fold(input));

    [Theory]
    [InlineData("U.S.", "us")]
    [InlineData("St.-Denis", "st denis")]
    [InlineData("  O'Brien’s  ", "obriens")]
    public void Key_Normalises(string input, string key) => Assert.Equal(key, TextNorm.Key(input));
}
