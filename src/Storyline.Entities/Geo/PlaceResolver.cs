using Storyline.Core;
using Storyline.Entities.Text;

namespace Storyline.Entities.Geo;

/// <summary>A mention resolved to one gazetteer entry.</summary>
public sealed record ResolvedPlace(GeoKind Kind, int Index, double Score)
{
    /// <summary>Stable id: <c>gn:&lt;geonameid&gt;</c> for towns, <c>country:FR</c>, <c>admin1:US.TX</c>, <c>region:Europe</c>.</summary>
    public string Id(Gazetteer g) => Kind switch
    {
        GeoKind.City => "gn:" + g.CityId[Index].ToString(System.Globalization.CultureInfo.InvariantCulture),
        GeoKind.Country => "country:" + g.Countries[Index].Code,
        GeoKind.Admin1 => "admin1:" + g.Admin1s[Index].Code,
        _ => "region:" + g.Regions[Index].Name,
    };

    /// <summary>ISO alpha-2 of the country the place lies in (null for regions).</summary>
    public string? CountryCode(Gazetteer g) => Kind switch
    {
        GeoKind.City => g.CityCountry[Index] >= 0 ? g.Countries[g.CityCountry[Index]].Code : null,
        GeoKind.Country => g.Countries[Index].Code,
        GeoKind.Admin1 => g.Admin1s[Index].CountryCode,
        _ => null,
    };

    /// <summary>The <see cref="Place"/> record for output; <paramref name="surface"/> names towns found through an alternate name.</summary>
    public Place ToPlace(Gazetteer g, string surface, int start, int end, bool viaAlias)
    {
        var cc = CountryCode(g);
        var country = g.CountryByCode(cc);
        switch (Kind)
        {
            case GeoKind.City:
                int a = g.CityAdmin1[Index];
                return new Place(viaAlias ? surface : g.CityName[Index], country?.Name, a >= 0 ? g.Admin1s[a].Name : null,
                    Math.Round(g.CityLat[Index], 5), Math.Round(g.CityLon[Index], 5))
                { Start = start, End = end, GeonameId = g.CityId[Index], CountryCode = cc, Kind = "city" };
            case GeoKind.Admin1:
                var ad = g.Admin1s[Index];
                return new Place(ad.Name, country?.Name, ad.Name, ad.Lat, ad.Lon)
                { Start = start, End = end, GeonameId = ad.GeonameId > 0 ? ad.GeonameId : null, CountryCode = cc, Kind = "admin1" };
            case GeoKind.Country:
                var c = g.Countries[Index];
                return new Place(c.Name, c.Name, null, c.Lat, c.Lon)
                { Start = start, End = end, GeonameId = c.GeonameId > 0 ? c.GeonameId : null, CountryCode = c.Code, Kind = "country" };
            default:
                return new Place(g.Regions[Index].Name, null, null, null, null) { Start = start, End = end, Kind = "region" };
        }
    }
}

/// <summary>
/// Resolves place mentions of one document against the <see cref="Gazetteer"/>. Scoring, per candidate:
/// a prior (countries and regions above divisions above towns; towns by log10 population, capitals up),
/// an explicit qualifier ("Paris, Texas", "Springfield, Ill.", "London, Ontario") that filters candidates,
/// and document context: the share of the document's confident country evidence (country names,
/// demonyms, unambiguous places) that points at the candidate's country, and a bonus for towns inside a
/// state/province the document names. Two passes: confident mentions first, then everything with context.
/// Abstains rather than guess where the gazetteer is likely to lack the place: town alternate names under
/// "the" or for institutions ("the White House" is not Casablanca), bare compass words ("North"), and small
/// foreign towns nothing else in a well-located story points to.
/// </summary>
public sealed class PlaceResolver(Gazetteer gazetteer)
{
    // Priors (log10-population scale for towns: 15k ≈ 4.2, 1M = 6, 10M = 7).
    private const double CountryPrior = 9.0;
    private const double RegionPrior = 9.0;
    private const double Admin1Prior = 6.2;
    private const double CapitalBonus = 0.8;
    private const double DivisionSeatBonus = 0.2;
    private const double AliasPenalty = 0.5;
    // An alternate name shared with a town of that primary name in the same country usually names a
    // neighbour or the wider city ("New Delhi" is an alternate name of Delhi): the primary name wins.
    private const double SameCountryAliasPenalty = 2.0;
    private const double MinTownPopulation = 1000;
    // A division sharing its name with a major town of the same country ("Valencia", "Tokyo", "Buenos Aires"):
    // news means the town.
    private const double DivisionNamedLikeTownPenalty = 1.5;
    private const int MajorTownPopulation = 100_000;

