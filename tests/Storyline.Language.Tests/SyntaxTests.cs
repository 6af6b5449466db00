using Storyline.Core;
using Storyline.Language.Syntax;
using Storyline.Language.Tokenization;

namespace Storyline.Language.Tests;

/// <summary>Tagger and parser on hand-written news sentences (not from the treebank): properties that must hold.</summary>
public class SyntaxTests
{
    private static readonly Pipeline Pipe = new PipelineBuilder { Given = { Attr.Text } }
        .UseTokenizer().UseTagger().UseParser().Build();

    private static Document Run(string text)
    {
        var doc = new Document { Origin = new DocumentOrigin("test"), Text = text };
        Pipe.Run(doc);
        Assert.Empty(doc.Diagnostics);
        return doc;
    }

    private static int Find(Document doc, string word, int from = 0)
    {
        for (int i = from; i < doc.Tokens.Count; i++) if (doc.Tokens[i].Text == word) return i;
        throw new Xunit.Sdk.XunitException($"token '{word}' not found");
    }

    [Fact]
    public void MainVerb_IsRoot_SubjectAndObjectAttached()
    {
        var doc = Run("The foreign minister announced new sanctions against the company on Tuesday.");
        int verb = Find(doc, "announced"), subj = Find(doc, "minister"), obj = Find(doc, "sanctions");
        Assert.Equal("VERB", doc.Tokens[verb].Pos);
        Assert.Equal(-1, doc.Tokens[verb].Head);
        Assert.Equal("root", doc.Tokens[verb].Dep);
        Assert.Equal(verb, doc.Tokens[subj].Head);
        Assert.Equal("nsubj", doc.Tokens[subj].Dep);
        Assert.Equal(verb, doc.Tokens[obj].Head);
        Assert.Equal("obj", doc.Tokens[obj].Dep);
        Assert.Equal("DET", doc.Tokens[Find(doc, "The")].Pos);
        Assert.Equal("announce", doc.Tokens[verb].Lemma);
    }

    [Fact]
    public void ProperNouns_AndPassive()
    {
        var doc = Run("The bill was approved by lawmakers in Berlin.");
        int verb = Find(doc, "approved");
        Assert.Equal(-1, doc.Tokens[verb].Head);
        Assert.Equal("nsubj:pass", doc.Tokens[Find(doc, "bill")].Dep);
        Assert.Equal(verb, doc.Tokens[Find(doc, "bill")].Head);
        Assert.Equal("aux:pass", doc.Tokens[Find(doc, "was")].Dep);
        Assert.Equal("PROPN", doc.Tokens[Find(doc, "Berlin")].Pos);
        Assert.Equal("NNP", doc.Tokens[Find(doc, "Berlin")].Tag);
    }

    [Fact]
    public void EverySentence_HasOneRoot_AndHeadsStayInsideIt()
    {
        var doc = Run("Police arrested three men after the protest. Officials said the suspects would appear in court on Friday. “We will not stop,” the mayor said.");
        Assert.Equal(3, doc.Sentences.Count);
        foreach (var s in doc.Sentences)
        {
            int roots = 0;
            for (int i = s.FirstToken; i < s.FirstToken + s.TokenCount; i++)
            {
                var t = doc.Tokens[i];
                Assert.NotNull(t.Pos);
                Assert.NotNull(t.Dep);
                if (t.Head < 0) { roots++; Assert.Equal("root", t.Dep); }
                else Assert.InRange(t.Head, s.FirstToken, s.FirstToken + s.TokenCount - 1);
            }
            Assert.Equal(1, roots);
        }
        Assert.Equal("VBD", doc.Tokens[Find(doc, "arrested")].Tag);
        Assert.Equal("nsubj", doc.Tokens[Find(doc, "Police")].Dep);
        // Second sentence: "said" heads it and "Officials" is its subject; heads are document-level indexes.
        int said = Find(doc, "said");
        Assert.Equal(-1, doc.Tokens[said].Head);
        Assert.Equal(said, doc.Tokens[Find(doc, "Officials")].Head);
        Assert.Equal("nsubj", doc.Tokens[Find(doc, "Officials")].Dep);
    }

    [Fact]
    public void Copula_FollowsUd_PredicateIsRoot()
    {
        var doc = Run("The economy is weak.");
        int weak = Find(doc, "weak");
        Assert.Equal(-1, doc.Tokens[weak].Head);
        Assert.Equal("cop", doc.Tokens[Find(doc, "is")].Dep);
        Assert.Equal(weak, doc.Tokens[Find(doc, "economy")].Head);
    }

    [Fact]
    public void CurlyQuotesAndClitics_AreTaggedLikeStraightOnes()
    {
        var doc = Run("China’s leader didn’t comment.");
        Assert.Equal("PART", doc.Tokens[Find(doc, "’s")].Pos);
        Assert.Equal("POS", doc.Tokens[Find(doc, "’s")].Tag);
        Assert.Equal("PART", doc.Tokens[Find(doc, "n’t")].Pos);
        Assert.Equal("comment", doc.Tokens[Find(doc, "comment")].Lemma);
    }

    [Fact]
    public void Stages_RunInParallel_GiveSameResult()
    {
        const string text = "Shares of Acme Inc. fell 5% on Monday after the company cut its forecast.";
        var expected = Run(text).Tokens.Select(t => (t.Pos, t.Head, t.Dep)).ToArray();
        Parallel.For(0, 8, _ => Assert.Equal(expected, Run(text).Tokens.Select(t => (t.Pos, t.Head, t.Dep)).ToArray()));
    }

    [Theory]
    [InlineData("stopped", "VERB", "VBD", "stop")]
    [InlineData("cities", "NOUN", "NNS", "city")]
    [InlineData("making", "VERB", "VBG", "make")]
    [InlineData("larger", "ADJ", "JJR", "large")]
    [InlineData("Reuters", "PROPN", "NNP", "Reuters")]
    // silent "e" lost before -ed/-ing (were "postpon", "refus", "fir", "su")
    [InlineData("postponed", "VERB", "VBD", "postpone")]
    [InlineData("refused", "VERB", "VBD", "refuse")]
    [InlineData("fired", "VERB", "VBD", "fire")]
    [InlineData("suing", "VERB", "VBG", "sue")]
    [InlineData("urging", "VERB", "VBG", "urge")]
    [InlineData("quoted", "VERB", "VBN", "quote")]
    [InlineData("tied", "VERB", "VBD", "tie")]
    // and no "e" where there was none
    [InlineData("focused", "VERB", "VBD", "focus")]
    [InlineData("visited", "VERB", "VBD", "visit")]
    [InlineData("threatened", "VERB", "VBD", "threaten")]
    [InlineData("shelled", "VERB", "VBD", "shell")]
    [InlineData("applied", "VERB", "VBD", "apply")]
    public void Lemmatizer_RulesAndTable(string form, string upos, string xpos, string lemma)
        => Assert.Equal(lemma, PosTagger.Default.Lemmatizer.Lemmatize(form, upos, xpos));
}
