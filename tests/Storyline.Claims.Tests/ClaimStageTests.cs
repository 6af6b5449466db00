using Storyline.Core;

namespace Storyline.Claims.Tests;

public sealed class ClaimStageTests
{
    [Fact]
    public void GovernmentSpokesperson_SpeaksForTheCountry()
    {
        var doc = ClaimTestKit.WithQuote(
            "A spokesperson for China's foreign ministry said the drone was a civilian aircraft used for mapping.",
            "A spokesperson for China's foreign ministry", "the drone was a civilian aircraft used for mapping");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("China", c.Side);
        Assert.Equal("CN", c.SideKey);
        Assert.Equal("drone", c.Subject);
        Assert.Equal("be", c.Predicate);
        Assert.Contains("civilian", c.Value);
        Assert.False(c.Negated);
        Assert.Equal(0, c.Quote);
    }

    [Fact]
    public void PentagonOfficial_SpeaksForTheUnitedStates()
    {
        var doc = ClaimTestKit.WithQuote(
            "A Pentagon official told reporters the aircraft had crossed into Alaskan airspace twice.",
            "A Pentagon official", "the aircraft had crossed into Alaskan airspace twice");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("United States", c.Side);
        Assert.Equal("US", c.SideKey);
    }

    [Fact]
    public void CompanySpokesman_SpeaksForTheCompany_AndNegationIsRead()
    {
        var doc = ClaimTestKit.WithQuote(
            "Microsoft's spokesman Frank Shaw said the company did not violate the competition law.",
            "Microsoft's spokesman Frank Shaw", "the company did not violate the competition law");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("Microsoft", c.Side);
        Assert.Equal("violate", c.Predicate);
        Assert.True(c.Negated);
        Assert.Equal("law", c.Patient);
    }

    [Fact]
    public void DenialCue_NegatesTheContent()
    {
        var doc = ClaimTestKit.WithQuote(
            "The Kremlin denied that Russian troops had entered the town.",
            "The Kremlin", "Russian troops had entered the town", cue: "deny");
        var c = Assert.Single(doc.Claims);
        Assert.True(c.Negated);
        Assert.Equal("enter", c.Predicate);
        Assert.Equal("Russia", c.Side);
    }

    [Fact]
    public void DenialVerbInsideTheStatement_Negates()
    {
        var c = ClaimTestKit.Claim("The ministry denied that the army shelled the village.", "x").Claim;
        Assert.True(c.Negated);
        Assert.Equal("shell", c.Predicate);
    }

    [Fact]
    public void Hedges_AreMarked()
    {
        Assert.True(ClaimTestKit.Claim("The blast may have been caused by a gas leak.", "x").Claim.Hedged);
        Assert.False(ClaimTestKit.Claim("The blast was caused by a gas leak.", "x").Claim.Hedged);
    }

    [Fact]
    public void NumbersAndDates_AreRead()
    {
        var c = ClaimTestKit.Claim("More than 40 workers were arrested at the plant on 3 May 2021.", "x").Claim;
        var n = Assert.Single(c.Numbers);
        Assert.Equal(40, n.Value);
        Assert.Equal("worker", n.Unit);
        Assert.Equal("min", n.Bound);
        Assert.Contains("2021-05-03", c.Dates);
    }

    [Fact]
    public void UnknownSpeaker_HasNoSide()
    {
        var doc = ClaimTestKit.WithQuote("Someone said the bridge was closed for repairs.", "Someone", "the bridge was closed for repairs");
        var c = Assert.Single(doc.Claims);
        Assert.Null(c.Side);
        Assert.Null(c.SideKey);
    }

    [Fact]
    public void Stage_IsDeterministic()
    {
        const string text = "A Pentagon official said the balloon was a surveillance craft.";
        var a = ClaimTestKit.WithQuote(text, "A Pentagon official", "the balloon was a surveillance craft");
        var b = ClaimTestKit.WithQuote(text, "A Pentagon official", "the balloon was a surveillance craft");
        Assert.Equal(a.Claims[0] with { Numbers = [], Dates = [], Terms = [] }, b.Claims[0] with { Numbers = [], Dates = [], Terms = [] });
        Assert.Equal(a.Claims[0].Terms, b.Claims[0].Terms);
    }
}
