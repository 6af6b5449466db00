using System.CommandLine;
using Storyline.Engine;
using Storyline.Engine.Views;

namespace Storyline.Cli.Commands;

/// <summary>`storyline show ID`: one stored document with everything known about it.</summary>
public static class ShowCommand
{
    public static Command Create()
    {
        var id = Cli.IdArgument("ID", "Document id (from ingest, docs or search).");
        var cmd = Cli.NewCommand("show",
            "Show one document: title, source, original publisher, byline, publication date, language, the clean text, " +
            "and every line that cleaning removed with the reason.",
            "storyline show 1",
            "storyline show 1 --json | jq .published");
        cmd.Add(id);
        cmd.SetAction(r => Cli.Run(() =>
        {
            var docId = Cli.ParseId(r.GetValue(id), "document", "storyline docs");
            using var store = Cli.OpenStore(r);
            var doc = store.Get(docId);
            if (doc is null) return Cli.Error($"no document with id {docId}", ExitCodes.NotFound);
            var view = DocumentView.From(doc, store.Sightings(docId));
            if (StoryService.Supported(store))
            {
                var engine = StoryService.For(store).Engine;
                var rel = engine.Relations(docId);
                view = view with
                {
                    StoryId = engine.StoryOf(docId)?.Id,
                    Copies = rel.Copies, Rewrites = rel.Rewrites, Versions = rel.Versions, Original = rel.Original,
                    PublishedInferred = doc.Metadata.Published is null ? engine.InferDate(docId) : null,
                };
            }
            if (r.GetValue(Cli.Json)) { Cli.WriteJson(view); return ExitCodes.Success; }
            Console.WriteLine($"#{view.Id}  {Cli.Safe(view.Title ?? "(no title)")}");
            Console.WriteLine($"source: {Cli.Safe(view.Source ?? "-")}   publisher: {Cli.Safe(view.Publisher ?? "-")}   byline: {Cli.Safe(view.Byline ?? "-")}");
            if (view.StoryId is { } sid) Console.WriteLine($"story: {sid}   copies: {view.Copies.Count}   rewrites: {view.Rewrites.Count}   original: {(view.Original is { } o ? "#" + o.Id : "-")}");
            Console.WriteLine($"published: {view.Published ?? (view.PublishedInferred is { } inf ? $"~{inf.Earliest:yyyy-MM-dd}..{inf.Latest:yyyy-MM-dd} (inferred)" : "unknown")}   language: {Cli.Safe(view.Language ?? "-")}   hash: {view.ContentHash[..12]}");
            Console.WriteLine();
            Console.WriteLine(Cli.SafeText(view.Text));
            WriteStatements(view);
            if (view.Removed.Count > 0)
            {
                Console.WriteLine();
                Console.WriteLine($"removed ({view.Removed.Count}):");
                foreach (var x in view.Removed) Console.WriteLine($"  [{x.Reason}] {Cli.Safe(Trim(x.Text))}");
            }
            return ExitCodes.Success;
        }));
        return cmd;
    }

    /// <summary>Lines shown per statement section; --json has them all.</summary>
    private const int StatementLines = 10;

    /// <summary>Short "quotes:" and "events:" sections: who said what, who did what to whom.</summary>
    private static void WriteStatements(DocumentView view)
    {
        if (view.Quotes.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"quotes ({view.Quotes.Count}):");
            foreach (var q in view.Quotes.Take(StatementLines))
                Console.WriteLine($"  {Cli.Safe(QuotesCommand.SpeakerLabel(q))}{(q.Cue is { } cue ? $" [{Cli.Safe(cue)}]" : "")}: {Cli.Safe(Trim(QuotesCommand.QuoteLabel(q)))}");
            More(view.Quotes.Count, view.Id);
        }
        if (view.Events.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"events ({view.Events.Count}):");
            foreach (var e in view.Events.Take(StatementLines))
            {
                var code = EventsCommand.CodeLabel(e);
                Console.WriteLine($"  {Cli.Safe(e.Date ?? "-")}  {Cli.Safe(EventsCommand.Party(e.Actor, e.ActorEntity, e.ActorCode))}  " +
                    $"{Cli.Safe(EventsCommand.ActionLabel(e))}  {Cli.Safe(EventsCommand.Party(e.Target, e.TargetEntity, e.TargetCode))}" +
                    (code != "-" ? $"  [{Cli.Safe(code)}]" : "") + (e.Place is { } place ? $"  in {Cli.Safe(place)}" : ""));
            }
            More(view.Events.Count, view.Id);
        }
    }

    private static void More(int count, long id)
    {
        if (count > StatementLines)
            Console.WriteLine($"  … {count - StatementLines} more (storyline show {id} --json)");
    }

    private static string Trim(string s) => s.Length <= 100 ? s.ReplaceLineEndings(" ") : s[..100].ReplaceLineEndings(" ") + "…";
}
