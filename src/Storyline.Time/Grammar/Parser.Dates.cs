namespace Storyline.Time.Grammar;

internal sealed partial class Parser
{
    private const int MinYear = 1000;
    private const int MaxYear = 2199;
    /// <summary>Bare four-digit numbers from here on are taken as years without further context.</summary>
    private const int MinContextFreeYear = 1900;
    private const int MaxContextFreeYear = 2099;
    private const int MaxDayOfMonth = 31;
    /// <summary>Two-digit years up to this value are 20xx ('12 -> 2012), above it 19xx ('98 -> 1998).</summary>
    private const int TwoDigitYearPivot = 40;

    /// <summary>A day, possibly relative: the building block of dates, parts of day and clock times.</summary>
    private sealed class DaySpec
    {
        public int End;
        public DateOnly? Fixed;
        public Func<Ctx, DateOnly?>? Rel;
        public string? Under;
        /// <summary>Second day of a range ("Feb. 5-6" gives "6"), emitted as its own expression.</summary>
        public Cand? Extra;
        public bool UsesRef;

        public string? Value(Ctx ctx) => Fixed is { } f ? Cal.Date(f) : Rel?.Invoke(ctx) is { } d ? Cal.Date(d) : null;

        /// <summary>Turns the day into a candidate, appending a suffix (part of day or clock) to the value.</summary>
        public Cand ToCand(string type, string suffix = "")
        {
            if (Fixed is { } f) return new Cand { Type = type, Fixed = Cal.Date(f) + suffix, Next = Extra };
            var rel = Rel!;
            return new Cand
            {
                Type = type,
                Rel = ctx => rel(ctx) is { } d ? Cal.Date(d) + suffix : null,
                Under = Under is null ? null : Under + suffix,
                Next = Extra,
                UsesRef = UsesRef,
            };
        }
    }

    // ---------------------------------------------------------------- atoms

    /// <summary>A month name: "February", "Feb.", "Sept"; always capitalised in news text.</summary>
    private bool MonthName(int i, out int end, out int month)
    {
        end = i; month = 0;
        if (!Has(i, LexFlags.Month) || !_t[i].Capitalized) return false;
        var l = L(i)!;
        end = l.Is(LexFlags.Abbrev) ? Dot(i + 1) : i + 1;
        month = l.Month;
        return true;
    }

    /// <summary>A day of the month: "5", "5th", "fifth", "twenty-first".</summary>
    private bool DayNumber(int i, out int end, out int day)
    {
        end = i; day = 0;
        if (IsDigits(i))
        {
            if (_t[i].Length > 2 || _t[i].Number is < 1 or > MaxDayOfMonth) return false;
            if (i > 0 && Adj(i) && (_t[i - 1].Kind != TokKind.Punct || P(i - 1, ':') || P(i - 1, '.') || P(i - 1, ',') || P(i - 1, '/') || P(i - 1, '$'))) return false;
            int j = i + 1;
            if (IsWord(j) && Adj(j))
            {
                if (WIn(j, Ordinalsuffixes) < 0) return false;
                j++;
            }
            else if (Adj(j) && (P(j, ':') && IsDigits(j + 1) && Adj(j + 1) || P(j, '/') || P(j, '%') || IsDigits(j) || (P(j, '.') && IsDigits(j + 1) && Adj(j + 1)) || (P(j, ',') && IsDigits(j + 1) && Adj(j + 1)))) return false;
            end = j;
            day = (int)_t[i].Number;
            return true;
        }
        if (Has(i, LexFlags.Ordinal))
        {
            int v = L(i)!.Ord;
            int j = i + 1;
            if (v > MaxDayOfMonth) return false;
            end = j; day = v;
            return true;
        }
        // "twenty-first", "thirty-first"
        if (Has(i, LexFlags.Number) && L(i)!.Num is 20 or 30 && Hyphen(i + 1) && Has(i + 2, LexFlags.Ordinal) && L(i + 2)!.Ord < 10)
        {
            day = L(i)!.Num + L(i + 2)!.Ord;
            if (day > MaxDayOfMonth) return false;
            end = i + 3;
            return true;
        }
        return false;
    }

