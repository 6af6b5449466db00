using System.CommandLine;
using Storyline.Engine;
using Storyline.Web;

namespace Storyline.Cli.Commands;

/// <summary>`storyline serve`: the web UI and the JSON API on the store.</summary>
public static class ServeCommand
{
    public const int DefaultPort = 5080;

    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = $"Port on 127.0.0.1 (default {DefaultPort}; 0 picks a free one). Ignored when --urls is given." };
        var urls = new Option<string?>("--urls")
        {
            Description = "Addresses to listen on, ';'-separated (e.g. 'http://0.0.0.0:8080' to serve other machines). Default http://127.0.0.1:PORT.",
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = "Key that write requests (uploads, POST /api/ingest) must send (X-Api-Key or Authorization: Bearer). " +
                          "Default $STORYLINE_API_KEY; when neither is set a random key is made and printed at start.",
        };
        var privateReads = new Option<bool>("--private")
        {
            Description = "Reads need the key too (pages ask for it once and keep it in a cookie; the API wants the header). Default: reads are open.",
        };
        var create = new Option<bool>("--create")
        {
            Description = "Create an empty store when the --db one does not exist (to fill it through the upload page). " +
                          "Without it a missing store is 'not found' (exit 4), as for every command that reads.",
        };
        var maxUpload = new Option<int>("--max-upload-mb") { Description = "Largest upload, in MB.", DefaultValueFactory = _ => 50 };
        var writesPerMinute = new Option<int>("--writes-per-minute") { Description = "Write requests allowed per client address and minute.", DefaultValueFactory = _ => 20 };
        var cmd = Cli.NewCommand("serve",
            "Serve the web UI (stories, documents, entities, search, upload) and the JSON API (/api/..., the same JSON as --json; " +
            "OpenAPI at /openapi/v1.json, interactive reference at /reference) on the store. Ctrl-C stops it.",
            "storyline serve",
            "storyline serve --port 8080 --db news.db",
            "storyline serve --urls 'http://0.0.0.0:8080' --api-key \"$KEY\" --private",
            "storyline serve --db 'Host=localhost;Database=storyline;Username=me'",
            "curl -s localhost:5080/api/stories?limit=5 | jq .stories[].title",
            "curl -s -H \"X-Api-Key: $KEY\" -F files=@article.html localhost:5080/api/ingest");
        cmd.Add(port); cmd.Add(urls); cmd.Add(apiKey); cmd.Add(privateReads); cmd.Add(create); cmd.Add(maxUpload); cmd.Add(writesPerMinute);
        cmd.SetAction(r => Cli.Run(() =>
        {
            int? p = r.GetValue(port);
            if (p is < 0 or > 65535) throw new UsageException($"--port must be between 0 and 65535 (got {p})");
            int mb = r.GetValue(maxUpload), wpm = r.GetValue(writesPerMinute);
            if (mb < 1) throw new UsageException($"--max-upload-mb must be at least 1 (got {mb})");
            if (wpm < 1) throw new UsageException($"--writes-per-minute must be at least 1 (got {wpm})");
            string[] listen = r.GetValue(urls) is { Length: > 0 } u
                ? u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [$"http://127.0.0.1:{p ?? DefaultPort}"];
            foreach (var l in listen)
                if (!Uri.TryCreate(l, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    throw new UsageException($"--urls: '{l}' is not an http:// or https:// address");
            var key = r.GetValue(apiKey) is { Length: > 0 } k ? k
                : Environment.GetEnvironmentVariable("STORYLINE_API_KEY") is { Length: > 0 } ek ? ek : null;
            bool generated = key is null;
            key ??= Security.NewKey();
            var options = new WebOptions
            {
                Database = StoreFactory.Resolve(r.GetValue(Cli.Db)),
                CreateStore = r.GetValue(create),
                ApiKey = key,
                ReadsRequireKey = r.GetValue(privateReads),
                MaxUploadBytes = mb * 1024L * 1024,
                WritesPerMinute = wpm,
            };
            Microsoft.AspNetCore.Builder.WebApplication app;
            try { app = StorylineWebApp.Start(options, listen); }
            catch (IOException ex) { return Cli.Error($"cannot listen on {string.Join(", ", listen)}: {ex.Message}", ExitCodes.Usage); }
            using var stop = (IDisposable)app;
            var addresses = app.Urls.ToList();
            if (r.GetValue(Cli.Json))
                Cli.WriteJson(new { urls = addresses, api_key = generated ? key : null, openapi = addresses.FirstOrDefault() + "/openapi/v1.json" });
            else
            {
                foreach (var a in addresses) Console.WriteLine($"Storyline is serving {Cli.Safe(options.Database)} at {a}");
                Console.WriteLine($"  API reference: {addresses.FirstOrDefault()}/reference   OpenAPI: {addresses.FirstOrDefault()}/openapi/v1.json");
                if (generated) Console.WriteLine($"  API key for uploads (this run only; set --api-key or STORYLINE_API_KEY to keep one): {key}");
                Console.WriteLine("Press Ctrl-C to stop.");
            }
            Console.Out.Flush();
            // Ctrl-C / SIGTERM: the host stops accepting, lets requests in flight finish, then returns here.
            StorylineWebApp.WaitForShutdown(app);
            Console.Error.WriteLine("storyline: stopped");
            return ExitCodes.Success;
        }));
        return cmd;
    }
}
