using Storyline.Core;
using Storyline.Time.Grammar;

namespace Storyline.Time;

/// <summary>Options of the time tagger.</summary>
public sealed record TimeTaggerOptions
{
    /// <summary>Resolve "that day", "the following year" against the last mentioned time (true) or the anchor (false).</summary>
    public bool ResolveAnaphora { get; init; } = true;

    /// <summary>Largest text (characters) tagged; longer input is tagged up to this point only.</summary>
    public int MaxLength { get; init; } = 2_000_000;

    public static TimeTaggerOptions Default { get; } = new();
}

/// <summary>Values of <see cref="TimeExpression.Anchor"/>.</summary>
public static class TimeAnchor
{
    /// <summary>The value was computed from the publication date.</summary>
    public const string Publication = "publication";
    /// <summary>The value depends on a publication date that is not known; it carries X placeholders or is null.</summary>
    public const string Unknown = "unknown";
    /// <summary>The value does not depend on any anchor (absolute dates, durations, sets).</summary>
    public const string None = "none";
}

/// <summary>
/// Finds TIMEX3 time expressions (DATE, TIME, DURATION, SET) in English news text and normalises them against an anchor,
/// normally the publication date, following TimeML/TimeBank conventions ("on Saturday" in a past-tense clause is the
/// Saturday before the anchor; in a future clause the one after it). Rule-based, thread-safe, no model files.
/// </summary>
public static class TimeExpressionTagger
{
    /// <summary>
    /// Tags <paramref name="text"/>. With a null <paramref name="anchor"/>, relative expressions get
    /// <see cref="TimeAnchor.Unknown"/> and an underspecified value ("XXXX-WXX-6") or null; nothing is guessed.
    /// </summary>
    public static IReadOnlyList<TimeExpression> Tag(string text, DateTimeOffset? anchor, TimeTaggerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var o = options ?? TimeTaggerOptions.Default;
        if (text.Length > o.MaxLength) text = text[..o.MaxLength];
        if (text.Length == 0) return [];
        var parser = new Parser(text);
        var cands = parser.FindAll();
        if (cands.Count == 0) return [];

        // tokens inside expressions are not tense markers ("last", "ago")
        var masked = new bool[parser.Count];
        foreach (var c in cands)
            for (int k = c.First; k < c.End && k < masked.Length; k++) masked[k] = true;

        Ctx? ctx = anchor is { } a
            ? new Ctx { Anchor = DateOnly.FromDateTime(a.DateTime), AnchorTime = TimeOnly.FromDateTime(a.DateTime) is var t && t != TimeOnly.MinValue ? t : null }
            : null;
        var toks = parser.Tokens;
        var result = new List<TimeExpression>(cands.Count);
        foreach (var c in cands)
        {
            string? value;
            string anchorKind;
            if (!c.Relative)
            {
                value = c.Fixed;
                anchorKind = value is Refs.Present or Refs.Past or Refs.Future && ctx is null ? TimeAnchor.Unknown : TimeAnchor.None;
            }
            else if (ctx is null)
            {
                value = c.Under;
                anchorKind = TimeAnchor.Unknown;
            }
            else
            {
                var cand = c;
                ctx.CurrentToken = c.First;
                ctx.Reset(() => parser.TenseAround(cand.First, cand.End, masked));
                if (!o.ResolveAnaphora && c.UsesRef)
                {
                    var saved = ctx.RefDate;
                    ctx.RefDate = null;
                    value = c.Rel!(ctx);
                    ctx.RefDate = saved;
                }
                else value = c.Rel!(ctx);
                anchorKind = TimeAnchor.Publication;
            }
            int start = toks[c.First].Start, end = toks[c.End - 1].End;
            result.Add(new TimeExpression(start, end, text[start..end], c.Type, value) { Anchor = anchorKind, Mod = c.Mod });
            if (ctx is not null && !c.Derived && c.Type is TimexType.Date or TimexType.Time && value is not null)
            {
                ctx.CurrentToken = c.First;
                UpdateReference(ctx, value);
            }
        }
        return result;
    }

    /// <summary>Remembers the last specific time mentioned (year, month or day precision) for anaphora.</summary>
    private static void UpdateReference(Ctx ctx, string value)
    {
        if (value.Length < 4 || !IsDigits(value, 0, 4)) return;
        int y = Num(value, 0, 4);
        if (y < 1) return;
        if (value.Length == 7 && value[4] == '-' && value[5] == 'Q' && value[6] is >= '1' and <= '4')
        {
            ctx.QuarterYear = y; ctx.Quarter = value[6] - '0'; ctx.QuarterToken = ctx.CurrentToken;
            return;
        }
        if (value.Length >= 10 && value[4] == '-' && IsDigits(value, 5, 2) && value[7] == '-' && IsDigits(value, 8, 2))
        {
            int m = Num(value, 5, 2), d = Num(value, 8, 2);
            if (Cal.ValidDate(y, m, d)) { ctx.RefDate = new DateOnly(y, m, d); ctx.RefGranularity = Unit.Day; }
            return;
        }
        if (value.Length >= 7 && value[4] == '-' && IsDigits(value, 5, 2))
        {
            int m = Num(value, 5, 2);
            if (m is >= 1 and <= 12) { ctx.RefDate = new DateOnly(y, m, 1); ctx.RefGranularity = Unit.Month; }
            return;
        }
        if (value.Length == 4) { ctx.RefDate = new DateOnly(y, 1, 1); ctx.RefGranularity = Unit.Year; }
    }

    private static bool IsDigits(string s, int start, int len)
    {
        if (start + len > s.Length) return false;
        for (int i = start; i < start + len; i++) if (!char.IsAsciiDigit(s[i])) return false;
        return true;
    }

    private static int Num(string s, int start, int len) => int.Parse(s.AsSpan(start, len), System.Globalization.CultureInfo.InvariantCulture);
}