    /// <summary>A four-digit year (1000-2199) standing alone as a number.</summary>
    private bool Year4(int i, out int end, out int year)
    {
        end = i; year = 0;
        if (!IsDigits(i) || _t[i].Length != 4) return false;
        long v = _t[i].Number;
        if (v is < MinYear or > MaxYear) return false;
        if (PartOfLargerNumber(i)) return false;
        if (i > 0 && Adj(i) && (_t[i - 1].Kind == TokKind.Word || IsDigits(i - 1))) return false;
        if (i + 1 < _n && Adj(i + 1) && (_t[i + 1].Kind == TokKind.Word || IsDigits(i + 1))) return false;
        end = i + 1;
        year = (int)v;
        return true;
    }

    /// <summary>A year in any written form: "2013", "'98", "nineteen ninety-six", "two thousand".</summary>
    private bool YearAny(int i, out int end, out int year)
    {
        if (Year4(i, out end, out year)) return true;
        // '98
        if (P(i, '\'') && IsDigits(i + 1) && Adj(i + 1) && _t[i + 1].Length == 2 && !(IsWord(i + 2) && Adj(i + 2)) && !(IsDigits(i + 2) && Adj(i + 2)))
        {
            int yy = (int)_t[i + 1].Number;
            year = yy <= TwoDigitYearPivot ? 2000 + yy : 1900 + yy;
            end = i + 2;
            return true;
        }
        return SpokenYear(i, out end, out year);
    }

    /// <summary>"nineteen ninety-six", "nineteen eighty", "two thousand (and) one", "twenty thirteen".</summary>
    private bool SpokenYear(int i, out int end, out int year)
    {
        end = i; year = 0;
        if (!Has(i, LexFlags.Number)) return false;
        int first = L(i)!.Num;
        if (first is >= 11 and <= 20 && Has(i + 1, LexFlags.Number))
        {
            int j = i + 1;
            int second = L(j)!.Num;
            if (second == Hundred) { year = first * Hundred; end = j + 1; return year >= MinYear; }
            if (second is < 10 or >= Hundred) return false;
            if (second < 20 && first == 20) return false;      // "twenty one" is a number
            j++;
            if (second >= 20 && second % 10 == 0 && P(j, '-') && Adj(j) && Has(j + 1, LexFlags.Number) && L(j + 1)!.Num is > 0 and < 10)
            {
                second += L(j + 1)!.Num;
                j += 2;
            }
            else if (second >= 20 && second % 10 == 0 && Has(j, LexFlags.Number) && L(j)!.Num is > 0 and < 10)
            {
                second += L(j)!.Num;
                j++;
            }
            year = first * Hundred + second;
            end = j;
            return year is >= MinYear and <= MaxYear && first != 20 || (first == 20 && second >= 10);
        }
        if (first == 2 && W(i + 1, "thousand"))
        {
            int j = i + 2;
            year = 2000;
            if (W(j, "and")) j++;
            if (NumberWords(j, out int e2, out int rest) && rest < Hundred) { year += rest; j = e2; }
            else if (W(i + 2, "and")) j = i + 2;
            end = j;
            return true;
        }
        return false;
    }

    /// <summary>A weekday name; abbreviations need a period ("Wed.") and names are capitalised.</summary>
    private bool WeekdayName(int i, out int end, out int dow, out bool plural)
    {
        end = i; dow = 0; plural = false;
        if (!Has(i, LexFlags.Weekday)) return false;
        var l = L(i)!;
        if (!_t[i].Capitalized) return false;
        if (l.Is(LexFlags.Abbrev))
        {
            if (!(P(i + 1, '.') && Adj(i + 1))) return false;
            end = i + 2;
        }
        else end = i + 1;
        dow = l.Weekday;
        plural = l.Plural;
        return true;
    }

