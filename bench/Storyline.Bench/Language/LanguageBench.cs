using System.Diagnostics;
using System.Text.Json;
using Storyline.Core;
using Storyline.Entities;
using Storyline.Language.Syntax;
using Storyline.Language.Tokenization;
using Storyline.Ner;
using Storyline.Time;
using Storyline.Quotes;
using Storyline.Events;
using Storyline.Claims;

namespace Storyline.Bench.Language;

/// <summary>
/// Speed of the language layer on real article bodies (shared extraction ground truth), one core:
/// tokens/s for tokenizing, tagging, parsing and NER, documents/s for entities, places, times and the
/// whole layer, CPU per document for the statement layer (quotes, events, claims), and the process's peak memory.
/// </summary>
public static class LanguageBench
{
    public static void Run(TextWriter output)
    {
        var texts = new List<string>();
        foreach (var p in JsonDocument.Parse(File.ReadAllText(RepoPaths.Data("extraction", "scrapinghub", "ground-truth.json"))).RootElement.EnumerateObject())
            if (p.Value.GetProperty("articleBody").GetString() is { Length: > 200 } s) texts.Add(s);
        IStage[] stages = [new TokenizerStage(), new TaggerStage(), new ParserStage(), new NerStage(), new EntityStage(), new PlaceStage(), new TimeStage(),
            new QuoteStage(), new EventStage(), new ClaimStage()];
        const int FirstStatementStage = 7;
        var docs = texts.Select(NewDoc).ToList();
        // Warm-up: load models, JIT.
        foreach (var d in docs.Take(20)) foreach (var s in stages) s.Process(d);

        docs = texts.Select(NewDoc).ToList();
        var times = new double[stages.Length];
        var cpu = new double[stages.Length];   // thread CPU seconds: what "CPU per document" means on a shared, busy machine
        const int Rounds = 3;
        long tokens = 0;
        for (int round = 0; round < Rounds; round++)
        {
            docs = texts.Select(NewDoc).ToList();
            for (int i = 0; i < stages.Length; i++)
            {
                var sw = Stopwatch.StartNew();
                double cpu0 = ThreadCpu.Seconds();
                foreach (var d in docs) stages[i].Process(d);
                cpu[i] += ThreadCpu.Seconds() - cpu0;
                times[i] += sw.Elapsed.TotalSeconds;
            }
            tokens += docs.Sum(d => (long)d.Tokens.Count);
        }
        int n = docs.Count * Rounds;
        for (int i = 0; i < stages.Length; i++)
        {
            var per = i <= 3 ? $"{tokens / times[i]:N0} tokens/s" : $"{n / times[i]:N0} docs/s";
            output.WriteLine($"language: {stages[i].Info.Id,-14} {per}, {times[i] * 1000 / n:F2} ms CPU per document");
        }
        // The statement layer's budget is 2 ms per document on top of the language layer.
        double statements = cpu.Skip(FirstStatementStage).Sum() * 1000 / n;
        double statementsWall = times.Skip(FirstStatementStage).Sum() * 1000 / n;
        var each = string.Join(" + ", Enumerable.Range(FirstStatementStage, stages.Length - FirstStatementStage).Select(i => $"{stages[i].Info.Id} {cpu[i] * 1000 / n:F2}"));
        output.WriteLine($"statements: quotes + events + claims {statements:F2} ms CPU per document ({each}; thread CPU; {statementsWall:F2} ms wall) (budget 2 ms), {docs.Sum(d => d.Quotes.Count) / (double)docs.Count:F1} quotes, {docs.Sum(d => d.Events.Count) / (double)docs.Count:F1} events, {docs.Sum(d => d.Claims.Count) / (double)docs.Count:F1} claims per document, load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?")}");
        output.WriteLine($"language: whole layer {n / times.Sum():N0} docs/s ({tokens / (double)n:N0} tokens per document), one core; NER target >= 50,000 tokens/s");
        output.WriteLine($"language: peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
    }

    private static Document NewDoc(string text) => new() { Origin = new DocumentOrigin("bench"), Text = text, RawText = text };
}
