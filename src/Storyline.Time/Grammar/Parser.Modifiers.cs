namespace Storyline.Time.Grammar;

internal sealed partial class Parser
{
    /// <summary>Days of reporting lag: "the quarter" in an earnings story is the one that ended before publication.</summary>
    private const int ReportingLagDays = 45;

    // ---------------------------------------------------------------- approximation and comparison prefixes

    /// <summary>"about two years", "more than 48 hours", "at least a week", "nearly four years ago", "around 7:15 p.m.".</summary>
    private Cand? Modified(int i)
    {
        int j = i;
        string? mod = null;
        bool needsNumber = false;
        if (W(j, "about") || W(j, "around") || W(j, "approximately") || W(j, "roughly") || W(j, "some") || W(j, "circa") || W(j, "nearly") || W(j, "almost"))
        {
            mod = W(j, "nearly") || W(j, "almost") ? Mods.LessThan : Mods.Approx;
            needsNumber = W(j, "some");
            j++;
        }
        else if (W(j, "more") && W(j + 1, "than") || W(j, "longer") && W(j + 1, "than")) { mod = Mods.MoreThan; j += 2; }
        else if (W(j, "less") && W(j + 1, "than") || W(j, "fewer") && W(j + 1, "than") || W(j, "shorter") && W(j + 1, "than")) { mod = Mods.LessThan; j += 2; }
        else if (W(j, "at") && W(j + 1, "least")) { mod = Mods.EqualOrMore; j += 2; }
        else if (W(j, "at") && W(j + 1, "most")) { mod = Mods.EqualOrLess; j += 2; }
        else if (W(j, "up") && W(j + 1, "to")) { mod = Mods.EqualOrLess; j += 2; needsNumber = true; }
        else if (W(j, "no") && (W(j + 1, "more") || W(j + 1, "later")) && W(j + 2, "than")) { mod = W(j + 1, "later") ? Mods.OnOrBefore : Mods.EqualOrLess; j += 3; }
        else if (W(j, "no") && (W(j + 1, "less") || W(j + 1, "earlier")) && W(j + 2, "than")) { mod = W(j + 1, "earlier") ? Mods.OnOrAfter : Mods.EqualOrMore; j += 3; }
        else if (W(j, "over") || W(j, "under")) { mod = W(j, "over") ? Mods.MoreThan : Mods.LessThan; j++; needsNumber = true; }
        else if ((W(j, "just") || W(j, "well")) && (W(j + 1, "over") || W(j + 1, "under"))) { mod = W(j + 1, "over") ? Mods.MoreThan : Mods.LessThan; j += 2; needsNumber = true; }
        if (mod is null) return null;
        if (needsNumber && !(Number(j, out _, out _, allowArticle: true) || FuzzyQuantity(j, out _, out _))) return null;
        var c = Core(j);
        if (c is null || c.First != j) return null;
        // comparisons only make sense on amounts and clock times; "about Friday" is not a thing
        bool amount = c.Type == TimexType.Duration || c.Type == TimexType.Time || c.Relative && IsAmountDate(j);
        bool approxDate = mod == Mods.Approx && c.Type == TimexType.Date && !W(i, "some") && !Has(j, LexFlags.Weekday)
                          && c.Fixed is not (Refs.Past or Refs.Present or Refs.Future);
        if (!amount && !approxDate) return null;
        c.First = i;
        c.Mod ??= mod;
        return c;
    }

    /// <summary>Whether a date at j starts with a number (so "about two years ago" is approximate).</summary>
    private bool IsAmountDate(int j) => Number(j, out _, out _, allowArticle: true) || FuzzyQuantity(j, out _, out _);

    // ---------------------------------------------------------------- positions within a period