    // ---------------------------------------------------------------- days

    /// <summary>
    /// A specific day: "Feb. 5, 2013", "5 February", "Friday, Feb. 5", "2013-02-05", "02/05/2013",
    /// "today", "yesterday", "tomorrow", "Friday", "last Friday", "next Tuesday".
    /// </summary>
    private DaySpec? Day(int i, bool allowBareWeekday = true)
    {
        // weekday first: "Friday, Feb. 5" / "Friday Feb. 5" / "Friday the 5th"
        if (WeekdayName(i, out int we, out int dow, out bool wplural))
        {
            if (wplural) return null;
            int j = we;
            if (P(j, ',')) j++;
            if (W(j, "the") && DayNumber(j + 1, out _, out _)) j++;
            var dated = CalendarDay(j, dow);
            if (dated is not null) return dated;
            if (!allowBareWeekday) return null;
            return new DaySpec
            {
                End = we,
                Rel = ctx => Resolve.Weekday(ctx.Anchor, dow, ctx.Tense),
                Under = $"XXXX-WXX-{dow}",
            };
        }
        var cd = CalendarDay(i, 0);
        if (cd is not null) return cd;
        if (W(i, "today")) return new DaySpec { End = i + 1, Rel = ctx => ctx.Anchor, Under = null };
        if (W(i, "yesterday")) return new DaySpec { End = i + 1, Rel = ctx => ctx.Anchor.AddDays(-1), Under = null };
        if (W(i, "tomorrow")) return new DaySpec { End = i + 1, Rel = ctx => ctx.Anchor.AddDays(1), Under = null };
        // "the day before yesterday", "the day after tomorrow"
        if (W(i, "the") && W(i + 1, "day") && (W(i + 2, "before") && W(i + 3, "yesterday") || W(i + 2, "after") && W(i + 3, "tomorrow")))
        {
            int off = W(i + 3, "yesterday") ? -2 : 2;
            return new DaySpec { End = i + 4, Rel = ctx => ctx.Anchor.AddDays(off), Under = null };
        }
        // "last Friday", "next Tuesday", "this Sunday", "this past Sunday", "this coming Sunday", "the previous Friday"
        int k = i;
        bool the = W(k, "the");
        if (the) k++;
        int dir = 0;
        bool anaphoric = false;
        bool strict = false;
        if (!the && W(k, "this") && W(k + 1, "past")) { dir = -1; strict = true; k += 2; }
        else if (!the && W(k, "this") && (W(k + 1, "coming") || W(k + 1, "upcoming"))) { dir = 1; strict = true; k += 2; }
        else if (!the && W(k, "last")) { dir = -1; strict = true; k++; }
        else if (!the && W(k, "next")) { dir = 1; strict = true; k++; }
        else if (!the && W(k, "this")) { dir = 0; k++; }
        else if (!the && (W(k, "coming") || W(k, "upcoming"))) { dir = 1; strict = true; k++; }
        else if (the && (W(k, "previous") || W(k, "preceding"))) { dir = -1; strict = true; anaphoric = true; k++; }
        else if (the && (W(k, "following") || W(k, "next"))) { dir = 1; strict = true; anaphoric = true; k++; }
        else return null;
        if (!WeekdayName(k, out int e2, out int d2, out bool pl2) || pl2) return null;
        if (strict)
        {
            return new DaySpec
            {
                End = e2,
                Rel = ctx => Resolve.WeekdayStrict(anaphoric ? ctx.RefOrAnchor : ctx.Anchor, d2, dir),
                Under = null,
                UsesRef = anaphoric,
            };
        }
        // "this Friday": the one in the current week, direction from tense
        return new DaySpec { End = e2, Rel = ctx => Resolve.Weekday(ctx.Anchor, d2, ctx.Tense == Tense.Past ? Tense.Past : Tense.Future), Under = $"XXXX-WXX-{d2}" };
    }

