using System.Diagnostics;
using System.Text.Json;

namespace Storyline.Cli.Tests;

/// <summary>Runs the real ./storyline script at the repository root, the way users and scripts do.</summary>
public static class StorylineProcess
{
    /// <summary>The repository root, found from the sources (build output may live outside the repository).</summary>
    public static readonly string Root = TestEnvironment.RepoRoot;

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public JsonElement Json
        {
            get
            {
                try { return JsonDocument.Parse(Stdout).RootElement; }
                catch (JsonException e) { throw new InvalidOperationException($"stdout is not JSON (exit {ExitCode}): {e.Message}\nstderr: {Stderr}", e); }
            }
        }

        /// <summary>Asserts the exit code and shows stderr when it differs, so a failure explains itself.</summary>
        public Result AssertExit(int expected)
        {
            if (ExitCode != expected)
                Assert.Fail($"exit code {ExitCode}, expected {expected}\nstderr: {Stderr}\nstdout: {(Stdout.Length > 2000 ? Stdout[..2000] : Stdout)}");
            return this;
        }
    }

    /// <summary>Runs with <paramref name="stdin"/> piped in. A separate name: an overload taking (db, stdin, params args) silently swallowed the command name.</summary>
    public static Result RunWithInput(string db, string? stdin, params string[] args) => Start(Root, db, stdin, args);

    /// <summary>Runs from another working directory (relative paths, names that start with '-'); a null db adds no --db.</summary>
    public static Result RunIn(string workingDirectory, string? db, params string[] args) => Start(workingDirectory, db, null, args);

    /// <summary>Runs with the models folder overridden (STORYLINE_MODELS), e.g. an empty one to check the missing-model error.</summary>
    public static Result RunWithModels(string db, string modelsFolder, params string[] args) => Start(Root, db, null, args, modelsFolder);

    private static Result Start(string workingDirectory, string? db, string? stdin, string[] args, string? modelsFolder = null)
    {
        var psi = Storyline.Testing.CliStartInfo.Create(Root, workingDirectory, args);
        if (modelsFolder is not null) psi.Environment["STORYLINE_MODELS"] = modelsFolder;
        if (db is not null)
        {
            psi.ArgumentList.Add("--db");
            psi.ArgumentList.Add(db);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        // a hang guard, not a speed test
        if (!p.WaitForExit(TimeSpan.FromMinutes(20))) { p.Kill(true); throw new TimeoutException("storyline " + string.Join(' ', args)); }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    public static Result Run(string db, params string[] args) => RunWithInput(db, null, args);
}
