using Storyline.Ner.Model;

namespace Storyline.Ner.Tests;

/// <summary>Inputs the training data never had: long capitalised runs, huge sentences, odd characters.</summary>
public class NerRobustnessTests
{
    [Fact]
    public void Tagger_LongCapitalisedRunsAndHugeSentences_DoNotThrow()
    {
        var words = new List<string>();
        // A 40-word capitalised run (longer than any run feature), then 3,000 mixed tokens in one sentence.
        for (int i = 0; i < 40; i++) words.Add("Alpha" + (char)('A' + i % 26));
        for (int i = 0; i < 3000; i++) words.Add(i % 7 == 0 ? "Zed" : i % 5 == 0 ? "," : "word");
        var spans = NerModel.Default.Tag(words, [0]);
        Assert.All(spans, s => Assert.True(s.Start >= 0 && s.End <= words.Count && s.Start < s.End));
    }

    [Fact]
    public void Tagger_OddTokens_AreHandled()
    {
        string[] words = ["", " ", "\u200b", "😀", "Ü", "ß", "NASA's", "--", "e.g.", "ÅNGSTRÖM", "O'Neill", "1996-08-22", "#Paris", "@user"];
        var labels = new int[words.Length];
        NerModel.Default.TagLabels(words, [0, 5, 9], labels);
        Assert.All(labels, l => Assert.InRange(l, 0, Conll.EntityTags.LabelCount - 1));
    }

    [Fact]
    public void Tagger_LabelsAreValidBilou()
    {
        string[] words = ["Prime", "Minister", "Jean", "Chrétien", "of", "Canada", "met", "Bank", "of", "England", "officials", "in", "London", "."];
        var labels = new int[words.Length];
        NerModel.Default.TagLabels(words, [0], labels);
        // Every B is closed by an L of the same type; I and L never follow O.
        int open = -1;
        foreach (var l in labels)
        {
            int p = Conll.EntityTags.PositionOf(l), t = Conll.EntityTags.TypeOf(l);
            if (open >= 0) { Assert.Equal(open, t); Assert.True(p is Conll.EntityTags.I or Conll.EntityTags.L); if (p == Conll.EntityTags.L) open = -1; }
            else { Assert.True(l == Conll.EntityTags.Outside || p is Conll.EntityTags.B or Conll.EntityTags.U); if (p == Conll.EntityTags.B) open = t; }
        }
        Assert.Equal(-1, open);
    }

    [Fact]
    public void NerStage_SentencesWithGaps_StillTagsEveryToken()
    {
        var text = "Reporters in Oslo waited. Kari Nordmann of Statoil spoke.";
        var doc = new Document { Origin = new DocumentOrigin("t"), Text = text };
        doc.Tokens.AddRange(Storyline.Language.Tokenization.Tokenizer.Default.Tokenize(text));
        // Only the second sentence is listed: the first tokens must still be tagged (as their own sentence).
        int second = doc.Tokens.FindIndex(t => t.Text == "Kari");
        doc.Sentences.Add(new Sentence(doc.Tokens[second].Start, text.Length, second, doc.Tokens.Count - second));
        new NerStage().Process(doc);
        Assert.Contains(doc.Mentions, m => m.Text == "Oslo" && m.Type == "LOC");
        Assert.Contains(doc.Mentions, m => m.Text == "Kari Nordmann" && m.Type == "PER");
    }
}
