using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Storyline.Core;
using Storyline.Engine;
using Storyline.Events.Evaluation;

namespace Storyline.Cli.Commands;

/// <summary>`storyline eval events`: event-type accuracy, macro F1 and actor/target match on the PLOVER gold-standard records.</summary>
public static class EvalEventsCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data")
        {
            Description = "The PLOVER folder (or its gold_standard_records/, or the PLOVER_GSR_CAMEO.txt file itself). Default: ../shared/data/events/plover.",
        };
        var check = new Option<bool>("--check") { Description = "Exit 7 when a figure is below its floor in eval/floors/events.json." };
        var errors = new Option<bool>("--errors") { Description = "Also list the dev records whose main event has the wrong type (for tuning; never look at test)." };
        var cmd = Cli.NewCommand("events",
            "Score event coding on the PLOVER gold-standard sentences: each goes through the real pipeline (tokens, parse, entities, " +
            "places, times, events) and its main event (the PLOVER-typed event highest in the parse) is compared with the gold record. " +
            "type_accuracy = share with the gold event type; macro_f1 = mean F1 over the gold types; actor_match / target_match = share " +
            "whose actor/target code has a gold source/target country (or IGO…) code. Records are split dev/test by a stable hash of " +
            "their id; the headline figures are test's.",
            "storyline eval events",
            "storyline eval events --json",
            "storyline eval events --check");
        cmd.Add(data);
        cmd.Add(check);
        cmd.Add(errors);
        cmd.SetAction(r => Cli.Run(() =>
        {
            string? dir = r.GetValue(data);
            string? gold = EventEvaluator.FindGold(dir ?? RepoPaths.Data("events", "plover"));
            if (gold is null) return Cli.Error($"no {EventEvaluator.GoldFile} under {dir ?? "../shared/data/events/plover"}", ExitCodes.NotFound);
            var records = EventEvaluator.ReadGold(gold);
            // one-sentence records would be flagged "too short" by the article check and skip the language layer
            var pipeline = DefaultPipeline.Build(new DefaultPipeline.Options { ArticleCheck = false });
            var errs = r.GetValue(errors) ? new List<EventEvalError>() : null;
            var results = EventEvaluator.Evaluate(records, text =>
            {
                var doc = new Document { Origin = new DocumentOrigin("plover-gsr"), RawText = text };
                pipeline.Run(doc);
                return doc;
            }, errs);

            if (r.GetValue(Cli.Json))
            {
                var h = results[0];
                Cli.WriteJson(new
                {
                    set = h.Set, records = h.Records, type_accuracy = h.TypeAccuracy, macro_f1 = h.MacroF1,
                    actor_match = h.ActorMatch, target_match = h.TargetMatch, coverage = h.Coverage, sets = results,
                    errors = errs?.Where(e => e.Split == "dev"),
                });
            }
            else
            {
                var table = new Table().AddColumns("set", "records", "type acc", "macro F1", "actor", "target", "coverage", "ms/rec");
                foreach (var x in results)
                    table.AddRow(x.Set, x.Records.ToString(CultureInfo.InvariantCulture), F(x.TypeAccuracy), F(x.MacroF1), F(x.ActorMatch), F(x.TargetMatch), F(x.Coverage), F(x.MsPerRecord));
                AnsiConsole.Write(table);
                Console.WriteLine("F1 by type (test): " + string.Join(", ", results[0].F1ByType.Select(kv => $"{kv.Key} {F(kv.Value)}")));
                foreach (var e in errs?.Where(e => e.Split == "dev") ?? [])
                    Console.WriteLine($"{e.Gold}\t{e.Predicted ?? "-"}\t{e.Action ?? "-"}\t{e.Cameo ?? "-"}\t{e.Text}\t[gold: {e.GoldTrigger}] [all: {e.AllEvents}]");
                if (Environment.GetEnvironmentVariable("STORYLINE_EVENTS_PARSE") == "1")
                    foreach (var e in errs?.Where(e => e.Split == "dev") ?? []) Console.WriteLine($"{e.Id}\t{e.Parse}");
            }

            if (r.GetValue(check))
                return EvalFloors.Report(EvalFloors.Check("events", floors => EventEvaluator.BelowFloors(results, floors)));
            return ExitCodes.Success;
        }));
        return cmd;
    }

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
