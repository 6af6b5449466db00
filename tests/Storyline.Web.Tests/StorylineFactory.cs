using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Storyline.Web;

namespace Storyline.Web.Tests;

/// <summary>
/// The web app under WebApplicationFactory: the same services and pipeline 'storyline serve' uses
/// (<see cref="StorylineWebApp.Configure"/> and <see cref="StorylineWebApp.UsePipeline"/>), in memory, or on a real
/// 127.0.0.1 port with <see cref="WebApplicationFactory{T}.UseKestrel(int)"/>.
/// </summary>
public sealed class StorylineFactory(WebOptions options) : WebApplicationFactory<StorylineFactory.Entry>
{
    /// <summary>A type of this (executable) test assembly: the factory wants one whose assembly has an entry point and deps file.</summary>
    public sealed class Entry;

    public WebOptions Options { get; } = options;

    // The factory looks for the app's content root beside a solution file unless this setting names it; ours is the output folder.
    static StorylineFactory() =>
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_" + typeof(Entry).Assembly.GetName().Name!.ToUpperInvariant().Replace('.', '_'), AppContext.BaseDirectory);

    protected override IHostBuilder CreateHostBuilder() =>
        Host.CreateDefaultBuilder().ConfigureLogging(l => l.ClearProviders()).ConfigureWebHostDefaults(web =>
        {
            web.UseContentRoot(AppContext.BaseDirectory);
            web.ConfigureServices(s => StorylineWebApp.Configure(s, Options));
            web.Configure(app => StorylineWebApp.UsePipeline(app, Options));
        });

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseContentRoot(AppContext.BaseDirectory);

    /// <summary>Starts the app on a free port of 127.0.0.1 and returns its base address.</summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        var addr = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        return new Uri(addr.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }
}
