using Storyline.Core;
using static Storyline.Claims.Tests.ClaimTestKit;

namespace Storyline.Claims.Tests;

/// <summary>
/// Statements whose claim is not a plain "X said that Y was Z": descriptions through the cue, accusations, stated
/// purposes, subjectless descriptions, several complements of one cue, commitment nouns, speakers named by office only,
/// and definite descriptions that refer back. Hand-written cases.
/// </summary>
public sealed class StatementFormsTests
{
    [Fact]
    public void DescribedAs_IsADescriptionOfTheObject()
    {
        var doc = WithQuotes("The Pentagon described the drone as a military reconnaissance aircraft.",
            ("The Pentagon", "the drone as a military reconnaissance aircraft", "described"));
        var c = doc.Claims[0];
        Assert.Equal("drone", c.Subject);
        Assert.Equal("be", c.Predicate);
        Assert.Contains("reconnaissance", c.Value);
        Assert.DoesNotContain("as ", c.Value);
    }

    [Fact]
    public void AccusedOf_TheActIsThePredicate_TheAccusedItsAgent()
    {
        var doc = WithQuotes("The ministry accused the rebels of shelling the hospital.",
            ("The ministry", "the rebels of shelling the hospital", "accused"));
        var c = doc.Claims[0];
        Assert.Equal("shell", c.Predicate);
        Assert.Equal("rebel", c.Agent);
        Assert.Equal("hospital", c.Patient);
        Assert.False(c.Negated);
    }

    [Fact]
    public void StatedPurpose_IsADescription_AndClashesWithACivilianOne()
    {
        var spy = Claim("The drone was used for espionage.", "Israel");
        Assert.Equal("drone", spy.Claim.Subject);
        Assert.Equal("be", spy.Claim.Predicate);
        Assert.Contains("espionage", spy.Claim.Value);
        var civilian = Claim("The drone was a civilian aircraft.", "Iran");
        var c = Assert.Single(ContradictionDetector.Find([civilian, spy]));
        Assert.Equal("identity", c.Kind);
        // A purpose of the same pole is no conflict.
        Assert.Empty(ContradictionDetector.Find([Claim("The drone was used for weather research.", "Israel"), civilian]));
    }

    [Fact]
    public void DescriptionWithoutSubject_IsAboutTheKindItNames()
    {
        var doc = WithQuotes("Police found what the army says was a homemade explosive device near the bridge.",
            ("the army", "was a homemade explosive device", "says"));
        var c = doc.Claims[0];
        Assert.Equal("device", c.Subject);
        Assert.Equal("be", c.Predicate);
        Assert.Contains("explosive", c.Value);
    }

    [Fact]
    public void SecondThatComplement_IsAClaimOfTheSameSpeaker()
    {
        var doc = WithQuotes("A Pentagon official said that the talks had ended and that the drone was used for espionage.",
            ("A Pentagon official", "that the talks had ended", "said"));
        Assert.True(doc.Claims.Count >= 2, string.Join(" | ", doc.Claims.Select(c => c.Text)));
        var second = Assert.Single(doc.Claims, c => c.Subject == "drone");
        Assert.Equal("United States", second.Side);
        Assert.Equal(0, second.Quote);
        Assert.StartsWith("that the drone", second.Text);
        Assert.All(doc.Claims, c => Assert.Equal("US", c.SideKey));
    }

    [Fact]
    public void CommitmentNounClause_IsAClaim_UnlessPutInDoubt()
    {
        var held = WithQuotes("A Pentagon official said the military had not changed its assessment that the drone was a reconnaissance aircraft.",
            ("A Pentagon official", "the military had not changed its assessment that the drone was a reconnaissance aircraft", "said"));
        var c = Assert.Single(held.Claims, c => c.Subject == "drone");
        Assert.Equal("be", c.Predicate);
        Assert.Contains("reconnaissance", c.Value);
        Assert.Equal("US", c.SideKey);

        var doubted = WithQuotes("A Pentagon official said the military rejected the assessment that the drone was a reconnaissance aircraft.",
            ("A Pentagon official", "the military rejected the assessment that the drone was a reconnaissance aircraft", "said"));
        Assert.DoesNotContain(doubted.Claims, x => x.Subject == "drone" && x.Predicate == "be");
    }

