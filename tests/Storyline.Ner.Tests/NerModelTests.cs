using Storyline.Language.Tokenization;
using Storyline.Ner.Model;

namespace Storyline.Ner.Tests;

/// <summary>
/// The committed model on hand-written news sentences: invented people and companies, real countries and
/// cities, none of them sentences from CoNLL-2003.
/// </summary>
public class NerModelTests
{
    private static readonly Pipeline Pipe = BuildPipeline();

    private static Pipeline BuildPipeline()
    {
        var b = new PipelineBuilder { Strict = true };
        b.Given.Add(Attr.Text);
        return b.UseTokenizer().UseNer().Build();
    }

    private static Document Run(string text)
    {
        var doc = new Document { Origin = new DocumentOrigin("test"), Text = text };
        return Pipe.Run(doc);
    }

    private static HashSet<(string Text, string Type)> Mentions(string text) =>
        [.. Run(text).Mentions.Select(m => (m.Text, m.Type))];

    [Fact]
    public void Ner_FindsInventedMinisterAndCompany()
    {
        var m = Mentions("Nigeria's foreign minister, Amara Okonkwo, met executives of Kestrel Dynamics Ltd in Lagos on Tuesday to discuss a new refinery.");
        Assert.Contains(("Nigeria", "LOC"), m);
        Assert.Contains(("Amara Okonkwo", "PER"), m);
        Assert.Contains(("Kestrel Dynamics Ltd", "ORG"), m);
        Assert.Contains(("Lagos", "LOC"), m);
        Assert.DoesNotContain(m, x => x.Text.Contains("Tuesday"));
    }

    [Fact]
    public void Ner_LaterShortMention_KeepsItsType()
    {
        var m = Mentions(
            "Shares of Bluewater Analytics Inc rose 4 percent in New York on Friday after the software maker raised its forecast.\n\n" +
            "Bluewater said demand from banks in Canada and Mexico had doubled. Chief executive Priya Raman told analysts that Bluewater would hire 300 engineers.");
        Assert.Contains(("Bluewater Analytics Inc", "ORG"), m);
        Assert.Contains(("New York", "LOC"), m);
        Assert.Contains(("Bluewater", "ORG"), m);
        Assert.Contains(("Canada", "LOC"), m);
        Assert.Contains(("Mexico", "LOC"), m);
        Assert.Contains(("Priya Raman", "PER"), m);
    }

    [Fact]
    public void Ner_NationalityAdjectives_AreMisc()
    {
        var m = Mentions("The Brazilian and Japanese delegations walked out of the talks in Geneva, a United Nations spokeswoman said.");
        Assert.Contains(("Brazilian", "MISC"), m);
        Assert.Contains(("Japanese", "MISC"), m);
        Assert.Contains(("Geneva", "LOC"), m);
        Assert.Contains(("United Nations", "ORG"), m);
    }

    [Fact]
    public void Ner_SentenceInitialCommonWord_IsNotAnEntity()
    {
        var m = Mentions("Officials said the bridge would reopen next week. However, the mayor of Leeds, Tom Harwick, disagreed.");
        Assert.DoesNotContain(m, x => x.Text is "Officials" or "However");
        Assert.Contains(("Leeds", "LOC"), m);
        Assert.Contains(("Tom Harwick", "PER"), m);
    }

    /// <summary>Tags a document given as sentences of space-separated tokens; returns (text, type) per entity.</summary>
    private static List<(string Text, string Type)> TagTokens(params string[] sentences)
    {
        var words = new List<string>(); var starts = new List<int>();
        foreach (var s in sentences) { starts.Add(words.Count); words.AddRange(s.Split(' ')); }
        return [.. NerModel.Default.Tag(words, starts.ToArray()).Select(sp => (string.Join(" ", words.Skip(sp.Start).Take(sp.End - sp.Start)), sp.Type))];
    }

    [Fact]
    public void Ner_TownsInResultsTables_AreTeams_ButPlacesInProse()
    {
        // Document-topic features: a wire results document ("SOCCER - ...", number-heavy lines) makes town names teams.
        var results = TagTokens(
            "SOCCER - ENGLISH CONFERENCE RESULTS .", "LONDON 1997-03-08", "Results of English Conference matches on Saturday :",
            "Gateshead 2 Altrincham 1", "Barrow 0 Southport 3", "Kidderminster 1 Hednesford 1");
        foreach (var team in new[] { "Gateshead", "Altrincham", "Barrow", "Southport", "Kidderminster", "Hednesford" })
            Assert.Contains((team, "ORG"), results);
        var prose = TagTokens("Barrow is a town in Cumbria .", "Gateshead lies on the river Tyne .");
        Assert.Contains(("Barrow", "LOC"), prose);
        Assert.Contains(("Gateshead", "LOC"), prose);
        Assert.Contains(("Cumbria", "LOC"), prose);
    }

    [Fact]
    public void Ner_RepeatedInventedName_GetsOneTypeThroughoutTheDocument()
    {
        // Context aggregation and prediction history: a name unknown to the model is typed the same way everywhere,
        // including where its own sentence says little ("Halvorsen said").
        var m = TagTokens(
            "Norwegian shipowner Erik Halvorsen bought two tankers from Greek owners on Monday .",
            "Halvorsen said prices had fallen .",
            "Brokers said Halvorsen paid about $ 40 million for the pair .");
        var types = m.Where(x => x.Text.EndsWith("Halvorsen", StringComparison.Ordinal)).Select(x => x.Type).ToList();
        Assert.Equal(3, types.Count);
        Assert.All(types, t => Assert.Equal("PER", t));
        Assert.Contains(("Norwegian", "MISC"), m);
    }

    [Fact]
    public void NerStage_OffsetsPointIntoTheText()
    {
        var doc = Run("Maria Lindqvist, a spokeswoman for Volvo, said in Stockholm that the plant would close.");
        Assert.NotEmpty(doc.Mentions);
        foreach (var men in doc.Mentions)
        {
            Assert.Equal(men.Text, doc.Slice(men.Start, men.End));
            Assert.Contains(men.Type, (string[])["PER", "ORG", "LOC", "MISC"]);
        }
        Assert.Contains(doc.Mentions, x => x.Text == "Stockholm" && x.Type == "LOC");
        Assert.Contains("ner.v1", doc.Stages);
    }

    [Fact]
    public void NerStage_EmptyDocument_HasNoMentions()
    {
        var doc = Run("");
        Assert.Empty(doc.Mentions);
    }

    [Fact]
    public void NerStage_RequiresTokensAndSentences()
    {
        var b = new PipelineBuilder();
        b.Given.Add(Attr.Text);
        var ex = Assert.Throws<StorylineException>(() => b.UseNer().Build());
        Assert.Equal(ErrorCode.SL0101, ex.Code);
    }

    [Fact]
    public void NerModel_IsLoadedOnce_AndThreadSafe()
    {
        Assert.Same(NerModel.Default, NerModel.Default);
        var texts = Enumerable.Range(0, 16).Select(i => $"Officials in Madrid said on day {i} that Carlos Mendez of Iberdrola would visit Lisbon.").ToArray();
        var results = new string[texts.Length];
        Parallel.For(0, texts.Length, i => results[i] = string.Join("|", Run(texts[i]).Mentions.Select(m => m.Text + "/" + m.Type)));
        var expected = string.Join("|", Run(texts[0]).Mentions.Select(m => m.Text + "/" + m.Type));
        Assert.All(results, r => Assert.Equal(expected, r));
        Assert.Contains("Madrid/LOC", expected);
    }
}
