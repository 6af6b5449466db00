using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Storyline.Core;
using Storyline.Engine;
using Storyline.Storage.Sqlite;

namespace Storyline.Bench.Ingest;

/// <summary>
/// Ingest throughput on a generated corpus: plain-text scrapes built from the shared data's article
/// bodies (with debris lines, fixed seed), ingested from files into a fresh SQLite store through the
/// default pipeline and on into the story index (dedup, copies, rewrites, stories), as `storyline ingest` does. Prints docs/s, MB/s, peak memory, and memory at each quarter to show it is flat.
/// </summary>
public static class IngestBench
{
    /// <summary>Runs the bench twice: the issue-3 layer (read, clean, metadata, store) and the full pipeline with the language layer.</summary>
    /// <param name="json">Print one JSON object (plain_docs_per_s, full_docs_per_s, peak_working_set_mb) and nothing else.</param>
    public static void Run(TextWriter output, int documents, bool json = false)
    {
        var text = json ? TextWriter.Null : output;
        var plain = Run(text, documents, "basic (read+clean+metadata+store+stories)", DefaultPipeline.Build(new DefaultPipeline.Options { Language = false }));
        var full = Run(text, Math.Max(1000, documents / 5), "full (with language layer)", DefaultPipeline.Default);
        if (json)
            output.WriteLine(JsonSerializer.Serialize(new
            {
                plain_docs_per_s = Math.Round(plain.DocsPerSecond, 1),
                full_docs_per_s = Math.Round(full.DocsPerSecond, 1),
                // The process's peak over both runs (the full run comes second, so this is the larger of the two).
                peak_working_set_mb = Math.Round(Math.Max(plain.PeakWorkingSetMb, full.PeakWorkingSetMb)),
                plain_documents = documents,
                full_documents = Math.Max(1000, documents / 5),
                plain_cpu_ms_per_doc = Math.Round(plain.CpuMsPerDocument, 3),
                full_cpu_ms_per_doc = Math.Round(full.CpuMsPerDocument, 3),
                cores = Environment.ProcessorCount,
            }));
    }

    private readonly record struct Figures(double DocsPerSecond, double PeakWorkingSetMb, double CpuMsPerDocument);

