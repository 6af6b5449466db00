using Storyline.Ner.Conll;
using Storyline.Ner.Evaluation;

namespace Storyline.Ner.Tests;

/// <summary>The scorer against conlleval's semantics, on hand-made files whose answers were worked out by hand.</summary>
public class ConllEvalTests
{
    // Columns: word, POS, gold (IOB1), guess (IOB2/IOB1 mixed) — conlleval's own input format.
    private static readonly string[] Mixed =
    [
        "EU NNP I-ORG B-ORG",          // ORG found
        "rejects VBZ O O",
        "German JJ I-MISC I-MISC",     // an I- after O opens a chunk: MISC found
        "call NN O O",
        ". . O O",
        "",
        "Peter NNP I-PER B-PER",       // PER "Peter Blackburn" found
        "Blackburn NNP I-PER I-PER",
        "",
        "John NNP I-PER B-PER",        // gold: one PER; guess: two PER -> both wrong
        "Smith NNP I-PER B-PER",
        "and CC O O",
        "Mary NNP I-PER I-LOC",        // gold PER "Mary", guess LOC: wrong type
        "Jones NNP B-PER O",           // IOB1 B-: a second gold PER, missed
        "",
    ];

    [Fact]
    public void ConllEval_CountsChunks_AsConllevalDoes()
    {
        var (overall, per, tokens) = ConllEval.ScoreLines(Mixed);
        Assert.Equal(12, tokens);
        Assert.Equal(6, overall.Gold);       // EU, German, Peter Blackburn, John Smith, Mary, Jones
        Assert.Equal(6, overall.Predicted);  // EU, German, Peter Blackburn, John, Smith, Mary(LOC)
        Assert.Equal(3, overall.Correct);
        Assert.Equal(50.0, overall.Precision, 6);
        Assert.Equal(50.0, overall.Recall, 6);
        Assert.Equal(50.0, overall.F1, 6);

        var perType = per.ToDictionary(p => p.Type);
        Assert.Equal(["LOC", "MISC", "ORG", "PER"], per.Select(p => p.Type));
        Assert.Equal((4, 3, 1), (perType["PER"].Gold, perType["PER"].Predicted, perType["PER"].Correct));
        Assert.Equal(100.0 / 3, perType["PER"].Precision, 6);
        Assert.Equal(25.0, perType["PER"].Recall, 6);
        Assert.Equal(200.0 / 7, perType["PER"].F1, 6); // 2·(1/3)(1/4)/((1/3)+(1/4)) = 2/7
        Assert.Equal((0, 1, 0), (perType["LOC"].Gold, perType["LOC"].Predicted, perType["LOC"].Correct));
        Assert.Equal(0.0, perType["LOC"].F1);
        Assert.Equal(100.0, perType["ORG"].F1, 6);
    }

    [Fact]
    public void ConllEval_TagAccuracy_ComparesPrefixAndType()
    {
        var e = new ConllEval();
        foreach (var line in Mixed)
        {
            if (line.Length == 0) { e.Boundary(); continue; }
            var f = line.Split(' ');
            e.Add(f[2], f[3]);
        }
        e.Finish();
        // Equal tags: rejects, German, call, ., Blackburn, and (I-PER vs B-PER counts as different).
        Assert.Equal(6, e.CorrectTags);
    }

    [Fact]
    public void ConllEval_SentenceBreak_ClosesChunks()
    {
        // Same-type I- tags on both sides of a break are two entities, for gold and guess alike.
        var (o, _, _) = ConllEval.ScoreLines(["Bonn I-LOC I-LOC", "", "Paris I-LOC I-LOC"]);
        Assert.Equal((2, 2, 2), (o.Gold, o.Predicted, o.Correct));
        // conlleval's own boundary marker "-X-" acts like a blank line.
        var (o2, _, _) = ConllEval.ScoreLines(["Bonn I-LOC I-LOC", "-X- -X- O O", "Paris I-LOC I-LOC"]);
        Assert.Equal((2, 2, 2), (o2.Gold, o2.Predicted, o2.Correct));
    }

    [Fact]
    public void ConllEval_LongerGuess_IsWrong()
    {
        var (o, _, _) = ConllEval.ScoreLines(["Acme I-ORG B-ORG", "Corp I-ORG I-ORG", "shares O I-ORG", "fell O O"]);
        Assert.Equal((1, 1, 0), (o.Gold, o.Predicted, o.Correct));
    }

