using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using Storyline.Engine;

namespace Storyline.Cli.Commands;

/// <summary>`storyline ingest PATH...`: read, clean, analyse and store documents.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Files or folders (recursive) to ingest; '-' reads standard input. Formats are detected from content: text, HTML, RSS/Atom, JSONL, WARC (optionally gzip'd).",
            Arity = ArgumentArity.OneOrMore,
        };
        var cmd = Cli.NewCommand("ingest",
            "Read documents, clean them, extract metadata and store them. Re-ingesting the same content stores no duplicate; " +
            "a bad input is reported and the rest goes on (exit 3 when some inputs failed).",
            "storyline ingest ../shared/samples",
            "storyline ingest feed.xml pages/ --db news.db",
            "cat articles.jsonl | storyline ingest - --json",
            "storyline ingest crawl/ --no-language      # fast first pass; 'storyline reprocess' adds entities and times later");
        var noLanguage = new Option<bool>("--no-language")
        {
            Description = "Skip the language layer (tokens, parse, entities, places, times): store clean text and metadata only, " +
                          "several times faster. 'storyline reprocess' adds the rest later.",
        };
        cmd.Add(paths);
        cmd.Add(noLanguage);
        cmd.SetAction(r => Cli.Run(() => Run(r.GetRequiredValue(paths), r.GetValue(Cli.Json), r.GetValue(noLanguage), r)));
        return cmd;
    }

    private static int Run(string[] paths, bool json, bool noLanguage, ParseResult r)
    {
        using var store = Cli.OpenStore(r);
        using var stories = StoryService.Supported(store) ? StoryService.For(store) : null;
        var pipeline = noLanguage ? DefaultPipeline.Build(new DefaultPipeline.Options { Language = false }) : DefaultPipeline.Default;
        var service = new IngestService(store, pipeline) { Stories = stories };
        var sw = Stopwatch.StartNew();
        IReadOnlyList<IngestOutcome> outcomes;
        if (Cli.Interactive && !json)
        {
            IReadOnlyList<IngestOutcome>? result = null;
            AnsiConsole.Progress()
                .Columns(new SpinnerColumn(), new TaskDescriptionColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("ingesting", maxValue: double.MaxValue);
                    result = service.Ingest(paths, p =>
                        task.Description = $"ingesting: {p.Done} documents, {p.Bytes / 1e6:F1} MB — {Markup.Escape(Shorten(p.Last.Path))}");
                });
            outcomes = result!;
        }
        else
        {
            // Not a terminal: plain progress lines on stderr, so stdout stays clean for --json.
            var last = Stopwatch.StartNew();
            outcomes = service.Ingest(paths, p =>
            {
                if (p.Last.Status == IngestOutcome.Failed)
                    Console.Error.WriteLine($"failed: {p.Last.Error}");
                if (!json && last.ElapsedMilliseconds > 2000)
                {
                    Console.Error.WriteLine($"ingesting: {p.Done} documents, {p.Bytes / 1e6:F1} MB");
                    last.Restart();
                }
            });
        }
        int nNew = outcomes.Count(o => o.Status == IngestOutcome.New);
        int nDup = outcomes.Count(o => o.Status == IngestOutcome.Duplicate);
        int nFail = outcomes.Count(o => o.Status == IngestOutcome.Failed);
        if (json)
        {
            Cli.WriteJson(new
            {
                documents = outcomes.Select(o => new { path = o.Path, id = o.Id, status = o.Status, error = o.Error, code = o.Code?.ToString() }),
                @new = nNew, duplicates = nDup, failed = nFail,
                seconds = Math.Round(sw.Elapsed.TotalSeconds, 3),
            });
        }
        else
        {
            if (Cli.Interactive)
                foreach (var o in outcomes.Where(o => o.Status == IngestOutcome.Failed))
                    Console.Error.WriteLine($"failed: {o.Error}");
            Console.WriteLine($"{outcomes.Count} documents read: {nNew} new, {nDup} duplicates, {nFail} failed ({sw.Elapsed.TotalSeconds:F1} s)");
        }
        return nFail == 0 ? ExitCodes.Success
            : nNew + nDup == 0 ? ExitCodes.AllFailed
            : ExitCodes.PartialFailure;
    }

    private static string Shorten(string s) => s.Length <= 50 ? s : "…" + s[^49..];
}
