using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit;

namespace Storyline.Web.Tests.Api;

/// <summary>The API over real HTTP on 127.0.0.1: the factory on Kestrel, and 'storyline serve' as a process stopped by Ctrl-C.</summary>
public sealed class LoopbackTests(StoreFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Kestrel_OnLoopback_AnswersTheApiAndPages()
    {
        using var factory = new StorylineFactory(fx.Options());
        var baseUri = factory.StartOnLoopback();
        Assert.Equal("127.0.0.1", baseUri.Host);
        using var http = new HttpClient { BaseAddress = baseUri };
        var stories = JsonDocument.Parse(await http.GetStringAsync("/api/stories", Ct)).RootElement;
        Assert.True(stories.GetProperty("total").GetInt64() >= 2);
        using var page = await http.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Halvik", await page.Content.ReadAsStringAsync(Ct));
        // Concurrent readers share the pool of store connections.
        var tasks = Enumerable.Range(0, 24).Select(i => http.GetStringAsync(i % 2 == 0 ? "/api/search?q=bridge" : $"/api/stories/{stories.GetProperty("stories")[0].GetProperty("id").GetInt64()}", Ct));
        var bodies = await Task.WhenAll(tasks);
        Assert.All(bodies, b => Assert.StartsWith("{", b));
    }

    [Fact]
    public async Task ServeCommand_PrintsItsUrl_AndStopsCleanlyOnCtrlC()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "storyline.dll");
        Assert.True(File.Exists(dll), dll);
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "serve", "--db", fx.DbPath, "--port", "0", "--api-key", "k", "--json" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        try
        {
            // --json prints one (indented) JSON object when the server listens.
            var json = new System.Text.StringBuilder();
            while (await p.StandardOutput.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Ct) is { } line)
            {
                json.AppendLine(line);
                if (line.StartsWith('}')) break;
            }
            var started = JsonDocument.Parse(json.ToString()).RootElement;
            var url = started.GetProperty("urls")[0].GetString()!;
            Assert.StartsWith("http://127.0.0.1:", url);
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            var docs = JsonDocument.Parse(await http.GetStringAsync("/api/documents?limit=1", Ct)).RootElement;
            Assert.True(docs.GetProperty("total").GetInt64() > 0);
            // Ctrl-C: SIGINT to the process.
            Assert.Equal(0, Kill(p.Id, 2));
            await p.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
            Assert.Equal(0, p.ExitCode);
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task ServeCommand_OnAMissingStore_IsNotFound_AndCreatesNothing()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "storyline.dll");
        var missing = Path.Combine(fx.Folder, "missing", "none.db");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "serve", "--db", missing, "--port", "0" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        await p.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(4, p.ExitCode);
        Assert.Contains("SL4005", await p.StandardError.ReadToEndAsync(Ct));
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int sig);
}