    // Context.
    private const double FocusWeight = 4.0;
    private const double NamedDivisionBonus = 2.0;
    private const double SameSentenceCountryBonus = 1.0;
    private const double ConfidentMargin = 1.5;
    private const int ObscureTownPopulation = 50_000;
    private const int MinVotesToRejectForeignTown = 3;

    /// <summary>ORG/MISC mentions count as places only when they name a country or a town this big ("Beijing said").</summary>
    public const int GpeTownMinPopulation = 1_000_000;

    public Gazetteer Gazetteer { get; } = gazetteer;

    private const string CacheKey = "entities.places.resolved";

    /// <summary>Per-mention resolution (index-aligned with <see cref="Document.Mentions"/>; null = not a place or unresolved), cached on the document.</summary>
    public ResolvedPlace?[] Resolve(Document doc)
    {
        int stamp = Stamp(doc);
        if (doc.Transient.TryGetValue(CacheKey, out var o) && o is (int count, int s, ResolvedPlace?[] cached)
            && count == doc.Mentions.Count && s == stamp)
            return cached;
        var tokens = doc.Transient.TryGetValue(WordTokensKey, out var t) && t is WordTokens wt && ReferenceEquals(wt.Text, doc.Text)
            ? wt : new WordTokens(doc.Text);
        doc.Transient[WordTokensKey] = tokens;
        var r = ResolveCore(doc, tokens);
        doc.Transient[CacheKey] = (doc.Mentions.Count, stamp, r);
        return r;
    }

    // Identity of the text and mention list, so a cached resolution is never reused after either changes.
    private static int Stamp(Document doc)
    {
        var h = new HashCode();
        h.Add(doc.Text.Length);
        h.Add(doc.Text.GetHashCode(StringComparison.Ordinal));
        foreach (var m in doc.Mentions) { h.Add(m.Start); h.Add(m.End); h.Add(m.Type); h.Add(m.Nominal); }
        return h.ToHashCode();
    }

    internal const string WordTokensKey = "entities.wordtokens";

    /// <summary>True when the mention was matched through an alternate name (output then keeps the surface form).</summary>
    internal bool ViaAlias(string surface, ResolvedPlace p)
    {
        foreach (var c in Gazetteer.LookupKey(PlaceKey(surface)))
            if (c.Kind == p.Kind && c.Index == p.Index) return c.Alias;
        return false;
    }

    private sealed class Item
    {
        public int Mention;
        public GeoCandidate[] Cands = [];
        public double[] Prior = [];
        public List<int>? QualAdmin1, QualCountry;
        public bool Qualified => QualAdmin1 is not null || QualCountry is not null;
        public bool IsQualifier;
        public int Sentence;
        public int VoteCountry = -1;
    }

