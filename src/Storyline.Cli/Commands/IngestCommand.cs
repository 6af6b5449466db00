using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using Storyline.Engine;
using Storyline.Ingest;

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
            "storyline ingest crawl/ --no-language      # fast first pass; 'storyline reprocess' adds entities and times later",
            "storyline ingest mirror/ --follow-symlinks  # also read links that lead out of the folder",
            "storyline ingest -- -odd-name.txt         # a file whose name starts with '-'",
            "STORYLINE_TRACE_STARTUP=1 storyline ingest x.txt --json   # log model loads (wall and CPU) to stderr; " +
            "first_document_seconds counts from the CLI's start (a ./storyline build excluded) to the first finished document");
        var noLanguage = new Option<bool>("--no-language")
        {
            Description = "Skip the language layer (tokens, parse, entities, places, times): store clean text and metadata only, " +
                          "several times faster. 'storyline reprocess' adds the rest later.",
        };
        var followSymlinks = new Option<bool>("--follow-symlinks")
        {
            Description = "Follow symbolic links that lead out of the input folder (by default they are reported as skipped, SL1014). " +
                          "Links that loop are never followed.",
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Documents processed at once (default: one per core). Results are the same for any value.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Documents saved per transaction (default 128): a killed run loses at most the batch in flight. " +
                          "Results are the same for any value.",
            DefaultValueFactory = _ => IngestService.DefaultBatchSize,
        };
        var enqueue = new Option<bool>("--enqueue")
        {
            Description = "PostgreSQL only: read the inputs and put their raw documents in the work queue instead of processing them here; " +
                          "'storyline worker' processes (--json adds 'queued' and each document's 'queue_id').",
        };
        cmd.Add(paths);
        cmd.Add(noLanguage);
        cmd.Add(enqueue);
        cmd.Add(followSymlinks);
        cmd.Add(threads);
        cmd.Add(batchSize);
        cmd.SetAction(r => Cli.Run(() =>
        {
            int t = r.GetValue(threads), b = r.GetValue(batchSize);
            if (t < 1) throw new UsageException($"--threads must be at least 1 (got {t})");
            if (b < 1) throw new UsageException($"--batch-size must be at least 1 (got {b})");
            if (r.GetValue(enqueue))
                return WorkerCommand.Enqueue(r.GetRequiredValue(paths), StoreFactory.Resolve(r.GetValue(Cli.Db)), r.GetValue(Cli.Json), r.GetValue(followSymlinks));
            return Run(r.GetRequiredValue(paths), r.GetValue(Cli.Json), r.GetValue(noLanguage), r.GetValue(followSymlinks), t, b, r);
        }));
        return cmd;
    }

    /// <summary>Seconds between plain progress lines when stderr is not a terminal (failures and skips are printed at once).</summary>
    private const double PlainProgressSeconds = 2;

    private static int Run(string[] paths, bool json, bool noLanguage, bool followSymlinks, int threads, int batchSize, ParseResult r)
    {
        Storyline.Core.StartupTrace.Mark("ingest: command parsed");
        using var store = Cli.OpenStore(r, create: true);
        using var stories = StoryService.Supported(store) ? StoryService.For(store) : null;
        var pipeline = noLanguage ? DefaultPipeline.Build(new DefaultPipeline.Options { Language = false }) : DefaultPipeline.Default;
        var reader = new DocumentReader(new ReaderOptions { FollowSymlinks = followSymlinks });
        var service = new IngestService(store, pipeline, reader)
        {
            Stories = stories, MaxDegreeOfParallelism = threads, BatchSize = batchSize,
        };
        Storyline.Core.StartupTrace.Mark("ingest: store and pipeline ready");
        var sw = Stopwatch.StartNew();
        // Time to first document, from process start: what a user waits before anything is processed (start-up,
        // store, model loading). Measured at the first finished document, so it is a figure, not a guess.
        double? firstDocument = null;
        void First()
        {
            if (firstDocument is not null) return;
            firstDocument = SinceProcessStart();
            Storyline.Core.StartupTrace.Mark("ingest: first document");
        }
        // Outcomes are never kept in memory (a million-document run would hold them all): --json spools each to a
        // temporary file as its batch is saved and prints them from there at the end.
        using var spool = json ? new OutcomeSpool() : null;
        Action<IngestOutcome> keep = spool is null ? _ => { } : spool.Add;
        IngestTotals totals;
        if (Cli.Interactive && !json)
        {
            IngestTotals? result = null;
            AnsiConsole.Progress()
                .Columns(new SpinnerColumn(), new TaskDescriptionColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("ingesting", maxValue: double.MaxValue);
                    result = service.IngestEach(paths, keep, p =>
                    {
                        First();
                        // Failures and skips scroll above the live line as they happen.
                        if (p.Last.Status is IngestOutcome.Failed or IngestOutcome.Skipped)
                            AnsiConsole.MarkupLine($"[{(p.Last.Status == IngestOutcome.Failed ? "red" : "yellow")}]{p.Last.Status}:[/] {Cli.Markup(p.Last.Error)}");
                        task.Description = $"{Line(p)} — {Cli.Markup(Shorten(p.Current))}";
                    });
                });
            totals = result!;
        }
        else
        {
            // Not a terminal: plain progress lines on stderr, so stdout stays clean for --json.
            var last = Stopwatch.StartNew();
            totals = service.IngestEach(paths, keep, p =>
            {
                First();
                if (p.Last.Status is IngestOutcome.Failed or IngestOutcome.Skipped)
                    Console.Error.WriteLine($"{p.Last.Status}: {Cli.Safe(p.Last.Error)}");
                if (!json && last.Elapsed.TotalSeconds > PlainProgressSeconds)
                {
                    Console.Error.WriteLine($"{Line(p)} — {Cli.Safe(p.Current)}");
                    last.Restart();
                }
            });
        }
        int nNew = totals.New, nDup = totals.Duplicates, nFail = totals.Failed, nSkip = totals.Skipped;
        if (spool is not null)
        {
            spool.WriteJson(Console.Out, new
            {
                @new = nNew, duplicates = nDup, failed = nFail, skipped = nSkip,
                seconds = Math.Round(sw.Elapsed.TotalSeconds, 3),
                first_document_seconds = firstDocument is { } f ? Math.Round(f, 3) : (double?)null,
            });
        }
        else
        {
            Console.WriteLine($"{totals.Total} documents read: {nNew} new, {nDup} duplicates, {nFail} failed, {nSkip} skipped ({sw.Elapsed.TotalSeconds:F1} s" +
                              (firstDocument is { } f ? $", first document after {f:F2} s" : "") + ")");
        }
        // Skips are deliberate (special files, links out of the folder): they never change the exit code.
        return nFail == 0 ? ExitCodes.Success
            : nNew + nDup == 0 ? ExitCodes.AllFailed
            : ExitCodes.PartialFailure;
    }

    /// <summary>Seconds since the CLI started: from the moment the ./storyline wrapper hands over (its build, if any, excluded).</summary>
    private static double SinceProcessStart() => Storyline.Core.ProcessClock.SecondsSinceStart();

    private static string Line(IngestProgress p) =>
        $"ingesting: {p.Done} done, {p.Failed} failed, {p.Skipped} skipped, {p.Bytes / 1e6:F1} MB";

    private static string Shorten(string s) => s.Length <= 50 ? s : "…" + s[^49..];
}
