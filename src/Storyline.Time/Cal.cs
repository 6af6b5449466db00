using System.Globalization;

namespace Storyline.Time;

/// <summary>Calendar arithmetic and TIMEX3 value formatting (ISO 8601 as TimeML uses it).</summary>
internal static class Cal
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public const int MonthsPerQuarter = 3;
    public const int MonthsPerHalf = 6;
    public const int DaysPerWeek = 7;

    public static string Year(int y) => y.ToString("D4", Inv);
    public static string Month(int y, int m) => $"{Year(y)}-{m.ToString("D2", Inv)}";
    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", Inv);
    public static string Date(int y, int m, int d) => $"{Month(y, m)}-{d.ToString("D2", Inv)}";
    public static string Quarter(int y, int q) => $"{Year(y)}-Q{q.ToString(Inv)}";
    public static string Half(int y, int h) => $"{Year(y)}-H{h.ToString(Inv)}";
    public static string Season(int y, string code) => $"{Year(y)}-{code}";
    public static string Decade(int y) => (y / 10).ToString("D3", Inv);
    public static string Century(int y) => (y / 100).ToString("D2", Inv);

    /// <summary>ISO week of a date: "2013-W07".</summary>
    public static string Week(DateOnly d)
    {
        var dt = d.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(dt).ToString("D4", Inv)}-W{ISOWeek.GetWeekOfYear(dt).ToString("D2", Inv)}";
    }

    public static string Weekend(DateOnly d) => Week(d) + "-WE";

    /// <summary>ISO day of week, Monday = 1 ... Sunday = 7.</summary>
    public static int IsoDow(DateOnly d) => d.DayOfWeek == DayOfWeek.Sunday ? DaysPerWeek : (int)d.DayOfWeek;

    public static int QuarterOf(int month) => (month - 1) / MonthsPerQuarter + 1;

    /// <summary>Month count since year 0, for comparing month-level points.</summary>
    public static int MonthIndex(int y, int m) => y * 12 + (m - 1);

    /// <summary>Season of a month (meteorological: Dec-Feb winter, counted to the year it starts in).</summary>
    public static (int Year, int Index) SeasonOf(DateOnly d)
    {
        int m = d.Month;
        return m switch
        {
            >= 3 and <= 5 => (d.Year, 0),
            >= 6 and <= 8 => (d.Year, 1),
            >= 9 and <= 11 => (d.Year, 2),
            12 => (d.Year, 3),
            _ => (d.Year - 1, 3),
        };
    }

    public static readonly string[] SeasonCodes = ["SP", "SU", "FA", "WI"];

    public static int SeasonIndex(string code) => Array.IndexOf(SeasonCodes, code);

    /// <summary>Whether a day exists (e.g. Feb 30 does not).</summary>
    public static bool ValidDate(int y, int m, int d) => y is >= 1 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m);

    /// <summary>The n-th (1-based) given weekday of a month; n = -1 means the last one.</summary>
    public static DateOnly NthWeekday(int y, int m, int isoDow, int n)
    {
        if (n > 0)
        {
            var d = new DateOnly(y, m, 1);
            while (IsoDow(d) != isoDow) d = d.AddDays(1);
            return d.AddDays(DaysPerWeek * (n - 1));
        }
        var last = new DateOnly(y, m, DateTime.DaysInMonth(y, m));
        while (IsoDow(last) != isoDow) last = last.AddDays(-1);
        return last;
    }

    /// <summary>Western Easter Sunday (anonymous Gregorian algorithm).</summary>
    public static DateOnly Easter(int y)
    {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(y, month, day);
    }

    /// <summary>Duration value "P3Y", "PT48H", "P2Y6M"; fractions become the next smaller unit when exact.</summary>
    public static string Duration(double amount, Unit unit)
    {
        if (amount < 0) return DurationX(unit);
        double whole = Math.Floor(amount);
        double frac = amount - whole;
        if (frac > 1e-9)
        {
            // 2 1/2 years -> P2Y6M, 5 1/2 hours -> PT5H30M (TimeBank style)
            var (sub, factor) = unit switch
            {
                Unit.Year => (Unit.Month, 12.0),
                Unit.Month => (Unit.Day, 30.0),
                Unit.Week => (Unit.Day, 7.0),
                Unit.Day => (Unit.Hour, 24.0),
                Unit.Hour => (Unit.Minute, 60.0),
                Unit.Minute => (Unit.Second, 60.0),
                _ => (Unit.None, 0.0),
            };
            double subAmount = frac * factor;
            if (sub != Unit.None && Math.Abs(subAmount - Math.Round(subAmount)) < 1e-6)
            {
                string head = whole > 0 ? Duration(whole, unit) : "";
                string tail = Duration(Math.Round(subAmount), sub);
                if (head.Length == 0) return tail;
                bool headTime = head.StartsWith("PT", StringComparison.Ordinal), tailTime = tail.StartsWith("PT", StringComparison.Ordinal);
                if (headTime == tailTime) return head + tail[(tailTime ? 2 : 1)..];
                return head + tail[1..];
            }
            return FormatUnit(amount.ToString("0.##", Inv), unit);
        }
        return FormatUnit(((long)whole).ToString(Inv), unit);
    }

    public static string DurationX(Unit unit) => FormatUnit("X", unit);

    private static string FormatUnit(string n, Unit unit) => unit switch
    {
        Unit.Second => $"PT{n}S",
        Unit.Minute => $"PT{n}M",
        Unit.Hour => $"PT{n}H",
        Unit.Day => $"P{n}D",
        Unit.Week => $"P{n}W",
        Unit.Weekend => $"P{n}WE",
        Unit.Fortnight => n == "X" ? "PXW" : $"P{Mul(n, 2)}W",
        Unit.Month => $"P{n}M",
        Unit.Quarter => $"P{n}Q",
        Unit.Half => n == "X" ? "PXM" : $"P{Mul(n, 6)}M",
        Unit.Year => $"P{n}Y",
        Unit.Decade => n == "X" ? "PXDE" : $"P{Mul(n, 10)}Y",
        Unit.Century => n == "X" ? "PXCE" : $"P{Mul(n, 100)}Y",
        Unit.Millennium => n == "X" ? "PXML" : $"P{Mul(n, 1000)}Y",
        _ => $"P{n}",
    };

    private static string Mul(string n, int k) =>
        double.TryParse(n, NumberStyles.Float, Inv, out var v) ? (v * k).ToString("0.##", Inv) : n;

    /// <summary>Moves a date by a number of units (months and years clamp the day).</summary>
    public static DateOnly Add(DateOnly d, Unit unit, int n) => unit switch
    {
        Unit.Day => d.AddDays(n),
        Unit.Week or Unit.Weekend => d.AddDays(DaysPerWeek * n),
        Unit.Fortnight => d.AddDays(2 * DaysPerWeek * n),
        Unit.Month => d.AddMonths(n),
        Unit.Quarter => d.AddMonths(MonthsPerQuarter * n),
        Unit.Half => d.AddMonths(MonthsPerHalf * n),
        Unit.Year => d.AddYears(n),
        Unit.Decade => d.AddYears(10 * n),
        Unit.Century => d.AddYears(100 * n),
        Unit.Millennium => d.AddYears(1000 * n),
        _ => d,
    };

    /// <summary>A date formatted at the granularity of a unit: year "2012", month "2012-11", week "2012-W45", day "2012-11-05".</summary>
    public static string AtGranularity(DateOnly d, Unit unit) => unit switch
    {
        Unit.Year => Year(d.Year),
        Unit.Month => Month(d.Year, d.Month),
        Unit.Week or Unit.Fortnight => Week(d),
        Unit.Weekend => Weekend(d),
        Unit.Quarter => Quarter(d.Year, QuarterOf(d.Month)),
        Unit.Half => Half(d.Year, d.Month <= MonthsPerHalf ? 1 : 2),
        Unit.Decade => Decade(d.Year),
        Unit.Century => Century(d.Year),
        Unit.Millennium => (d.Year / 1000).ToString(Inv),
        _ => Date(d),
    };
}
