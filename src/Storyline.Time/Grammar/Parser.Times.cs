using System.Globalization;

namespace Storyline.Time.Grammar;

internal sealed partial class Parser
{
    private const int HoursPerHalfDay = 12;
    private const int MaxHour = 24;
    private const int MaxMinute = 59;

    private static readonly string[] TimeZones = ["est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest", "et", "pt", "ct", "mt", "ist", "jst", "aest", "eet", "eest", "msk", "hkt", "sgt", "wib"];

    private readonly record struct Clock(int End, int Hour, int Minute, int Second, bool HasMinutes);

    /// <summary>"10:35 a.m.", "10 p.m.", "22:00", "noon", "midnight", "9 o'clock", "0735 GMT", "4 in the morning".</summary>
    private bool ClockTime(int i, out Clock clock)
    {
        clock = default;
        if ((W(i, "noon") || W(i, "midday")) && !W(i - 1, "high")) { clock = new(i + 1, 12, 0, 0, true); return true; }
        if (W(i, "midnight")) { clock = new(i + 1, MaxHour, 0, 0, true); return true; }
        if (!IsDigits(i) || _t[i].Number < 0) return false;
        if (i > 0 && Adj(i) && (IsDigits(i - 1) || IsWord(i - 1) || P(i - 1, ':') || P(i - 1, '.') || P(i - 1, ',') || P(i - 1, '$') || P(i - 1, '/'))) return false;
        int h = (int)_t[i].Number, m = 0, s = 0;
        int j = i + 1;
        bool minutes = false;
        // four digits + a time zone: "0735 GMT"
        if (_t[i].Length == 4 && TimeZoneAt(j, out int tze))
        {
            h = (int)(_t[i].Number / 100); m = (int)(_t[i].Number % 100);
            if (h > MaxHour || m > MaxMinute) return false;
            clock = new(tze, h, m, 0, true);
            return true;
        }
        if (_t[i].Length > 2) return false;
        if ((P(j, ':') || P(j, '.')) && Adj(j) && IsDigits(j + 1) && Adj(j + 1) && _t[j + 1].Length == 2)
        {
            bool colon = P(j, ':');
            m = (int)_t[j + 1].Number;
            if (m > MaxMinute || h > MaxHour) return false;
            j += 2;
            minutes = true;
            if (P(j, ':') && Adj(j) && IsDigits(j + 1) && Adj(j + 1) && _t[j + 1].Length == 2) { s = (int)_t[j + 1].Number; j += 2; }
            // "10.30" needs am/pm to be a time (it is a decimal otherwise)
            if (!colon && !AmPm(j, out _, out _)) return false;
        }
        if (AmPm(j, out int ae, out bool pm))
        {
            if (h is < 1 or > HoursPerHalfDay) return false;
            if (pm && h < HoursPerHalfDay) h += HoursPerHalfDay;
            if (!pm && h == HoursPerHalfDay) h = 0;
            j = ae;
        }
        else if (W(j, "o") && P(j + 1, '\'') && W(j + 2, "clock"))
        {
            if (h is < 1 or > HoursPerHalfDay) return false;
            j += 3;
        }
        else if (W(j, "in") && W(j + 1, "the") && Has(j + 2, LexFlags.PartOfDay) && !L(j + 2)!.Plural)
        {
            // "4 in the morning", "9 in the evening"
            if (h is < 1 or > HoursPerHalfDay) return false;
            string pod = L(j + 2)!.PartOfDay!;
            if (pod is "AF" or "EV" or "NI" && h < HoursPerHalfDay && !(pod == "NI" && h <= 4)) h += HoursPerHalfDay;
            j += 3;
        }
        else if (!minutes) return false;
        else if (!TimeZoneAt(j, out _) && h > MaxHour) return false;
        if (TimeZoneAt(j, out int tz)) j = tz;
        clock = new(j, h, m, s, minutes);
        return true;
    }

