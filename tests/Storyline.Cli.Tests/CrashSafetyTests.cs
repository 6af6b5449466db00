using System.Diagnostics;
using static Storyline.Cli.Tests.StorylineProcess;

namespace Storyline.Cli.Tests;

/// <summary>A killed ingest loses no committed batch, and a re-run completes the rest without duplicates.</summary>
public sealed class CrashSafetyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-kill-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void KilledIngest_KeepsCommittedBatches_AndRerunAddsOnlyTheRest()
    {
        var corpus = Path.Combine(_dir, "corpus");
        Directory.CreateDirectory(corpus);
        const int N = 3000;
        for (int i = 0; i < N; i++)
            File.WriteAllText(Path.Combine(corpus, $"d{i:D5}.txt"),
                $"Council report {i}\n\nThe council approved plan number {i} on Tuesday after a long debate about roads and schools. " +
                $"Members said the plan, the {i}th of its kind, would take effect next year.");
        var db = Path.Combine(_dir, "k.db");

        var psi = new ProcessStartInfo(Path.Combine(Root, "storyline")) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "ingest", corpus, "--db", db }) psi.ArgumentList.Add(a);
        using (var p = Process.Start(psi)!)
        {
            p.StandardOutput.ReadToEndAsync();
            p.StandardError.ReadToEndAsync();
            // Kill once the first batches are committed (the WAL file grows), well before the end.
            var sw = Stopwatch.StartNew();
            while (!p.HasExited && sw.Elapsed < TimeSpan.FromMinutes(2) && !(File.Exists(db + "-wal") && new FileInfo(db + "-wal").Length > 200_000))
                Thread.Sleep(20);
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }

        var afterKill = Run(db, "docs", "--json", "--limit", "1");
        afterKill.AssertExit(0);
        long stored = afterKill.Json.GetProperty("total").GetInt64();
        Assert.True(stored > 0, "committed batches must survive the kill");

        var rerun = Run(db, "ingest", corpus, "--json").Json;
        Assert.Equal(0, rerun.GetProperty("failed").GetInt32());
        Assert.Equal(N, rerun.GetProperty("new").GetInt32() + rerun.GetProperty("duplicates").GetInt32());
        Assert.Equal(stored, rerun.GetProperty("duplicates").GetInt32());
        Assert.Equal(N, Run(db, "docs", "--json", "--limit", "1").Json.GetProperty("total").GetInt64());
    }
}
