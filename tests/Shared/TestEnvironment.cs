using System.Runtime.CompilerServices;

namespace Storyline;

/// <summary>
/// Build output may live outside the repository (STORYLINE_ARTIFACTS), so the working directory does not
/// lead back to models/ and ../shared/data. Point RepoPaths at them from this source file's location,
/// unless the environment already does. Compiled into every test project (Directory.Build.targets).
/// </summary>
internal static class TestEnvironment
{
    [ModuleInitializer]
    internal static void Init() => Init(SourceFile());

    private static string SourceFile([CallerFilePath] string path = "") => path;

    private static void Init(string sourceFile)
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!);
        for (var d = dir; d is not null; d = d.Parent)
        {
            if (!File.Exists(Path.Combine(d.FullName, "Directory.Build.props")) || !Directory.Exists(Path.Combine(d.FullName, "models"))) continue;
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("STORYLINE_MODELS")))
                Environment.SetEnvironmentVariable("STORYLINE_MODELS", Path.Combine(d.FullName, "models"));
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("STORYLINE_SHARED"))
                && d.Parent is { } parent && Directory.Exists(Path.Combine(parent.FullName, "shared", "data")))
                Environment.SetEnvironmentVariable("STORYLINE_SHARED", Path.Combine(parent.FullName, "shared"));
            return;
        }
    }

    /// <summary>The repository root (where gold files and eval/floors live).</summary>
    public static string RepoRoot
    {
        get
        {
            for (var d = new DirectoryInfo(Path.GetDirectoryName(SourceFile())!); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "Directory.Build.props")) && Directory.Exists(Path.Combine(d.FullName, "models")))
                    return d.FullName;
            throw new DirectoryNotFoundException("repository root not found from " + SourceFile());
        }
    }
}
