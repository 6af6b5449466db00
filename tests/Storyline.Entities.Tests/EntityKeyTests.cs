using Storyline.Core;

namespace Storyline.Entities.Tests;

public class EntityKeyTests
{
    [Fact]
    public void Key_IsNameTypeCountry()
    {
        var e = new Entity { Name = "Angela Merkel", Type = "PER", CountryCode = "DE" };
        Assert.Equal("angela merkel|PER|DE", EntityKey.Of(e));
    }

    [Fact]
    public void Key_FoldsCaseDiacriticsPunctuationAndCompanyForm()
    {
        Assert.Equal(EntityKey.Of("Pedro Sánchez", "PER", "ES"), EntityKey.Of("PEDRO SANCHEZ", "PER", "es"));
        Assert.Equal(EntityKey.Of("Toyota Motor Corp.", "ORG", "JP"), EntityKey.Of("Toyota Motor", "ORG", "JP"));
        Assert.Equal("apple|ORG|", EntityKey.Of("Apple Inc.", "ORG", null));
        Assert.Equal(EntityKey.Of("Mrs. Merkel", "PER", null), EntityKey.Of("Merkel", "PER", null));
    }

    [Fact]
    public void Key_SeparatesTypeAndCountry()
    {
        Assert.NotEqual(EntityKey.Of("Jordan", "PER", null), EntityKey.Of("Jordan", "LOC", "JO"));
        Assert.NotEqual(EntityKey.Of("Paris", "LOC", "FR"), EntityKey.Of("Paris", "LOC", "US"));
    }

    [Fact]
    public void Key_SameEntityInTwoDocuments_Matches()
    {
        var a = TestDocs.Run("[[German|MISC]] Chancellor [[Angela Merkel|PER]] spoke.", places: false);
        var b = TestDocs.Run("[[Merkel|PER]] met [[German|MISC]] Chancellor [[Angela Merkel|PER]]'s aides.", places: false);
        Assert.Equal(EntityKey.Of(a.EntityOf("Angela Merkel")), EntityKey.Of(b.EntityOf("Merkel")));
    }
}
