using System.Runtime.CompilerServices;
using Storyline.Core;

namespace Storyline.Cleaning.Tests;

/// <summary>
/// Locates the repository from this source file, so tests also run when build output lives outside the
/// repository (STORYLINE_ARTIFACTS=/tmp/...), where <see cref="RepoPaths"/> cannot walk up to it.
/// </summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = Path.GetFullPath(Path.Combine(Here(), "..", ".."));

    private static string Here([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;

    [ModuleInitializer]
    internal static void Init()
    {
        // The working directory may change after start-up, so do not rely on RepoPaths' walk-up here.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("STORYLINE_MODELS")))
            Environment.SetEnvironmentVariable("STORYLINE_MODELS", Path.Combine(RepoRoot, "models"));
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("STORYLINE_SHARED")) && Directory.Exists(Path.Combine(RepoRoot, "..", "shared", "data")))
            Environment.SetEnvironmentVariable("STORYLINE_SHARED", Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared")));
    }
}
