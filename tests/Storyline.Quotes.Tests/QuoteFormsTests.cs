using Storyline.Core;

namespace Storyline.Quotes.Tests;

/// <summary>Each quote form of issue 11, written here by hand, run through the real default pipeline.</summary>
public sealed class QuoteFormsTests
{
    internal static Document Run(string text)
    {
        var doc = new Document { Origin = new DocumentOrigin("t.txt"), RawText = text };
        Engine.DefaultPipeline.Default.Run(doc);
        Assert.Contains(QuoteStage.Id, doc.Stages);
        return doc;
    }

    private static Quote Single(Document doc, Func<Quote, bool> where)
    {
        var hits = doc.Quotes.Where(where).ToList();
        Assert.True(hits.Count == 1, $"expected one match among: {string.Join(" | ", doc.Quotes.Select(q => $"[{q.Speaker}] {q.Text}"))}");
        return hits[0];
    }

    private static string? EntityName(Document doc, Quote q) => q.SpeakerEntity >= 0 ? doc.Entities[q.SpeakerEntity].Name : null;

    [Fact]
    public void DirectQuote_CurlyMarks_SpeakerAfter()
    {
        var doc = Run("Maria Lopez, the mayor of Springfield, opened the new bridge on Tuesday.\n\n“This bridge will change how people get to work every day,” Lopez said.");
        var q = Single(doc, q => q.Text.Contains("This bridge", StringComparison.Ordinal));
        Assert.Equal("direct", q.Kind);
        Assert.StartsWith("“", q.Text, StringComparison.Ordinal);
        Assert.EndsWith("”", q.Text, StringComparison.Ordinal);
        Assert.Equal("Lopez", q.Speaker);
        Assert.Equal("say", q.Cue);
        Assert.Equal("Maria Lopez", EntityName(doc, q));
        Assert.Equal(doc.Text.IndexOf('“', StringComparison.Ordinal), q.Start);
    }

    [Fact]
    public void Speaker_KeepsTheBracketItOpens()
    {
        // "(D-Mass.)": trimming the phrase's final punctuation must not cut the closing bracket of a bracket it opened
        var doc = Run("Rep. Stephen Lynch (D-Mass.) said the committee would vote on the bill next week.");
        var q = Single(doc, q => q.Text.Contains("committee", StringComparison.Ordinal));
        Assert.NotNull(q.Speaker);
        Assert.StartsWith("Rep. Stephen Lynch", q.Speaker, StringComparison.Ordinal);
        Assert.Equal(q.Speaker.Count(c => c == '('), q.Speaker.Count(c => c == ')'));
    }

    [Fact]
    public void DirectQuote_StraightMarks_SpeakerBefore()
    {
        var doc = Run("The company's founder, Peter Hall, spoke at the meeting. Hall told shareholders: \"We will not sell the factory to anyone this year.\"");
        var q = Single(doc, q => q.Text.Contains("sell the factory", StringComparison.Ordinal));
        Assert.Equal("direct", q.Kind);
        Assert.StartsWith("\"", q.Text, StringComparison.Ordinal);
        Assert.Equal("Hall", q.Speaker);
        Assert.Equal("tell", q.Cue);
        Assert.Equal("Peter Hall", EntityName(doc, q));
    }

    [Fact]
    public void CurlyAndStraightMarks_GiveTheSameQuote()
    {
        var curly = Run("“The budget is balanced for the first time in a decade,” said Finance Minister Karl Berger.");
        var straight = Run("\"The budget is balanced for the first time in a decade,\" said Finance Minister Karl Berger.");
        var a = Single(curly, q => q.Text.Contains("budget", StringComparison.Ordinal));
        var b = Single(straight, q => q.Text.Contains("budget", StringComparison.Ordinal));
        Assert.Equal(a.Text[1..^1], b.Text[1..^1]);
        Assert.Equal(a.Speaker, b.Speaker);
        Assert.Contains("Berger", a.Speaker, StringComparison.Ordinal);
    }

    [Fact]
    public void PartialQuote_InsideReportedSpeech_IsMixed()
    {
        var doc = Run("Senator Anne Walsh said the new law was “a betrayal of every worker in this state” and promised to fight it.");
        var q = Single(doc, q => q.Text.Contains("betrayal", StringComparison.Ordinal));
        Assert.Equal("mixed", q.Kind);
        Assert.Contains("the new law was", q.Text, StringComparison.Ordinal);
        Assert.Equal("Anne Walsh", EntityName(doc, q));
    }

