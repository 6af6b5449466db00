using System.Text.Json.Serialization;
using Storyline.Core;
using Storyline.Stories.Index;
using Storyline.Stories.Rewrite;
using Storyline.Stories.Text;
using Storyline.Timeline;

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

/// <summary>
/// A story with its documents, summary, timeline, each side's claims and the contradictions between sides
/// (<c>story ID --json</c>; the web UI renders it too). A plain serialisable record.
/// </summary>
public sealed record StoryDetail(
    [property: JsonPropertyName("story")] StoryView Story,
    [property: JsonPropertyName("documents")] IReadOnlyList<StoryDocument> Documents,
    [property: JsonPropertyName("summary")] IReadOnlyList<SummarySentence> Summary,
    [property: JsonPropertyName("timeline")] IReadOnlyList<TimelineEntry> Timeline,
    [property: JsonPropertyName("claims")] IReadOnlyList<SideClaims> Claims,
    [property: JsonPropertyName("contradictions")] IReadOnlyList<ContradictionView> Contradictions);

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

    /// <summary>
    /// Loads a stored document with its annotations (sentences, times, events, quotes, claims); set by the service that
    /// wires the engine to a document store. Without it, <see cref="Detail"/> summarises from the indexed texts and has
    /// no timeline, claims or contradictions.
    /// </summary>
    public Func<long, Document?>? DocumentLoader { get; set; }

    /// <summary>Documents of a story read in full for its summary and roll-up at most: one per group of copies and versions, spread over the story's dates.</summary>
    public const int RollupDocuments = 40;
    /// <summary>Sentences of each document considered for a story summary when its sentences are known.</summary>
    public const int SummarySentencesPerDocument = 6;
    /// <summary>Content-word Jaccard (the shared sentence features) above which a summary sentence restates one already chosen.</summary>
    private const double SummaryContentRedundancy = 0.6;
    /// <summary>Shortest sentence (characters) a summary uses: shorter ones are headings, bylines, captions.</summary>
    private const int SummaryMinChars = 40;

    /// <summary>
    /// A story with its documents, a short extractive summary (3–5 sentences, by the story's size, unless
    /// <paramref name="summarySentences"/> says), its timeline, claims by side and contradictions, or null.
    /// Cost is bounded: at most <see cref="MaxGroup"/> documents are walked for copy/version groups and
    /// <see cref="RollupDocuments"/> are read in full, whatever the story's size.
    /// </summary>
    public StoryDetail? Detail(long storyId, int summarySentences = 0)
    {
        var s = Story(storyId);
        if (s is null) return null;
        var records = _store.GetDocuments(s.Documents).OrderBy(d => d.Seq).ToList();
        var docs = records.Select(d => new StoryDocument(d.Id, d.Title, d.Publisher ?? d.Source, d.Published, d.InferredPublished)).ToList();
        var reps = Representatives(records);
        int count = summarySentences > 0 ? summarySentences : reps.Count <= 3 ? 3 : reps.Count <= 8 ? 4 : 5;
        var loaded = new List<RollupDocument>();
        if (DocumentLoader is { } load)
            foreach (var r in reps)
                if (load(r.Id) is { } doc)
                {
                    var inf = r.InferredPublished is { } i ? new InferredAnchor(i.Earliest, i.Latest, i.Evidence) : null;
                    loaded.Add(new RollupDocument(doc, r.Publisher ?? r.Source, r.Published, inf));
                }
        if (loaded.Count == 0) return new StoryDetail(View(s), docs, Summarize(s, count), [], [], []);
        loaded = [.. StoryRollup.Order(loaded)];
        var infos = new Dictionary<string, SentenceInfo>(StringComparer.Ordinal);
        SentenceInfo Info(string text) => infos.TryGetValue(text, out var x) ? x : infos[text] = new SentenceInfo(text);
        double norm = CentroidNorm(s);
        var rollup = StoryRollup.Build(loaded, new RollupOptions
        {
            Centrality = text => Centrality(s, norm, text),
            NearDuplicate = (x, y) => Redundant(Info(x), Info(y)),
        });
        var summary = Summarize(s, loaded, count, Info);
        if (summary.Count == 0) summary = Summarize(s, count); // documents stored without the language layer have no sentences
        return new StoryDetail(View(s), docs, summary, rollup.Timeline, rollup.Claims, rollup.Contradictions);
    }

    /// <summary>
    /// One document per group of copies and versions (the earliest dated, then first seen), walking at most
    /// <see cref="MaxGroup"/> documents in date order (evenly spaced over the story when it has more); at most
    /// <see cref="RollupDocuments"/> kept, evenly spread over the walk so a long story's later developments are read too. Rewrites stay separate documents: their sentences
    /// are folded later as near-duplicates.
    /// </summary>
    private List<DocRecord> Representatives(IReadOnlyList<DocRecord> records)
    {
        var ordered = Spread(records.OrderBy(d => d.Published ?? d.InferredPublished?.Earliest ?? DateTimeOffset.MaxValue).ThenBy(d => d.Seq).ToList(), MaxGroup);
        var covered = new HashSet<long>();
        var reps = new List<DocRecord>();
        foreach (var d in ordered)
        {
            if (!covered.Add(d.Id)) continue;
            reps.Add(d);
            // the group's other members: copies and versions linked to it (direct links; chains are caught as they come)
            foreach (var l in _store.LinksOf(d.Id))
                if (l.Kind is LinkKind.Copy or LinkKind.Version) covered.Add(l.From == d.Id ? l.To : l.From);
        }
        return Spread(reps, RollupDocuments);
    }

    /// <summary>At most <paramref name="max"/> items evenly spaced over the list (first and last included), in order.</summary>
    private static List<T> Spread<T>(List<T> items, int max)
    {
        if (items.Count <= max) return items;
        var spread = new List<T>(max);
        for (int k = 0; k < max; k++) spread.Add(items[(int)((long)k * (items.Count - 1) / (max - 1))]);
        return spread;
    }

    /// <summary>
    /// Extractive summary from stored documents (one per group of copies and versions, date order): their first
    /// <see cref="SummarySentencesPerDocument"/> sentences as the shared splitter found them, scored by cosine with the story
    /// centroid (a small bonus for a lead sentence), best first, skipping any that restates a chosen one (same words,
    /// character trigrams or content words: the shared sentence features); then put in reading order (document date,
    /// position in the document).
    /// </summary>
    private static IReadOnlyList<SummarySentence> Summarize(StoryRecord s, IReadOnlyList<RollupDocument> docs, int count, Func<string, SentenceInfo> info)
    {
        double norm = CentroidNorm(s);
        if (norm == 0) return [];
        var cands = new List<(SummarySentence S, int Doc, int Pos)>();
        for (int di = 0; di < docs.Count && di < SummaryDocuments; di++)
        {
            var doc = docs[di].Doc;
            int pos = 0;
            foreach (var sent in doc.Sentences)
            {
                if (pos >= SummarySentencesPerDocument) break;
                if (sent.Start < 0 || sent.End > doc.Text.Length || sent.End <= sent.Start) continue;
                var text = doc.Text[sent.Start..sent.End].Trim();
                if (text.Length <= SummaryMinChars) continue;
                double score = Centrality(s, norm, text) * (pos == 0 ? 1.1 : 1.0);
                cands.Add((new SummarySentence(doc.Id, text, score), di, pos));
                pos++;
            }
        }
        var chosen = new List<(SummarySentence S, int Doc, int Pos, SentenceInfo I)>();
        foreach (var c in cands.OrderByDescending(c => c.S.Score).ThenBy(c => c.Doc).ThenBy(c => c.Pos))
        {
            var i = info(c.S.Text);
            if (chosen.Any(x => Redundant(x.I, i))) continue;
            chosen.Add((c.S, c.Doc, c.Pos, i));
            if (chosen.Count == count) break;
        }
        return chosen.OrderBy(x => x.Doc).ThenBy(x => x.Pos).Select(x => x.S).ToList();
    }

    /// <summary>Two sentences say the same thing: the same words, or character trigrams / content words overlapping past the thresholds.</summary>
    private static bool Redundant(SentenceInfo a, SentenceInfo b)
    {
        if (a.Key == b.Key || Overlap(a, b) >= SummaryRedundancy) return true;
        int inter = 0; foreach (var w in a.Content) if (b.Content.Contains(w)) inter++;
        int union = a.Content.Count + b.Content.Count - inter;
        return union > 0 && (double)inter / union >= SummaryContentRedundancy;
    }

    private static double CentroidNorm(StoryRecord s) => Math.Sqrt(s.Centroid.Values.Sum(v => (double)v * v));

    /// <summary>Cosine of a sentence's (log-scaled) term vector with the story centroid.</summary>
    private static double Centrality(StoryRecord s, double norm, string sentence)
    {
        if (norm == 0) return 0;
        var counts = new Dictionary<ulong, int>();
        foreach (var w in TextTools.Words(sentence))
        {
            if (w.Lower.Length < 2 || TextTools.Stopwords.Contains(w.Lower)) continue;
            var k = w.IsNumber ? TextTools.Hash(w.Lower, DocumentAnalysis.NumberSpace) : TextTools.Hash(TextTools.Stem(w.Lower), DocumentAnalysis.TermSpace);
            counts[k] = counts.GetValueOrDefault(k) + 1;
        }
        double dot = 0, n2 = 0;
        foreach (var (k, c) in counts) { double x = 1 + Math.Log(c); n2 += x * x; if (s.Centroid.TryGetValue(k, out var y)) dot += x * y; }
        return n2 == 0 ? 0 : dot / (Math.Sqrt(n2) * norm);
    }

    /// <summary>
    /// Extractive summary from the indexed texts alone (no document store wired): the lead sentences of the story's
    /// documents, scored by cosine with the story centroid, best first, skipping sentences that repeat one already chosen.
    /// </summary>
    public IReadOnlyList<SummarySentence> Summarize(StoryRecord s, int count = 3)
    {
        if (_texts is null) return [];
        var cands = new List<SummarySentence>();
        double norm = CentroidNorm(s);
        if (norm == 0) return [];
        foreach (var id in s.Documents.Take(SummaryDocuments))
        {
            var text = _texts(id);
            if (text is null) continue;
            int pos = 0;
            foreach (var sent in TextTools.SentenceTexts(text).Where(x => x.Length > SummaryMinChars).Take(LeadSentences))
            {
                // a small bonus for the very first sentence: news leads summarise
                double score = Centrality(s, norm, sent) * (pos == 0 ? 1.1 : 1.0);
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
