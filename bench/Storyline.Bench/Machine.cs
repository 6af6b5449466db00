using System.Diagnostics;

namespace Storyline.Bench;

/// <summary>What several benches ask of the machine: its load average (printed beside every figure) and the project's PostgreSQL script.</summary>
internal static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages, or "?" where /proc is missing.</summary>
    public static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }

    /// <summary>Runs scripts/postgres.sh; returns its stdout (the connection string for 'start').</summary>
    public static string PostgresScript(string root, params string[] args)
    {
        var psi = new ProcessStartInfo(Path.Combine(root, "scripts", "postgres.sh")) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"scripts/postgres.sh {string.Join(' ', args)} failed ({p.ExitCode})");
        return stdout;
    }
}
