using Storyline.Ner.Conll;
using Storyline.Ner.Model;

namespace Storyline.Ner.Resources;

/// <summary>
/// Gazetteer lists learned by self-training: a first model tags the unlabelled news in the shared data folder
/// (not CoNLL-2003), and names it tags often and nearly always with one type become lists "auto.PER", "auto.ORG",
/// "auto.LOC", "auto.MISC". A name that a 1996-trained model recognises in many 2016-2019 articles ("WeWork",
/// "SpaceX") then helps in the one context where the model alone hesitates.
/// </summary>
public static class SelfGazetteer
{
    /// <summary>Sentences tagged together as one pseudo-document (the sources keep an article's sentences in order).</summary>
    private const int SentencesPerDocument = 25;

    /// <summary>Adds the lists to <paramref name="target"/>; returns the number of names per type.</summary>
    public static Dictionary<string, int> AddTo(Gazetteer target, NerModel model, IEnumerable<string[]> sentences,
        int minCount, double minShare, Action<string>? log = null)
    {
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var words = new List<string>();
        var starts = new List<int>();
        long tokens = 0;
        void Flush()
        {
            if (words.Count == 0) return;
            var labels = new int[words.Count];
            model.TagLabels(words, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(starts), labels);
            foreach (var sp in EntityTags.SpansFromBilou(labels))
            {
                if (sp.End - sp.Start > Gazetteer.MaxTokens || !char.IsUpper(words[sp.Start][0])) continue;
                var key = string.Join(' ', words.GetRange(sp.Start, sp.End - sp.Start));
                if (!counts.TryGetValue(key, out var c)) counts[key] = c = new int[EntityTags.Types.Length];
                c[EntityTags.TypeIndex(sp.Type)]++;
            }
            tokens += words.Count;
            words.Clear(); starts.Clear();
        }
        foreach (var s in sentences)
        {
            if (s.Length == 0) continue;
            starts.Add(words.Count);
            words.AddRange(s);
            if (starts.Count >= SentencesPerDocument) Flush();
        }
        Flush();
        var added = EntityTags.Types.ToDictionary(t => t, _ => 0, StringComparer.Ordinal);
        // Sorted, so that the same text gives the same gazetteer bytes.
        foreach (var (name, c) in counts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            int total = c.Sum(), best = 0;
            for (int k = 1; k < c.Length; k++) if (c[k] > c[best]) best = k;
            if (total < minCount || c[best] < minShare * total) continue;
            target.Add("auto." + EntityTags.Types[best], Gazetteer.SplitName(name));
            added[EntityTags.Types[best]]++;
        }
        log?.Invoke($"self-trained gazetteer: {tokens:N0} tokens tagged, {counts.Count:N0} names, kept {string.Join(", ", added.Select(kv => $"{kv.Key} {kv.Value:N0}"))}");
        return added;
    }
}