    private static Figures Run(TextWriter output, int documents, string label, Storyline.Core.Pipeline pipeline)
    {
        var bodies = LoadBodies();
        output.WriteLine($"ingest: generating {documents:N0} plain-text documents from {bodies.Count} shared article bodies…");
        var dir = Directory.CreateTempSubdirectory("storyline-bench-ingest-").FullName;
        try
        {
            long bytes = Generate(dir, documents, bodies);
            var dbPath = Path.Combine(dir, "bench.db");
            using var store = new SqliteDocumentStore(dbPath);
            // As `storyline ingest` runs: new documents go on into dedup and stories, so the figure covers them.
            using var stories = StoryService.For(store);
            var service = new IngestService(store, pipeline) { Stories = stories };

            // Warm-up: load models and JIT on a small folder first, so the figure is the steady state.
            var warm = Path.Combine(dir, "warm");
            Directory.CreateDirectory(warm);
            for (int i = 0; i < 50; i++) File.WriteAllText(Path.Combine(warm, $"w{i}.txt"), bodies[i % bodies.Count] + $"\n\nWarm-up {i}.");
            service.Ingest([warm]);

            var quarters = new List<string>();
            var proc = Process.GetCurrentProcess();
            var cpu0 = proc.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var outcomes = service.Ingest([Path.Combine(dir, "corpus")], p =>
            {
                if (p.Done % (documents / 4) == 0)
                {
                    proc.Refresh();
                    quarters.Add($"{p.Done:N0}: {proc.WorkingSet64 / 1e6:F0} MB");
                }
            });
            sw.Stop();
            proc.Refresh();
            double cpuMs = (proc.TotalProcessorTime - cpu0).TotalMilliseconds;
            int failed = outcomes.Count(o => o.Status == IngestOutcome.Failed);
            var t = service.Timings;
            output.WriteLine($"ingest [{label}]: wall time in pipeline (overlapping the store) {t.Pipeline.TotalSeconds:F1} s, store {t.Store.TotalSeconds:F1} s, stories {t.Stories.TotalSeconds:F1} s (incl. warm-up)");
            ProfileStages(output, label, pipeline, Path.Combine(dir, "corpus"));
            output.WriteLine($"ingest [{label}]: {outcomes.Count:N0} documents ({failed} failed) in {sw.Elapsed.TotalSeconds:F1} s");
            output.WriteLine($"ingest [{label}]: {outcomes.Count / sw.Elapsed.TotalSeconds:F0} docs/s, {bytes / 1e6 / sw.Elapsed.TotalSeconds:F2} MB/s (target >= 500 docs/s); CPU {cpuMs / outcomes.Count:F2} ms per document = {outcomes.Count / (cpuMs / 1000) * Environment.ProcessorCount:F0} docs/s if all {Environment.ProcessorCount} cores were ours; load average {LoadAverage()}");
            output.WriteLine($"ingest [{label}]: peak working set {proc.PeakWorkingSet64 / 1e6:F0} MB; working set after " + string.Join(", ", quarters));
            return new Figures(outcomes.Count / sw.Elapsed.TotalSeconds, proc.PeakWorkingSet64 / 1e6, cpuMs / outcomes.Count);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

    /// <summary>Where the time goes: each stage, one thread, on the first documents of the corpus (after the timed run, so warm).</summary>
    private static void ProfileStages(TextWriter output, string label, Storyline.Core.Pipeline pipeline, string corpus)
    {
        const int Sample = 300;
        var reader = new Storyline.Ingest.DocumentReader();
        var sw = Stopwatch.StartNew();
        var docs = reader.Read([corpus]).Take(Sample).Select(i => i.Document).OfType<Document>().ToList();
        double readMs = sw.Elapsed.TotalMilliseconds / Math.Max(1, docs.Count);
        var perStage = new double[pipeline.Stages.Count];
        var cpuPerStage = new double[pipeline.Stages.Count];
        foreach (var d in docs)
            for (int s = 0; s < pipeline.Stages.Count; s++)
            {
                long t = Stopwatch.GetTimestamp();
                double c = ThreadCpu.Milliseconds();
                pipeline.Stages[s].Process(d);
                cpuPerStage[s] += ThreadCpu.Milliseconds() - c;
                perStage[s] += Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
        var parts = pipeline.Stages.Select((st, i) => $"{st.Info.Id} {perStage[i] / docs.Count:F2}").Prepend($"read {readMs:F2}");
        // Thread CPU per stage does not count time spent waiting for a busy machine: the figure to compare across runs.
        var cpuParts = pipeline.Stages.Select((st, i) => $"{st.Info.Id} {cpuPerStage[i] / docs.Count:F2}");
        output.WriteLine($"ingest [{label}]: thread CPU ms per document: " + string.Join(", ", cpuParts) +
            $" (total {cpuPerStage.Sum() / docs.Count:F2}; load average {LoadAverage()})");
        var dbPath = Path.Combine(Path.GetDirectoryName(corpus)!, "profile.db");
        double storeMs;
        using (var store = new SqliteDocumentStore(dbPath))
        {
            long t = Stopwatch.GetTimestamp();
            foreach (var chunk in docs.Chunk(100)) store.SaveBatch(chunk);
            storeMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds / docs.Count;
        }
        parts = parts.Append($"store {storeMs:F2}");
        output.WriteLine($"ingest [{label}]: ms per document on one thread: " + string.Join(", ", parts));
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static long Generate(string dir, int n, List<string> bodies)
    {
        var corpus = Path.Combine(dir, "corpus");
        var rng = new Random(20261126);
        string[] debris = ["Latest news", "Share this article", "Published on", "hide caption", "toggle caption", "More like this", "Advertisement"];
        long bytes = 0;
        for (int i = 0; i < n; i++)
        {
            var sub = Path.Combine(corpus, (i / 1000).ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            if (i % 1000 == 0) Directory.CreateDirectory(sub);
            var body = bodies[rng.Next(bodies.Count)];
            var sb = new StringBuilder();
            sb.Append("Generated headline number ").Append(i).Append("\n\n");
            sb.Append(debris[rng.Next(debris.Length)]).Append("\n\n");
            // Each document gets a unique sentence so the content hash differs (no accidental duplicates).
            sb.Append("Report ").Append(i).Append(" was filed by the desk on day ").Append(rng.Next(1, 365)).Append(".\n\n");
            sb.Append(body).Append("\n\n").Append(debris[rng.Next(debris.Length)]).Append('\n');
            var text = sb.ToString();
            bytes += Encoding.UTF8.GetByteCount(text);
            File.WriteAllText(Path.Combine(sub, $"doc{i:D6}.txt"), text);
        }
        return bytes;
    }

    /// <summary>Article bodies from the shared extraction ground truth and clustering corpora.</summary>
    private static List<string> LoadBodies()
    {
        var list = new List<string>();
        var gt = RepoPaths.Data("extraction", "scrapinghub", "ground-truth.json");
        if (File.Exists(gt))
            foreach (var p in JsonDocument.Parse(File.ReadAllText(gt)).RootElement.EnumerateObject())
                if (p.Value.TryGetProperty("articleBody", out var b) && b.GetString() is { Length: > 200 } s) list.Add(s);
        foreach (var set in new[] { "ecbplus", "newswcl50" })
        {
            var path = RepoPaths.Data("clustering", set, "docs.jsonl");
            if (!File.Exists(path)) continue;
            foreach (var line in File.ReadLines(path))
            {
                using var j = JsonDocument.Parse(line);
                if (j.RootElement.TryGetProperty("text", out var t) && t.GetString() is { Length: > 200 } s) list.Add(s);
            }
        }
        if (list.Count == 0) throw new InvalidOperationException("no shared article bodies found for the ingest bench");
        return list;
    }
}
