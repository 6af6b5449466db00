using System.Globalization;

namespace Storyline.Web.Pages;

/// <summary>Inline SVG charts drawn by our own code; labels from documents go through <see cref="Html.T"/> like any text.</summary>
public static class Svg
{
    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Slots a sparkline has at least.</summary>
    public const int MinSparkDays = 7;

    /// <summary>A small bar sparkline of documents per day.</summary>
    public static void Sparkline(Html h, IReadOnlyList<int> counts, string label, int width = 120, int height = 28)
    {
        int max = Math.Max(1, counts.Count == 0 ? 1 : counts.Max());
        // At least a week of slots, the story's days at the right: a one-day story is one narrow bar, not a filled box.
        int slots = Math.Max(MinSparkDays, counts.Count), pad = slots - counts.Count;
        double bw = (double)width / slots;
        h.Raw("<svg class=\"spark\" role=\"img\" width=\"").N(width).Raw("\" height=\"").N(height)
         .Raw("\" viewBox=\"0 0 ").N(width).Raw(" ").N(height).Raw("\"><title>").T(label).Raw("</title>")
         .Raw("<line x1=\"0\" y1=\"").N(height - 0.5, "0.#").Raw("\" x2=\"").N(width).Raw("\" y2=\"").N(height - 0.5, "0.#").Raw("\" stroke=\"#b9b6ac\"/>");
        for (int i = 0; i < counts.Count; i++)
        {
            if (counts[i] == 0) continue;
            double bh = Math.Max(2, (height - 2) * counts[i] / (double)max);
            h.Raw("<rect x=\"").Raw(F((pad + i) * bw + 0.5)).Raw("\" y=\"").Raw(F(height - 1 - bh)).Raw("\" width=\"").Raw(F(Math.Max(1, bw - 1)))
             .Raw("\" height=\"").Raw(F(bh)).Raw("\" fill=\"#0b5cad\"/>");
        }
        h.Raw("</svg>");
    }

    /// <summary>Days a timeline's axis spans at least.</summary>
    public const double MinAxisDays = 7;

    /// <summary>One point of a timeline: when, which lane (row label), a short label, and whether its date is inferred.</summary>
    public sealed record Point(DateTimeOffset When, string Lane, string Label, bool Inferred, string? Href = null);

