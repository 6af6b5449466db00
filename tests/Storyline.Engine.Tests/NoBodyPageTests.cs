using Storyline.Core;
using Storyline.Engine.Views;
using Storyline.Storage.Sqlite;

namespace Storyline.Engine.Tests;

/// <summary>
/// Issue 14, "never lose a page whole": an HTML page whose article body cannot be found is stored with its metadata,
/// flagged with the reason (SL1010 warning), never in a story; two different body-less pages are not duplicates;
/// a page with nothing at all still fails with SL1010.
/// </summary>
public sealed class NoBodyPageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-nobody-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void BodylessPages_AreStoredWithMetadataAndReason_NothingPagesStillFail()
    {
        File.WriteAllText(Path.Combine(_dir, "a.html"), """
            <html><head><title>Council approves the harbour budget - Bay Courier</title>
            <meta property="article:published_time" content="2024-03-05T10:00:00+01:00"><meta name="author" content="Jane Roe"></head>
            <body><div id="app"></div><script>render()</script></body></html>
            """);
        File.WriteAllText(Path.Combine(_dir, "b.html"), """
            <html><head><title>Storm closes the coast road | Bay Courier</title></head><body><nav><a href="/">Home</a></nav></body></html>
            """);
        File.WriteAllText(Path.Combine(_dir, "c.html"), "<html><body><p>Loading…</p></body></html>");
        using var store = new SqliteDocumentStore(Path.Combine(_dir, "s.db"));
        var stories = StoryService.For(store);
        var service = new IngestService(store, DefaultPipeline.Build(new DefaultPipeline.Options { Language = false })) { Stories = stories };
        var outcomes = service.Ingest([.. ((string[])["a.html", "b.html", "c.html"]).Select(f => Path.Combine(_dir, f))]).ToDictionary(o => Path.GetFileName(o.Path));

        foreach (var name in new[] { "a.html", "b.html" })
        {
            Assert.Equal(IngestOutcome.New, outcomes[name].Status); // not a duplicate of the other body-less page
            var doc = store.Get(outcomes[name].Id!.Value)!;
            Assert.Equal(IngestService.NoBodyReason, doc.NotArticle);
            Assert.Contains(doc.Diagnostics, d => d.Code == ErrorCode.SL1010);
            Assert.Null(stories.Engine.Store.GetDocument(doc.Id));
        }
        var a = DocumentView.From(store.Get(outcomes["a.html"].Id!.Value)!);
        Assert.Equal("Council approves the harbour budget", a.Title);
        Assert.Equal(["Jane Roe"], a.Authors);
        Assert.Equal("2024-03-05T10:00:00+01:00", a.Published);
        Assert.Null(outcomes["c.html"].Id);
        Assert.Equal(ErrorCode.SL1010, outcomes["c.html"].Code);
    }
}
