using System.Globalization;
using System.Text.RegularExpressions;

namespace Storyline.Metadata;

/// <summary>A date found in text: the value, whether it had a time of day, and where it was.</summary>
public readonly record struct FoundDate(DateTimeOffset Value, bool DateOnly, int Index, int Length);

/// <summary>
/// Reads publication dates the ways pages write them: ISO 8601 (with or without zone, "+0000" offsets),
/// compact yyyyMMdd, RFC 822, Unix time, "May 6, 2024", "6 May 2024", "Tue 7 May 2024 10.15 BST",
/// "06.05.2024", "2024/05/06", "6. Mai 2024", "6 mai 2024", "6 de mayo de 2024"... in English, German, French,
/// Spanish, Italian, Portuguese, Dutch and Polish month names. Slashed dates are read only when unambiguous
/// (one part above 12) or year-first. A time without a zone is taken as UTC. Never guesses a missing year.
/// </summary>
public static partial class DateParser
{
    /// <summary>Unix times from this value up are milliseconds.</summary>
    private const long MillisecondsThreshold = 100_000_000_000;

    private const int MaxMonth = 12, HoursPerHalfDay = 12;

    private static readonly Dictionary<string, int> MonthNames = BuildMonths();

    private static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = 0, ["UT"] = 0, ["UTC"] = 0, ["Z"] = 0, ["WET"] = 0, ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5,
        ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7, ["AKST"] = -9, ["AKDT"] = -8, ["HST"] = -10,
        ["BST"] = 1, ["IST"] = 1, ["CET"] = 1, ["CEST"] = 2, ["MEZ"] = 1, ["MESZ"] = 2, ["EET"] = 2, ["EEST"] = 3,
        ["MSK"] = 3, ["JST"] = 9, ["KST"] = 9, ["AEST"] = 10, ["AEDT"] = 11, ["ET"] = -5, ["PT"] = -8,
    };

    private static Dictionary<string, int> BuildMonths()
    {
        var d = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        string[][] names =
        [
            ["january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro", "januari", "stycznia", "styczeń", "sty"],
            ["february", "feb", "februar", "février", "fevrier", "févr", "fevr", "febrero", "febbraio", "fevereiro", "fev", "februari", "lutego", "luty", "lut"],
            ["march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart", "marca", "marzec"],
            ["april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "kwiecień", "kwi"],
            ["may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maja", "maj"],
            ["june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwca", "czerwiec", "cze"],
            ["july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipca", "lipiec", "lip"],
            ["august", "aug", "août", "aout", "agosto", "ago", "augustus", "sierpnia", "sierpień", "sie"],
            ["september", "sep", "sept", "septembre", "septiembre", "set", "settembre", "setembro", "września", "wrzesień", "wrz"],
            ["october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out", "października", "październik", "paź"],
            ["november", "nov", "novembre", "noviembre", "novembro", "listopada", "listopad", "lis"],
            ["december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre", "dezembro", "grudnia", "grudzień", "gru"],
        ];
        for (int m = 0; m < names.Length; m++)
            foreach (var n in names[m]) d.TryAdd(n, m + 1);
        return d;
    }

    /// <summary>Parses a whole value (a meta content, a JSON-LD field, a datetime attribute).</summary>
    public static bool TryParse(string? raw, out DateTimeOffset value, out bool dateOnly)
    {
        value = default;
        dateOnly = false;
        if (string.IsNullOrWhiteSpace(raw)) return false;
        var s = raw.Trim();
        if (UnixTime().IsMatch(s) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long n))
        {
            value = n >= MillisecondsThreshold ? DateTimeOffset.FromUnixTimeMilliseconds(n) : DateTimeOffset.FromUnixTimeSeconds(n);
            return true;
        }
        if (Compact().Match(s) is { Success: true } c)
            return Make(Int(c.Groups[1]), Int(c.Groups[2]), Int(c.Groups[3]), null, out value, out dateOnly);
        // Java's Date.toString ("Mon Aug 03 12:45:00 EDT 2015") puts the year after the zone: move it before the time.
        if (JavaDate().Match(s) is { Success: true } jd)
            s = $"{jd.Groups[1].Value} {jd.Groups[2].Value}, {jd.Groups[5].Value} {jd.Groups[3].Value} {jd.Groups[4].Value}";
        var found = Find(s);
        if (found is null) return false;
        value = found.Value.Value;
        dateOnly = found.Value.DateOnly;
        return true;
    }

    [GeneratedRegex(@"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{1,2}:\d{2}(?::\d{2})?)\s+([A-Z]{2,4})\s+(\d{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex JavaDate();

    /// <summary>True when a date value states its zone (Z, an offset, a zone name), so its clock time is not local by default.</summary>
    public static bool HasExplicitZone(string? raw) => raw is not null && ExplicitZone().IsMatch(raw.Trim());

    [GeneratedRegex(@"(?:\d(?:Z|z)|[+-]\d{2}:?\d{2}|\b(?:GMT|UTC|UT|[ECMP][SD]T|BST|CES?T|MESZ?|EES?T|JST|KST|AES?T|AEDT|IST|HKT|ET|PT)\b(?:[+-]\d{2}:?\d{2})?)(?:\s*\(.*\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex ExplicitZone();

    /// <summary>A day and month without a year ("3 mars", "March 3", "3. März"), for labelled dates that omit the year.</summary>
    public static (int Day, int Month, int Index)? FindDayMonth(string text)
    {
        foreach (Match m in DayMonthRegex().Matches(text))
        {
            var mon = m.Groups["mon"].Value.TrimEnd('.');
            if (!MonthNames.TryGetValue(mon, out int month)) continue;
            int day = Int(m.Groups["d"].Success ? m.Groups["d"] : m.Groups["d2"]);
            if (day is >= 1 and <= 31 && day <= DateTime.DaysInMonth(2000, month)) return (day, month, m.Index);
        }
        return null;
    }

    [GeneratedRegex(@"(?<![\p{L}\d])(?:(?<d>\d{1,2})(?:er|\.|º)?\s*(?:de\s+)?(?<mon>\p{L}{3,12}\.?)|(?<mon>\p{L}{3,10}\.?)\s+(?<d2>\d{1,2})(?:st|nd|rd|th)?)(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthRegex();

    /// <summary>The first date written anywhere in <paramref name="text"/>, or null.</summary>
    public static FoundDate? Find(string text)
    {
        FoundDate? best = null;
        foreach (var (regex, kind) in Patterns)
        {
            foreach (Match m in regex.Matches(text))
            {
                if (best is { } b && m.Index >= b.Index) break;
                if (Read(m, kind, out var v, out bool dateOnly))
                {
                    best = new FoundDate(v, dateOnly, m.Index, m.Length);
                    break;
                }
            }
        }
        return best;
    }

    private enum Kind { Iso, MonthFirst, DayFirst, Dotted, YearSlash, Slashed }

    private static readonly (Regex, Kind)[] Patterns =
    [
        (IsoRegex(), Kind.Iso), (MonthFirstRegex(), Kind.MonthFirst), (DayFirstRegex(), Kind.DayFirst),
        (DottedRegex(), Kind.Dotted), (YearSlashRegex(), Kind.YearSlash), (SlashedRegex(), Kind.Slashed),
    ];

    private static bool Read(Match m, Kind kind, out DateTimeOffset value, out bool dateOnly)
    {
        value = default;
        dateOnly = false;
        int year, month, day;
        switch (kind)
        {
            case Kind.Iso:
            case Kind.YearSlash:
                year = Int(m.Groups["y"]); month = Int(m.Groups["m"]); day = Int(m.Groups["d"]);
                break;
            case Kind.MonthFirst:
            case Kind.DayFirst:
                if (!MonthNames.TryGetValue(m.Groups["mon"].Value.TrimEnd('.'), out month)) return false;
                year = Int(m.Groups["y"]); day = Int(m.Groups["d"]);
                break;
            case Kind.Dotted:
                year = Int(m.Groups["y"]); month = Int(m.Groups["m"]); day = Int(m.Groups["d"]);
                break;
            default:
            {
                int a = Int(m.Groups["a"]), b2 = Int(m.Groups["b"]);
                year = Int(m.Groups["y"]);
                if (a > MaxMonth && b2 <= MaxMonth) { day = a; month = b2; }
                else if (b2 > MaxMonth && a <= MaxMonth) { month = a; day = b2; }
                else return false; // 05/06/2024: May 6 or 5 June? Not guessed.
                break;
            }
        }
        return Make(year, month, day, m, out value, out dateOnly);
    }

    private static bool Make(int year, int month, int day, Match? m, out DateTimeOffset value, out bool dateOnly)
    {
        value = default;
        dateOnly = true;
        if (year < 100) return false;
        if (month is < 1 or > MaxMonth || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        if (m is null || !m.Groups["h"].Success)
        {
            value = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
            return true;
        }
        int h = Int(m.Groups["h"]), min = Int(m.Groups["mi"]), sec = m.Groups["s"].Success ? Int(m.Groups["s"]) : 0;
        var ampm = m.Groups["ampm"].Value.Replace(".", "", StringComparison.Ordinal).ToLowerInvariant();
        if (ampm == "pm" && h < HoursPerHalfDay) h += HoursPerHalfDay;
        if (ampm == "am" && h == HoursPerHalfDay) h = 0;
        if (h > 23 || min > 59 || sec > 59) return false;
        var offset = TimeSpan.Zero;
        var z = m.Groups["z"].Value;
        if (z.Length > 0)
        {
            if (z is "Z" or "z") offset = TimeSpan.Zero;
            else if (z[0] is '+' or '-' && ParseOffset(z[1..]) is { } o) offset = z[0] == '-' ? -o : o;
            else if (ZoneHours.TryGetValue(z, out int zh)) offset = TimeSpan.FromHours(zh);
        }
        value = new DateTimeOffset(year, month, day, h, min, sec, offset);
        if (m.Groups["frac"].Success && double.TryParse("0" + m.Groups["frac"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double f))
            value = value.AddTicks((long)(f * TimeSpan.TicksPerSecond));
        dateOnly = false;
        return true;
    }

    private static TimeSpan? ParseOffset(string s)
    {
        s = s.Replace(":", "", StringComparison.Ordinal);
        if (s.Length is not (2 or 4)) return null;
        int hh = int.Parse(s.AsSpan(0, 2), CultureInfo.InvariantCulture), mm = s.Length == 4 ? int.Parse(s.AsSpan(2, 2), CultureInfo.InvariantCulture) : 0;
        return hh > 14 || mm > 59 ? null : new TimeSpan(hh, mm, 0);
    }

    private static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);

    // Time of day as pages write it: 10:15, 10:15:30, 10.15 (Guardian), with optional am/pm and zone.
    private const string TimePart =
        @"(?:(?:\s*[T,]\s*|\s+(?:at|um|à|a las|alle|om|o)?\s*)(?<h>\d{1,2})[:.h](?<mi>\d{2})(?::(?<s>\d{2})(?<frac>\.\d+)?)?(?:\s*(?<ampm>[AaPp]\.?[Mm]\.?))?(?:\s*(?<z>Z|[+-]\d{2}:?\d{2}|[+-]\d{2}\b|\b[A-Z]{2,5}\b))?)?";

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})-(?<m>\d{1,2})-(?<d>\d{1,2})(?:(?:T|\s+)(?<h>\d{2}):(?<mi>\d{2})(?::(?<s>\d{2})(?<frac>\.\d+)?)?\s*(?<z>Z|[+-]\d{2}:?\d{2}|[+-]\d{2}\b|[A-Z]{2,5}\b)?)?", RegexOptions.CultureInvariant)]
    private static partial Regex IsoRegex();

    [GeneratedRegex(@"(?<![\p{L}\d])(?<mon>\p{L}{3,10}\.?)\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>(?:19|20)\d{2})(?!\d)" + TimePart, RegexOptions.CultureInvariant)]
    private static partial Regex MonthFirstRegex();

    [GeneratedRegex(@"(?<!\d)(?<d>\d{1,2})(?:st|nd|rd|th|er|\.|º)?,?\s*(?:de\s+)?(?<mon>\p{L}{3,12}\.?)(?:\s+de)?,?\s+(?<y>(?:19|20)\d{2})(?!\d)" + TimePart, RegexOptions.CultureInvariant)]
    private static partial Regex DayFirstRegex();

    [GeneratedRegex(@"(?<![\d.])(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>(?:19|20)\d{2})(?![\d.]\d)" + TimePart, RegexOptions.CultureInvariant)]
    private static partial Regex DottedRegex();

    [GeneratedRegex(@"(?<![\d/])(?<y>(?:19|20)\d{2})/(?<m>\d{1,2})/(?<d>\d{1,2})(?![\d/])" + TimePart, RegexOptions.CultureInvariant)]
    private static partial Regex YearSlashRegex();

    [GeneratedRegex(@"(?<![\d/])(?<a>\d{1,2})/(?<b>\d{1,2})/(?<y>(?:19|20)\d{2})(?![\d/])" + TimePart, RegexOptions.CultureInvariant)]
    private static partial Regex SlashedRegex();

    [GeneratedRegex(@"^\d{9,13}$")]
    private static partial Regex UnixTime();

    [GeneratedRegex(@"^((?:19|20)\d{2})(\d{2})(\d{2})$")]
    private static partial Regex Compact();
}
