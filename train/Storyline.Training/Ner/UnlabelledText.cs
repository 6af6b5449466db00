using System.Text.Json;
using System.Text.RegularExpressions;
using Storyline.Ner.Conll;

namespace Storyline.Ner.Resources;

/// <summary>
/// English text from the shared data folder, without labels, as tokenised sentences: the input for
/// word clusters and capitalisation statistics. CoNLL-2003's own tokens (train, dev, test) are
/// used without their tags, as the standard semi-supervised NER papers did; WNUT-17 is left out so
/// that its out-of-domain figure stays honest.
/// </summary>
public static partial class UnlabelledText
{
    /// <summary>Every source that exists under the shared data folder, sentence by sentence.</summary>
    public static IEnumerable<string[]> Sentences(string sharedData)
    {
        foreach (var name in new[] { "eng.train", "eng.testa", "eng.testb" })
        {
            var p = Path.Combine(sharedData, "ner", "conll2003", name);
            if (!File.Exists(p)) continue;
            foreach (var d in ConllReader.ReadFile(p))
                foreach (var s in d.Sentences) yield return s.Words;
        }
        foreach (var s in OtherSentences(sharedData)) yield return s;
    }

    /// <summary>The sources other than CoNLL-2003, in order (an article's sentences stay together).</summary>
    public static IEnumerable<string[]> OtherSentences(string sharedData)
    {
        foreach (var s in Ud(Path.Combine(sharedData, "syntax", "ud-english-ewt"))) yield return s;
        foreach (var s in TextFiles(Path.Combine(sharedData, "quotes", "polnear"), "*.txt")) yield return s;
        foreach (var s in Jsonl(Path.Combine(sharedData, "clustering", "ecbplus", "docs.jsonl"))) yield return s;
        foreach (var s in Jsonl(Path.Combine(sharedData, "clustering", "newswcl50", "docs.jsonl"))) yield return s;
        foreach (var s in ScrapinghubBodies(Path.Combine(sharedData, "extraction", "scrapinghub", "ground-truth.json"), RecentGoldIds())) yield return s;
        foreach (var s in Markup(Path.Combine(sharedData, "time", "tempeval3"), "*.tml")) yield return s;
        foreach (var s in MeantimeTokens(Path.Combine(sharedData, "events", "meantime"))) yield return s;
        foreach (var s in Msrp(Path.Combine(sharedData, "dedup", "msrp"))) yield return s;
    }

    private static IEnumerable<string[]> Ud(string dir)
    {
        if (!Directory.Exists(dir)) yield break;
        foreach (var f in Directory.EnumerateFiles(dir, "*.conllu").Order(StringComparer.Ordinal))
        {
            var words = new List<string>();
            foreach (var line in File.ReadLines(f))
            {
                if (line.Length == 0) { if (words.Count > 0) { yield return [.. words]; words.Clear(); } continue; }
                if (line[0] == '#') continue;
                var cols = line.Split('\t');
                if (cols.Length < 2 || cols[0].Contains('-') || cols[0].Contains('.')) continue;
                words.Add(cols[1]);
            }
            if (words.Count > 0) yield return [.. words];
        }
    }

