using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Storyline.Core;
using Storyline.Entities.Geo;

namespace Storyline.Entities.Evaluation;

/// <summary>Place resolution on MEANTIME (English Wikinews, 120 articles) against its DBpedia links.</summary>
/// <param name="Answerable">Named LOC mentions whose DBpedia referent is in the gazetteer (town, division, country, region).</param>
/// <param name="Unanswerable">Named LOC mentions whose referent is not (airports, buildings, the EU...): right answer is nothing.</param>
/// <param name="PlainAnswerable">Answerable mentions whose span is a bare name (after an optional "the": no comma, no lower-case word, not a demonym), the form CoNLL-style NER produces; MEANTIME also marks spans like "Toulouse, France", "the government of Canada", "Japanese".</param>
public sealed record MeantimePlaceResult(int Documents, int NamedLocMentions, int Answerable, int Correct, int CountryCorrect,
    int Unanswerable, int Abstained, int PlainAnswerable, int PlainCorrect, IReadOnlyList<string> Errors, double MillisecondsPerDocument)
{
    public double PlainAccuracy => PlainAnswerable == 0 ? 0 : (double)PlainCorrect / PlainAnswerable;
    public double Accuracy => Answerable == 0 ? 0 : (double)Correct / Answerable;
    public double CountryAccuracy => Answerable == 0 ? 0 : (double)CountryCorrect / Answerable;
    public double AbstentionRate => Unanswerable == 0 ? 0 : (double)Abstained / Unanswerable;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"MEANTIME places: {Documents} docs, {NamedLocMentions} named LOC mentions; answerable {Answerable}: accuracy {Accuracy:F3}, " +
        $"country accuracy {CountryAccuracy:F3}; bare-name spans {PlainAnswerable}: accuracy {PlainAccuracy:F3}; not in gazetteer {Unanswerable}: abstained {AbstentionRate:F3}; {MillisecondsPerDocument:F3} ms/doc");
}

