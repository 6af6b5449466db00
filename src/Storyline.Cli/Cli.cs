using System.CommandLine;
using System.Globalization;
using System.Text;
using Storyline.Core;
using Storyline.Core.Storage;
using Storyline.Engine;
using Storyline.Engine.Views;

namespace Storyline.Cli;

/// <summary>A usage error found while running a command (bad id, bad option value): exit 2 with its own code.</summary>
public sealed class UsageException(string message, ErrorCode code = ErrorCode.SL5001) : Exception(message)
{
    public ErrorCode Code { get; } = code;
}

/// <summary>Options every command shares, and the small helpers commands use to talk to the user.</summary>
public static class Cli
{
    public static readonly Option<string?> Db = new("--db")
    {
        Description = "Database: a SQLite file (default ./storyline.db, or $STORYLINE_DB) or a PostgreSQL connection string. " +
                      "Only 'ingest' creates it; the other commands answer 'not found' (exit 4) when it does not exist.",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON on stdout instead of text; errors too, as {\"error\": {\"code\", \"message\"}}.",
        Recursive = true,
    };

    /// <summary>
    /// True when the command line asked for --json (before any '--'). Set once by Program from the raw
    /// arguments, so even a command line that does not parse answers in JSON.
    /// </summary>
    public static bool JsonRequested { get; set; }

    /// <summary>True when stdout is a terminal (progress bars, colours); false in pipes and scripts.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    /// <summary>Opens an existing store; a missing one is "not found" (SL4005). Only ingest passes <paramref name="create"/>.</summary>
    public static IDocumentStore OpenStore(ParseResult r, bool create = false) =>
        StoreFactory.Open(StoreFactory.Resolve(r.GetValue(Db)), create);

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonOutput.Serialize(value));

    /// <summary>Reports a failure: a human line on stderr (escaped) and, under --json, {"error": {code, message}} on stdout.</summary>
    public static int Error(string message, int exitCode, ErrorCode code)
    {
        Console.Error.WriteLine($"storyline: {Safe(message)}");
        if (JsonRequested)
            WriteJson(new { error = new { code = code.ToString(), message } });
        return exitCode;
    }

    /// <summary>Reports a failure with the error code that goes with the exit code.</summary>
    public static int Error(string message, int exitCode) => Error(message, exitCode, DefaultCode(exitCode));

    private static ErrorCode DefaultCode(int exitCode) => exitCode switch
    {
        ExitCodes.Usage => ErrorCode.SL5001,
        ExitCodes.NotFound => ErrorCode.SL4004,
        ExitCodes.Database => ErrorCode.SL4001,
        _ => ErrorCode.SL0001,
    };

    /// <summary>Runs a command body, turning known failures into a clear message and the right exit code.</summary>
    public static int Run(Func<int> body)
    {
        try { return body(); }
        catch (Exception ex) { return Fail(ex); }
    }

    /// <summary>The one place an exception becomes a message and an exit code; no stack trace unless STORYLINE_DEBUG is set.</summary>
    public static int Fail(Exception ex)
    {
        if (Environment.GetEnvironmentVariable("STORYLINE_DEBUG") is { Length: > 0 }) Console.Error.WriteLine(ex);
        return ex switch
        {
            UsageException u => Error(u.Message, ExitCodes.Usage, u.Code),
            StorylineException s when s.Code is ErrorCode.SL4001 => Error($"error {s.Code}: {s.Message}", ExitCodes.Database, s.Code),
            StorylineException s when s.Code is ErrorCode.SL1008 or ErrorCode.SL4004 or ErrorCode.SL4005 =>
                Error($"error {s.Code}: {s.Message}", ExitCodes.NotFound, s.Code),
            ModelNotFoundException m => Error($"error {ErrorCode.SL1008}: {m.Message}", ExitCodes.NotFound, ErrorCode.SL1008),
            StorylineException s => Error($"error {s.Code}: {s.Message}", ExitCodes.InternalError, s.Code),
            Microsoft.Data.Sqlite.SqliteException s => Error($"database error: {s.Message}", ExitCodes.Database, ErrorCode.SL4001),
            Npgsql.NpgsqlException s => Error($"database error: {s.Message}", ExitCodes.Database, ErrorCode.SL4001),
            OperationCanceledException => Error("cancelled", ExitCodes.InternalError, ErrorCode.SL0001),
            _ => Error($"internal error ({ex.GetType().Name}): {ex.Message} — this is a bug; run with STORYLINE_DEBUG=1 for details",
                ExitCodes.InternalError, ErrorCode.SL0001),
        };
    }

    /// <summary>An id argument: text, so that a bad value gets a human message (SL5002) instead of a parser's type name.</summary>
    public static Argument<string> IdArgument(string name, string description) => new(name) { Description = description };

    /// <summary>Parses an id: a positive whole number, or a usage error naming what it should be and where ids are listed.</summary>
    public static long ParseId(string? raw, string what, string listCommand)
    {
        if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return id;
        throw new UsageException($"'{raw}' is not a {what} id (a positive whole number, as listed by '{listCommand}')", ErrorCode.SL5002);
    }

    /// <summary>
    /// Text for a terminal, on one line: control characters (ESC, CR, LF, BEL, C1), bidi overrides and other invisible
    /// format characters are shown as escapes (\e, \r, \u202E), so a file name or title cannot move the cursor,
    /// recolour the terminal or reorder what the user reads.
    /// </summary>
    public static string Safe(string? s) => Escape(s, keepLines: false);

    /// <summary>Like <see cref="Safe"/> for multi-line text (a document's body): newlines and tabs stay.</summary>
    public static string SafeText(string? s) => Escape(s, keepLines: true);

    /// <summary><see cref="Safe"/>, then escaped for Spectre markup (tables).</summary>
    public static string Markup(string? s) => Spectre.Console.Markup.Escape(Safe(s));

    private static string Escape(string? s, bool keepLines)
    {
        if (string.IsNullOrEmpty(s)) return s ?? "";
        int i = 0;
        while (i < s.Length && !NeedsEscape(s, i, keepLines)) i++;
        if (i == s.Length) return s;
        var sb = new StringBuilder(s.Length + 16).Append(s, 0, i);
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { sb.Append(c).Append(s[++i]); continue; }
            if (!NeedsEscape(s, i, keepLines)) { sb.Append(c); continue; }
            sb.Append(c switch
            {
                '\x1B' => "\\e",
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                '\a' => "\\a",
                '\b' => "\\b",
                '\f' => "\\f",
                '\v' => "\\v",
                '\0' => "\\0",
                _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(string s, int i, bool keepLines)
    {
        char c = s[i];
        if (keepLines && (c == '\n' || c == '\t')) return false;
        if (c < ' ' || (c >= '\x7F' && c <= '\x9F')) return true;
        if (char.IsSurrogate(c))
            return char.IsHighSurrogate(c) ? !(i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) : !(i > 0 && char.IsHighSurrogate(s[i - 1]));
        // Bidi marks, embeddings, overrides and isolates; line/paragraph separators; zero-width characters and BOM.
        return c is '\u061C' or '\u200B' or '\u200E' or '\u200F' or '\u2028' or '\u2029' or '\u2060' or '\uFEFF'
            || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
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
