using System.Diagnostics;
using System.Text.Json.Serialization;
using Storyline.Core;

namespace Storyline.Time.Evaluation;

/// <summary>
/// TempEval-3 timex scores. Precision/recall/F1 (= relaxed), strict and relaxed span F1, type accuracy and the TE3
/// "attribute F1" for value and type (attribute accuracy over relaxed matches times relaxed F1).
/// </summary>
public sealed record TimeEvalResult
{
    [JsonPropertyName("set")] public string Set { get; init; } = "";
    /// <summary>What the set is for ("test: never tuned on", "training: tuned on").</summary>
    [JsonPropertyName("note")] public string? Note { get; init; }
    [JsonPropertyName("precision")] public double Precision { get; init; }
    [JsonPropertyName("recall")] public double Recall { get; init; }
    [JsonPropertyName("f1")] public double F1 { get; init; }
    [JsonPropertyName("strict_precision")] public double StrictPrecision { get; init; }
    [JsonPropertyName("strict_recall")] public double StrictRecall { get; init; }
    [JsonPropertyName("strict_f1")] public double StrictF1 { get; init; }
    [JsonPropertyName("relaxed_f1")] public double RelaxedF1 { get; init; }
    /// <summary>Correct type among relaxed matches.</summary>
    [JsonPropertyName("type_accuracy")] public double TypeAccuracy { get; init; }
    /// <summary>TE3 attribute F1 for type (type accuracy x relaxed F1).</summary>
    [JsonPropertyName("type_f1")] public double TypeF1 { get; init; }
    /// <summary>Correct value among relaxed matches.</summary>
    [JsonPropertyName("value_accuracy")] public double ValueAccuracy { get; init; }
    /// <summary>TE3 attribute F1 for value (value accuracy x relaxed F1): the headline TempEval-3 timex figure.</summary>
    [JsonPropertyName("value_f1")] public double ValueF1 { get; init; }
    [JsonPropertyName("documents")] public int Documents { get; init; }
    [JsonPropertyName("gold")] public int Gold { get; init; }
    [JsonPropertyName("system")] public int System { get; init; }
    [JsonPropertyName("relaxed_matches")] public int RelaxedMatches { get; init; }
    [JsonPropertyName("strict_matches")] public int StrictMatches { get; init; }
    [JsonPropertyName("seconds")] public double Seconds { get; init; }
}

/// <summary>One scored difference, for error analysis.</summary>
public sealed record TimeEvalError(string Document, string Kind, string Text, string? Gold, string? System, string Context);

