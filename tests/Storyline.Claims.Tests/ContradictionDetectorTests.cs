using System.Diagnostics;
using Storyline.Core;
using static Storyline.Claims.Tests.ClaimTestKit;

namespace Storyline.Claims.Tests;

public sealed class ContradictionDetectorTests
{
    private static Contradiction? Pair(SourcedClaim a, SourcedClaim b) => ContradictionDetector.Find([a, b]).SingleOrDefault();

    [Fact]
    public void Identity_CivilianVersusMilitary()
    {
        var c = Pair(Claim("The drone was a civilian aircraft.", "Iran"), Claim("The drone was a military aircraft.", "Israel"));
        Assert.NotNull(c);
        Assert.Equal("identity", c.Kind);
        Assert.Contains("civilian", c.Reason);
        Assert.Contains("military", c.Reason);
        Assert.NotEqual(c.A.Source, c.B.Source);
    }

    [Fact]
    public void Occurrence_DidVersusDidNot()
    {
        var c = Pair(Claim("The minister visited the border town.", "Armenia"), Claim("The minister did not visit the border town.", "Azerbaijan"));
        Assert.Equal("occurrence", c?.Kind);
    }

    [Fact]
    public void Occurrence_DenialVersusAssertion()
    {
        var c = Pair(Claim("The company denied that it dumped waste in the river.", "Acme"), Claim("The company dumped waste in the river.", "Greenpeace"));
        Assert.NotNull(c);
    }

    [Fact]
    public void Responsibility_DifferentCulprits()
    {
        var c = Pair(Claim("The mine was planted by the rebels.", "Government"), Claim("Government troops planted the mine.", "Rebels"));
        Assert.Equal("responsibility", c?.Kind);
    }

    [Fact]
    public void Number_DisagreeingCounts()
    {
        var c = Pair(Claim("Forty workers were arrested at the plant.", "Union"), Claim("Nine workers were arrested at the plant.", "Police"));
        Assert.Equal("number", c?.Kind);
    }

    [Fact]
    public void Date_DisagreeingDays()
    {
        var c = Pair(Claim("The ferry capsized on 3 May 2021.", "Coast guard"), Claim("The ferry capsized on 9 May 2021.", "Operator"));
        Assert.Equal("date", c?.Kind);
    }

    [Fact]
    public void SameSide_IsNeverAContradiction()
    {
        Assert.Null(Pair(Claim("The drone was a civilian aircraft.", "Iran"), Claim("The drone was a military aircraft.", "Iran")));
    }

    [Fact]
    public void AgreeingParaphrases_AreNotContradictions()
    {
        Assert.Null(Pair(Claim("The drone was a civilian aircraft.", "Iran"), Claim("The drone was a civil plane used for research.", "Oman")));
        Assert.Null(Pair(Claim("About 40 workers were arrested at the plant.", "Union"), Claim("42 workers were arrested at the plant.", "Police")));
        Assert.Null(Pair(Claim("The minister did not visit the border town.", "Armenia"), Claim("The minister never visited the town.", "Azerbaijan")));
    }

    [Fact]
    public void CompatibleStatements_AreNotContradictions()
    {
        // Different things counted, a denial about something else, a hedge.
        Assert.Null(Pair(Claim("Forty workers were arrested at the plant.", "Union"), Claim("Nine workers were injured at the plant.", "Police")));
        Assert.Null(Pair(Claim("Russia did not hack the voting machines.", "Russia"), Claim("Russia hacked the party's email server.", "United States")));
        Assert.Null(Pair(Claim("The blast may have been an accident.", "Operator"), Claim("The blast was deliberate.", "Police")));
    }

    [Fact]
    public void UnrelatedSubjects_AreNotContradictions()
    {
        Assert.Null(Pair(Claim("The bridge was closed.", "City"), Claim("The airport was open.", "Airline")));
        Assert.Null(Pair(Claim("The minister visited the border town.", "Armenia"), Claim("The president did not visit the capital.", "Azerbaijan")));
    }

    [Fact]
    public void Claims_WithoutSide_AreSkipped()
    {
        var a = Claim("The drone was a civilian aircraft.", "Iran");
        var b = Claim("The drone was a military aircraft.", "Israel");
        Assert.Empty(ContradictionDetector.Find([a, b with { Claim = b.Claim with { Side = null, SideKey = null } }]));
    }

    [Fact]
    public void ManyClaims_StayBoundedAndStable()
    {
        var civil = Claim("The drone was a civilian aircraft.", "Iran").Claim;
        var military = Claim("The drone was a military aircraft.", "Israel").Claim;
        var claims = new List<SourcedClaim>();
        for (int i = 0; i < 3000; i++)
        {
            int round = i / 300;
            var baseClaim = round % 2 == 0 ? civil : military;
            // Many subjects, a few sides: blocking keeps the work far below all pairs.
            claims.Add(new SourcedClaim(i, 0, $"s{i}", baseClaim with { Subject = $"thing{i % 300}", SideKey = $"side{round % 3}", Side = $"Side {round % 3}" }));
        }
        var sw = Stopwatch.StartNew();
        var first = ContradictionDetector.Find(claims);
        sw.Stop();
        var second = ContradictionDetector.Find(claims);
        Assert.NotEmpty(first);
        Assert.All(first, c => Assert.NotEqual(c.A.Claim.SideKey, c.B.Claim.SideKey));
        Assert.All(first, c => Assert.Equal(c.A.Claim.Subject, c.B.Claim.Subject));
        Assert.Equal(first.Select(c => (c.A.DocId, c.B.DocId)), second.Select(c => (c.A.DocId, c.B.DocId)));
        Assert.True(sw.ElapsedMilliseconds < 5000, $"took {sw.ElapsedMilliseconds} ms");
    }
}
