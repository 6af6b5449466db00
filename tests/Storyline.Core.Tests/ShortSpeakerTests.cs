using Storyline.Core;

namespace Storyline.Core.Tests;

/// <summary>Lists show the speaker without the clauses the scored span carries.</summary>
public class ShortSpeakerTests
{
    [Theory]
    [InlineData("Tim Hess, who introduced the bill,", "Tim Hess")]
    [InlineData("a lawyer who once advised the Pentagon", "a lawyer")]
    [InlineData("Don Fowler, who helmed the party in the 1990s", "Don Fowler")]
    [InlineData("the mayor, speaking to reporters on Monday,", "the mayor")]
    [InlineData("Wang Yi, China's top diplomat,", "Wang Yi, China's top diplomat")] // an apposition is kept
    [InlineData("Secretary of State Antony Blinken", "Secretary of State Antony Blinken")]
    [InlineData("who", "who")]                                                     // nothing left to cut to
    [InlineData("  he ", "he")]
    public void CutsRelativeAndParticipleTails(string speaker, string expected) =>
        Assert.Equal(expected, Quote.ShortSpeaker(speaker));

    [Fact]
    public void NoSpeaker_StaysNull() => Assert.Null(Quote.ShortSpeaker(null));
}
