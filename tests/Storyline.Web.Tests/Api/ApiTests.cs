using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Storyline.Engine.Views;
using Xunit;

namespace Storyline.Web.Tests.Api;

/// <summary>The JSON API through WebApplicationFactory (in memory): shapes, paging, filters, problems, security.</summary>
public sealed class ApiTests(StoreFixture fx) : IDisposable
{
    // One shared app for all read-only API tests (the fixture store is never written).
    private StorylineFactory Factory => fx.Shared;
    private HttpClient Client => _client ??= Factory.CreateClient();
    private HttpClient? _client;

    public void Dispose() => _client?.Dispose();

    private async Task<JsonElement> Get(string url, HttpStatusCode expect = HttpStatusCode.OK)
    {
        using var res = await Client.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await res.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(res.StatusCode == expect, $"{url}: {(int)res.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public void Fixture_StoresEveryFixtureDocument()
    {
        Assert.NotEmpty(fx.Outcomes);
        Assert.All(fx.Outcomes, o => Assert.NotEqual("failed", o.Status));
    }

    [Fact]
    public async Task Documents_PagesAddUpToTotal_InStableIdOrder()
    {
        var all = await Get("/api/documents?limit=500");
        long total = all.GetProperty("total").GetInt64();
        Assert.Equal(fx.Outcomes.Count(o => o.Status == "new"), total);
        var ids = new List<long>();
        for (int offset = 0; offset < total; offset += 3)
        {
            var page = await Get($"/api/documents?limit=3&offset={offset}");
            Assert.Equal(total, page.GetProperty("total").GetInt64());
            ids.AddRange(page.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()));
        }
        Assert.Equal(all.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()), ids);
        Assert.Equal(ids.Order(), ids);
    }

    [Fact]
    public async Task Documents_SourceAndDateFilters_KeepOnlyMatchingRows()
    {
        // "source" matches the site or the original publisher (the wire copy credits the Coastal Herald).
        var herald = await Get("/api/documents?source=Coastal%20Herald");
        var rows = herald.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(rows.Count, herald.GetProperty("total").GetInt64());
        Assert.True(rows.Count(d => d.GetProperty("source").GetString() == "Coastal Herald") == 2, herald.ToString());
        Assert.All(rows, d => Assert.Contains("Coastal Herald", new[] { d.GetProperty("source").GetString(), d.GetProperty("publisher").GetString() }));
        var all = await Get("/api/documents?limit=500");
        Assert.True(rows.Count < all.GetProperty("total").GetInt64());
        var june = await Get("/api/documents?from=2025-06-01&to=2025-06-30");
        Assert.Equal(2, june.GetProperty("total").GetInt64());
        Assert.All(june.GetProperty("documents").EnumerateArray(), d => Assert.StartsWith("2025-06", d.GetProperty("published").GetString()));
    }

