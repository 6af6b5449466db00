namespace Storyline.Time.Grammar;

internal sealed partial class Parser
{
    /// <summary>Determiner of a relative expression: offset from the anchor (or from the last mentioned time when anaphoric).</summary>
    private readonly record struct Det(int End, int Offset, bool Anaphoric, bool The, bool Latest, string Word);

    /// <summary>"this", "last", "next", "the following", "this past", "the current", "that", "the same"...</summary>
    private bool Determiner(int i, out Det det)
    {
        det = default;
        int j = i;
        bool the = W(j, "the");
        if (the) j++;
        string w = L(j)?.Word ?? "";
        switch (w)
        {
            case "this" when !the:
                if (W(j + 1, "past")) { det = new(j + 2, -1, false, false, false, "this past"); return true; }
                if (W(j + 1, "coming") || W(j + 1, "upcoming")) { det = new(j + 2, 1, false, false, false, "this coming"); return true; }
                det = new(j + 1, 0, false, false, false, "this"); return true;
            case "last":
                det = new(j + 1, -1, false, the, false, "last"); return true;
            case "past":
                det = new(j + 1, -1, false, the, false, "past"); return true;
            case "previous" or "preceding" or "prior":
                det = new(j + 1, -1, the, the, false, "previous"); return true;
            case "latest" or "most recent":
                det = new(j + 1, -1, false, the, true, "latest"); return true;
            case "next":
                det = new(j + 1, 1, the, the, false, "next"); return true;
            case "coming" or "upcoming":
                det = new(j + 1, 1, false, the, false, "coming"); return true;
            case "following" or "succeeding" or "subsequent" when the:
                det = new(j + 1, 1, true, the, false, "following"); return true;
            case "current" or "present":
                det = new(j + 1, 0, false, the, false, "current"); return true;
            case "same" when the:
                det = new(j + 1, 0, true, the, false, "same"); return true;
            case "that" when !the:
                if (W(j + 1, "same")) { det = new(j + 2, 0, true, false, false, "that"); return true; }
                det = new(j + 1, 0, true, false, false, "that"); return true;
        }
        return false;
    }

    /// <summary>
    /// Determiner + calendar unit or name: "last year", "this week", "next month", "the following day",
    /// "this weekend", "last November", "this summer", "the current quarter", "that year".
    /// </summary>
    private Cand? DeterminedUnit(int i)
    {
        if (!Determiner(i, out var det)) return null;
        int j = det.End;
        int first = i;
        int off = det.Offset;
        bool ana = det.Anaphoric;

        // "last fiscal year", "this fiscal year"
        bool fiscal = W(j, "fiscal");
        if (fiscal) j++;

        if (UnitWord(j, out int ue, out var unit, out bool plural) && !plural)
        {
            if (_t[j].Length <= 3 && unit != Unit.Day) return null;     // "last min" etc.
            return UnitRelative(first, ue, unit, det, fiscal);
        }
        if (fiscal) return null;
        if (MonthName(j, out int me, out int month) && !(DayNumber(me, out _, out _)))
        {
            if (det.Word is "this" or "current" or "that")
                return new Cand { Type = TimexType.Date, First = first, End = me, Rel = ctx => Cal.Month((ana ? ctx.RefAt(Unit.Year) : ctx.Anchor).Year, month), Under = $"XXXX-{month:D2}", UsesRef = ana };
            if (off == 0) return null;
            return new Cand { Type = TimexType.Date, First = first, End = me, Rel = ctx => Cal.Month(Resolve.MonthYearStrict(ana ? ctx.RefAt(Unit.Month) : ctx.Anchor, month, off), month), Under = null, UsesRef = ana };
        }
        if (Has(j, LexFlags.Season) && !L(j)!.Plural)
        {
            string code = L(j)!.Season!;
            int dir = det.Word == "this" || det.Word == "current" ? 0 : off;
            return new Cand { Type = TimexType.Date, First = first, End = j + 1, Rel = ctx => Cal.Season(Resolve.SeasonYear(ana ? ctx.RefAt(Unit.Year) : ctx.Anchor, code, ctx.Tense, dir), code), Under = dir == 0 ? "XXXX-" + code : null, UsesRef = ana };
        }
        // "last night", "this morning", "this afternoon" are times of day
        if (Has(j, LexFlags.PartOfDay) && !L(j)!.Plural)
        {
            string pod = L(j)!.PartOfDay!;
            if (det.Word == "last" && pod == "NI")
                return new Cand { Type = TimexType.Time, First = first, End = j + 1, Rel = ctx => Cal.Date(ctx.Anchor.AddDays(-1)) + "TNI", Under = null };
            if (det.Word == "this")
                return new Cand { Type = TimexType.Time, First = first, End = j + 1, Rel = ctx => Cal.Date(ctx.Anchor) + "T" + pod, Under = null };
            if (det.Word is "next" or "following" && det.The)
                return new Cand { Type = TimexType.Time, First = first, End = j + 1, Rel = ctx => Cal.Date(ctx.RefOrAnchor.AddDays(1)) + "T" + pod, Under = null, UsesRef = true };
            if (det.Word is "that" or "same")
                return new Cand { Type = TimexType.Time, First = first, End = j + 1, Rel = ctx => Cal.Date(ctx.RefOrAnchor) + "T" + pod, Under = null, UsesRef = true };
            return null;
        }
        if (Holiday(j, allowBare: false) is { } hol && hol.HolidayOf is { } of)
        {
            int dir = off;
            return new Cand
            {
                Type = TimexType.Date, First = first, End = hol.End,
                Rel = ctx => Cal.Date(Resolve.YearOf(of, ctx.Anchor, dir == 0 ? ctx.Tense : Tense.None, dir)),
                Under = null,
            };
        }
        // "the past/next/coming (few) weeks" without a number
        if (UnitWord(j, out ue, out unit, out plural) && plural && det.Word is "past" or "last" or "coming" or "next" or "previous" or "recent")
        {
            if (det.Word is "coming" or "next")
                return new Cand { Type = TimexType.Date, Fixed = Refs.Future, First = first, End = ue };
            return new Cand { Type = TimexType.Duration, Fixed = Cal.DurationX(unit), First = first, End = ue };
        }
        return null;
    }