    /// <summary>Month-day forms and numeric dates; <paramref name="dow"/> (1-7) helps pick the year when none is written.</summary>
    private DaySpec? CalendarDay(int i, int dow)
    {
        // ISO 2013-02-05 / 2013/02/05
        if (IsDigits(i) && _t[i].Length == 4 && (P(i + 1, '-') || P(i + 1, '/')) && Adj(i + 1) && IsDigits(i + 2) && Adj(i + 2) && _t[i + 2].Length <= 2
            && P(i + 3, _t[i + 1].Char) && Adj(i + 3) && IsDigits(i + 4) && Adj(i + 4) && _t[i + 4].Length <= 2)
        {
            int y = (int)_t[i].Number, m = (int)_t[i + 2].Number, d = (int)_t[i + 4].Number;
            if (Cal.ValidDate(y, m, d) && !(IsDigits(i + 5) && Adj(i + 5)))
                return new DaySpec { End = i + 5, Fixed = new DateOnly(y, m, d) };
        }
        // US numeric 02/05/2013, 2/5/13
        if (IsDigits(i) && _t[i].Length <= 2 && P(i + 1, '/') && Adj(i + 1) && IsDigits(i + 2) && Adj(i + 2) && _t[i + 2].Length <= 2
            && P(i + 3, '/') && Adj(i + 3) && IsDigits(i + 4) && Adj(i + 4) && _t[i + 4].Length is 2 or 4 && !(i > 0 && Adj(i) && (IsDigits(i - 1) || P(i - 1, '/'))))
        {
            int m = (int)_t[i].Number, d = (int)_t[i + 2].Number, y = (int)_t[i + 4].Number;
            if (y < Hundred) y += y <= TwoDigitYearPivot ? 2000 : 1900;
            if (Cal.ValidDate(y, m, d) && !(P(i + 5, '/') && Adj(i + 5)))
                return new DaySpec { End = i + 5, Fixed = new DateOnly(y, m, d) };
        }
        // Month Day [, Year]
        if (MonthName(i, out int me, out int month) && DayNumber(me, out int de, out int day) && !Has(de, LexFlags.Unit))
            return FinishMonthDay(i, de, month, day, dow, me);
        // Day Month [Year]: "5 February 2013", "the 5th of February"
        {
            int j = i;
            if (W(j, "the")) j++;
            if (DayNumber(j, out int de2, out int day2))
            {
                int k = de2;
                if (W(k, "of")) k++;
                if (MonthName(k, out int me2, out int month2) && !(j > i && k == de2 && IsDigits(j)))
                    return FinishDayMonth(i, me2, month2, day2, dow);
                // "5-6 February": first day of a range before the month
                if ((P(de2, '-') || W(de2, "to") || W(de2, "and")) && DayNumber(de2 + 1, out int de3, out int day3) && MonthName(de3, out int me3, out int month3) && IsDigits(j))
                {
                    var second = FinishDayMonth(de2 + 1, me3, month3, day3, dow);
                    var firstSpec = YearlessOrYear(de2, month3, day2, dow, second.Fixed?.Year);
                    firstSpec.Extra = second.ToCand(TimexType.Date);
                    second.Extra = null;
                    firstSpec.Extra.First = de2 + 1;
                    firstSpec.Extra.End = second.End;
                    return firstSpec;
                }
            }
        }
        return null;
    }

    private static readonly string[] DateFollowers = ["in", "at", "on", "to", "and", "or", "when", "while", "as", "after", "before", "for", "with", "the", "that", "which", "but", "from", "through", "until", "by"];

