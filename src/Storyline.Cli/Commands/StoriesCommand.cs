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
                table.AddRow(s.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(s.Title), s.Documents.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join(", ", s.Sources.Take(4))), s.FirstSeen.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    s.LastSeen.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return cmd;
    }

    public static Command CreateStory()
    {
        var id = new Argument<long>("ID") { Description = "Story id (from stories, or story_id in show --json)." };
        var cmd = Cli.NewCommand("story",
            "Show one story: its documents with sources and dates (inferred where a document had none) and a short extractive summary.",
            "storyline story 3", "storyline story 3 --json");
        cmd.Add(id);
        cmd.SetAction(r => Cli.Run(() =>
        {
            using var store = Cli.OpenStore(r);
            var detail = StoryService.For(store).Engine.Detail(r.GetValue(id));
            if (detail is null) return Cli.Error($"no story with id {r.GetValue(id)}", ExitCodes.NotFound);
            if (r.GetValue(Cli.Json)) { Cli.WriteJson(detail); return ExitCodes.Success; }
            var s = detail.Story;
            Console.WriteLine($"story {s.Id}: {s.Title}");
            Console.WriteLine($"{s.Documents} documents from {string.Join(", ", s.Sources)}; seen {s.FirstSeen:yyyy-MM-dd} – {s.LastSeen:yyyy-MM-dd}");
            Console.WriteLine();
            Console.WriteLine("summary:");
            foreach (var x in detail.Summary) Console.WriteLine($"  {x.Text} [#{x.DocId}]");
            Console.WriteLine();
            Console.WriteLine("documents:");
            foreach (var d in detail.Documents)
            {
                var when = d.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    ?? (d.PublishedInferred is { } inf ? $"~{inf.Earliest:yyyy-MM-dd}..{inf.Latest:yyyy-MM-dd} (inferred)" : "date unknown");
                Console.WriteLine($"  #{d.Id}  {when}  {d.Source ?? "-"}  {d.Title}");
            }
            return ExitCodes.Success;
        }));
        return cmd;
    }
}
