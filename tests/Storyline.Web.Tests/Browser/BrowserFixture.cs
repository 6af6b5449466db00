using System.Diagnostics;
using Microsoft.Playwright;
using Xunit;

namespace Storyline.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download: Playwright is pointed at /usr/bin/chromium, installed
/// with apt-get when missing), and the app on a real 127.0.0.1 port over a private copy of the fixture store.
/// </summary>
public sealed class BrowserFixture(StoreFixture store) : IAsyncLifetime
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("STORYLINE_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    private StorylineFactory? _factory;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Where screenshots go: artifacts/screenshots at the repository root (found from this source file, else the output folder).</summary>
    public static string ScreenshotFolder => Screenshots();

    private static string Screenshots([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        {
            var dir = File.Exists(source) ? new FileInfo(source).Directory : new DirectoryInfo(AppContext.BaseDirectory);
            if (dir is not null && !Up(dir)) dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Storyline.slnx"))) dir = dir.Parent;
            var root = dir?.FullName ?? Path.GetTempPath();
            return Directory.CreateDirectory(Path.Combine(root, "artifacts", "screenshots")).FullName;
        }

        static bool Up(DirectoryInfo? d)
        {
            for (; d is not null; d = d.Parent) if (File.Exists(Path.Combine(d.FullName, "Storyline.slnx"))) return true;
            return false;
        }
    }

    public async ValueTask InitializeAsync()
    {
        EnsureChromium();
        _factory = new StorylineFactory(store.Options(store.CopyStore()));
        BaseUri = _factory.StartOnLoopback();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Installs Debian's chromium when it is missing and we may (root); otherwise says what to do.</summary>
    private static void EnsureChromium()
    {
        if (File.Exists(ChromiumPath)) return;
        if (Environment.UserName == "root")
        {
            foreach (var args in new[] { "update -qq", "install -y -qq chromium" })
            {
                using var p = Process.Start(new ProcessStartInfo("apt-get", args) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
                p.StandardOutput.ReadToEnd();
                p.WaitForExit();
            }
        }
        if (!File.Exists(ChromiumPath)) throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: run 'apt-get install -y chromium' (or set STORYLINE_CHROMIUM)");
    }

    public async Task<IBrowserContext> NewContext(int width = 1280, int height = 900, bool bypassCsp = false)
    {
        var ctx = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUri.ToString(), ViewportSize = new ViewportSize { Width = width, Height = height }, BypassCSP = bypassCsp,
            IsMobile = width < 600, HasTouch = width < 600,
        });
        ctx.SetDefaultTimeout(20_000);
        return ctx;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        _factory?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
