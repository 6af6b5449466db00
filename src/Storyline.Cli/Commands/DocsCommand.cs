using System.CommandLine;
using Spectre.Console;
using Storyline.Engine.Views;

namespace Storyline.Cli.Commands;

/// <summary>`storyline docs`: list stored documents.</summary>
public static class DocsCommand
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit") { Description = "At most this many documents.", DefaultValueFactory = _ => 100 };
        var offset = new Option<int>("--offset") { Description = "Skip this many documents first.", DefaultValueFactory = _ => 0 };
        var cmd = Cli.NewCommand("docs", "List stored documents, oldest first.",
            "storyline docs", "storyline docs --limit 20 --offset 40 --json");
        cmd.Add(limit); cmd.Add(offset);
        cmd.SetAction(r => Cli.Run(() =>
        {
            using var store = Cli.OpenStore(r);
            var docs = store.List(r.GetValue(limit), r.GetValue(offset));
            if (r.GetValue(Cli.Json))
            {
                Cli.WriteJson(new
                {
                    total = store.Count(),
                    documents = docs.Select(d => new
                    {
                        id = d.Id, title = d.Title, source = d.Source, publisher = d.Publisher,
                        published = d.Published is { } p ? DocumentView.FormatDate(p, p.TimeOfDay == TimeSpan.Zero) : null,
                        language = d.Language, content_hash = d.ContentHash,
                    }),
                });
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("id", "title", "source", "publisher", "published", "lang");
            foreach (var d in docs)
                table.AddRow(d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Cli.Markup(d.Title ?? "-"),
                    Cli.Markup(d.Source ?? "-"), Cli.Markup(d.Publisher ?? "-"),
                    d.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-", Cli.Markup(d.Language ?? "-"));
            AnsiConsole.Write(table);
            Console.WriteLine($"{docs.Count} of {store.Count()} documents");
            return ExitCodes.Success;
        }));
        return cmd;
    }
}
