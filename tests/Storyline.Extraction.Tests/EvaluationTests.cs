using Storyline.Core;
using Storyline.Extraction.Evaluation;

namespace Storyline.Extraction.Tests;

/// <summary>Our scorers against the figures the benchmarks publish, and the evaluator's plumbing.</summary>
public class EvaluationTests
{
    private static string Scrapinghub => RepoPaths.Data("extraction", "scrapinghub");
    private static string TrafilaturaEval => RepoPaths.Data("extraction", "trafilatura-eval");

    /// <summary>
    /// SOURCE.txt lists each shipped peer's figures on this 145-page split, computed with upstream evaluate.py:
    /// our scorer must reproduce all of them (F1, precision, recall, accuracy; printed to 3 decimals).
    /// </summary>
    [Theory]
    [InlineData("AutoExtract", 0.977, 0.987, 0.969, 0.476)]
    [InlineData("Diffbot", 0.953, 0.960, 0.946, 0.379)]
    [InlineData("boilerpipe", 0.864, 0.848, 0.881, 0.007)]
    [InlineData("dom_smoothie", 0.865, 0.786, 0.963, 0.048)]
    [InlineData("dragnet", 0.906, 0.921, 0.891, 0.221)]
    [InlineData("go_domdistiller", 0.930, 0.902, 0.960, 0.069)]
    [InlineData("go_readability", 0.945, 0.911, 0.983, 0.193)]
    [InlineData("go_trafilatura", 0.965, 0.943, 0.987, 0.310)]
    [InlineData("goose3", 0.896, 0.943, 0.854, 0.241)]
    [InlineData("html-text", 0.660, 0.494, 0.995, 0.000)]
    [InlineData("inscriptis", 0.677, 0.514, 0.993, 0.000)]
    [InlineData("justext", 0.811, 0.857, 0.769, 0.083)]
    [InlineData("news_please", 0.950, 0.964, 0.936, 0.366)]
    [InlineData("newspaper", 0.950, 0.964, 0.937, 0.366)]
    [InlineData("readability", 0.938, 0.926, 0.951, 0.303)]
    [InlineData("readability_js", 0.948, 0.915, 0.983, 0.159)]
    [InlineData("rs_trafilatura", 0.971, 0.952, 0.991, 0.303)]
    [InlineData("trafilatura", 0.957, 0.934, 0.982, 0.317)]
    public void ShingleScorer_ReproducesPublishedPeerFigures(string system, double f1, double precision, double recall, double accuracy)
    {
        var set = EvalSet.Load(Scrapinghub);
        var peer = ExtractionEvaluator.LoadPeerOutputs(Scrapinghub).Single(p => p.System == system);
        var r = ExtractionEvaluator.Score(set, peer.Predictions);
        Assert.Equal(145, r.Documents);
        Assert.Equal(f1, r.F1, 3);
        Assert.Equal(precision, r.Precision, 3);
        Assert.Equal(recall, r.Recall, 3);
        Assert.Equal(accuracy, r.Accuracy!.Value, 3);
    }

