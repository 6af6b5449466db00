namespace Storyline.Cli;

/// <summary>Exit codes are part of the CLI contract; scripts branch on them. Never renumber.</summary>
public static class ExitCodes
{
    /// <summary>Everything succeeded.</summary>
    public const int Success = 0;
    /// <summary>Unexpected internal error (a bug): the message says what.</summary>
    public const int InternalError = 1;
    /// <summary>Usage error: unknown command or option, missing or invalid argument.</summary>
    public const int Usage = 2;
    /// <summary>Some inputs failed while the rest were processed and stored.</summary>
    public const int PartialFailure = 3;
    /// <summary>A requested document, story or file does not exist.</summary>
    public const int NotFound = 4;
    /// <summary>The database cannot be opened or written.</summary>
    public const int Database = 5;
    /// <summary>Every input failed; nothing was stored.</summary>
    public const int AllFailed = 6;
    /// <summary>A quality figure fell below its floor (eval --check).</summary>
    public const int BelowFloor = 7;

    public const string Help = """
        Exit codes:
          0  success
          1  internal error
          2  usage error (unknown command or option, bad argument)
          3  some inputs failed, the rest were stored
          4  not found (document, story, file)
          5  database error
          6  every input failed
          7  a quality figure is below its floor
        """;
}