    private ResolvedPlace?[] ResolveCore(Document doc, WordTokens tokens)
    {
        var g = Gazetteer;
        var result = new ResolvedPlace?[doc.Mentions.Count];
        if (g.CityCount == 0 && g.Countries.Count == 0) return result;

        var items = new List<Item>();
        var votes = new double[Math.Max(1, g.Countries.Count)];
        var namedAdmin1 = new HashSet<int>();

        for (int i = 0; i < doc.Mentions.Count; i++)
        {
            var m = doc.Mentions[i];
            if (m.Nominal || m.Type == "PER") continue;
            if (m.Type == "MISC" && g.CountryByDemonym(CleanSurface(m.Text)) is { } dc)
            {
                votes[g.CountryIndex(dc.Code)] += 1;   // "German" is evidence for Germany, not a place.
                continue;
            }
            // "Atlanta Mayor", "Georgia Governor": a name before a person's title is a place whatever type NER gave it.
            var cands = Candidates(m.Text, m.Type is "ORG" or "MISC" && BeforeTitle(tokens, m) ? "LOC" : m.Type);
            // "the White House", "the Big Apple": a name under a definite article is a building, region or nickname,
            // not a town known by an alternate name (GeoNames lists "White House" for Casablanca).
            // Same for institutions known by a building ("White House", "Kremlin"), with or without the article.
            if (cands.Length > 0 && (IsDefinite(doc.Text, tokens, m) || OrgCountries.Institution(m.Text) is not null))
                cands = cands.Where(c => !(c.Kind == GeoKind.City && c.Alias)).ToArray();
            // A bare compass word or generic division name ("North", "Central") is not a place on its own.
            if (cands.Length > 0 && GenericDivisionNames.Contains(PlaceKey(m.Text)))
                cands = cands.Where(c => c.Kind != GeoKind.Admin1).ToArray();
            if (cands.Length == 0) continue;
            var it = new Item { Mention = i, Cands = cands, Sentence = SentenceOf(tokens, m.Start) };
            it.Prior = cands.Select(c => Prior(c, m.Text, cands)).ToArray();
            items.Add(it);
        }
        if (items.Count == 0) return result;

        // Explicit qualifiers: "<town>, <state|country>".
        for (int k = 0; k < items.Count; k++)
        {
            var m = doc.Mentions[items[k].Mention];
            if (!TryQualifier(doc.Text, tokens, m.End, out var a1s, out var countries, out int qStart)) continue;
            var inA1 = a1s.Where(a => items[k].Cands.Any(c => c.Kind == GeoKind.City && g.CityAdmin1[c.Index] == a)).ToList();
            var inC = countries.Where(x => items[k].Cands.Any(c => c.Kind == GeoKind.City && g.CityCountry[c.Index] == x)).ToList();
            if (inA1.Count == 0 && inC.Count == 0) continue;   // "Paris, France" style needs a town there; else it is a list
            items[k].QualAdmin1 = inA1.Count > 0 ? inA1 : null;
            items[k].QualCountry = inA1.Count == 0 ? inC : null;
            foreach (var other in items)
                if (doc.Mentions[other.Mention].Start == qStart) other.IsQualifier = true;
        }

        // Pass 1: context-free; confident results vote for their country.
        foreach (var it in items)
        {
            var (best, margin) = Pick(it, null, 0, null, -1);
            if (best is null) continue;
            bool confident = it.Qualified || it.IsQualifier || margin >= ConfidentMargin;
            if (!confident) continue;
            int bc = g.CountryIndexOf(new GeoCandidate(best.Kind, best.Index, false));
            if (bc >= 0) { it.VoteCountry = bc; votes[bc] += 1; }
            if (best.Kind == GeoKind.Admin1) namedAdmin1.Add(best.Index);
        }

        // Sentence → countries named confidently in it.
        var sentenceCountries = new Dictionary<int, HashSet<int>>();
        foreach (var it in items)
            if (it.VoteCountry >= 0)
            {
                if (!sentenceCountries.TryGetValue(it.Sentence, out var set)) sentenceCountries[it.Sentence] = set = [];
                set.Add(it.VoteCountry);
            }

        // Pass 2: with document context (own vote excluded).
        double allVotes = 0;
        foreach (var v in votes) allVotes += v;
        foreach (var it in items)
        {
            if (it.VoteCountry >= 0) votes[it.VoteCountry] -= 1;
            sentenceCountries.TryGetValue(it.Sentence, out var sc);
            var (best, _) = Pick(it, votes, allVotes - (it.VoteCountry >= 0 ? 1 : 0), sc, it.VoteCountry, namedAdmin1);
            if (it.VoteCountry >= 0) votes[it.VoteCountry] += 1;
            // A small town abroad that nothing else in a well-located story points to is more likely an unlisted
            // local place ("Palm Beach" in a Florida story, where GeoNames only has the Australian one): no answer.
            if (best is { Kind: GeoKind.City } && !it.Qualified && g.CityPop[best.Index] < ObscureTownPopulation
                && g.CityCountry[best.Index] is var bc && bc >= 0 && votes[bc] - (it.VoteCountry == bc ? 1 : 0) <= 0
                && allVotes - (it.VoteCountry >= 0 ? 1 : 0) >= MinVotesToRejectForeignTown)
                best = null;
            result[it.Mention] = best;
        }
        return result;
    }

