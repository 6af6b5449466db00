using System.Net;
using System.Text.Json;
using Xunit;

namespace Storyline.Web.Tests.Api;

/// <summary>Writes (ingest) and the security rules: the key, upload names, size limits, rate limits, private reads.</summary>
public sealed class WriteAndSecurityTests(StoreFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MultipartFormDataContent Upload(params (string Name, string Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content));
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
            form.Add(part, "files", name);
        }
        return form;
    }

    private const string Article = "Halvik council approves ferry subsidy during bridge repairs\n\nThe city council in Halvik approved a subsidy on Thursday for two extra ferry crossings a day while the harbour bridge is closed to heavy lorries for repairs.";

    [Fact]
    public async Task Ingest_WithoutKey_Is401_AndStoresNothing()
    {
        using var factory = new StorylineFactory(fx.Options(fx.CopyStore()));
        using var client = factory.CreateClient();
        long before = (await Total(client));
        using var res = await client.PostAsync("/api/ingest", Upload(("a.txt", Article)), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        client.DefaultRequestHeaders.Add("X-Api-Key", "wrong");
        using var wrong = await client.PostAsync("/api/ingest", Upload(("a.txt", Article)), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(before, await Total(client));
    }

    private static async Task<long> Total(HttpClient c) =>
        JsonDocument.Parse(await c.GetStringAsync("/api/documents?limit=1", Ct)).RootElement.GetProperty("total").GetInt64();

    [Fact]
    public async Task Ingest_WithKey_StoresTheUpload_AndListsSeeIt()
    {
        using var factory = new StorylineFactory(fx.Options(fx.CopyStore()));
        using var client = factory.CreateClient();
        long before = await Total(client);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", StoreFixture.ApiKey);
        var form = Upload(("../../../../etc/evil.txt", Article), ("empty.bin", "\0\0\0"));
        form.Add(new StringContent("Pasted text about the Salzburg festival.\n\nThe mountain music festival near Salzburg added a fifth stage on Tuesday, its director Anna Huber said."), "text");
        using var res = await client.PostAsync("/api/ingest", form, Ct);
        var body = await res.Content.ReadAsStringAsync(Ct);
        Assert.True(res.StatusCode == HttpStatusCode.OK, body);
        var r = JsonDocument.Parse(body).RootElement;
        var docs = r.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(3, docs.Count);
        // The path the client sent never names a folder: only a sanitised file name is used and shown.
        Assert.Equal("evil.txt", docs[0].GetProperty("path").GetString());
        Assert.Equal("new", docs[0].GetProperty("status").GetString());
        Assert.Equal("failed", docs[1].GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(docs[1].GetProperty("error").GetString()));
        Assert.DoesNotContain(Path.GetTempPath(), body);
        Assert.Equal("pasted.txt", docs[2].GetProperty("path").GetString());
        Assert.Equal(2, r.GetProperty("new").GetInt32());
        Assert.Equal(1, r.GetProperty("failed").GetInt32());
        Assert.False(File.Exists("/etc/evil.txt"));
        Assert.Equal(before + 2, await Total(client));
        long id = docs[0].GetProperty("id").GetInt64();
        var shown = JsonDocument.Parse(await client.GetStringAsync($"/api/documents/{id}", Ct)).RootElement;
        Assert.Contains("approved a subsidy", shown.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("../../x.txt", "x.txt")]
    [InlineData("..\\..\\windows\\x.txt", "x.txt")]
    [InlineData("/etc/passwd", "passwd")]
    [InlineData("..", "upload")]
    [InlineData(".hidden", "hidden")]
    [InlineData("a b<c>.html", "a_b_c_.html")]
    [InlineData("", "upload")]
    [InlineData("名前.txt", "__.txt")]
    public void SafeFileName_NeverLeavesTheFolder(string given, string expected)
    {
        var safe = Security.SafeFileName(given);
        Assert.Equal(expected, safe);
        var dir = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "x")) + Path.DirectorySeparatorChar;
        Assert.StartsWith(dir, Path.GetFullPath(Path.Combine(dir, safe)));
    }

    [Fact]
    public async Task Upload_OverTheLimit_Is413()
    {
        using var factory = new StorylineFactory(fx.Options(fx.CopyStore()) with { MaxUploadBytes = 10_000 });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", StoreFixture.ApiKey);
        using var res = await client.PostAsync("/api/ingest", Upload(("big.txt", new string('a', 50_000))), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Writes_AreRateLimited()
    {
        using var factory = new StorylineFactory(fx.Options(fx.CopyStore()) with { WritesPerMinute = 2 });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", StoreFixture.ApiKey);
        var codes = new List<HttpStatusCode>();
        for (int i = 0; i < 3; i++)
        {
            // An empty form: cheap, answered 400, but it still counts as a write.
            using var res = await client.PostAsync("/api/ingest", new MultipartFormDataContent { { new StringContent(""), "text" } }, Ct);
            codes.Add(res.StatusCode);
        }
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], codes);
        // Reads are not limited.
        using var read = await client.GetAsync("/api/stories", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task PrivateReads_NeedTheKey()
    {
        using var factory = new StorylineFactory(fx.Options() with { ReadsRequireKey = true });
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var api = await client.GetAsync("/api/stories", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/stories/1");
        page.Headers.Accept.ParseAdd("text/html");
        using var redirect = await client.SendAsync(page, Ct);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/unlock", redirect.Headers.Location!.OriginalString);
        client.DefaultRequestHeaders.Add("X-Api-Key", StoreFixture.ApiKey);
        using var ok = await client.GetAsync("/api/stories", Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/x", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/stories/2?x=1", "/stories/2?x=1")]
    public void Unlock_RedirectsOnlyWithinTheSite(string next, string expected) =>
        Assert.Equal(expected, Pages.UnlockPage.LocalPath(next));

    [Fact]
    public void Html_EncodesText_AndRefusesUnsafeLinks()
    {
        var h = new Pages.Html();
        h.T("<script>alert(1)</script>\"'&").A("title", "\"><img onerror=x>").External("javascript:alert(1)").External(" JaVaScRiPt:alert(1)")
         .External("data:text/html,<b>").External("https://user:pw@example.com/").External("https://example.com/a?b=\"c\"");
        var s = h.ToString();
        Assert.DoesNotContain("<script", s);
        Assert.DoesNotContain("<img", s);
        Assert.DoesNotContain("href=\"javascript", s, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data:", s);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(s, "<a "));
        Assert.Contains("href=\"https://example.com/a?b=%22c%22\"", s);
    }
}
