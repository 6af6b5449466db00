using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Storyline.Web.Pages;

/// <summary>
/// Milliseconds spent in each phase of a page, sent as a <c>Server-Timing</c> header (shown by browsers' developer
/// tools; the web bench adds them up to say where a page's time goes).
/// </summary>
public sealed class ServerTiming
{
    private readonly List<(string Name, double Ms)> _phases = [];
    private long _last = Stopwatch.GetTimestamp();

    /// <summary>Ends the current phase under <paramref name="name"/> and starts the next.</summary>
    public void Mark(string name)
    {
        long now = Stopwatch.GetTimestamp();
        _phases.Add((name, Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds));
        _last = now;
    }

    public void Send(HttpResponse response) =>
        response.Headers["Server-Timing"] = string.Join(", ", _phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name};dur={p.Ms:F2}")));

    /// <summary>Phases of a <c>Server-Timing</c> header value (name, milliseconds); unreadable parts are skipped.</summary>
    public static IEnumerable<(string Name, double Ms)> Parse(string? header)
    {
        if (string.IsNullOrEmpty(header)) yield break;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bits = part.Split(';', StringSplitOptions.TrimEntries);
            var dur = bits.Skip(1).FirstOrDefault(b => b.StartsWith("dur=", StringComparison.Ordinal));
            if (dur is not null && double.TryParse(dur[4..], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)) yield return (bits[0], ms);
        }
    }
}
