using System.CommandLine;
using Storyline.Engine;
using Storyline.Engine.Views;

namespace Storyline.Cli.Commands;

/// <summary>`storyline show ID`: one stored document with everything known about it.</summary>
public static class ShowCommand
{
    public static Command Create()
    {
        var id = new Argument<long>("ID") { Description = "Document id (from ingest, docs or search)." };
        var cmd = Cli.NewCommand("show",
            "Show one document: title, source, original publisher, byline, publication date, language, the clean text, " +
            "and every line that cleaning removed with the reason.",
            "storyline show 1",
            "storyline show 1 --json | jq .published");
        cmd.Add(id);
        cmd.SetAction(r => Cli.Run(() =>
        {
            using var store = Cli.OpenStore(r);
            var docId = r.GetValue(id);
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
            Console.WriteLine($"#{view.Id}  {view.Title ?? "(no title)"}");
            Console.WriteLine($"source: {view.Source ?? "-"}   publisher: {view.Publisher ?? "-"}   byline: {view.Byline ?? "-"}");
            if (view.StoryId is { } sid) Console.WriteLine($"story: {sid}   copies: {view.Copies.Count}   rewrites: {view.Rewrites.Count}   original: {(view.Original is { } o ? "#" + o.Id : "-")}");
            Console.WriteLine($"published: {view.Published ?? (view.PublishedInferred is { } inf ? $"~{inf.Earliest:yyyy-MM-dd}..{inf.Latest:yyyy-MM-dd} (inferred)" : "unknown")}   language: {view.Language ?? "-"}   hash: {view.ContentHash[..12]}");
            Console.WriteLine();
            Console.WriteLine(view.Text);
            if (view.Removed.Count > 0)
            {
                Console.WriteLine();
                Console.WriteLine($"removed ({view.Removed.Count}):");
                foreach (var x in view.Removed) Console.WriteLine($"  [{x.Reason}] {Trim(x.Text)}");
            }
            return ExitCodes.Success;
        }));
        return cmd;
    }

    private static string Trim(string s) => s.Length <= 100 ? s.ReplaceLineEndings(" ") : s[..100].ReplaceLineEndings(" ") + "…";
}