    [Fact]
    public void DefiniteOfficeSpeaker_TakesTheSideOfTheEarlierSpeakerWithThatHead()
    {
        var doc = WithQuotes("A senior Pentagon official said the drone was armed. Later the official said the flight was deliberate.",
            ("A senior Pentagon official", "the drone was armed", "said"), ("the official", "the flight was deliberate", "said"));
        Assert.Equal(2, doc.Claims.Count);
        Assert.Equal("US", doc.Claims[0].SideKey);
        Assert.Equal("US", doc.Claims[1].SideKey);
    }

    [Fact]
    public void IndefiniteOfficeSpeaker_IsANewSpeaker_WithNoSide()
    {
        var doc = WithQuotes("A senior Pentagon official said the drone was armed. Later an official said the flight was deliberate.",
            ("A senior Pentagon official", "the drone was armed", "said"), ("an official", "the flight was deliberate", "said"));
        Assert.Equal("US", doc.Claims[0].SideKey);
        Assert.Null(doc.Claims[1].SideKey);
    }

    [Fact]
    public void DefiniteDescription_PredicatedEarlier_RefersBack()
    {
        var doc = Run("Officials said the drone was a civilian aircraft. The aircraft was a surveillance platform, the army said.");
        var aliases = ClaimAnalyzer.Predications(doc);
        Assert.Equal("drone", aliases["aircraft"]);
        int s = doc.Text.IndexOf("The aircraft", StringComparison.Ordinal);
        int e = doc.Text.IndexOf(", the army", StringComparison.Ordinal);
        Assert.Equal("drone", ClaimAnalyzer.Analyze(doc, s, e, aliases: aliases).Subject);
        // Without the predication it stays what it says.
        Assert.Equal("aircraft", ClaimAnalyzer.Analyze(doc, s, e).Subject);
    }

    [Fact]
    public void NounPredicatedOfTwoThings_IsAmbiguous_AndNotAnAlias()
    {
        var doc = Run("The drone was an aircraft. The glider was an aircraft too.");
        Assert.False(ClaimAnalyzer.Predications(doc).ContainsKey("aircraft"));
    }

    [Fact]
    public void DefiniteDescriptionInPassing_IsAClaimOfTheSpeaker()
    {
        var doc = WithQuotes("A Pentagon official said the surveillance drone had drifted east for days.",
            ("A Pentagon official", "the surveillance drone had drifted east for days", "said"));
        var c = Assert.Single(doc.Claims, c => c.Predicate == "be");
        Assert.Equal("drone", c.Subject);
        Assert.Contains("surveillance", c.Value);
        Assert.Equal("US", c.SideKey);
        Assert.Equal(0, c.Quote);
    }

    [Theory]
    [InlineData("A Pentagon official said spy drones had been seen over the base.", "spy drones had been seen over the base")]             // generic
    [InlineData("A Pentagon official said the 'spy' drone had drifted east.", "the 'spy' drone had drifted east")]                        // scare quotes
    [InlineData("A Pentagon official said Moscow calls the weather drone harmless.", "Moscow calls the weather drone harmless")]         // nested attribution
    public void DescriptionInPassing_NotAsserted_IsNoClaim(string text, string content)
    {
        var doc = WithQuotes(text, ("A Pentagon official", content, "said"));
        Assert.DoesNotContain(doc.Claims, c => c.Predicate == "be" && c.Subject == "drone");
    }

    [Fact]
    public void RelativeClauseInTheSpeakerPhrase_NamesNoSide()
    {
        // The quotes stage keeps a relative clause in the speaker phrase (PolNeAR's source span); whom the speaker once
        // advised is not whose side they speak for. The same organisation named in the phrase proper still is.
        var clause = WithQuotes("Tom Reyes, a lawyer who once advised the Pentagon, said the drone was armed.",
            ("Tom Reyes, a lawyer who once advised the Pentagon,", "the drone was armed", "said"));
        var own = WithQuotes("Pentagon lawyer Tom Reyes said the drone was armed.",
            ("Pentagon lawyer Tom Reyes", "the drone was armed", "said"));
        Assert.Equal("US", Assert.Single(own.Claims).SideKey);
        Assert.NotEqual("US", Assert.Single(clause.Claims).SideKey);
    }
}
