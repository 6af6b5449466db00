using System.Globalization;
using System.Text.Json;
using Storyline.Core;

namespace Storyline.Extraction.Evaluation;

/// <summary>
/// Quality floors of the extraction (eval/floors/extraction.json): a flat map of
/// "&lt;set&gt;[.tune|.test].&lt;precision|recall|f1|accuracy&gt;" to the lowest acceptable figure.
/// </summary>
public static class ExtractionFloors
{
    public const string FileName = "extraction.json";

    /// <summary>eval/floors/extraction.json in the repository.</summary>
    public static string DefaultPath => Path.Combine(RepoPaths.RepoRoot ?? ".", "eval", "floors", FileName);

    public static IReadOnlyDictionary<string, double> Load(string? path = null)
        => JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(path ?? DefaultPath)) ?? [];

    /// <summary>The figure named by <paramref name="key"/> (NaN when the set or part did not run).</summary>
    public static double Metric(IEnumerable<ExtractionEvalResult> results, string key)
    {
        var parts = key.Split('.');
        if (parts.Length < 2) return double.NaN;
        var r = results.FirstOrDefault(x => x.Set == parts[0]);
        if (r is not null && parts.Length == 3) r = parts[1] switch { "tune" => r.Tune, "test" => r.Test, _ => null };
        if (r is null) return double.NaN;
        return parts[^1] switch
        {
            "precision" => r.Precision,
            "recall" => r.Recall,
            "f1" => r.F1,
            "accuracy" => r.Accuracy ?? double.NaN,
            _ => double.NaN,
        };
    }

    /// <summary>One message per floor not reached by <paramref name="results"/> (floors of sets that did not run are skipped).</summary>
    public static List<string> Check(IReadOnlyList<ExtractionEvalResult> results, IReadOnlyDictionary<string, double> floors)
    {
        var failures = new List<string>();
        foreach (var (key, floor) in floors)
        {
            string set = key.Split('.')[0];
            if (!results.Any(r => r.Set == set)) continue;
            double got = Metric(results, key);
            if (!(got >= floor)) failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key} = {got:0.0000} < floor {floor:0.0000}"));
        }
        return failures;
    }

    /// <summary>Floors from measured figures: each reached figure minus <paramref name="margin"/>, rounded down to 3 decimals.</summary>
    public static Dictionary<string, double> FromResults(IEnumerable<ExtractionEvalResult> results, double margin = 0.01)
    {
        var floors = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in results)
            foreach (var (prefix, part) in new[] { (r.Set, r), (r.Set + ".test", r.Test) })
            {
                if (part is null) continue;
                foreach (var (name, value) in new[] { ("precision", part.Precision), ("recall", part.Recall), ("f1", part.F1) })
                    floors[$"{prefix}.{name}"] = Math.Floor((value - margin) * 1000) / 1000;
            }
        return floors;
    }
}
