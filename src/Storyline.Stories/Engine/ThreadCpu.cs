using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Storyline.Stories.Engine;

/// <summary>
/// The calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>; wall time elsewhere), so that engine costs can
/// be reported per document without counting time the thread spent waiting for a busy machine.
/// </summary>
public static class ThreadCpu
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec { public long Sec; public long Nsec; }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec ts);

    private const int ClockThreadCpuTime = 3;
    private static readonly Stopwatch Wall = Stopwatch.StartNew();
    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>This thread's CPU time in seconds.</summary>
    public static double Seconds()
    {
        if (!_unavailable)
        {
            try { if (ClockGetTime(ClockThreadCpuTime, out var ts) == 0) return ts.Sec + ts.Nsec / 1e9; }
            catch (DllNotFoundException) { _unavailable = true; }
            catch (EntryPointNotFoundException) { _unavailable = true; }
        }
        return Wall.Elapsed.TotalSeconds;
    }
}
