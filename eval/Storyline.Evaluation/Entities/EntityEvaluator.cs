using System.Globalization;
using Storyline.Core;
using Storyline.Entities.Geo;

namespace Storyline.Entities.Evaluation;

/// <summary>Scores of the entity and place stages on gold documents.</summary>
public sealed record EntityEvalResult(
    int Documents,
    double LinkPrecision, double LinkRecall, double LinkF1,
    int RoleItems, double RoleAccuracy,
    int CountryItems, double CountryAccuracy,
    int PlaceItems, double PlaceAccuracy,
    int NominalGold, int NominalFound, int NominalCorrect,
    IReadOnlyList<string> Errors,
    double MillisecondsPerDocument)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"docs {Documents}: link P/R/F1 {LinkPrecision:F3}/{LinkRecall:F3}/{LinkF1:F3}, role acc {RoleAccuracy:F3} (n={RoleItems}), " +
        $"country acc {CountryAccuracy:F3} (n={CountryItems}), place acc {PlaceAccuracy:F3} (n={PlaceItems}), " +
        $"nominals {NominalCorrect}/{NominalGold} gold, {NominalFound} found; {MillisecondsPerDocument:F3} ms/doc");
}

/// <summary>
/// Runs <see cref="EntityStage"/> + <see cref="PlaceStage"/> on gold documents and scores:
/// mention-pair links (precision/recall/F1 over pairs of mentions in one entity, nominals included),
/// role accuracy (gold persons; a role is right if it matches one of the accepted strings case-insensitively,
/// or both are empty), country accuracy (gold entities; ISO alpha-2 equality, both-empty counts as right),
/// and place accuracy (each gold place mention; right when the resolved id equals the gold id, or both are empty).
/// </summary>
public static class EntityEvaluator
{
    /// <summary>
    /// Scores the stages. <paramref name="mentionSource"/> fills a document's mentions instead of the gold ones
    /// (e.g. tokenizer + NER for an end-to-end figure); gold and system mentions are then matched by overlap.
    /// </summary>
    public static EntityEvalResult Evaluate(IEnumerable<GoldDocument> golds, Gazetteer? gazetteer = null, Action<Document>? mentionSource = null)
    {
        var g = gazetteer ?? Gazetteer.Default;
        var entityStage = new EntityStage(new EntityOptions { Gazetteer = g });
        var placeStage = new PlaceStage(new PlaceOptions { Gazetteer = g });
        var resolver = new PlaceResolver(g);
        int docs = 0, linkSys = 0, linkGold = 0, linkHit = 0, roleN = 0, roleOk = 0, countryN = 0, countryOk = 0, placeN = 0, placeOk = 0;
        int nomGold = 0, nomFound = 0, nomOk = 0;
        var errors = new List<string>();
        var sw = new System.Diagnostics.Stopwatch();

        foreach (var gold in golds)
        {
            docs++;
            var doc = gold.ToDocument();
            if (mentionSource is not null) { doc.Mentions.Clear(); mentionSource(doc); }
            sw.Start();
            entityStage.Process(doc);
            placeStage.Process(doc);
            sw.Stop();

            // Links over spans.
            var goldCluster = gold.Mentions.ToDictionary(m => (m.Start, m.End), m => m.Cluster);
            var sysCluster = new Dictionary<(int, int), int>();
            foreach (var m in doc.Mentions)
                if (m.Entity >= 0)
                    sysCluster[mentionSource is null ? (m.Start, m.End) : Align(gold, m.Start, m.End)] = m.Entity;
            var goldPairs = Pairs(goldCluster);
            var sysPairs = Pairs(sysCluster);
            linkGold += goldPairs.Count; linkSys += sysPairs.Count; linkHit += sysPairs.Count(goldPairs.Contains);
            foreach (var p in goldPairs.Except(sysPairs)) errors.Add($"{gold.Id} missed link {Span(gold.Text, p.Item1)} ~ {Span(gold.Text, p.Item2)}");
            foreach (var p in sysPairs.Except(goldPairs)) errors.Add($"{gold.Id} wrong link {Span(gold.Text, p.Item1)} ~ {Span(gold.Text, p.Item2)}");

            var goldNoms = gold.Mentions.Where(m => m.Type == "NOM").Select(m => (m.Start, m.End)).ToHashSet();
            var sysNoms = doc.Mentions.Where(m => m.Nominal).Select(m => (m.Start, m.End)).ToHashSet();
            nomGold += goldNoms.Count; nomFound += sysNoms.Count; nomOk += sysNoms.Count(goldNoms.Contains);

            foreach (var ge in gold.Entities)
            {
                var first = gold.Mentions.FirstOrDefault(m => m.Label == ge.Label && m.Type != "NOM");
                if (first is null) continue;
                var sm = FindMention(doc, first.Start, first.End, exact: mentionSource is null);
                var se = sm >= 0 && doc.Mentions[sm].Entity >= 0 ? doc.Entities[doc.Mentions[sm].Entity] : null;
                if (ge.Type == "PER")
                {
                    roleN++;
                    bool ok = ge.Roles is null ? se?.Role is null
                        : se?.Role is { } r && ge.Roles.Any(x => string.Equals(x, r, StringComparison.OrdinalIgnoreCase));
                    if (ok) roleOk++;
                    else errors.Add($"{gold.Id} role {ge.Label}: want [{string.Join(", ", ge.Roles ?? [])}] got '{se?.Role}'");
                }
                countryN++;
                if (string.Equals(ge.Country, se?.CountryCode, StringComparison.Ordinal)) countryOk++;
                else errors.Add($"{gold.Id} country {ge.Label}: want {ge.Country ?? "-"} got {se?.CountryCode ?? "-"}");
            }

            var resolved = resolver.Resolve(doc);
            foreach (var m in gold.Mentions)
            {
                if (m.Label is null || !gold.Places.TryGetValue(m.Label, out var want)) continue;
                placeN++;
                int idx = FindMention(doc, m.Start, m.End, exact: mentionSource is null);
                var got = idx >= 0 ? resolved[idx]?.Id(g) : null;
                if (string.Equals(want, got, StringComparison.Ordinal)) placeOk++;
                else errors.Add($"{gold.Id} place '{m.Text}': want {want ?? "-"} got {got ?? "-"}");
            }
        }
        double P = linkSys == 0 ? 1 : (double)linkHit / linkSys, R = linkGold == 0 ? 1 : (double)linkHit / linkGold;
        return new EntityEvalResult(docs, P, R, P + R == 0 ? 0 : 2 * P * R / (P + R),
            roleN, Ratio(roleOk, roleN), countryN, Ratio(countryOk, countryN), placeN, Ratio(placeOk, placeN),
            nomGold, nomFound, nomOk, errors, docs == 0 ? 0 : sw.Elapsed.TotalMilliseconds / docs);
    }

