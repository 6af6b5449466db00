namespace Storyline.Time;

/// <summary>TIMEX3 types.</summary>
public static class TimexType
{
    public const string Date = "DATE";
    public const string Time = "TIME";
    public const string Duration = "DURATION";
    public const string Set = "SET";
}

/// <summary>TIMEX3 mod values used by the grammar.</summary>
internal static class Mods
{
    public const string Start = "START";
    public const string Mid = "MID";
    public const string End = "END";
    public const string Approx = "APPROX";
    public const string MoreThan = "MORE_THAN";
    public const string LessThan = "LESS_THAN";
    public const string EqualOrMore = "EQUAL_OR_MORE";
    public const string EqualOrLess = "EQUAL_OR_LESS";
    public const string OnOrAfter = "ON_OR_AFTER";
    public const string OnOrBefore = "ON_OR_BEFORE";
    public const string Before = "BEFORE";
    public const string After = "AFTER";
}

/// <summary>Vague TIMEX3 reference values.</summary>
internal static class Refs
{
    public const string Present = "PRESENT_REF";
    public const string Past = "PAST_REF";
    public const string Future = "FUTURE_REF";
}

/// <summary>
/// A recognised expression before resolution: a token range, a type and either a fixed value
/// (absolute dates, durations, sets) or a function of the anchor (relative expressions).
/// </summary>
internal sealed class Cand
{
    public int First;
    /// <summary>One past the last token.</summary>
    public int End;
    public required string Type;
    /// <summary>Value that does not depend on the anchor.</summary>
    public string? Fixed;
    /// <summary>Value computed from the anchor (called only when an anchor is known).</summary>
    public Func<Ctx, string?>? Rel;
    /// <summary>Best underspecified value when there is no anchor ("XXXX-11", "XXXX-WXX-6"); null when nothing is known.</summary>
    public string? Under;
    public string? Mod;
    /// <summary>Whether the value refers to the last mentioned time (anaphora) rather than the anchor.</summary>
    public bool UsesRef;
    /// <summary>The value is derived from an earlier mention ("a year earlier"); it must not become the new reference.</summary>
    public bool Derived;
    /// <summary>A second expression found by the same rule (the "6" of "Feb. 5-6").</summary>
    public Cand? Next;

    public bool Relative => Rel is not null;

    public static Cand Fix(string type, string? value, string? mod = null) => new() { Type = type, Fixed = value, Mod = mod };

    public static Cand Relat(string type, Func<Ctx, string?> rel, string? under, string? mod = null) =>
        new() { Type = type, Rel = rel, Under = under, Mod = mod };
}

/// <summary>What a relative expression is resolved against.</summary>
internal sealed class Ctx
{
    public DateOnly Anchor;
    /// <summary>Time of day of the anchor, when the publication time carries one.</summary>
    public TimeOnly? AnchorTime;
    /// <summary>The last mentioned specific time (for "that day", "the following year"), or null.</summary>
    public DateOnly? RefDate;
    public Unit RefGranularity;
    /// <summary>Token index of the expression being resolved (for distances to earlier mentions).</summary>
    public int CurrentToken;
    /// <summary>The last quarter mentioned ("the third quarter" -> 1989-Q3) and where, so "a year earlier" in an earnings story is that quarter a year before.</summary>
    public int QuarterYear, Quarter, QuarterToken = -1;
    /// <summary>How many tokens back a quarter mention still sets the frame of "a year ago".</summary>
    public const int QuarterReach = 150;

    public bool RecentQuarter(out int year, out int quarter)
    {
        year = QuarterYear; quarter = Quarter;
        return QuarterToken >= 0 && CurrentToken - QuarterToken <= QuarterReach;
    }

    internal Func<Tense>? TenseProvider;
    private Tense? _tense;

    /// <summary>Tense of the clause around the expression, computed on first use.</summary>
    public Tense Tense => _tense ??= TenseProvider?.Invoke() ?? Tense.None;

    internal void Reset(Func<Tense> provider) { TenseProvider = provider; _tense = null; }

    /// <summary>The reference day for anaphoric expressions: the last mentioned day, else the anchor.</summary>
    public DateOnly RefOrAnchor => RefAt(Unit.Day);

    /// <summary>The last mentioned time if it was at least as precise as <paramref name="unit"/>, else the anchor.</summary>
    public DateOnly RefAt(Unit unit) => RefDate is { } r && RefGranularity <= unit ? r : Anchor;
}