    [Fact]
    public void ConllEval_Iob1AdjacentEntities_AreTwo()
    {
        // IOB1: B- marks the second of two adjacent same-type entities.
        var (o, _, _) = ConllEval.ScoreLines(["Britain I-LOC B-LOC", "France B-LOC I-LOC", "talk O O"]);
        Assert.Equal((2, 1, 0), (o.Gold, o.Predicted, o.Correct));
        var (o2, _, _) = ConllEval.ScoreLines(["Britain I-LOC B-LOC", "France B-LOC B-LOC", "talk O O"]);
        Assert.Equal((2, 2, 2), (o2.Gold, o2.Predicted, o2.Correct));
    }

    [Fact]
    public void ConllEval_HyphenatedTypes_SplitOnFirstHyphen()
    {
        var (o, per, _) = ConllEval.ScoreLines(["Lost\tB-creative-work\tB-creative-work", "Ark\tI-creative-work\tI-creative-work"], '\t');
        Assert.Equal((1, 1, 1), (o.Gold, o.Predicted, o.Correct));
        Assert.Equal("creative-work", Assert.Single(per).Type);
    }

    [Fact]
    public void EntityTags_Iob1AndIob2_DecodeToTheSameSpans()
    {
        string[] iob1 = ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG", "O"];
        string[] iob2 = ["B-PER", "I-PER", "B-PER", "O", "B-LOC", "B-ORG", "O"];
        var expected = new[] { new TagSpan(0, 2, "PER"), new TagSpan(2, 3, "PER"), new TagSpan(4, 5, "LOC"), new TagSpan(5, 6, "ORG") };
        Assert.Equal(expected, EntityTags.SpansFromIob(iob1));
        Assert.Equal(expected, EntityTags.SpansFromIob(iob2));
        var bilou = EntityTags.ToBilou(expected, 7);
        Assert.Equal(["B-PER", "L-PER", "U-PER", "O", "U-LOC", "U-ORG", "O"], bilou.Select(EntityTags.LabelName));
        Assert.Equal(expected, EntityTags.SpansFromBilou(bilou));
        Assert.Equal(iob2, EntityTags.ToIob2(expected, 7));
    }

    [Fact]
    public void ConllReader_SplitsDocumentsAndSentences()
    {
        var docs = ConllReader.Read(
        [
            "-DOCSTART- -X- O O", "", "EU NNP I-NP I-ORG", "rejects VBZ I-VP O", "", "Peter NNP I-NP I-PER", "",
            "-DOCSTART- -X- O O", "", "BRUSSELS NNP I-NP I-LOC", "",
        ]);
        Assert.Equal(2, docs.Count);
        Assert.Equal(2, docs[0].Sentences.Count);
        Assert.Equal(["EU", "rejects"], docs[0].Sentences[0].Words);
        Assert.Equal(["I-ORG", "O"], docs[0].Sentences[0].Tags!);
        Assert.Equal(["I-LOC"], docs[1].Sentences[0].Tags!);
    }

    [Fact]
    public void ConllReader_WithoutDocstart_MakesOneDocumentPerSentence()
    {
        var docs = ConllReader.Read(["@user\tO", "in\tO", "Paris\tB-location", "", "Lost\tB-creative-work", "Ark\tI-creative-work", ""]);
        Assert.Equal(2, docs.Count);
        Assert.Equal(["O", "O", "B-location"], docs[0].Sentences[0].Tags!);
    }

    [Fact]
    public void SharedFiles_Parse_WithExpectedCounts()
    {
        // Counts stated in the SOURCE.txt files of the shared data.
        var testb = ConllReader.ReadFile(RepoPaths.Data("ner", "conll2003", "eng.testb"));
        Assert.Equal(231, testb.Count);
        Assert.Equal(46435, testb.Sum(d => d.TokenCount));
        Assert.Equal(5648, testb.Sum(d => d.Sentences.Sum(s => EntityTags.SpansFromIob(s.Tags!).Count)));
        var pp = ConllReader.ReadFile(RepoPaths.Data("ner", "conllpp", "conllpp_test.txt"));
        Assert.Equal(5702, pp.Sum(d => d.Sentences.Sum(s => EntityTags.SpansFromIob(s.Tags!).Count)));
        var wnut = ConllReader.ReadFile(RepoPaths.Data("ner", "wnut17", "emerging.test.annotated"));
        Assert.Equal(1287, wnut.Count);
        Assert.Equal(23394, wnut.Sum(d => d.TokenCount));
        Assert.Equal(1079, wnut.Sum(d => d.Sentences.Sum(s => EntityTags.SpansFromIob(s.Tags!).Count)));
    }
}