    private DaySpec FinishMonthDay(int i, int dayEnd, int month, int day, int dow, int monthEnd)
    {
        int j = dayEnd;
        // optional year: "Feb. 5, 2013" / "Feb. 5 2013"
        int afterYear = j;
        int? year = null;
        {
            int k = j;
            if (P(k, ',')) k++;
            if (Year4(k, out int ye, out int y)) { year = y; afterYear = ye; }
            else if (k == j && P(k, '\'') && YearAny(k, out ye, out y)) { year = y; afterYear = ye; }
        }
        // a range "Feb. 5-6[, 2013]" / "Feb. 5 and 6" / "Feb. 5 to 7"
        if (year is null && IsRangeJoin(j) && DayNumber(j + 1, out int d2e, out int day2) && day2 > day && !MonthName(d2e, out _, out _) && RangeTailOk(d2e))
        {
            int? y2 = null;
            int end2 = d2e;
            int k = d2e;
            if (P(k, ',')) k++;
            if (Year4(k, out int ye2, out int yy2)) { y2 = yy2; end2 = ye2; }
            var first = YearlessOrYear(dayEnd, month, day, dow, y2);
            var secondSpec = YearlessOrYear(end2, month, day2, 0, y2);
            var second = secondSpec.ToCand(TimexType.Date);
            second.First = j + 1;
            second.End = end2;
            first.Extra = second;
            return first;
        }
        return YearlessOrYear(year is null ? dayEnd : afterYear, month, day, dow, year);
    }

    private DaySpec FinishDayMonth(int i, int monthEnd, int month, int day, int dow)
    {
        int k = monthEnd;
        if (P(k, ',')) k++;
        if (Year4(k, out int ye, out int y)) return YearlessOrYear(ye, month, day, dow, y);
        return YearlessOrYear(monthEnd, month, day, dow, null);
    }

    private bool IsRangeJoin(int j) => P(j, '-') || W(j, "to") || W(j, "through") || W(j, "and") || W(j, "or") || W(j, "till") || W(j, "until");

    /// <summary>After "Feb. 5 and 6": reject "and 6 people", accept punctuation, prepositions and years.</summary>
    private bool RangeTailOk(int k)
    {
        if (k >= _n) return true;
        if (_t[k].Kind == TokKind.Punct) return !(P(k, ':') || P(k, '%') || P(k, '.') && IsDigits(k + 1) && Adj(k + 1));
        if (_t[k].Kind == TokKind.Digits) return false;
        return WIn(k, DateFollowers) >= 0 || _t[k].Capitalized || Has(k, LexFlags.Month);
    }

    /// <summary>Builds the day, fixed when the year is written, resolved against the anchor otherwise.</summary>
    private static DaySpec YearlessOrYear(int end, int month, int day, int dow, int? year)
    {
        if (year is { } y)
        {
            if (Cal.ValidDate(y, month, day)) return new DaySpec { End = end, Fixed = new DateOnly(y, month, day) };
            return new DaySpec { End = end, Rel = _ => null, Under = null };
        }
        string under = $"XXXX-{month:D2}-{day:D2}";
        if (dow > 0)
        {
            // a weekday with the date picks the year whose calendar agrees, nearest the anchor
            return new DaySpec
            {
                End = end,
                Under = under,
                Rel = ctx =>
                {
                    DateOnly? best = null;
                    for (int dy = -1; dy <= 1; dy++)
                    {
                        int yy = ctx.Anchor.Year + dy;
                        if (!Cal.ValidDate(yy, month, day)) continue;
                        var d = new DateOnly(yy, month, day);
                        if (Cal.IsoDow(d) != dow) continue;
                        if (best is null || Math.Abs(d.DayNumber - ctx.Anchor.DayNumber) < Math.Abs(best.Value.DayNumber - ctx.Anchor.DayNumber)) best = d;
                    }
                    return best ?? Resolve.MonthDay(ctx.Anchor, month, day, ctx.Tense);
                },
            };
        }
        return new DaySpec { End = end, Under = under, Rel = ctx => Resolve.MonthDay(ctx.Anchor, month, day, ctx.Tense) };
    }

    // ---------------------------------------------------------------- absolute and calendar-name dates