    /// <summary>"early next year", "late November", "mid-1990s", "the end of 2013", "earlier this month", "later today".</summary>
    private Cand? Positional(int i)
    {
        int j = i;
        bool the = W(j, "the");
        if (the) j++;
        string? mod = null;
        bool ofForm = false;
        bool comparative = false;
        if (W(j, "early") || W(j, "earlier")) { mod = Mods.Start; comparative = W(j, "earlier"); j++; if (!comparative && Hyphen(j)) j++; }
        else if (W(j, "late") || W(j, "later")) { mod = Mods.End; comparative = W(j, "later"); j++; if (!comparative && Hyphen(j)) j++; }
        else if (W(j, "mid") || W(j, "middle") && !the) { mod = Mods.Mid; j++; if (P(j, '-')) j++; }
        else if (the && (W(j, "end") || W(j, "close")) && W(j + 1, "of")) { mod = Mods.End; j += 2; ofForm = true; }
        else if (the && (W(j, "beginning") || W(j, "start") || W(j, "dawn") || W(j, "outset")) && W(j + 1, "of")) { mod = Mods.Start; j += 2; ofForm = true; }
        else if (the && W(j, "middle") && W(j + 1, "of")) { mod = Mods.Mid; j += 2; ofForm = true; }
        else if (the && W(j, "turn") && W(j + 1, "of")) { mod = Mods.Start; j += 2; ofForm = true; }
        if (mod is null) return null;
        if (the && comparative) return null;
        // "mid afternoon", "early morning", "late evening": that part of the anchor's (or the last mentioned) day
        if (!ofForm && !comparative && Has(j, LexFlags.PartOfDay) && !L(j)!.Plural && !Has(j + 1, LexFlags.Unit))
        {
            string pod = L(j)!.PartOfDay!;
            // "mid-afternoon yesterday", "early morning Friday"
            if (Day(j + 1) is { } podDay)
            {
                var dc = podDay.ToCand(TimexType.Time, "T" + pod);
                dc.First = i; dc.End = podDay.End; dc.Mod = mod; dc.Next = null;
                return dc;
            }
            return new Cand { Type = TimexType.Time, First = i, End = j + 1, Mod = mod, Rel = ctx => Cal.Date(ctx.RefOrAnchor) + "T" + pod, Under = "XXXX-XX-XXT" + pod, UsesRef = true };
        }
        // "early in the year", "later in the day", "late in the week"
        if (W(j, "in") && W(j + 1, "the") && UnitWord(j + 2, out int ue, out var inUnit, out bool inPl) && !inPl)
        {
            if (ofForm) return null;
            return PeriodOfAnchor(i, ue, inUnit, mod);
        }
        // "the end of the year", "the start of the week": the current period
        if (ofForm && W(j, "the") && UnitWord(j + 1, out ue, out var u, out bool pl) && !pl && !W(ue, "of"))
            return PeriodOfAnchor(i, ue, u, mod);
        if (comparative && !(W(j, "this") || W(j, "that") || W(j, "today") || W(j, "tonight") || W(j, "yesterday") || W(j, "tomorrow") || WeekdayName(j, out _, out _, out _) || W(j, "in")))
            return null;
        // "mid-1990s" written as one token group, "the late 1970s"
        Cand? inner = Core(j);
        if (inner is null || inner.First != j) return null;
        if (inner.Type is not (TimexType.Date or TimexType.Time)) return null;
        if (inner.Fixed is Refs.Past or Refs.Present or Refs.Future) return null;
        // "late Friday" is fine; "the late President" never gets here (no date after it).
        // TimeBank leaves "earlier"/"later" outside day-sized expressions ("earlier [Friday]", "later [today]").
        if (comparative && (WeekdayName(j, out _, out _, out _) || W(j, "today") || W(j, "tonight") || W(j, "yesterday") || W(j, "tomorrow")
                            || W(j, "this") && (W(j + 1, "week") || W(j + 1, "morning") || W(j + 1, "afternoon") || W(j + 1, "evening"))))
        {
            inner.Mod ??= mod;
            return inner;
        }
        inner.First = i;
        inner.Mod ??= mod;
        return inner;
    }

    /// <summary>The anchor's own day/week/month/year with a position mod ("the end of the year").</summary>
    private static Cand? PeriodOfAnchor(int first, int end, Unit unit, string mod)
    {
        if (unit is not (Unit.Day or Unit.Week or Unit.Month or Unit.Quarter or Unit.Year or Unit.Decade or Unit.Century)) return null;
        return new Cand { Type = TimexType.Date, First = first, End = end, Mod = mod, Rel = ctx => Cal.AtGranularity(ctx.Anchor, unit), Under = null };
    }

