using Storyline.Core;
using Storyline.Stories.Dedup;
using Storyline.Stories.Index;
using Storyline.Stories.Rewrite;

namespace Storyline.Stories.Engine;

/// <summary>What happened to one document on arrival.</summary>
public sealed record IngestResult(long DocId, long StoryId, bool NewStory, double StoryScore,
    IReadOnlyList<DocLink> Links, IReadOnlyList<long> MergedStories, InferredDate? InferredPublished, long? SplitOff = null);

/// <summary>
/// The online story engine: each document, in arrival order, is checked for exact and near copies
/// (MinHash + banded LSH), versions (same URL or same source, changed), rewrites (sentence alignment
/// with the paraphrase classifier) and then joins a story or starts one (TDT-style single pass:
/// candidates from an inverted index of heavy terms and names; the learned <see cref="StoryJoinModel"/>
/// scores each candidate story from TF-IDF similarity with incremental IDF, shared lead and main names,
/// years and dates; without the model file, cosine to the centroid damped by time distance). Work per
/// document is bounded by the posting scan and candidate limits, so the cost does not grow with the store.
/// Not thread-safe for writes: call <see cref="Add"/> / <see cref="AddBatch"/> from one thread.
/// </summary>
public sealed partial class StoryEngine
{
    private readonly IStoryIndexStore _store;
    private readonly TextSource? _texts;
    private readonly StoryOptions _o;
    private readonly MinHasher _hasher;
    private readonly Lazy<ParaphraseClassifier> _classifier;
    private readonly StoryJoinModel? _join;
    private long _seq;

    // Stories read during one batch, by id (null: known missing). Each document reads its candidates' stories several
    // times (merges resolved, scored, updated); within a batch (one transaction, holding the index lock where the index
    // is shared) nobody else changes them, so each is read and decoded once. Outside a batch reads go to the store.
    private Dictionary<long, StoryRecord?>? _storyCache;

    // Texts of documents this engine added recently, by content hash (a record's hash names the text it was made from):
    // the rewrite check aligns a new document with earlier ones, and reading their text is a round trip on a remote store.
    private readonly Dictionary<string, string> _recentTexts = new(StringComparer.Ordinal);
    private const int RecentTextLimit = 4096;

    /// <summary>The text of an earlier document: from this engine's recent texts, else from the text source.</summary>
    private string? TextOf(DocRecord c) =>
        c.ContentHash.Length > 0 && _recentTexts.TryGetValue(c.ContentHash, out var t) ? t : _texts?.Invoke(c.Id);

    /// <param name="joinModel">The join model; default <see cref="StoryJoinModel.Default"/> when <see cref="StoryOptions.UseJoinModel"/>.</param>
    public StoryEngine(IStoryIndexStore store, TextSource? texts = null, StoryOptions? options = null, ParaphraseClassifier? classifier = null,
        StoryJoinModel? joinModel = null)
    {
        _store = store;
        _texts = texts ?? (store is InMemoryStoryIndexStore mem ? mem.GetText : null);
        _o = options ?? new StoryOptions();
        _hasher = new MinHasher(_o.Dedup);
        _seq = store.DocumentCount;
        _join = joinModel ?? (_o.UseJoinModel ? StoryJoinModel.Default : null);
        // the features follow the model: lead embeddings are computed exactly when the join model was trained with them
        if (_join is not null && _join.UsesLeadEmbeddings != _o.UseLeadEmbeddings) _o = _o with { UseLeadEmbeddings = _join.UsesLeadEmbeddings };
        _classifier = classifier is not null ? new(classifier) : new(() => ParaphraseClassifier.Default);
    }

    public IStoryIndexStore Store => _store;

    /// <summary>CPU time spent by <see cref="AddBatch"/> in text analysis (summed over threads) and in the serial index/story updates.</summary>
    public TimeSpan AnalysisTime { get; private set; }
    public TimeSpan IngestTime { get; private set; }
    public StoryOptions Options => _o;

    /// <summary>Adds one document (its <see cref="Document.Id"/> must be set and unique).</summary>
    public IngestResult Add(Document doc)
    {
        using var cache = BatchCache();
        return Ingest(DocumentAnalysis.Analyse(doc, doc.Id, _hasher, _o));
    }

    /// <summary>Starts the story cache for one batch; disposing it ends the cache (nested calls share the outer one).</summary>
    private CacheScope BatchCache()
    {
        if (_storyCache is not null) return new CacheScope(null);
        _storyCache = [];
        return new CacheScope(this);
    }

