using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Storyline.Core;
using Storyline.Engine;
using Storyline.Ingest;
using Storyline.Testing;

namespace Storyline.Bench.Robustness;

/// <summary>
/// `bench/run robustness`: generates the hostile corpus of the robustness tests (tests/Shared/HostileCorpus.cs),
/// ingests it with the real CLI and prints the issue's figures: inputs, kinds, errors reported (by code), good
/// documents stored, peak memory, total time; then times every readable document through the default pipeline
/// in-process, one at a time, for the slowest documents.
/// </summary>
public static class RobustnessBench
{
    public static void Run(TextWriter output)
    {
        var root = RepoPaths.RepoRoot ?? throw new DirectoryNotFoundException("repository root not found");
        var dir = Directory.CreateTempSubdirectory("storyline-bench-robustness-").FullName;
        try
        {
            var sw = Stopwatch.StartNew();
            var corpus = HostileCorpus.Generate(Path.Combine(dir, "corpus"));
            int hostileInputs = corpus.Hostile.Sum(e => e.Inputs);
            int goodDocs = corpus.GoodEntries.Sum(e => e.Inputs);
            int markers = corpus.Entries.Sum(e => e.MustStore.Count);
            output.WriteLine($"robustness: corpus generated in {sw.Elapsed.TotalSeconds:F1} s: {corpus.Hostile.Count()} hostile files ({hostileInputs} inputs) of {corpus.Kinds} kinds, "
                + $"{corpus.GoodEntries.Count()} good files ({goodDocs} documents), {markers} marker sentences that must be stored");
            output.WriteLine("  kinds: " + string.Join(", ", corpus.Hostile.GroupBy(e => e.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));

            // Build first (the script builds when sources changed) so the timing is the ingest alone.
            CliProcess.Run(root, ["--help"], TimeSpan.FromMinutes(15));
            var db = Path.Combine(dir, "hostile.db");
            var run = CliProcess.Run(root, ["ingest", corpus.InputDir, "--json", "--db", db], TimeSpan.FromMinutes(30));
            output.WriteLine($"  ingest (CLI, default pipeline): exit {run.ExitCode}{(run.TimedOut ? " (TIMED OUT after 30 min)" : "")}, {run.Elapsed.TotalSeconds:F1} s, peak RSS {run.PeakRssBytes / 1048576.0:F0} MB");
            if (run.TimedOut || !run.Stdout.TrimStart().StartsWith('{'))
            {
                output.WriteLine("  no JSON result; stderr tail: " + CliProcess.Result.Tail(run.Stderr, 1500));
                return;
            }
            var docs = run.Json.GetProperty("documents").EnumerateArray().ToList();
            output.WriteLine($"  outcomes: {docs.Count} ({string.Join(", ", docs.GroupBy(d => d.GetProperty("status").GetString()).Select(g => $"{g.Count()} {g.Key}"))})");
            output.WriteLine("  errors reported by code: " + string.Join(", ", docs.Where(d => d.GetProperty("code").ValueKind == JsonValueKind.String)
                .GroupBy(d => d.GetProperty("code").GetString()!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
            int uncoded = docs.Count(d => d.GetProperty("status").GetString() is "failed" or "skipped" && d.GetProperty("code").ValueKind != JsonValueKind.String);
            output.WriteLine($"  failures or skips without a code: {uncoded}");

            using (var store = StoreFactory.Open(db))
            {
                var texts = new List<(string Text, string? NotArticle)>();
                for (int off = 0; ; off += 500)
                {
                    var page = store.List(500, off);
                    if (page.Count == 0) break;
                    foreach (var s in page) if (store.Get(s.Id) is { } d) texts.Add((d.Text, d.NotArticle));
                }
                var all = string.Join("\n", texts.Select(t => t.Text));
                int found = corpus.Entries.Sum(e => e.MustStore.Count(m => all.Contains(m, StringComparison.OrdinalIgnoreCase)));
                output.WriteLine($"  stored: {texts.Count} documents, {texts.Count(t => t.NotArticle is not null)} flagged not_article; marker sentences found {found}/{markers}; "
                    + $"secret leaked: {(all.Contains(corpus.SecretMarker, StringComparison.Ordinal) ? "YES" : "no")}");
            }

            // Per-document time: every readable document of the corpus through the default pipeline, one at a time.
            var pipeline = DefaultPipeline.Default;
            var reader = new DocumentReader();
            var times = new List<(TimeSpan Time, string Origin, int Chars)>();
            var total = Stopwatch.StartNew();
            foreach (var item in reader.Read([corpus.InputDir]))
            {
                if (item.Document is not { } doc) continue;
                var t = Stopwatch.StartNew();
                try { pipeline.Run(doc); } catch (StorylineException) { }
                times.Add((t.Elapsed, Escape(doc.Origin.ToString()), doc.RawText.Length));
            }
            times.Sort((a, b) => b.Time.CompareTo(a.Time));
            output.WriteLine($"  per document (in-process, sequential, {times.Count} documents, {total.Elapsed.TotalSeconds:F1} s): median {Ms(times[times.Count / 2].Time)}, "
                + $"p99 {Ms(times[Math.Min(times.Count - 1, times.Count / 100)].Time)}, slowest:");
            foreach (var (time, origin, chars) in times.Take(5))
                output.WriteLine($"    {Ms(time),10}  {chars,10:N0} chars  {origin}");
            output.WriteLine($"  total bench time {sw.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture) + " ms";

    private static string Escape(string s)
    {
        var name = Path.GetFileName(s);
        var sb = new System.Text.StringBuilder();
        foreach (var ch in name.Length > 70 ? name[..70] + "…" : name)
            sb.Append(char.IsControl(ch) || ch is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' ? $"\\u{(int)ch:x4}" : ch);
        return sb.ToString();
    }
}
