using System.Globalization;

namespace Storyline.Cleaning.Training;

/// <summary>Counts behind the cleaning figures of one group of documents (a set and view, or everything).</summary>
public sealed class CleaningFigures
{
    public int Documents { get; set; }
    /// <summary>Labelled lines: debris predicted and labelled debris, predicted but labelled content, missed debris.</summary>
    public long DebrisTp { get; set; }
    public long DebrisFp { get; set; }
    public long DebrisFn { get; set; }
    /// <summary>Tokens of content-labelled lines, and how many of them were kept.</summary>
    public long ContentTokens { get; set; }
    public long ContentTokensKept { get; set; }
    /// <summary>Bag-of-token overlap of the kept text with the gold body (pages with a gold body only).</summary>
    public long BodyOverlap { get; set; }
    public long BodyKept { get; set; }
    public long BodyGold { get; set; }
    /// <summary>Trafilatura-style chunk counts: must-have chunks found / missed, must-not-have chunks found / absent.</summary>
    public long WithFound { get; set; }
    public long WithMissed { get; set; }
    public long WithoutFound { get; set; }
    public long WithoutAbsent { get; set; }

    public double DebrisPrecision => Ratio(DebrisTp, DebrisTp + DebrisFp);
    public double DebrisRecall => Ratio(DebrisTp, DebrisTp + DebrisFn);
    public double DebrisF1 => DebrisPrecision + DebrisRecall == 0 ? 0 : 2 * DebrisPrecision * DebrisRecall / (DebrisPrecision + DebrisRecall);
    public double ContentTokenRecall => Ratio(ContentTokensKept, ContentTokens);
    public double BodyTokenPrecision => Ratio(BodyOverlap, BodyKept);
    public double BodyTokenRecall => Ratio(BodyOverlap, BodyGold);
    public double ChunkPrecision => Ratio(WithFound, WithFound + WithoutFound);
    public double ChunkRecall => Ratio(WithFound, WithFound + WithMissed);

    private static double Ratio(long a, long b) => b == 0 ? double.NaN : (double)a / b;

    public void Add(CleaningFigures o)
    {
        Documents += o.Documents; DebrisTp += o.DebrisTp; DebrisFp += o.DebrisFp; DebrisFn += o.DebrisFn;
        ContentTokens += o.ContentTokens; ContentTokensKept += o.ContentTokensKept;
        BodyOverlap += o.BodyOverlap; BodyKept += o.BodyKept; BodyGold += o.BodyGold;
        WithFound += o.WithFound; WithMissed += o.WithMissed; WithoutFound += o.WithoutFound; WithoutAbsent += o.WithoutAbsent;
    }

    /// <summary>
    /// a + b − r for the line and chunk counts (not the bag-of-token fields): the figures of a cleaner that behaves like
    /// the one behind <paramref name="a"/> on some lines and like <paramref name="b"/> on the others, when both differ
    /// from <paramref name="r"/> only on their own lines.
    /// </summary>
    public static CleaningFigures Combine(CleaningFigures a, CleaningFigures b, CleaningFigures r) => new()
    {
        Documents = a.Documents,
        DebrisTp = a.DebrisTp + b.DebrisTp - r.DebrisTp, DebrisFp = a.DebrisFp + b.DebrisFp - r.DebrisFp, DebrisFn = a.DebrisFn + b.DebrisFn - r.DebrisFn,
        ContentTokens = a.ContentTokens, ContentTokensKept = a.ContentTokensKept + b.ContentTokensKept - r.ContentTokensKept,
    };

    /// <summary>The figures as a flat name → value map (for reports, model info and floors).</summary>
    public SortedDictionary<string, double> ToMap() => new(StringComparer.Ordinal)
    {
        ["documents"] = Documents,
        ["debris_precision"] = DebrisPrecision,
        ["debris_recall"] = DebrisRecall,
        ["debris_f1"] = DebrisF1,
        ["content_token_recall"] = ContentTokenRecall,
        ["body_token_precision"] = BodyTokenPrecision,
        ["body_token_recall"] = BodyTokenRecall,
        ["chunk_precision"] = ChunkPrecision,
        ["chunk_recall"] = ChunkRecall,
    };

