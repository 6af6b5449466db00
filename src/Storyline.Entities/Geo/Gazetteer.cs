using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Storyline.Core;
using Storyline.Entities.Text;

namespace Storyline.Entities.Geo;

/// <summary>
/// Countries, first-level divisions and cities (GeoNames cities15000 + admin1 + countryInfo, joined with
/// mledoze/countries for aliases and demonyms), with a name index for lookup. Immutable after load and
/// safe to share between threads; <see cref="Default"/> loads it once.
/// <para>Memory: cities are kept as parallel arrays (float coordinates, int population, interned codes);
/// only Latin-script alternate names of towns with at least <see cref="AltNameMinPopulation"/> people
/// are indexed, which keeps exonyms ("Geneva", "Munich") without the long tail of foreign spellings.</para>
/// </summary>
public sealed class Gazetteer
{
    /// <summary>File name of the precompiled gazetteer under models/.</summary>
    public const string ModelFileName = "gazetteer.bin";

    /// <summary>Alternate (non-primary) city names are indexed only for towns at least this big.</summary>
    public const int AltNameMinPopulation = 100_000;

    private const string Magic = "SLGAZ1";

    public IReadOnlyList<Country> Countries { get; }
    public IReadOnlyList<Admin1> Admin1s { get; }
    public IReadOnlyList<Region> Regions { get; }

    // Cities as parallel arrays.
    internal readonly int[] CityId;
    internal readonly string[] CityName;
    internal readonly float[] CityLat, CityLon;
    internal readonly int[] CityPop;
    internal readonly short[] CityCountry;   // index into Countries, -1 when unknown
    internal readonly int[] CityAdmin1;      // index into Admin1s, -1 when unknown
    internal readonly byte[] CityRank;       // 2 = national capital, 1 = seat of a first-level division, 0 = other

    private readonly Dictionary<string, GeoCandidate[]> _names;
    private readonly Dictionary<string, int> _countryByCode;
    private readonly Dictionary<string, int> _admin1ByCode;
    private readonly Dictionary<string, int> _demonyms;
    private readonly int[] _admin1Country;

    public int CityCount => CityId.Length;

    /// <summary>How this instance was obtained ("models/gazetteer.bin", "shared data", "empty").</summary>
    public string Source { get; private init; } = "";

    /// <summary>Milliseconds the load took.</summary>
    public long LoadMilliseconds { get; private set; }

    private Gazetteer(List<Country> countries, List<Admin1> admin1s, CityTable cities)
    {
        Countries = countries;
        Regions = Geo.Regions.All;
        _countryByCode = new(StringComparer.Ordinal);
        for (int i = 0; i < countries.Count; i++) _countryByCode[countries[i].Code] = i;
        _admin1ByCode = new(StringComparer.Ordinal);
        for (int i = 0; i < admin1s.Count; i++) _admin1ByCode[admin1s[i].Code] = i;

        int n = cities.Count;
        CityId = cities.Id.ToArray(); CityName = cities.Name.ToArray();
        CityLat = cities.Lat.ToArray(); CityLon = cities.Lon.ToArray(); CityPop = cities.Pop.ToArray();
        CityCountry = new short[n]; CityAdmin1 = new int[n]; CityRank = new byte[n];
        for (int i = 0; i < n; i++)
        {
            CityCountry[i] = (short)(_countryByCode.TryGetValue(cities.Cc[i], out var ci) ? ci : -1);
            CityAdmin1[i] = _admin1ByCode.TryGetValue(cities.Cc[i] + "." + cities.Admin1[i], out var ai) ? ai : -1;
            CityRank[i] = cities.Fcode[i] switch { "PPLC" => 2, "PPLA" => 1, _ => 0 };
        }

        // Admin1 coordinates: population-weighted centroid of its towns (documented approximation).
        var sumLat = new double[admin1s.Count]; var sumLon = new double[admin1s.Count]; var sumPop = new double[admin1s.Count];
        for (int i = 0; i < n; i++)
        {
            int a = CityAdmin1[i];
            if (a < 0) continue;
            double w = Math.Max(1, CityPop[i]);
            sumLat[a] += CityLat[i] * w; sumLon[a] += CityLon[i] * w; sumPop[a] += w;
        }
        _admin1Country = admin1s.Select(a => _countryByCode.TryGetValue(a.CountryCode, out var ci) ? ci : -1).ToArray();
        Admin1s = admin1s.Select((a, i) => sumPop[i] > 0
            ? a with { Lat = Math.Round(sumLat[i] / sumPop[i], 4), Lon = Math.Round(sumLon[i] / sumPop[i], 4) } : a).ToArray();

        var names = new Dictionary<string, List<GeoCandidate>>(StringComparer.Ordinal);
        void Add(string name, GeoCandidate c)
        {
            var k = TextNorm.Key(name);
            if (k.Length < 2) return;
            if (!names.TryGetValue(k, out var l)) names[k] = l = new List<GeoCandidate>(1);
            foreach (var e in l) if (e.Kind == c.Kind && e.Index == c.Index) return;
            l.Add(c);
        }
        for (int i = 0; i < countries.Count; i++)
        {
            Add(countries[i].Name, new(GeoKind.Country, i, false));
            foreach (var a in countries[i].Aliases) Add(a, new(GeoKind.Country, i, true));
        }
        for (int i = 0; i < Admin1s.Count; i++)
        {
            Add(Admin1s[i].Name, new(GeoKind.Admin1, i, false));
            Add(Admin1s[i].AsciiName, new(GeoKind.Admin1, i, false));
        }
        for (int i = 0; i < Regions.Count; i++)
        {
            Add(Regions[i].Name, new(GeoKind.Region, i, false));
            foreach (var a in Regions[i].Aliases) Add(a, new(GeoKind.Region, i, true));
        }
        for (int i = 0; i < n; i++)
        {
            Add(cities.Name[i], new(GeoKind.City, i, false));
            Add(cities.Ascii[i], new(GeoKind.City, i, false));
            foreach (var a in cities.Alts[i]) Add(a, new(GeoKind.City, i, true));
        }
        _names = new(names.Count, StringComparer.Ordinal);
        foreach (var (k, v) in names) _names[k] = v.ToArray();

        _demonyms = new(StringComparer.Ordinal);
        // Several territories share a demonym ("French", "American"): the most populous country wins.
        var order = Enumerable.Range(0, countries.Count).OrderByDescending(i => countries[i].Population);
        foreach (var i in order)
            foreach (var d in countries[i].Demonyms)
                _demonyms.TryAdd(TextNorm.Key(d), i);
    }

