using System.Diagnostics;
using System.Text.Json;

namespace Storyline.Testing;

/// <summary>
/// Runs the real ./storyline script at the repository root and watches the child: wall time and peak resident
/// memory (VmHWM from /proc, polled; the script execs dotnet, so the pid is the CLI's). Shared by the robustness
/// tests and bench/run robustness.
/// </summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, long PeakRssBytes, bool TimedOut)
    {
        public JsonElement Json
        {
            get
            {
                try { return JsonDocument.Parse(Stdout).RootElement; }
                catch (JsonException e) { throw new InvalidOperationException($"stdout is not JSON (exit {ExitCode}): {e.Message}\nstderr: {Tail(Stderr)}", e); }
            }
        }

        public static string Tail(string s, int n = 3000) => s.Length > n ? "…" + s[^n..] : s;
    }

    /// <summary>Starts the CLI; the caller may kill it (<see cref="Process.Kill()"/> sends SIGKILL on Linux).</summary>
    public static Process Start(string root, IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var psi = CliStartInfo.Create(root, root, args);
        if (env is not null) foreach (var kv in env) psi.Environment[kv.Key] = kv.Value;
        var p = Process.Start(psi)!;
        p.StandardInput.Close();
        return p;
    }

    /// <summary>Runs to the end (or <paramref name="timeout"/>, then kills), polling peak memory.</summary>
    public static Result Run(string root, IEnumerable<string> args, TimeSpan timeout, IDictionary<string, string>? env = null)
    {
        var sw = Stopwatch.StartNew();
        using var p = Start(root, args, env);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        long peak = 0;
        bool timedOut = false;
        while (!p.WaitForExit(100))
        {
            peak = Math.Max(peak, PeakRss(p.Id));
            if (sw.Elapsed > timeout) { timedOut = true; try { p.Kill(true); } catch (InvalidOperationException) { } p.WaitForExit(); break; }
        }
        p.WaitForExit();
        return new Result(timedOut ? -1 : p.ExitCode, stdout.Result, stderr.Result, sw.Elapsed, peak, timedOut);
    }

    /// <summary>VmHWM of a live process in bytes (0 once it has exited).</summary>
    public static long PeakRss(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }
}
