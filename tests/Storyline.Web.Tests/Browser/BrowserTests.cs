using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace Storyline.Web.Tests.Browser;

/// <summary>
/// End-to-end in headless Chromium: every page, the filters, search, a story's diff, an upload; the XSS corpus rendered
/// with nothing executing; an axe-core scan of every page; screenshots at desktop and phone widths.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserTests(BrowserFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Records script execution by the XSS payloads, dialogs and CSP violations (a violation means markup got through).</summary>
    private const string Watch = """
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    private async Task<long> StoryOf(string source)
    {
        using var http = new HttpClient { BaseAddress = fx.BaseUri };
        var res = JsonDocument.Parse(await http.GetStringAsync($"/api/stories?source={Uri.EscapeDataString(source)}", Ct)).RootElement;
        return res.GetProperty("stories")[0].GetProperty("id").GetInt64();
    }

    private async Task<List<long>> DocsOf(string source)
    {
        using var http = new HttpClient { BaseAddress = fx.BaseUri };
        var res = JsonDocument.Parse(await http.GetStringAsync($"/api/documents?source={Uri.EscapeDataString(source)}", Ct)).RootElement;
        return [.. res.GetProperty("documents").EnumerateArray().Where(d => d.GetProperty("source").GetString() == source).Select(d => d.GetProperty("id").GetInt64())];
    }

    [Fact]
    public async Task Navigation_ThroughEveryPage()
    {
        await using var ctx = await fx.NewContext();
        var page = await ctx.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Equal("Stories · Storyline", await page.TitleAsync());
        // The stories list: the bridge story (4 documents) comes with its sparkline.
        // The bridge story (other tests may add a story that also names Halvik).
        var card = page.Locator("li.story-card").Filter(new() { HasText = "Harbour bridge in Halvik closes" }).First;
        await Assertions.Expect(card.Locator("svg.spark")).ToBeVisibleAsync();
        await card.Locator("h2 a").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Halvik");
        foreach (var section in new[] { "Summary", "Timeline", "Sources side by side", "Compare two versions", "Quotes by speaker", "Claims by side", "Entities" })
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = section, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("svg.chart").First).ToBeVisibleAsync();
        Assert.True(await page.Locator(".sources .card").CountAsync() >= 2, "sources side by side");
        // A document of the story.
        await page.Locator(".sources a[href^='/documents/']").First.ClickAsync();
        await Assertions.Expect(page.Locator("article.doc-text")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Metadata" })).ToBeVisibleAsync();
        Assert.True(await page.Locator("article.doc-text .ent").CountAsync() > 0, "entities highlighted");
        Assert.True(await page.Locator(".rule").CountAsync() > 0, "the rule behind each metadata field");
        // Entities list → an entity page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Entities", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Entities");
        await page.Locator("table a[href^='/entity?']").First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Stories" })).ToBeVisibleAsync();
        // Documents list, upload form and API reference are reachable from the menu.
        await page.GetByRole(AriaRole.Link, new() { Name = "Documents", Exact = true }).ClickAsync();
        Assert.True(await page.Locator("table tbody tr").CountAsync() >= 6);
        await page.GetByRole(AriaRole.Link, new() { Name = "Upload", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#upload-form")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task StoryFilters_NarrowTheList_AndTotalsAgree()
    {
        await using var ctx = await fx.NewContext();
        var page = await ctx.NewPageAsync();
        await page.GotoAsync("/");
        int all = await page.Locator("li.story-card").CountAsync();
        await page.SelectOptionAsync("#source", new SelectOptionValue { Value = "Tyrol Times" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page.Locator("#story-count")).ToHaveTextAsync("1 story matches");
        Assert.Equal(1, await page.Locator("li.story-card").CountAsync());
        Assert.Contains("Salzburg", await page.Locator("li.story-card h2").InnerTextAsync());
        Assert.True(all > 1);
        await page.GotoAsync("/?entity=Elena+Varga");
        Assert.Contains("Halvik", await page.Locator("li.story-card h2").First.InnerTextAsync());
        // Stories whose documents span the range: the bridge story (March) is in, the festival (June) is out.
        await page.GotoAsync("/?from=2025-03-01&to=2025-04-30");
        var titles = await page.Locator("li.story-card h2").AllInnerTextsAsync();
        Assert.Contains(titles, t => t.Contains("Halvik", StringComparison.Ordinal));
        Assert.DoesNotContain(titles, t => t.Contains("Salzburg", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_HighlightsAndFacets()
    {
        await using var ctx = await fx.NewContext();
        var page = await ctx.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#quick-q", "bridge");
        await page.PressAsync("#quick-q", "Enter");
        await Assertions.Expect(page.Locator("#hit-count")).ToContainTextAsync("result");
        Assert.True(await page.Locator(".snippet mark").CountAsync() > 0, "highlighted snippets");
        var hits = await page.Locator("article.hit").CountAsync();
        await page.Locator("aside.facets a", new() { HasText = "Nordic Wire" }).ClickAsync();
        await Assertions.Expect(page.Locator("#hit-count")).ToContainTextAsync("1 result");
        Assert.True(hits > 1);
    }

    [Fact]
    public async Task StoryDiff_ComparesTwoVersions()
    {
        var heraldDocs = await DocsOf("Coastal Herald");
        long story = await StoryOf("Coastal Herald");
        await using var ctx = await fx.NewContext();
        var page = await ctx.NewPageAsync();
        await page.GotoAsync($"/stories/{story}");
        await page.SelectOptionAsync("#diff-a", heraldDocs[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#diff-b", heraldDocs[1].ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await Assertions.Expect(page.Locator("#diff-stats")).ToContainTextAsync("changed");
        Assert.True(await page.Locator(".diff li.changed").CountAsync() > 0);
        Assert.True(await page.Locator(".diff li.changed ins").CountAsync() > 0, "word-level insertions");
        Assert.Contains("eight", await page.Locator(".diff li.changed ins").AllInnerTextsAsync() is var ins ? string.Join(" ", ins) : "");
    }

    [Fact]
    public async Task Upload_ThroughTheForm_ShowsPerDocumentResults()
    {
        await using var ctx = await fx.NewContext();
        var page = await ctx.NewPageAsync();
        await page.GotoAsync("/ingest");
        await page.SetInputFilesAsync("#files", [Path.Combine(AppContext.BaseDirectory, "Fixtures", "upload-article.txt")]);
        await page.FillAsync("#api_key", "wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and ingest" }).ClickAsync();
        await Assertions.Expect(page.Locator(".note.error")).ToContainTextAsync("API key");
        await page.SetInputFilesAsync("#files", [Path.Combine(AppContext.BaseDirectory, "Fixtures", "upload-article.txt")]);
        await page.FillAsync("#text", "   ");
        await page.FillAsync("#api_key", StoreFixture.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and ingest" }).ClickAsync();
        var row = page.Locator("#ingest-results tbody tr").First;
        await Assertions.Expect(row).ToContainTextAsync("upload-article.txt", new() { Timeout = 60_000 });
        await Assertions.Expect(row).ToContainTextAsync("new");
        await row.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("article.doc-text")).ToContainTextAsync("night crossings");
    }

    [Fact]
    public async Task XssCorpus_RendersAsText_AndNothingExecutes()
    {
        var ids = new List<long>();
        foreach (var s in new[] { "Encoded Weekly", "Trick Times" }) ids.AddRange(await DocsOf(s));
        using (var http = new HttpClient { BaseAddress = fx.BaseUri })
        {
            var all = JsonDocument.Parse(await http.GetStringAsync("/api/documents?limit=500", Ct)).RootElement.GetProperty("documents");
            ids.AddRange(all.EnumerateArray().Where(d => d.GetProperty("title").GetString()?.Contains("Council budget", StringComparison.Ordinal) == true).Select(d => d.GetProperty("id").GetInt64()));
        }
        Assert.True(ids.Count >= 3, "the XSS corpus is stored");
        await using var ctx = await fx.NewContext();
        await ctx.AddInitScriptAsync(Watch);
        var page = await ctx.NewPageAsync();
        int dialogs = 0;
        page.Dialog += async (_, d) => { dialogs++; await d.DismissAsync(); };
        var urls = ids.Select(i => $"/documents/{i}").Concat(["/", "/documents", "/search?q=budget", "/search?q=harbour", "/entities",
            "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/?entity=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "/nope%3Cscript%3E"]).ToList();
        foreach (var id in ids)
            using (var http = new HttpClient { BaseAddress = fx.BaseUri })
            {
                var doc = JsonDocument.Parse(await http.GetStringAsync($"/api/documents/{id}", Ct)).RootElement;
                if (doc.GetProperty("story_id").ValueKind == JsonValueKind.Number) urls.Add($"/stories/{doc.GetProperty("story_id").GetInt64()}");
            }
        foreach (var url in urls.Distinct())
        {
            await page.GotoAsync(url);
            // Fire the events inline handlers listen for on every element of the page (in one round trip, where hovering
            // each element through the driver took minutes): a mouse-over or focus handler would run now if any got through.
            await page.EvaluateAsync("""
                () => { for (const el of document.querySelectorAll('body *'))
                          for (const t of ['mouseover', 'mouseenter', 'mousemove', 'pointerover', 'focus', 'focusin', 'click', 'animationstart', 'transitionend'])
                            if (t !== 'click' || !el.closest('a[href], button, form, input, select, textarea, summary')) el.dispatchEvent(new Event(t, { bubbles: true })); }
                """);
            // And a real pointer over the first elements of the text, as a reader's mouse would go.
            foreach (var el in (await page.Locator("main h1, main article *, main .card *").AllAsync()).Take(15)) { try { await el.HoverAsync(new() { Timeout = 150 }); } catch (TimeoutException) { } catch (PlaywrightException) { } }
            var state = await page.EvaluateAsync<JsonElement>("""
                () => ({
                  xss: window.__xss ?? null,
                  violations: window.__violations,
                  scripts: [...document.scripts].map(s => s.getAttribute('src')),
                  handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
                  badLinks: [...document.querySelectorAll('a[href], iframe, embed, object, link[href]')].map(e => e.getAttribute('href') || e.getAttribute('src') || e.tagName)
                    .filter(h => !/^(\/|#|https?:)/i.test(h)),
                  foreign: [...document.querySelectorAll('iframe, embed, object, img, style, math, link:not([href="/static/site.css"])')].length,
                })
                """);
            Assert.True(state.GetProperty("xss").ValueKind == JsonValueKind.Null, $"{url}: a payload ran ({state.GetProperty("xss")})");
            Assert.True(state.GetProperty("violations").GetArrayLength() == 0, $"{url}: CSP violations {state.GetProperty("violations")}");
            Assert.All(state.GetProperty("scripts").EnumerateArray(), s => Assert.Equal("/static/app.js", s.GetString()));
            Assert.True(state.GetProperty("handlers").GetArrayLength() == 0, $"{url}: event handler attributes {state.GetProperty("handlers")}");
            Assert.True(state.GetProperty("badLinks").GetArrayLength() == 0, $"{url}: unsafe links {state.GetProperty("badLinks")}");
            Assert.Equal(0, state.GetProperty("foreign").GetInt32());
        }
        Assert.Equal(0, dialogs);
        // The payloads are shown as text, so a reader sees exactly what the document says.
        await page.GotoAsync($"/documents/{ids.Last()}");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("<script>window.__xss='title-script'</script>");
        await Assertions.Expect(page.Locator("article.doc-text")).ToContainTextAsync("onerror=window.__xss='attr-break'");
    }

    /// <summary>A list row without a title of its own: none stored, or one the metadata stage derived from the text's first line.</summary>
    private static bool UntitledOrDerived(JsonElement d) =>
        d.GetProperty("title").ValueKind == JsonValueKind.Null
        || d.GetProperty("title").GetString() is { } t && t.StartsWith("Volunteers planted", StringComparison.Ordinal);

    private async Task<JsonElement> DocumentWhere(Func<JsonElement, bool> match)
    {
        using var http = new HttpClient { BaseAddress = fx.BaseUri };
        var all = JsonDocument.Parse(await http.GetStringAsync("/api/documents?limit=500", Ct)).RootElement.GetProperty("documents");
        var row = all.EnumerateArray().First(match);
        return JsonDocument.Parse(await http.GetStringAsync($"/api/documents/{row.GetProperty("id").GetInt64()}", Ct)).RootElement.Clone();
    }

    [Fact]
    [Trait("Issue", "12")]
    public async Task Timeline_OfAOneDayStory_SpansAWeek_AndSaysTheDay()
    {
        long story = await StoryOf("Island Courier");
        await using var ctx = await fx.NewContext();
        var page = await ctx.NewPageAsync();
        await page.GotoAsync($"/stories/{story}");
        await Assertions.Expect(page.Locator("#timeline-one-day")).ToContainTextAsync("2024-11-05");
        await Assertions.Expect(page.Locator("#timeline-one-day")).ToContainTextAsync("week");
        // A week's axis: day ticks on both sides of the day, not an hour scale stretched over the chart.
        var ticks = await page.Locator("#timeline-h ~ .chart-scroll svg.chart text").AllTextContentsAsync();
        var days = ticks.Where(t => t.StartsWith("Nov ", StringComparison.Ordinal) || t.StartsWith("Oct ", StringComparison.Ordinal)).ToList();
        Assert.True(days.Count >= 5, "day ticks: " + string.Join(", ", ticks));
        Assert.Contains("Nov 5", days);
        Assert.Contains(days, d => d is "Nov 2" or "Nov 3" or "Nov 4");
        Assert.Contains(days, d => d is "Nov 6" or "Nov 7" or "Nov 8");
        Assert.Equal(0, await page.Locator("#timeline-undated").CountAsync());
    }

    [Fact]
    [Trait("Issue", "12")]
    public async Task UndatedUntitledUnsourcedDocument_ShowsDerivedLabels_AndItsStorySaysPointsAreInferred()
    {
        var doc = await DocumentWhere(d => UntitledOrDerived(d) && d.GetProperty("source").ValueKind == JsonValueKind.Null
            && d.GetProperty("published").ValueKind == JsonValueKind.Null);
        Assert.Contains("oak saplings", doc.GetProperty("text").GetString());
        long id = doc.GetProperty("id").GetInt64();
        await using var ctx = await fx.NewContext();
        var page = await ctx.NewPageAsync();
        // The document page: its first words as the title, marked derived; the metadata says the title is unknown.
        await page.GotoAsync($"/documents/{id}");
        await Assertions.Expect(page.Locator("h1 .derived")).ToContainTextAsync("Volunteers planted four hundred oak saplings");
        await Assertions.Expect(page.Locator("h1 .badge")).ToHaveTextAsync("no title");
        Assert.StartsWith("Volunteers planted", await page.TitleAsync());
        await Assertions.Expect(page.Locator(".derived", new() { HasText = "unknown source" }).First).ToBeVisibleAsync();
        // The documents list shows the same derived title, marked, instead of "(no title)".
        await page.GotoAsync("/documents");
        var row = page.Locator("tr", new() { Has = page.Locator($"a[href='/documents/{id}']") });
        // (The list has no metadata rules at hand: a title the metadata stage derived shows as the stored title there.)
        await Assertions.Expect(row.Locator($"a[href='/documents/{id}']")).ToContainTextAsync("Volunteers planted");
        await Assertions.Expect(row.Locator("td .derived", new() { HasText = "unknown source" })).ToBeVisibleAsync();
        Assert.DoesNotContain("(no title)", await page.Locator("main").InnerTextAsync());
        // Its story: no document gives a date, and the page says so; the source column is "unknown source", marked derived.
        Assert.Equal(JsonValueKind.Number, doc.GetProperty("story_id").ValueKind);
        await page.GotoAsync($"/stories/{doc.GetProperty("story_id").GetInt64()}");
        await Assertions.Expect(page.Locator("#timeline-undated")).ToContainTextAsync("No document of this story gives its publication date");
        await Assertions.Expect(page.Locator(".sources h3 .derived").First).ToContainTextAsync("unknown source");
        await Assertions.Expect(page.Locator(".stats")).ToContainTextAsync("source unknown");
        await Assertions.Expect(page.Locator($".sources a[href='/documents/{id}'] .derived")).ToContainTextAsync("Volunteers planted");
        // And the stories list does not claim "0 sources".
        await page.GotoAsync("/");
        Assert.DoesNotContain("0 sources", await page.Locator("main").InnerTextAsync());
        await Assertions.Expect(page.Locator("li.story-card", new() { HasText = "oak saplings" }).Locator(".facts")).ToContainTextAsync("undated, first seen");
    }

    /// <summary>Every page: axe-core finds no serious or critical violation, and a screenshot is saved at desktop and phone widths.</summary>
    [Fact]
    public async Task EveryPage_PassesAxe_AndIsPhotographed()
    {
        long story = await StoryOf("Coastal Herald");
        long doc = (await DocsOf("Coastal Herald"))[0];
        var bare = await DocumentWhere(d => UntitledOrDerived(d) && d.GetProperty("source").ValueKind == JsonValueKind.Null);
        var pages = new (string Name, string Url)[]
        {
            ("document-untitled", $"/documents/{bare.GetProperty("id").GetInt64()}"), ("story-undated", $"/stories/{bare.GetProperty("story_id").GetInt64()}"),
            ("story-one-day", $"/stories/{await StoryOf("Island Courier")}"),
            ("stories", "/"), ("story", $"/stories/{story}"), ("document", $"/documents/{doc}"), ("documents", "/documents"),
            ("entities", "/entities"), ("entity", "/entity?name=Elena+Varga&type=PER"), ("search", "/search?q=bridge"),
            ("upload", "/ingest"), ("not-found", "/stories/999999"),
        };
        var axe = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Assets", "axe.min.js"), Ct);
        var folder = BrowserFixture.ScreenshotFolder;
        var problems = new List<string>();
        foreach (var (width, height, label) in new[] { (1280, 900, "desktop"), (390, 844, "phone") })
        {
            await using var ctx = await fx.NewContext(width, height);
            var page = await ctx.NewPageAsync();
            foreach (var (name, url) in pages)
            {
                await page.GotoAsync(url);
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{label}.png"), FullPage = true });
                if (label == "phone")
                {
                    // Readable on a phone: nothing wider than the screen.
                    var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                    if (overflow > 2) problems.Add($"{name} ({label}): page is {overflow}px wider than the screen");
                    continue;
                }
                // Evaluated through the DevTools protocol: the page's CSP (no inline script) does not apply to it.
                await page.EvaluateAsync(axe);
                var result = await page.EvaluateAsync<JsonElement>("async () => { const r = await axe.run(document, { resultTypes: ['violations'] }); return r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0]?.target?.join(' ') })); }");
                foreach (var v in result.EnumerateArray())
                    if (v.GetProperty("impact").GetString() is "serious" or "critical")
                        problems.Add($"{name}: {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}, {v.GetProperty("nodes").GetInt32()} nodes, e.g. {v.GetProperty("target")})");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(File.Exists(Path.Combine(folder, "story-phone.png")));
    }
}