    private (ResolvedPlace? Best, double Margin) Pick(Item it, double[]? votes, double total, HashSet<int>? sentenceCountries, int self, HashSet<int>? namedAdmin1 = null)
    {
        var g = Gazetteer;
        int bestI = -1; double best = double.NegativeInfinity, second = double.NegativeInfinity;
        string? bestCountry = null;
        for (int i = 0; i < it.Cands.Length; i++)
        {
            var c = it.Cands[i];
            // A qualifier restricts to towns in the named division/country.
            if (it.QualAdmin1 is not null && !(c.Kind == GeoKind.City && it.QualAdmin1.Contains(g.CityAdmin1[c.Index]))) continue;
            if (it.QualCountry is not null && !(c.Kind == GeoKind.City && it.QualCountry.Contains(g.CityCountry[c.Index]))) continue;
            // A mention that qualifies a town ("…, Washington") is a division or country.
            if (it.IsQualifier && c.Kind is GeoKind.City or GeoKind.Region && it.Cands.Any(x => x.Kind is GeoKind.Admin1 or GeoKind.Country)) continue;

            double s = it.Prior[i];
            int ci = g.CountryIndexOf(c);
            string? cc = ci >= 0 ? g.Countries[ci].Code : null;
            if (votes is not null && total > 0 && ci >= 0) s += FocusWeight * votes[ci] / total;
            if (sentenceCountries is not null && ci >= 0 && ci != self && sentenceCountries.Contains(ci) && c.Kind != GeoKind.Country) s += SameSentenceCountryBonus;
            if (namedAdmin1 is not null && c.Kind == GeoKind.City && namedAdmin1.Contains(g.CityAdmin1[c.Index])) s += NamedDivisionBonus;

            if (s > best)
            {
                if (bestI >= 0 && cc != bestCountry) second = best;
                best = s; bestI = i; bestCountry = cc;
            }
            else if (s > second && cc != bestCountry) second = s;
        }
        if (bestI < 0) return (null, 0);
        var cand = it.Cands[bestI];
        return (new ResolvedPlace(cand.Kind, cand.Index, best), double.IsNegativeInfinity(second) ? double.PositiveInfinity : best - second);
    }

    private double Prior(GeoCandidate c, string surface, GeoCandidate[] all)
    {
        var g = Gazetteer;
        double p = c.Kind switch
        {
            GeoKind.Country => CountryPrior,
            GeoKind.Region => RegionPrior,
            GeoKind.Admin1 => Admin1Prior,
            _ => Math.Log10(Math.Max(MinTownPopulation, g.CityPop[c.Index]))
                 + (g.CityRank[c.Index] == 2 ? CapitalBonus : g.CityRank[c.Index] == 1 ? DivisionSeatBonus : 0),
        };
        if (c.Kind == GeoKind.Admin1 && all.Any(o => o.Kind == GeoKind.City && !o.Alias
                && g.CityCountry[o.Index] >= 0 && g.Countries[g.CityCountry[o.Index]].Code == g.Admin1s[c.Index].CountryCode
                && (g.CityRank[o.Index] >= 1 || g.CityPop[o.Index] >= MajorTownPopulation)))
            p -= DivisionNamedLikeTownPenalty;
        if (c.Alias && c.Kind == GeoKind.City)
            p -= all.Any(o => o.Kind == GeoKind.City && !o.Alias && g.CityCountry[o.Index] == g.CityCountry[c.Index]) ? SameCountryAliasPenalty : AliasPenalty;
        // Two-letter country codes ("IN", "IT") count only when written in capitals.
        if (c.Kind == GeoKind.Country && PlaceKey(surface).Length <= 3 && !TextNorm.IsAcronym(surface.Trim())) p -= CountryPrior;
        return p;
    }

    /// <summary>Candidates for a mention; ORG/MISC only when they name a country or a big town.</summary>
    internal GeoCandidate[] Candidates(string surface, string type)
    {
        var g = Gazetteer;
        var key = PlaceKey(surface);
        var span = g.LookupKey(key);
        var list = new List<GeoCandidate>(span.Length + 1);
        foreach (var c in span) list.Add(c);
        // AP abbreviations with their dot ("Okla.", "Calif.") name a state.
        var clean = CleanSurface(surface);
        if (clean.EndsWith('.') && UsStateAbbreviations.Ap.TryGetValue(key, out var code) && g.Admin1Index(code) is >= 0 and var ai)
        {
            list.RemoveAll(c => c.Kind == GeoKind.City);
            list.Add(new GeoCandidate(GeoKind.Admin1, ai, false));
        }
        if (type is "LOC" || list.Count == 0) return list.ToArray();
        // GPE-like ORG/MISC: a country by name, or a very large town.
        return list.Where(c => c.Kind == GeoKind.Country && !c.Alias
                               || c.Kind == GeoKind.City && !c.Alias && g.CityPop[c.Index] >= GpeTownMinPopulation).ToArray();
    }