    // ---------------------------------------------------------------- lookups

    /// <summary>Candidates for a place name (any kind); empty when unknown.</summary>
    public ReadOnlySpan<GeoCandidate> Lookup(string name) =>
        _names.TryGetValue(TextNorm.Key(name), out var c) ? c : ReadOnlySpan<GeoCandidate>.Empty;

    /// <summary>Candidates for an already-normalised key (see <see cref="TextNorm.Key"/>).</summary>
    internal ReadOnlySpan<GeoCandidate> LookupKey(string key) =>
        _names.TryGetValue(key, out var c) ? c : ReadOnlySpan<GeoCandidate>.Empty;

    /// <summary>The country a name denotes ("France", "U.S.", "Britain"), or null.</summary>
    public Country? CountryByName(string name)
    {
        foreach (var c in Lookup(name))
            if (c.Kind == GeoKind.Country && (!IsCodeAlias(name, c.Index) || TextNorm.IsAcronym(name))) return Countries[c.Index];
        return null;
    }

    /// <summary>Country for a nationality adjective or people noun ("German", "Chinese", "Americans"), or null.</summary>
    public Country? CountryByDemonym(string word) =>
        _demonyms.TryGetValue(TextNorm.Key(word), out var i) ? Countries[i] : null;

    public Country? CountryByCode(string? code) =>
        code is not null && _countryByCode.TryGetValue(code, out var i) ? Countries[i] : null;

    public Admin1? Admin1ByCode(string code) => _admin1ByCode.TryGetValue(code, out var i) ? Admin1s[i] : null;
    internal int Admin1Index(string code) => _admin1ByCode.TryGetValue(code, out var i) ? i : -1;
    internal int CountryIndex(string code) => _countryByCode.TryGetValue(code, out var i) ? i : -1;

    /// <summary>Index into <see cref="Countries"/> of the country a candidate lies in (-1 for regions / unknown).</summary>
    internal int CountryIndexOf(GeoCandidate c) => c.Kind switch
    {
        GeoKind.City => CityCountry[c.Index],
        GeoKind.Country => c.Index,
        GeoKind.Admin1 => _admin1Country[c.Index],
        _ => -1,
    };

    private bool IsCodeAlias(string name, int country) =>
        TextNorm.Key(name).Length <= 3 && string.Equals(TextNorm.Key(name), Countries[country].Code, StringComparison.OrdinalIgnoreCase);