    // A system span is counted as the gold span it overlaps (predicted mentions), or as itself.
    private static (int, int) Align(GoldDocument gold, int start, int end)
    {
        foreach (var g in gold.Mentions) if (g.Start == start && g.End == end) return (g.Start, g.End);
        // A named mention inside a gold nominal ("Argentine" in "The Argentine forward") is not that nominal.
        foreach (var g in gold.Mentions) if (g.Type != "NOM" && g.Start < end && start < g.End) return (g.Start, g.End);
        return (start, end);
    }

    private static int FindMention(Document doc, int start, int end, bool exact)
    {
        int i = doc.Mentions.FindIndex(x => x.Start == start && x.End == end && !x.Nominal);
        if (i >= 0 || exact) return i;
        return doc.Mentions.FindIndex(x => x.Start < end && start < x.End && !x.Nominal);
    }

    private static double Ratio(int a, int b) => b == 0 ? 1 : (double)a / b;

    private static HashSet<((int, int), (int, int))> Pairs<T>(Dictionary<(int, int), T> cluster) where T : notnull
    {
        var set = new HashSet<((int, int), (int, int))>();
        var keys = cluster.Keys.OrderBy(k => k).ToList();
        for (int a = 0; a < keys.Count; a++)
            for (int b = a + 1; b < keys.Count; b++)
                if (EqualityComparer<T>.Default.Equals(cluster[keys[a]], cluster[keys[b]])) set.Add((keys[a], keys[b]));
        return set;
    }

    private static string Span(string text, (int Start, int End) s) => "'" + text[s.Start..s.End] + "'";
}