    private readonly struct CacheScope(StoryEngine? owner) : IDisposable
    {
        public void Dispose() { if (owner is not null) owner._storyCache = null; }
    }

    /// <summary>A story by id, through the batch cache.</summary>
    private StoryRecord? GetStory(long id)
    {
        if (_storyCache is null) return _store.GetStory(id);
        if (!_storyCache.TryGetValue(id, out var s)) _storyCache[id] = s = _store.GetStory(id);
        return s;
    }

    /// <summary>Stores stories and keeps the batch cache in step.</summary>
    private void PutStories(IReadOnlyList<StoryRecord> stories)
    {
        _store.PutStories(stories);
        if (_storyCache is not null) foreach (var s in stories) _storyCache[s.Id] = s;
    }

    /// <summary>
    /// Reads the live stories of the given story ids into the batch cache in as few store calls as merge chains are
    /// long (one, usually), instead of one call per id and per merge step.
    /// </summary>
    private void PrefetchStories(IEnumerable<long> storyIds)
    {
        if (_storyCache is null) return;
        var want = new HashSet<long>(storyIds.Where(id => id != 0));
        for (int guard = 0; guard < 64 && want.Count > 0; guard++)
        {
            var missing = want.Where(id => !_storyCache.ContainsKey(id)).ToList();
            if (missing.Count > 0)
            {
                foreach (var id in missing) _storyCache[id] = null;
                foreach (var st in _store.GetStories(missing)) _storyCache[st.Id] = st;
            }
            var next = new HashSet<long>();
            foreach (var id in want)
                if (_storyCache[id]?.MergedInto is { } m && !_storyCache.ContainsKey(m)) next.Add(m);
            want = next;
        }
    }

    /// <summary>
    /// Adds documents in order. Text analysis (pure) runs on worker threads ahead of the serial store updates, which
    /// consume the analyses in order; when the next analysis is not ready the serial thread analyses a pending document
    /// itself instead of waiting, so both cores stay busy.
    /// </summary>
    public IReadOnlyList<IngestResult> AddBatch(IReadOnlyList<Document> docs)
    {
        int n = docs.Count;
        // Another process may have added documents to a shared index since this engine last looked (workers on one
        // PostgreSQL database; the caller holds the index's lock): continue the sequence after theirs.
        _seq = Math.Max(_seq, _store.DocumentCount);
        using var cache = BatchCache();
        var analyses = new DocumentAnalysis?[n];
        var results = new IngestResult[n];
        int next = -1; // last index claimed for analysis
        long analysisMicros = 0;
        void AnalyseOne(int i)
        {
            double t = ThreadCpu.Seconds();
            Volatile.Write(ref analyses[i], DocumentAnalysis.Analyse(docs[i], docs[i].Id, _hasher, _o));
            Interlocked.Add(ref analysisMicros, (long)((ThreadCpu.Seconds() - t) * 1e6));
        }
        int workers = Math.Max(1, Environment.ProcessorCount - 1);
        var tasks = new Task[workers];
        for (int w = 0; w < workers; w++)
            tasks[w] = Task.Run(() => { int i; while ((i = Interlocked.Increment(ref next)) < n) AnalyseOne(i); });
        double ingestSeconds = 0;
        try
        {
            for (int i = 0; i < n; i++)
            {
                var spin = new SpinWait();
                DocumentAnalysis? a;
                while ((a = Volatile.Read(ref analyses[i])) is null)
                {
                    int mine = Volatile.Read(ref next) < n - 1 ? Interlocked.Increment(ref next) : n;
                    if (mine < n) AnalyseOne(mine);
                    else if (tasks.All(t => t.IsCompleted) && Volatile.Read(ref analyses[i]) is null)
                        Task.WaitAll(tasks); // a worker failed: surface its exception
                    else spin.SpinOnce();
                }
                double t1 = ThreadCpu.Seconds();
                results[i] = Ingest(a);
                ingestSeconds += ThreadCpu.Seconds() - t1;
            }
        }
        finally { Task.WaitAll(tasks); }
        AnalysisTime += TimeSpan.FromSeconds(analysisMicros / 1e6);
        IngestTime += TimeSpan.FromSeconds(ingestSeconds);
        return results;
    }

    /// <summary>
    /// Analyses documents (pure text work, on all cores) without touching the index, so a process that shares the
    /// index with others can do it before taking the index's lock and hold the lock only for the store updates.
    /// </summary>
    public DocumentAnalysis[] Analyse(IReadOnlyList<Document> docs)
    {
        var analyses = new DocumentAnalysis[docs.Count];
        Parallel.For(0, docs.Count, i => analyses[i] = DocumentAnalysis.Analyse(docs[i], docs[i].Id, _hasher, _o));
        return analyses;
    }

