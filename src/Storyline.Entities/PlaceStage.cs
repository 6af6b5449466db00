using Storyline.Core;
using Storyline.Entities.Geo;

namespace Storyline.Entities;

/// <summary>Options for <see cref="PlaceStage"/>.</summary>
public sealed record PlaceOptions
{
    /// <summary>Gazetteer to use; null = <see cref="Gazetteer.Default"/> (loaded once, shared).</summary>
    public Gazetteer? Gazetteer { get; init; }
}

/// <summary>
/// Places: LOC mentions (and ORG/MISC mentions that name a country or a very large town, "Beijing said")
/// resolved against GeoNames (towns over 15,000 people, first-level divisions, countries) plus a short
/// list of continents and world regions, with ambiguity settled by context (see <see cref="PlaceResolver"/>).
/// <para>Output: one <see cref="Place"/> per distinct resolved place, in order of first mention, with that
/// mention's offsets and <see cref="Place.MentionCount"/>. Unresolved names are not listed.</para>
/// </summary>
public sealed class PlaceStage(PlaceOptions? options = null) : IStage
{
    private readonly PlaceOptions _options = options ?? new();
    private PlaceResolver? _resolver;

    public StageInfo Info { get; } = new("places.v1", [Attr.Mentions], [Attr.Places]);

    private PlaceResolver Resolver => _resolver ??= new PlaceResolver(_options.Gazetteer ?? Gazetteer.Default);

    public void Process(Document doc, CancellationToken ct = default)
    {
        doc.Places.Clear();
        if (doc.Mentions.Count == 0) return;
        var resolver = Resolver;
        var g = resolver.Gazetteer;
        var resolved = resolver.Resolve(doc);
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < resolved.Length; i++)
        {
            if (resolved[i] is not { } r) continue;
            var id = r.Id(g);
            if (byId.TryGetValue(id, out var k))
            {
                doc.Places[k] = doc.Places[k] with { MentionCount = doc.Places[k].MentionCount + 1 };
                continue;
            }
            var m = doc.Mentions[i];
            var surface = PlaceResolver.CleanSurface(m.Text);
            byId[id] = doc.Places.Count;
            doc.Places.Add(r.ToPlace(g, surface, m.Start, m.End, resolver.ViaAlias(m.Text, r)));
        }
    }
}
