using System.CommandLine;
using System.Diagnostics;
using Storyline.Core;
using Storyline.Entities.Geo;

namespace Storyline.Cli.Commands;

/// <summary>`storyline train gazetteer`: rebuild models/gazetteer.bin.gz from the GeoNames and countries data.</summary>
public static class TrainGazetteerCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Folder holding geonames/ and countries/ (default: ../shared/data/gazetteers)." };
        var output = new Option<string?>("--out") { Description = "Where to write it (default: models/gazetteer.bin.gz)." };
        var cmd = Cli.NewCommand("gazetteer",
            "Compile the place gazetteer used by the entity and place stages: GeoNames cities15000, first-level divisions and " +
            "countryInfo joined with mledoze/countries (aliases, demonyms), as a compact gzip'd binary.",
            "storyline train gazetteer", "storyline train gazetteer --out /tmp/gazetteer.bin.gz");
        cmd.Add(data); cmd.Add(output);
        TrainOutput.SetAction(cmd, output, () => RepoPaths.Model(Gazetteer.ModelFileName), (r, path) =>
        {
            var dir = r.GetValue(data) ?? RepoPaths.Data("gazetteers");
            if (!Directory.Exists(Path.Combine(dir, "geonames"))) return Cli.Error($"no geonames/ under {dir}", ExitCodes.NotFound);
            var sw = Stopwatch.StartNew();
            var g = Gazetteer.BuildAndSave(dir, path);
            if (r.GetValue(Cli.Json))
                Cli.WriteJson(new { model = path, cities = g.CityCount, countries = g.Countries.Count, admin1 = g.Admin1s.Count, bytes = new FileInfo(path).Length, ms = sw.ElapsedMilliseconds });
            else
                Console.WriteLine($"{path}: {g.CityCount} towns, {g.Admin1s.Count} divisions, {g.Countries.Count} countries, {new FileInfo(path).Length / 1024} KB ({sw.ElapsedMilliseconds} ms)");
            return ExitCodes.Success;
        });
        return cmd;
    }
}
