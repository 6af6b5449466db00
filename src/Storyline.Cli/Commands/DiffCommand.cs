using System.CommandLine;
using Storyline.Stories.Diff;

namespace Storyline.Cli.Commands;

/// <summary>`storyline diff ID1 ID2`: what changed between two versions of an article.</summary>
public static class DiffCommand
{
    public static Command Create()
    {
        var a = new Argument<long>("ID1") { Description = "The older document." };
        var b = new Argument<long>("ID2") { Description = "The newer document." };
        var all = new Option<bool>("--all") { Description = "Also print the sentences that stayed the same." };
        var cmd = Cli.NewCommand("diff",
            "Sentence-level diff of two documents (an update, a correction, a rewrite): '- ' removed, '+ ' added, " +
            "'~ ' changed with [-old-]{+new+} word marks.",
            "storyline diff 12 40", "storyline diff 12 40 --json");
        cmd.Add(a); cmd.Add(b); cmd.Add(all);
        cmd.SetAction(r => Cli.Run(() =>
        {
            using var store = Cli.OpenStore(r);
            var da = store.Get(r.GetValue(a));
            var db = store.Get(r.GetValue(b));
            if (da is null || db is null)
                return Cli.Error($"no document with id {(da is null ? r.GetValue(a) : r.GetValue(b))}", ExitCodes.NotFound);
            var diff = SentenceDiff.Compare(da.Text, db.Text);
            if (r.GetValue(Cli.Json)) { Cli.WriteJson(new { from = da.Id, to = db.Id, diff.Same, diff.Changed, diff.Added, diff.Removed, diff.Entries }); return ExitCodes.Success; }
            Console.WriteLine($"#{da.Id} {da.Metadata.Title?.Value} → #{db.Id} {db.Metadata.Title?.Value}");
            Console.Write(diff.ToText(r.GetValue(all)));
            return ExitCodes.Success;
        }));
        return cmd;
    }
}
