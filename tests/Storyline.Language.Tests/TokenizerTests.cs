using Storyline.Core;
using Storyline.Language.Tokenization;

namespace Storyline.Language.Tests;

public class TokenizerTests
{
    private static string[] Tok(string text)
    {
        var tokens = Tokenizer.Default.Tokenize(text);
        // Offsets must always reproduce the token text from the source.
        foreach (var t in tokens)
        {
            Assert.Equal(text[t.Start..t.End], t.Text);
            Assert.True(t.End > t.Start);
        }
        for (int i = 1; i < tokens.Count; i++) Assert.True(tokens[i].Start >= tokens[i - 1].End);
        return [.. tokens.Select(t => t.Text)];
    }

    [Theory]
    [InlineData("The U.S. economy grew.", new[] { "The", "U.S.", "economy", "grew", "." })]
    [InlineData("On Feb. 5 Sen. Warren spoke.", new[] { "On", "Feb.", "5", "Sen.", "Warren", "spoke", "." })]
    [InlineData("Dr. Ng joined Acme Inc. last year.", new[] { "Dr.", "Ng", "joined", "Acme", "Inc.", "last", "year", "." })]
    [InlineData("J. K. Rowling and George W. Bush met.", new[] { "J.", "K.", "Rowling", "and", "George", "W.", "Bush", "met", "." })]
    [InlineData("It ranked No. 1 in the poll.", new[] { "It", "ranked", "No.", "1", "in", "the", "poll", "." })]
    [InlineData("She said no.", new[] { "She", "said", "no", "." })]
    [InlineData("at 9 a.m. on Monday", new[] { "at", "9", "a.m.", "on", "Monday" })]
    public void Abbreviations_KeepTheirPeriod(string text, string[] expected) => Assert.Equal(expected, Tok(text));

    [Theory]
    [InlineData("China's economy", new[] { "China", "'s", "economy" })]
    [InlineData("China’s economy", new[] { "China", "’s", "economy" })]
    [InlineData("We don't know", new[] { "We", "do", "n't", "know" })]
    [InlineData("They can't and won't", new[] { "They", "ca", "n't", "and", "wo", "n't" })]
    [InlineData("I cannot go", new[] { "I", "can", "not", "go" })]
    [InlineData("We're gonna win", new[] { "We", "'re", "gon", "na", "win" })]
    [InlineData("the workers' union", new[] { "the", "workers", "'", "union" })]
    [InlineData("O'Brien said", new[] { "O'Brien", "said" })]
    [InlineData("in the '90s", new[] { "in", "the", "'90s" })]
    public void Apostrophes_SplitLikeUd(string text, string[] expected) => Assert.Equal(expected, Tok(text));

    [Theory]
    [InlineData("\"We will win,\" he said.", new[] { "\"", "We", "will", "win", ",", "\"", "he", "said", "." })]
    [InlineData("“We will win,” he said.", new[] { "“", "We", "will", "win", ",", "”", "he", "said", "." })]
    [InlineData("‘No,’ she said.", new[] { "‘", "No", ",", "’", "she", "said", "." })]
    [InlineData("(Reuters) said", new[] { "(", "Reuters", ")", "said" })]
    public void Quotes_AndBrackets_AreSeparateTokens(string text, string[] expected) => Assert.Equal(expected, Tok(text));

    [Theory]
    [InlineData("WASHINGTON (AP) — The Senate voted.", new[] { "WASHINGTON", "(", "AP", ")", "—", "The", "Senate", "voted", "." })]
    [InlineData("LONDON -- Shares fell.", new[] { "LONDON", "--", "Shares", "fell", "." })]
    [InlineData("the deal—a surprise—passed", new[] { "the", "deal", "—", "a", "surprise", "—", "passed" })]
    [InlineData("a well-known man", new[] { "a", "well-known", "man" })]
    [InlineData("the 2019–2020 season", new[] { "the", "2019", "–", "2020", "season" })]
    public void Dashes_AndDatelines(string text, string[] expected) => Assert.Equal(expected, Tok(text));

    [Theory]
    [InlineData("up 100% to $1,250.50 from 3.5 million.", new[] { "up", "100", "%", "to", "$", "1,250.50", "from", "3.5", "million", "." })]
    [InlineData("costs €20 or £15.", new[] { "costs", "€", "20", "or", "£", "15", "." })]
    [InlineData("raised US$300 million", new[] { "raised", "US$", "300", "million" })]
    [InlineData("fell -2.5% today", new[] { "fell", "-2.5", "%", "today" })]
    [InlineData("at 10:30 on 12/05/2024", new[] { "at", "10:30", "on", "12/05/2024" })]
    public void Numbers_Percentages_Currency(string text, string[] expected) => Assert.Equal(expected, Tok(text));

    [Theory]
    [InlineData("See https://example.com/a?b=1.", new[] { "See", "https://example.com/a?b=1", "." })]
    [InlineData("(see www.bbc.co.uk/news)", new[] { "(", "see", "www.bbc.co.uk/news", ")" })]
    [InlineData("Write to press@acme-corp.com, now.", new[] { "Write", "to", "press@acme-corp.com", ",", "now", "." })]
    [InlineData("#MeToo trended; @nytimes wrote", new[] { "#MeToo", "trended", ";", "@nytimes", "wrote" })]
    [InlineData("visit reuters.com today", new[] { "visit", "reuters.com", "today" })]
    public void Urls_Emails_Hashtags_StayWhole(string text, string[] expected) => Assert.Equal(expected, Tok(text));

    [Theory]
    [InlineData("Wait... what?", new[] { "Wait", "...", "what", "?" })]
    [InlineData("and then… nothing", new[] { "and", "then", "…", "nothing" })]
    [InlineData("yes...no", new[] { "yes", "...", "no" })]
    public void Ellipses(string text, string[] expected) => Assert.Equal(expected, Tok(text));

    [Fact]
    public void Offsets_PointIntoSource_WithNewlinesAndTabs()
    {
        const string text = "  Hello,\tworld!\n\n“Quote.”  ";
        var tokens = Tokenizer.Default.Tokenize(text);
        Assert.Equal(["Hello", ",", "world", "!", "“", "Quote", ".", "”"], tokens.Select(t => t.Text));
        Assert.Equal(2, tokens[0].Start);
        Assert.Equal(7, tokens[1].Start);
        Assert.Equal(text.IndexOf('“', StringComparison.Ordinal), tokens[4].Start);
    }

    [Fact]
    public void SplitHyphens_Option_FollowsUd()
    {
        var tokens = new Tokenizer(new TokenizerOptions { SplitHyphens = true }).Tokenize("a so-called deal");
        Assert.Equal(["a", "so", "-", "called", "deal"], tokens.Select(t => t.Text));
    }
}
