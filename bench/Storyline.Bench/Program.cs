using Storyline.Bench.Extraction;
using Storyline.Bench.Ingest;
using Storyline.Bench.Language;
using Storyline.Bench.Stories;

// Storyline benchmarks: one command prints throughput, memory and quality figures, and the ratio
// against peers that run on this machine. Usage: bench/run [all|ingest|extraction|language|stories] [--docs N] [--no-peers]
var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
int? docs = args.SkipWhile(a => a != "--docs").Skip(1).Select(int.Parse).Cast<int?>().FirstOrDefault();
var output = Console.Out;
output.WriteLine($"Storyline bench — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
bool all = what == "all";
if (all || what == "ingest") IngestBench.Run(output, docs ?? 10_000);
if (all || what == "extraction") ExtractionBench.Run(output, new ExtractionBenchOptions { Peers = !args.Contains("--no-peers") });
if (all || what == "language") LanguageBench.Run(output);
if (all || what == "stories") StoriesBench.Run(output, docs ?? 100_000);
return 0;
