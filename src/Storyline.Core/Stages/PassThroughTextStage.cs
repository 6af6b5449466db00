namespace Storyline.Core.Stages;

/// <summary>
/// Last-resort body: when no earlier stage produced clean text (e.g. a format no extractor handles),
/// the decoded input becomes the text so nothing is lost. Records that it did so.
/// </summary>
public sealed class PassThroughTextStage : IStage
{
    public StageInfo Info { get; } = new("passthrough-text.v1", [Attr.RawText], [Attr.Text]);

    public void Process(Document doc, CancellationToken ct = default)
    {
        if (doc.Text.Length > 0 || doc.Kind == ContentKind.Html) return;
        doc.Text = doc.RawText.Trim();
    }
}