    /// <summary>
    /// A timeline: one row per lane (a source, or "events"), points at their dates on a shared time axis with day/month ticks;
    /// inferred dates are hollow. Each point has a tooltip title.
    /// </summary>
    public static void Timeline(Html h, IReadOnlyList<Point> points, string label)
    {
        if (points.Count == 0) return;
        var lanes = points.Select(p => p.Lane).Distinct().Take(12).ToList();
        var pts = points.Where(p => lanes.Contains(p.Lane)).ToList();
        DateTimeOffset min = pts.Min(p => p.When), max = pts.Max(p => p.When);
        // At least a week's axis (everything on one day gets the week around it), so days read as days and not as a
        // stretched hour scale; and a margin so no point sits on the chart's edge.
        if (max - min < TimeSpan.FromDays(MinAxisDays))
        {
            var mid = min + (max - min) / 2;
            min = mid - TimeSpan.FromDays(MinAxisDays / 2.0);
            max = mid + TimeSpan.FromDays(MinAxisDays / 2.0);
        }
        var margin = (max - min) * 0.03;
        min -= margin; max += margin;
        const int left = 130, right = 20, top = 14, laneH = 30, axisH = 30;
        int width = 760, height = top + lanes.Count * laneH + axisH;
        double span = (max - min).TotalSeconds;
        double X(DateTimeOffset t) => left + (width - left - right) * ((t - min).TotalSeconds / span);
        // On a phone the chart keeps a readable width and scrolls sideways (a focusable region, so keyboards can scroll it too).
        h.Raw("<div class=\"chart-scroll\" tabindex=\"0\" role=\"group\" aria-label=\"Timeline chart\">");
        h.Raw("<svg class=\"chart timeline\" role=\"img\" viewBox=\"0 0 ").N(width).Raw(" ").N(height).Raw("\" preserveAspectRatio=\"xMinYMin meet\"><title>").T(label).Raw("</title>");
        for (int i = 0; i < lanes.Count; i++)
        {
            double y = top + i * laneH + laneH / 2.0;
            h.Raw("<line x1=\"").N(left).Raw("\" x2=\"").N(width - right).Raw("\" y1=\"").Raw(F(y)).Raw("\" y2=\"").Raw(F(y)).Raw("\" stroke=\"#e3e1da\"/>");
            var lane = lanes[i].Length > 20 ? lanes[i][..19] + "…" : lanes[i];
            h.Raw("<text x=\"").N(left - 8).Raw("\" y=\"").Raw(F(y + 4)).Raw("\" text-anchor=\"end\">").T(lane).Raw("</text>");
        }
        // Ticks: days for spans under ~3 weeks, months under ~4 years, else years.
        double axisY = top + lanes.Count * laneH + 6;
        h.Raw("<line x1=\"").N(left).Raw("\" x2=\"").N(width - right).Raw("\" y1=\"").Raw(F(axisY)).Raw("\" y2=\"").Raw(F(axisY)).Raw("\" stroke=\"#8d8a80\"/>");
        double totalDays = (max - min).TotalDays;
        bool days = totalDays <= 21, years = totalDays > 4 * 365;
        var tick = days ? new DateTimeOffset(min.UtcDateTime.Date, TimeSpan.Zero)
            : years ? new DateTimeOffset(min.UtcDateTime.Year, 1, 1, 0, 0, 0, TimeSpan.Zero)
            : new DateTimeOffset(min.UtcDateTime.Year, min.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        int ticks = 0, step = Math.Max(1, (int)Math.Ceiling(days ? totalDays / 8 : years ? totalDays / 365 / 8 : totalDays / 30 / 8));
        while (tick <= max && ticks < 40)
        {
            if (tick >= min)
            {
                double x = X(tick);
                h.Raw("<line x1=\"").Raw(F(x)).Raw("\" x2=\"").Raw(F(x)).Raw("\" y1=\"").Raw(F(axisY)).Raw("\" y2=\"").Raw(F(axisY + 5)).Raw("\" stroke=\"#8d8a80\"/>")
                 .Raw("<text x=\"").Raw(F(x)).Raw("\" y=\"").Raw(F(axisY + 18)).Raw("\" text-anchor=\"middle\">")
                 .T(tick.ToString(days ? "MMM d" : years ? "yyyy" : "MMM yyyy", CultureInfo.InvariantCulture)).Raw("</text>");
            }
            tick = days ? tick.AddDays(step) : years ? tick.AddYears(step) : tick.AddMonths(step);
            ticks++;
        }
        foreach (var p in pts)
        {
            double y = top + lanes.IndexOf(p.Lane) * laneH + laneH / 2.0;
            h.Raw("<circle cx=\"").Raw(F(X(p.When))).Raw("\" cy=\"").Raw(F(y)).Raw("\" r=\"6\" ")
             .Raw(p.Inferred ? "fill=\"#ffffff\" stroke=\"#b35c00\" stroke-width=\"2\" stroke-dasharray=\"3 2\"" : "fill=\"#0b5cad\" stroke=\"#ffffff\" stroke-width=\"1.5\"")
             .Raw("><title>").T(p.When.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (p.Inferred ? " (inferred) " : " ") + p.Label).Raw("</title></circle>");
        }
        h.Raw("</svg></div>");
    }

    /// <summary>A place to mark on the map.</summary>
    public sealed record Place(string Name, double Lat, double Lon, int Count);

    /// <summary>
    /// A small map: places at their latitude/longitude (equirectangular), zoomed to the places with a margin, over a
    /// graticule every 10 or 30 degrees; the biggest dots are the most mentioned places.
    /// </summary>
    public static void Map(Html h, IReadOnlyList<Place> places, string label)
    {
        var ps = places.Where(p => p.Lat is >= -90 and <= 90 && p.Lon is >= -180 and <= 180).Take(40).ToList();
        if (ps.Count == 0) return;
        double minLon = ps.Min(p => p.Lon), maxLon = ps.Max(p => p.Lon), minLat = ps.Min(p => p.Lat), maxLat = ps.Max(p => p.Lat);
        double padLon = Math.Max(8, (maxLon - minLon) * 0.15), padLat = Math.Max(6, (maxLat - minLat) * 0.15);
        minLon = Math.Max(-180, minLon - padLon); maxLon = Math.Min(180, maxLon + padLon);
        minLat = Math.Max(-90, minLat - padLat); maxLat = Math.Min(90, maxLat + padLat);
        const int width = 480;
        double aspect = (maxLat - minLat) / (maxLon - minLon);
        int height = (int)Math.Clamp(width * aspect, 160, 360);
        double X(double lon) => (lon - minLon) / (maxLon - minLon) * width;
        double Y(double lat) => (maxLat - lat) / (maxLat - minLat) * height;
        h.Raw("<svg class=\"chart map\" role=\"img\" viewBox=\"0 0 ").N(width).Raw(" ").N(height).Raw("\"><title>").T(label).Raw("</title>")
         .Raw("<rect width=\"100%\" height=\"100%\" fill=\"#eef3fa\"/>");
        int grid = (maxLon - minLon) > 90 ? 30 : 10;
        for (int lon = (int)Math.Ceiling(minLon / grid) * grid; lon <= maxLon; lon += grid)
            h.Raw("<line x1=\"").Raw(F(X(lon))).Raw("\" x2=\"").Raw(F(X(lon))).Raw("\" y1=\"0\" y2=\"").N(height).Raw("\" stroke=\"#d3dced\"/>");
        for (int lat = (int)Math.Ceiling(minLat / grid) * grid; lat <= maxLat; lat += grid)
            h.Raw("<line y1=\"").Raw(F(Y(lat))).Raw("\" y2=\"").Raw(F(Y(lat))).Raw("\" x1=\"0\" x2=\"").N(width).Raw("\" stroke=\"#d3dced\"/>");
        int most = ps.Max(p => p.Count);
        foreach (var p in ps.OrderBy(p => p.Count))
        {
            double r = 4 + 6 * Math.Sqrt(p.Count / (double)most);
            double x = X(p.Lon), y = Y(p.Lat);
            h.Raw("<circle cx=\"").Raw(F(x)).Raw("\" cy=\"").Raw(F(y)).Raw("\" r=\"").Raw(F(r)).Raw("\" fill=\"#c0392b\" fill-opacity=\".75\" stroke=\"#fff\"><title>")
             .T($"{p.Name}: {p.Count} mention{(p.Count == 1 ? "" : "s")}").Raw("</title></circle>")
             .Raw("<text x=\"").Raw(F(Math.Min(x + r + 3, width - 60))).Raw("\" y=\"").Raw(F(y + 4)).Raw("\">").T(p.Name.Length > 24 ? p.Name[..23] + "…" : p.Name).Raw("</text>");
        }
        h.Raw("</svg>");
    }

    /// <summary>Vertical bars with a label under each (mentions per month on an entity page).</summary>
    public static void Bars(Html h, IReadOnlyList<(string Label, int Value)> bars, string label)
    {
        if (bars.Count == 0) return;
        const int height = 140, barArea = 110;
        int width = Math.Max(240, bars.Count * 48);
        int max = Math.Max(1, bars.Max(b => b.Value));
        double bw = (double)width / bars.Count;
        h.Raw("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").N(width).Raw(" ").N(height).Raw("\"><title>").T(label).Raw("</title>");
        for (int i = 0; i < bars.Count; i++)
        {
            double bh = Math.Max(2, barArea * bars[i].Value / (double)max);
            h.Raw("<rect x=\"").Raw(F(i * bw + 6)).Raw("\" y=\"").Raw(F(barArea - bh + 6)).Raw("\" width=\"").Raw(F(Math.Max(2, bw - 12))).Raw("\" height=\"").Raw(F(bh)).Raw("\" fill=\"#0b5cad\"><title>")
             .T($"{bars[i].Label}: {bars[i].Value}").Raw("</title></rect>")
             .Raw("<text x=\"").Raw(F(i * bw + bw / 2)).Raw("\" y=\"").N(height - 8).Raw("\" text-anchor=\"middle\">").T(bars[i].Label).Raw("</text>");
        }
        h.Raw("</svg>");
    }
}
