using Storyline.Core;

namespace Storyline.Cleaning;

/// <summary>
/// Cleans plain-text documents (<see cref="ContentKind.Text"/>): <see cref="Document.RawText"/> becomes the article
/// body in <see cref="Document.CleanedText"/> (paragraphs separated by one blank line; the text stage,
/// <see cref="Core.Stages.TextStage"/>, makes it <see cref="Document.Text"/>); every removed line goes to
/// <see cref="Document.Removed"/> with a reason from <see cref="RemovalReasons"/>; the headline, byline and photo
/// credits found on the way become metadata. HTML documents are left to the extraction stage.
/// </summary>
public sealed class TextCleaningStage(TextCleaningOptions? options = null) : IStage
{
    public const string Id = "clean-text.v1";
    public const string TitleRule = "text:headline";
    public const string BylineRule = "text:byline";

    private readonly TextCleaner _cleaner = new(options);

    public StageInfo Info { get; } = new(Id, Requires: [Attr.RawText], Assigns: [Attr.CleanedText, Attr.Removed, Attr.Metadata]);

    public void Process(Document doc, CancellationToken ct = default)
    {
        if (doc.Kind != ContentKind.Text) return;
        var known = doc.Metadata.Title?.Value;
        var r = _cleaner.Clean(doc.RawText, known);
        doc.CleanedText = r.Text;
        foreach (var line in r.Lines)
            if (line.Reason is not null) doc.Removed.Add(new RemovedText(line.Text, line.Reason));
        if (doc.Metadata.Title is null && r.Title is not null) doc.Metadata.Title = new Field<string>(r.Title, TitleRule);
        if (doc.Metadata.Byline is null && r.Byline is not null) doc.Metadata.Byline = new Field<string>(r.Byline, BylineRule);
        foreach (var c in r.Credits)
            if (!doc.Metadata.Credits.Contains(c, StringComparer.Ordinal)) doc.Metadata.Credits.Add(c);
    }
}

public static class TextCleaningPipelineExtensions
{
    /// <summary>Adds <see cref="TextCleaningStage"/> ("clean-text.v1").</summary>
    public static PipelineBuilder UseTextCleaning(this PipelineBuilder b, TextCleaningOptions? o = null)
        => b.Add(new TextCleaningStage(o));
}
