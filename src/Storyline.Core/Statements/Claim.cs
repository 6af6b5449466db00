namespace Storyline.Core;

/// <summary>
/// A statement attributed to a side (the claims stage, <c>claims.v1</c>): every quote and reported statement
/// becomes one. The side is the speaker's country or organisation. Offsets are into <see cref="Document.Text"/>.
/// </summary>
public sealed record Claim
{
    /// <summary>What is asserted.</summary>
    public required string Text { get; init; }
    public int Start { get; init; }
    public int End { get; init; }

    /// <summary>Index into <see cref="Document.Quotes"/> of the statement it came from; -1 for none.</summary>
    public int Quote { get; init; } = -1;

    public string? Speaker { get; init; }
    public int SpeakerEntity { get; init; } = -1;

    /// <summary>The side: the speaker's country or organisation as a display name ("China", "United States", "NATO"); null when unknown.</summary>
    public string? Side { get; init; }
    /// <summary>A stable key for the side: ISO 3166 alpha-2 for a country, the entity key for an organisation.</summary>
    public string? SideKey { get; init; }

    /// <summary>What the claim is about, normalised (head lemmas of its subject: "balloon", "airspace"); null when unclear.</summary>
    public string? Subject { get; init; }
    /// <summary>The predicate as a lemma ("be", "violate", "kill").</summary>
    public string? Predicate { get; init; }
    /// <summary>The asserted value or object, normalised ("civilian airship", "surveillance balloon", "12").</summary>
    public string? Value { get; init; }
    /// <summary>The statement asserts the opposite of its predicate ("did not violate", "denied").</summary>
    public bool Negated { get; init; }

    /// <summary>Hedged, not asserted as fact ("may have", "could", "possibly"): never set against another claim.</summary>
    public bool Hedged { get; init; }

    /// <summary>Who did it, normalised like <see cref="Subject"/> (the active subject, or the "by" agent of a passive); null when none.</summary>
    public string? Agent { get; init; }
    /// <summary>Who or what it was done to (the object, or the subject of a passive); null when none.</summary>
    public string? Patient { get; init; }

    /// <summary>Quantities asserted ("10 times", "2 million people"), with the noun they count.</summary>
    public IReadOnlyList<ClaimNumber> Numbers { get; init; } = [];
    /// <summary>Dates asserted: TIMEX3 values from <see cref="Document.Times"/> inside the claim ("2023-02-04").</summary>
    public IReadOnlyList<string> Dates { get; init; } = [];
    /// <summary>Content lemmas of the claim (lower case, at most a dozen): what the detector compares topics by.</summary>
    public IReadOnlyList<string> Terms { get; init; } = [];
}

/// <summary>
/// A quantity in a claim: <paramref name="Unit"/> is the lemma of the noun it counts ("person", "time", "percent"), null when none;
/// <paramref name="Bound"/> is "exact", "min" ("more than", "at least"), "max" ("fewer than", "up to") or "approx" ("about").
/// </summary>
public sealed record ClaimNumber(double Value, string? Unit, string Bound = "exact");

/// <summary>A claim with the document and source it was read from, for comparing claims across a story.</summary>
public sealed record SourcedClaim(long DocId, int Index, string? Source, Claim Claim);

/// <summary>
/// Two claims from different sides that cannot both be true.
/// <paramref name="Kind"/>: "identity" (what something was), "responsibility" (who did or broke what),
/// "occurrence" (whether it happened), "number" or "date".
/// </summary>
public sealed record Contradiction(SourcedClaim A, SourcedClaim B, string Kind, string Reason);
