using Storyline.Bench.Extraction;
using Storyline.Bench.Ingest;
using Storyline.Bench.Language;
using Storyline.Bench.Robustness;
using Storyline.Bench.Scale;
using Storyline.Bench.Stories;
using Storyline.Bench.Web;
using Storyline.Bench.Workers;

// Storyline benchmarks: one command prints throughput, memory and quality figures, and the ratio
// against peers that run on this machine. Usage: bench/run [all|ingest|extraction|language|statements|stories|web|robustness|workers|scale] [--docs N] [--no-peers]
var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
int? docs = args.SkipWhile(a => a != "--docs").Skip(1).Select(int.Parse).Cast<int?>().FirstOrDefault();
var output = Console.Out;
bool json = args.Contains("--json");
// --json: the benchmark prints one JSON object and nothing else (for scripts).
if (!json) output.WriteLine($"Storyline bench — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
bool all = what == "all";
if (all || what == "ingest") IngestBench.Run(output, docs ?? 10_000, json && what == "ingest");
if (all || what == "extraction") ExtractionBench.Run(output, new ExtractionBenchOptions { Peers = !args.Contains("--no-peers") && !json, Json = json });
// "statements" is the same run: the statement stages are measured on top of the language layer they read.
if (all || what is "language" or "statements") LanguageBench.Run(output);
if (all || what == "stories") StoriesBench.Run(output, docs ?? 100_000);
// Not part of "all": builds (once, kept in /tmp) a 100,000-document store and load-tests the web server on it.
if (what == "web") WebBench.Run(output, docs ?? 100_000);
// Not part of "all": it writes a 200 MB file and gzip bombs, and runs the CLI.
if (what == "robustness") RobustnessBench.Run(output);
// Not part of "all": starts PostgreSQL and 1, then 2, worker processes (bench/run workers [--docs N] [--rounds R] [--json]).
if (what == "workers")
    WorkersBench.Run(output, docs ?? 400, args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(1), json);
// Not part of "all" (opt-in, never in CI): a generated corpus streamed into `storyline ingest -` on SQLite and PostgreSQL,
// the CLI's memory over the run, and search latency percentiles (bench/run scale [--docs N] [--store sqlite|postgres|both]
// [--full] [--sqlite-db PATH] [--search-only] [--log FILE] [--json]).
if (what == "scale")
{
    string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    using var log = Arg("--log") is { } logPath ? new StreamWriter(logPath, append: true) : null;
    ScaleBench.Run(output, new ScaleOptions
    {
        Documents = docs ?? 100_000, Store = Arg("--store") ?? "both", Json = json, Full = args.Contains("--full"),
        SqlitePath = Arg("--sqlite-db"), SearchOnly = args.Contains("--search-only"), Log = log,
    });
}
return 0;
