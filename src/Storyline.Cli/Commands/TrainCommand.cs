using System.CommandLine;

namespace Storyline.Cli.Commands;

/// <summary>`storyline train MODEL`: reproduce a committed model from the shared data.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var cmd = Cli.NewCommand("train",
            "Train a statistical model from the data in ../shared/data and write it to models/ (the committed models were made this way).",
            "storyline train ner",
            "storyline train cleaning");
        // One line per model; each trainer's command lives in its own file.
        cmd.Add(TrainGazetteerCommand.Create());
        cmd.Add(TrainPosCommand.Create());
        cmd.Add(TrainParserCommand.Create());
        cmd.Add(TrainCleaningCommand.Create());
        cmd.Add(TrainNerCommand.Create());
        cmd.Add(TrainStoriesCommand.Create());
        cmd.Add(TrainIdfCommand.Create());
        cmd.Add(TrainParaphraseCommand.Create());
        cmd.Add(TrainEventsCommand.Create());
        cmd.Add(TrainQuotesCommand.Create());
        return cmd;
    }
}