    /// <summary>
    /// Tells a remote store (<see cref="IStoryIndexPrefetch"/>) what the open batch will look up for these documents, so it
    /// reads whether they are indexed and their exact-copy, URL, bucket and document-frequency lookups in one round trip.
    /// </summary>
    public void Prefetch(IReadOnlyList<DocumentAnalysis> analyses) =>
        (_store as IStoryIndexPrefetch)?.Prefetch([.. analyses.Select(a => a.Id)], [.. analyses.Select(a => a.ContentHash)],
            [.. analyses.Select(a => a.Url).OfType<string>().Where(u => u.Length > 0)],
            [.. analyses.SelectMany(a => a.BandKeys)], _o.Dedup.MaxBucketScan, [.. analyses.SelectMany(a => a.TermKeys)]);

    /// <summary>
    /// Adds documents already analysed (by <see cref="DocumentAnalysis.Analyse"/> with this engine's options): lets
    /// evaluation and training replay one corpus many times without analysing it again.
    /// </summary>
    public IReadOnlyList<IngestResult> AddAnalysed(IReadOnlyList<DocumentAnalysis> analyses)
    {
        _seq = Math.Max(_seq, _store.DocumentCount); // as in AddBatch: other processes may share the index
        using var cache = BatchCache();
        Prefetch(analyses);
        var results = new IngestResult[analyses.Count];
        for (int i = 0; i < analyses.Count; i++) results[i] = Ingest(analyses[i]);
        return results;
    }