    // ---------------------------------------------------------------- financial periods

    /// <summary>
    /// Quarters, halves and fiscal years: "the third quarter", "third-quarter", "Q3 2013", "the first half of 2013",
    /// "fiscal 1989", "this year's third quarter", "the year-ago quarter", "year-end", "year-earlier".
    /// </summary>
    private Cand? Financial(int i)
    {
        int j = i;
        bool the = W(j, "the");
        if (the) j++;
        int first = i;
        // possessives stay outside ("its [fourth quarter]")
        if (W(j, "its") || W(j, "their")) { j++; first = j; }

        // possessive or attributive year before the quarter: "1990's first quarter", "the 1988 third quarter", "this year's", "next year's"
        int? yearFixed = null;
        int yearOff = int.MinValue;
        if (Year4(j, out int ye, out int y))
        {
            int k = ye;
            if (P(k, '\'') && W(k + 1, "s")) k += 2;
            if (QuarterOrHalf(k, out _, out _, out _)) { yearFixed = y; j = k; }
        }
        else if ((W(j, "this") || W(j, "last") || W(j, "next")) && W(j + 1, "year") && P(j + 2, '\'') && W(j + 3, "s") && QuarterOrHalf(j + 4, out _, out _, out _))
        {
            yearOff = W(j, "last") ? -1 : W(j, "next") ? 1 : 0;
            j += 4;
        }
        // the year-ago / year-earlier quarter or period
        bool yearAgo = false;
        if ((W(j, "year") && P(j + 1, '-') && (W(j + 2, "ago") || W(j + 2, "earlier"))) || W(j, "comparable") && W(j + 1, "year") && P(j + 2, '-'))
        {
            int k = W(j, "comparable") ? j + 1 : j;
            if (W(k, "year") && P(k + 1, '-') && (W(k + 2, "ago") || W(k + 2, "earlier")))
            {
                yearAgo = true;
                j = k + 3;
            }
        }
        if (QuarterOrHalf(j, out int qe, out int q, out bool half))
        {
            int end = qe;
            // "of 1990", "of this year", "of next year"
            if (W(end, "of") && Year4(end + 1, out int ye2, out int y2)) { yearFixed = y2; end = ye2; }
            else if (W(end, "of") && (W(end + 1, "this") || W(end + 1, "last") || W(end + 1, "next")) && W(end + 2, "year"))
            { yearOff = W(end + 1, "last") ? -1 : W(end + 1, "next") ? 1 : 0; end += 3; }
            else if (W(end, "of") && W(end + 1, "the") && W(end + 2, "year")) { yearOff = 0; end += 3; }
            else if (IsDigits(end) && Year4(end, out ye2, out y2) && !the) { yearFixed = y2; end = ye2; }
            // "the third-quarter loss": the adjective alone is the expression (TimeBank)
            if (the && first == i && yearFixed is null && yearOff == int.MinValue && !yearAgo && IsHyphenatedQuarter(j)) first = i + 1;
            int off = yearOff == int.MinValue ? 0 : yearOff;
            bool explicitYear = yearOff != int.MinValue;
            bool ago = yearAgo;
            int qq = q;
            if (q == 0)
            {
                // "the quarter" alone: the reported one; "the 1988 quarter": that year's
                if (!the || half) return null;
                if (yearFixed is { } qfy)
                    return new Cand { Type = TimexType.Date, First = first, End = end, Rel = ctx => ctx.RecentQuarter(out _, out int rq) ? Cal.Quarter(qfy, rq) : Cal.Year(qfy), Under = Cal.Year(qfy) };
                return new Cand
                {
                    Type = TimexType.Date, First = first, End = end, Derived = ago,
                    Rel = ctx =>
                    {
                        if (ctx.RecentQuarter(out int ry, out int rq)) return Cal.Quarter(ago ? ry - 1 : ry, rq);
                        var rep = ctx.Anchor.AddDays(-ReportingLagDays);
                        if (ago) rep = rep.AddYears(-1);
                        return Cal.Quarter(rep.Year, Cal.QuarterOf(rep.Month));
                    },
                    Under = null,
                };
            }
            if (yearFixed is { } fy)
                return new Cand { Type = TimexType.Date, Fixed = half ? Cal.Half(fy, q) : Cal.Quarter(fy, q), First = first, End = end };
            return new Cand
            {
                Type = TimexType.Date, First = first, End = end, Derived = ago,
                Rel = ctx =>
                {
                    int year = ctx.Anchor.Year + off;
                    if (!explicitYear)
                    {
                        int current = half ? (ctx.Anchor.Month <= Cal.MonthsPerHalf ? 1 : 2) : Cal.QuarterOf(ctx.Anchor.Month);
                        // a later quarter than the current one, told in the past, is last year's
                        if (qq > current && ctx.Tense == Tense.Past) year--;
                    }
                    if (ago) year--;
                    return half ? Cal.Half(year, qq) : Cal.Quarter(year, qq);
                },
                Under = half ? $"XXXX-H{q}" : $"XXXX-Q{q}",
            };
        }
        if (yearAgo)
        {
            // "the year-ago period", "year-earlier" (derived from the current frame: not a new reference)
            int end = j;
            if (W(j, "period") || W(j, "levels") || W(j, "level")) end = j + 1;
            if (!the) first = i;
            bool period = end > j;
            return new Cand
            {
                Type = TimexType.Date, First = first, End = period ? end : j, Derived = true,
                Rel = ctx =>
                {
                    if (ctx.RecentQuarter(out int ry, out int rq)) return Cal.Quarter(ry - 1, rq);
                    if (!period) return Cal.Year(ctx.Anchor.Year - 1);
                    var rep = ctx.Anchor.AddDays(-ReportingLagDays).AddYears(-1);
                    return Cal.Quarter(rep.Year, Cal.QuarterOf(rep.Month));
                },
                Under = null,
            };
        }
        // "the 1988 period", "the 1989 quarter": that year's quarter in an earnings story
        if (the && Year4(j, out int pye, out int py) && W(pye, "period"))
        {
            return new Cand
            {
                Type = TimexType.Date, First = i, End = pye + 1,
                Rel = ctx => ctx.RecentQuarter(out _, out int rq) ? Cal.Quarter(py, rq) : Cal.Year(py),
                Under = Cal.Year(py),
            };
        }
        // "the latest period", "the latest quarter": the quarter being reported
        if (the && (W(j, "latest") || W(j, "recent") || W(j, "current")) && W(j + 1, "period"))
        {
            bool current = W(j, "current");
            return new Cand
            {
                Type = TimexType.Date, First = i, End = j + 2,
                Rel = ctx =>
                {
                    if (ctx.RecentQuarter(out int ry, out int rq)) return Cal.Quarter(ry, rq);
                    var rep = current ? ctx.Anchor : ctx.Anchor.AddDays(-ReportingLagDays);
                    return Cal.Quarter(rep.Year, Cal.QuarterOf(rep.Month));
                },
                Under = null,
            };
        }
        // fiscal years: "fiscal 1989", "fiscal year 1989", "FY2013", "fiscal '89"
        {
            int k = the ? i + 1 : i;
            if (W(k, "fiscal"))
            {
                int m = k + 1;
                if (W(m, "year") || P(m, '-') && W(m + 1, "year")) m += W(m, "year") ? 1 : 2;
                if (YearAny(m, out int fe, out int fy) && (IsDigits(m) || P(m, '\'')))
                    return new Cand { Type = TimexType.Date, Fixed = Cal.Year(fy), First = first, End = fe };
                if (the && W(k + 1, "year") && !W(k + 2, "of") && !W(k + 2, "ending") && !W(k + 2, "ended"))
                    return new Cand { Type = TimexType.Duration, Fixed = "P1Y", First = i, End = k + 2 };
            }
            if (W(k, "FY") && _t[k].AllCaps)
            {
                int m = k + 1;
                if (IsDigits(m) && _t[m].Length is 2 or 4)
                {
                    int fy = (int)_t[m].Number;
                    if (fy < Hundred) fy += fy <= TwoDigitYearPivot ? 2000 : 1900;
                    return new Cand { Type = TimexType.Date, Fixed = Cal.Year(fy), First = k, End = m + 1 };
                }
            }
            if (!the && W(k, "Q") && _t[k].AllCaps && IsDigits(k + 1) && Adj(k + 1) && _t[k + 1].Number is >= 1 and <= 4)
            {
                int qn = (int)_t[k + 1].Number;
                int m = k + 2;
                if (Year4(m, out int qye, out int qy)) return new Cand { Type = TimexType.Date, Fixed = Cal.Quarter(qy, qn), First = k, End = qye };
                return new Cand { Type = TimexType.Date, First = k, End = m, Rel = ctx => Cal.Quarter(ctx.Anchor.Year, qn), Under = $"XXXX-Q{qn}" };
            }
        }
        // year-end, year end, year's end
        if (!the || W(i, "the"))
        {
            int k = the ? i + 1 : i;
            if (W(k, "year") && (P(k + 1, '-') && Adj(k + 1) && W(k + 2, "end") && Adj(k + 2) || W(k + 1, "end") || P(k + 1, '\'') && W(k + 2, "s") && W(k + 3, "end")))
            {
                int end = W(k + 1, "end") ? k + 2 : P(k + 1, '\'') ? k + 4 : k + 3;
                if (W(i, "the") && !the) return null;
                return new Cand { Type = TimexType.Date, First = i, End = end, Mod = Mods.End, Rel = ctx => Cal.Year(ctx.Anchor.Year), Under = null };
            }
        }
        return null;
    }

