using System.Globalization;
using Storyline.Core;
using Storyline.Time;

namespace Storyline.Timeline;

/// <summary>A document's time expression as the roll-up dates with it.</summary>
public sealed record ResolvedTime(int Index, DateValue Date, bool Inferred, IReadOnlyList<string>? Evidence);

/// <summary>
/// The dates of a document's time expressions. A dated document's values are the time layer's own. For an undated one,
/// expressions the time layer left unresolved (<see cref="TimeAnchor.Unknown"/>: "on Saturday", "yesterday") are
/// resolved again by the time layer's tagger against the publication range the story inferred: once against each end
/// of the range. Where both agree the date holds for any publication day in the range (resolution moves monotonically
/// with the anchor); where they differ only the shared month is kept, and nothing when they share none.
/// </summary>
public static class InferredTimes
{
    public static IReadOnlyList<ResolvedTime> Resolve(RollupDocument d, int maxTimes = int.MaxValue)
    {
        var doc = d.Doc;
        int n = Math.Min(doc.Times.Count, maxTimes);
        var result = new List<ResolvedTime>(n);
        bool reresolve = d.Published is null && d.Inferred is not null;
        bool anyUnknown = false;
        for (int i = 0; i < n; i++)
        {
            var t = doc.Times[i];
            if (t.Type is not ("DATE" or "TIME")) continue;
            if (t.Anchor == TimeAnchor.Unknown) { anyUnknown = true; continue; }
            if (DateValue.Parse(t.Value) is { } v) result.Add(new ResolvedTime(i, v, false, null));
        }
        if (!reresolve || !anyUnknown || doc.Text.Length == 0) return result;

        var inf = d.Inferred!;
        // The tagger re-reads the text (linear in its length) with the anchor; spans match the stored expressions.
        var atEarliest = Spans(TimeExpressionTagger.Tag(doc.Text, Midnight(inf.Earliest)));
        var atLatest = Spans(TimeExpressionTagger.Tag(doc.Text, Midnight(inf.Latest)));
        string range = inf.Earliest.Date == inf.Latest.Date ? D(inf.Earliest) : $"{D(inf.Earliest)}..{D(inf.Latest)}";
        for (int i = 0; i < n; i++)
        {
            var t = doc.Times[i];
            if (t.Anchor != TimeAnchor.Unknown || t.Type is not ("DATE" or "TIME")) continue;
            if (!atEarliest.TryGetValue((t.Start, t.End), out var ve) || !atLatest.TryGetValue((t.Start, t.End), out var vl)) continue;
            if (DateValue.Parse(ve) is not { } a || DateValue.Parse(vl) is not { } b) continue;
            if (DateValue.Common(a, b) is not { } v) continue;
            var why = new List<string>(inf.Evidence.Count + 1)
            {
                a == b
                    ? $"'{t.Text}' resolved against the story's inferred publication date {range}"
                    : $"'{t.Text}' resolves to {a.Key} or {b.Key} across the inferred publication range {range}; month kept",
            };
            why.AddRange(inf.Evidence);
            result.Add(new ResolvedTime(i, v, true, why));
        }
        result.Sort((x, y) => x.Index.CompareTo(y.Index));
        return result;
    }

    private static Dictionary<(int, int), string?> Spans(IReadOnlyList<TimeExpression> times)
    {
        var map = new Dictionary<(int, int), string?>(times.Count);
        foreach (var t in times) map.TryAdd((t.Start, t.End), t.Value);
        return map;
    }

    private static DateTimeOffset Midnight(DateTimeOffset d) => new(d.UtcDateTime.Date, TimeSpan.Zero);

    private static string D(DateTimeOffset d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
