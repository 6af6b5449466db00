using Storyline.Core;

namespace Storyline.Entities.Tests;

public class GroupingTests
{
    [Fact]
    public void Entities_GroupSurnameHonorificAndRoleNominal_UnderFullName()
    {
        var doc = TestDocs.Run("[[German|MISC]] Chancellor [[Angela Merkel|PER]] arrived in the capital on Monday. " +
                               "Mrs. [[Merkel|PER]] met union leaders. The chancellor said the talks went well, and [[Merkel|PER]] left.");
        var e = doc.EntityOf("Angela Merkel");
        Assert.Equal("Angela Merkel", e.Name);
        Assert.Equal("PER", e.Type);
        Assert.Equal(["Angela Merkel", "Merkel", "The chancellor", "Merkel"], doc.MentionTexts(e));
        var nominal = doc.Mentions.Single(m => m.Nominal);
        Assert.Equal("The chancellor", doc.Text[nominal.Start..nominal.End]);
        // Back-references agree with the entity's mention list.
        foreach (var i in e.Mentions) Assert.Equal(doc.Entities.IndexOf(e), doc.Mentions[i].Entity);
    }

    [Fact]
    public void Entities_CanonicalName_IsLongestFullForm_EvenWhenShortFormComesFirst()
    {
        var doc = TestDocs.Run("[[Okafor|PER]] spoke first. Later [[Ngozi Adaeze Okafor|PER]] took questions, and [[Okafor|PER]] left.");
        var e = doc.EntityOf("Okafor");
        Assert.Equal("Ngozi Adaeze Okafor", e.Name);
        Assert.Equal(3, e.Mentions.Count);
    }

    [Fact]
    public void Entities_Acronym_JoinsLongForm()
    {
        var doc = TestDocs.Run("The [[European Central Bank|ORG]] raised rates. The [[ECB|ORG]] said inflation was too high.");
        var e = doc.EntityOf("ECB");
        Assert.Equal("European Central Bank", e.Name);
        Assert.Equal(2, e.Mentions.Count);
    }

    [Fact]
    public void Entities_AcronymWithFunctionWord_AndParenthesis_JoinLongForm()
    {
        var doc = TestDocs.Run("The [[Bank of Japan|ORG]] held. [[BOJ|ORG]] officials met the [[Food and Drug Administration|ORG]] ([[FDA|ORG]]).");
        Assert.Equal("Bank of Japan", doc.EntityOf("BOJ").Name);
        Assert.Equal("Food and Drug Administration", doc.EntityOf("FDA").Name);
        // A capitalised article inside the span does not count as an initial.
        var who = TestDocs.Run("[[The World Health Organization|ORG]] met. [[WHO|ORG]] experts agreed.");
        Assert.Equal(2, who.EntityOf("WHO").Mentions.Count);
    }

    [Fact]
    public void Entities_ShortCompanyName_JoinsFullName_AndSuffixIsIgnored()
    {
        var doc = TestDocs.Run("[[Hanwha Ocean Co.|ORG]] won the order. [[Hanwha Ocean|ORG]] shares rose, and [[Hanwha|ORG]] said more would follow.");
        var e = doc.EntityOf("Hanwha");
        Assert.Equal(3, e.Mentions.Count);
        Assert.Equal("Hanwha Ocean Co.", e.Name);
    }

    [Fact]
    public void Entities_SharedSurname_GoesToNearestEarlierPerson()
    {
        var doc = TestDocs.Run("[[Maria Lindqvist|PER]] chairs the board. Her brother [[Erik Lindqvist|PER]] runs the plant. " +
                               "[[Lindqvist|PER]] said the plant would stay open.");
        var erik = doc.EntityOf("Erik Lindqvist");
        var maria = doc.EntityOf("Maria Lindqvist");
        Assert.NotSame(erik, maria);
        Assert.Contains("Lindqvist", doc.MentionTexts(erik));
        Assert.Single(maria.Mentions);
    }

    [Fact]
    public void Entities_FamilyNameFirst_JoinsOnFirstToken()
    {
        var doc = TestDocs.Run("[[Li Qiang|PER]] opened the forum. [[Li|PER]] said growth would pick up.");
        Assert.Equal(2, doc.EntityOf("Li").Mentions.Count);
    }

    [Fact]
    public void Entities_HyphenatedSurname_StandsAlone()
    {
        var doc = TestDocs.Run("[[Marie-Claire Dubois-Laurent|PER]] spoke first. [[Dubois-Laurent|PER]] said the plan would pass.");
        Assert.Equal(2, doc.EntityOf("Dubois-Laurent").Mentions.Count);
    }

