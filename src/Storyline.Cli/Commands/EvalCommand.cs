using System.CommandLine;

namespace Storyline.Cli.Commands;

/// <summary>`storyline eval TASK`: quality figures on benchmark data, with the metric each benchmark defines.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var cmd = Cli.NewCommand("eval",
            "Measure quality on benchmark data (the shared sets by default). Each task prints precision, recall and F1 " +
            "with the metric its benchmark defines; --json for scripts; --check fails (exit 7) below the floors in eval/floors/.",
            "storyline eval extraction",
            "storyline eval ner --file my-annotations.conll --json");
        // One line per task; each task's command lives in its own file.
        cmd.Add(EvalExtractionCommand.Create());
        cmd.Add(EvalSyntaxCommand.Create());
        cmd.Add(EvalTimeCommand.Create());
        cmd.Add(EvalCleaningCommand.Create());
        cmd.Add(EvalEntitiesCommand.Create());
        cmd.Add(EvalRewritesCommand.Create());
        cmd.Add(EvalDedupCommand.Create());
        cmd.Add(EvalStoriesCommand.Create());
        cmd.Add(EvalNerCommand.Create());
        cmd.Add(EvalQuotesCommand.Create());
        cmd.Add(EvalEventsCommand.Create());
        cmd.Add(EvalContradictionsCommand.Create());
        cmd.Add(EvalMetadataCommand.Create());
        return cmd;
    }
}