    private IngestResult Ingest(DocumentAnalysis a)
    {
        using var cache = BatchCache();
        if (a.Id == 0) throw new ArgumentException("Document.Id must be set before the story engine sees it", nameof(a));
        if (_store is InMemoryStoryIndexStore mem) mem.PutText(a.Id, a.Document.Text);
        if (_texts is not null && a.ContentHash.Length > 0)
        {
            if (_recentTexts.Count >= RecentTextLimit) _recentTexts.Clear();
            _recentTexts[a.ContentHash] = a.Document.Text;
        }
        long seq = ++_seq;
        var links = new List<DocLink>();
        // 1. exact copies and versions by URL
        var exact = _store.DocumentsByContentHash(a.ContentHash);
        long? exactOf = exact.Count > 0 ? exact[0] : null;
        if (exactOf is { } e) links.Add(new DocLink(a.Id, e, LinkKind.Copy, 1.0, "exact"));
        if (a.Url is { Length: > 0 } url && exactOf is null)
        {
            var same = _store.DocumentsByUrl(url);
            if (same.Count > 0) links.Add(new DocLink(a.Id, same[^1], LinkKind.Version, 1.0, "same url"));
        }
        // 2. near copies from LSH buckets
        if (exactOf is null)
        {
            var cands = _store.QueryBuckets(a.BandKeys, _o.Dedup.MaxBucketScan);
            DocLink? best = null; long bestSeq = long.MaxValue;
            foreach (var c in _store.GetDocuments(cands))
            {
                var sigC = new MinHashSignature(c.Signature, c.ShingleCount);
                double j = MinHasher.Jaccard(a.Signature, sigC);
                var (newInOld, oldInNew) = MinHasher.Containment(a.Signature, sigC, j);
                double sizeRatio = (double)Math.Min(a.Signature.ShingleCount, c.ShingleCount) / Math.Max(1, Math.Max(a.Signature.ShingleCount, c.ShingleCount));
                double cont = Math.Max(newInOld, oldInNew);
                bool copy = j >= _o.Dedup.CopyJaccard || (cont >= _o.Dedup.CopyContainment && sizeRatio >= _o.Dedup.MinSizeRatio);
                if (!copy) continue;
                double score = Math.Max(j, cont);
                bool sameSource = a.Source is not null && string.Equals(a.Source, c.Source, StringComparison.OrdinalIgnoreCase);
                var kind = sameSource || links.Any(l => l.Kind == LinkKind.Version && l.To == c.Id) ? LinkKind.Version : LinkKind.Copy;
                var detail = FormattableString.Invariant($"jaccard {j:F2}, containment {cont:F2}");
                if (best is null || score > best.Score || (score == best.Score && c.Seq < bestSeq))
                { best = new DocLink(a.Id, c.Id, kind, score, detail); bestSeq = c.Seq; }
            }
            if (best is not null)
            {
                links.RemoveAll(l => l.Kind == LinkKind.Version && l.To == best.To);
                links.Add(best);
            }
        }
        // 3. term sketch with incremental IDF
        var (keys, weights) = Sketch(a);
        // 4. topical candidates
        var postKeys = PostingKeys(a, keys);
        var hits = _store.QueryPostings(postKeys, _o.MaxPostingScan);
        var candIds = TopCandidates(hits, _o.CandidateDocuments);
        var candDocs = _store.GetDocuments(candIds);
        PrefetchStories(candDocs.Select(c => c.StoryId));
        Dictionary<ulong, float>? vec = null;
        Dictionary<ulong, float> DocVec()
        {
            if (vec is not null) return vec;
            vec = new Dictionary<ulong, float>(keys.Length);
            for (int i = 0; i < keys.Length; i++) vec[keys[i]] = weights[i];
            return vec;
        }
        // each candidate's cosine once: used by the rewrite check and by story scoring
        var candCos = new double[candDocs.Count];
        if (Single)
        {
            var table = new SketchTable(keys, weights);
            for (int i = 0; i < candDocs.Count; i++) candCos[i] = table.Dot(candDocs[i].TermKeys, candDocs[i].TermWeights);
        }
        else for (int i = 0; i < candDocs.Count; i++) candCos[i] = Cosine(DocVec(), candDocs[i]);
        // 5. rewrites: aligned sentence by sentence with the most similar earlier documents
        bool hasCopy = links.Any(l => l.Kind is LinkKind.Copy or LinkKind.Version);
        if (!hasCopy && _texts is not null)
        {
            var similar = candDocs.Select((c, i) => (Doc: c, Cos: candCos[i]))
                .Where(x => x.Cos >= _o.RewriteMinCosine).OrderByDescending(x => x.Cos).Take(_o.RewriteCandidates);
            DocLink? best = null;
            List<SentenceInfo>? mine = null;
            foreach (var (c, cos) in similar)
            {
                var old = TextOf(c);
                if (old is null) continue;
                mine ??= SentenceAligner.Prepare(a.Document.Text, _o.Align);
                var al = SentenceAligner.Align(SentenceAligner.Prepare(old, _o.Align), mine, _classifier.Value, _o.Align);
                if (!SentenceAligner.IsRewrite(al, _o.Align)) continue;
                if (al.Reworded == 0) continue; // all sentences identical yet no MinHash match: too short to call
                var detail = FormattableString.Invariant($"same {al.Same}, reworded {al.Reworded}, added {al.Added}, dropped {al.Dropped}");
                bool sameSource = a.Source is not null && string.Equals(a.Source, c.Source, StringComparison.OrdinalIgnoreCase);
                if (best is null || al.RewriteScore > best.Score)
                    best = new DocLink(a.Id, c.Id, sameSource && al.Same > al.Reworded ? LinkKind.Version : LinkKind.Rewrite, al.RewriteScore, detail);
                // the most similar candidate that aligns as a rewrite is taken: further alignments cost more than they add
                break;
            }
            if (best is not null) links.Add(best);
        }
        // 6. story: copies, versions and rewrites land in their original's story; else cluster
        long storyId = 0; bool newStory = false; double storyScore = 0;
        var merged = new List<long>();
        var anchor = links.OrderBy(l => l.Kind == LinkKind.Copy ? 0 : l.Kind == LinkKind.Version ? 1 : 2).ThenByDescending(l => l.Score).FirstOrDefault();
        if (anchor is not null && _store.GetDocument(anchor.To) is { } target)
        {
            storyId = Resolve(target.StoryId);
            storyScore = anchor.Score;
        }
        var published = a.Published;
        var when = published ?? (_o.UseTextDates ? a.TextDate : null);
        var rec = new DocRecord
        {
            Id = a.Id, Seq = seq, Signature = a.Signature.Values, ShingleCount = a.Signature.ShingleCount,
            TermKeys = keys, TermWeights = weights, EntityKeys = a.EntityKeys, Numbers = a.Numbers, QuoteKeys = a.QuoteKeys,
            SentenceCount = a.SentenceCount, Published = published, SeenAt = a.SeenAt, Publisher = a.Publisher, Source = a.Source,
            Title = a.Title, Url = a.Url, ContentHash = a.ContentHash, CreditedTo = a.CreditedTo,
            LeadNameKeys = a.LeadNameKeys, LatestYear = a.LatestYear, When = when, LeadEmbedding = a.LeadEmbedding,
        };
        string? gold = Teacher?.Invoke(a.Id);
        if (storyId == 0 && (_join is not null || gold is not null))
        {
            var scored = ScoreStoriesModel(_join, new DocView(keys, weights, a), candDocs, candCos, when);
            if (gold is not null)
                foreach (var (sid, x) in _storyRows) TrainingRows?.Add((x, MajorityGold(sid) == gold));
            if (gold is not null && TeacherForces) storyId = _goldStory.GetValueOrDefault(gold);
            else if (scored.Count > 0 && scored[0].P >= (_o.JoinProbability ?? _join!.Data.JoinProbability))
            {
                storyId = scored[0].Story.Id; storyScore = scored[0].P;
                foreach (var (s, p) in scored.Skip(1))
                    if (p >= _o.MergeProbability) merged.Add(s.Id);
            }
        }
        else if (storyId == 0)
        {
            var scored = ScoreStories(DocVec(), candDocs, candCos, when);
            if (scored.Count > 0 && scored[0].Score >= _o.JoinThreshold)
            {
                storyId = scored[0].Story.Id; storyScore = scored[0].Score;
                foreach (var (s, sc) in scored.Skip(1))
                    if (sc >= _o.MergeThreshold) { merged.Add(s.Id); }
            }
        }
        StoryRecord story;
        if (storyId == 0)
        {
            newStory = true;
            story = new StoryRecord { Id = _store.NewStoryId(), Title = TitleOf(a), FirstSeen = a.SeenAt, LastSeen = a.SeenAt };
            storyId = story.Id;
        }
        else story = GetStory(storyId)!;
        if (gold is not null) NoteGold(storyId, gold);

        foreach (var m in merged) MergeInto(story, m);
        // 7. store the document and update the story
        rec.StoryId = storyId;
        AddToStory(story, rec, a);
        // stories that turn out to be one: the updated story is compared with the other candidate stories
        if (_o.StoryMergeThreshold < 1)
        {
            var others = new HashSet<long>();
            foreach (var c in candDocs) { long sid = Resolve(c.StoryId); if (sid != story.Id) others.Add(sid); }
            foreach (var sid in others)
            {
                var t = GetStory(sid);
                if (t is null || t.MergedInto is not null) continue;
                double gap = TimeGapDays(story.FirstPublished, t);
                if (!double.IsNaN(gap) && gap > _o.TimeScaleDays) continue;
                if (CentroidCosine(story, t) >= _o.StoryMergeThreshold) { MergeInto(story, sid); merged.Add(sid); }
            }
        }
        InferredDate? inferred = null;
        if (published is null)
        {
            inferred = DateInference.Infer(a.Document.Text, story, _store);
            rec.InferredPublished = inferred;
        }
        _store.PutDocuments([rec]);
        PutStories([story]);
        long splitOff = Teacher is null ? MaybeSplit(story) : 0;
        if (splitOff != 0 && _store.GetDocument(a.Id) is { } moved) storyId = moved.StoryId;
        var bucketEntries = new (ulong, long)[a.BandKeys.Length];
        for (int i = 0; i < a.BandKeys.Length; i++) bucketEntries[i] = (a.BandKeys[i], a.Id);
        _store.AddBuckets(bucketEntries);
        _store.AddPostings(postKeys.Select(k => (k, a.Id)).ToList());
        if (links.Count > 0) _store.AddLinks(links);
        return new IngestResult(a.Id, storyId, newStory, storyScore, links, merged, inferred, splitOff == 0 ? null : splitOff);
    }

