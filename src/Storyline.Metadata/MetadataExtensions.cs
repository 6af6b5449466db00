using Storyline.Core;

namespace Storyline.Metadata;

public static class MetadataExtensions
{
    /// <summary>Adds <see cref="MetadataStage"/> ("metadata.v1"), after the HTML parse it reads (added here when the pipeline has none yet).</summary>
    public static PipelineBuilder UseMetadata(this PipelineBuilder b, MetadataOptions? o = null)
        => Storyline.Extraction.HtmlExtractionPipelineExtensions.UseHtmlParse(b).Add(new MetadataStage(o));
}