    /// <summary>SOURCE.txt's recomputed "raw HTML" row of trafilatura-eval: the page source as the extraction (UTF-8, else cp1252, else latin-1).</summary>
    [Fact]
    public void ChunkScorer_ReproducesRawHtmlRow()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var strictUtf8 = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true);
        var strict1252 = System.Text.Encoding.GetEncoding(1252, System.Text.EncoderFallback.ExceptionFallback, System.Text.DecoderFallback.ExceptionFallback);
        var set = EvalSet.Load(TrafilaturaEval);
        var preds = set.Pages.ToDictionary(p => p.Id, p =>
        {
            var bytes = p.ReadBytes();
            try { return (string?)strictUtf8.GetString(bytes); } catch (System.Text.DecoderFallbackException) { }
            try { return strict1252.GetString(bytes); } catch (System.Text.DecoderFallbackException) { }
            return System.Text.Encoding.Latin1.GetString(bytes);
        });
        var r = ExtractionEvaluator.Score(set, preds);
        Assert.Equal(792, r.Documents);
        Assert.Equal(0.530, r.Precision, 3);
        Assert.Equal(0.903, r.Recall, 3);
        Assert.Equal(0.552, r.Accuracy!.Value, 3);
        Assert.Equal(0.668, r.F1, 3);
    }

    [Fact]
    public void ShingleScorer_ShortTexts_AndNormalisation()
    {
        // Fewer than 4 tokens: the whole token list is the one shingle.
        Assert.Equal(new ShingleCounts(1, 0, 0), ShingleScorer.Match("one two", "one, two!"));
        Assert.Equal(new ShingleCounts(0, 0.5, 0.5), ShingleScorer.Match("one two", "one three"));
        // Empty prediction: all false negatives; both empty: nothing.
        Assert.Equal(new ShingleCounts(0, 0, 1), ShingleScorer.Match("a b c d e", ""));
        Assert.Equal(new ShingleCounts(0, 0, 0), ShingleScorer.Match("", null));
        // Repeated shingles count as a multiset: 2 gold, 1 predicted.
        var c = ShingleScorer.Match("a b c d a b c d", "a b c d");
        Assert.Equal(1.0 / 5, c.Tp, 9);
        Assert.Equal(4.0 / 5, c.Fn, 9);
    }

    [Fact]
    public void PyText_WordTokens_FollowPythonUnicodeWordClass()
    {
        // Python's \w: letters, digits (also superscripts and vulgar fractions), underscore; combining marks split words.
        Assert.Equal(["naïve", "café_2", "x²", "½"], PyText.WordTokens("naïve — café_2, x² ½!"));
        Assert.Equal(["cafe", "s"], PyText.WordTokens("cafe\u0301s"));
        Assert.Equal("a b c", PyText.NormalizeSpace("\u00a0 a\t\n b\u2003\u001fc  "));
    }

    [Fact]
    public void ChunkScorer_CountsWithAndWithout()
    {
        var c = ChunkScorer.Count(["first  chunk", "missing one"], ["menu item", "absent footer"], "Body with first\nchunk and a menu item.");
        Assert.Equal(new ChunkCounts(1, 1, 1, 1), c);
        Assert.Equal(new ChunkCounts(0, 0, 2, 2), ChunkScorer.Count(["a", "b"], ["c", "d"], null));
    }

    [Fact]
    public void Split_IsDeterministicAndAboutSeventyThirty()
    {
        var set = EvalSet.Load(TrafilaturaEval);
        double share = set.Pages.Count(p => p.IsTune) / (double)set.Pages.Count;
        Assert.InRange(share, 0.65, 0.75);
        Assert.Equal(EvalSplit.IsTune("https://example.org/a"), EvalSplit.IsTune("https://example.org/a"));
    }

    [Fact]
    public void EvalSet_RecognisesLayouts_AndRejectsOthers()
    {
        Assert.Equal(EvalSetKind.Scrapinghub, EvalSet.Detect(Scrapinghub));
        Assert.Equal(EvalSetKind.TrafilaturaEval, EvalSet.Detect(TrafilaturaEval));
        var empty = Directory.CreateTempSubdirectory("sl-extraction-");
        try
        {
            Assert.Null(EvalSet.Detect(empty.FullName));
            Assert.Throws<InvalidDataException>(() => EvalSet.Load(empty.FullName));
        }
        finally { empty.Delete(true); }
    }

    [Fact]
    public void Evaluator_CopiedSubset_ScoredWithItsLayoutsMetric()
    {
        // A folder laid out like scrapinghub (two pages copied) is recognised and scored by its own metric.
        var dir = Directory.CreateTempSubdirectory("sl-extraction-");
        try
        {
            var src = EvalSet.Load(Scrapinghub);
            var pages = src.Pages.Take(2).ToList();
            Directory.CreateDirectory(Path.Combine(dir.FullName, "html"));
            foreach (var p in pages) File.Copy(p.HtmlPath, Path.Combine(dir.FullName, "html", Path.GetFileName(p.HtmlPath)));
            var gold = pages.ToDictionary(p => p.Id, p => new Dictionary<string, string?> { ["articleBody"] = p.Gold, ["url"] = p.Url });
            File.WriteAllText(Path.Combine(dir.FullName, "ground-truth.json"), System.Text.Json.JsonSerializer.Serialize(gold));
            var r = ExtractionEvaluator.Run(dir.FullName);
            Assert.Equal(dir.Name, r.Set);
            Assert.Equal("shingle-4", r.Metric);
            Assert.Equal(2, r.Documents);
            Assert.InRange(r.F1, 0.5, 1.0);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void HtmlDecoding_Utf8ThenDeclaredThenWindows1252()
    {
        Assert.Equal("café", HtmlDecoding.Decode("café"u8.ToArray()));
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var latin2 = System.Text.Encoding.GetEncoding("iso-8859-2");
        byte[] polish = latin2.GetBytes("<meta charset=\"iso-8859-2\"><p>Zażółć gęślą jaźń</p>");
        Assert.Contains("Zażółć gęślą jaźń", HtmlDecoding.Decode(polish));
        byte[] cp1252 = [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)' ', 0x93, (byte)'q', 0x94];
        Assert.Equal("café “q”", HtmlDecoding.Decode(cp1252));
    }
}
