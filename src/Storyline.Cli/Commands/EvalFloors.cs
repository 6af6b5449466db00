using System.Globalization;
using System.Text.Json;
using Storyline.Core;

namespace Storyline.Cli.Commands;

/// <summary>
/// The one floor check behind every `eval … --check`: find and read eval/floors/NAME.json, compare the measured figures
/// with it, print each figure below its floor ("storyline: below floor: …" on stderr) and give the exit code (7 below a floor).
/// </summary>
internal static class EvalFloors
{
    /// <summary>eval/floors/<paramref name="name"/>.json: in the repository (STORYLINE_REPO, or upwards from here), else upwards from the working directory or the CLI.</summary>
    public static string? Find(string name)
    {
        string file = name + ".json";
        if (RepoPaths.RepoRoot is { } root && File.Exists(Path.Combine(root, "eval", "floors", file)))
            return Path.Combine(root, "eval", "floors", file);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var f = Path.Combine(d.FullName, "eval", "floors", file);
                if (File.Exists(f)) return f;
            }
        return null;
    }

    /// <summary>The floors of eval/floors/<paramref name="name"/>.json (metric → lowest acceptable figure); a missing file is "not found" (exit 4).</summary>
    public static Dictionary<string, double> Load(string name)
    {
        var path = Find(name) ?? throw new StorylineException(ErrorCode.SL4004, $"eval/floors/{name}.json not found");
        return JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(path)) ?? [];
    }

    /// <summary>
    /// One message per floor not reached, "metric = got &lt; floor f" in <paramref name="format"/>. <paramref name="measure"/>
    /// gives a metric's figure, or null to skip a floor that does not apply to this run (a set that did not run).
    /// </summary>
    public static List<string> Below(IReadOnlyDictionary<string, double> floors, Func<string, double?> measure, string format = "0.0000")
    {
        var below = new List<string>();
        foreach (var (metric, floor) in floors)
        {
            if (measure(metric) is not { } got) continue;
            if (!(got >= floor))
                below.Add($"{metric} = {got.ToString(format, CultureInfo.InvariantCulture)} < floor {floor.ToString(format, CultureInfo.InvariantCulture)}");
        }
        return below;
    }

    /// <summary>Loads eval/floors/<paramref name="name"/>.json and returns the messages of <paramref name="below"/> over its floors.</summary>
    public static List<string> Check(string name, Func<IReadOnlyDictionary<string, double>, IEnumerable<string>> below) => [.. below(Load(name))];

    /// <summary>Prints each message on stderr and returns the exit code: success, or 7 (below a floor).</summary>
    public static int Report(IReadOnlyCollection<string> below)
    {
        foreach (var b in below) Console.Error.WriteLine($"storyline: below floor: {b}");
        return below.Count == 0 ? ExitCodes.Success : ExitCodes.BelowFloor;
    }
}