    // ---------------------------------------------------------------- default instance

    private static readonly Lazy<Gazetteer> Shared = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The shared gazetteer, loaded on first use from <c>models/gazetteer.bin</c> (<see cref="ModelStore"/>);
    /// a missing file is an error (reproduce it with <c>./storyline train gazetteer</c>), never built at run time.
    /// </summary>
    public static Gazetteer Default => Shared.Value;

    private static Gazetteer LoadDefault()
    {
        var sw = Stopwatch.StartNew();
        var g = StartupTrace.Measure("load " + ModelFileName, () => Load(ModelStore.Require(ModelFileName, "train gazetteer")));
        g.LoadMilliseconds = sw.ElapsedMilliseconds;
        return g;
    }

    // ---------------------------------------------------------------- build from the shared data

    /// <summary>
    /// Builds the gazetteer from <paramref name="gazetteersDir"/> (holding <c>geonames/</c> and <c>countries/</c>).
    /// This is the reproducible "training" step behind <c>models/gazetteer.bin</c>: <see cref="Build"/> then <see cref="Save"/>.
    /// </summary>
    public static Gazetteer Build(string gazetteersDir)
    {
        var geo = Path.Combine(gazetteersDir, "geonames");
        var countries = ReadCountries(Path.Combine(geo, "countryInfo.txt"), Path.Combine(gazetteersDir, "countries", "countries.json"));
        var admin1 = ReadAdmin1(Path.Combine(geo, "admin1Codes.regionInfo.tsv"));
        var cities = ReadCities(Path.Combine(geo, "cities15000.txt"));
        return new Gazetteer(countries, admin1, cities) { Source = "shared data: " + gazetteersDir };
    }

    // Common English names the two sources lack; general knowledge, not keyed on any text.
    private static readonly (string Code, string Alias)[] ExtraAliases =
    [
        ("GB", "Britain"), ("GB", "Great Britain"), ("GB", "U.K."), ("US", "America"), ("US", "U.S."), ("US", "U.S.A."),
        ("US", "United States of America"), ("NL", "Holland"), ("CZ", "Czech Republic"), ("MK", "Macedonia"),
        ("CD", "Democratic Republic of Congo"), ("VA", "Vatican"), ("AE", "Emirates"), ("KR", "Korea, South"),
    ];

    private static readonly (string Code, string Demonym)[] ExtraDemonyms =
    [
        ("GB", "English"), ("GB", "Scottish"), ("GB", "Welsh"), ("GB", "Briton"), ("SA", "Saudi"), ("NZ", "Kiwi"),
        ("PH", "Philippine"), ("US", "U.S."), ("CZ", "Czech"), ("BA", "Bosnian"), ("IL", "Israeli"),
    ];

    // GeoNames names used as output names, except where news English differs ("The Netherlands").
    private static readonly Dictionary<string, string> NameOverrides = new(StringComparer.Ordinal)
    {
        ["NL"] = "Netherlands", ["PS"] = "Palestine",
    };

    private static List<Country> ReadCountries(string countryInfo, string countriesJson)
    {
        var mledoze = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllBytes(countriesJson));
        foreach (var c in json.RootElement.EnumerateArray()) mledoze[c.GetProperty("cca2").GetString()!] = c.Clone();

