namespace Storyline.Core;

/// <summary>
/// Who did what to whom, when and where (the events stage, <c>events.v1</c>), coded with CAMEO, its Goldstein
/// score and a PLOVER category. Offsets are into <see cref="Document.Text"/>; indexes into the document's layers.
/// </summary>
public sealed record NewsEvent
{
    /// <summary>The action as a lemma phrase ("meet", "shoot down", "postpone").</summary>
    public required string Action { get; init; }
    /// <summary>The trigger span in the text.</summary>
    public int Start { get; init; }
    public int End { get; init; }
    /// <summary>Index into <see cref="Document.Sentences"/>.</summary>
    public int Sentence { get; init; } = -1;

    public string? Actor { get; init; }
    public int ActorEntity { get; init; } = -1;
    /// <summary>CAMEO actor code: country + sector ("FRAGOV", "USAMIL", "CHN").</summary>
    public string? ActorCode { get; init; }

    public string? Target { get; init; }
    public int TargetEntity { get; init; } = -1;
    public string? TargetCode { get; init; }

    /// <summary>CAMEO event code ("036", "190").</summary>
    public string? Cameo { get; init; }
    /// <summary>Goldstein conflict–cooperation score of the CAMEO code, −10 … +10.</summary>
    public double? Goldstein { get; init; }
    /// <summary>PLOVER event type ("CONSULT", "ASSAULT", "ACCUSE", …).</summary>
    public string? Plover { get; init; }
    /// <summary>PLOVER mode of the category where the table gives one ("visit", "arrest", "investigate", …).</summary>
    public string? PloverMode { get; init; }

    /// <summary>The event's date as the time layer resolved it (ISO value); null when none applies.</summary>
    public string? Date { get; init; }
    /// <summary>Index into <see cref="Document.Times"/> of the expression that dated it; -1 when none.</summary>
    public int Time { get; init; } = -1;

    public string? Place { get; init; }
    /// <summary>Index into <see cref="Document.Places"/>; -1 when none.</summary>
    public int PlaceIndex { get; init; } = -1;

    /// <summary>"did not meet", "denied attacking": reported as not having happened.</summary>
    public bool Negated { get; init; }
    /// <summary>"may visit", "plans to meet", "if … attacks": not (yet) a fact.</summary>
    public bool Hypothetical { get; init; }

    /// <summary>Depth of the trigger in its sentence's dependency tree (0 = the root): the sentence's main event has the least.</summary>
    public int Depth { get; init; }
}
