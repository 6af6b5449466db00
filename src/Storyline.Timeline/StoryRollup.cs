using Storyline.Claims;
using Storyline.Core;

namespace Storyline.Timeline;

/// <summary>
/// The story-level roll-up of the statement layer: the timeline (<see cref="TimelineBuilder"/>), each side's claims
/// and the pairs of claims the contradiction detector (<see cref="ContradictionDetector"/>) flags. The caller chooses
/// and caps the documents (one per group of copies and versions); every list here is capped again by
/// <see cref="RollupOptions"/>, and documents are read in date order (then id) so the result does not depend on the
/// order they were given in.
/// </summary>
public static class StoryRollup
{
    public static StoryRollupResult Build(IReadOnlyList<RollupDocument> docs, RollupOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(docs);
        var o = options ?? RollupOptions.Default;
        var ordered = Order(docs);
        return new StoryRollupResult(TimelineBuilder.Build(ordered, o), Sides(ordered, o), Contradictions(ordered, o));
    }

    /// <summary>Documents in date order (undated and unplaced last), then by id.</summary>
    public static IReadOnlyList<RollupDocument> Order(IReadOnlyList<RollupDocument> docs) =>
        docs.OrderBy(d => d.When ?? DateTimeOffset.MaxValue).ThenBy(d => d.Doc.Id).ToList();

    /// <summary>
    /// Claims grouped by side (speaker's country or organisation), sides with most distinct claims first, claims without a side
    /// last (side null). A claim repeated by another document of the same side (a rewrite) is listed once, with the
    /// other documents in <see cref="ClaimView.AlsoIn"/>.
    /// </summary>
    public static IReadOnlyList<SideClaims> Sides(IReadOnlyList<RollupDocument> docs, RollupOptions? options = null)
    {
        var o = options ?? RollupOptions.Default;
        var same = o.NearDuplicate ?? TimelineBuilder.SameWords;
        var groups = new Dictionary<string, (string? Side, string? Key, List<ClaimView> Claims, int Total)>(StringComparer.Ordinal);
        foreach (var d in docs)
        {
            int i = 0;
            foreach (var c in d.Doc.Claims.Take(o.MaxStatementsPerDocument))
            {
                int index = i++;
                if (string.IsNullOrWhiteSpace(c.Text)) continue;
                string gk = c.SideKey ?? c.Side ?? "";
                if (!groups.TryGetValue(gk, out var g)) groups[gk] = g = (c.Side, c.SideKey, [], 0);
                g.Total++;
                int hit = g.Claims.FindIndex(x => x.DocId != d.Doc.Id && same(x.Text, c.Text));
                if (hit >= 0)
                {
                    var x = g.Claims[hit];
                    if (!x.AlsoIn.Contains(d.Doc.Id)) g.Claims[hit] = x with { AlsoIn = [.. x.AlsoIn, d.Doc.Id] };
                }
                else if (g.Claims.Count < o.MaxClaimsPerSide) g.Claims.Add(View(d.Doc.Id, index, d.Source, c));
                groups[gk] = g;
            }
        }
        return groups
            .OrderBy(kv => kv.Key.Length == 0) // no side: last
            .ThenByDescending(kv => kv.Value.Claims.Count)
            .ThenByDescending(kv => kv.Value.Total)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(Math.Max(0, o.MaxSides))
            .Select(kv => new SideClaims(kv.Value.Side, kv.Value.Key, kv.Value.Claims))
            .ToList();
    }

    /// <summary>
    /// The story's contradicting claim pairs, as <see cref="ContradictionDetector.Find"/> decides them: the claims of the
    /// documents (at most <see cref="RollupOptions.MaxDetectorClaims"/>, claims with a side first, in date order) go in,
    /// its pairs come out in its order with both sources.
    /// </summary>
    public static IReadOnlyList<ContradictionView> Contradictions(IReadOnlyList<RollupDocument> docs, RollupOptions? options = null)
    {
        var o = options ?? RollupOptions.Default;
        var withSide = new List<SourcedClaim>();
        var without = new List<SourcedClaim>();
        foreach (var d in docs)
        {
            int i = 0;
            foreach (var c in d.Doc.Claims.Take(o.MaxStatementsPerDocument))
            {
                var sc = new SourcedClaim(d.Doc.Id, i++, d.Source, c);
                (c.SideKey is not null || c.Side is not null ? withSide : without).Add(sc);
            }
        }
        var input = withSide.Concat(without).Take(Math.Max(0, o.MaxDetectorClaims)).ToList();
        if (input.Count < 2) return [];
        return (o.Detector ?? ContradictionDetector.Find)(input)
            .Take(Math.Max(0, o.MaxContradictions))
            .Select(x => new ContradictionView(View(x.A), View(x.B), x.Kind, [x.A.Source, x.B.Source], x.Reason))
            .ToList();
    }

    private static ClaimView View(SourcedClaim s) => View(s.DocId, s.Index, s.Source, s.Claim);

    private static ClaimView View(long docId, int index, string? source, Claim c) => new()
    {
        Text = c.Text.Trim(),
        Speaker = c.Speaker,
        DocId = docId,
        Source = source,
        Side = c.Side,
        SideKey = c.SideKey,
        Subject = c.Subject,
        Predicate = c.Predicate,
        Value = c.Value,
        Negated = c.Negated,
        Index = index,
    };
}
