using System.CommandLine;
using System.CommandLine.Parsing;
using Storyline.Cli;
using Storyline.Cli.Commands;

// Storyline's command line. Each command is a class in Commands/; this file only lists them.
// Sentence embeddings (STORYLINE_EMBEDDINGS=on) are MiniLM; its assembly loads only when one is first made.
Storyline.Stories.Embedding.SentenceEmbeddings.Factory = () => new Storyline.Embeddings.MiniLmEmbedder();
var root = new RootCommand("""
    Storyline turns a raw stream of news (text dumps, HTML pages, RSS/Atom feeds, JSONL, WARC) into clean,
    searchable articles and stories.

    Quick start:
      storyline ingest ../shared/samples        store and clean every file in a folder
      storyline docs                            list what is stored
      storyline show 1                          one document: metadata, clean text, what was removed
      storyline search "balloon talks"          full-text search

    """ + ExitCodes.Help)
{
    Cli.Db,
    Cli.Json,
    IngestCommand.Create(),
    ShowCommand.Create(),
    DocsCommand.Create(),
    SearchCommand.Create(),
    ReprocessCommand.Create(),
    EntitiesCommand.Create(),
    StoriesCommand.Create(),
    StoriesCommand.CreateStory(),
    DiffCommand.Create(),
    QuotesCommand.Create(),
    EventsCommand.Create(),
    ServeCommand.Create(),
    WorkerCommand.Create(),
    EvalCommand.Create(),
    TrainCommand.Create(),
};

// --json anywhere before a literal '--' asks for JSON, errors included (even when the rest does not parse).
int literal = Array.IndexOf(args, "--");
Cli.JsonRequested = args.Take(literal < 0 ? args.Length : literal).Contains("--json");

var parse = root.Parse(args);
if (parse.Action is System.CommandLine.Help.HelpAction) return parse.Invoke();
var errors = parse.Errors.Select(e => e.Message).Concat(UnknownOptions(parse)).ToList();
if (errors.Count > 0)
{
    Console.Error.WriteLine(string.Join("\n", errors.Select(e => $"storyline: {Cli.Safe(e)}")));
    Console.Error.WriteLine("Run 'storyline --help' (or 'storyline COMMAND --help') for usage.");
    if (Cli.JsonRequested)
        Cli.WriteJson(new { error = new { code = nameof(Storyline.Core.ErrorCode.SL5001), message = string.Join("; ", errors) } });
    return ExitCodes.Usage;
}
try
{
    // Our own handler: a clear message and exit code (JSON under --json), no stack trace for the user.
    return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception ex)
{
    return Cli.Fail(ex);
}

// An argument that looks like an option ("--bogus", "-x") is an unknown option, not a path or a word: a usage error.
// '-' alone (stdin) and negative numbers are arguments; anything after a literal '--' is taken as it is.
static IEnumerable<string> UnknownOptions(ParseResult parse)
{
    foreach (var t in parse.Tokens)
    {
        if (t.Type == TokenType.DoubleDash) yield break;
        if (t.Type == TokenType.Argument && t.Value.Length > 1 && t.Value[0] == '-'
            && !double.TryParse(t.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            yield return $"unknown option '{t.Value}' (to pass a file whose name starts with '-', put it after '--' or write ./{t.Value})";
    }
}
