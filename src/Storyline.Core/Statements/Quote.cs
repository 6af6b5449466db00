using System.Text.RegularExpressions;

namespace Storyline.Core;

/// <summary>
/// A quotation or reported statement and who made it (the quotes stage, <c>quotes.v1</c>).
/// Offsets are into <see cref="Document.Text"/>; entity indexes into <see cref="Document.Entities"/>.
/// </summary>
public sealed partial record Quote
{
    /// <summary>The words attributed: inside the marks for a direct quote, the reported clause for indirect speech.</summary>
    public required string Text { get; init; }
    public int Start { get; init; }
    public int End { get; init; }

    /// <summary>"direct" (in quotation marks), "mixed" (a partial quote inside reported speech) or "reported" (indirect).</summary>
    public required string Kind { get; init; }

    /// <summary>The speaker as written near the quote ("the official", "he", "Wang Yi"); null when none is found.</summary>
    public string? Speaker { get; init; }

    /// <summary>
    /// The speaker phrase as people want to read it in a list: without the relative clause or participle phrase that
    /// the span carries ("Tim Hess, who introduced the bill," → "Tim Hess"; "a lawyer who advised him" → "a lawyer").
    /// The span itself (<see cref="Speaker"/>, with its offsets) stays whole: it is what is scored and stored.
    /// </summary>
    public static string? ShortSpeaker(string? speaker)
    {
        if (speaker is null) return null;
        var s = speaker.Trim().TrimEnd(',', ' ');
        var m = SpeakerTail().Match(s);
        if (m.Success && m.Index > 0) s = s[..m.Index].TrimEnd(',', ' ');
        return s.Length > 0 ? s : speaker.Trim();
    }

    [GeneratedRegex(@",?\s+(?:who|whom|whose|which|that)\b|,\s+(?:\p{Ll}\w*ing|according)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SpeakerTail();

    public int SpeakerStart { get; init; } = -1;
    public int SpeakerEnd { get; init; } = -1;

    /// <summary>The speaker's entity (resolved through pronouns and nominals to a fitting earlier mention); -1 when unresolved.</summary>
    public int SpeakerEntity { get; init; } = -1;

    /// <summary>True when the source is unnamed on purpose ("a source with knowledge of the matter said").</summary>
    public bool Unnamed { get; init; }

    /// <summary>The relay when the statement is passed on ("her spokesperson", "a statement"); null otherwise.</summary>
    public string? Via { get; init; }
    /// <summary>Offsets of <see cref="Via"/> in <see cref="Document.Text"/>; -1 when there is no relay.</summary>
    public int ViaStart { get; init; } = -1;
    public int ViaEnd { get; init; } = -1;
    public int ViaEntity { get; init; } = -1;

    /// <summary>
    /// The cue as a lemma ("say", "tell", "according to", "urge", "describe"); ":" for a transcript line or headline
    /// ("PENCE: …"); null when the quote has no cue of its own (a quote paragraph continuing the previous speaker's,
    /// a quote signed with a dash and a name).
    /// </summary>
    public string? Cue { get; init; }
    public int CueStart { get; init; } = -1;
    public int CueEnd { get; init; } = -1;

    /// <summary>Index into <see cref="Document.Sentences"/> of the sentence the quote starts in.</summary>
    public int Sentence { get; init; } = -1;
}
