namespace Storyline.Stories.Index;

/// <summary>
/// <see cref="IStoryIndexStore"/> in memory, for evaluation, benchmarks and tests. Posting and bucket
/// lists keep only their most recent entries (<see cref="MaxListLength"/>), so hot keys stay bounded.
/// Optionally keeps document texts so it can also serve as the <see cref="TextSource"/>.
/// </summary>
public sealed class InMemoryStoryIndexStore(bool keepTexts = true) : IStoryIndexStore
{
    /// <summary>Entries kept per bucket or posting key; older ones are dropped (recent documents matter most).</summary>
    public const int MaxListLength = 256;

    private readonly Dictionary<long, DocRecord> _docs = [];
    private readonly Dictionary<string, List<long>> _byUrl = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<long>> _byHash = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, KeyList> _buckets = [];
    private readonly Dictionary<ulong, KeyList> _postings = [];
    private readonly Dictionary<ulong, int> _df = [];
    private readonly Dictionary<long, StoryRecord> _stories = [];
    private readonly Dictionary<long, List<DocLink>> _links = [];
    private readonly Dictionary<long, string> _texts = [];
    private long _nextStory;

    /// <summary>Keeps a document's text (when the store was created with keepTexts).</summary>
    public void PutText(long id, string text) { if (keepTexts) _texts[id] = text; }
    public string? GetText(long id) => _texts.GetValueOrDefault(id);

    public void PutDocuments(IReadOnlyList<DocRecord> docs)
    {
        foreach (var d in docs)
        {
            bool isNew = _docs.TryAdd(d.Id, d);
            if (!isNew) { _docs[d.Id] = d; continue; }
            if (d.Url is { Length: > 0 } u) Add(_byUrl, u, d.Id);
            if (d.ContentHash.Length > 0) Add(_byHash, d.ContentHash, d.Id);
        }
    }

    private static void Add(Dictionary<string, List<long>> map, string key, long id)
    {
        if (!map.TryGetValue(key, out var l)) map[key] = l = [];
        l.Add(id);
    }

    public DocRecord? GetDocument(long id) => _docs.GetValueOrDefault(id);

    public IReadOnlyList<DocRecord> GetDocuments(IReadOnlyCollection<long> ids)
    {
        var list = new List<DocRecord>(ids.Count);
        foreach (var id in ids) if (_docs.TryGetValue(id, out var d)) list.Add(d);
        return list;
    }

    public IReadOnlyList<long> DocumentsByUrl(string url) => _byUrl.TryGetValue(url, out var l) ? l : [];
    public IReadOnlyList<long> DocumentsByContentHash(string contentHash) => _byHash.TryGetValue(contentHash, out var l) ? l : [];
    public long DocumentCount => _docs.Count;

    public void AddBuckets(IReadOnlyList<(ulong Key, long DocId)> entries) => AddTo(_buckets, entries);

    public IReadOnlyCollection<long> QueryBuckets(IReadOnlyList<ulong> keys, int maxPerKey)
    {
        var result = new HashSet<long>();
        foreach (var k in keys)
            if (_buckets.TryGetValue(k, out var l)) l.CopyRecent(result, maxPerKey);
        return result;
    }

    public void AddPostings(IReadOnlyList<(ulong Key, long DocId)> entries) => AddTo(_postings, entries);

    public IReadOnlyDictionary<long, int> QueryPostings(IReadOnlyList<ulong> keys, int maxPerKey)
    {
        var hits = new Dictionary<long, int>();
        foreach (var k in keys)
            if (_postings.TryGetValue(k, out var l)) l.CountRecent(hits, maxPerKey);
        return hits;
    }

    private static void AddTo(Dictionary<ulong, KeyList> map, IReadOnlyList<(ulong Key, long DocId)> entries)
    {
        foreach (var (k, id) in entries)
        {
            if (!map.TryGetValue(k, out var l)) map[k] = l = new KeyList();
            l.Add(id);
        }
    }

    public void GetDocumentFrequencies(IReadOnlyList<ulong> keys, Span<int> df)
    {
        for (int i = 0; i < keys.Count; i++) df[i] = _df.GetValueOrDefault(keys[i]);
    }

    public void AddDocumentFrequencies(IReadOnlyCollection<ulong> keys)
    {
        foreach (var k in keys) _df[k] = _df.GetValueOrDefault(k) + 1;
    }

    public long NewStoryId() => ++_nextStory;
    public StoryRecord? GetStory(long id) => _stories.GetValueOrDefault(id);
    public void PutStories(IReadOnlyList<StoryRecord> stories) { foreach (var s in stories) _stories[s.Id] = s; }

    public IReadOnlyList<StoryRecord> ListStories(int limit, int offset) =>
        _stories.Values.Where(s => s.MergedInto is null).OrderByDescending(s => s.LastSeq).Skip(offset).Take(limit).ToList();

    public void AddLinks(IReadOnlyList<DocLink> links)
    {
        foreach (var l in links)
        {
            AddLink(l.From, l);
            if (l.To != l.From) AddLink(l.To, l);
        }
    }

    private void AddLink(long id, DocLink l)
    {
        if (!_links.TryGetValue(id, out var list)) _links[id] = list = [];
        list.Add(l);
    }

    public IReadOnlyList<DocLink> LinksOf(long docId) => _links.TryGetValue(docId, out var l) ? l : [];

    /// <summary>A small list of document ids keeping the most recent <see cref="MaxListLength"/>, as a ring.</summary>
    private sealed class KeyList
    {
        private long[] _items = new long[2];
        private int _count, _head; // _head = next write position once full

        public void Add(long id)
        {
            if (_count < _items.Length) { _items[_count++] = id; return; }
            if (_items.Length < MaxListLength) { Array.Resize(ref _items, Math.Min(MaxListLength, _items.Length * 2)); _items[_count++] = id; return; }
            _items[_head] = id; _head = (_head + 1) % _items.Length;
        }

        public void CopyRecent(HashSet<long> into, int max)
        {
            int n = Math.Min(max, _count), len = _items.Length;
            int newest = _count < len ? _count - 1 : (_head - 1 + len) % len;
            for (int i = 0; i < n; i++) { int j = newest - i; if (j < 0) j += len; into.Add(_items[j]); }
        }

        public void CountRecent(Dictionary<long, int> into, int max)
        {
            int n = Math.Min(max, _count), len = _items.Length;
            int newest = _count < len ? _count - 1 : (_head - 1 + len) % len;
            for (int i = 0; i < n; i++)
            {
                int j = newest - i; if (j < 0) j += len;
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(into, _items[j], out _)++;
            }
        }
    }
}
