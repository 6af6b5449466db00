using System.CommandLine;
using Storyline.Stories.Diff;

namespace Storyline.Cli.Commands;

/// <summary>`storyline diff ID1 ID2`: what changed between two versions of an article.</summary>
public static class DiffCommand
{
    public static Command Create()
    {
        var a = Cli.IdArgument("ID1", "The older document.");
        var b = Cli.IdArgument("ID2", "The newer document.");
        var all = new Option<bool>("--all") { Description = "Also print the sentences that stayed the same." };
        var cmd = Cli.NewCommand("diff",
            "Sentence-level diff of two documents (an update, a correction, a rewrite): '- ' removed, '+ ' added, " +
            "'~ ' changed with [-old-]{+new+} word marks.",
            "storyline diff 12 40", "storyline diff 12 40 --json");
        cmd.Add(a); cmd.Add(b); cmd.Add(all);
        cmd.SetAction(r => Cli.Run(() =>
        {
            long ia = Cli.ParseId(r.GetValue(a), "document", "storyline docs"), ib = Cli.ParseId(r.GetValue(b), "document", "storyline docs");
            using var store = Cli.OpenStore(r);
            var da = store.Get(ia);
            var db = store.Get(ib);
            if (da is null || db is null)
                return Cli.Error($"no document with id {(da is null ? ia : ib)}", ExitCodes.NotFound);
            var diff = SentenceDiff.Compare(da.Text, db.Text);
            if (r.GetValue(Cli.Json)) { Cli.WriteJson(new { from = da.Id, to = db.Id, diff.Same, diff.Changed, diff.Added, diff.Removed, diff.Entries }); return ExitCodes.Success; }
            Console.WriteLine($"#{da.Id} {Cli.Safe(da.Metadata.Title?.Value)} → #{db.Id} {Cli.Safe(db.Metadata.Title?.Value)}");
            Console.Write(Cli.SafeText(diff.ToText(r.GetValue(all))));
            return ExitCodes.Success;
        }));
        return cmd;
    }
}