    [Fact]
    public void MultiSentenceQuote_OpensParagraph_AttributedAtItsEnd()
    {
        var doc = Run("Union leader Tom Reyes met the board on Monday.\n\n“We asked for a fair deal. We got nothing. Now we will strike,” Reyes said.");
        var q = Single(doc, q => q.Text.Contains("fair deal", StringComparison.Ordinal));
        Assert.Contains("Now we will strike", q.Text, StringComparison.Ordinal);
        Assert.StartsWith("“We asked", q.Text, StringComparison.Ordinal);
        Assert.Equal("Tom Reyes", EntityName(doc, q));
    }

    [Fact]
    public void MultiParagraphQuote_ContinuesTheSpeaker()
    {
        var doc = Run("Chancellor Ingrid Vogel spoke to parliament on Thursday.\n\n" +
                      "“We have waited too long for this reform. Families cannot wait another winter,” Vogel said.\n\n" +
                      "“The money is there, and the plan is ready. What is missing is the will to act.”");
        var second = Single(doc, q => q.Text.Contains("The money is there", StringComparison.Ordinal));
        Assert.Equal("Ingrid Vogel", EntityName(doc, second));
        Assert.Equal("direct", second.Kind);
    }

    [Fact]
    public void ReportedSpeech_SaidThat()
    {
        var doc = Run("The defence minister, Lars Holm, said that the army would withdraw from the border within a week.");
        var q = Single(doc, q => q.Text.Contains("withdraw", StringComparison.Ordinal));
        Assert.Equal("reported", q.Kind);
        Assert.StartsWith("that the army", q.Text, StringComparison.Ordinal);
        Assert.Equal("say", q.Cue);
        Assert.Equal("Lars Holm", EntityName(doc, q));
    }

