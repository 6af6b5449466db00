namespace Storyline.Core.Stages;

/// <summary>Computes the identity of the clean text, used for exact de-duplication in the store.</summary>
public sealed class ContentHashStage : IStage
{
    public StageInfo Info { get; } = new("hash.v1", [Attr.Text], [Attr.ContentHash]);

    public void Process(Document doc, CancellationToken ct = default) => doc.ContentHash = ContentHash.Of(doc.Text);
}