    [Fact]
    public void Entities_CountryAliases_AreOneEntityNamedByGazetteer()
    {
        var doc = TestDocs.Run("Exports to the [[U.S.|LOC]] fell. [[America|LOC]] remains the largest market, the [[United States|LOC]] data showed.");
        var e = doc.EntityOf("U.S.");
        Assert.Equal(3, e.Mentions.Count);
        Assert.Equal("United States", e.Name);
        Assert.Equal("US", e.CountryCode);
    }

    [Fact]
    public void Entities_DifferentPeople_StayApart()
    {
        var doc = TestDocs.Run("[[Tomás Herrera|PER]] met [[Lucía Campos|PER]] in the capital.");
        Assert.NotSame(doc.EntityOf("Tomás Herrera"), doc.EntityOf("Lucía Campos"));
        Assert.Equal(2, doc.Entities.Count(e => e.Type == "PER"));
    }

    [Fact]
    public void Entities_StrayOrgSurname_JoinsPerson()
    {
        // NER sometimes types a lone surname ORG; it is still the person.
        var doc = TestDocs.Run("[[Kofi Mensah|PER]] won the vote. [[Mensah|ORG]] thanked supporters.");
        Assert.Equal(2, doc.EntityOf("Kofi Mensah").Mentions.Count);
        Assert.Equal("PER", doc.EntityOf("Mensah").Type);
    }

    [Fact]
    public void Entities_SurnameTypedOrg_GoesToPerson_NotToBuildingNamedAfterThem()
    {
        var doc = TestDocs.Run("[[Lena Vargas|PER]] met donors at [[Vargas Tower|ORG]]. [[Vargas|ORG]] said the talks went well.");
        Assert.Contains("Vargas", doc.MentionTexts(doc.EntityOf("Lena Vargas")));
        Assert.Single(doc.EntityOf("Vargas Tower").Mentions);
    }

    [Fact]
    public void Entities_CourtesyTitleAlone_IsNotAnEntity()
    {
        var doc = TestDocs.Run("[[Mr.|PER]] [[Ade Bello|PER]] spoke. [[Mr.|PER]] Bello left.");
        Assert.DoesNotContain(doc.Entities, e => e.Name == "Mr.");
        Assert.Equal(-1, doc.Mentions.First(m => m.Text == "Mr.").Entity);
    }

    [Fact]
    public void Nominal_PicksPersonWhoseRoleHasTheModifiers()
    {
        var doc = TestDocs.Run("Foreign Minister [[Ana Duarte|PER]] met Prime Minister [[Rui Lobo|PER]] in the capital. " +
                               "The prime minister later left, and the foreign minister stayed.");
        var noms = doc.Mentions.Where(m => m.Nominal).ToList();
        Assert.Equal(2, noms.Count);
        Assert.Equal("Rui Lobo", doc.Entities[noms[0].Entity].Name);
        Assert.Equal("Ana Duarte", doc.Entities[noms[1].Entity].Name);
    }

    [Fact]
    public void Nominal_IsNotAddedForAppositionOrBeforeAName()
    {
        var doc = TestDocs.Run("Chancellor [[Olaf Berg|PER]] spoke. [[Berg|PER]], the chancellor, said so. The chancellor [[Olaf Berg|PER]] left.");
        Assert.DoesNotContain(doc.Mentions, m => m.Nominal);
    }

    [Fact]
    public void Nominal_WithoutAnyRoleOrSubject_IsNotLinked()
    {
        var doc = TestDocs.Run("Rain fell on [[Oslo|LOC]]. The minister said nothing.");
        Assert.DoesNotContain(doc.Mentions, m => m.Nominal);
    }

    [Fact]
    public void Stage_IsIdempotent()
    {
        var doc = TestDocs.From("[[German|MISC]] Chancellor [[Angela Merkel|PER]] spoke. The chancellor left.");
        var stage = new EntityStage();
        stage.Process(doc);
        var first = doc.Entities.Select(EntityKey.Of).ToList();
        int mentions = doc.Mentions.Count;
        stage.Process(doc);
        Assert.Equal(first, doc.Entities.Select(EntityKey.Of).ToList());
        Assert.Equal(mentions, doc.Mentions.Count);
    }

    [Fact]
    public void Stage_EmptyDocument_HasNoEntities()
    {
        var doc = TestDocs.Run("Nothing named here.");
        Assert.Empty(doc.Entities);
        Assert.Empty(doc.Places);
    }
}
