using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Storyline.Engine;

namespace Storyline.Cli.Commands;

/// <summary>`storyline stories` and `storyline story ID`: stories built from the stored documents.</summary>
public static class StoriesCommand
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit") { Description = "At most this many stories.", DefaultValueFactory = _ => 50 };
        var offset = new Option<int>("--offset") { Description = "Skip this many first.", DefaultValueFactory = _ => 0 };
        var cmd = Cli.NewCommand("stories",
            "List stories, most recently updated first. A story is one real-world event: the original reports, their copies " +
            "and rewrites, and the follow-ups; each new document joins a story or starts one as it is ingested.",
            "storyline stories", "storyline stories --limit 10 --json");
        cmd.Add(limit); cmd.Add(offset);
        cmd.SetAction(r => Cli.Run(() =>
        {
            using var store = Cli.OpenStore(r);
            var stories = StoryService.For(store).Engine.ListStories(r.GetValue(limit), r.GetValue(offset));
            if (r.GetValue(Cli.Json)) { Cli.WriteJson(new { stories }); return ExitCodes.Success; }
            var table = new Table().AddColumns("id", "title", "docs", "sources", "first seen", "last seen");
            foreach (var s in stories)
                table.AddRow(s.Id.ToString(CultureInfo.InvariantCulture), Cli.Markup(s.Title), s.Documents.ToString(CultureInfo.InvariantCulture),
                    Cli.Markup(string.Join(", ", s.Sources.Take(4))), s.FirstSeen.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    s.LastSeen.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return cmd;
    }

    public static Command CreateStory()
    {
        var id = Cli.IdArgument("ID", "Story id (from stories, or story_id in show --json).");
        var cmd = Cli.NewCommand("story",
            "Show one story: its documents with sources and dates (inferred where a document had none), a short extractive summary, " +
            "a timeline of its events and dated statements (dates of undated documents resolved against the story's inferred date, " +
            "marked inferred), each side's claims and the contradictions between sides.",
            "storyline story 3", "storyline story 3 --json",
            "storyline story 3 --json | jq '.timeline[] | [.date, .text]'", "storyline story 3 --json | jq '.contradictions'");
        cmd.Add(id);
        cmd.SetAction(r => Cli.Run(() =>
        {
            var storyId = Cli.ParseId(r.GetValue(id), "story", "storyline stories");
            using var store = Cli.OpenStore(r);
            var detail = StoryService.For(store).Engine.Detail(storyId);
            if (detail is null) return Cli.Error($"no story with id {storyId}", ExitCodes.NotFound);
            if (r.GetValue(Cli.Json)) { Cli.WriteJson(detail); return ExitCodes.Success; }
            var s = detail.Story;
            Console.WriteLine($"story {s.Id}: {Cli.Safe(s.Title)}");
            Console.WriteLine($"{s.Documents} documents from {Cli.Safe(string.Join(", ", s.Sources))}; seen {s.FirstSeen:yyyy-MM-dd} – {s.LastSeen:yyyy-MM-dd}");
            Console.WriteLine();
            Console.WriteLine("summary:");
            foreach (var x in detail.Summary) Console.WriteLine($"  {Cli.Safe(x.Text)} [#{x.DocId}]");
            Console.WriteLine();
            Console.WriteLine("timeline:");
            if (detail.Timeline.Count == 0) Console.WriteLine("  (no dated events or statements)");
            else
            {
                foreach (var t in detail.Timeline.Take(TimelineLines))
                {
                    var marks = (t.Inferred ? " (inferred)" : "") + (t.Negated ? " (negated)" : "") + (t.Hypothetical ? " (hypothetical)" : "");
                    var who = t.Kind == "event" ? "" : $"{Cli.Safe(t.Speaker ?? "unknown")}: ";
                    Console.WriteLine($"  {t.Date,-10}  {who}{Cli.Safe(Short(t.Text))}{marks} [#{t.DocId} {Cli.Safe(t.Source ?? "-")}]");
                }
                if (detail.Timeline.Count > TimelineLines) Console.WriteLine($"  … {detail.Timeline.Count - TimelineLines} more (--json)");
            }
            Console.WriteLine();
            Console.WriteLine("sides:");
            if (detail.Claims.Count == 0) Console.WriteLine("  (no claims)");
            else
            {
                foreach (var side in detail.Claims)
                {
                    Console.WriteLine($"  {Cli.Safe(side.Side ?? "side unknown")}{(side.SideKey is { } k ? $" ({Cli.Safe(k)})" : "")}: {side.Claims.Count} claims");
                    foreach (var c in side.Claims.Take(ClaimsPerSide))
                        Console.WriteLine($"    {Cli.Safe(c.Speaker ?? "unknown")}: {Cli.Safe(Short(c.Text))} [#{c.DocId}]");
                }
            }
            Console.WriteLine();
            Console.WriteLine("contradictions:");
            if (detail.Contradictions.Count == 0) Console.WriteLine("  (none found)");
            else
            {
                foreach (var c in detail.Contradictions)
                {
                    Console.WriteLine($"  {Cli.Safe(c.Kind)}: {Cli.Safe(c.A.Side ?? "?")} [#{c.A.DocId} {Cli.Safe(c.A.Source ?? "-")}] vs {Cli.Safe(c.B.Side ?? "?")} [#{c.B.DocId} {Cli.Safe(c.B.Source ?? "-")}]");
                    Console.WriteLine($"    a: {Cli.Safe(Short(c.A.Text))}");
                    Console.WriteLine($"    b: {Cli.Safe(Short(c.B.Text))}");
                }
            }
            Console.WriteLine();
            Console.WriteLine("documents:");
            foreach (var d in detail.Documents)
            {
                var when = d.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    ?? (d.PublishedInferred is { } inf ? $"~{inf.Earliest:yyyy-MM-dd}..{inf.Latest:yyyy-MM-dd} (inferred)" : "date unknown");
                Console.WriteLine($"  #{d.Id}  {when}  {Cli.Safe(d.Source ?? "-")}  {Cli.Safe(d.Title)}");
            }
            return ExitCodes.Success;
        }));
        return cmd;
    }

    /// <summary>Timeline lines and claims per side the human output shows (the JSON has them all).</summary>
    private const int TimelineLines = 15, ClaimsPerSide = 3, ShortChars = 140;

    private static string Short(string s) => s.Length <= ShortChars ? s : s[..ShortChars].TrimEnd() + "…";
}