    /// <summary>Month names preceded by one of these are dates even when ambiguous ("May", "March").</summary>
    private static readonly string[] MonthCues = ["in", "since", "until", "till", "by", "from", "through", "during", "before", "after", "of", "last", "next", "this", "early", "late", "mid", "between", "and", "to", "or", "on", "for", "each", "every", "that", "until", "throughout", "around", "about", "late", "starting", "beginning", "ending", "ended", "end", "past", "coming"];

    /// <summary>Dates: calendar days, month + year, bare months, years (and year ranges), decades, centuries, seasons.</summary>
    private Cand? AbsoluteDate(int i)
    {
        Cand? best = null;
        void Take(Cand? c) { if (c is not null && (best is null || c.End > best.End)) best = c; }

        if (Day(i) is { } day)
        {
            var c = day.ToCand(TimexType.Date);
            c.First = i; c.End = day.End;
            Take(c);
        }
        Take(MonthYearOrBare(i));
        Take(YearExpression(i));
        Take(Decade(i));
        Take(Century(i));
        Take(Season(i));
        return best;
    }

    /// <summary>"February 2013", "Feb. of 2013", "June last year", "January this year", or a bare month resolved by tense.</summary>
    private Cand? MonthYearOrBare(int i)
    {
        if (!MonthName(i, out int me, out int month)) return null;
        int k = me;
        if (P(k, ',')) k++;
        if (W(k, "of") && (Year4(k + 1, out _, out _) || W(k + 1, "this") || W(k + 1, "last") || W(k + 1, "next"))) k++;
        if (Year4(k, out int ye, out int y) || (k == me && YearAny(k, out ye, out y)))
            return new Cand { Type = TimexType.Date, Fixed = Cal.Month(y, month), First = i, End = ye };
        if ((W(k, "this") || W(k, "last") || W(k, "next")) && W(k + 1, "year") && !P(k, ','))
        {
            int off = W(k, "last") ? -1 : W(k, "next") ? 1 : 0;
            return new Cand { Type = TimexType.Date, First = i, End = k + 2, Rel = ctx => Cal.Month(ctx.Anchor.Year + off, month), Under = $"XXXX-{month:D2}" };
        }
        // bare month: ambiguous words ("May", "March") need a cue before them; names like "June Carter" are people
        var l = L(i)!;
        // an abbreviation without its period is a name ("Jan Kavan") unless a day or year follows
        if (l.Is(LexFlags.Abbrev) && !(P(i + 1, '.') && Adj(i + 1))) return null;
        bool ambiguous = l.Month is 3 or 5;
        bool cue = WIn(i - 1, MonthCues) >= 0 || P(i - 1, '-') && W(i - 2, "mid");
        if (ambiguous && !cue) return null;
        // "June Carter": a capitalised word after a month name makes it a first name, unless a strong cue ("in June") precedes
        bool weakCue = !cue || W(i - 1, "and") || W(i - 1, "or") || W(i - 1, "to") || W(i - 1, "of");
        if (weakCue && IsWord(me) && _t[me].Capitalized && !_t[me].AllCaps && !Has(me, LexFlags.Month | LexFlags.Weekday) && !_t[me].LineBefore) return null;
        if (i > 0 && !cue && IsWord(i - 1) && _t[i - 1].Capitalized && !_t[i].LineBefore && !IsSentenceStart(i - 1)) return null;
        return new Cand
        {
            Type = TimexType.Date, First = i, End = me,
            Rel = ctx => Cal.Month(Resolve.MonthYear(ctx.Anchor, month, ctx.Tense), month),
            Under = $"XXXX-{month:D2}",
        };
    }

    /// <summary>Prepositions that make a bare number from 1000 to 1899 a year.</summary>
    private static readonly string[] YearCues = ["in", "since", "until", "till", "by", "from", "of", "during", "before", "after", "year", "circa", "between", "and", "to", "through", "early", "late", "mid", "spring", "summer", "autumn", "fall", "winter", "the"];