    /// <summary>Determiner + singular unit.</summary>
    private static Cand? UnitRelative(int first, int end, Unit unit, Det det, bool fiscal)
    {
        int off = det.Offset;
        bool ana = det.Anaphoric;
        DateOnly Base(Ctx ctx) => ana ? ctx.RefAt(unit) : ctx.Anchor;
        switch (unit)
        {
            case Unit.Day:
                // only anaphoric days make sense: "that day", "the same day", "the next day", "the previous day"
                if (!ana) return null;
                return new Cand { Type = TimexType.Date, First = first, End = end, Rel = ctx => Cal.Date(ctx.RefOrAnchor.AddDays(off)), Under = null, UsesRef = true };
            case Unit.Week:
            case Unit.Month:
            case Unit.Year:
                return new Cand
                {
                    Type = TimexType.Date, First = first, End = end,
                    Rel = ctx => Cal.AtGranularity(Cal.Add(Base(ctx), unit, off), unit),
                    Under = null, UsesRef = ana,
                };
            case Unit.Weekend:
                return new Cand
                {
                    Type = TimexType.Date, First = first, End = end,
                    Rel = ctx => Cal.Weekend(WeekendOf(Base(ctx), off, det.Word, ctx.Tense)),
                    Under = null, UsesRef = ana,
                };
            case Unit.Quarter:
                return new Cand
                {
                    Type = TimexType.Date, First = first, End = end,
                    Rel = ctx =>
                    {
                        var b = Base(ctx);
                        // "the latest quarter" in an earnings report is the last completed one
                        return Cal.AtGranularity(Cal.Add(b, Unit.Quarter, off), Unit.Quarter);
                    },
                    Under = null, UsesRef = ana,
                };
            case Unit.Decade:
            case Unit.Century:
                if (det.The && det.Word is "past" or "last")
                    return new Cand { Type = TimexType.Duration, Fixed = Cal.Duration(1, unit), First = first, End = end };
                return new Cand { Type = TimexType.Date, First = first, End = end, Rel = ctx => Cal.AtGranularity(Cal.Add(Base(ctx), unit, off), unit), Under = null, UsesRef = ana };
            default:
                return null;
        }
    }

