using System.Text.Json.Serialization;
using Storyline.Stories.Index;
using Storyline.Stories.Rewrite;
using Storyline.Stories.Text;

namespace Storyline.Stories.Engine;

/// <summary>A document related to another, with the link's score and how it was found.</summary>
public sealed record RelatedDoc(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("detail")] string? Detail);

/// <summary>The original of a group of copies and rewrites and why it was chosen.</summary>
public sealed record OriginalInfo(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("publisher")] string? Publisher,
    [property: JsonPropertyName("earliest_id")] long EarliestId,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary>A document's copies, rewrites and versions, and the original of its group.</summary>
public sealed record DocumentRelations(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("copies")] IReadOnlyList<RelatedDoc> Copies,
    [property: JsonPropertyName("rewrites")] IReadOnlyList<RelatedDoc> Rewrites,
    [property: JsonPropertyName("versions")] IReadOnlyList<RelatedDoc> Versions,
    [property: JsonPropertyName("original")] OriginalInfo? Original);

/// <summary>A sentence of a story summary and the document it comes from.</summary>
public sealed record SummarySentence(
    [property: JsonPropertyName("doc_id")] long DocId,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("score")] double Score);

/// <summary>One document of a story as listed.</summary>
public sealed record StoryDocument(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("published")] DateTimeOffset? Published,
    [property: JsonPropertyName("published_inferred")] InferredDate? PublishedInferred);

/// <summary>A story as the CLI lists it (<c>stories</c>) and shows it (<c>story ID</c>).</summary>
public sealed record StoryView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("documents")] int Documents,
    [property: JsonPropertyName("sources")] IReadOnlyList<string> Sources,
    [property: JsonPropertyName("first_seen")] DateTimeOffset FirstSeen,
    [property: JsonPropertyName("last_seen")] DateTimeOffset LastSeen,
    [property: JsonPropertyName("first_published")] DateTimeOffset? FirstPublished,
    [property: JsonPropertyName("last_published")] DateTimeOffset? LastPublished);

/// <summary>A story with its documents and summary (<c>story ID --json</c>).</summary>
public sealed record StoryDetail(
    [property: JsonPropertyName("story")] StoryView Story,
    [property: JsonPropertyName("documents")] IReadOnlyList<StoryDocument> Documents,
    [property: JsonPropertyName("summary")] IReadOnlyList<SummarySentence> Summary);

public sealed partial class StoryEngine
{
    /// <summary>Documents walked at most when collecting a copy group (bounds the cost of viral stories).</summary>
    public const int MaxGroup = 500;
    /// <summary>Lead sentences of each document considered for a story summary.</summary>
    public const int LeadSentences = 3;
    /// <summary>Documents of a story read for its summary at most (the earliest).</summary>
    public const int SummaryDocuments = 30;
    /// <summary>Character-trigram Jaccard above which a summary sentence repeats one already chosen.</summary>
    private const double SummaryRedundancy = 0.5;

    /// <summary>Copies, rewrites and versions of a document and the original of its group.</summary>
    public DocumentRelations Relations(long docId)
    {
        var copies = Closure(docId, LinkKind.Copy);
        var versions = Closure(docId, LinkKind.Version);
        var group = Closure(docId, null);
        var rewrites = new Dictionary<long, RelatedDoc>();
        foreach (var id in copies.Keys.Append(docId))
            foreach (var l in _store.LinksOf(id))
                if (l.Kind == LinkKind.Rewrite)
                {
                    long other = l.From == id ? l.To : l.From;
                    if (other != docId && !copies.ContainsKey(other)) rewrites.TryAdd(other, new RelatedDoc(other, l.Score, l.Detail));
                }
        var original = group.Count == 0 ? null : Original(group.Keys.Append(docId).ToList());
        return new DocumentRelations(docId, copies.Values.OrderBy(r => r.Id).ToList(), rewrites.Values.OrderBy(r => r.Id).ToList(),
            versions.Values.OrderBy(r => r.Id).ToList(), original);
    }

    /// <summary>Documents reachable through links of one kind (or any kind), with the score of the link that reached them.</summary>
    private Dictionary<long, RelatedDoc> Closure(long start, LinkKind? kind)
    {
        var seen = new Dictionary<long, RelatedDoc>();
        var queue = new Queue<long>([start]);
        var visited = new HashSet<long> { start };
        while (queue.Count > 0 && visited.Count < MaxGroup)
        {
            long id = queue.Dequeue();
            foreach (var l in _store.LinksOf(id))
            {
                if (kind is not null && l.Kind != kind) continue;
                long other = l.From == id ? l.To : l.From;
                if (!visited.Add(other)) continue;
                seen[other] = new RelatedDoc(other, l.Score, l.Detail);
                queue.Enqueue(other);
            }
        }
        return seen;
    }