/// <summary>Scores the time tagger on gold TimeML folders and on MEANTIME, the way the TempEval-3 scorer does.</summary>
public static class TimeEvaluator
{
    /// <summary>Scores every *.tml file of a folder (recursively), each anchored on its DCT.</summary>
    public static TimeEvalResult Evaluate(string dir, string? setName = null, List<TimeEvalError>? errors = null)
    {
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"no such folder: {dir}");
        var files = Directory.EnumerateFiles(dir, "*.tml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new FileNotFoundException($"no .tml files in {dir}");
        return Evaluate(files.Select(TimeMLReader.Read), setName ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(dir)), errors);
    }

    /// <summary>Scores the MEANTIME corpus (all *.xml files under the folder).</summary>
    public static TimeEvalResult EvaluateMeantime(string dir, List<TimeEvalError>? errors = null)
    {
        var files = Directory.EnumerateFiles(dir, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new FileNotFoundException($"no MEANTIME .xml files in {dir}");
        return Evaluate(files.Select(f => MeantimeReader.Read(f)), Meantime, errors);
    }

    public const string Platinum = "te3-platinum";
    public const string Meantime = "meantime-en";
    public const string Train = "tbaq-train";

    /// <summary>The shared sets: TE3-Platinum (test), MEANTIME English news, and TimeBank+AQUAINT (the training part, tuned on).</summary>
    public static IReadOnlyList<TimeEvalResult> RunShared()
    {
        var te3 = RepoPaths.Data("time", "tempeval3");
        return
        [
            Evaluate(Path.Combine(te3, "test", "te3-platinum"), Platinum) with { Note = "TempEval-3 test set (20 news articles, 2013): never tuned on" },
            EvaluateMeantime(RepoPaths.Data("events", "meantime", "intra_cross-doc_annotation")) with { Note = "MEANTIME English Wikinews, annotated part (title + first sentences): never tuned on" },
            Evaluate(Path.Combine(te3, "train", "TBAQ-cleaned"), Train) with { Note = "TimeBank + AQUAINT (TE3 training data): the rules were developed on it" },
        ];
    }

    /// <summary>Metrics kept as floors, by their key in eval/floors/time.json ("te3_platinum_value_f1").</summary>
    public static IReadOnlyDictionary<string, double> FloorMetrics(TimeEvalResult r)
    {
        string set = r.Set.Replace('-', '_');
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [set + "_value_f1"] = r.ValueF1,
            [set + "_relaxed_f1"] = r.RelaxedF1,
            [set + "_strict_f1"] = r.StrictF1,
            [set + "_type_accuracy"] = r.TypeAccuracy,
        };
    }

    /// <summary>Every metric below its floor, as "key: value &lt; floor" lines (floors without a result are ignored).</summary>
    public static IReadOnlyList<string> BelowFloors(IEnumerable<TimeEvalResult> results, IReadOnlyDictionary<string, double> floors)
    {
        var bad = new List<string>();
        foreach (var r in results)
            foreach (var (key, value) in FloorMetrics(r))
                if (floors.TryGetValue(key, out double floor) && value < floor)
                    bad.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{key}: {value:F4} < floor {floor:F4}"));
        return bad;
    }

    /// <summary>Scores documents: one-to-one matching, exact spans first, then overlaps.</summary>
    public static TimeEvalResult Evaluate(IEnumerable<GoldDocument> docs, string setName, List<TimeEvalError>? errors = null)
    {
        int nDocs = 0, nGold = 0, nSys = 0, strict = 0, relaxed = 0, typeOk = 0, valueOk = 0;
        var sw = new Stopwatch();
        foreach (var doc in docs)
        {
            nDocs++;
            sw.Start();
            var sys = TimeExpressionTagger.Tag(doc.Text, doc.Anchor);
            sw.Stop();
            var gold = doc.Timexes.Where(g => doc.Text[g.Start..g.End].Trim().Length > 0).ToList();
            nGold += gold.Count;
            nSys += sys.Count;
            var pairs = Match(doc.Text, gold, sys);
            var matchedSys = new HashSet<int>();
            var matchedGold = new HashSet<int>();
            foreach (var (gi, si, exact) in pairs)
            {
                matchedGold.Add(gi); matchedSys.Add(si);
                relaxed++;
                if (exact) strict++;
                var g = gold[gi];
                var s = sys[si];
                if (g.Type == s.Type) typeOk++;
                if (g.Value == (s.Value ?? "")) valueOk++;
                if (errors is not null)
                {
                    string gText = doc.Text[g.Start..g.End];
                    if (!exact) errors.Add(new(doc.Name, "span", gText, gText, s.Text, Context(doc.Text, g.Start, g.End)));
                    if (g.Value != (s.Value ?? "") || g.Type != s.Type)
                        errors.Add(new(doc.Name, "value", gText, $"{g.Type} {g.Value}", $"{s.Type} {s.Value} [{s.Text}]", Context(doc.Text, g.Start, g.End) + $" @{doc.Anchor:yyyy-MM-dd ddd}"));
                }
            }
            if (errors is not null)
            {
                for (int gi = 0; gi < gold.Count; gi++)
                    if (!matchedGold.Contains(gi))
                        errors.Add(new(doc.Name, "missed", doc.Text[gold[gi].Start..gold[gi].End], $"{gold[gi].Type} {gold[gi].Value}", null, Context(doc.Text, gold[gi].Start, gold[gi].End)));
                for (int si = 0; si < sys.Count; si++)
                    if (!matchedSys.Contains(si))
                        errors.Add(new(doc.Name, "spurious", sys[si].Text, null, $"{sys[si].Type} {sys[si].Value}", Context(doc.Text, sys[si].Start, sys[si].End)));
            }
        }
        double p = Ratio(relaxed, nSys), r = Ratio(relaxed, nGold), f = F(p, r);
        double sp = Ratio(strict, nSys), sr = Ratio(strict, nGold);
        double typeAcc = Ratio(typeOk, relaxed), valueAcc = Ratio(valueOk, relaxed);
        return new TimeEvalResult
        {
            Set = setName,
            Precision = p, Recall = r, F1 = f, RelaxedF1 = f,
            StrictPrecision = sp, StrictRecall = sr, StrictF1 = F(sp, sr),
            TypeAccuracy = typeAcc, TypeF1 = typeAcc * f,
            ValueAccuracy = valueAcc, ValueF1 = valueAcc * f,
            Documents = nDocs, Gold = nGold, System = nSys, RelaxedMatches = relaxed, StrictMatches = strict,
            Seconds = sw.Elapsed.TotalSeconds,
        };
    }

    /// <summary>
    /// One-to-one alignment as the TimeML normaliser does it: identical spans pair first, then each remaining
    /// gold expression takes the overlapping system expression with the largest overlap.
    /// </summary>
    private static List<(int Gold, int Sys, bool Exact)> Match(string text, List<GoldTimex> gold, IReadOnlyList<TimeExpression> sys)
    {
        var pairs = new List<(int, int, bool)>();
        var usedS = new bool[sys.Count];
        var usedG = new bool[gold.Count];
        for (int gi = 0; gi < gold.Count; gi++)
        {
            var (gs, ge) = Trim(text, gold[gi].Start, gold[gi].End);
            for (int si = 0; si < sys.Count; si++)
            {
                if (usedS[si]) continue;
                var (ss, se) = Trim(text, sys[si].Start, sys[si].End);
                if (gs == ss && ge == se) { pairs.Add((gi, si, true)); usedS[si] = usedG[gi] = true; break; }
            }
        }
        for (int gi = 0; gi < gold.Count; gi++)
        {
            if (usedG[gi]) continue;
            int best = -1, bestOverlap = 0;
            for (int si = 0; si < sys.Count; si++)
            {
                if (usedS[si]) continue;
                int ov = Math.Min(gold[gi].End, sys[si].End) - Math.Max(gold[gi].Start, sys[si].Start);
                if (ov > bestOverlap) { best = si; bestOverlap = ov; }
            }
            if (best >= 0) { pairs.Add((gi, best, false)); usedS[best] = usedG[gi] = true; }
        }
        return pairs;
    }

    private static (int, int) Trim(string text, int s, int e)
    {
        while (s < e && char.IsWhiteSpace(text[s])) s++;
        while (e > s && char.IsWhiteSpace(text[e - 1])) e--;
        return (s, e);
    }

    private static string Context(string text, int s, int e)
    {
        int a = Math.Max(0, s - 50), b = Math.Min(text.Length, e + 40);
        return (text[a..s] + "[" + text[s..e] + "]" + text[e..b]).Replace('\n', ' ');
    }

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;

    private static double F(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
}
