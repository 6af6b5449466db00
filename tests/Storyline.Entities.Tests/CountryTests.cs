using Storyline.Core;

namespace Storyline.Entities.Tests;

public class CountryTests
{
    private static Entity Of(string marked, string mention) => TestDocs.Run(marked, places: false).EntityOf(mention);

    [Theory]
    [InlineData("[[French|MISC]] President [[Élodie Marchand|PER]] spoke.", "Élodie Marchand", "FR", "France")]
    [InlineData("[[Japan|LOC]]'s prime minister [[Kenji Mori|PER]] spoke.", "Kenji Mori", "JP", "Japan")]
    [InlineData("[[Mauro Vieira|PER]], the foreign minister of [[Brazil|LOC]], spoke.", "Mauro Vieira", "BR", "Brazil")]
    [InlineData("[[Modi|PER]], who is prime minister of [[India|LOC]], spoke.", "Modi", "IN", "India")]
    [InlineData("[[U.S.|LOC]] Trade Representative [[Jamieson Greer|PER]] spoke.", "Jamieson Greer", "US", "United States")]
    [InlineData("[[Dutch|MISC]] Prime Minister [[Dick Schoof|PER]] spoke.", "Dick Schoof", "NL", "Netherlands")]
    public void Country_OfPerson_FromRolePhrase(string marked, string mention, string code, string name)
    {
        var e = Of(marked, mention);
        Assert.Equal(code, e.CountryCode);
        Assert.Equal(name, e.Country);
    }

    [Fact]
    public void Country_OfPerson_FromDemonymWrittenAsPlainWord()
    {
        // No MISC mention for the demonym: the word itself still counts.
        Assert.Equal("KE", Of("Kenyan President [[William Ruto|PER]] spoke.", "William Ruto").CountryCode);
    }

    [Fact]
    public void Country_OfPerson_ThroughOrganisation()
    {
        Assert.Equal("RU", Of("[[Dmitry Peskov|PER]], a spokesman for the [[Kremlin|ORG]], said so.", "Dmitry Peskov").CountryCode);
        Assert.Equal("GB", Of("[[Sarah Gilbert|PER]] of the [[University of Oxford|ORG]] spoke.", "Sarah Gilbert").CountryCode);
        // NER may type an institution LOC; it still stands for its country.
        var doc = TestDocs.Run("[[Dmitry Peskov|PER]], a spokesman for the [[Kremlin|LOC]], said so.", places: false);
        Assert.Equal("RU", doc.EntityOf("Dmitry Peskov").CountryCode);
        Assert.Equal("RU", doc.EntityOf("Kremlin").CountryCode);
    }

    [Fact]
    public void Country_OfPerson_NotGuessedFromWhereTheStoryHappens()
    {
        var doc = TestDocs.Run("Mayor [[Joan Pratt|PER]] spoke in [[Lyon|LOC]], [[France|LOC]].");
        Assert.Null(doc.EntityOf("Joan Pratt").CountryCode);
    }

    [Theory]
    [InlineData("The [[Bank of Japan|ORG]] held rates.", "Bank of Japan", "JP")]
    [InlineData("[[Canadian National Railway|ORG]] cut jobs.", "Canadian National Railway", "CA")]
    [InlineData("[[Air France|ORG]] cancelled flights.", "Air France", "FR")]
    [InlineData("The [[Chinese Foreign Ministry|ORG]] protested.", "Chinese Foreign Ministry", "CN")]
    [InlineData("The [[Kremlin|ORG]] denied it.", "Kremlin", "RU")]
    public void Country_OfOrganisation_FromName(string marked, string mention, string code) => Assert.Equal(code, Of(marked, mention).CountryCode);

    [Theory]
    [InlineData("[[French|MISC]] carmaker [[Renault|ORG]] cut prices.", "Renault", "FR")]
    [InlineData("[[Japan|LOC]]'s [[Toyota|ORG]] cut prices.", "Toyota", "JP")]
    [InlineData("[[Samsung Electronics|ORG]], [[South Korea|LOC]]'s largest company, cut prices.", "Samsung Electronics", "KR")]
    [InlineData("Shares of [[Volvo Cars|ORG]] fell after the [[Swedish|MISC]] carmaker cut its forecast.", "Volvo Cars", "SE")]
    public void Country_OfOrganisation_FromDescription(string marked, string mention, string code) => Assert.Equal(code, Of(marked, mention).CountryCode);

    [Fact]
    public void Country_OfOrganisation_UnknownStaysEmpty()
    {
        Assert.Null(Of("[[Nexoria|ORG]] raised money.", "Nexoria").CountryCode);
        Assert.Null(Of("The [[European Commission|ORG]] agreed.", "European Commission").CountryCode);
    }

    [Fact]
    public void Country_OfOrganisation_TownInNameUsesDocumentContext()
    {
        // Cambridge (England) and Cambridge (Massachusetts) are of similar size: the story's places decide.
        var uk = TestDocs.Run("Researchers at the [[University of Cambridge|ORG]] and in [[London|LOC]] and [[Leeds|LOC]] agreed.");
        Assert.Equal("GB", uk.EntityOf("University of Cambridge").CountryCode);
    }

    [Fact]
    public void Country_OfPlaceAndDemonymEntities()
    {
        var doc = TestDocs.Run("[[German|MISC]] exports to [[Paris|LOC]] rose.");
        Assert.Equal("DE", doc.EntityOf("German").CountryCode);
        Assert.Equal("FR", doc.EntityOf("Paris").CountryCode);
    }
}
