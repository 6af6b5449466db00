namespace Storyline.Core;

/// <summary>
/// Development paths for training, evaluation and tests: the repository's committed models (where
/// <c>./storyline train …</c> writes), eval/ and the shared data folder. Environment variables first
/// (STORYLINE_REPO, STORYLINE_MODELS, STORYLINE_SHARED), then walking up from the working directory and the
/// executable's directory. The runtime never uses this (it lives in the evaluation assembly, which the runtime does not
/// reference): it reads models through <see cref="ModelStore"/>. Keeps the Storyline.Core namespace it had in Core, so
/// the evaluators, trainers, tests and CLI commands that use it did not change.
/// </summary>
public static class RepoPaths
{
    /// <summary>The committed models folder (repository root/models), or STORYLINE_MODELS when set.</summary>
    public static string Models => Environment.GetEnvironmentVariable(ModelStore.EnvironmentVariable) is { Length: > 0 } m
        ? m : Path.Combine(RepoRoot ?? throw new DirectoryNotFoundException(
            "repository not found: run from inside the repository, or set STORYLINE_REPO or STORYLINE_MODELS"), "models");

    /// <summary>Path of one committed model file in <see cref="Models"/> (what training writes and tests compare).</summary>
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

    /// <summary>The repository root: STORYLINE_REPO, else the nearest folder upwards holding Directory.Build.props and models/.</summary>
    public static string? RepoRoot
    {
        get
        {
            if (Environment.GetEnvironmentVariable("STORYLINE_REPO") is { Length: > 0 } repo) return repo;
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

    private static IEnumerable<string> Starts() => Environment.GetEnvironmentVariable("STORYLINE_REPO") is { Length: > 0 } repo
        ? [repo, Directory.GetCurrentDirectory(), AppContext.BaseDirectory]
        : [Directory.GetCurrentDirectory(), AppContext.BaseDirectory];
}