    /// <summary>"third-quarter" written with a hyphen (an adjective before a noun).</summary>
    private bool IsHyphenatedQuarter(int j)
    {
        int k = j;
        if (W(k, "fiscal")) { k++; if (P(k, '-')) k++; }
        if (Has(k, LexFlags.Ordinal)) k++;
        else if (IsDigits(k) && IsWord(k + 1) && Adj(k + 1)) k += 2;
        else return false;
        return P(k, '-') && Adj(k) && W(k + 1, "quarter");
    }

    /// <summary>"third quarter", "third-quarter", "fiscal third quarter", "first half", "first-half", "quarter" (q = 0).</summary>
    private bool QuarterOrHalf(int j, out int end, out int q, out bool half)
    {
        end = j; q = 0; half = false;
        int k = j;
        if (W(k, "fiscal")) { k++; if (P(k, '-')) k++; }
        int ord = -1;
        if (Has(k, LexFlags.Ordinal) && L(k)!.Ord is >= 1 and <= 4) { ord = L(k)!.Ord; k++; }
        else if ((W(k, "final") || W(k, "last")) && (W(k + 1, "quarter") || W(k + 1, "half")) && W(k + 2, "of")) { ord = W(k + 1, "half") ? 2 : 4; k++; }
        else if (IsDigits(k) && _t[k].Number is >= 1 and <= 4 && WIn(k + 1, Ordinalsuffixes) >= 0 && Adj(k + 1)) { ord = (int)_t[k].Number; k += 2; }
        if (ord > 0)
        {
            if (P(k, '-') && Adj(k)) k++;
            if (W(k, "fiscal")) { k++; if (P(k, '-')) k++; }
            if (W(k, "quarter")) { end = k + 1; q = ord; return true; }
            if (W(k, "half") && ord <= 2) { end = k + 1; q = ord; half = true; return true; }
            return false;
        }
        if (W(k, "quarter") && k == j && !(P(k + 1, '-') && Adj(k + 1)) && !W(k + 1, "of") && !W(k + 1, "century") && !(W(k + 1, "point") || W(k + 1, "percent") || W(k + 1, "mile")))
        {
            end = k + 1; q = 0;
            return true;
        }
        return false;
    }
}
