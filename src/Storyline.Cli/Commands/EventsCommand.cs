using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Storyline.Core.Storage;
using Storyline.Engine.Views;
using Storyline.Storage;

namespace Storyline.Cli.Commands;

/// <summary>`storyline events`: events across the store, by actor.</summary>
public static class EventsCommand
{
    public static Command Create()
    {
        var actor = new Option<string?>("--actor")
        {
            Description = "Only events by this actor: whole words of the actor as written or of its entity (\"Wang Yi\", \"pentagon\"), " +
                          "the entity's key, or a CAMEO actor code by prefix (CHN finds CHN, CHNGOV, CHNMIL). Omit to list every event.",
        };
        var target = new Option<string?>("--target") { Description = "Only events done to this target (matched like --actor)." };
        var cameo = new Option<string?>("--cameo") { Description = "Only this CAMEO event code or its prefix (19 finds 190…196)." };
        var plover = new Option<string?>("--plover") { Description = "Only this PLOVER category (CONSULT, ACCUSE, ASSAULT, …)." };
        var from = new Option<string?>("--from") { Description = "Only events dated on or after this day, month or year (2023-02-01, 2023-02, 2023)." };
        var to = new Option<string?>("--to") { Description = "Only events dated on or before this day, month or year." };
        var facts = new Option<bool>("--facts") { Description = "Leave out negated (\"did not meet\") and hypothetical (\"may visit\") events." };
        var doc = new Option<string?>("--doc") { Description = "Only events from this document id." };
        var limit = new Option<int>("--limit") { Description = $"At most this many events (0…{StatementIndexLimits.Max}).", DefaultValueFactory = _ => 50 };
        var offset = new Option<int>("--offset") { Description = "Skip this many first (paging).", DefaultValueFactory = _ => 0 };
        var cmd = Cli.NewCommand("events",
            "List who did what to whom across stored documents, in date order (undated events last), with CAMEO codes, " +
            "Goldstein scores and PLOVER categories. --json prints {total, items}: each item's actor, action, target, cameo, " +
            "goldstein, plover, date, place, negated, hypothetical, sentence and its document (doc_id, title).",
            "storyline events --actor CHN",
            "storyline events --actor \"Wang Yi\" --json",
            "storyline events --plover ASSAULT --from 2023-02 --to 2023-03 --facts",
            "storyline events --actor USA --target CHN --limit 20 --offset 20");
        foreach (var o in new Option[] { actor, target, cameo, plover, from, to, facts, doc, limit, offset }) cmd.Add(o);
        cmd.SetAction(r => Cli.Run(() =>
        {
            var (lim, off) = StatementIndexLimits.Check(r.GetValue(limit), r.GetValue(offset));
            long? docId = r.GetValue(doc) is { } raw ? Cli.ParseId(raw, "document", "storyline docs") : null;
            var fromDay = Day(r.GetValue(from), "--from", first: true);
            var toDay = Day(r.GetValue(to), "--to", first: false);
            if (fromDay > toDay) throw new UsageException($"--from ({fromDay:yyyy-MM-dd}) is after --to ({toDay:yyyy-MM-dd})");
            var code = r.GetValue(cameo);
            if (code is not null && (code.Length == 0 || !code.All(char.IsAsciiDigit)))
                throw new UsageException($"--cameo takes a CAMEO code or prefix made of digits, like 19 or 190 (got '{code}')");
            bool onlyFacts = r.GetValue(facts);
            using var store = Cli.OpenStore(r);
            var page = store.SearchEvents(new EventQuery
            {
                Actor = Blank(r.GetValue(actor)), Target = Blank(r.GetValue(target)), Cameo = code, Plover = Blank(r.GetValue(plover)),
                From = fromDay, To = toDay, Negated = onlyFacts ? false : null, Hypothetical = onlyFacts ? false : null,
                DocId = docId, Limit = lim, Offset = off,
            });
            var items = page.Items.Select(StoredEventView.From).ToList();
            if (r.GetValue(Cli.Json)) { Cli.WriteJson(new { total = page.Total, items }); return ExitCodes.Success; }
            if (items.Count > 0)
            {
                // Narrow cells (a pipe is 80 columns wide): the entity's name rather than the text, CAMEO with PLOVER in one column.
                var table = new Table().AddColumns("date", "actor", "action", "target", "code", "doc");
                foreach (var e in items)
                    table.AddRow(Cli.Markup(e.Date ?? "-"), Cli.Markup(Short(e.Actor, e.ActorEntity, e.ActorCode)), Cli.Markup(ActionLabel(e)),
                        Cli.Markup(Short(e.Target, e.TargetEntity, e.TargetCode)), Cli.Markup(CodeLabel(e)),
                        e.DocId.ToString(CultureInfo.InvariantCulture));
                AnsiConsole.Write(table);
            }
            Console.WriteLine(StatementIndexLimits.Footer(items.Count, off, page.Total, "event", "events"));
            return ExitCodes.Success;
        }));
        return cmd;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>A day, month or year on the command line: its first day for --from, its last for --to.</summary>
    private static DateOnly? Day(string? raw, string option, bool first)
    {
        if (raw is null) return null;
        var (a, b) = StatementIndex.DateRange(raw.Trim());
        var pick = first ? a : b;
        if (pick is null || raw.Trim().Contains('W') || raw.Trim().Contains('Q'))
            throw new UsageException($"{option} takes a day, month or year like 2023-02-04, 2023-02 or 2023 (got '{raw}')");
        return DateOnly.ParseExact(pick, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>"the foreign ministry (China, CHNGOV)": the text, the entity when it says more, and the code.</summary>
    internal static string Party(string? text, string? entity, string? code)
    {
        var s = text ?? entity ?? "";
        if (entity is not null && text is not null && !string.Equals(entity, text, StringComparison.OrdinalIgnoreCase)) s += $" → {entity}";
        if (code is not null) s = s.Length == 0 ? code : $"{s} ({code})";
        return s.Length == 0 ? "-" : s;
    }

    /// <summary>"Pentagon (USAMIL)": the entity's name (else the text) and the code.</summary>
    private static string Short(string? text, string? entity, string? code)
    {
        var s = entity ?? text ?? "";
        if (code is not null) s = s.Length == 0 ? code : $"{s} ({code})";
        return s.Length == 0 ? "-" : s;
    }

    /// <summary>"meet", "not meet" (negated), "maybe visit" (hypothetical).</summary>
    internal static string ActionLabel(EventView e) =>
        (e.Hypothetical ? "maybe " : "") + (e.Negated ? "not " : "") + e.Action;

    /// <summary>"195 ASSAULT": CAMEO code and PLOVER category.</summary>
    internal static string CodeLabel(EventView e)
    {
        var s = string.Join(" ", new[] { e.Cameo, e.Plover }.Where(x => x is not null));
        return s.Length == 0 ? "-" : s;
    }
}
