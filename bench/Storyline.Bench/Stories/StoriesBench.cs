using Storyline.Embeddings;
using System.Diagnostics;
using System.Globalization;
using Storyline.Core;
using Storyline.Stories.Embedding;
using Storyline.Stories.Engine;
using Storyline.Stories.Eval;
using Storyline.Stories.Index;
using Storyline.Stories.Rewrite;
using Storyline.Stories.Text;

namespace Storyline.Bench.Stories;

/// <summary>
/// Near-duplicate + story clustering throughput on generated documents (fixed seed) built from the shared
/// corpora (PolNeAR, ECB+, NewsWCL50 sentences): fresh articles, follow-ups of recent stories, exact copies,
/// debris-wrapped scrapes, one-paragraph-added copies, rewrites and changed versions under the same URL.
/// Prints docs/s, peak memory and the cost per document in successive slices (flat = does not grow with the store).
/// </summary>
public static class StoriesBench
{
    public const int Seed = 20240501;
    /// <summary>Documents per timing slice.</summary>
    public const int SliceSize = 10_000;
    /// <summary>Documents handed to the engine at once (analysis runs in parallel inside a batch).</summary>
    public const int BatchSize = 256;
    /// <summary>Recent documents whose text the bench keeps (the document store's job; copies and rewrites are drawn from them).</summary>
    public const int TextWindow = 20_000;
    /// <summary>How far back (in documents) copies, rewrites and follow-ups reach.</summary>
    public const int RecentReach = 5_000;

    public static void Run(TextWriter output, int documents) => Run(output, documents, null);

