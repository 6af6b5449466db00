namespace Storyline.Core;

/// <summary>A model file the runtime needs is not in the models folder.</summary>
public sealed class ModelNotFoundException(string fileName, string path, string trainCommand)
    : FileNotFoundException(
        $"model '{fileName}' not found at {path}. Models ship with the build output (models/ beside the executable, copied from the " +
        $"repository's models/ by the build); rebuild, set {EnvironmentVariable} to a folder holding it, or reproduce it with " +
        $"`./storyline {trainCommand}`.", path)
{
    /// <summary>Environment variable naming the models folder (read by the model provider, Storyline.Models' ModelStore).</summary>
    public const string EnvironmentVariable = "STORYLINE_MODELS";

    /// <summary>The missing file's name under models/.</summary>
    public string ModelFileName { get; } = fileName;

    /// <summary>The CLI command that reproduces the file.</summary>
    public string TrainCommand { get; } = trainCommand;
}
