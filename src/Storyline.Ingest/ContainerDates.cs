using System.Globalization;
using System.Text.RegularExpressions;

namespace Storyline.Ingest;

/// <summary>
/// Dates as containers write them: ISO 8601 (JSONL, Atom, dc:date), RFC 822/1123 (RSS pubDate), Unix time (JSONL).
/// A value with no time of day is flagged <c>dateOnly</c>; a value without a zone is taken as UTC.
/// </summary>
internal static partial class ContainerDates
{
    /// <summary>Unix times below this are seconds, above are milliseconds (1e11 s is the year 5138).</summary>
    private const long MillisecondsThreshold = 100_000_000_000;

    /// <summary>Zone abbreviations that RSS feeds use in practice (RFC 822 lists the US ones).</summary>
    private static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = 0, ["UT"] = 0, ["UTC"] = 0, ["Z"] = 0, ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5,
        ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7, ["BST"] = 1, ["CET"] = 1, ["CEST"] = 2, ["MEZ"] = 1, ["MESZ"] = 2,
    };

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static bool TryParse(string? raw, out DateTimeOffset value, out bool dateOnly)
    {
        // A malformed date is ignored, never an item's failure: values the calendar or DateTimeOffset refuse (a zone
        // of +99:99, year 0, a UTC instant before year 1) make the constructors throw, and that means "no date".
        try { return TryParseCore(raw, out value, out dateOnly); }
        catch (ArgumentException) { value = default; dateOnly = false; return false; }
        catch (FormatException) { value = default; dateOnly = false; return false; }
        catch (OverflowException) { value = default; dateOnly = false; return false; }
    }

    private static bool TryParseCore(string? raw, out DateTimeOffset value, out bool dateOnly)
    {
        value = default;
        dateOnly = false;
        if (string.IsNullOrWhiteSpace(raw)) return false;
        var s = raw.Trim();
        if (IsoDate().Match(s) is { Success: true } d)
        {
            if (!DateOnly.TryParseExact(d.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return false;
            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            dateOnly = true;
            return true;
        }
        if (IsoDateTime().IsMatch(s))
            return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
        if (UnixTime().IsMatch(s) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long n))
        {
            value = n >= MillisecondsThreshold ? DateTimeOffset.FromUnixTimeMilliseconds(n) : DateTimeOffset.FromUnixTimeSeconds(n);
            return true;
        }
        var m = Rfc822().Match(s);
        if (!m.Success) return false;
        int month = Array.IndexOf(Months, m.Groups["mon"].Value[..3].ToLowerInvariant()) + 1;
        if (month == 0) return false;
        int day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
        int year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year < 100) year += year < 50 ? 2000 : 1900; // RFC 822 two-digit years
        if (day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        if (!m.Groups["h"].Success)
        {
            value = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
            dateOnly = true;
            return true;
        }
        int h = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture), min = int.Parse(m.Groups["mi"].Value, CultureInfo.InvariantCulture);
        int sec = m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (h > 23 || min > 59 || sec > 60) return false;
        var offset = TimeSpan.Zero;
        var z = m.Groups["z"].Value;
        if (z.Length == 5 && (z[0] == '+' || z[0] == '-'))
        {
            int hh = int.Parse(z.AsSpan(1, 2), CultureInfo.InvariantCulture), mm = int.Parse(z.AsSpan(3, 2), CultureInfo.InvariantCulture);
            offset = new TimeSpan(hh, mm, 0) * (z[0] == '-' ? -1 : 1);
        }
        else if (z.Length > 0 && ZoneHours.TryGetValue(z, out int zh)) offset = TimeSpan.FromHours(zh);
        value = new DateTimeOffset(year, month, day, h, min, Math.Min(sec, 59), offset);
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")]
    private static partial Regex IsoDateTime();

    [GeneratedRegex(@"^\d{9,13}$")]
    private static partial Regex UnixTime();

    [GeneratedRegex(@"^(?:[A-Za-z]{3,9},?\s*)?(?<day>\d{1,2})\s+(?<mon>[A-Za-z]{3,9})\.?\s+(?<year>\d{2,4})(?:\s+(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?\s*(?<z>[+-]\d{4}|[A-Za-z]{1,5})?)?\s*$")]
    private static partial Regex Rfc822();
}
