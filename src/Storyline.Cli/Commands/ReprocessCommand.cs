using System.CommandLine;
using Storyline.Engine;

namespace Storyline.Cli.Commands;

/// <summary>`storyline reprocess`: re-run the current pipeline over the stored original bytes.</summary>
public static class ReprocessCommand
{
    public static Command Create()
    {
        var cmd = Cli.NewCommand("reprocess",
            "Re-run the current pipeline over every stored document's original bytes and replace its analysis " +
            "(ids stay the same). Run it after upgrading Storyline to get better cleaning, metadata, entities and times.",
            "storyline reprocess", "storyline reprocess --db news.db --json");
        cmd.Description += "\nThe store must exist (see 'storyline ingest').";
        cmd.SetAction(r => Cli.Run(() =>
        {
            using var store = Cli.OpenStore(r);
            var service = new IngestService(store, DefaultPipeline.Default);
            var (done, failed) = service.Reprocess(n => { if (!r.GetValue(Cli.Json)) Console.Error.WriteLine($"reprocessed {n}"); });
            if (r.GetValue(Cli.Json)) Cli.WriteJson(new { reprocessed = done - failed, failed });
            else Console.WriteLine($"{done - failed} documents reprocessed, {failed} failed");
            return failed == 0 ? ExitCodes.Success : ExitCodes.PartialFailure;
        }));
        return cmd;
    }
}