    /// <summary>The documents sharing most keys (ties: the most recent), at most <paramref name="n"/>, best first.</summary>
    private static List<long> TopCandidates(IReadOnlyDictionary<long, int> hits, int n)
    {
        if (hits.Count == 0) return [];
        // a histogram of shared-key counts finds the cut-off count in one pass (counts are small integers)
        int max = 0;
        foreach (var h in hits.Values) if (h > max) max = h;
        var hist = new int[max + 2];
        foreach (var h in hits.Values) hist[h]++;
        int cut = max, above = 0;
        while (cut > 1 && above + hist[cut] < n) { above += hist[cut]; cut--; }
        var picked = new List<(int H, long Id)>(Math.Min(hits.Count, n + hist[cut]));
        foreach (var (id, h) in hits) if (h >= cut) picked.Add((h, id));
        picked.Sort((x, y) => x.H != y.H ? y.H.CompareTo(x.H) : y.Id.CompareTo(x.Id));
        var list = new List<long>(Math.Min(n, picked.Count));
        for (int i = 0; i < picked.Count && list.Count < n; i++) list.Add(picked[i].Id);
        return list;
    }

    /// <summary>Keys a document is found by: its heaviest terms and its names.</summary>
    private List<ulong> PostingKeys(DocumentAnalysis a, ulong[] sketchKeys)
    {
        var keys = new List<ulong>(_o.PostedTerms + _o.PostedNames);
        keys.AddRange(sketchKeys.Take(_o.PostedTerms));
        foreach (var e in a.EntityKeys.Take(_o.PostedNames)) if (!keys.Contains(e)) keys.Add(e);
        return keys;
    }

