using Storyline.Core;

namespace Storyline.Metadata;

public static class MetadataExtensions
{
    /// <summary>Adds <see cref="MetadataStage"/> ("metadata.v1").</summary>
    public static PipelineBuilder UseMetadata(this PipelineBuilder b, MetadataOptions? o = null) => b.Add(new MetadataStage(o));
}