    private static IEnumerable<string[]> TextFiles(string dir, string pattern)
    {
        if (!Directory.Exists(dir)) yield break;
        foreach (var f in Directory.EnumerateFiles(dir, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            foreach (var s in Tokenize(File.ReadAllText(f))) yield return s;
    }

    private static IEnumerable<string[]> Markup(string dir, string pattern)
    {
        if (!Directory.Exists(dir)) yield break;
        foreach (var f in Directory.EnumerateFiles(dir, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var xml = File.ReadAllText(f);
            int a = xml.IndexOf("<TEXT>", StringComparison.Ordinal), b = xml.IndexOf("</TEXT>", StringComparison.Ordinal);
            if (a < 0 || b < a) continue;
            var text = System.Net.WebUtility.HtmlDecode(TagRegex().Replace(xml[(a + 6)..b], ""));
            foreach (var s in Tokenize(text)) yield return s;
        }
    }

    private static IEnumerable<string[]> MeantimeTokens(string dir)
    {
        if (!Directory.Exists(dir)) yield break;
        foreach (var f in Directory.EnumerateFiles(dir, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var words = new List<string>();
            string? sentence = null;
            foreach (Match m in MeantimeToken().Matches(File.ReadAllText(f)))
            {
                if (sentence is not null && m.Groups[1].Value != sentence && words.Count > 0) { yield return [.. words]; words.Clear(); }
                sentence = m.Groups[1].Value;
                words.Add(System.Net.WebUtility.HtmlDecode(m.Groups[2].Value));
            }
            if (words.Count > 0) yield return [.. words];
        }
    }

    private static IEnumerable<string[]> Jsonl(string path)
    {
        if (!File.Exists(path)) yield break;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var texts = new List<string>();
            if (root.TryGetProperty("sentences", out var sents) && sents.ValueKind == JsonValueKind.Array)
                foreach (var s in sents.EnumerateArray())
                    if (s.TryGetProperty("text", out var t) && t.GetString() is { } st) texts.Add(st);
            if (texts.Count == 0 && root.TryGetProperty("text", out var tx) && tx.GetString() is { } whole) texts.Add(whole);
            foreach (var t in texts)
                foreach (var s in Tokenize(t)) yield return s;
        }
    }

    /// <summary>
    /// Ids of the Scrapinghub articles in the recent-news NER gold set (eval/ner-recent/*/ids.txt): left out of the
    /// unlabelled text so that no resource the model is trained with has seen the evaluation text.
    /// </summary>
    public static HashSet<string> RecentGoldIds()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (Storyline.Core.RepoPaths.RepoRoot is not { } root) return ids;
        foreach (var part in Storyline.Ner.Evaluation.NerEvaluator.RecentParts)
        {
            var f = Path.Combine(root, "eval", "ner-recent", part, "ids.txt");
            if (File.Exists(f)) ids.UnionWith(File.ReadLines(f).Select(l => l.Trim()).Where(l => l.Length > 0));
        }
        return ids;
    }

    private static IEnumerable<string[]> ScrapinghubBodies(string path, HashSet<string> skip)
    {
        if (!File.Exists(path)) yield break;
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var bodies = new List<string>();
        foreach (var p in doc.RootElement.EnumerateObject())
            if (!skip.Contains(p.Name) && p.Value.TryGetProperty("articleBody", out var b) && b.GetString() is { } s) bodies.Add(s);
        foreach (var body in bodies)
            foreach (var s in Tokenize(body)) yield return s;
    }

    private static IEnumerable<string[]> Msrp(string dir)
    {
        if (!Directory.Exists(dir)) yield break;
        foreach (var f in Directory.EnumerateFiles(dir, "*.txt").Order(StringComparer.Ordinal))
            foreach (var line in File.ReadLines(f).Skip(1))
            {
                var cols = line.Split('\t');
                if (cols.Length < 5) continue;
                foreach (var s in Tokenize(cols[3])) yield return s;
                foreach (var s in Tokenize(cols[4])) yield return s;
            }
    }

    /// <summary>
    /// A small CoNLL-like tokenizer for raw text (only for statistics, not the pipeline's tokenizer):
    /// abbreviations with inner periods stay whole, clitics 's n't 're are split off, punctuation
    /// is one token each; a sentence ends at . ! ? followed by space and an upper-case letter, or at a line break.
    /// </summary>
    public static IEnumerable<string[]> Tokenize(string text)
    {
        var words = new List<string>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Replace('\u2019', '\'').Replace('\u201c', '"').Replace('\u201d', '"').Replace('\u2018', '\'');
            foreach (Match m in TokenRegex().Matches(line))
            {
                var tok = m.Value;
                words.Add(tok);
                if (tok is "." or "!" or "?")
                {
                    int next = m.Index + m.Length;
                    while (next < line.Length && line[next] is ' ' or '"' or '\'') next++;
                    if (next >= line.Length || char.IsUpper(line[next])) { yield return [.. words]; words.Clear(); }
                }
            }
            if (words.Count > 0) { yield return [.. words]; words.Clear(); }
        }
    }

    [GeneratedRegex(@"(?:\p{L}\.){2,}|\p{L}+(?=n't\b)|n't|'(?:s|re|ve|ll|d|m|S)\b|\d+(?:[.,:/]\d+)*|\p{L}[\p{L}\p{M}\d]*(?:(?:-|'(?!(?:s|re|ve|ll|d|m|S)\b))\p{L}[\p{L}\p{M}\d]*)*|[^\s\p{L}\d]")]
    private static partial Regex TokenRegex();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagRegex();

    [GeneratedRegex("<token[^>]*sentence=\"(\\d+)\"[^>]*>([^<]*)</token>")]
    private static partial Regex MeantimeToken();
}
