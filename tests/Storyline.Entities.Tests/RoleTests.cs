using Storyline.Core;

namespace Storyline.Entities.Tests;

public class RoleTests
{
    private static Entity Person(string marked, string name) => TestDocs.Run(marked, places: false).EntityOf(name);

    [Theory]
    [InlineData("[[German|MISC]] Chancellor [[Angela Merkel|PER]] spoke.", "Angela Merkel", "Chancellor")]
    [InlineData("[[U.S.|LOC]] Secretary of State [[Antony Blinken|PER]] landed.", "Antony Blinken", "Secretary of State")]
    [InlineData("They met [[Brazil|LOC]]'s foreign minister [[Mauro Vieira|PER]] on Monday.", "Mauro Vieira", "foreign minister")]
    [InlineData("[[Indian|MISC]] leader [[Narendra Modi|PER]] arrived.", "Narendra Modi", "leader")]
    [InlineData("Deputy Health Minister [[Ioana Marin|PER]] resigned.", "Ioana Marin", "Deputy Health Minister")]
    [InlineData("Sen. [[Ruth Alvarez|PER]] objected.", "Ruth Alvarez", "Senator")]
    [InlineData("Police Chief [[Dana Cole|PER]] said two men were held.", "Dana Cole", "Police Chief")]
    [InlineData("The board named former finance minister [[Pál Szabó|PER]] chairman.", "Pál Szabó", "former finance minister")]
    public void Role_FromPremodifier(string marked, string name, string role) => Assert.Equal(role, Person(marked, name).Role);

    [Theory]
    [InlineData("[[Wang Yi|PER]], [[China|LOC]]'s top diplomat, said so.", "Wang Yi", "top diplomat")]
    [InlineData("The plan was backed by [[Hiro Tanaka|PER]], the chief executive of [[Nexo|ORG]].", "Hiro Tanaka", "chief executive")]
    [InlineData("[[Amara Diallo|PER]], 54, a senior adviser to the president, declined to comment.", "Amara Diallo", "senior adviser")]
    [InlineData("\"We are ready,\" said [[Jane Okoro|PER]], a spokeswoman for the ministry.", "Jane Okoro", "spokeswoman")]
    public void Role_FromApposition(string marked, string name, string role) => Assert.Equal(role, Person(marked, name).Role);

    [Fact]
    public void Role_FromApposition_BeforeTheName()
    {
        var e = Person("A spokesman for the [[Chinese|MISC]] foreign ministry, [[Lin Jian|PER]], said talks went well.", "Lin Jian");
        Assert.Equal("spokesman", e.Role);
        Assert.Equal("CN", e.CountryCode);
    }

    [Theory]
    [InlineData("[[Antony Blinken|PER]], who is secretary of state, left.", "Antony Blinken", "secretary of state")]
    [InlineData("[[Maya Roth|PER]], who was then the deputy mayor, resigned.", "Maya Roth", "deputy mayor")]
    [InlineData("[[Olaf Scholz|PER]] later became chancellor.", "Olaf Scholz", "chancellor")]
    [InlineData("[[Lena Vogt|PER]] has been president of the club since 2019.", "Lena Vogt", "president")]
    public void Role_FromCopula(string marked, string name, string role) => Assert.Equal(role, Person(marked, name).Role);

    [Theory]
    [InlineData("[[Antony Blinken|PER]], who is on his first visit to the region, spoke.", "Antony Blinken")]
    [InlineData("[[Anthony Albanese|PER]], who is seeking a second term, spoke.", "Anthony Albanese")]
    [InlineData("[[Chuck Schumer|PER]], a [[Democrat|MISC]] from [[New York|LOC]], said so.", "Chuck Schumer")]
    [InlineData("Mr. [[Ade Johnson|PER]], a 34-year-old resident of the town, was charged.", "Ade Johnson")]
    [InlineData("Reporters asked [[Mia Hart|PER]] about the president.", "Mia Hart")]
    public void Role_NotInvented(string marked, string name) => Assert.Null(Person(marked, name).Role);

    [Fact]
    public void Role_FromOrganisationPremodifier_TakesOrganisationCountry()
    {
        var e = Person("[[Bank of Japan|ORG]] Governor [[Kazuo Ueda|PER]] spoke.", "Kazuo Ueda");
        Assert.Equal("Governor", e.Role);
        Assert.Equal("JP", e.CountryCode);
    }

    [Fact]
    public void Role_FirstMentionWins_LaterRolesStillLinkNominals()
    {
        var doc = TestDocs.Run("[[Indian|MISC]] leader [[Narendra Modi|PER]] arrived. [[Modi|PER]], who is prime minister of [[India|LOC]], spoke. " +
                               "The prime minister then left.", places: false);
        var e = doc.EntityOf("Narendra Modi");
        Assert.Equal("leader", e.Role);
        Assert.Contains("The prime minister", doc.MentionTexts(e));
    }

    [Fact]
    public void Role_IsNotTakenFromAnotherPersonsName()
    {
        // "Wang" has no role; the premodifier belongs to Blinken only.
        var doc = TestDocs.Run("Secretary of State [[Antony Blinken|PER]] met [[Wang Yi|PER]].", places: false);
        Assert.Null(doc.EntityOf("Wang Yi").Role);
        Assert.Equal("Secretary of State", doc.EntityOf("Antony Blinken").Role);
    }
}
