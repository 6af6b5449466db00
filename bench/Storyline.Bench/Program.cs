using Storyline.Bench.Ingest;

// Storyline benchmarks: one command prints throughput, memory and quality figures, and the ratio
// against peers that run on this machine. Usage: bench/run [all|ingest|extraction|stories] [--docs N]
var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
int docs = args.SkipWhile(a => a != "--docs").Skip(1).Select(int.Parse).FirstOrDefault(10_000);
var output = Console.Out;
output.WriteLine($"Storyline bench — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
bool all = what == "all";
if (all || what == "ingest") IngestBench.Run(output, docs);
return 0;
