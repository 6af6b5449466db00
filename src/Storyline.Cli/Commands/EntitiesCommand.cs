using System.CommandLine;
using Spectre.Console;

namespace Storyline.Cli.Commands;

/// <summary>`storyline entities`: people, organisations and places across the store, with document counts.</summary>
public static class EntitiesCommand
{
    public static Command Create()
    {
        var type = new Option<string?>("--type") { Description = "Only this type: PER, ORG, LOC or MISC." };
        type.AcceptOnlyFromAmong("PER", "ORG", "LOC", "MISC");
        var limit = new Option<int>("--limit") { Description = "At most this many entities.", DefaultValueFactory = _ => 50 };
        var offset = new Option<int>("--offset") { Description = "Skip this many first.", DefaultValueFactory = _ => 0 };
        var cmd = Cli.NewCommand("entities",
            "List the entities found across stored documents, most documents first. Mentions of one person or organisation " +
            "in different documents count as one entity when their canonical name, type and country agree.",
            "storyline entities", "storyline entities --type PER --limit 20 --json");
        cmd.Add(type); cmd.Add(limit); cmd.Add(offset);
        cmd.SetAction(r => Cli.Run(() =>
        {
            using var store = Cli.OpenStore(r);
            var list = store.Entities(r.GetValue(limit), r.GetValue(offset), r.GetValue(type));
            if (r.GetValue(Cli.Json)) { Cli.WriteJson(new { entities = list }); return ExitCodes.Success; }
            var table = new Table().AddColumns("name", "type", "role", "country", "documents", "mentions");
            foreach (var e in list)
                table.AddRow(Cli.Markup(e.Name), Cli.Markup(e.Type), Cli.Markup(e.Role ?? "-"), Cli.Markup(e.Country ?? "-"),
                    e.Documents.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Mentions.ToString(System.Globalization.CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return cmd;
    }
}
