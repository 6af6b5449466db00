using System.CommandLine;
using System.Diagnostics;
using Storyline.Core;
using Storyline.Events;
using Storyline.Events.Training;

namespace Storyline.Cli.Commands;

/// <summary>`storyline train events`: compile the PETRARCH2 verb/actor/agent dictionaries, CAMEO codes and PLOVER table into models/events.bin.</summary>
public static class TrainEventsCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Folder holding petrarch2/, cameo/ and plover/ (default: ../shared/data/events)." };
        var output = new Option<string?>("--out") { Description = "Where to write it (default: models/events.bin)." };
        var cmd = Cli.NewCommand("events",
            "Compile the event dictionaries used by the events stage: PETRARCH2's CAMEO verb blocks and phrase patterns, its " +
            "actor (country, international, non-state) and agent (sector) dictionaries, GDELT's CAMEO code and Goldstein tables " +
            "and the CAMEO→PLOVER table, into one compact binary. The same inputs always give the same bytes.",
            "storyline train events", "storyline train events --verify", "storyline train events --out /tmp/events.bin --json");
        cmd.Add(data); cmd.Add(output);
        TrainOutput.SetAction(cmd, output, () => RepoPaths.Model(EventLexicon.ModelFileName), (r, path) =>
        {
            var dir = r.GetValue(data) ?? RepoPaths.Data("events");
            var missing = EventLexiconBuilder.InputFiles(dir).FirstOrDefault(f => !File.Exists(f));
            if (missing is not null) return Cli.Error($"missing input: {missing}", ExitCodes.NotFound);
            var sw = Stopwatch.StartNew();
            var lex = EventLexiconBuilder.Build(dir);
            using var ms = new MemoryStream();
            lex.Write(ms);
            var bytes = ms.ToArray();
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllBytes(path, bytes);
            int patterns = lex.BlockPatterns.Sum(p => p.Length);
            if (r.GetValue(Cli.Json))
                Cli.WriteJson(new { model = path, verb_blocks = lex.BlockCodes.Length, verb_forms = lex.Verbs.Count, patterns, actors = lex.Actors.Count, agents = lex.Agents.Count, cameo_codes = lex.Codes.Count, bytes = bytes.Length, ms = sw.ElapsedMilliseconds });
            else
                Console.WriteLine($"{path}: {lex.BlockCodes.Length} verb blocks, {lex.Verbs.Count} verb forms, {patterns} patterns, {lex.Actors.Count} actor names, {lex.Agents.Count} agents, {lex.Codes.Count} CAMEO codes, {bytes.Length / 1024} KB ({sw.ElapsedMilliseconds} ms)");
            return ExitCodes.Success;
        });
        return cmd;
    }
}
