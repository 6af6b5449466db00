using System.CommandLine;
using Storyline.Core;
using Storyline.Entities.Evaluation;
using Storyline.Language.Tokenization;
using Storyline.Ner;

namespace Storyline.Cli.Commands;

/// <summary>`storyline eval entities`: entity grouping, roles, countries and places on the hand-annotated gold set, and places on MEANTIME.</summary>
public static class EvalEntitiesCommand
{
    public static Command Create()
    {
        var gold = new Option<string?>("--gold") { Description = "Gold file (default: tests/Storyline.Entities.Tests/Gold/gold.json; format in its README)." };
        var split = new Option<string>("--split") { Description = "Which half: test (never tuned on), dev, or all.", DefaultValueFactory = _ => "test" };
        split.AcceptOnlyFromAmong("test", "dev", "all");
        var predicted = new Option<bool>("--predicted") { Description = "Also score with mentions from the tokenizer and NER model instead of the gold mentions." };
        var meantime = new Option<string?>("--meantime") { Description = "MEANTIME annotation folder (default: ../shared/data/events/meantime/intra_cross-doc_annotation)." };
        var check = new Option<bool>("--check") { Description = "Exit 7 when a figure is below its floor in eval/floors/entities.json." };
        var cmd = Cli.NewCommand("entities",
            "Score the entity and place stages. On the gold set (given gold mentions): mention-pair link precision/recall/F1 " +
            "(\"precision\", \"recall\", \"f1\"), role accuracy, country accuracy and place accuracy. On MEANTIME: place " +
            "resolution accuracy of named LOC mentions against their DBpedia links.",
            "storyline eval entities", "storyline eval entities --split dev --json", "storyline eval entities --predicted", "storyline eval entities --check");
        cmd.Add(gold); cmd.Add(split); cmd.Add(predicted); cmd.Add(meantime); cmd.Add(check);
        cmd.SetAction(r => Cli.Run(() =>
        {
            var goldPath = r.GetValue(gold) ?? EntityFloors.DefaultGoldPath;
            if (goldPath is null || !File.Exists(goldPath)) return Cli.Error($"gold file not found: {goldPath}", ExitCodes.NotFound);
            var which = r.GetValue(split)!;
            var docs = GoldSet.Load(goldPath).Where(d => which == "all" || d.Split == which).ToList();
            var result = EntityEvaluator.Evaluate(docs);
            EntityEvalResult? withNer = null;
            if (r.GetValue(predicted))
            {
                var tokenizer = new TokenizerStage();
                var ner = new NerStage();
                withNer = EntityEvaluator.Evaluate(docs, mentionSource: d => { tokenizer.Process(d); ner.Process(d); });
            }
            var mtDir = r.GetValue(meantime) ?? EntityFloors.DefaultMeantimeDir;
            var mt = mtDir is not null && Directory.Exists(mtDir) ? MeantimePlaces.Run(mtDir) : null;

            var failures = r.GetValue(check)
                ? EvalFloors.Check("entities", floors => { var measured = EntityFloors.Measure(goldPath, mtDir); return EvalFloors.Below(floors, m => measured.TryGetValue(m, out var v) ? v : null); })
                : [];

            if (r.GetValue(Cli.Json))
                Cli.WriteJson(new
                {
                    gold = goldPath, split = which, documents = result.Documents,
                    precision = result.LinkPrecision, recall = result.LinkRecall, f1 = result.LinkF1,
                    role_accuracy = result.RoleAccuracy, role_items = result.RoleItems,
                    country_accuracy = result.CountryAccuracy, country_items = result.CountryItems,
                    place_accuracy = result.PlaceAccuracy, place_items = result.PlaceItems,
                    nominals_gold = result.NominalGold, nominals_found = result.NominalFound, nominals_correct = result.NominalCorrect,
                    ms_per_document = result.MillisecondsPerDocument,
                    predicted = withNer is null ? null : new
                    {
                        precision = withNer.LinkPrecision, recall = withNer.LinkRecall, f1 = withNer.LinkF1,
                        role_accuracy = withNer.RoleAccuracy, country_accuracy = withNer.CountryAccuracy, place_accuracy = withNer.PlaceAccuracy,
                    },
                    meantime = mt is null ? null : new
                    {
                        documents = mt.Documents, named_loc_mentions = mt.NamedLocMentions, answerable = mt.Answerable,
                        place_accuracy = mt.Accuracy, country_accuracy = mt.CountryAccuracy,
                        bare_name_mentions = mt.PlainAnswerable, bare_name_place_accuracy = mt.PlainAccuracy,
                        not_in_gazetteer = mt.Unanswerable, abstention_rate = mt.AbstentionRate, ms_per_document = mt.MillisecondsPerDocument,
                    },
                    below_floor = failures,
                });
            else
            {
                Console.WriteLine($"gold set ({which} half, gold mentions): {result}");
                if (withNer is not null) Console.WriteLine($"gold set ({which} half, tokenizer + NER mentions): {withNer}");
                if (mt is not null) Console.WriteLine(mt);
            }
            return EvalFloors.Report(failures);
        }));
        return cmd;
    }
}
