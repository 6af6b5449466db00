using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Storyline.Ner.Conll;

namespace Storyline.Ner.Resources;

/// <summary>
/// Builds gazetteers: external lists from the shared data folder (countries, capitals, demonyms,
/// GeoNames cities and regions, CAMEO groups, PETRARCH actor dictionaries), and lists mined from
/// labelled training documents (entity strings by type, first and last names of persons).
/// </summary>
public static partial class GazetteerBuilder
{
    /// <summary>Cities at least this populous also go into the "city.big" list.</summary>
    public const int BigCityPopulation = 500_000;
    private const int MinAlternateNameLength = 3;

    public static Gazetteer BuildExternal(string sharedData, Action<string>? log = null)
    {
        var g = new Gazetteer();
        Countries(g, Path.Combine(sharedData, "gazetteers", "countries", "countries.json"));
        Geonames(g, Path.Combine(sharedData, "gazetteers", "geonames"));
        Cameo(g, Path.Combine(sharedData, "events", "cameo", "gdelt-lookups"));
        Petrarch(g, Path.Combine(sharedData, "events", "petrarch2", "dictionaries"));
        log?.Invoke($"gazetteer: {g.Count:N0} entries in {g.Lists.Count} lists ({string.Join(", ", g.Lists)})");
        return g;
    }

