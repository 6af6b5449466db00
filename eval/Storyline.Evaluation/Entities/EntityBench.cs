using System.Diagnostics;
using System.Runtime.InteropServices;
using Storyline.Core;

namespace Storyline.Entities.Evaluation;

/// <summary>CPU cost of the entity + place stages per document and the gazetteer's load cost and heap size.</summary>
public sealed record EntityBenchResult(int Documents, double CpuMsPerDocument, double DocumentsPerCpuSecond,
    double GazetteerLoadMs, double GazetteerHeapMb)
{
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Documents} documents: {CpuMsPerDocument:F3} CPU-ms/doc ({DocumentsPerCpuSecond:F0} docs per CPU-second, one thread); " +
        $"gazetteer load {GazetteerLoadMs:F0} ms, {GazetteerHeapMb:F1} MB managed heap");
}

/// <summary>
/// Measures on one thread with the thread's own CPU clock (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), so figures
/// hold on a busy machine; falls back to wall time elsewhere.
/// </summary>
public static class EntityBench
{
    /// <summary>Runs both stages over copies of <paramref name="documents"/> (text + mentions) <paramref name="rounds"/> times after one warm-up round.</summary>
    public static EntityBenchResult Run(IReadOnlyList<Document> documents, int rounds = 20)
    {
        long before = GC.GetTotalMemory(true);
        var sw = Stopwatch.StartNew();
        var gaz = Geo.Gazetteer.Load(RepoPaths.Model(Geo.Gazetteer.ModelFileName));
        double loadMs = sw.Elapsed.TotalMilliseconds;
        long after = GC.GetTotalMemory(true);
        double heapMb = (after - before) / (1024.0 * 1024.0);

        var es = new EntityStage(new EntityOptions { Gazetteer = gaz });
        var ps = new PlaceStage(new PlaceOptions { Gazetteer = gaz });
        void Once()
        {
            foreach (var d in documents)
            {
                var copy = new Document { Origin = d.Origin, Text = d.Text };
                copy.Mentions.AddRange(d.Mentions.Where(m => !m.Nominal));
                es.Process(copy);
                ps.Process(copy);
            }
        }
        Once();
        double t0 = ThreadCpuMs();
        for (int r = 0; r < rounds; r++) Once();
        double cpu = ThreadCpuMs() - t0;
        int n = documents.Count * rounds;
        GC.KeepAlive(gaz);
        return new EntityBenchResult(n, cpu / n, n / (cpu / 1000.0), loadMs, heapMb);
    }

    /// <summary>This thread's CPU time in milliseconds (wall time where the clock is unavailable).</summary>
    public static double ThreadCpuMs() => ThreadCpu.Milliseconds();
}