    public static void Run(TextWriter output, int documents, StoryOptions? options)
    {
        output.WriteLine(FormattableString.Invariant($"stories bench: {documents:N0} generated documents, seed {Seed}, {Environment.ProcessorCount} cores"));
        var gen = new Generator(Seed);
        var texts = new Dictionary<long, string>();
        var store = new InMemoryStoryIndexStore(keepTexts: false);
        var engine = new StoryEngine(store, id => texts.GetValueOrDefault(id), options);
        _ = ParaphraseClassifier.Default; _ = BackgroundIdf.Default; // load models before timing
        if (ParaphraseClassifier.Default.Embedder is { } emb)
        {
            // the sentence encoder loads on first use: load it here and say what it cost
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime; var w0 = Stopwatch.StartNew();
            emb.Embed(["warm-up sentence for the encoder"]);
            output.WriteLine(FormattableString.Invariant($"sentence embedder loaded: {w0.Elapsed.TotalMilliseconds:F0} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds:F0} ms process CPU"));
        }
        else output.WriteLine("sentence embeddings: off");
        var total = Stopwatch.StartNew();
        var slice = Stopwatch.StartNew();
        long peak = 0;
        int copyHits = 0, copyAll = 0, rewriteHits = 0, rewriteAsCopy = 0, rewriteAll = 0, falseLinks = 0;
        var batch = new List<Document>(BatchSize);
        var truth = new List<(string Kind, long? Of)>(BatchSize);
        double genSeconds = 0;
        var sliceCpu = TimeSpan.Zero;
        for (int i = 1; i <= documents; i++)
        {
            var g0 = Stopwatch.GetTimestamp();
            var (doc, kind, of) = gen.Next(i);
            genSeconds += Stopwatch.GetElapsedTime(g0).TotalSeconds;
            texts[i] = doc.Text;
            if (i > TextWindow) texts.Remove(i - TextWindow);
            batch.Add(doc); truth.Add((kind, of));
            if (batch.Count == BatchSize || i == documents)
            {
                var res = engine.AddBatch(batch);
                for (int k = 0; k < res.Count; k++)
                {
                    var (tk, tof) = truth[k];
                    var link = res[k].Links.Count > 0 ? res[k].Links[0] : null;
                    bool isCopyKind = tk is "copy" or "scrape" or "paragraph_added";
                    if (isCopyKind) { copyAll++; if (link is { Kind: LinkKind.Copy or LinkKind.Version } && SameGroup(link.To, tof, gen)) copyHits++; }
                    else if (tk == "rewrite") { rewriteAll++; if (link is not null && SameGroup(link.To, tof, gen)) { if (link.Kind == LinkKind.Rewrite) rewriteHits++; else rewriteAsCopy++; } }
                    else if (tk == "fresh" && link is not null) falseLinks++;
                }
                batch.Clear(); truth.Clear();
            }
            if (i % SliceSize == 0 || i == documents)
            {
                peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64);
                double ms = slice.Elapsed.TotalMilliseconds - 0;
                // CPU of the engine in this slice (serial thread + analysis threads): flat = cost does not grow with the store
                double cpuMs = (engine.IngestTime + engine.AnalysisTime - sliceCpu).TotalMilliseconds;
                sliceCpu = engine.IngestTime + engine.AnalysisTime;
                int n = i % SliceSize == 0 ? SliceSize : i % SliceSize;
                output.WriteLine(FormattableString.Invariant(
                    $"  docs {i,9:N0}  slice {ms / n,6:F3} ms/doc wall, {cpuMs / n,6:F3} ms/doc engine CPU  total {i / total.Elapsed.TotalSeconds,7:F0} docs/s  managed heap {GC.GetTotalMemory(false) / 1048576.0,7:F0} MB  working set {Process.GetCurrentProcess().WorkingSet64 / 1048576.0,7:F0} MB  stories {store.ListStories(int.MaxValue, 0).Count,8:N0}"));
                slice.Restart();
            }
        }
        double secs = total.Elapsed.TotalSeconds;
        output.WriteLine(FormattableString.Invariant($"total: {documents:N0} docs in {secs:F1} s = {documents / secs:F0} docs/s (generation {genSeconds:F1} s included; engine alone {documents / Math.Max(1e-9, secs - genSeconds):F0} docs/s)"));
        if (ParaphraseClassifier.Default.Embedder is MiniLmEmbedder mini)
            output.WriteLine(FormattableString.Invariant($"sentences embedded (rewrite alignment, past the lexical gate): {mini.Encoded:N0} = {(double)mini.Encoded / documents:F2} per document"));
        output.WriteLine(FormattableString.Invariant($"engine CPU: analysis (worker threads) {engine.AnalysisTime.TotalSeconds:F1} s = {engine.AnalysisTime.TotalMilliseconds / documents:F3} ms/doc, index/cluster (serial thread) {engine.IngestTime.TotalSeconds:F1} s = {engine.IngestTime.TotalMilliseconds / documents:F3} ms/doc; process CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s"));
        output.WriteLine(FormattableString.Invariant($"peak working set: {Math.Max(peak, Process.GetCurrentProcess().PeakWorkingSet64) / 1048576.0:F0} MB"));
        output.WriteLine(FormattableString.Invariant($"copies found {copyHits}/{copyAll} ({(copyAll == 0 ? 0 : (double)copyHits / copyAll):P1}), rewrites linked to their source {rewriteHits + rewriteAsCopy}/{rewriteAll} ({(rewriteAll == 0 ? 0 : (double)(rewriteHits + rewriteAsCopy) / rewriteAll):P1}; {rewriteAsCopy} of them as near-copies: light spins keep most 4-word shingles), fresh documents wrongly linked {falseLinks}"));
    }

    private static bool SameGroup(long linkedTo, long? truthOf, Generator gen) =>
        truthOf is { } t && gen.RootOf(linkedTo) == gen.RootOf(t);

    /// <summary>Deterministic document stream.</summary>
    private sealed class Generator
    {
        private readonly Random _rng;
        private readonly List<string> _sentences = [];
        private readonly List<string> _titles = [];
        private readonly List<CorpusArticle> _articles;
        private readonly Dictionary<long, long> _root = [];
        private readonly Dictionary<long, string> _recent = [];
        private readonly Dictionary<long, string> _urls = [];
        private readonly List<long> _freshRecent = [];
        private static readonly string[] Publishers = ["Daily Planet", "Morning Post", "Evening Star", "City Herald", "National Courier", "Wire Service", "Valley News", "Harbor Times", "Capital Report", "Metro Ledger"];
        private readonly DateTimeOffset _start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public Generator(int seed)
        {
            _rng = new Random(seed);
            _articles = CorpusTexts.PolNear();
            foreach (var a in _articles)
            {
                _titles.Add(a.Title);
                _sentences.AddRange(TextTools.SentenceTexts(a.Text).Where(s => s.Length > 40));
            }
            foreach (var dir in new[] { "ecbplus", "newswcl50" })
            {
                var p = RepoPaths.Data("clustering", dir);
                if (Directory.Exists(p)) foreach (var d in StoryEvaluator.Load(p)) _sentences.AddRange(TextTools.SentenceTexts(d.Text).Where(s => s.Length > 40));
            }
        }

        public long RootOf(long id) => _root.TryGetValue(id, out var r) ? r : id;

        public (Document Doc, string Kind, long? Of) Next(long id)
        {
            double roll = _rng.NextDouble();
            string kind; string text; long? of = null; string? url = null;
            long pick = PickRecent(id);
            if (pick == 0 || roll < 0.55) { kind = "fresh"; text = Fresh(); }
            else if (roll < 0.65) { kind = "followup"; text = FollowUp(_recent[pick]); }
            else if (roll < 0.72) { kind = "copy"; text = _recent[pick]; of = pick; }
            else if (roll < 0.80) { kind = "scrape"; text = DedupEvaluator.Scrape(_recent[pick], _articles, _rng); of = pick; }
            else if (roll < 0.85) { kind = "paragraph_added"; text = DedupEvaluator.AddParagraph(_recent[pick], Fresh(), _rng); of = pick; }
            else if (roll < 0.95) { kind = "rewrite"; text = RewriteGenerator.Rewrite(_recent[pick], _rng); of = pick; }
            else { kind = "version"; text = Version(_recent[pick]); of = pick; url = _urls[pick]; }
            if (of is { } o) _root[id] = RootOf(o);
            _recent[id] = text;
            _recent.Remove(id - RecentReach);
            _urls.Remove(id - RecentReach);
            url ??= FormattableString.Invariant($"https://news{_rng.Next(10)}.example/{id}");
            _urls[id] = url;
            var doc = new Document { Id = id, Origin = new DocumentOrigin("bench", Url: url) { SeenAt = _start.AddMinutes(id) }, Text = text };
            doc.Metadata.Publisher = new Field<string>(Publishers[_rng.Next(Publishers.Length)], "bench");
            if (_rng.NextDouble() < 0.9) doc.Metadata.Published = new Field<DateTimeOffset>(_start.AddMinutes(id), "bench");
            return (doc, kind, of);
        }

        private long PickRecent(long id)
        {
            if (id <= 1) return 0;
            for (int t = 0; t < 8; t++)
            {
                long k = id - 1 - _rng.Next((int)Math.Min(RecentReach - 1, id - 1));
                if (_recent.ContainsKey(k)) return k;
            }
            return 0;
        }

        private string Fresh()
        {
            int paras = 3 + _rng.Next(5);
            var ps = new List<string>();
            for (int p = 0; p < paras; p++)
            {
                int n = 1 + _rng.Next(3);
                ps.Add(string.Join(' ', Enumerable.Range(0, n).Select(_ => _sentences[_rng.Next(_sentences.Count)])));
            }
            return string.Join("\n\n", ps);
        }

        /// <summary>A follow-up: the earlier report's lead and one more of its sentences, then new material.</summary>
        private string FollowUp(string earlier)
        {
            var s = TextTools.SentenceTexts(earlier);
            var head = s.Take(1).Concat(s.Skip(1).OrderBy(_ => _rng.Next()).Take(1));
            return string.Join(' ', head) + "\n\n" + Fresh();
        }

        /// <summary>A changed version: one sentence edited and one added, as an update or correction.</summary>
        private string Version(string earlier)
        {
            var paras = earlier.Split("\n\n").ToList();
            int k = _rng.Next(paras.Count);
            paras[k] = paras[k].Replace(" the ", " this ", StringComparison.Ordinal);
            paras.Add("Update: this story has been updated with new information.");
            return string.Join("\n\n", paras);
        }
    }
}