        var list = new List<Country>();
        foreach (var line in File.ReadLines(countryInfo))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            string code = f[0];
            var aliases = new List<string>();
            var demonyms = new List<string>();
            string official = f[4];
            double lat = 0, lon = 0;
            if (mledoze.TryGetValue(code, out var m))
            {
                var name = m.GetProperty("name");
                aliases.Add(name.GetProperty("common").GetString()!);
                official = name.GetProperty("official").GetString()!;
                aliases.Add(official);
                foreach (var a in m.GetProperty("altSpellings").EnumerateArray())
                    if (a.GetString() is { } s && IsLatin(s) && !s.Contains(", ", StringComparison.Ordinal)) aliases.Add(s);
                if (m.TryGetProperty("demonyms", out var dem) && dem.TryGetProperty("eng", out var eng))
                    foreach (var g in new[] { "m", "f" })
                        if (eng.TryGetProperty(g, out var d) && d.GetString() is { Length: > 0 } ds)
                            foreach (var part in ds.Split([", ", " or "], StringSplitOptions.RemoveEmptyEntries)) demonyms.Add(part);
                var ll = m.GetProperty("latlng");
                if (ll.GetArrayLength() == 2) { lat = ll[0].GetDouble(); lon = ll[1].GetDouble(); }
            }
            aliases.AddRange(ExtraAliases.Where(e => e.Code == code).Select(e => e.Alias));
            demonyms.AddRange(ExtraDemonyms.Where(e => e.Code == code).Select(e => e.Demonym));
            // Plural people nouns: "Germans", "Israelis" (not "Chineses", "Britishs").
            foreach (var d in demonyms.ToArray())
                if (!d.EndsWith("ese", StringComparison.Ordinal) && !d.EndsWith("sh", StringComparison.Ordinal)
                    && !d.EndsWith("ch", StringComparison.Ordinal) && !d.EndsWith('s') && !d.EndsWith('.'))
                    demonyms.Add(d + "s");
            var display = NameOverrides.GetValueOrDefault(code, f[4]);
            aliases.Add(f[4]);
            aliases.Remove(display);
            list.Add(new Country(code, f[1], display, official, lat, lon,
                long.Parse(f[7], CultureInfo.InvariantCulture), long.TryParse(f[16], CultureInfo.InvariantCulture, out var gid) ? gid : 0,
                f[8], f[5].Length > 0 ? f[5] : null,
                aliases.Distinct(StringComparer.Ordinal).ToArray(), demonyms.Distinct(StringComparer.Ordinal).ToArray()));
        }
        return list;
    }

    private static List<Admin1> ReadAdmin1(string path)
    {
        var list = new List<Admin1>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            if (f.Length < 4) continue;
            list.Add(new Admin1(f[0], f[0][..2], f[1], f[2], long.TryParse(f[3], CultureInfo.InvariantCulture, out var g) ? g : 0, null, null));
        }
        return list;
    }

    private sealed class CityTable
    {
        public readonly List<int> Id = [], Pop = [];
        public readonly List<string> Name = [], Ascii = [], Cc = [], Admin1 = [], Fcode = [];
        public readonly List<string[]> Alts = [];
        public readonly List<float> Lat = [], Lon = [];
        public int Count => Id.Count;

        public void Add(int id, string name, string ascii, string[] alts, float lat, float lon, int pop, string cc, string a1, string fc)
        {
            Id.Add(id); Name.Add(name); Ascii.Add(ascii); Alts.Add(alts); Lat.Add(lat); Lon.Add(lon); Pop.Add(pop);
            Cc.Add(string.Intern(cc)); Admin1.Add(string.Intern(a1)); Fcode.Add(string.Intern(fc));
        }
    }

    private static CityTable ReadCities(string path)
    {
        var t = new CityTable();
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split('\t');
            if (f.Length < 15) continue;
            int pop = int.TryParse(f[14], CultureInfo.InvariantCulture, out var p) ? p : 0;
            string[] alts = [];
            if (pop >= AltNameMinPopulation && f[3].Length > 0)
                alts = f[3].Split(',').Where(a => a.Length > 1 && IsLatinName(a) && a != f[1] && a != f[2]).Distinct().ToArray();
            t.Add(int.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2], alts,
                float.Parse(f[4], CultureInfo.InvariantCulture), float.Parse(f[5], CultureInfo.InvariantCulture),
                pop, f[8], f[10], f[7]);
        }
        return t;
    }

    // A capitalised Latin-script name (letters, spaces, dots, hyphens, apostrophes); drops codes like "YXU" and lower-case transliterations.
    private static bool IsLatinName(string s)
    {
        if (!char.IsUpper(s[0])) return false;
        bool lower = false;
        foreach (var c in s)
        {
            if (char.IsLower(c)) lower = true;
            if (!(char.IsLetter(c) && c < 0x250 || c is ' ' or '-' or '\'' or '.')) return false;
        }
        return lower;
    }

    private static bool IsLatin(string s)
    {
        foreach (var c in s) if (char.IsLetter(c) && c >= 0x250) return false;
        return true;
    }

    // ---------------------------------------------------------------- compact binary form

    /// <summary>Writes the binary form (the committed model file; uncompressed, see <see cref="ModelFiles"/>).</summary>
    public void Save(string path) => ModelFiles.Save(path, w =>
    {
        w.Write(Magic);
        w.Write(Countries.Count);
        foreach (var c in Countries)
        {
            w.Write(c.Code); w.Write(c.Iso3); w.Write(c.Name); w.Write(c.OfficialName); w.Write(c.Lat); w.Write(c.Lon);
            w.Write(c.Population); w.Write(c.GeonameId); w.Write(c.Continent); w.Write(c.Capital ?? "");
            WriteArray(w, c.Aliases); WriteArray(w, c.Demonyms);
        }
        w.Write(Admin1s.Count);
        foreach (var a in Admin1s) { w.Write(a.Code); w.Write(a.Name); w.Write(a.AsciiName); w.Write(a.GeonameId); }
        w.Write(CityCount);
        var altsByCity = CityAlternates();
        for (int i = 0; i < CityCount; i++)
        {
            w.Write(CityId[i]); w.Write(CityName[i]); w.Write(_cityAscii![i]); WriteArray(w, altsByCity[i]);
            w.Write(CityLat[i]); w.Write(CityLon[i]); w.Write(CityPop[i]);
            w.Write(CityCountry[i] >= 0 ? Countries[CityCountry[i]].Code : "");
            w.Write(CityAdmin1[i] >= 0 ? Admin1s[CityAdmin1[i]].Code[(Admin1s[CityAdmin1[i]].Code.IndexOf('.') + 1)..] : "");
            w.Write(CityRank[i] switch { 2 => "PPLC", 1 => "PPLA", _ => "PPL" });
        }
    });

    // Saving needs the ascii names and alternates, which the in-memory index no longer keeps per city.
    private string[]? _cityAscii;
    private string[][]? _cityAlts;

    private string[][] CityAlternates() => _cityAlts ?? throw new InvalidOperationException("only a freshly built gazetteer can be saved");

    /// <summary>Builds from the shared data keeping what <see cref="Save"/> needs, then writes the model file.</summary>
    public static Gazetteer BuildAndSave(string gazetteersDir, string outPath)
    {
        var geo = Path.Combine(gazetteersDir, "geonames");
        var countries = ReadCountries(Path.Combine(geo, "countryInfo.txt"), Path.Combine(gazetteersDir, "countries", "countries.json"));
        var admin1 = ReadAdmin1(Path.Combine(geo, "admin1Codes.regionInfo.tsv"));
        var cities = ReadCities(Path.Combine(geo, "cities15000.txt"));
        var g = new Gazetteer(countries, admin1, cities)
        {
            Source = "shared data: " + gazetteersDir,
            _cityAscii = cities.Ascii.ToArray(),
            _cityAlts = cities.Alts.ToArray(),
        };
        g.Save(outPath);
        return g;
    }

    /// <summary>Reads the binary form written by <see cref="Save"/>.</summary>
    public static Gazetteer Load(string path)
    {
        using var r = new BinaryReader(ModelFiles.OpenRead(path), Encoding.UTF8);
        if (r.ReadString() != Magic) throw new InvalidDataException($"{path}: not a Storyline gazetteer ({Magic})");
        int nc = r.ReadInt32();
        var countries = new List<Country>(nc);
        for (int i = 0; i < nc; i++)
        {
            string code = r.ReadString(), iso3 = r.ReadString(), name = r.ReadString(), off = r.ReadString();
            double lat = r.ReadDouble(), lon = r.ReadDouble();
            long pop = r.ReadInt64(), gid = r.ReadInt64();
            string cont = r.ReadString(), cap = r.ReadString();
            countries.Add(new Country(code, iso3, name, off, lat, lon, pop, gid, cont, cap.Length > 0 ? cap : null, ReadArray(r), ReadArray(r)));
        }
        int na = r.ReadInt32();
        var admin1 = new List<Admin1>(na);
        for (int i = 0; i < na; i++)
        {
            string code = r.ReadString();
            admin1.Add(new Admin1(code, code[..2], r.ReadString(), r.ReadString(), r.ReadInt64(), null, null));
        }
        int n = r.ReadInt32();
        var t = new CityTable();
        for (int i = 0; i < n; i++)
        {
            int id = r.ReadInt32();
            string name = r.ReadString(), ascii = r.ReadString();
            var alts = ReadArray(r);
            float lat = r.ReadSingle(), lon = r.ReadSingle();
            int pop = r.ReadInt32();
            t.Add(id, string.Equals(name, ascii, StringComparison.Ordinal) ? ascii : name, ascii, alts, lat, lon, pop, r.ReadString(), r.ReadString(), r.ReadString());
        }
        return new Gazetteer(countries, admin1, t) { Source = path };
    }

    private static void WriteArray(BinaryWriter w, string[] a) { w.Write(a.Length); foreach (var s in a) w.Write(s); }

    private static string[] ReadArray(BinaryReader r)
    {
        int n = r.ReadInt32();
        if (n == 0) return [];
        var a = new string[n];
        for (int i = 0; i < n; i++) a[i] = r.ReadString();
        return a;
    }
}
