using Storyline.Core;

namespace Storyline.Entities;

/// <summary>Pipeline registration for the entity and place stages.</summary>
public static class EntitiesExtensions
{
    /// <summary>Adds <see cref="EntityStage"/> ("entities.v1"; needs doc.mentions, assigns doc.entities).</summary>
    public static PipelineBuilder UseEntities(this PipelineBuilder b, EntityOptions? o = null)
    {
        if (o?.Gazetteer is null) PrefetchGazetteer();
        return b.Add(new EntityStage(o));
    }

    /// <summary>Adds <see cref="PlaceStage"/> ("places.v1"; needs doc.mentions, assigns doc.places).</summary>
    public static PipelineBuilder UsePlaces(this PipelineBuilder b, PlaceOptions? o = null)
    {
        if (o?.Gazetteer is null) PrefetchGazetteer();
        return b.Add(new PlaceStage(o));
    }

    // The shared gazetteer loads in the background from pipeline build on, beside the other models.
    private static void PrefetchGazetteer() => ModelFiles.Prefetch(() => Geo.Gazetteer.Default);
}
