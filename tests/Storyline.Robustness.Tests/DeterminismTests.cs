using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using Storyline.Core;
using Storyline.Core.Storage;
using Storyline.Engine;
using Storyline.Ingest;
using Storyline.Testing;

namespace Storyline.Robustness.Tests;

/// <summary>
/// The same input gives byte-identical analysis regardless of threads, order and repetition: a few hundred varied
/// inputs (real pages, plain-text scrapes, hostile files) through the full default pipeline at 1 thread in order
/// and at N threads in shuffled orders, twice; and end to end through the CLI with --threads 1 vs 4.
/// </summary>
public sealed class DeterminismTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-determinism-").FullName;

    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private const int RealPages = 150, Scrapes = 50, ParallelThreads = 4; // with the hostile sample: a few hundred inputs, ×3 runs

    /// <summary>Real HTML pages, plain-text scrapes of real articles (gold bodies), and a slice of the hostile corpus.</summary>
    private string BuildInputs()
    {
        var input = Directory.CreateDirectory(Path.Combine(_dir, "in")).FullName;
        var pages = new List<string>();
        foreach (var set in new[] { "trafilatura-eval", "scrapinghub" })
        {
            var dir = RepoPaths.Data("extraction", set, "html");
            if (Directory.Exists(dir)) pages.AddRange(Directory.GetFiles(dir, "*.html.gz").Order(StringComparer.Ordinal));
        }
        // Every k-th page, so both sets and many sites are represented.
        int step = Math.Max(1, pages.Count / RealPages);
        foreach (var f in pages.Where((_, i) => i % step == 0).Take(RealPages))
        {
            using var gz = new GZipStream(File.OpenRead(f), CompressionMode.Decompress);
            using var o = File.Create(Path.Combine(input, Path.GetFileName(f)[..^3]));
            gz.CopyTo(o);
        }
        var truth = RepoPaths.Data("extraction", "scrapinghub", "ground-truth.json");
        if (File.Exists(truth))
        {
            using var j = JsonDocument.Parse(File.ReadAllText(truth));
            int n = 0;
            foreach (var item in j.RootElement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                if (n++ >= Scrapes) break;
                File.WriteAllText(Path.Combine(input, $"scrape-{item.Name[..12]}.txt"), item.Value.GetProperty("articleBody").GetString());
            }
        }
        // Hostile inputs (small settings; no special files needed here, they never reach the pipeline).
        var hostile = HostileCorpus.Generate(Path.Combine(_dir, "hostile"), new HostileCorpusOptions
        {
            HugeLineBytes = 0, GzipBombBytes = 64 << 20, DeepNesting = 5_000, GoodArticles = 16, RealPages = 0, Scale = 0.05,
        });
        foreach (var e in hostile.Entries.Where(e => e.Path is not null && File.Exists(e.Path) && !new FileInfo(e.Path).Attributes.HasFlag(FileAttributes.ReparsePoint)
                     && new FileInfo(e.Path).Length < 4_000_000 && e.Kind is not ("fifo" or "socket")))
            File.Copy(e.Path!, Path.Combine(input, Path.GetFileName(e.Path!)));
        return input;
    }

    private static List<(string Key, byte[] Raw, DocumentFormat Format, DocumentOrigin Origin)> ReadAll(string input)
    {
        var reader = new DocumentReader();
        return [.. reader.Read([input]).Where(r => r.Document is not null)
            .Select(r => (r.Origin.ToString(), r.Document!.RawBytes, r.Document.Format, r.Document.Origin))];
    }

    /// <summary>Runs the pipeline over fresh documents in the given order with the given parallelism; returns key → snapshot.</summary>
    private static Dictionary<string, string> Analyse(Pipeline pipeline, IReadOnlyList<(string Key, byte[] Raw, DocumentFormat Format, DocumentOrigin Origin)> items, int threads, int seed)
    {
        var order = Enumerable.Range(0, items.Count).ToArray();
        if (seed != 0) new Random(seed).Shuffle(order);
        var reader = new DocumentReader();
        var result = new ConcurrentDictionary<string, string>();
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            var (key, raw, format, origin) = items[i];
            var doc = reader.FromRaw(raw, format, origin);
            string snap;
            try { pipeline.Run(doc); snap = DocumentSnapshot.Serialize(doc) + "|" + doc.ContentHash; }
            catch (StorylineException ex) { snap = "failed:" + ex.Code; }
            result[key] = snap;
        });
        return new Dictionary<string, string>(result);
    }

    [Fact]
    public void FullPipeline_OneThreadVsManyThreads_AnyOrder_Repeated_GivesByteIdenticalAnalyses()
    {
        var log = TestContext.Current.TestOutputHelper!;
        var input = BuildInputs();
        var items = ReadAll(input);
        Assert.True(items.Count >= 250, $"{items.Count} documents");
        var pipeline = DefaultPipeline.Default;

        var baseline = Analyse(pipeline, items, 1, seed: 0);
        var runs = new[] { (ParallelThreads, 1), (ParallelThreads, 2), (1, 3) };
        var diffs = new List<string>();
        foreach (var (threads, seed) in runs)
        {
            var other = Analyse(pipeline, items, threads, seed);
            foreach (var (key, snap) in baseline)
                if (!other.TryGetValue(key, out var o) || o != snap)
                    diffs.Add($"threads {threads}, order {seed}: {key}: {FirstDifference(snap, o)}");
        }
        log.WriteLine($"{items.Count} documents × {runs.Length + 1} runs; {diffs.Count} differences");
        Assert.True(diffs.Count == 0, string.Join("\n", diffs.Take(20)));
    }

    private static string FirstDifference(string a, string? b)
    {
        if (b is null) return "missing";
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        string Around(string s) => s.Substring(Math.Max(0, i - 60), Math.Min(160, s.Length - Math.Max(0, i - 60)));
        return $"at {i}: «{Around(a)}» vs «{Around(b)}»";
    }

    [Fact]
    public void Cli_ThreadsOneVsFour_StoresTheSameTextAndMetadata()
    {
        var input = BuildInputs();
        Harness.EnsureBuilt();
        var results = new List<Dictionary<string, string>>();
        foreach (var (threads, batch) in new[] { ("1", "7"), ("4", "128") })
        {
            var db = Path.Combine(_dir, $"t{threads}.db");
            var r = CliProcess.Run(Harness.Root, ["ingest", input, "--json", "--db", db, "--threads", threads, "--batch-size", batch], TimeSpan.FromMinutes(10));
            Assert.True(r.ExitCode is 0 or 3, $"--threads {threads}: exit {r.ExitCode}\n{CliProcess.Result.Tail(r.Stderr)}");
            results.Add(Harness.StoredDocuments(db).ToDictionary(
                d => d.Origin.ToString(),
                d => $"{d.Id}|{d.ContentHash}|{d.NotArticle}|" + DocumentSnapshot.Serialize(d)));
        }
        Assert.True(results[0].Count >= 200, $"{results[0].Count} stored");
        Assert.Equal(results[0].Keys.Order(StringComparer.Ordinal), results[1].Keys.Order(StringComparer.Ordinal));
        var diffs = results[0].Where(kv => results[1][kv.Key] != kv.Value).Select(kv => $"{kv.Key}: {FirstDifference(kv.Value, results[1][kv.Key])}").ToList();
        Assert.True(diffs.Count == 0, $"{diffs.Count} documents differ:\n" + string.Join("\n", diffs.Take(20)));
    }
}
