namespace Storyline.Core;

/// <summary>
/// Finds the repository's committed models and the shared data folder without configuration:
/// environment variables first (STORYLINE_MODELS, STORYLINE_SHARED), then walking up from the
/// working directory and from the executable's directory.
/// </summary>
public static class RepoPaths
{
    /// <summary>The committed models folder (repository root/models).</summary>
    public static string Models => Environment.GetEnvironmentVariable("STORYLINE_MODELS") is { Length: > 0 } m
        ? m : Path.Combine(RepoRoot ?? AppContext.BaseDirectory, "models");

    /// <summary>Path of one model file in <see cref="Models"/>.</summary>
    public static string Model(string fileName) => Path.Combine(Models, fileName);

    /// <summary>The shared data folder (../shared/data beside the repository), or null when absent.</summary>
    public static string? SharedData
    {
        get
        {
            if (Environment.GetEnvironmentVariable("STORYLINE_SHARED") is { Length: > 0 } s)
                return Path.Combine(s, "data");
            foreach (var start in Starts())
                for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                {
                    var cand = Path.Combine(d.FullName, "shared", "data");
                    if (Directory.Exists(cand)) return cand;
                }
            return null;
        }
    }

    /// <summary>The repository root: the nearest folder upwards holding Directory.Build.props and models/.</summary>
    public static string? RepoRoot
    {
        get
        {
            foreach (var start in Starts())
                for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                    if (File.Exists(Path.Combine(d.FullName, "Directory.Build.props")) && Directory.Exists(Path.Combine(d.FullName, "models")))
                        return d.FullName;
            return null;
        }
    }

    /// <summary>A path inside the shared data folder; throws a clear error if it is missing.</summary>
    public static string Data(params string[] parts)
    {
        var root = SharedData ?? throw new DirectoryNotFoundException(
            "shared data folder not found: put ../shared beside the repository or set STORYLINE_SHARED");
        return Path.Combine([root, .. parts]);
    }

    private static IEnumerable<string> Starts() => [Directory.GetCurrentDirectory(), AppContext.BaseDirectory];
}