    /// <summary>
    /// The original of a group: a member whose publisher another member credits ("originally published by",
    /// a wire dateline, a title suffix naming another outlet); else the earliest published (then first seen).
    /// </summary>
    public OriginalInfo Original(IReadOnlyList<long> group)
    {
        var docs = _store.GetDocuments(group).ToList();
        if (docs.Count == 0) throw new ArgumentException("empty group", nameof(group));
        var earliest = docs.OrderBy(d => d.Published ?? d.InferredPublished?.Earliest ?? DateTimeOffset.MaxValue).ThenBy(d => d.Seq).First();
        foreach (var d in docs.OrderBy(d => d.Seq))
        {
            if (d.CreditedTo is not { Length: > 0 } credit) continue;
            if (Same(credit, d.Publisher) || Same(credit, d.Source)) continue; // a site naming itself
            var credited = docs.Where(x => Same(credit, x.Publisher) || Same(credit, x.Source)).OrderBy(x => x.Seq).FirstOrDefault();
            if (credited is not null)
                return new OriginalInfo(credited.Id, credited.Publisher ?? credited.Source, earliest.Id, $"document {d.Id} credits '{credit}'");
            return new OriginalInfo(earliest.Id, credit, earliest.Id, $"document {d.Id} credits '{credit}', which is not in the store; earliest copy kept");
        }
        string why = earliest.Published is not null ? "earliest publication date" : earliest.InferredPublished is not null ? "earliest inferred publication date" : "first seen";
        return new OriginalInfo(earliest.Id, earliest.Publisher ?? earliest.Source, earliest.Id, why);
    }

    private static bool Same(string credit, string? name)
    {
        if (name is null) return false;
        static string N(string s) => new string(s.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
        string c = N(credit), n = N(name);
        if (c.Length == 0 || n.Length == 0) return false;
        // "Reuters" vs "reuters.com", "The Washington Post" vs "washingtonpost.com"
        if (c.StartsWith("the", StringComparison.Ordinal) && c.Length > 3) c = c[3..];
        if (n.StartsWith("the", StringComparison.Ordinal) && n.Length > 3) n = n[3..];
        return n == c || n.StartsWith(c, StringComparison.Ordinal) && (n.Length - c.Length) <= 4 || c.StartsWith(n, StringComparison.Ordinal) && (c.Length - n.Length) <= 4;
    }

    /// <summary>Live stories, most recently updated first.</summary>
    public IReadOnlyList<StoryView> ListStories(int limit = 100, int offset = 0) =>
        _store.ListStories(limit, offset).Select(View).ToList();

    public static StoryView View(StoryRecord s) => new(s.Id, s.Title, s.Documents.Count, s.Sources.Order(StringComparer.OrdinalIgnoreCase).ToList(),
        s.FirstSeen, s.LastSeen, s.FirstPublished, s.LastPublished);

    /// <summary>A story with its documents and a short extractive summary, or null.</summary>
    public StoryDetail? Detail(long storyId, int summarySentences = 3)
    {
        var s = Story(storyId);
        if (s is null) return null;
        var docs = _store.GetDocuments(s.Documents).OrderBy(d => d.Seq)
            .Select(d => new StoryDocument(d.Id, d.Title, d.Publisher ?? d.Source, d.Published, d.InferredPublished)).ToList();
        return new StoryDetail(View(s), docs, Summarize(s, summarySentences));
    }

    /// <summary>
    /// Extractive summary: the lead sentences of the story's documents, scored by cosine with the story
    /// centroid, best first, skipping sentences that repeat one already chosen.
    /// </summary>
    public IReadOnlyList<SummarySentence> Summarize(StoryRecord s, int count = 3)
    {
        if (_texts is null) return [];
        var cands = new List<SummarySentence>();
        double norm = Math.Sqrt(s.Centroid.Values.Sum(v => (double)v * v));
        if (norm == 0) return [];
        foreach (var id in s.Documents.Take(SummaryDocuments))
        {
            var text = _texts(id);
            if (text is null) continue;
            int pos = 0;
            foreach (var sent in TextTools.SentenceTexts(text).Where(x => x.Length > 40).Take(LeadSentences))
            {
                var counts = new Dictionary<ulong, int>();
                foreach (var w in TextTools.Words(sent))
                {
                    if (w.Lower.Length < 2 || TextTools.Stopwords.Contains(w.Lower)) continue;
                    var k = w.IsNumber ? TextTools.Hash(w.Lower, DocumentAnalysis.NumberSpace) : TextTools.Hash(TextTools.Stem(w.Lower), DocumentAnalysis.TermSpace);
                    counts[k] = counts.GetValueOrDefault(k) + 1;
                }
                double dot = 0, n2 = 0;
                foreach (var (k, c) in counts) { double x = 1 + Math.Log(c); n2 += x * x; if (s.Centroid.TryGetValue(k, out var y)) dot += x * y; }
                // a small bonus for the very first sentence: news leads summarise
                double score = n2 == 0 ? 0 : dot / (Math.Sqrt(n2) * norm) * (pos == 0 ? 1.1 : 1.0);
                cands.Add(new SummarySentence(id, sent, score));
                pos++;
            }
        }
        var chosen = new List<(SummarySentence S, SentenceInfo I)>();
        foreach (var c in cands.OrderByDescending(c => c.Score))
        {
            var info = new SentenceInfo(c.Text);
            if (chosen.Any(x => Overlap(x.I, info) >= SummaryRedundancy)) continue;
            chosen.Add((c, info));
            if (chosen.Count == count) break;
        }
        return chosen.Select(x => x.S).ToList();
    }

    private static double Overlap(SentenceInfo a, SentenceInfo b)
    {
        int inter = 0; foreach (var v in a.CharTrigrams) if (b.CharTrigrams.Contains(v)) inter++;
        int union = a.CharTrigrams.Count + b.CharTrigrams.Count - inter;
        return union == 0 ? 1 : (double)inter / union;
    }

    /// <summary>Re-estimates the publication date of an undated document from its story as it is now.</summary>
    public InferredDate? InferDate(long docId)
    {
        var d = _store.GetDocument(docId);
        if (d is null || d.Published is not null || _texts?.Invoke(docId) is not { } text) return null;
        var s = Story(d.StoryId);
        return s is null ? null : DateInference.Infer(text, s, _store);
    }
}
