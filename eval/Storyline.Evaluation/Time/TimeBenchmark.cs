using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Storyline.Time.Evaluation;

/// <summary>Throughput of the tagger on one thread (tokenize, find, resolve).</summary>
public sealed record TimeBenchmarkResult
{
    [JsonPropertyName("documents")] public int Documents { get; init; }
    [JsonPropertyName("avg_chars")] public double AverageChars { get; init; }
    [JsonPropertyName("passes")] public int Passes { get; init; }
    [JsonPropertyName("wall_seconds")] public double WallSeconds { get; init; }
    /// <summary>Process CPU time spent while measuring (the work runs on one thread; GC is included).</summary>
    [JsonPropertyName("cpu_seconds")] public double CpuSeconds { get; init; }
    /// <summary>Documents per CPU second.</summary>
    [JsonPropertyName("docs_per_second")] public double DocsPerSecond { get; init; }
    [JsonPropertyName("chars_per_second")] public double CharsPerSecond { get; init; }
    /// <summary>Throughput in "typical articles" of <see cref="TimeBenchmark.TypicalArticleChars"/> characters.</summary>
    [JsonPropertyName("articles_per_second")] public double ArticlesPerSecond { get; init; }
}

/// <summary>Measures tagging speed on real documents after a warm-up (the JIT needs a few passes to settle).</summary>
public static class TimeBenchmark
{
    /// <summary>A typical news article body: about 700 words.</summary>
    public const int TypicalArticleChars = 4000;

    public static TimeBenchmarkResult Run(IReadOnlyList<GoldDocument> docs, TimeSpan duration, TimeSpan? warmup = null)
    {
        ArgumentNullException.ThrowIfNull(docs);
        if (docs.Count == 0) throw new ArgumentException("no documents", nameof(docs));
        long chars = docs.Sum(d => (long)d.Text.Length);
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < (warmup ?? TimeSpan.FromSeconds(2)))
            foreach (var d in docs) TimeExpressionTagger.Tag(d.Text, d.Anchor);

        var proc = Process.GetCurrentProcess();
        proc.Refresh();
        var cpu0 = proc.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        int passes = 0;
        while (sw.Elapsed < duration || passes == 0)
        {
            foreach (var d in docs) TimeExpressionTagger.Tag(d.Text, d.Anchor);
            passes++;
        }
        sw.Stop();
        proc.Refresh();
        double cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
        double secs = cpu > 0 ? cpu : sw.Elapsed.TotalSeconds;
        return new TimeBenchmarkResult
        {
            Documents = docs.Count,
            AverageChars = (double)chars / docs.Count,
            Passes = passes,
            WallSeconds = sw.Elapsed.TotalSeconds,
            CpuSeconds = cpu,
            DocsPerSecond = passes * docs.Count / secs,
            CharsPerSecond = passes * chars / secs,
            ArticlesPerSecond = passes * chars / secs / TypicalArticleChars,
        };
    }
}
