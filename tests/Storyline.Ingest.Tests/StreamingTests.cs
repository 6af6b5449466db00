using System.Globalization;
using System.Text;

namespace Storyline.Ingest.Tests;

/// <summary>
/// Containers stream: the live heap stays flat however large the input. Size is kept modest so the suite stays
/// fast; set STORYLINE_STREAM_TEST_MB=200 to run the full-size check.
/// </summary>
[Collection(nameof(MemoryCollection))]
public class StreamingTests
{
    private static long TargetBytes =>
        (long.TryParse(Environment.GetEnvironmentVariable("STORYLINE_STREAM_TEST_MB"), NumberStyles.None, CultureInfo.InvariantCulture, out var mb) ? mb : 24) * 1024 * 1024;

    /// <summary>Live heap growth allowed while streaming (a few items plus buffers), far below the input size.</summary>
    private const long MaxLiveGrowth = 4 * 1024 * 1024;

    private static readonly string Body = string.Concat(Enumerable.Repeat("Water levels kept rising along the river banks. ", 20));

    [Fact]
    public void Jsonl_Large_StreamsWithFlatMemory() =>
        AssertFlat("big.jsonl", i => $"{{\"title\":\"Story {i}\",\"text\":\"{Body}\",\"n\":{i}}}\n", "", "");

    [Fact]
    public void Feed_Large_StreamsWithFlatMemory() =>
        AssertFlat("big.rss", i => $"<item><title>Story {i}</title><link>https://x.example/{i}</link><description>{Body}</description></item>\n",
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>\n", "</channel></rss>\n");

    [Fact]
    public void Warc_Large_StreamsWithFlatMemory() =>
        AssertFlat("big.warc", i => Encoding.ASCII.GetString(WarcTests.Record("response", $"https://x.example/{i}",
            WarcTests.Http("text/html", Encoding.ASCII.GetBytes($"<html><body><p>{Body}</p></body></html>")), id: i.ToString(CultureInfo.InvariantCulture))), "", "");

    private static void AssertFlat(string name, Func<int, string> item, string header, string footer)
    {
        using var t = new TempDir();
        var path = Path.Combine(t.Path, name);
        int count = 0;
        using (var w = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            w.Write(header);
            long written = 0;
            while (written < TargetBytes)
            {
                var s = item(count++);
                w.Write(s);
                written += s.Length;
            }
            w.Write(footer);
        }
        long baseline = GC.GetTotalMemory(true), peak = 0;
        int read = 0;
        foreach (var r in new DocumentReader().Read([path]))
        {
            Assert.Null(r.Error);
            if (++read % 2500 == 0) peak = Math.Max(peak, GC.GetTotalMemory(true) - baseline);
        }
        Assert.Equal(count, read);
        Assert.True(peak < MaxLiveGrowth, $"live heap grew by {peak} bytes while streaming {new FileInfo(path).Length} bytes");
    }
}

/// <summary>Memory measurements see the whole process heap: run them alone, not beside other tests.</summary>
[CollectionDefinition(nameof(MemoryCollection), DisableParallelization = true)]
public sealed class MemoryCollection;