    /// <summary>
    /// The Saturday of the weekend meant: "this weekend" is the coming one (or the one just past in a past clause),
    /// "last weekend" the one before the anchor, "next weekend" the one after the coming one.
    /// </summary>
    private static DateOnly WeekendOf(DateOnly anchor, int off, string det, Tense tense)
    {
        int dow = Cal.IsoDow(anchor);
        const int Saturday = 6;
        var thisSat = anchor.AddDays(Saturday - dow);            // Saturday of the anchor's ISO week
        bool inWeekend = dow >= Saturday;
        if (det is "this" or "current" or "same" or "that")
        {
            if (inWeekend) return thisSat;
            return tense == Tense.Past ? thisSat.AddDays(-Cal.DaysPerWeek) : thisSat;
        }
        if (off < 0) return inWeekend ? thisSat.AddDays(-Cal.DaysPerWeek) : thisSat.AddDays(-Cal.DaysPerWeek);
        return inWeekend ? thisSat.AddDays(Cal.DaysPerWeek) : thisSat.AddDays(det == "next" ? Cal.DaysPerWeek : 0);
    }

    // ---------------------------------------------------------------- vague references

    /// <summary>"now", "currently", "recently", "the past", "the future", "in the coming weeks", "these days"...</summary>
    private Cand? Vague(int i)
    {
        string? v = null;
        int end = i + 1;
        if (W(i, "now")) v = Refs.Present;
        else if (W(i, "currently") || W(i, "presently") || W(i, "nowadays")) v = Refs.Present;
        else if (W(i, "current") && !W(i + 1, "account") && !W(i + 1, "accounts") && !(P(i + 1, '-') && Adj(i + 1))) v = Refs.Present;
        else if (W(i, "these") && W(i + 1, "days")) { v = Refs.Present; end = i + 2; }
        else if (W(i, "at") && W(i + 1, "present")) { v = Refs.Present; i++; end = i + 1; }
        else if (W(i, "the") && W(i + 1, "present") && !IsWord(i + 2)) { v = Refs.Present; end = i + 2; }
        else if (W(i, "recently") || W(i, "lately")) v = Refs.Past;
        else if (W(i, "recent") && !(UnitWord(i + 1, out _, out _, out _))) v = Refs.Past;
        else if (W(i, "the") && W(i + 1, "past") && !UnitWord(i + 2, out _, out _, out _) && !Number(i + 2, out _, out _, false) && !FuzzyQuantity(i + 2, out _, out _)
                 && !Has(i + 2, LexFlags.Month | LexFlags.Weekday | LexFlags.Season)) { v = Refs.Past; end = i + 2; }
        else if (W(i, "the") && W(i + 1, "future")) { v = Refs.Future; end = i + 2; }
        else if (W(i, "as") && W(i + 1, "soon") && W(i + 2, "as") && W(i + 3, "possible")) { v = Refs.Future; end = i + 4; }
        else if (W(i, "the") && (W(i + 1, "near") || W(i + 1, "foreseeable") || W(i + 1, "distant")) && W(i + 2, "future")) { v = Refs.Future; end = i + 3; }
        else if (W(i, "the") && (W(i + 1, "near") || W(i + 1, "short") || W(i + 1, "long") || W(i + 1, "medium")) && (W(i + 2, "term"))) { v = Refs.Future; end = i + 3; }
        else if (W(i, "future") && UnitWord(i + 1, out int fe, out _, out bool fp) && fp) { v = Refs.Future; end = fe; }
        else if (W(i, "recent") || W(i, "coming") || W(i, "upcoming"))
        {
            // "recent years", "in the coming weeks"
            if (UnitWord(i + 1, out int ue, out var unit, out bool plural) && plural)
            {
                if (W(i, "recent")) return new Cand { Type = TimexType.Duration, Fixed = Cal.DurationX(unit), First = i, End = ue };
                int first = W(i - 1, "the") ? i - 1 : i;
                return new Cand { Type = TimexType.Date, Fixed = Refs.Future, First = first, End = ue };
            }
        }
        if (v is null) return null;
        return new Cand { Type = TimexType.Date, Fixed = v, First = i, End = end };
    }

    // ---------------------------------------------------------------- definite periods and bare plurals

