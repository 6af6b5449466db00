using System.Text.Json;
using System.Text.RegularExpressions;
using Storyline.Core;
using Storyline.Storage.Sqlite;
using Storyline.Testing;

namespace Storyline.Robustness.Tests;

/// <summary>Shared helpers: the repository root, a built CLI, the ingest --json outcomes and the stored texts.</summary>
public static partial class Harness
{
    public static readonly string Root = TestEnvironment.RepoRoot;

    private static readonly Lazy<bool> Built = new(() =>
    {
        // Builds the CLI if sources changed (the script does it), so later timings measure the ingest only.
        var r = CliProcess.Run(Root, ["--help"], TimeSpan.FromMinutes(15));
        if (r.ExitCode != 0) throw new InvalidOperationException($"storyline --help failed ({r.ExitCode}): {CliProcess.Result.Tail(r.Stderr)}");
        return true;
    });

    public static void EnsureBuilt() => _ = Built.Value;

    public sealed record Outcome(string Path, long? Id, string Status, string? Error, string? Code);

    public static List<Outcome> Outcomes(JsonElement json) =>
        [.. json.GetProperty("documents").EnumerateArray().Select(d => new Outcome(
            d.GetProperty("path").GetString() ?? "",
            d.GetProperty("id").ValueKind == JsonValueKind.Number ? d.GetProperty("id").GetInt64() : null,
            d.GetProperty("status").GetString() ?? "",
            d.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null,
            d.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null))];

    [GeneratedRegex(@"(?<![A-Za-z0-9])[gh]\d{5}(?=[-.A-Za-z\\]|$)")]
    private static partial Regex TagPattern();

    /// <summary>The corpus tags named in an outcome's path (a folder link's outcomes carry the link's tag).</summary>
    public static IEnumerable<string> Tags(string path) => TagPattern().Matches(path).Select(m => m.Value);

    /// <summary>Every stored document (analysis restored), read straight from the SQLite store after the run.</summary>
    public static List<Document> StoredDocuments(string db)
    {
        using var store = new SqliteDocumentStore(db);
        var docs = new List<Document>();
        for (int offset = 0; ; offset += 500)
        {
            var page = store.List(500, offset);
            if (page.Count == 0) break;
            docs.AddRange(page.Select(s => store.Get(s.Id)).Where(d => d is not null).Select(d => d!));
        }
        return docs;
    }

    public static string Mb(long bytes) => (bytes / 1048576.0).ToString("F0", System.Globalization.CultureInfo.InvariantCulture) + " MB";
}
