using System.CommandLine;
using Storyline.Cli;
using Storyline.Cli.Commands;

// Storyline's command line. Each command is a class in Commands/; this file only lists them.
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
    EvalCommand.Create(),
    TrainCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
{
    foreach (var e in parse.Errors) Console.Error.WriteLine($"storyline: {e.Message}");
    Console.Error.WriteLine("Run 'storyline --help' (or 'storyline COMMAND --help') for usage.");
    return ExitCodes.Usage;
}
return parse.Invoke();