    /// <summary>"a.m.", "p.m.", "am", "PM" (the final period is part of the abbreviation).</summary>
    private bool AmPm(int j, out int end, out bool pm)
    {
        end = j; pm = false;
        if (W(j, "am") || W(j, "pm"))
        {
            // lower-case "am" after a number is the verb only in odd text; accept
            pm = W(j, "pm");
            end = Dot(j + 1);
            return true;
        }
        if ((W(j, "a") || W(j, "p")) && P(j + 1, '.') && Adj(j + 1) && W(j + 2, "m") && Adj(j + 2))
        {
            pm = W(j, "p");
            end = Dot(j + 3);
            return true;
        }
        return false;
    }

    private bool TimeZoneAt(int j, out int end)
    {
        end = j;
        if (!IsWord(j) || !_t[j].AllCaps || WIn(j, TimeZones) < 0) return false;
        end = j + 1;
        return true;
    }

    private static string ClockValue(Clock c) => c.Second > 0
        ? $"T{c.Hour:D2}:{c.Minute:D2}:{c.Second:D2}"
        : $"T{c.Hour:D2}:{c.Minute:D2}";

    /// <summary>
    /// Times of day: a clock time with an optional day after it ("10 p.m. Wednesday", "5 p.m. EST, Nov. 9"),
    /// a day with a part of day ("Friday morning", "yesterday afternoon"), "tonight", ISO date-times.
    /// </summary>
    private Cand? TimeOfDay(int i)
    {
        // ISO date-time: 2013-02-05T10:00[:00][Z]
        if (CalendarDay(i, 0) is { Fixed: { } isoDay } spec && (W(spec.End, "T") && Adj(spec.End) || !Adj(spec.End) && IsDigits(spec.End))
            && IsDigits(spec.End + 1) && P(spec.End + 2, ':') && IsDigits(spec.End + 3))
        {
            int h = (int)_t[spec.End + 1].Number, m = (int)_t[spec.End + 3].Number;
            int j = spec.End + 4;
            if (h <= MaxHour && m <= MaxMinute)
            {
                if (P(j, ':') && Adj(j) && IsDigits(j + 1)) j += 2;
                if (W(j, "Z") && Adj(j)) j++;
                return new Cand { Type = TimexType.Time, Fixed = $"{Cal.Date(isoDay)}T{h:D2}:{m:D2}", First = i, End = j };
            }
        }
        if (ClockTime(i, out var clock))
        {
            string suffix = ClockValue(clock);
            int k = clock.End;
            int dk = P(k, ',') ? k + 1 : k;
            if (Day(dk) is { } day)
            {
                var c = day.ToCand(TimexType.Time, suffix);
                c.First = i; c.End = day.End;
                c.Next = null;
                return c;
            }
            if (W(dk, "tonight"))
                return new Cand { Type = TimexType.Time, First = i, End = dk + 1, Rel = ctx => Cal.Date(ctx.Anchor) + suffix, Under = "XXXX-XX-XX" + suffix };
            // a bare clock time is on the day last talked about ("He was shot on Friday ... at 10 p.m.")
            return new Cand { Type = TimexType.Time, First = i, End = clock.End, Rel = ctx => Cal.Date(ctx.RefOrAnchor) + suffix, Under = "XXXX-XX-XX" + suffix, UsesRef = true };
        }
        if (W(i, "tonight"))
            return new Cand { Type = TimexType.Time, First = i, End = i + 1, Rel = ctx => Cal.Date(ctx.Anchor) + "TNI", Under = null };
        // day + part of day: "Friday morning", "yesterday afternoon", "tomorrow night"
        if (Day(i) is { } d && Has(d.End, LexFlags.PartOfDay) && !L(d.End)!.Plural && !(P(d.End, '-')))
        {
            string pod = L(d.End)!.PartOfDay!;
            var c = d.ToCand(TimexType.Time, "T" + pod);
            c.First = i; c.End = d.End + 1;
            c.Next = null;
            // "Friday night at 10 p.m." stays two expressions
            return c;
        }
        return null;
    }
}
