using Storyline.Core;
using Storyline.Core.Storage;
using Storyline.Engine.Views;
using Storyline.Storage.Sqlite;

namespace Storyline.Engine.Tests;

/// <summary>
/// Junk through the real pipeline and store: stored flagged (nothing lost), the language layer skipped with SL1019,
/// never in a story; real short briefs are not flagged and do get the language layer.
/// </summary>
public sealed class NotArticleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-junk-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private const string Brief = "Police closed the M4 near Swindon on Tuesday after a lorry overturned, the Highways Agency said. "
        + "No one was hurt, and the road reopened in the evening.";

    private static Document Run(string text, DefaultPipeline.Options? o = null)
    {
        var doc = new Document { Origin = new DocumentOrigin("t.txt"), RawText = text, RawBytes = System.Text.Encoding.UTF8.GetBytes(text) };
        return DefaultPipeline.Build(o ?? new DefaultPipeline.Options { Syntax = false }).Run(doc);
    }

    [Fact]
    public void RunOfOneLetter_IsFlagged_AndSkipsTheLanguageLayerCheaply()
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var doc = Run(new string('a', 5_000_000));
        Assert.Equal("one repeated character ('a')", doc.NotArticle);
        Assert.Empty(doc.Tokens);
        Assert.DoesNotContain("tokens.v1", doc.Stages);
        Assert.Contains(doc.Diagnostics, d => d.Code == ErrorCode.SL1019);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30), $"took {sw.Elapsed}");
    }

    [Fact]
    public void RealBrief_IsNotFlagged_AndGetsTheLanguageLayer()
    {
        var doc = Run(Brief);
        Assert.Null(doc.NotArticle);
        Assert.NotEmpty(doc.Tokens);
        Assert.Contains("ner.v1", doc.Stages);
        Assert.DoesNotContain(doc.Diagnostics, d => d.Code is ErrorCode.SL1018 or ErrorCode.SL1019);
    }

    [Fact]
    public void TextOverTheLanguageBudget_SkipsTheLanguageLayer_WithSL1017()
    {
        var text = Brief + "\n\nThe agency said the driver had been taken to hospital as a precaution and the lorry's load of timber was cleared by a crane.";
        var doc = Run(text, new DefaultPipeline.Options { Syntax = false, MaxLanguageChars = 200 });
        Assert.True(doc.Text.Length > 200, doc.Text);
        Assert.Null(doc.NotArticle);
        Assert.Empty(doc.Tokens);
        Assert.Contains(doc.Diagnostics, d => d.Code == ErrorCode.SL1017);
    }

    [Fact]
    public void Junk_IsStoredFlagged_ShownAsNotArticle_AndNeverJoinsAStory()
    {
        File.WriteAllText(Path.Combine(_dir, "x.txt"), "x");
        File.WriteAllText(Path.Combine(_dir, "zw.txt"), "\u200B\u200B\u200B\u200B");
        File.WriteAllText(Path.Combine(_dir, "ha.txt"), string.Concat(Enumerable.Repeat("ha ", 400)));
        File.WriteAllText(Path.Combine(_dir, "ha2.txt"), string.Concat(Enumerable.Repeat("ha ", 401)));
        File.WriteAllText(Path.Combine(_dir, "brief.txt"), Brief);
        using var store = new SqliteDocumentStore(Path.Combine(_dir, "s.db"));
        var stories = StoryService.For(store);
        var service = new IngestService(store, DefaultPipeline.Build(new DefaultPipeline.Options { Language = false })) { Stories = stories };
        var outcomes = service.Ingest([.. ((string[])["x.txt", "zw.txt", "ha.txt", "ha2.txt", "brief.txt"]).Select(f => Path.Combine(_dir, f))]);

        var byName = outcomes.ToDictionary(o => Path.GetFileName(o.Path));
        // Zero-width characters only is no text at all: the decoder refuses it as empty (SL1001), nothing to store.
        Assert.Null(byName["zw.txt"].Id);
        Assert.Equal(ErrorCode.SL1001, byName["zw.txt"].Code);
        foreach (var junk in new[] { "x.txt", "ha.txt", "ha2.txt" })
        {
            var o = byName[junk];
            Assert.NotNull(o.Id); // stored: nothing is lost
            var doc = store.Get(o.Id!.Value)!;
            Assert.NotNull(doc.NotArticle);
            var view = JsonOutput.Serialize(DocumentView.From(doc));
            Assert.Contains("\"not_article\": \"", view);
            Assert.Null(stories.Engine.Store.GetDocument(o.Id.Value)); // never indexed, so never in a story
        }
        var brief = store.Get(byName["brief.txt"].Id!.Value)!;
        Assert.Null(brief.NotArticle);
        Assert.Contains("\"not_article\": null", JsonOutput.Serialize(DocumentView.From(brief)));
        Assert.NotNull(stories.Engine.Store.GetDocument(brief.Id));

        // A later run's catch-up does not index the junk either.
        Assert.Equal(0, stories.CatchUp());
        Assert.Null(stories.Engine.Store.GetDocument(byName["ha.txt"].Id!.Value));
    }
}