    [Fact]
    public void ReportedSpeech_AccordingTo()
    {
        var doc = Run("Prices rose by four percent in March, according to the National Statistics Office.");
        var q = Single(doc, q => q.Cue == "according to");
        Assert.Contains("Prices rose", q.Text, StringComparison.Ordinal);
        Assert.Contains("Statistics Office", q.Speaker, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportedSpeech_UrgedTo_TakesTheObjectAndTheInfinitive()
    {
        var doc = Run("Prime Minister Elena Marsh urged the European Union to lift the sanctions on grain exports.");
        var q = Single(doc, q => q.Cue == "urge");
        Assert.Contains("to lift the sanctions", q.Text, StringComparison.Ordinal);
        Assert.Equal("Elena Marsh", EntityName(doc, q));
    }

    [Fact]
    public void ReportedSpeech_DescribedAs()
    {
        var doc = Run("Opposition leader David Kerr described the plan as reckless and unfair to farmers.");
        var q = Single(doc, q => q.Cue == "describe");
        Assert.Contains("the plan as reckless", q.Text, StringComparison.Ordinal);
        Assert.Equal("David Kerr", EntityName(doc, q));
    }

    [Fact]
    public void ReportedSpeech_ToldReporters_LeavesTheAddresseeOut()
    {
        var doc = Run("Governor Paul Byrne told reporters he would sign the bill next week.");
        var q = Single(doc, q => q.Cue == "tell");
        Assert.Equal("he would sign the bill next week", q.Text);
        Assert.Equal("Paul Byrne", EntityName(doc, q));
    }

    [Fact]
    public void UnnamedSource_StaysUnresolvedAndIsFlagged()
    {
        var doc = Run("Foreign Minister Sara Lind will travel to Oslo next week. The trip was planned months ago, a source with knowledge of the matter said.");
        var q = Single(doc, q => q.Text.Contains("trip was planned", StringComparison.Ordinal));
        Assert.True(q.Unnamed);
        Assert.Equal(-1, q.SpeakerEntity);
        Assert.StartsWith("a source", q.Speaker, StringComparison.Ordinal);
    }

    [Fact]
    public void TrailingSource_AfterAComma_IsTheSpeaker()
    {
        var doc = Run("The mayor had asked the police to leave the square before noon, but the commander refused, the official added.");
        var q = Single(doc, q => q.Text.Contains("asked the police", StringComparison.Ordinal));
        Assert.Equal("the official", q.Speaker);
        Assert.Equal("add", q.Cue);
        Assert.True(q.Unnamed);
    }

    [Fact]
    public void ReportedSpeech_ClauseWithoutThat()
    {
        var doc = Run("Union spokesman Phil Carter said the workers expected wages to rise when the new contract began.");
        var q = Single(doc, q => q.Cue == "say");
        Assert.StartsWith("the workers expected", q.Text, StringComparison.Ordinal);
        Assert.Equal("Phil Carter", EntityName(doc, q));
    }

    [Fact]
    public void Pronoun_ResolvesToTheOnlyPersonBefore()
    {
        var doc = Run("Health Secretary Joan Pike visited the hospital in Leeds on Friday. She said the new ward would open in May.");
        var q = Single(doc, q => q.Text.Contains("new ward", StringComparison.Ordinal));
        Assert.Equal("She", q.Speaker);
        Assert.Equal("Joan Pike", EntityName(doc, q));
    }

    [Fact]
    public void Pronoun_WithTwoPeopleAndNoClue_StaysUnresolved()
    {
        // Two men are mentioned and neither spoke before: "he" could be either, so no name is given.
        var doc = Run("Mark Evans met Robert Chen in Boston on Monday. He said the merger talks had collapsed.");
        var q = Single(doc, q => q.Text.Contains("merger talks", StringComparison.Ordinal));
        Assert.Equal("He", q.Speaker);
        Assert.Equal(-1, q.SpeakerEntity);
    }

    [Fact]
    public void Pronoun_AfterTheSpeakersOwnQuote_KeepsThatSpeaker()
    {
        var doc = Run("Coach Henry Ward praised striker Luis Ortega after the match. “We played with heart,” Ward said. He added that the team needed rest.");
        var q = Single(doc, q => q.Text.Contains("needed rest", StringComparison.Ordinal));
        Assert.Equal("Henry Ward", EntityName(doc, q));
    }

    [Fact]
    public void Nominal_RoleNoun_ResolvesToThePersonWithThatRole()
    {
        var doc = Run("German Chancellor Angela Berg met business leaders in Munich on Monday. The chancellor said the energy subsidies would continue next year.");
        var q = Single(doc, q => q.Text.Contains("subsidies", StringComparison.Ordinal));
        Assert.Equal("Angela Berg", EntityName(doc, q));
    }

    [Fact]
    public void Relay_AccordingToAStatementFromHerSpokesperson()
    {
        var doc = Run("Trade Minister Helen Frost will not attend the summit in Geneva, according to a statement from her spokesperson.");
        var q = Single(doc, q => q.Cue == "according to");
        Assert.Contains("will not attend the summit", q.Text, StringComparison.Ordinal);
        Assert.Equal("Helen Frost", EntityName(doc, q));
        Assert.NotNull(q.Via);
        Assert.Contains("spokesperson", q.Via, StringComparison.Ordinal);
    }

    [Fact]
    public void ScareQuotes_AreNotStatements()
    {
        var doc = Run("The so-called “peace plan” was published on Monday by the ministry.");
        Assert.DoesNotContain(doc.Quotes, q => q.Text.Contains("peace plan", StringComparison.Ordinal));
    }

    [Fact]
    public void Offsets_MatchTheText()
    {
        var doc = Run("“Rates will stay where they are,” said central bank governor Olaf Madsen. Madsen added that inflation was falling.");
        Assert.NotEmpty(doc.Quotes);
        foreach (var q in doc.Quotes)
        {
            Assert.Equal(q.Text, doc.Text[q.Start..q.End]);
            if (q.Speaker is not null) Assert.Equal(q.Speaker, doc.Text[q.SpeakerStart..q.SpeakerEnd]);
            if (q.CueStart >= 0) Assert.True(q.CueEnd > q.CueStart);
            Assert.InRange(q.Sentence, 0, doc.Sentences.Count - 1);
        }
    }

    [Fact]
    public void Stage_IsIdempotent()
    {
        var doc = Run("“We will win,” said Sam Green. Green said the vote was close.");
        var first = doc.Quotes.ToList();
        new QuoteStage().Process(doc);
        Assert.Equal(first, doc.Quotes);
    }
}
