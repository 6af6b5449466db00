using Storyline.Core;
using Storyline.Entities;

namespace Storyline.Engine;

/// <summary>Gives every entity its cross-document key, so the store counts one person in many documents once.</summary>
public sealed class EntityKeyStage : IStage
{
    public StageInfo Info { get; } = new("entity-keys.v1", [Attr.Entities], [Attr.Entities]);

    public void Process(Document doc, CancellationToken ct = default)
    {
        foreach (var e in doc.Entities) e.Key ??= EntityKey.Of(e);
    }
}
