using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Storyline.Core;
using Storyline.Extraction;
using Storyline.Extraction.Evaluation;

namespace Storyline.Bench.Extraction;

/// <summary>Knobs of the extraction bench.</summary>
public sealed record ExtractionBenchOptions
{
    /// <summary>Run the external peers (readability-lxml on python, Mozilla Readability on node) via bench/peers/.</summary>
    public bool Peers { get; init; } = true;
    /// <summary>Run bench/peers/install.sh first (idempotent; apt-get and npm when something is missing).</summary>
    public bool InstallPeers { get; init; } = true;
    /// <summary>Pages each peer processes untimed before its timed pass.</summary>
    public int PeerWarmupPages { get; init; } = 50;
    /// <summary>A peer still running after this long is stopped and reported unavailable.</summary>
    public TimeSpan PeerTimeout { get; init; } = TimeSpan.FromMinutes(30);
    /// <summary>Print one JSON object (pages_per_s, smartreader_pages_per_s, speed_ratio_smartreader, f1_*) instead of text lines.</summary>
    public bool Json { get; init; }
}

/// <summary>
/// HTML extraction speed and quality on the shared benchmark pages, side by side with the peers that run
/// here: SmartReader (in process), readability-lxml and Mozilla Readability (bench/peers/), all on the same
/// decoded pages, all scored with our scorers; trafilatura (not installable here) by its published F1 and
/// its predictions shipped in scrapinghub/peer-output/.
/// </summary>
public static class ExtractionBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private sealed record LoadedSet(EvalSet Set, string[] Html);

    public static void Run(TextWriter output) => Run(output, new ExtractionBenchOptions());

    public static void Run(TextWriter output, ExtractionBenchOptions options)
    {
        var text = options.Json ? TextWriter.Null : output;
        void Say(FormattableString s) => text.WriteLine("extraction: " + s.ToString(Inv));
        if (RepoPaths.SharedData is null)
        {
            Say($"skipped: shared data folder not found (set STORYLINE_SHARED)");
            return;
        }
        var sets = ExtractionEvaluator.SharedSets.Select(s =>
        {
            var set = EvalSet.Load(RepoPaths.Data("extraction", s));
            return new LoadedSet(set, [.. set.Pages.Select(p => p.ReadHtml())]);
        }).ToList();
        var all = sets.SelectMany(s => s.Html).ToArray();
        double mb = all.Sum(h => (long)Encoding.UTF8.GetByteCount(h)) / 1e6;
        Say($"{all.Length} pages ({string.Join(", ", sets.Select(s => $"{s.Set.Name} {s.Html.Length}"))}), {mb:F1} MB of HTML (decoded, UTF-8)");

        // Ours: one warm-up pass (JIT, caches), then one timed pass on one core, then all cores.
        foreach (var h in all) HtmlExtractor.Extract(h);
        var ours = new string[all.Length];
        var sw = Stopwatch.StartNew();
        // One-core rates count the measuring thread's CPU time: other work on a shared machine does not distort them.
        double cpu0 = ThreadCpu.Seconds();
        for (int i = 0; i < all.Length; i++) ours[i] = HtmlExtractor.Extract(all[i]).Text;
        double oursSeconds = sw.Elapsed.TotalSeconds;
        double oursCpu = ThreadCpu.Seconds() - cpu0;
        sw.Restart();
        Parallel.For(0, all.Length, i => HtmlExtractor.Extract(all[i]));
        double parallelSeconds = sw.Elapsed.TotalSeconds;
        double oursRate = all.Length / oursCpu;
        Say($"storyline {HtmlExtractionStage.Id}: 1 core {oursRate:F0} pages/s by thread CPU time ({all.Length / oursSeconds:F0} by wall time), {mb / oursCpu:F1} MB/s; {Environment.ProcessorCount} cores {all.Length / parallelSeconds:F0} pages/s by wall time, x{oursSeconds / parallelSeconds:F2} one core's wall time (parse + extract, after warm-up; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
        var oursScores = Score(sets, ours);
        Say($"storyline F1: {Describe(oursScores, withTest: true)}");

        // SmartReader: the .NET Readability port, in process.
        var smart = RunInProcess(all, SmartReaderText, Math.Min(options.PeerWarmupPages, all.Length), out double smartRate);
        var smartScores = Score(sets, smart);
        Say($"peer SmartReader 0.11.1 (in process): 1 core {smartRate:F0} pages/s by thread CPU time; F1: {Describe(smartScores, withTest: false)}; ours/peer speed x{oursRate / smartRate:F2}, F1 {Deltas(oursScores, smartScores)}");
        if (options.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["pages"] = all.Length,
                ["pages_per_s"] = Math.Round(oursRate, 1),
                ["smartreader_pages_per_s"] = Math.Round(smartRate, 1),
                ["speed_ratio_smartreader"] = Math.Round(oursRate / smartRate, 3),
                ["two_core_pages_per_s"] = Math.Round(all.Length / parallelSeconds, 1),
                ["f1_scrapinghub"] = Math.Round(oursScores[0].F1, 4),
                ["f1_trafilatura_eval"] = Math.Round(oursScores[1].F1, 4),
            }));
            return;
        }

        if (options.Peers) RunExternalPeers(output, options, sets, all, oursRate, oursScores);

        // trafilatura cannot be installed here: its published figures, and its shipped predictions scored by us.
        Say($"trafilatura (not installable here): published F1 0.958 on all 181 scrapinghub pages (2.0.0, upstream README) and 0.924 on the 990 trafilatura-eval documents (2.2.0 standard, docs/evaluation.rst; in-sample: trafilatura is tuned on that corpus)");
        var sh = sets[0].Set;
        foreach (var peer in ExtractionEvaluator.LoadPeerOutputs(sh.Directory)
                     .Where(p => p.System is "trafilatura" or "go_trafilatura" or "rs_trafilatura" or "readability" or "readability_js"))
        {
            var r = ExtractionEvaluator.Score(sh, peer.Predictions);
            Say($"shipped predictions {peer.System} {peer.Version} on {sh.Name} ({r.Documents} pages) scored by our scorer: F1 {r.F1:F3} (P {r.Precision:F3} R {r.Recall:F3}); test part {r.Test?.F1:F3}; storyline minus peer {oursScores[0].F1 - r.F1:+0.000;-0.000}");
        }
    }

    private static string SmartReaderText(string html)
    {
        try
        {
            using var reader = new SmartReader.Reader("https://localhost/", html);
            var article = reader.GetArticle();
            return article.IsReadable ? article.TextContent ?? "" : "";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return "";
        }
    }

    private static string[] RunInProcess(string[] pages, Func<string, string> extract, int warmup, out double pagesPerSecond)
    {
        for (int i = 0; i < warmup; i++) extract(pages[i]);
        var outputs = new string[pages.Length];
        double cpu0 = ThreadCpu.Seconds();
        for (int i = 0; i < pages.Length; i++) outputs[i] = extract(pages[i]);
        pagesPerSecond = pages.Length / (ThreadCpu.Seconds() - cpu0);
        return outputs;
    }

    /// <summary>Scores outputs given in page order over all sets (the sets' pages concatenated).</summary>
    private static List<ExtractionEvalResult> Score(List<LoadedSet> sets, IReadOnlyList<string?> outputs)
    {
        var results = new List<ExtractionEvalResult>();
        int offset = 0;
        foreach (var s in sets)
        {
            var preds = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (int i = 0; i < s.Html.Length; i++) preds[s.Set.Pages[i].Id] = outputs[offset + i];
            results.Add(ExtractionEvaluator.Score(s.Set, preds));
            offset += s.Html.Length;
        }
        return results;
    }

    private static string Describe(List<ExtractionEvalResult> results, bool withTest)
        => string.Join(" | ", results.Select(r => string.Create(Inv,
            $"{r.Set} {r.F1:F3} (P {r.Precision:F3} R {r.Recall:F3}{(withTest && r.Test is not null ? $"; TEST part {r.Test.F1:F3}" : "")})")));

    private static string Deltas(List<ExtractionEvalResult> ours, List<ExtractionEvalResult> peer)
        => string.Join(" / ", ours.Zip(peer).Select(p => string.Create(Inv, $"{p.First.F1 - p.Second.F1:+0.000;-0.000}")));

    private static void RunExternalPeers(TextWriter output, ExtractionBenchOptions options, List<LoadedSet> sets, string[] all,
        double oursRate, List<ExtractionEvalResult> oursScores)
    {
        void Say(FormattableString s) => output.WriteLine("extraction: " + s.ToString(Inv));
        string? peersDir = RepoPaths.RepoRoot is { } repo ? Path.Combine(repo, "bench", "peers") : null;
        if (peersDir is null || !Directory.Exists(peersDir))
        {
            Say($"peer unavailable: readability-lxml, mozilla-readability: bench/peers/ not found");
            return;
        }
        if (options.InstallPeers)
        {
            var (code, stdout, stderr) = Exec("bash", [Path.Combine(peersDir, "install.sh")], peersDir, TimeSpan.FromMinutes(10));
            foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)) Say($"{line}");
            if (code != 0) Say($"peer install script exited {code}: {stderr.Trim()}");
        }

        // The same decoded pages for every peer: one UTF-8 file each, listed in a manifest.
        var work = Directory.CreateTempSubdirectory("storyline-bench-extraction-");
        try
        {
            var manifestPages = new List<object>();
            for (int i = 0; i < all.Length; i++)
            {
                string path = Path.Combine(work.FullName, $"{i:D5}.html");
                File.WriteAllText(path, all[i], new UTF8Encoding(false));
                manifestPages.Add(new { id = i.ToString(Inv), path });
            }
            string manifest = Path.Combine(work.FullName, "manifest.json");
            File.WriteAllText(manifest, JsonSerializer.Serialize(new { warmup = Math.Min(options.PeerWarmupPages, all.Length), pages = manifestPages }));

            var peers = new (string Name, string Exe, string Script)[]
            {
                ("readability-lxml", "/usr/bin/python3", "readability_lxml.py"),
                ("mozilla-readability", "node", "mozilla_readability.mjs"),
            };
            foreach (var (name, exe, script) in peers)
            {
                string outFile = Path.Combine(work.FullName, name + ".json");
                var (code, stdout, stderr) = Exec(exe, [Path.Combine(peersDir, script), manifest, outFile], peersDir, options.PeerTimeout);
                if (code != 0 || !File.Exists(outFile))
                {
                    string reason = code == TimedOut ? $"timed out after {options.PeerTimeout.TotalMinutes:F0} min" : FirstLine(stderr) ?? $"exit code {code}";
                    Say($"peer unavailable: {name}: {reason}");
                    continue;
                }
                using var json = JsonDocument.Parse(File.ReadAllBytes(outFile));
                var root = json.RootElement;
                double rate = root.GetProperty("pages_per_s").GetDouble();
                string version = root.GetProperty("version").GetString() ?? "";
                var outputs = new string?[all.Length];
                foreach (var p in root.GetProperty("outputs").EnumerateObject())
                    outputs[int.Parse(p.Name, Inv)] = p.Value.GetString();
                var scores = Score(sets, outputs);
                Say($"peer {name} {version}: 1 core {rate:F1} pages/s; F1: {Describe(scores, withTest: false)}; ours/peer speed x{oursRate / rate:F1}, F1 {Deltas(oursScores, scores)}");
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private const int TimedOut = -1;

    private static string? FirstLine(string s) => s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();

    /// <summary>Runs a process, returning its exit code (<see cref="TimedOut"/> when stopped), stdout and stderr.</summary>
    private static (int Code, string Stdout, string Stderr) Exec(string exe, string[] args, string cwd, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(exe) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        try { p = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception ex) { return (127, "", $"{exe} not found: {ex.Message}"); }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeout))
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
                return (TimedOut, stdout.Result, stderr.Result);
            }
            p.WaitForExit();
            return (p.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
