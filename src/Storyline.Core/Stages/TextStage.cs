namespace Storyline.Core.Stages;

/// <summary>
/// The one stage that produces <see cref="Document.Text"/>, the body every later stage reads. It composes it from what the
/// body stages left: the extracted main content of an HTML page (<see cref="Document.ExtractedText"/>), or the cleaned
/// plain text (<see cref="Document.CleanedText"/>); when cleaning kept nothing of a plain-text document, the decoded input
/// itself (trimmed), so nothing is lost. An HTML page without extractable content keeps an empty text (the ingest reports
/// it as SL1010). It reads both body fields when the pipeline has them (<see cref="StageInfo.Reads"/>), so
/// <see cref="PipelineBuilder.Build"/> rejects a pipeline that puts this stage before extraction or cleaning.
/// </summary>
public sealed class TextStage : IStage
{
    public const string Id = "text.v1";

    public StageInfo Info { get; } = new(Id, [Attr.RawText], [Attr.Text]) { Reads = [Attr.ExtractedText, Attr.CleanedText] };

    public void Process(Document doc, CancellationToken ct = default) => doc.Text = Compose(doc);

    /// <summary>The body text of <paramref name="doc"/> from its extracted or cleaned text.</summary>
    public static string Compose(Document doc) => doc.Kind == ContentKind.Html
        ? doc.ExtractedText
        : doc.CleanedText.Length > 0 ? doc.CleanedText : doc.RawText.Trim();
}