    /// <summary>Lookup key for a place surface: drops "the" and a possessive, expands "St."/"Ft."/"Mt.".</summary>
    internal static string PlaceKey(string surface)
    {
        var k = TextNorm.Key(CleanSurface(surface));
        if (k.StartsWith("the ", StringComparison.Ordinal)) k = k[4..];
        if (k.StartsWith("st ", StringComparison.Ordinal)) k = "saint " + k[3..];
        else if (k.StartsWith("ft ", StringComparison.Ordinal)) k = "fort " + k[3..];
        else if (k.StartsWith("mt ", StringComparison.Ordinal)) k = "mount " + k[3..];
        return k;
    }

    internal static string CleanSurface(string s)
    {
        s = s.Trim();
        if (s.EndsWith("'s", StringComparison.Ordinal) || s.EndsWith("\u2019s", StringComparison.Ordinal)) s = s[..^2];
        return s;
    }

    // First-level divisions named by a plain direction or generic word (Cameroon's "North", Ghana's "Central"...).
    private static readonly HashSet<string> GenericDivisionNames = new(StringComparer.Ordinal)
    {
        "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north east", "north west",
        "south east", "south west", "northern", "southern", "eastern", "western", "central", "centre", "center", "capital",
        "coast", "coastal", "upper", "lower", "middle", "islands", "lakes", "highlands", "lowlands", "interior", "far north",
    };

    private static bool BeforeTitle(WordTokens tokens, EntityMention m)
    {
        int i = tokens.FirstAtOrAfter(m.End);
        // modifier* head: "Mayor", "Chief Minister", "Police Chief".
        for (int k = i; k < tokens.Count && k < i + 4 && tokens.IsWord(k); k++)
        {
            var w = tokens.Str(k);
            if (!char.IsUpper(w[0])) return false;   // titles before names are capitalised
            if (Roles.RoleLexicon.IsHead(w)) return true;
            if (!Roles.RoleLexicon.IsModifier(w)) return false;
        }
        return false;
    }

    private static bool IsDefinite(string text, WordTokens tokens, EntityMention m)
    {
        if (m.Text.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) return true;
        int i = tokens.FirstAtOrAfter(m.Start) - 1;
        return i >= 0 && tokens[i].Kind == TokKind.Word && tokens.Span(i).Equals("the", StringComparison.OrdinalIgnoreCase);
    }

    private static int SentenceOf(WordTokens tokens, int pos) => tokens.SentenceIndex(tokens.FirstAtOrAfter(pos));

    /// <summary>After a town: ", Texas" / ", Tex." / ", TX" / ", Ontario" / ", France" → the divisions or countries it may name.</summary>
    private bool TryQualifier(string text, WordTokens tokens, int end, out List<int> admin1, out List<int> country, out int qStart)
    {
        admin1 = []; country = []; qStart = -1;
        var g = Gazetteer;
        int i = tokens.FirstAtOrAfter(end);
        if (i >= tokens.Count || tokens[i].Kind != TokKind.Comma) return false;
        i++;
        if (!tokens.IsWord(i) || !TextNorm.IsCapitalised(tokens.Span(i))) return false;
        qStart = tokens[i].Start;
        // Longest run of up to three words naming a division or a country.
        for (int len = 3; len >= 1; len--)
        {
            int last = i + len - 1;
            if (last >= tokens.Count) continue;
            bool ok = true;
            for (int j = i; j <= last; j++) if (!tokens.IsWord(j)) { ok = false; break; }
            if (!ok) continue;
            var surface = text[tokens[i].Start..tokens[last].End];
            var key = PlaceKey(surface);
            if (len == 1 && surface.EndsWith('.') && UsStateAbbreviations.Ap.TryGetValue(key, out var apCode) && g.Admin1Index(apCode) is >= 0 and var ap)
            { admin1.Add(ap); return true; }
            if (len == 1 && surface.Length == 2 && UsStateAbbreviations.Postal.Contains(surface) && g.Admin1Index("US." + surface) is >= 0 and var pc)
            { admin1.Add(pc); return true; }
            foreach (var c in g.LookupKey(key))
            {
                if (c.Kind == GeoKind.Admin1) admin1.Add(c.Index);
                else if (c.Kind == GeoKind.Country && (!c.Alias || TextNorm.IsAcronym(surface) || key.Length > 3)) country.Add(c.Index);
            }
            if (admin1.Count > 0 || country.Count > 0) return true;
        }
        return false;
    }
}