    private static void Countries(Gazetteer g, string path)
    {
        if (!File.Exists(path)) return;
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var c in doc.RootElement.EnumerateArray())
        {
            var name = c.GetProperty("name");
            AddName(g, "country", name.GetProperty("common").GetString());
            AddName(g, "country", name.GetProperty("official").GetString());
            if (c.TryGetProperty("altSpellings", out var alts))
                foreach (var a in alts.EnumerateArray())
                    if (a.GetString() is { Length: > 3 } s && IsLatin(s)) AddName(g, "country", s);
            if (c.TryGetProperty("capital", out var caps))
                foreach (var a in caps.EnumerateArray()) AddName(g, "capital", a.GetString());
            if (c.TryGetProperty("demonyms", out var dem) && dem.TryGetProperty("eng", out var eng))
                foreach (var k in new[] { "m", "f" })
                    if (eng.TryGetProperty(k, out var d) && d.GetString() is { Length: > 0 } s)
                    {
                        AddName(g, "demonym", s);
                        // "Germans", "Chinese" (no plural for -ese/-ss/-ch/-sh).
                        if (!s.EndsWith('s') && !s.EndsWith("ese", StringComparison.Ordinal) && !s.EndsWith("ch", StringComparison.Ordinal) && !s.EndsWith("sh", StringComparison.Ordinal))
                            AddName(g, "demonym.plural", s + "s");
                    }
        }
    }

    private static void Geonames(Gazetteer g, string dir)
    {
        var cities = Path.Combine(dir, "cities15000.txt");
        if (File.Exists(cities))
            foreach (var line in File.ReadLines(cities))
            {
                var c = line.Split('\t');
                if (c.Length < 15) continue;
                long pop = long.TryParse(c[14], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : 0;
                var names = new HashSet<string>(StringComparer.Ordinal) { c[1], c[2] };
                foreach (var alt in c[3].Split(',', StringSplitOptions.RemoveEmptyEntries))
                    if (alt.Length >= MinAlternateNameLength && IsLatin(alt) && char.IsUpper(alt[0]) && !IsAllCaps(alt)) names.Add(alt);
                foreach (var n in names)
                {
                    AddName(g, "city", n);
                    if (pop >= BigCityPopulation) AddName(g, "city.big", n);
                }
            }
        var regions = Path.Combine(dir, "admin1Codes.regionInfo.tsv");
        if (File.Exists(regions))
            foreach (var line in File.ReadLines(regions).Skip(1))
            {
                var c = line.Split('\t');
                if (c.Length < 3) continue;
                AddName(g, "region", c[1]); AddName(g, "region", c[2]);
            }
        var info = Path.Combine(dir, "countryInfo.txt");
        if (File.Exists(info))
            foreach (var line in File.ReadLines(info))
            {
                if (line.StartsWith('#')) continue;
                var c = line.Split('\t');
                if (c.Length < 6) continue;
                AddName(g, "country", c[4]); AddName(g, "capital", c[5]);
            }
    }

    private static void Cameo(Gazetteer g, string dir)
    {
        void Labels(string file, string list)
        {
            var p = Path.Combine(dir, file);
            if (!File.Exists(p)) return;
            foreach (var line in File.ReadLines(p).Skip(1))
            {
                var c = line.Split('\t');
                if (c.Length < 2) continue;
                var label = ParenRegex().Replace(c[1], "").Trim();
                AddName(g, list, label);
                var m = ParenAcronym().Match(c[1]);
                if (m.Success) AddName(g, list, m.Groups[1].Value);
            }
        }
        Labels("CAMEO.knowngroup.txt", "org.group");
        Labels("CAMEO.ethnic.txt", "misc.ethnic");
        Labels("CAMEO.religion.txt", "misc.religion");
    }

    /// <summary>
    /// PETRARCH/Phoenix actor dictionaries: an entry is a name line, "+" synonym lines and code lines
    /// in brackets. Entries whose codes carry dates ("[AFGGOV 780430-790916]") are office holders,
    /// i.e. persons; undated entries of the international and non-state files are organisations.
    /// </summary>
    private static void Petrarch(Gazetteer g, string dir)
    {
        if (!Directory.Exists(dir)) return;
        foreach (var file in Directory.EnumerateFiles(dir, "*.actors.txt").Order(StringComparer.Ordinal))
        {
            bool orgFile = !Path.GetFileName(file).Contains("Countries", StringComparison.Ordinal);
            var names = new List<string>();
            bool dated = false;
            void Flush()
            {
                if (names.Count > 0 && (dated || orgFile))
                    foreach (var n in names)
                    {
                        AddName(g, dated ? "person.actor" : "org.actor", n);
                        var parts = n.Split(' ');
                        // First and last names of office holders help with persons not in any list.
                        if (dated && parts.Length >= 2 && parts[0].Length > 2 && !parts[0].EndsWith('.'))
                        {
                            g.Add("person.first", [parts[0]]);
                            g.Add("person.last", [parts[^1]]);
                        }
                    }
                names.Clear(); dated = false;
            }
            foreach (var raw in File.ReadLines(file))
            {
                if (raw.StartsWith('#')) continue;
                var line = raw;
                int hash = line.IndexOf('#');
                if (hash >= 0) line = line[..hash];
                if (string.IsNullOrWhiteSpace(line)) { Flush(); continue; }
                if (char.IsWhiteSpace(line[0]) && !line.TrimStart().StartsWith('+'))
                {
                    if (DatedCode().IsMatch(line)) dated = true; // code line of the current entry
                    continue;
                }
                var t = line.TrimStart();
                bool synonym = t.StartsWith('+');
                if (!synonym) Flush();
                if (DatedCode().IsMatch(line)) dated = true;
                int br = t.IndexOf('[');
                var name = (br >= 0 ? t[..br] : t).TrimStart('+').Trim().Trim('_').Replace('_', ' ').Trim();
                if (name.Length < 3 || name.Contains('!') || name.Contains('[')) continue;
                names.Add(TitleCase(name));
            }
            Flush();
        }
    }

    /// <summary>Mined lists: every labelled entity string by type, plus first and last tokens of multi-token persons.</summary>
    public static Gazetteer Mine(IEnumerable<ConllDocument> docs)
    {
        var g = new Gazetteer();
        foreach (var t in EntityTags.Types) g.ListId("mined." + t);
        g.ListId("mined.first"); g.ListId("mined.last");
        foreach (var d in docs)
            foreach (var s in d.Sentences)
            {
                if (s.Tags is null) continue;
                foreach (var sp in EntityTags.SpansFromIob(s.Tags))
                {
                    var toks = s.Words[sp.Start..sp.End];
                    g.Add("mined." + sp.Type, toks);
                    if (sp.Type == "PER" && toks.Length >= 2)
                    {
                        g.Add("mined.first", [toks[0]]);
                        g.Add("mined.last", [toks[^1]]);
                    }
                }
            }
        return g;
    }

    private static void AddName(Gazetteer g, string list, string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return;
        name = name.Trim();
        g.Add(list, name);
        // Names in the data are written "Saint-Etienne", "St. Louis": the dash-split form is kept too.
        if (name.Contains('-') && !name.StartsWith('-')) g.Add(list, name.Replace('-', ' '));
    }

    private static bool IsLatin(string s)
    {
        foreach (var c in s)
            if (c > '\u024F' && !char.IsWhiteSpace(c)) return false;
        return true;
    }

    private static bool IsAllCaps(string s) => s.All(c => !char.IsLetter(c) || char.IsUpper(c));

    /// <summary>"KOFI ANNAN" → "Kofi Annan"; short particles stay lower-case ("bin", "al", "de").</summary>
    public static string TitleCase(string upper)
    {
        var parts = upper.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            var p = parts[i].ToLowerInvariant();
            if (i > 0 && p is "of" or "the" or "and" or "for" or "de" or "bin" or "al" or "von" or "van" or "der" or "la" or "le" or "du" or "da")
            { parts[i] = p; continue; }
            var chars = p.ToCharArray();
            for (int k = 0; k < chars.Length; k++)
                if (k == 0 || chars[k - 1] is '-' or '.' or '\'') chars[k] = char.ToUpperInvariant(chars[k]);
            parts[i] = new string(chars);
        }
        return string.Join(' ', parts);
    }

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex ParenRegex();

    [GeneratedRegex(@"\(([A-Z][A-Z\-]{1,})\)")]
    private static partial Regex ParenAcronym();

    [GeneratedRegex(@"\[[^\]]*(\d{6}|[<>]\d)")]
    private static partial Regex DatedCode();
}
