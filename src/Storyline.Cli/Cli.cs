using System.CommandLine;
using Storyline.Core;
using Storyline.Core.Storage;
using Storyline.Engine;
using Storyline.Engine.Views;

namespace Storyline.Cli;

/// <summary>Options every command shares, and the small helpers commands use to talk to the user.</summary>
public static class Cli
{
    public static readonly Option<string?> Db = new("--db")
    {
        Description = "Database: a SQLite file (default ./storyline.db, or $STORYLINE_DB) or a PostgreSQL connection string.",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON on stdout instead of text.",
        Recursive = true,
    };

    /// <summary>True when stdout is a terminal (progress bars, colours); false in pipes and scripts.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    public static IDocumentStore OpenStore(ParseResult r) => StoreFactory.Open(StoreFactory.Resolve(r.GetValue(Db)));

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonOutput.Serialize(value));

    public static int Error(string message, int code)
    {
        Console.Error.WriteLine($"storyline: {message}");
        return code;
    }

    /// <summary>Runs a command body, turning known failures into a clear message and the right exit code.</summary>
    public static int Run(Func<int> body)
    {
        try { return body(); }
        catch (StorylineException ex) when (ex.Code is ErrorCode.SL4001)
        { return Error($"error {ex.Code}: {ex.Message}", ExitCodes.Database); }
        catch (StorylineException ex) when (ex.Code is ErrorCode.SL1008 or ErrorCode.SL4004)
        { return Error($"error {ex.Code}: {ex.Message}", ExitCodes.NotFound); }
        catch (StorylineException ex)
        { return Error($"error {ex.Code}: {ex.Message}", ExitCodes.InternalError); }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        { return Error($"database error: {ex.Message}", ExitCodes.Database); }
        catch (OperationCanceledException)
        { return Error("cancelled", ExitCodes.InternalError); }
    }

    /// <summary>Builds a command whose help ends with worked examples.</summary>
    public static Command NewCommand(string name, string description, params string[] examples)
    {
        var text = description;
        if (examples.Length > 0)
            text += "\n\nExamples:\n" + string.Join("\n", examples.Select(e => "  " + e));
        return new Command(name, text);
    }
}