    /// <summary>"2013", "the year 2000", "'98", "nineteen ninety-six"; "1990-92" gives two years.</summary>
    private Cand? YearExpression(int i)
    {
        int start = i;
        int j = i;
        bool theYear = W(j, "the") && W(j + 1, "year");
        if (theYear) j += 2;
        if (Year4(j, out int ye, out int y))
        {
            bool cue = theYear || y is >= MinContextFreeYear and <= MaxContextFreeYear || WIn(j - 1, YearCues) >= 0;
            if (!cue) return null;
            // "2013 people" (a count) or "1990 census"? counts are followed by plural nouns; keep it simple: reject unit words
            if (Has(ye, LexFlags.Unit) && !theYear) return null;
            var c = new Cand { Type = TimexType.Date, Fixed = Cal.Year(y), First = start, End = ye };
            // "1990-92", "2012-2013", "1998-99"
            if (P(ye, '-') && Adj(ye) && IsDigits(ye + 1) && Adj(ye + 1) && !(IsDigits(ye + 3) && Adj(ye + 3) || IsWord(ye + 2) && Adj(ye + 2)))
            {
                int y2 = -1;
                if (_t[ye + 1].Length == 2) y2 = y / Hundred * Hundred + (int)_t[ye + 1].Number;
                else if (_t[ye + 1].Length == 4) y2 = (int)_t[ye + 1].Number;
                if (y2 > y && y2 - y < Hundred && !(P(ye + 2, '-') && Adj(ye + 2)))
                    c.Next = new Cand { Type = TimexType.Date, Fixed = Cal.Year(y2), First = ye + 1, End = ye + 2 };
            }
            return c;
        }
        if (P(j, '\'') || theYear || Has(j, LexFlags.Number) && WIn(j - 1, YearCues) >= 0 && !W(j - 1, "the"))
        {
            if (YearAny(j, out ye, out y) && !(IsWord(ye) && Adj(ye)) && !Has(ye, LexFlags.Unit))
            {
                if (P(j, '\'') && !theYear && WIn(j - 1, YearCues) < 0 && !P(j - 1, ',')) return null;
                return new Cand { Type = TimexType.Date, Fixed = Cal.Year(y), First = start, End = ye };
            }
        }
        return null;
    }