    /// <summary>
    /// "the week", "the weekend", "the month", "the year" (the anchor's own period; "the year ended Sept. 30" is a
    /// duration), "the full year", and bare plural units after "for"/"within"/"after"/"over" ("for years").
    /// </summary>
    private Cand? DefinitePeriod(int i)
    {
        if (W(i, "the") && !W(i + 2, "of") && !(P(i + 2, '-') && Adj(i + 2)) && !W(i + 2, "before") && !W(i + 2, "after") && !W(i + 2, "earlier") && !W(i + 2, "ago"))
        {
            int j = i + 1;
            bool full = W(j, "full") || W(j, "whole") || W(j, "entire");
            if (full) j++;
            if (W(j, "year"))
            {
                if (W(j + 1, "ended") || W(j + 1, "ending") || W(j + 1, "to") && W(j + 2, "date"))
                    return new Cand { Type = TimexType.Duration, Fixed = "P1Y", First = i, End = j + 1 };
                return new Cand { Type = TimexType.Date, First = i, End = j + 1, Rel = ctx => Cal.Year(ctx.Anchor.Year), Under = null };
            }
            if (full) return null;
            if (W(j, "week")) return new Cand { Type = TimexType.Date, First = i, End = j + 1, Rel = ctx => Cal.Week(ctx.Anchor), Under = null };
            if (W(j, "month")) return new Cand { Type = TimexType.Date, First = i, End = j + 1, Rel = ctx => Cal.Month(ctx.Anchor.Year, ctx.Anchor.Month), Under = null };
            if (W(j, "weekend")) return new Cand { Type = TimexType.Date, First = i, End = j + 1, Rel = ctx => Cal.Weekend(WeekendOf(ctx.Anchor, 0, "this", ctx.Tense)), Under = null };
        }
        // "the weeks ahead", "the days ahead"
        if (W(i, "the") && UnitWord(i + 1, out int ae, out var aunit, out bool apl) && apl && W(ae, "ahead") && aunit is not (Unit.Weekend or Unit.Quarter))
            return new Cand { Type = TimexType.Duration, Fixed = Cal.DurationX(aunit), First = i, End = ae + 1 };
        if ((W(i - 1, "for") || W(i - 1, "within") || W(i - 1, "after") || W(i - 1, "over") || W(i - 1, "in") && !IsWord(i + 1))
            && UnitWord(i, out int ue, out var unit, out bool plural) && plural && _t[i].Length > 3 && unit is not (Unit.Weekend or Unit.Quarter))
            return new Cand { Type = TimexType.Duration, Fixed = Cal.DurationX(unit), First = i, End = ue };
        return null;
    }

    // ---------------------------------------------------------------- anaphora

    /// <summary>"the day before", "the day after", "the next morning", "that time" (past).</summary>
    private Cand? Anaphoric(int i)
    {
        // only when nothing follows: "the day before the election" is relative to the election, not to a time
        if (W(i, "the") && W(i + 1, "day") && (W(i + 2, "before") || W(i + 2, "after")) && (!IsWord(i + 3) || W(i + 3, "that")))
        {
            int off = W(i + 2, "before") ? -1 : 1;
            return new Cand { Type = TimexType.Date, First = i, End = i + 3, Rel = ctx => Cal.Date(ctx.RefOrAnchor.AddDays(off)), Under = null, UsesRef = true };
        }
        return null;
    }

    // ---------------------------------------------------------------- holidays

    /// <summary>A holiday: its date in a given year.</summary>
    private sealed class HolidayMatch
    {
        public int End;
        public Func<int, DateOnly>? HolidayOf;
    }

