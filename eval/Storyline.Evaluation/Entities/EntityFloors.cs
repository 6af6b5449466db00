using System.Globalization;
using System.Text.Json;
using Storyline.Core;

namespace Storyline.Entities.Evaluation;

/// <summary>
/// The figures kept as quality floors (eval/floors/entities.json): gold-set test half and dev half,
/// and MEANTIME place resolution. One function computes them, the floor test and the CLI share it.
/// </summary>
public static class EntityFloors
{
    /// <summary>Default location of the hand-annotated gold set inside the repository.</summary>
    public static string? DefaultGoldPath => RepoPaths.RepoRoot is { } root
        ? Path.Combine(root, "tests", "Storyline.Entities.Tests", "Gold", "gold.json") : null;

    /// <summary>Default MEANTIME annotation folder (shared data), or null when absent.</summary>
    public static string? DefaultMeantimeDir => RepoPaths.SharedData is { } d && Directory.Exists(Path.Combine(d, "events", "meantime", "intra_cross-doc_annotation"))
        ? Path.Combine(d, "events", "meantime", "intra_cross-doc_annotation") : null;

    /// <summary>Metric name → value, for the gold set (both halves) and, when given, MEANTIME.</summary>
    public static Dictionary<string, double> Measure(string goldPath, string? meantimeDir)
    {
        var gold = GoldSet.Load(goldPath);
        var m = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var split in new[] { "test", "dev" })
        {
            var r = EntityEvaluator.Evaluate(gold.Where(d => d.Split == split));
            m[$"{split}_link_f1"] = r.LinkF1;
            m[$"{split}_role_accuracy"] = r.RoleAccuracy;
            m[$"{split}_country_accuracy"] = r.CountryAccuracy;
            m[$"{split}_place_accuracy"] = r.PlaceAccuracy;
        }
        if (meantimeDir is not null)
        {
            var mt = MeantimePlaces.Run(meantimeDir);
            m["meantime_place_accuracy"] = mt.Accuracy;
            m["meantime_bare_name_place_accuracy"] = mt.PlainAccuracy;
            m["meantime_country_accuracy"] = mt.CountryAccuracy;
        }
        return m;
    }

    /// <summary>Metrics below their floor, as readable lines (empty = all good). A metric missing from <paramref name="measured"/> is skipped.</summary>
    public static List<string> BelowFloors(IReadOnlyDictionary<string, double> measured, string floorsPath)
    {
        var floors = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(floorsPath)) ?? [];
        var below = new List<string>();
        foreach (var (metric, floor) in floors)
            if (measured.TryGetValue(metric, out var v) && !(v >= floor))
                below.Add(string.Create(CultureInfo.InvariantCulture, $"{metric} = {v:0.0000} < floor {floor:0.0000}"));
        return below;
    }
}
