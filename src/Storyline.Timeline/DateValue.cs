using System.Globalization;

namespace Storyline.Timeline;

/// <summary>
/// A calendar date at day, month or year precision read from a TIMEX3 value ("2024-03-09", "2024-03-09T14:00",
/// "2024-03", "2024"). Weeks, quarters, seasons, decades, durations and underspecified values ("XXXX-WXX-6") are not
/// timeline dates.
/// </summary>
public readonly record struct DateValue(DateOnly Start, DatePrecision Precision)
{
    /// <summary>The ISO form at its precision: the timeline's date and the key dates are counted under.</summary>
    public string Key => Precision switch
    {
        DatePrecision.Day => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DatePrecision.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => Start.ToString("yyyy", CultureInfo.InvariantCulture),
    };

    public string PrecisionName => Precision switch { DatePrecision.Day => "day", DatePrecision.Month => "month", _ => "year" };

    public static DateValue Day(DateTimeOffset d) => new(DateOnly.FromDateTime(d.UtcDateTime), DatePrecision.Day);

    /// <summary>The date a TIMEX3 value names, or null when it names none at day/month/year precision.</summary>
    public static DateValue? Parse(string? value)
    {
        if (value is null || value.Length < 4 || !Digits(value, 0, 4)) return null;
        int y = Num(value, 0, 4);
        if (y < 1) return null;
        if (value.Length == 4) return new DateValue(new DateOnly(y, 1, 1), DatePrecision.Year);
        if (value[4] != '-' || value.Length < 7 || !Digits(value, 5, 2)) return null;
        int m = Num(value, 5, 2);
        if (m is < 1 or > 12) return null;
        if (value.Length == 7) return new DateValue(new DateOnly(y, m, 1), DatePrecision.Month);
        if (value[7] != '-' || value.Length < 10 || !Digits(value, 8, 2)) return null;
        if (value.Length > 10 && value[10] != 'T') return null;
        int d = Num(value, 8, 2);
        if (d < 1 || d > DateTime.DaysInMonth(y, m)) return null;
        return new DateValue(new DateOnly(y, m, d), DatePrecision.Day);
    }

    /// <summary>The finest date two values share (the same month of two days), or null when they share none below a year.</summary>
    public static DateValue? Common(DateValue a, DateValue b)
    {
        if (a == b) return a;
        if (a.Start.Year == b.Start.Year && a.Start.Month == b.Start.Month && a.Precision >= DatePrecision.Month && b.Precision >= DatePrecision.Month)
            return new DateValue(new DateOnly(a.Start.Year, a.Start.Month, 1), DatePrecision.Month);
        return null;
    }

    private static bool Digits(string s, int start, int len)
    {
        for (int i = start; i < start + len; i++) if (!char.IsAsciiDigit(s[i])) return false;
        return true;
    }

    private static int Num(string s, int start, int len) => int.Parse(s.AsSpan(start, len), NumberStyles.None, CultureInfo.InvariantCulture);
}

public enum DatePrecision { Year = 0, Month = 1, Day = 2 }
