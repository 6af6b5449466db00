using System.Text;
using System.Text.Json.Serialization;
using Storyline.Stories.Rewrite;
using Storyline.Stories.Text;

namespace Storyline.Stories.Diff;

[JsonConverter(typeof(JsonStringEnumConverter<DiffOp>))]
public enum DiffOp { Same, Changed, Added, Removed }

/// <summary>One line of a sentence diff; <see cref="Words"/> marks the changed words of a changed sentence.</summary>
public sealed record DiffEntry(
    [property: JsonPropertyName("op")] DiffOp Op,
    [property: JsonPropertyName("old")] string? Old,
    [property: JsonPropertyName("new")] string? New,
    [property: JsonPropertyName("words")] string? Words);

/// <summary>A sentence-level diff of two versions of a text.</summary>
public sealed record SentenceDiffResult(
    [property: JsonPropertyName("entries")] IReadOnlyList<DiffEntry> Entries,
    [property: JsonPropertyName("same")] int Same,
    [property: JsonPropertyName("changed")] int Changed,
    [property: JsonPropertyName("added")] int Added,
    [property: JsonPropertyName("removed")] int Removed)
{
    /// <summary>True when the two texts have the same sentences.</summary>
    [JsonIgnore] public bool Identical => Changed == 0 && Added == 0 && Removed == 0;

    /// <summary>Readable form: "  " same, "- " removed, "+ " added, "~ " changed with [-old-]{+new+} word marks.</summary>
    public string ToText(bool includeSame = true)
    {
        var sb = new StringBuilder();
        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Same} same, {Changed} changed, {Added} added, {Removed} removed\n");
        foreach (var e in Entries)
        {
            switch (e.Op)
            {
                case DiffOp.Same: if (includeSame) sb.Append("  ").Append(e.New).Append('\n'); break;
                case DiffOp.Removed: sb.Append("- ").Append(e.Old).Append('\n'); break;
                case DiffOp.Added: sb.Append("+ ").Append(e.New).Append('\n'); break;
                case DiffOp.Changed: sb.Append("~ ").Append(e.Words).Append('\n'); break;
            }
        }
        return sb.ToString();
    }
}

/// <summary>
/// Sentence diff of two versions of an article: the longest common subsequence of sentences (compared
/// case- and punctuation-insensitively) anchors the diff; between anchors, removed and added sentences
/// that are still alike (character-trigram overlap) are paired as "changed" with a word-level diff.
/// </summary>
public static class SentenceDiff
{
    /// <summary>Character-trigram Jaccard above which a removed and an added sentence are one changed sentence.</summary>
    public const double ChangedSimilarity = 0.4;

    public static SentenceDiffResult Compare(string textA, string textB)
    {
        var a = TextTools.SentenceTexts(textA).Select(s => new SentenceInfo(s)).ToList();
        var b = TextTools.SentenceTexts(textB).Select(s => new SentenceInfo(s)).ToList();
        var lcs = LcsPairs(a.Select(x => x.Key).ToList(), b.Select(x => x.Key).ToList());
        var entries = new List<DiffEntry>();
        int ia = 0, ib = 0;
        foreach (var (pa, pb) in lcs.Append((a.Count, b.Count)))
        {
            Gap(a.GetRange(ia, pa - ia), b.GetRange(ib, pb - ib), entries);
            if (pa < a.Count) entries.Add(new DiffEntry(DiffOp.Same, a[pa].Text, b[pb].Text, null));
            ia = pa + 1; ib = pb + 1;
        }
        return new SentenceDiffResult(entries, entries.Count(e => e.Op == DiffOp.Same), entries.Count(e => e.Op == DiffOp.Changed),
            entries.Count(e => e.Op == DiffOp.Added), entries.Count(e => e.Op == DiffOp.Removed));
    }

    /// <summary>Pairs alike sentences of a gap in order; the rest are removed / added.</summary>
    private static void Gap(List<SentenceInfo> removed, List<SentenceInfo> added, List<DiffEntry> into)
    {
        int j0 = 0;
        var usedB = new bool[added.Count];
        foreach (var r in removed)
        {
            int best = -1; double bestSim = ChangedSimilarity;
            for (int j = j0; j < added.Count; j++)
            {
                double sim = Jaccard(r.CharTrigrams, added[j].CharTrigrams);
                if (sim >= bestSim) { bestSim = sim; best = j; }
            }
            if (best < 0) { into.Add(new DiffEntry(DiffOp.Removed, r.Text, null, null)); continue; }
            for (int j = j0; j < best; j++) { into.Add(new DiffEntry(DiffOp.Added, null, added[j].Text, null)); usedB[j] = true; }
            into.Add(new DiffEntry(DiffOp.Changed, r.Text, added[best].Text, WordDiff(r.Text, added[best].Text)));
            usedB[best] = true; j0 = best + 1;
        }
        for (int j = j0; j < added.Count; j++) if (!usedB[j]) into.Add(new DiffEntry(DiffOp.Added, null, added[j].Text, null));
    }

    private static double Jaccard(HashSet<int> x, HashSet<int> y)
    {
        int inter = 0; foreach (var v in x) if (y.Contains(v)) inter++;
        int union = x.Count + y.Count - inter;
        return union == 0 ? 1 : (double)inter / union;
    }

    /// <summary>Word-level diff "[-old-]{+new+}" of two sentences (tokens split on spaces).</summary>
    public static string WordDiff(string oldText, string newText)
    {
        var x = oldText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var y = newText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var pairs = LcsPairs(x.Select(Norm).ToList(), y.Select(Norm).ToList());
        var sb = new StringBuilder();
        int i = 0, j = 0;
        foreach (var (pi, pj) in pairs.Append((x.Length, y.Length)))
        {
            if (pi > i) sb.Append("[-").AppendJoin(' ', x[i..pi]).Append("-] ");
            if (pj > j) sb.Append("{+").AppendJoin(' ', y[j..pj]).Append("+} ");
            if (pi < x.Length) sb.Append(y[pj]).Append(' ');
            i = pi + 1; j = pj + 1;
        }
        return sb.ToString().TrimEnd();
    }

    private static string Norm(string w) => w.Trim('.', ',', ';', ':', '"', '\'', '!', '?').ToLowerInvariant();

    /// <summary>Index pairs of a longest common subsequence of two key lists.</summary>
    private static List<(int, int)> LcsPairs(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        int n = a.Count, m = b.Count;
        var dp = new int[n + 1, m + 1];
        for (int i = n - 1; i >= 0; i--)
            for (int j = m - 1; j >= 0; j--)
                dp[i, j] = a[i] == b[j] ? dp[i + 1, j + 1] + 1 : Math.Max(dp[i + 1, j], dp[i, j + 1]);
        var res = new List<(int, int)>();
        for (int i = 0, j = 0; i < n && j < m;)
        {
            if (a[i] == b[j]) { res.Add((i, j)); i++; j++; }
            else if (dp[i + 1, j] >= dp[i, j + 1]) i++;
            else j++;
        }
        return res;
    }
}