/// <summary>
/// Runs <see cref="PlaceResolver"/> on the MEANTIME articles with their gold named mentions as input
/// (so only resolution is measured), and compares each named LOC mention with the DBpedia resource its
/// cross-document instance links to, through <see cref="MeantimeLinks"/> (a hand-made crosswalk from those
/// DBpedia resources to gazetteer ids).
/// </summary>
public static class MeantimePlaces
{
    public static MeantimePlaceResult Run(string annotationDir, Gazetteer? gazetteer = null)
    {
        var g = gazetteer ?? Gazetteer.Default;
        var resolver = new PlaceResolver(g);
        int docs = 0, named = 0, answerable = 0, correct = 0, countryOk = 0, unanswerable = 0, abstained = 0, plain = 0, plainOk = 0;
        var errors = new List<string>();
        var sw = new System.Diagnostics.Stopwatch();
        foreach (var file in Directory.EnumerateFiles(annotationDir, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var (doc, locLinks) = Read(file);
            docs++;
            sw.Start();
            var resolved = resolver.Resolve(doc);
            sw.Stop();
            for (int i = 0; i < doc.Mentions.Count; i++)
            {
                if (doc.Mentions[i].Type != "LOC") continue;
                named++;
                if (!locLinks.TryGetValue(i, out var link)) continue;
                if (!MeantimeLinks.Expected.TryGetValue(link, out var accepted)) continue;
                var got = resolved[i]?.Id(g);
                var name = Path.GetFileNameWithoutExtension(file);
                if (accepted.Length == 0)
                {
                    unanswerable++;
                    if (got is null) abstained++;
                    else errors.Add($"{name}: '{doc.Mentions[i].Text}' ({link}) should stay unresolved, got {got}");
                    continue;
                }
                answerable++;
                bool bare = IsBareName(doc.Mentions[i].Text, g);
                if (bare) plain++;
                if (got is not null && accepted.Contains(got)) { correct++; if (bare) plainOk++; }
                else errors.Add($"{name}: '{doc.Mentions[i].Text}' ({link}) want {string.Join("|", accepted)} got {got ?? "-"}");
                var wantCountry = MeantimeLinks.CountryOf(accepted[0], g);
                if (resolved[i]?.CountryCode(g) is { } cc && cc == wantCountry || got is not null && accepted.Contains(got)) countryOk++;
            }
        }
        return new MeantimePlaceResult(docs, named, answerable, correct, countryOk, unanswerable, abstained, plain, plainOk, errors,
            docs == 0 ? 0 : sw.Elapsed.TotalMilliseconds / docs);
    }

    private static bool IsBareName(string span, Gazetteer g)
    {
        if (span.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) span = span[4..];
        return !span.Contains(',') && span.Split(' ').All(w => w.Length > 0 && !char.IsLower(w[0])) && g.CountryByDemonym(span) is null;
    }

    // Token text joined back into running text: no space before closing punctuation and clitics.
    private static readonly HashSet<string> NoSpaceBefore = new(StringComparer.Ordinal) { ",", ".", ":", ";", "!", "?", ")", "'s", "'", "%", "n't", "'re", "'ve", "'ll", "'d", "'m" };
    private static readonly HashSet<string> NoSpaceAfter = new(StringComparer.Ordinal) { "(", "$" };

    /// <summary>A document with the gold named mentions (types from their instances; PRO/FIN/MIX → MISC) and, per LOC mention, its DBpedia link.</summary>
    public static (Document Doc, Dictionary<int, string> LocLinks) Read(string file)
    {
        var x = XDocument.Load(file);
        var root = x.Root!;
        var sb = new StringBuilder();
        var tokStart = new Dictionary<string, int>(StringComparer.Ordinal);
        var tokEnd = new Dictionary<string, int>(StringComparer.Ordinal);
        string? prevSentence = null, prevTok = null;
        foreach (var t in root.Elements("token"))
        {
            var text = t.Value;
            var sent = (string?)t.Attribute("sentence");
            if (prevSentence is not null && sent != prevSentence) sb.Append("\n\n");
            else if (prevTok is not null && !NoSpaceBefore.Contains(text) && !NoSpaceAfter.Contains(prevTok)) sb.Append(' ');
            var id = (string)t.Attribute("t_id")!;
            tokStart[id] = sb.Length;
            sb.Append(text);
            tokEnd[id] = sb.Length;
            prevSentence = sent; prevTok = text;
        }
        var doc = new Document { Origin = new DocumentOrigin(file), Text = sb.ToString() };

        var markables = root.Element("Markables");
        var relations = root.Element("Relations");
        var instances = new Dictionary<string, (string Type, string? Link)>(StringComparer.Ordinal);
        foreach (var e in markables?.Elements("ENTITY") ?? [])
            instances[(string)e.Attribute("m_id")!] = ((string?)e.Attribute("ent_type") ?? "", (string?)e.Attribute("external_ref"));
        var refersTo = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in relations?.Elements("REFERS_TO") ?? [])
        {
            var target = (string?)r.Element("target")?.Attribute("m_id");
            if (target is null) continue;
            foreach (var s in r.Elements("source")) refersTo[(string)s.Attribute("m_id")!] = target;
        }
        var links = new Dictionary<int, string>();
        var spans = new List<(int Start, int End, string Type, string? Link)>();
        foreach (var m in markables?.Elements("ENTITY_MENTION") ?? [])
        {
            if ((string?)m.Attribute("syntactic_type") != "NAM") continue;
            var ids = m.Elements("token_anchor").Select(a => (string)a.Attribute("t_id")!).Where(tokStart.ContainsKey).ToList();
            if (ids.Count == 0) continue;
            if (!refersTo.TryGetValue((string)m.Attribute("m_id")!, out var inst) || !instances.TryGetValue(inst, out var info)) continue;
            var type = info.Type switch { "PER" => "PER", "ORG" => "ORG", "LOC" => "LOC", _ => "MISC" };
            spans.Add((ids.Min(id => tokStart[id]), ids.Max(id => tokEnd[id]), type, NormaliseLink(info.Link)));
        }
        foreach (var s in spans.OrderBy(s => s.Start))
        {
            if (s.Type == "LOC" && s.Link is not null) links[doc.Mentions.Count] = s.Link;
            doc.Mentions.Add(new EntityMention(s.Start, s.End, doc.Text[s.Start..s.End], s.Type));
        }
        return (doc, links);
    }

    /// <summary>"http://dbpedia.org/page/Paris" and ".../resource/Paris" → "Paris".</summary>
    internal static string? NormaliseLink(string? link)
    {
        if (string.IsNullOrWhiteSpace(link)) return null;
        int i = link.LastIndexOf('/');
        return i >= 0 ? link[(i + 1)..].Trim() : link.Trim();
    }
}

