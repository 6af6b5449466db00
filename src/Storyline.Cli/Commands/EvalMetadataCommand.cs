using System.CommandLine;
using System.Globalization;
using Storyline.Core;
using Storyline.Metadata.Evaluation;

namespace Storyline.Cli.Commands;

/// <summary>`storyline eval metadata`: title, authors and publication day against a gold JSONL of real pages.</summary>
public static class EvalMetadataCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data")
        {
            Description = "Folder with gold.jsonl ({file, url, title, authors, date} per line; file relative to the folder or to ../shared/data). " +
                          "Default: the held-back test part, eval/metadata-gold/test.",
        };
        var gold = new Option<string?>("--gold")
        {
            Description = "A gold JSONL file kept apart from the pages (e.g. eval/metadata-real/test.jsonl); its \"file\" paths are read from --data " +
                          "(default ../shared/data/metadata-pages), then beside the gold file, then ../shared/data. With --check, floors real_<name>.* apply " +
                          "to the files of eval/metadata-real.",
        };
        var split = new Option<string?>("--split") { Description = "test (default) or dev: which part of eval/metadata-gold to score when --data is not given." };
        var check = new Option<bool>("--check") { Description = "Exit 7 when a figure is below its floor in eval/floors/metadata.json (gold_<split>.* keys; real_<dev|test>.* with --gold eval/metadata-real/<dev|test>.jsonl)." };
        var verbose = new Option<bool>("--verbose") { Description = "Print every page's miss: gold, found, rule." };
        var cmd = Cli.NewCommand("metadata",
            "Run the metadata stage on each page of a gold folder (given its URL, as at ingest) and print per-field accuracy: title " +
            "(the visible headline, one of the gold forms), authors (the set of people), date (the publication day in the page's " +
            "own time zone); author name precision/recall; and the date accuracy of the order htmldate looks for evidence, on the same pages.",
            "storyline eval metadata", "storyline eval metadata --split dev --verbose", "storyline eval metadata --data my-pages/ --json",
            "storyline eval metadata --data ../shared/data/metadata-pages --gold eval/metadata-real/test.jsonl");
        cmd.Add(data); cmd.Add(gold); cmd.Add(split); cmd.Add(check); cmd.Add(verbose);
        cmd.SetAction(r => Cli.Run(() =>
        {
            var part = r.GetValue(split) ?? "test";
            if (part is not ("test" or "dev")) throw new StorylineException(ErrorCode.SL5001, $"--split must be test or dev, not '{part}'");
            var goldFile = r.GetValue(gold);
            MetadataEvalResult res;
            string? prefix;
            if (goldFile is not null)
            {
                var pages = r.GetValue(data) ?? (RepoPaths.SharedData is { } shared ? Path.Combine(shared, "metadata-pages") : ".");
                res = MetadataGoldEvaluator.Run(pages, goldFile);
                // Floors real_<dev|test>.<figure> belong to the committed labels of eval/metadata-real only.
                prefix = IsRealGold(goldFile) ? $"real_{Path.GetFileNameWithoutExtension(goldFile)}." : null;
            }
            else
            {
                var dir = r.GetValue(data) ?? Path.Combine(RepoPaths.RepoRoot ?? ".", "eval", "metadata-gold", part);
                res = MetadataGoldEvaluator.Run(dir);
                // Floors are keyed gold_<split>.<figure>; those of the other split do not apply.
                prefix = r.GetValue(data) is null ? $"gold_{part}." : null;
            }
            var map = res.ToMap();
            var failures = r.GetValue(check) && prefix is not null
                ? EvalFloors.Check("metadata", floors => EvalFloors.Below(floors,
                    key => key.StartsWith(prefix, StringComparison.Ordinal) && map.TryGetValue(key[prefix.Length..], out var got) ? got : null, "0.000"))
                : [];
            if (r.GetValue(Cli.Json))
            {
                Cli.WriteJson(new
                {
                    set = res.Set, pages = res.Pages, missing = res.Missing,
                    title_accuracy = res.TitleAccuracy, authors_accuracy = res.AuthorsAccuracy, authors_precision = res.AuthorsPrecision,
                    authors_recall = res.AuthorsRecall, date_accuracy = res.DateAccuracy, htmldate_order_date_accuracy = res.BaselineDateAccuracy,
                    authors_judged = res.AuthorsJudged, dates_judged = res.DatesJudged, below_floor = failures,
                    pages_detail = res.Results.Select(p => new
                    {
                        file = p.File, title = p.Title, title_rule = p.TitleRule, title_ok = p.TitleOk, authors = p.Authors, authors_rule = p.AuthorsRule,
                        authors_ok = p.AuthorsOk, date = p.Date, date_rule = p.DateRule, date_ok = p.DateOk, htmldate_order_date = p.BaselineDate,
                    }),
                });
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{res.Set}: {res.Pages} pages ({res.Missing} missing)  title {res.TitleAccuracy:F3}  authors {res.AuthorsAccuracy:F3} " +
                    $"(names P {res.AuthorsPrecision:F3} / R {res.AuthorsRecall:F3}, {res.AuthorsJudged} judged)  date {res.DateAccuracy:F3} " +
                    $"({res.DatesJudged} judged; htmldate order {res.BaselineDateAccuracy:F3})"));
                if (r.GetValue(verbose))
                    foreach (var p in res.Results)
                    {
                        var name = Path.GetFileName(p.File);
                        if (!p.TitleOk) Console.WriteLine($"  title   {name}: got '{Cli.Safe(p.Title ?? "-")}' [{p.TitleRule}] want '{Cli.Safe(string.Join(" || ", p.Gold.Titles))}'");
                        if (p.AuthorsOk == false) Console.WriteLine($"  authors {name}: got [{Cli.Safe(string.Join("; ", p.Authors))}] [{p.AuthorsRule}] want [{Cli.Safe(string.Join("; ", p.Gold.Authors))}]");
                        if (p.DateOk == false) Console.WriteLine($"  date    {name}: got {p.Date ?? "-"} [{p.DateRule}] want {p.Gold.Date ?? "-"} (htmldate order {p.BaselineDate ?? "-"})");
                    }
            }
            return EvalFloors.Report(failures);
        }));
        return cmd;
    }

    private static bool IsRealGold(string goldFile) =>
        RepoPaths.RepoRoot is { } root && string.Equals(Path.GetFullPath(Path.GetDirectoryName(Path.GetFullPath(goldFile)) ?? ""),
            Path.GetFullPath(Path.Combine(root, "eval", "metadata-real")), StringComparison.Ordinal);
}