    /// <summary>Whether a key belongs to the entity channel (names, numbers) rather than the word channel.</summary>
    private static bool IsEntity(ulong key) => Text.TextTools.SpaceOf(key) is DocumentAnalysis.NameSpace or DocumentAnalysis.NumberSpace;

    /// <summary>
    /// TF-IDF sketch: sublinear tf × smoothed IDF from the store's running document frequencies (plus the
    /// background prior); the heaviest words and the heaviest names/numbers, each channel L2-normalised on its own.
    /// </summary>
    private (ulong[] Keys, float[] Weights) Sketch(DocumentAnalysis a)
    {
        var keys = a.TermKeys;
        var df = new int[keys.Length];
        _store.GetDocumentFrequencies(keys, df);
        double n = _store.DocumentCount + 1 + BackgroundIdf.DocumentCount(_o);
        var w = new (ulong Key, double W)[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            double d = df[i] + a.BackgroundDf[i];
            double idf = Math.Log((n + 1) / (d + 1)) + 1;
            w[i] = (keys[i], a.TermTf[i] * (_o.IdfPower == 1 ? idf : Math.Pow(idf, _o.IdfPower)));
        }
        _store.AddDocumentFrequencies(keys);
        Array.Sort(w, HeaviestFirst.Instance);
        // heaviest first: words up to SketchTerms, names/numbers up to SketchEntities, in one pass
        var rk = new List<ulong>(_o.SketchTerms + _o.SketchEntities); var raw = new List<double>(rk.Capacity);
        int nWords = 0, nEnts = 0; double nw = 0, ne = 0;
        foreach (var (key, weight) in w)
        {
            bool ent = IsEntity(key);
            if (ent ? nEnts >= _o.SketchEntities : nWords >= _o.SketchTerms) continue;
            if (ent) { nEnts++; ne += weight * weight; } else { nWords++; nw += weight * weight; }
            rk.Add(key); raw.Add(weight);
            if (nWords >= _o.SketchTerms && nEnts >= _o.SketchEntities) break;
        }
        nw = Math.Sqrt(nw); ne = Math.Sqrt(ne);
        double all = Math.Sqrt(nw * nw + ne * ne);
        var rw = new float[rk.Count];
        for (int i = 0; i < rk.Count; i++)
        {
            double norm = Single ? all : IsEntity(rk[i]) ? ne : nw;
            rw[i] = (float)(norm == 0 ? 0 : raw[i] / norm);
        }
        return (rk.ToArray(), rw);
    }

    /// <summary>Sketch order: heavier first, then by key (deterministic).</summary>
    private sealed class HeaviestFirst : IComparer<(ulong Key, double W)>
    {
        public static readonly HeaviestFirst Instance = new();
        public int Compare((ulong Key, double W) x, (ulong Key, double W) y) { int c = y.W.CompareTo(x.W); return c != 0 ? c : x.Key.CompareTo(y.Key); }
    }

    /// <summary>Two-channel similarity: word cosine and name/number cosine, mixed by <see cref="StoryOptions.EntityWeight"/>.</summary>
    private double Mix(double words, double ents, bool hasEnts) =>
        Single ? words + ents : hasEnts ? (1 - _o.EntityWeight) * words + _o.EntityWeight * ents : words;

    /// <summary>One vector for words and names together, or two channels mixed by weight.</summary>
    private bool Single => !_o.TwoChannels;

    private double Cosine(Dictionary<ulong, float> v, DocRecord d)
    {
        double dw = 0, de = 0; bool he = false;
        for (int i = 0; i < d.TermKeys.Length; i++)
            if (v.TryGetValue(d.TermKeys[i], out var x))
            {
                if (IsEntity(d.TermKeys[i])) de += x * d.TermWeights[i]; else dw += x * d.TermWeights[i];
            }
        if (Single) return dw + de;
        foreach (var k in v.Keys) if (IsEntity(k)) { he = true; break; }
        return Mix(dw, de, he);
    }

