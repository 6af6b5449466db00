using System.Runtime.CompilerServices;

namespace Storyline.Stories.Tests;

internal static class TestSetup
{
    /// <summary>
    /// Builds may put the test binaries outside the repository (STORYLINE_ARTIFACTS), where RepoPaths cannot
    /// find models/ by walking up; point it at the repository this source file lives in.
    /// </summary>
    [ModuleInitializer]
    internal static void Init() => Locate();

    private static void Locate([CallerFilePath] string path = "")
    {
        if (Environment.GetEnvironmentVariable("STORYLINE_SHARED") is not { Length: > 0 })
            for (var d = new DirectoryInfo(Path.GetDirectoryName(path)!); d is not null; d = d.Parent)
                if (Directory.Exists(Path.Combine(d.FullName, "shared", "data")))
                {
                    Environment.SetEnvironmentVariable("STORYLINE_SHARED", Path.Combine(d.FullName, "shared"));
                    break;
                }
        if (Environment.GetEnvironmentVariable("STORYLINE_MODELS") is { Length: > 0 }) return;
        for (var d = new DirectoryInfo(Path.GetDirectoryName(path)!); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Directory.Build.props")) && Directory.Exists(Path.Combine(d.FullName, "models")))
            {
                Environment.SetEnvironmentVariable("STORYLINE_MODELS", Path.Combine(d.FullName, "models"));
                return;
            }
    }

    /// <summary>The repository's eval/floors/stories.json.</summary>
    public static string Floors([CallerFilePath] string path = "")
    {
        for (var d = new DirectoryInfo(Path.GetDirectoryName(path)!); d is not null; d = d.Parent)
        {
            var f = Path.Combine(d.FullName, "eval", "floors", "stories.json");
            if (File.Exists(f)) return f;
        }
        throw new FileNotFoundException("eval/floors/stories.json");
    }
}
