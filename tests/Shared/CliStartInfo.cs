using System.Diagnostics;

namespace Storyline.Testing;

/// <summary>How the end-to-end tests start <c>./storyline</c>: as a user would, without the test host's own variables.</summary>
public static class CliStartInfo
{
    /// <summary>A start info for <c>ROOT/storyline ARGS</c> run in <paramref name="workingDirectory"/>, all streams redirected.</summary>
    public static ProcessStartInfo Create(string root, string workingDirectory, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(Path.Combine(root, "storyline"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // dotnet test passes MSBuild/test-platform settings down; a user's shell has none of them.
        foreach (var key in psi.Environment.Keys.ToList())
            if (key.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("DOTNET_CLI_TEST", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("DOTNET_TEST", StringComparison.OrdinalIgnoreCase) || key.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("XUNIT", StringComparison.OrdinalIgnoreCase))
                psi.Environment.Remove(key);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }
}