    public override string ToString() => string.Join("  ", ToMap().Where(kv => !double.IsNaN(kv.Value))
        .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value:0.####}")));
}

/// <summary>
/// Scores the cleaner on labelled renders: line-level debris precision/recall, recall of the tokens of content
/// lines, bag-of-token precision/recall of the kept text against the gold body, and trafilatura chunk hits.
/// </summary>
public static class CleaningEvaluator
{
    public const string AllGroup = "all";

    /// <summary>Figures per group "set/view", plus <see cref="AllGroup"/>.</summary>
    public static SortedDictionary<string, CleaningFigures> Evaluate(IEnumerable<LabelledDoc> docs, TextCleaner cleaner)
        => Evaluate(docs, d => cleaner.Clean(d.Lines));

    /// <summary>Figures per group for any cleaning function (e.g. one reusing precomputed scores).</summary>
    public static SortedDictionary<string, CleaningFigures> Evaluate(IEnumerable<LabelledDoc> docs, Func<LabelledDoc, CleaningResult> clean)
    {
        var groups = new SortedDictionary<string, CleaningFigures>(StringComparer.Ordinal) { [AllGroup] = new() };
        foreach (var doc in docs)
        {
            var f = EvaluateOne(doc, clean(doc));
            var key = doc.Page.Set + "/" + doc.View;
            if (!groups.TryGetValue(key, out var g)) groups[key] = g = new CleaningFigures();
            g.Add(f);
            groups[AllGroup].Add(f);
        }
        return groups;
    }

    /// <summary>Per-view facts that do not depend on the cleaner (tokens per line, gold bag, normalised chunks), computed once.</summary>
    private sealed record Truth(int[] LineTokens, Dictionary<string, int>? GoldBag, long GoldTokens, string[] With, string[] Without);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<LabelledDoc, Truth> Truths = new();

    private static Truth TruthOf(LabelledDoc doc) => Truths.GetValue(doc, d =>
    {
        var gold = d.Page.GoldBody is { } g ? Bag(new LineInfo(g).Tokens) : null;
        return new Truth(
            [.. d.Lines.Select(l => new LineInfo(l).Tokens.Length)], gold, gold?.Values.Sum() ?? 0,
            [.. d.Page.With.Select(LineLabeler.Normalize)], [.. d.Page.Without.Select(LineLabeler.Normalize)]);
    });

    public static CleaningFigures EvaluateOne(LabelledDoc doc, CleaningResult r)
    {
        var truth = TruthOf(doc);
        var f = new CleaningFigures { Documents = 1 };
        for (int i = 0; i < doc.Lines.Count; i++)
        {
            var reason = r.Lines[i].Reason;
            bool removed = reason is not null;
            // The headline moves to metadata and a repeat leaves its first copy: neither loses text.
            bool preserved = reason is RemovalReasons.Title or RemovalReasons.Duplicate;
            switch (doc.Labels[i])
            {
                case LineLabel.Debris:
                    if (removed) f.DebrisTp++; else f.DebrisFn++;
                    break;
                case LineLabel.Content:
                    if (removed && !preserved) f.DebrisFp++;
                    f.ContentTokens += truth.LineTokens[i];
                    if (!removed || preserved) f.ContentTokensKept += truth.LineTokens[i];
                    break;
            }
        }
        if (truth.GoldBag is { } g)
        {
            var kept = Bag(new LineInfo(r.Text).Tokens);
            f.BodyKept = kept.Values.Sum();
            f.BodyGold = truth.GoldTokens;
            f.BodyOverlap = kept.Sum(kv => Math.Min(kv.Value, g.GetValueOrDefault(kv.Key)));
        }
        if (truth.With.Length + truth.Without.Length > 0)
        {
            var text = LineLabeler.Normalize(r.Text);
            foreach (var c in truth.With) if (text.Contains(c, StringComparison.Ordinal)) f.WithFound++; else f.WithMissed++;
            foreach (var c in truth.Without) if (text.Contains(c, StringComparison.Ordinal)) f.WithoutFound++; else f.WithoutAbsent++;
        }
        return f;
    }

    private static Dictionary<string, int> Bag(string[] tokens)
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in tokens) d[t] = d.GetValueOrDefault(t) + 1;
        return d;
    }
}