    [Fact]
    public async Task Document_HasTheShowJsonShape()
    {
        var list = await Get("/api/documents?limit=1");
        long id = list.GetProperty("documents")[0].GetProperty("id").GetInt64();
        var doc = await Get($"/api/documents/{id}");
        // The CLI's `show --json` serialises DocumentView with JsonOutput: every one of its fields is in the API answer.
        using var store = Storyline.Engine.StoreFactory.Open(fx.DbPath, create: false);
        var cli = JsonDocument.Parse(JsonOutput.Serialize(DocumentView.From(store.Get(id)!, store.Sightings(id)))).RootElement;
        var apiNames = doc.EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var p in cli.EnumerateObject()) Assert.Contains(p.Name, apiNames);
        Assert.Equal(cli.GetProperty("text").GetString(), doc.GetProperty("text").GetString());
        Assert.Equal(cli.GetProperty("content_hash").GetString(), doc.GetProperty("content_hash").GetString());
    }

    [Fact]
    public async Task Stories_TotalsAgreeWithPages_AndDetailHasDocuments()
    {
        var all = await Get("/api/stories?limit=500");
        long total = all.GetProperty("total").GetInt64();
        Assert.True(total >= 2, "the fixture holds at least two stories");
        Assert.Equal(total, all.GetProperty("stories").GetArrayLength());
        var first = await Get("/api/stories?limit=1&offset=1");
        Assert.Equal(all.GetProperty("stories")[1].GetProperty("id").GetInt64(), first.GetProperty("stories")[0].GetProperty("id").GetInt64());
        var biggest = (await Get("/api/stories?sort=biggest&limit=1")).GetProperty("stories")[0];
        Assert.Equal(all.GetProperty("stories").EnumerateArray().Max(s => s.GetProperty("documents").GetInt32()), biggest.GetProperty("documents").GetInt32());
        var detail = await Get($"/api/stories/{biggest.GetProperty("id").GetInt64()}");
        Assert.Equal(biggest.GetProperty("documents").GetInt32(), detail.GetProperty("documents").GetArrayLength());
        Assert.True(detail.TryGetProperty("summary", out _));
    }

    [Fact]
    public async Task Stories_Filters_BySourceEntityLanguageAndDates()
    {
        var bySource = await Get("/api/stories?source=Tyrol%20Times");
        Assert.Equal(1, bySource.GetProperty("total").GetInt64());
        Assert.Contains("Salzburg", bySource.GetProperty("stories")[0].GetProperty("title").GetString());
        var byEntity = await Get("/api/stories?entity=Elena%20Varga");
        Assert.True(byEntity.GetProperty("total").GetInt64() >= 1);
        Assert.All(byEntity.GetProperty("stories").EnumerateArray(), s => Assert.Contains("alvik", s.GetProperty("title").GetString()));
        var none = await Get("/api/stories?from=2030-01-01");
        Assert.Equal(0, none.GetProperty("total").GetInt64());
        var lang = await Get("/api/stories?language=xx");
        Assert.Equal(0, lang.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Search_FindsHits_WithFacetsAndFilters()
    {
        var res = await Get("/api/search?q=bridge");
        Assert.Equal("bridge", res.GetProperty("query").GetString());
        var results = res.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        Assert.Equal(results.Count, res.GetProperty("total").GetInt64());
        Assert.Contains(res.GetProperty("facets").GetProperty("source").EnumerateArray(), f => f.GetProperty("value").GetString() == "Coastal Herald");
        var filtered = await Get("/api/search?q=bridge&source=Nordic%20Wire");
        Assert.All(filtered.GetProperty("results").EnumerateArray(), r => Assert.Equal("Nordic Wire", r.GetProperty("source").GetString()));
        Assert.True(filtered.GetProperty("total").GetInt64() < res.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Search_TypeFacet_CountsWithinTheOtherFilters_AndFilters()
    {
        static int Count(JsonElement facet, string value) =>
            facet.EnumerateArray().Where(f => f.GetProperty("value").GetString() == value).Select(f => f.GetProperty("count").GetInt32()).SingleOrDefault();
        var all = await Get("/api/search?q=bridge");
        long total = all.GetProperty("total").GetInt64();
        Assert.Equal(total, all.GetProperty("matched").GetInt64());
        Assert.False(all.GetProperty("capped").GetBoolean());
        // The fixtures are JSON Lines records: every hit is of that type.
        Assert.Equal((int)total, Count(all.GetProperty("facets").GetProperty("type"), "jsonl"));
        Assert.All(all.GetProperty("results").EnumerateArray(), r => Assert.Equal("jsonl", r.GetProperty("type").GetString()));

        var nordic = await Get("/api/search?q=bridge&source=Nordic%20Wire");
        long nordicTotal = nordic.GetProperty("total").GetInt64();
        Assert.InRange(nordicTotal, 1, total - 1);
        // A facet counts the hits passing the other filters: type within Nordic Wire, but every source stays listed.
        Assert.Equal((int)nordicTotal, Count(nordic.GetProperty("facets").GetProperty("type"), "jsonl"));
        Assert.True(Count(nordic.GetProperty("facets").GetProperty("source"), "Coastal Herald") > 0);
        Assert.Equal(total, nordic.GetProperty("matched").GetInt64());

        var html = await Get("/api/search?q=bridge&type=html");
        Assert.Equal(0, html.GetProperty("total").GetInt64());
        Assert.Empty(html.GetProperty("results").EnumerateArray());
        Assert.Equal((int)total, Count(html.GetProperty("facets").GetProperty("type"), "jsonl"));
        Assert.Equal(total, (await Get("/api/search?q=bridge&type=JSONL")).GetProperty("total").GetInt64());
        var bad = await Get("/api/search?q=bridge&type=pdf", HttpStatusCode.BadRequest);
        Assert.Contains("not_article", bad.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Search_PagesThroughRankedHits_WithSnippetsForThePageOnly()
    {
        var all = await Get("/api/search?q=bridge&limit=500");
        var ids = all.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.True(ids.Count >= 3);
        var second = await Get("/api/search?q=bridge&offset=1&limit=2");
        Assert.Equal(ids.Skip(1).Take(2), second.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        Assert.All(second.GetProperty("results").EnumerateArray(), r => Assert.Contains("[", r.GetProperty("snippet").GetString()));
        Assert.Equal(all.GetProperty("total").GetInt64(), second.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Entities_QuotesEvents_AnswerPagesWithTotals()
    {
        var ents = await Get("/api/entities?limit=5");
        Assert.True(ents.GetProperty("total").GetInt64() >= ents.GetProperty("entities").GetArrayLength());
        var quotes = await Get("/api/quotes?limit=5");
        Assert.True(quotes.GetProperty("total").GetInt64() >= quotes.GetProperty("items").GetArrayLength());
        var events = await Get("/api/events?limit=5");
        Assert.True(events.GetProperty("total").GetInt64() >= events.GetProperty("items").GetArrayLength());
        await Get("/api/entities?type=BOGUS", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Errors_AreProblemDetails_WithStorylineCodes()
    {
        foreach (var (url, status, code) in new[]
        {
            ("/api/documents/abc", 400, "SL5002"), ("/api/documents/0", 400, "SL5002"), ("/api/documents/999999", 404, "SL4004"),
            ("/api/stories/999999", 404, "SL4004"), ("/api/search", 400, "SL5001"), ("/api/documents?limit=0", 400, "SL5001"),
            ("/api/documents?offset=-1", 400, "SL5001"), ("/api/documents?from=yesterday", 400, "SL5001"), ("/api/no-such-thing", 404, "SL4004"),
        })
        {
            using var res = await Client.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.Equal(status, (int)res.StatusCode);
            Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
            var p = JsonDocument.Parse(await res.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
            Assert.Equal(status, p.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(p.GetProperty("title").GetString()));
            Assert.Equal(code, p.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task EveryResponse_CarriesContentSecurityPolicy()
    {
        foreach (var url in new[] { "/", "/api/documents", "/api/documents/abc", "/search?q=bridge", "/static/site.css", "/nope" })
        {
            using var res = await Client.GetAsync(url, TestContext.Current.CancellationToken);
            var csp = res.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("default-src 'none'", csp);
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Equal("nosniff", res.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [Fact]
    public async Task StaticFiles_ServeOnlyOurAssets()
    {
        using var css = await Client.GetAsync("/static/site.css", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        foreach (var bad in new[] { "/static/..%2f..%2fappsettings.json", "/static/%2e%2e%2fStoryline.Web.dll", "/static/Storyline.Web.dll", "/static/..\\x" })
        {
            using var res = await Client.GetAsync(bad, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        }
    }

    [Fact]
    [Trait("Issue", "12")]
    public async Task StoryPage_SendsServerTiming_PerPhase_AndMarksCachedPages()
    {
        // A private store: the page cache is keyed by store, so the first view below is surely rendered.
        using var factory = new StorylineFactory(fx.Options(fx.CopyStore()));
        using var client = factory.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var stories = JsonDocument.Parse(await client.GetStringAsync("/api/stories?source=Coastal%20Herald", ct)).RootElement;
        long id = stories.GetProperty("stories")[0].GetProperty("id").GetInt64();
        using var first = await client.GetAsync($"/stories/{id}", ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.TryGetValues("Server-Timing", out var values), "no Server-Timing header");
        var phases = Storyline.Web.Pages.ServerTiming.Parse(string.Join(",", values)).ToList();
        Assert.Equal((string[])["detail", "members", "diff", "render"], phases.Select(p => p.Name));
        Assert.All(phases, p => Assert.True(p.Ms >= 0 && p.Ms < 60_000, $"{p.Name}={p.Ms}"));
        Assert.Matches(@"^detail;dur=\d+\.\d{2}, members;dur=", string.Join(",", values));
        // The same page again comes from the page cache, and says so.
        using var again = await client.GetAsync($"/stories/{id}", ct);
        Assert.True(again.Headers.TryGetValues("Server-Timing", out var cached));
        Assert.Equal((string[])["cache"], Storyline.Web.Pages.ServerTiming.Parse(string.Join(",", cached)).Select(p => p.Name));
        Assert.Equal(await first.Content.ReadAsStringAsync(ct), await again.Content.ReadAsStringAsync(ct));
        // The parser skips what it cannot read.
        Assert.Equal(new[] { ("a", 1.5) }, Storyline.Web.Pages.ServerTiming.Parse("a;dur=1.5, b;desc=x, ;dur=, c;dur=zz"));
    }

    [Fact]
    public async Task Diff_ComparesTwoDocuments()
    {
        // The article and its updated version: same site, same URL.
        var docs = (await Get("/api/documents?source=Coastal%20Herald")).GetProperty("documents").EnumerateArray()
            .Where(d => d.GetProperty("source").GetString() == "Coastal Herald").Select(d => d.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(2, docs.Count);
        var diff = await Get($"/api/documents/{docs[0]}/diff/{docs[1]}");
        Assert.True(diff.GetProperty("changed").GetInt32() + diff.GetProperty("added").GetInt32() > 0);
        Assert.True(diff.GetProperty("same").GetInt32() > 0);
        Assert.Contains(diff.GetProperty("entries").EnumerateArray(), e => e.GetProperty("op").GetString() == "changed");
    }

    [Fact]
    public async Task ReferencePage_AndOpenApi_AreServed()
    {
        using var res = await Client.GetAsync("/reference/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var html = await res.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("openapi/v1.json", html);
        var doc = await Get("/openapi/v1.json");
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString());
    }
}