    private double CosineToCentroid(Dictionary<ulong, float> v, StoryRecord s)
    {
        double dw = 0, de = 0; bool he = false;
        EnsureNorms(s);
        var cn = s.CentroidNorm2;
        double nw = cn[DocumentAnalysis.TermSpace] + cn[DocumentAnalysis.QuoteSpace], ne = cn[DocumentAnalysis.NameSpace] + cn[DocumentAnalysis.NumberSpace];
        foreach (var (k, x) in v)
        {
            bool e = IsEntity(k); he |= e;
            if (s.Centroid.TryGetValue(k, out var y)) { if (e) de += x * y; else dw += x * y; }
        }
        if (Single) return nw + ne == 0 ? 0 : (dw + de) / Math.Sqrt(nw + ne);
        return Mix(nw == 0 ? 0 : dw / Math.Sqrt(nw), ne == 0 ? 0 : de / Math.Sqrt(ne), he);
    }

    private double CentroidCosine(StoryRecord a, StoryRecord b)
    {
        double naw = 0, nae = 0, nbw = 0, nbe = 0, dw = 0, de = 0;
        foreach (var (k, x) in a.Centroid) if (IsEntity(k)) nae += x * x; else naw += x * x;
        foreach (var (k, y) in b.Centroid)
        {
            bool e = IsEntity(k);
            if (e) nbe += y * y; else nbw += y * y;
            if (a.Centroid.TryGetValue(k, out var x)) { if (e) de += x * y; else dw += x * y; }
        }
        if (Single) { double na = naw + nae, nb = nbw + nbe; return na * nb == 0 ? 0 : (dw + de) / Math.Sqrt(na * nb); }
        double cw = naw * nbw == 0 ? 0 : dw / Math.Sqrt(naw * nbw), ce = nae * nbe == 0 ? 0 : de / Math.Sqrt(nae * nbe);
        return Mix(cw, ce, nae > 0 && nbe > 0);
    }

    private List<(StoryRecord Story, double Score)> ScoreStories(Dictionary<ulong, float> docVec, IReadOnlyList<DocRecord> candDocs, double[] candCos, DateTimeOffset? published)
    {
        var best = new Dictionary<long, double>();
        for (int k = 0; k < candDocs.Count; k++)
        {
            var c = candDocs[k];
            long sid = Resolve(c.StoryId);
            double cos = candCos[k];
            best[sid] = Math.Max(best.GetValueOrDefault(sid), cos);
        }
        var result = new List<(StoryRecord, double)>();
        foreach (var (sid, memberCos) in best)
        {
            var s = GetStory(sid);
            if (s is null) continue;
            double gap = TimeGapDays(published, s);
            if (gap > _o.ActiveWindowDays) continue;
            double cos = CosineToCentroid(docVec, s);
            double sim = (1 - _o.MemberWeight) * cos + _o.MemberWeight * memberCos;
            double time = double.IsNaN(gap) ? 1 : _o.TimeFloor + (1 - _o.TimeFloor) * Math.Exp(-gap / _o.TimeScaleDays);
            result.Add((s, sim * time));
        }
        result.Sort((x, y) => y.Item2.CompareTo(x.Item2));
        return result;
    }

    /// <summary>Days between a date and a story's published range; NaN when either is unknown.</summary>
    private static double TimeGapDays(DateTimeOffset? d, StoryRecord s)
    {
        if (d is null || s.FirstPublished is null || s.LastPublished is null) return double.NaN;
        if (d < s.FirstPublished) return (s.FirstPublished.Value - d.Value).TotalDays;
        if (d > s.LastPublished) return (d.Value - s.LastPublished.Value).TotalDays;
        return 0;
    }

    private void AddToStory(StoryRecord s, DocRecord d, DocumentAnalysis a)
    {
        s.Documents.Add(d.Id);
        EnsureNorms(s);
        var norm2 = s.CentroidNorm2;
        for (int i = 0; i < d.TermKeys.Length; i++)
        {
            float old = s.Centroid.GetValueOrDefault(d.TermKeys[i]), now = old + d.TermWeights[i];
            s.Centroid[d.TermKeys[i]] = now;
            norm2[Text.TextTools.SpaceOf(d.TermKeys[i])] += (double)now * now - (double)old * old;
        }
        if (s.Centroid.Count > PruneFactor * _o.CentroidTerms) { Prune(s.Centroid, _o.CentroidTerms); RecomputeNorms(s); }
        CountMember(s, d);
        if (s.Entities.Count > PruneFactor * _o.CentroidTerms) Prune(s.Entities, _o.CentroidTerms);
        UpdateTopEntities(s, d.EntityKeys);
        if (string.IsNullOrEmpty(s.Title)) s.Title = TitleOf(a);
    }

