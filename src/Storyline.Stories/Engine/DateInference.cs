using System.Globalization;
using System.Text.RegularExpressions;
using Storyline.Stories.Index;

namespace Storyline.Stories.Engine;

/// <summary>
/// Estimates a publication date range for a document that has none, from its story's dated documents and
/// its own time expressions: absolute dates it mentions (published on or after the latest one), and
/// relative ones ("met on Saturday", "yesterday" → after the story's event; "will meet on Saturday",
/// "tomorrow" → before it). Always marked inferred, with the evidence.
/// </summary>
public static partial class DateInference
{
    /// <summary>Days before the story's first dated document that a document may still be published.</summary>
    public const int SlackBeforeDays = 1;
    /// <summary>Days after the story's last dated document that a follow-up may still appear.</summary>
    public const int SlackAfterDays = 3;
    /// <summary>A weekday mentioned without a date is at most this many days away from publication.</summary>
    public const int WeekdayReachDays = 6;

    private static readonly string[] WeekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
    private static readonly string[] MonthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    [GeneratedRegex(@"\b(?:on|last|this|next)\s+(?<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeekdayRegex();

    /// <summary>Words before a weekday that put the event in the future ("will meet on Saturday").</summary>
    [GeneratedRegex(@"\b(?:will|to be|is to|are to|plans? to|next|scheduled|expected to)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FutureRegex();

    /// <summary>Characters before a weekday searched for a future marker (within the clause).</summary>
    private const int FutureWindow = 60;

    [GeneratedRegex(@"\b(?<rel>yesterday|last night|tomorrow|tonight|earlier today|this morning)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativeDayRegex();

    [GeneratedRegex(@"\b(?<m>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)\s+(?<d>\d{1,2})(?:st|nd|rd|th)?\s*,?\s+(?<y>(?:19|20)\d{2})\b|\b(?<d2>\d{1,2})\s+(?<m2>January|February|March|April|May|June|July|August|September|October|November|December)\s+(?<y2>(?:19|20)\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex AbsoluteDateRegex();

    /// <summary>The inferred range, or null when there is no evidence at all.</summary>
    public static InferredDate? Infer(string text, StoryRecord story, IStoryIndexStore? store = null)
    {
        var evidence = new List<string>();
        DateTimeOffset? lo = null, hi = null;
        static string D(DateTimeOffset d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        if (story.FirstPublished is { } first && story.LastPublished is { } last)
        {
            lo = first.AddDays(-SlackBeforeDays); hi = last.AddDays(SlackAfterDays);
            evidence.Add($"story's dated documents span {D(first)}..{D(last)}");

            // relative expressions anchored on the story's event (taken as its first dated document)
            var anchor = first.Date;
            foreach (Match m in RelativeDayRegex().Matches(text))
            {
                var rel = m.Groups["rel"].Value.ToLowerInvariant();
                if (rel is "tomorrow")
                { hi = Min(hi, anchor.AddDays(0)); lo = Max(lo, anchor.AddDays(-1)); evidence.Add($"'{m.Value}' → the day before the event ({D(anchor)})"); }
                else if (rel is "yesterday" or "last night")
                { lo = Max(lo, anchor.AddDays(1)); hi = Min(hi, anchor.AddDays(1)); evidence.Add($"'{m.Value}' → the day after the event ({D(anchor)})"); }
                else
                { lo = Max(lo, anchor); hi = Min(hi, anchor.AddDays(1)); evidence.Add($"'{m.Value}' → the day of the event ({D(anchor)})"); }
                break; // the first relative expression is the one about the main event
            }
            foreach (Match m in WeekdayRegex().Matches(text))
            {
                int dow = Array.IndexOf(WeekdayNames, m.Groups["day"].Value.ToLowerInvariant());
                // the story's event day: the given weekday nearest to the first dated document
                var ev = NearestWeekday(anchor, (DayOfWeek)dow);
                int from = Math.Max(0, m.Index - FutureWindow);
                var before = text.AsSpan(from, m.Index - from);
                int stop = before.LastIndexOfAny(".!?\n");
                if (stop >= 0) before = before[(stop + 1)..];
                bool future = m.Value.StartsWith("next", StringComparison.OrdinalIgnoreCase) || FutureRegex().IsMatch(before);
                if (future) { lo = Max(lo, ev.AddDays(-WeekdayReachDays)); hi = Min(hi, ev); evidence.Add($"'{m.Value.Trim()}' (future) → before {m.Groups["day"].Value} {D(ev)}"); }
                else { lo = Max(lo, ev); hi = Min(hi, ev.AddDays(WeekdayReachDays)); evidence.Add($"'{m.Value.Trim()}' (past) → on or after {m.Groups["day"].Value} {D(ev)}"); }
                break;
            }
        }
        // absolute dates in the text: the document cannot predate the latest date it reports in the past
        var found = LatestDate(text);
        DateTimeOffset? latest = found?.Date; string? latestText = found?.Text;
        if (latest is { } l2)
        {
            if (lo is null || l2 > lo) lo = l2;
            hi ??= l2.AddDays(SlackAfterDays + WeekdayReachDays);
            evidence.Add($"mentions '{latestText}' → on or after {D(l2)}");
        }
        if (lo is null || hi is null) return null;
        if (hi < lo)
        {
            // conflicting evidence: keep the story's range, which is the strongest
            evidence.Add("relative expressions conflict with the story's dates; kept the story's range");
            if (story.FirstPublished is { } f2 && story.LastPublished is { } l3) { lo = f2.AddDays(-SlackBeforeDays); hi = l3.AddDays(SlackAfterDays); }
            else hi = lo;
        }
        return new InferredDate(lo.Value, hi.Value, evidence);
    }

    /// <summary>The latest full date (month name, day, year; "Nov 12 2011", "12 November 2011", "Feb. 04, 2009") written in a text.</summary>
    public static (DateTimeOffset Date, string Text)? LatestDate(string text)
    {
        (DateTimeOffset, string)? best = null;
        foreach (Match m in AbsoluteDateRegex().Matches(text))
        {
            var mon = m.Groups["m"].Success ? m.Groups["m"].Value : m.Groups["m2"].Value;
            var day = m.Groups["d"].Success ? m.Groups["d"].Value : m.Groups["d2"].Value;
            var yr = m.Groups["y"].Success ? m.Groups["y"].Value : m.Groups["y2"].Value;
            int mi = Array.FindIndex(MonthNames, n => n.StartsWith(mon.TrimEnd('.').ToLowerInvariant(), StringComparison.Ordinal)) + 1;
            if (mi == 0) continue;
            if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var di) || !int.TryParse(yr, NumberStyles.None, CultureInfo.InvariantCulture, out var yi)) continue;
            if (di < 1 || di > DateTime.DaysInMonth(yi, mi)) continue;
            var dt = new DateTimeOffset(yi, mi, di, 0, 0, 0, TimeSpan.Zero);
            if (best is null || dt > best.Value.Item1) best = (dt, m.Value);
        }
        return best;
    }

    private static DateTimeOffset NearestWeekday(DateTimeOffset anchor, DayOfWeek dow)
    {
        int diff = ((int)dow - (int)anchor.DayOfWeek + 7) % 7; // days forward
        return diff <= 3 ? anchor.AddDays(diff) : anchor.AddDays(diff - 7);
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset b) => a is null || b > a ? b : a;
    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset b) => a is null || b < a ? b : a;
}
