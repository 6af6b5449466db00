namespace Storyline.Stories.Tests;

internal static class TestSetup
{
    /// <summary>The repository's eval/floors/stories.json.</summary>
    public static string Floors() => Path.Combine(TestEnvironment.RepoRoot, "eval", "floors", "stories.json");
}