/// <summary>
/// Hand-made crosswalk from the DBpedia resources MEANTIME links LOC instances to, to gazetteer ids
/// (several accepted where the gazetteer has both a town and a country entry, e.g. Singapore). An empty
/// list means the referent is not in the gazetteer (airports, buildings, the EU), so the right answer is none.
/// Written by looking up each resource in cities15000/admin1/countryInfo; not tuned on system output.
/// </summary>
public static class MeantimeLinks
{
    public static readonly IReadOnlyDictionary<string, string[]> Expected = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Alabama"] = ["admin1:US.AL"], ["Atlantic_Ocean"] = ["region:Atlantic"], ["European_Union"] = [],
        ["Everett,_Washington"] = ["gn:5793933"], ["France"] = ["country:FR"], ["Indonesia"] = ["country:ID"],
        ["London_Heathrow_Airport"] = [], ["Mobile,_Alabama"] = ["gn:4076598"], ["Paris"] = ["gn:2988507"],
        ["Seattle"] = ["gn:5809844"], ["Singapore"] = ["country:SG", "gn:1880252"], ["Singapore_Changi_Airport"] = [],
        ["Suvarnabhumi_Airport"] = [], ["Sydney"] = ["gn:2147714"], ["Toulouse"] = ["gn:2972315"],
        ["Washington_(state)"] = ["admin1:US.WA"], ["Asia"] = ["region:Asia"], ["Atlanta"] = ["gn:4180439"],
        ["Australia"] = ["country:AU"], ["Bangkok"] = ["gn:1609350"], ["Boeing_Everett_Factory"] = [],
        ["California"] = ["admin1:US.CA"], ["Canada"] = ["country:CA"], ["Chiang_Mai_International_Airport"] = [],
        ["Chicago"] = ["gn:4887398"], ["China"] = ["country:CN"], ["Craiova"] = ["gn:680332"],
        ["Cupertino,_California"] = ["gn:5341145"], ["Detroit"] = ["gn:4990729"], ["Dubai"] = ["gn:292223"],
        ["Earth"] = ["region:Earth"], ["Europe"] = ["region:Europe"], ["Frankfurt"] = ["gn:2925533"],
        ["Germany"] = ["country:DE"], ["Hong_Kong"] = ["country:HK", "gn:1819729"], ["India"] = ["country:IN"],
        ["Italy"] = ["country:IT"], ["Japan"] = ["country:JP"], ["London"] = ["gn:2643743"],
        ["Long_Beach,_California"] = ["gn:5367929"], ["Los_Angeles"] = ["gn:5368361"], ["Manhattan"] = ["gn:5125771"],
        ["Moscone_Center"] = [], ["Near_space"] = [], ["New_York_City"] = ["gn:5128581"],
        ["North_America"] = ["region:North America"], ["Ontario"] = ["admin1:CA.08"], ["Romania"] = ["country:RO"],
        ["Russia"] = ["country:RU"], ["San_Francisco"] = ["gn:5391959"], ["San_Jose,_California"] = ["gn:5392171"],
        ["Spain"] = ["country:ES"], ["St._Louis"] = ["gn:4407066"], ["Thailand"] = ["country:TH"],
        ["United_Kingdom"] = ["country:GB"], ["United_States"] = ["country:US"], ["Victoria_(Australia)"] = ["admin1:AU.07"],
        ["Washington,_D.C."] = ["gn:4140963"], ["Wyoming"] = ["admin1:US.WY"],
    };

    /// <summary>Country (alpha-2) of an accepted id, for the country-level score.</summary>
    public static string? CountryOf(string id, Gazetteer g)
    {
        if (id.StartsWith("country:", StringComparison.Ordinal)) return id[8..];
        if (id.StartsWith("admin1:", StringComparison.Ordinal)) return id[7..9];
        if (id.StartsWith("gn:", StringComparison.Ordinal))
        {
            int gid = int.Parse(id[3..], CultureInfo.InvariantCulture);
            int i = Array.IndexOf(g.CityId, gid);
            return i >= 0 && g.CityCountry[i] >= 0 ? g.Countries[g.CityCountry[i]].Code : null;
        }
        return null;
    }
}