    private HolidayMatch? HolidayName(int i)
    {
        static Func<int, DateOnly> Fixed(int m, int d) => y => new DateOnly(y, m, d);
        if (!IsWord(i) || !_t[i].Capitalized) return null;
        string w = L(i)?.Word ?? "";
        switch (w)
        {
            case "christmas":
                if (W(i + 1, "eve")) return new() { End = i + 2, HolidayOf = Fixed(12, 24) };
                return new() { End = W(i + 1, "day") ? i + 2 : i + 1, HolidayOf = Fixed(12, 25) };
            case "new" when W(i + 1, "year") && P(i + 2, '\'') && W(i + 3, "s"):
                if (W(i + 4, "eve")) return new() { End = i + 5, HolidayOf = Fixed(12, 31) };
                if (W(i + 4, "day")) return new() { End = i + 5, HolidayOf = Fixed(1, 1) };
                return new() { End = i + 4, HolidayOf = Fixed(1, 1) };
            case "new" when W(i + 1, "year") && (W(i + 2, "day") || W(i + 2, "eve")):
                return new() { End = i + 3, HolidayOf = W(i + 2, "eve") ? Fixed(12, 31) : Fixed(1, 1) };
            case "thanksgiving":
                return new() { End = W(i + 1, "day") ? i + 2 : i + 1, HolidayOf = y => Cal.NthWeekday(y, 11, 4, 4) };
            case "easter":
                if (W(i + 1, "monday")) return new() { End = i + 2, HolidayOf = y => Cal.Easter(y).AddDays(1) };
                return new() { End = W(i + 1, "sunday") ? i + 2 : i + 1, HolidayOf = Cal.Easter };
            case "good" when W(i + 1, "friday"):
                return new() { End = i + 2, HolidayOf = y => Cal.Easter(y).AddDays(-2) };
            case "halloween":
                return new() { End = i + 1, HolidayOf = Fixed(10, 31) };
            case "valentine" when P(i + 1, '\'') && W(i + 2, "s") && W(i + 3, "day"):
                return new() { End = i + 4, HolidayOf = Fixed(2, 14) };
            case "independence" when W(i + 1, "day"):
                return new() { End = i + 2, HolidayOf = Fixed(7, 4) };
            case "labor" or "labour" when W(i + 1, "day"):
                return new() { End = i + 2, HolidayOf = y => Cal.NthWeekday(y, 9, 1, 1) };
            case "memorial" when W(i + 1, "day"):
                return new() { End = i + 2, HolidayOf = y => Cal.NthWeekday(y, 5, 1, -1) };
            case "veterans" when W(i + 1, "day") || P(i + 1, '\'') && W(i + 2, "day"):
                return new() { End = W(i + 1, "day") ? i + 2 : i + 3, HolidayOf = Fixed(11, 11) };
            case "election" when W(i + 1, "day"):
                // the Tuesday after the first Monday of November
                return new() { End = i + 2, HolidayOf = y => Cal.NthWeekday(y, 11, 1, 1).AddDays(1) };
            case "boxing" when W(i + 1, "day"):
                return new() { End = i + 2, HolidayOf = Fixed(12, 26) };
            case "mother" or "father" when P(i + 1, '\'') && W(i + 2, "s") && W(i + 3, "day"):
                return new() { End = i + 4, HolidayOf = w == "mother" ? y => Cal.NthWeekday(y, 5, 7, 2) : y => Cal.NthWeekday(y, 6, 7, 3) };
            case "st" when Dot(i + 1) is int k && W(k, "patrick") && P(k + 1, '\'') && W(k + 2, "s") && W(k + 3, "day"):
                return new() { End = k + 4, HolidayOf = Fixed(3, 17) };
            case "hanukkah" or "ramadan" or "diwali":
                return null;
        }
        return null;
    }

    /// <summary>A holiday as a date: "Christmas", "Thanksgiving Day", "Easter 2013", "New Year's Eve".</summary>
    private HolidayCand? Holiday(int i, bool allowBare)
    {
        var h = HolidayName(i);
        if (h is null) return null;
        var of = h.HolidayOf!;
        int k = h.End;
        if (P(k, ',')) k++;
        if (Year4(k, out int ye, out int y))
            return new HolidayCand { Type = TimexType.Date, Fixed = Cal.Date(of(y)), First = i, End = ye, HolidayOf = of };
        var c = new HolidayCand
        {
            Type = TimexType.Date, First = i, End = h.End, HolidayOf = of,
            Rel = ctx => Cal.Date(Resolve.YearOf(of, ctx.Anchor, ctx.Tense, 0)),
            Under = null,
        };
        return c;
    }
}

/// <summary>A holiday candidate keeps its date rule so "last Christmas" can reuse it.</summary>
internal sealed class HolidayCand
{
    public required string Type;
    public string? Fixed;
    public Func<Ctx, string?>? Rel;
    public string? Under;
    public int First;
    public int End;
    public Func<int, DateOnly>? HolidayOf;

    public Cand ToCand() => new() { Type = Type, Fixed = Fixed, Rel = Rel, Under = Under, First = First, End = End };
}
