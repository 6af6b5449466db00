using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Storyline.Core.Storage;
using Storyline.Engine.Views;

namespace Storyline.Cli.Commands;

/// <summary>`storyline quotes`: quotes across the store, by speaker.</summary>
public static class QuotesCommand
{
    public static Command Create()
    {
        var speaker = new Option<string?>("--speaker")
        {
            Description = "Only quotes by this speaker: whole words of the speaker as written or of the entity it resolved to " +
                          "(case and accents ignored; \"Wang\" finds \"Wang Yi\"), or the entity's key. Omit to list every quote.",
        };
        var text = new Option<string?>("--text") { Description = "Only quotes whose words include this phrase (whole words, case ignored)." };
        var kind = new Option<string?>("--kind") { Description = "Only direct (in quotation marks), mixed (partial quote) or reported (indirect) speech." };
        kind.AcceptOnlyFromAmong("direct", "mixed", "reported");
        var doc = new Option<string?>("--doc") { Description = "Only quotes from this document id." };
        var limit = new Option<int>("--limit") { Description = $"At most this many quotes (0…{StatementIndexLimits.Max}).", DefaultValueFactory = _ => 50 };
        var offset = new Option<int>("--offset") { Description = "Skip this many first (paging).", DefaultValueFactory = _ => 0 };
        var cmd = Cli.NewCommand("quotes",
            "List the quotes and reported statements stored across documents, with their speakers, in document order. " +
            "--json prints {total, items}: each item's text, speaker, speaker_entity, via, cue, kind and its document (doc_id, title).",
            "storyline quotes --speaker \"Wang Yi\"",
            "storyline quotes --speaker wang --limit 20 --offset 20",
            "storyline quotes --text balloon --kind direct --json | jq '.items[].speaker'");
        cmd.Add(speaker); cmd.Add(text); cmd.Add(kind); cmd.Add(doc); cmd.Add(limit); cmd.Add(offset);
        cmd.SetAction(r => Cli.Run(() =>
        {
            var (lim, off) = StatementIndexLimits.Check(r.GetValue(limit), r.GetValue(offset));
            long? docId = r.GetValue(doc) is { } raw ? Cli.ParseId(raw, "document", "storyline docs") : null;
            using var store = Cli.OpenStore(r);
            var page = store.SearchQuotes(new QuoteQuery
            {
                Speaker = Blank(r.GetValue(speaker)), Text = Blank(r.GetValue(text)), Kind = r.GetValue(kind), DocId = docId,
                Limit = lim, Offset = off,
            });
            var items = page.Items.Select(StoredQuoteView.From).ToList();
            if (r.GetValue(Cli.Json)) { Cli.WriteJson(new { total = page.Total, items }); return ExitCodes.Success; }
            if (items.Count > 0)
            {
                var table = new Table().AddColumns("doc", "speaker", "quote", "cue");
                foreach (var q in items)
                    table.AddRow(q.DocId.ToString(CultureInfo.InvariantCulture), Cli.Markup(SpeakerLabel(q)), Cli.Markup(QuoteLabel(q)), Cli.Markup(q.Cue ?? "-"));
                AnsiConsole.Write(table);
            }
            Console.WriteLine(StatementIndexLimits.Footer(items.Count, off, page.Total, "quote", "quotes"));
            return ExitCodes.Success;
        }));
        return cmd;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>"he → Wang Yi", "Wang Yi", "a source (unnamed)", "Wang Yi via her spokesperson".</summary>
    internal static string SpeakerLabel(QuoteView q)
    {
        var speaker = Storyline.Core.Quote.ShortSpeaker(q.Speaker);
        var who = speaker ?? "?";
        if (q.SpeakerEntity is { } name && !string.Equals(name, speaker, StringComparison.OrdinalIgnoreCase)) who = speaker is null ? name : $"{who} → {name}";
        if (q.Unnamed) who += " (unnamed)";
        if (q.Via is { } via) who += $" via {via}";
        return who;
    }

    internal static string QuoteLabel(QuoteView q)
    {
        var t = q.Text.ReplaceLineEndings(" ");
        if (t.Length > 120) t = t[..120] + "…";
        return q.Kind == "reported" ? t : $"“{t}”";
    }
}

/// <summary>Paging rules the statement listings (quotes, events) share.</summary>
internal static class StatementIndexLimits
{
    public const int Max = Storyline.Storage.StatementIndex.MaxLimit;

    public static (int Limit, int Offset) Check(int limit, int offset)
    {
        if (limit < 0 || limit > Max) throw new UsageException($"--limit must be between 0 and {Max} (got {limit})");
        if (offset < 0) throw new UsageException($"--offset must be 0 or more (got {offset})");
        return (limit, offset);
    }

    public static string Footer(int shown, int offset, long total, string one, string many) =>
        shown == 0
            ? (total == 0 ? $"no {many}" : $"no {many} past {offset} ({total} in all)")
            : $"{offset + 1}–{offset + shown} of {total} {(total == 1 ? one : many)}";
}
