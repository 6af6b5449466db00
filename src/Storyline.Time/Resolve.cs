namespace Storyline.Time;

/// <summary>
/// Resolution of underspecified calendar names ("Saturday", "November", "Feb. 5", "summer") against the anchor,
/// using the tense of the clause: past looks back, future looks forward, otherwise the nearest wins.
/// </summary>
internal static class Resolve
{
    /// <summary>A weekday named in a past clause is on or before the anchor day; in a future clause on or after it.</summary>
    public static DateOnly Weekday(DateOnly anchor, int isoDow, Tense tense)
    {
        int today = Cal.IsoDow(anchor);
        int back = (today - isoDow + Cal.DaysPerWeek) % Cal.DaysPerWeek;   // 0..6 days back
        int fwd = (isoDow - today + Cal.DaysPerWeek) % Cal.DaysPerWeek;    // 0..6 days ahead
        return tense switch
        {
            Tense.Future => anchor.AddDays(fwd),
            // present tense in news is mostly reported or historical present: TimeBank resolves it backwards
            _ => anchor.AddDays(-back),
        };
    }

    /// <summary>"last Friday": strictly before the anchor; "next Friday": strictly after.</summary>
    public static DateOnly WeekdayStrict(DateOnly anchor, int isoDow, int direction)
    {
        int today = Cal.IsoDow(anchor);
        if (direction < 0)
        {
            int back = (today - isoDow + Cal.DaysPerWeek) % Cal.DaysPerWeek;
            return anchor.AddDays(-(back == 0 ? Cal.DaysPerWeek : back));
        }
        int fwd = (isoDow - today + Cal.DaysPerWeek) % Cal.DaysPerWeek;
        return anchor.AddDays(fwd == 0 ? Cal.DaysPerWeek : fwd);
    }

    /// <summary>Months named without a year within this distance of the anchor's month are taken as the nearest one, whatever the tense.</summary>
    public const int NearMonths = 2;
    /// <summary>Days named without a year within this many days of the anchor are taken as the nearest one.</summary>
    public const int NearDays = 90;

    /// <summary>Year for a month named without one ("in November"): the nearest such month, or by tense when it is far either way.</summary>
    public static int MonthYear(DateOnly anchor, int month, Tense tense)
    {
        int a = anchor.Month;
        int nearest = Nearest(anchor.Year, a, month);
        int dist = Math.Abs(Cal.MonthIndex(nearest, month) - Cal.MonthIndex(anchor.Year, a));
        if (dist <= NearMonths) return nearest;
        return tense switch
        {
            Tense.Past => month <= a ? anchor.Year : anchor.Year - 1,
            Tense.Future => month >= a ? anchor.Year : anchor.Year + 1,
            _ => nearest,
        };
    }

    private static int Nearest(int year, int anchorMonth, int month)
    {
        int diff = month - anchorMonth;        // -11..11
        if (diff > 6) return year - 1;
        if (diff < -6) return year + 1;
        return year;
    }

    /// <summary>Year for a day named without one ("Feb. 5").</summary>
    public static DateOnly? MonthDay(DateOnly anchor, int month, int day, Tense tense)
    {
        DateOnly? Make(int y) => Cal.ValidDate(y, month, day) ? new DateOnly(y, month, day) : null;
        var same = Make(anchor.Year);
        var prev = Make(anchor.Year - 1);
        var next = Make(anchor.Year + 1);
        if (same is null) return prev ?? next;
        var s = same.Value;
        DateOnly near = s;
        foreach (var c in new[] { prev, next })
            if (c is { } d && Math.Abs(d.DayNumber - anchor.DayNumber) < Math.Abs(near.DayNumber - anchor.DayNumber)) near = d;
        if (Math.Abs(near.DayNumber - anchor.DayNumber) <= NearDays) return near;
        switch (tense)
        {
            case Tense.Past when s > anchor && prev is not null:
                return prev;
            case Tense.Future when s < anchor && next is not null:
                return next;
        }
        // otherwise the nearest of the three
        DateOnly best = s;
        int bestDist = Math.Abs(s.DayNumber - anchor.DayNumber);
        foreach (var c in new[] { prev, next })
            if (c is { } d && Math.Abs(d.DayNumber - anchor.DayNumber) < bestDist) { best = d; bestDist = Math.Abs(d.DayNumber - anchor.DayNumber); }
        return tense is Tense.Past or Tense.Future ? s : best;
    }

    /// <summary>Year of a season named without one ("this summer", "in the spring").</summary>
    public static int SeasonYear(DateOnly anchor, string code, Tense tense, int direction)
    {
        var (ay, ai) = Cal.SeasonOf(anchor);
        int target = Cal.SeasonIndex(code);
        int now = ay * 4 + ai;
        int sameYear = ay * 4 + target;
        int chosen = direction switch
        {
            < 0 => sameYear < now ? sameYear : sameYear - 4,          // last summer: strictly before the current season
            > 0 => sameYear > now ? sameYear : sameYear + 4,          // next summer: strictly after
            _ => tense switch
            {
                Tense.Past => sameYear <= now ? sameYear : sameYear - 4,
                Tense.Future => sameYear >= now ? sameYear : sameYear + 4,
                _ => sameYear,
            },
        };
        return chosen / 4;
    }

    /// <summary>Year of a month named with "last"/"next" ("last November": strictly before the anchor's month).</summary>
    public static int MonthYearStrict(DateOnly anchor, int month, int direction) => direction < 0
        ? (month < anchor.Month ? anchor.Year : anchor.Year - 1)
        : (month > anchor.Month ? anchor.Year : anchor.Year + 1);

    /// <summary>Year of a yearly day given by a rule ("Thanksgiving", "Christmas"), by direction or tense.</summary>
    public static DateOnly YearOf(Func<int, DateOnly> of, DateOnly anchor, Tense tense, int direction)
    {
        var same = of(anchor.Year);
        if (direction < 0) return same < anchor ? same : of(anchor.Year - 1);
        if (direction > 0) return same > anchor ? same : of(anchor.Year + 1);
        return tense switch
        {
            Tense.Past => same <= anchor ? same : of(anchor.Year - 1),
            Tense.Future => same >= anchor ? same : of(anchor.Year + 1),
            _ => NearestOf(of, anchor),
        };
    }

    private static DateOnly NearestOf(Func<int, DateOnly> of, DateOnly anchor)
    {
        var best = of(anchor.Year);
        foreach (var c in new[] { of(anchor.Year - 1), of(anchor.Year + 1) })
            if (Math.Abs(c.DayNumber - anchor.DayNumber) < Math.Abs(best.DayNumber - anchor.DayNumber)) best = c;
        return best;
    }
}
