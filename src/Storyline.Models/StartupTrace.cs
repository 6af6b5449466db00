using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Storyline.Core;

/// <summary>
/// Start-up phases logged to stderr when <c>STORYLINE_TRACE_STARTUP</c> is set: each line gives the phase, when it
/// ended (seconds since <see cref="ProcessClock"/>'s start), its wall time and the CPU time of the thread that ran it.
/// CPU time is the figure to compare on a busy machine, where wall times swing with the load. Off: one bool test.
/// </summary>
public static class StartupTrace
{
    /// <summary>Environment variable that turns the trace on.</summary>
    public const string EnvironmentVariable = "STORYLINE_TRACE_STARTUP";

    public static readonly bool Enabled = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 };

    /// <summary>Runs <paramref name="f"/> and logs its wall and thread CPU time under <paramref name="phase"/>.</summary>
    public static T Measure<T>(string phase, Func<T> f)
    {
        if (!Enabled) return f();
        long cpu0 = ThreadCpuNanoseconds();
        var sw = Stopwatch.StartNew();
        var result = f();
        Log(phase, sw.Elapsed.TotalMilliseconds, (ThreadCpuNanoseconds() - cpu0) / 1e6);
        return result;
    }

    /// <summary>Logs a point in time (no duration), with the CPU time the whole process has used so far.</summary>
    public static void Mark(string phase)
    {
        if (!Enabled) return;
        using var p = Process.GetCurrentProcess();
        Log(phase, null, p.TotalProcessorTime.TotalMilliseconds, process: true);
    }

    private static void Log(string phase, double? wallMs, double cpuMs, bool process = false) =>
        Console.Error.WriteLine(
            $"startup: {ProcessClock.SecondsSinceStart(),7:F3} s  {phase,-28}" +
            (wallMs is { } w ? $" wall {w,7:F1} ms" : "                 ") +
            $" {(process ? "process cpu" : "thread cpu")} {cpuMs,7:F1} ms");

    private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID (Linux)

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec { public long Seconds; public long Nanoseconds; }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec ts);

    private static long ThreadCpuNanoseconds()
    {
        try
        {
            if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out var ts) == 0)
                return ts.Seconds * 1_000_000_000 + ts.Nanoseconds;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
        return 0;
    }
}

/// <summary>
/// When this CLI process started. The <c>./storyline</c> wrapper execs dotnet in its own process, so the OS start time
/// would include the wrapper's work (a first build takes minutes); the wrapper passes the time it hands over in
/// <c>STORYLINE_EXEC_START</c> (Unix seconds), used when it is not older than the process itself (an inherited,
/// stale value is). Without it: the OS process start time.
/// </summary>
public static class ProcessClock
{
    /// <summary>Environment variable the wrapper sets just before it execs the CLI.</summary>
    public const string EnvironmentVariable = "STORYLINE_EXEC_START";

    private static readonly DateTime Start = ComputeStart();

    /// <summary>Seconds since the CLI started (see the class summary for what counts as the start).</summary>
    public static double SecondsSinceStart() => (DateTime.UtcNow - Start).TotalSeconds;

    private static DateTime ComputeStart()
    {
        DateTime os;
        using (var self = Process.GetCurrentProcess()) os = self.StartTime.ToUniversalTime();
        var v = Environment.GetEnvironmentVariable(EnvironmentVariable);
        // Bash's EPOCHREALTIME uses the locale's decimal mark.
        if (v is { Length: > 0 } && double.TryParse(v.Replace(',', '.'), System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out var unix))
        {
            var exec = DateTime.UnixEpoch.AddSeconds(unix);
            // Process start times have clock-tick (10 ms) resolution: allow that much slack.
            if (exec >= os.AddMilliseconds(-20) && exec <= DateTime.UtcNow) return exec;
        }
        return os;
    }
}
