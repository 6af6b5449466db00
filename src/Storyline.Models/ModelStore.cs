namespace Storyline.Core;

/// <summary>
/// Where the runtime finds its models: the <c>models/</c> folder the build copies beside the executable
/// (Directory.Build.targets), or the folder named by <c>STORYLINE_MODELS</c>. Nothing else: the runtime never
/// walks up to a repository and never trains a model; a missing file is an error naming the file and the
/// <c>./storyline train …</c> command that reproduces it.
/// </summary>
public static class ModelStore
{
    /// <summary>Environment variable that overrides the models folder.</summary>
    public const string EnvironmentVariable = ModelNotFoundException.EnvironmentVariable;

    /// <summary>The models folder in use.</summary>
    public static string Folder => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } m
        ? m : Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>Path of <paramref name="fileName"/> in <see cref="Folder"/>, whether or not it exists.</summary>
    public static string PathOf(string fileName) => Path.Combine(Folder, fileName);

    /// <summary>Path of an existing model file; throws <see cref="ModelNotFoundException"/> when it is missing.</summary>
    /// <param name="fileName">File name under models/.</param>
    /// <param name="trainCommand">The CLI command that reproduces it, e.g. "train ner".</param>
    public static string Require(string fileName, string trainCommand)
    {
        var path = PathOf(fileName);
        return File.Exists(path) ? path : throw new ModelNotFoundException(fileName, path, trainCommand);
    }

    /// <summary>
    /// A model loaded once, on first use, from <see cref="Require"/>'s path. A failure is cached and rethrown on every
    /// use, so a missing model fails each document loudly instead of being skipped.
    /// </summary>
    public static Lazy<T> Lazy<T>(string fileName, string trainCommand, Func<string, T> load) =>
        new(() => StartupTrace.Measure("load " + fileName, () => load(Require(fileName, trainCommand))), LazyThreadSafetyMode.ExecutionAndPublication);
}