    /// <summary>Counts a member in its story's aggregates other than the centroid: names, year, source, dates, arrival.</summary>
    private static void CountMember(StoryRecord s, DocRecord d)
    {
        foreach (var e in d.EntityKeys) s.Entities[e] = s.Entities.GetValueOrDefault(e) + 1;
        if (d.LatestYear is { } y) s.Years[y] = s.Years.GetValueOrDefault(y) + 1;
        if ((d.Publisher ?? d.Source) is { } src) s.Sources.Add(src);
        if (d.When is { } w)
        {
            if (s.FirstPublished is null || w < s.FirstPublished) s.FirstPublished = w;
            if (s.LastPublished is null || w > s.LastPublished) s.LastPublished = w;
        }
        if (d.SeenAt < s.FirstSeen) s.FirstSeen = d.SeenAt;
        if (d.SeenAt > s.LastSeen) s.LastSeen = d.SeenAt;
        s.LastSeq = Math.Max(s.LastSeq, d.Seq);
    }

    /// <summary>A centroid is pruned back to its size limit once it holds this many times as many terms (amortises the sort).</summary>
    private const int PruneFactor = 3;

    private static void Prune<T>(Dictionary<ulong, T> d, int keep) where T : IComparable<T>
    {
        var vals = d.Values.ToArray();
        Array.Sort(vals);
        var cut = vals[vals.Length - keep]; // keep entries >= the keep-th largest
        var drop = new List<ulong>(d.Count - keep);
        foreach (var (k, v) in d) if (v.CompareTo(cut) < 0) drop.Add(k);
        foreach (var k in drop) d.Remove(k);
    }

    /// <summary>Merges story <paramref name="otherId"/> into <paramref name="into"/>: members move, the other is marked merged.</summary>
    private void MergeInto(StoryRecord into, long otherId)
    {
        var other = GetStory(otherId);
        if (other is null || other.Id == into.Id || other.MergedInto is not null) return;
        foreach (var (k, v) in other.Centroid) into.Centroid[k] = into.Centroid.GetValueOrDefault(k) + v;
        if (into.Centroid.Count > 2 * _o.CentroidTerms) Prune(into.Centroid, _o.CentroidTerms);
        RecomputeNorms(into);
        foreach (var (k, v) in other.Entities) into.Entities[k] = into.Entities.GetValueOrDefault(k) + v;
        UpdateTopEntities(into, other.TopEntities);
        foreach (var (y, c) in other.Years) into.Years[y] = into.Years.GetValueOrDefault(y) + c;
        into.Sources.UnionWith(other.Sources);
        if (other.FirstPublished is { } f && (into.FirstPublished is null || f < into.FirstPublished)) into.FirstPublished = f;
        if (other.LastPublished is { } l && (into.LastPublished is null || l > into.LastPublished)) into.LastPublished = l;
        if (other.FirstSeen < into.FirstSeen) into.FirstSeen = other.FirstSeen;
        if (other.LastSeen > into.LastSeen) into.LastSeen = other.LastSeen;
        var moved = _store.GetDocuments(other.Documents);
        foreach (var d in moved) d.StoryId = into.Id;
        _store.PutDocuments(moved);
        into.Documents.AddRange(other.Documents);
        other.MergedInto = into.Id;
        other.Documents.Clear(); other.Centroid.Clear(); other.Entities.Clear(); other.Years.Clear();
        other.CentroidNorm2 = new double[4]; other.TopEntities = [];
        PutStories([other, into]);
    }

    private static string TitleOf(DocumentAnalysis a)
    {
        if (a.Title is { Length: > 0 } t) return t;
        var first = Text.TextTools.SentenceTexts(a.Document.Text).FirstOrDefault() ?? "";
        const int MaxTitle = 120;
        return first.Length > MaxTitle ? first[..MaxTitle].TrimEnd() + "…" : first;
    }

    /// <summary>Follows merges to the live story id.</summary>
    public long Resolve(long storyId)
    {
        for (int guard = 0; guard < 64 && storyId != 0; guard++)
        {
            var s = GetStory(storyId);
            if (s?.MergedInto is not { } next) return storyId;
            storyId = next;
        }
        return storyId;
    }

    /// <summary>The live story of a document, or null.</summary>
    public StoryRecord? StoryOf(long docId) =>
        _store.GetDocument(docId) is { } d ? _store.GetStory(Resolve(d.StoryId)) : null;

    public StoryRecord? Story(long storyId) => _store.GetStory(Resolve(storyId));
}
