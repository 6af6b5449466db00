using Storyline.Core;

namespace Storyline.Quotes.Tests;

/// <summary>
/// The source span as PolNeAR marks it (issue 11): the whole phrase under the speaker — titles on the left, appositions,
/// participle phrases and relative clauses on the right with the comma that closes them — and never a date.
/// </summary>
public sealed class SourceSpanTests
{
    private static Document Run(string text) => QuoteFormsTests.Run(text);

    private static string Show(Document doc) => string.Join(" | ", doc.Quotes.Select(q => $"[{q.Speaker}/{q.Cue}] {q.Text}"));

    private static Quote About(Document doc, string content)
    {
        var hits = doc.Quotes.Where(q => q.Text.Contains(content, StringComparison.Ordinal)).ToList();
        Assert.True(hits.Count == 1, $"expected one quote with '{content}' among: {Show(doc)}");
        return hits[0];
    }

    [Fact]
    public void RelativeClause_AfterTheSpeaker_StaysInTheSpan()
    {
        var doc = Run("Tim Hess, who introduced the mayor to his bankers, said the loan was never repaid.");
        var q = About(doc, "loan was never repaid");
        Assert.Equal("Tim Hess, who introduced the mayor to his bankers,", q.Speaker);
        var nested = Run("Tim Hess, a real estate developer who introduced the mayor to his bankers, said the loan was never repaid.");
        var n = About(nested, "loan was never repaid");
        Assert.NotNull(n.Speaker);
        Assert.StartsWith("Tim Hess", n.Speaker, StringComparison.Ordinal);
        Assert.Contains("who introduced the mayor to his bankers", n.Speaker, StringComparison.Ordinal);
        Assert.DoesNotContain("said", n.Speaker, StringComparison.Ordinal);
    }

    [Fact]
    public void Apposition_KeepsTheCommaThatClosesIt()
    {
        var doc = Run("Brian Fallon, the campaign's press secretary, said the report was false and misleading.");
        var q = About(doc, "report was false");
        Assert.Equal("Brian Fallon, the campaign's press secretary,", q.Speaker);
    }

    [Fact]
    public void BareName_TakesNoComma()
    {
        // no apposition: nothing to close, the comma is the sentence's own
        var doc = Run("In a statement on Monday, Karen Bass said the city would appeal the ruling.");
        var q = About(doc, "appeal the ruling");
        Assert.Equal("Karen Bass", q.Speaker);
    }

    [Fact]
    public void InvertedSource_KeepsTheClauseThatClosesTheSentence()
    {
        var doc = Run("“The legend in the coal fields is that nobody ever pays for the damage,” said Kevin Barrett, a lawyer at a small firm, who represents the state in the bankruptcy cases.");
        var q = About(doc, "legend in the coal fields");
        Assert.NotNull(q.Speaker);
        Assert.StartsWith("Kevin Barrett", q.Speaker, StringComparison.Ordinal);
        Assert.EndsWith("in the bankruptcy cases", q.Speaker, StringComparison.Ordinal);
    }

    [Fact]
    public void ADate_AfterTheCue_NeverSpeaks()
    {
        var doc = Run("“This is a dog whistle to all Americans who fear the future of their country,” Rep. Gwen Moore (D-Wis.) said Friday.");
        var q = About(doc, "dog whistle");
        Assert.NotNull(q.Speaker);
        Assert.DoesNotContain("Friday", q.Speaker, StringComparison.Ordinal);
        Assert.Contains("Moore", q.Speaker, StringComparison.Ordinal);
    }

    [Fact]
    public void ClauseSubject_YieldsToTheNounSubject()
    {
        var doc = Run("Lamenting their luck, Mexicans often say that their country is too far from God and too close to the United States.");
        var q = About(doc, "too far from God");
        Assert.Equal("Mexicans", q.Speaker);
    }

    [Fact]
    public void TitleBeforeTheName_StaysInTheSpan()
    {
        var doc = Run("Democratic candidate Hillary Clinton has said she will hold firm to the country's defense commitments in Europe.");
        var q = About(doc, "hold firm");
        Assert.Equal("Democratic candidate Hillary Clinton", q.Speaker);
    }

    [Fact]
    public void Dateline_IsNeverTheSpeaker()
    {
        // the parse gives "said" two subjects, the dateline "FLINT" and "Bill Clinton"
        var doc = Run("FLINT, Mich., Oct. 4 (UPI) — Former President Bill Clinton said the health care law had left millions of working families with higher premiums.");
        var q = Assert.Single(doc.Quotes, q => q.Cue == "say");
        Assert.NotNull(q.Speaker);
        Assert.DoesNotContain("FLINT", q.Speaker, StringComparison.Ordinal);
        Assert.DoesNotContain("UPI", q.Speaker, StringComparison.Ordinal);
        Assert.Contains("Bill Clinton", q.Speaker, StringComparison.Ordinal);
    }
}