    private static readonly string[] DecadeWords = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];

    /// <summary>"the 1990s", "1990's", "'90s", "the nineties"; value "199".</summary>
    private Cand? Decade(int i)
    {
        int j = i;
        bool the = W(j, "the");
        if (the) j++;
        if (DecadeAt(j, out int end, out int decadeStart, out bool needsThe, out bool centuryOnly))
        {
            if (needsThe && !the) return null;
            if (centuryOnly)
                return new Cand { Type = TimexType.Date, First = i, End = end, Rel = ctx => (ctx.Anchor.Year / 100 * 10 + decadeStart / 10).ToString("D3", System.Globalization.CultureInfo.InvariantCulture), Under = null };
            return new Cand { Type = TimexType.Date, Fixed = Cal.Decade(decadeStart), First = i, End = end };
        }
        return null;
    }

    /// <summary>The decade itself, without "the"; <paramref name="centuryOnly"/> when only the tens are known ("the nineties").</summary>
    private bool DecadeAt(int j, out int end, out int decadeStart, out bool needsThe, out bool centuryOnly)
    {
        end = j; decadeStart = 0; needsThe = false; centuryOnly = false;
        // 1990s / 1990's
        if (IsDigits(j) && _t[j].Length == 4 && _t[j].Number % 10 == 0 && _t[j].Number is >= MinYear and <= MaxYear && !(j > 0 && Adj(j) && (IsDigits(j - 1) || IsWord(j - 1))))
        {
            int k = j + 1;
            if (P(k, '\'') && Adj(k)) k++;
            if (W(k, "s") && Adj(k) && !(IsWord(k + 1) && Adj(k + 1)))
            {
                end = k + 1; decadeStart = (int)_t[j].Number;
                return true;
            }
        }
        // '90s / 90s
        {
            int k = j;
            bool apos = P(k, '\'');
            if (apos) k++;
            if (IsDigits(k) && (!apos || Adj(k)) && _t[k].Length == 2 && _t[k].Number % 10 == 0 && W(k + 1, "s") && Adj(k + 1) && !(IsWord(k + 2) && Adj(k + 2)))
            {
                int yy = (int)_t[k].Number;
                end = k + 2;
                decadeStart = yy <= TwoDigitYearPivot - 20 ? 2000 + yy : 1900 + yy;
                needsThe = !apos;
                return true;
            }
        }
        int w = WIn(j, DecadeWords);
        if (w >= 0)
        {
            end = j + 1;
            decadeStart = (w + 2) * 10;
            needsThe = true;
            centuryOnly = true;
            return true;
        }
        return false;
    }

    /// <summary>"the 20th century", "the twenty-first century" ("20" = the years 2000-2099, as TimeML counts).</summary>
    private Cand? Century(int i)
    {
        int j = i;
        if (W(j, "the")) j++;
        int ord = -1, k = j;
        if (IsDigits(j) && IsWord(j + 1) && Adj(j + 1) && WIn(j + 1, Ordinalsuffixes) >= 0) { ord = (int)_t[j].Number; k = j + 2; }
        else if (Has(j, LexFlags.Ordinal)) { ord = L(j)!.Ord; k = j + 1; }
        else if (Has(j, LexFlags.Number) && L(j)!.Num == 20 && Hyphen(j + 1) && Has(j + 2, LexFlags.Ordinal)) { ord = 20 + L(j + 2)!.Ord; k = j + 3; }
        if (ord is < 1 or > 30) return null;
        if (P(k, '-') && Adj(k)) k++;
        if (!W(k, "century")) return null;
        return new Cand { Type = TimexType.Date, Fixed = (ord - 1).ToString("D2", System.Globalization.CultureInfo.InvariantCulture), First = i, End = k + 1 };
    }

    private static readonly string[] SeasonCues = ["in", "during", "by", "since", "until", "through", "over", "throughout", "before", "after", "this", "that", "early", "late", "mid", "of", "for", "from"];

    /// <summary>"summer 2012", "the summer of 2012", or a season after a preposition ("in the spring") resolved by tense.</summary>
    private Cand? Season(int i)
    {
        int j = i;
        bool the = W(j, "the");
        if (the) j++;
        if (!Has(j, LexFlags.Season) || L(j)!.Plural) return null;
        string code = L(j)!.Season!;
        int k = j + 1;
        int yk = k;
        if (W(yk, "of")) yk++;
        if (P(yk, ',')) yk++;
        if (Year4(yk, out int ye, out int y) || YearAny(yk, out ye, out y) && yk > k)
            return new Cand { Type = TimexType.Date, Fixed = Cal.Season(y, code), First = i, End = ye };
        // bare season: needs a cue, and "the fall of Rome" / "fall in prices" are not seasons
        if (W(k, "of") || W(k, "in") && L(j)!.Word == "fall") return null;
        bool cue = WIn(i - 1, SeasonCues) >= 0 && (the || L(j)!.Word != "fall");
        if (!cue) return null;
        if (!the && L(j)!.Word == "fall") return null;
        return new Cand
        {
            Type = TimexType.Date, First = i, End = k,
            Rel = ctx => Cal.Season(Resolve.SeasonYear(ctx.Anchor, code, ctx.Tense, 0), code),
            Under = "XXXX-" + code,
        };
    }

    /// <summary>Whether token i begins a sentence (start of text, after a line break or a full stop).</summary>
    private bool IsSentenceStart(int i)
    {
        if (i <= 0 || _t[i].LineBefore) return true;
        int p = i - 1;
        while (p >= 0 && (P(p, '"') || P(p, '\'') || P(p, '(') )) p--;
        if (p < 0) return true;
        return P(p, '.') || P(p, '!') || P(p, '?') || P(p, ':');
    }
}
