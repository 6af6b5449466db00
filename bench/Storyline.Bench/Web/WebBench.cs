using System.Diagnostics;
using System.Globalization;
using Storyline.Core;
using Storyline.Engine;
using Storyline.Web;
using Storyline.Web.Pages;

namespace Storyline.Bench.Web;

/// <summary>
/// Loopback load test of the web server (issue 12): a store of generated documents (default 100,000; kept in
/// /tmp between runs, rebuilt when missing), the server started in-process on 127.0.0.1, then for each scenario
/// (story page, search page, API calls) a bounded run — at most <see cref="MaxRequests"/> requests or
/// <see cref="MaxSeconds"/> seconds — from <see cref="Clients"/> concurrent clients. Prints requests/s and
/// p50/p95/p99 latency per scenario, and the process's working set and managed heap over the run.
/// </summary>
public static class WebBench
{
    public const int Seed = 20251205;
    public const int MaxRequests = 3000;
    public const double MaxSeconds = 20;
    public const int Clients = 4;
    public const int WarmupRequests = 50;

    public static void Run(TextWriter output, int documents) => RunAsync(output, documents).GetAwaiter().GetResult();

    private static async Task RunAsync(TextWriter output, int documents)
    {
        var db = Path.Combine(Path.GetTempPath(), $"storyline-web-bench-{documents}.db");
        output.WriteLine(FormattableString.Invariant($"web bench: {documents:N0} generated documents in {db}, {Clients} clients, at most {MaxRequests} requests or {MaxSeconds} s per scenario"));
        var words = Build(db, documents, output);
        var options = new WebOptions { Database = db, ApiKey = Security.NewKey(), CatalogRefreshSeconds = 3600 };
        var mem = new MemorySampler();
        var load = Stopwatch.StartNew();
        var app = StorylineWebApp.Start(options, ["http://127.0.0.1:0"]);
        try
        {
            var baseUri = new Uri(app.Urls.First());
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients * 2 }) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
            // First request waits for the catalog (every document's summary and every story's outline) to load.
            var stories = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/stories?limit=500")).RootElement;
            output.WriteLine(FormattableString.Invariant($"  server up and lists loaded in {load.Elapsed.TotalSeconds:F1} s; {stories.GetProperty("total").GetInt64():N0} stories"));
            long total = stories.GetProperty("total").GetInt64();
            // Story ids from across the list: the "first view" scenario opens each at most once (the page cache is cold for it).
            var allIds = new List<long>();
            for (int off = 0; off < Math.Min(total, 8 * 500); off += 500)
                allIds.AddRange(System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/api/stories?limit=500&offset={off}")).RootElement
                    .GetProperty("stories").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()));
            var rng = new Random(Seed);
            var storyIds = allIds.OrderBy(_ => rng.Next()).ToArray();
            int cold = 0;
            var scenarios = new (string Name, Func<Random, string> Url)[]
            {
                ("story page 1st view", r => $"/stories/{storyIds[Interlocked.Increment(ref cold) % storyIds.Length]}"),
                ("story page", r => $"/stories/{storyIds[r.Next(Math.Min(500, storyIds.Length))]}"),
                ("search page", r => $"/search?q={words[r.Next(words.Length)]}"),
                ("stories page", r => $"/?offset={r.Next((int)Math.Min(total, 2000))}"),
                ("api story", r => $"/api/stories/{storyIds[r.Next(storyIds.Length)]}"),
                ("api search", r => $"/api/search?q={words[r.Next(words.Length)]}+{words[r.Next(words.Length)]}"),
                ("api document", r => $"/api/documents/{1 + r.Next(documents)}"),
                ("api documents page", r => $"/api/documents?offset={r.Next(documents - 50)}&limit=50"),
            };
            // CPU ms/req: the whole process's CPU time (server and clients) over the scenario, per request; less
            // sensitive than latency to the other work on a shared machine.
            output.WriteLine("  scenario               requests   req/s      p50 ms   p95 ms   p99 ms   CPU ms/req   errors");
            foreach (var (name, url) in scenarios)
            {
                if (!name.Contains("1st", StringComparison.Ordinal))
                    for (int i = 0; i < WarmupRequests; i++) (await http.GetAsync(url(rng))).Dispose();
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var r = await Measure(http, url, rng.Next());
                double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / Math.Max(1, r.Count);
                output.WriteLine(FormattableString.Invariant($"  {name,-20} {r.Count,9:N0} {r.Count / r.Seconds,8:F0} {r.P(0.50),9:F1} {r.P(0.95),8:F1} {r.P(0.99),8:F1} {cpu,12:F2} {r.Errors,8}"));
                if (r.Phases.Count > 0)
                    output.WriteLine("    where the time goes (Server-Timing, mean ms per page with the phase; 'cache' = served from the page cache): " + string.Join(", ",
                        r.Phases.Select(kv => FormattableString.Invariant($"{kv.Key} {kv.Value.Sum / kv.Value.Count:F2} (×{kv.Value.Count:N0})"))));
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        mem.Stop();
        output.WriteLine(FormattableString.Invariant($"  memory (server and clients in one process): working set peak {mem.PeakWorkingSet / 1e6:F0} MB, managed heap peak {mem.PeakHeap / 1e6:F0} MB, end {mem.LastHeap / 1e6:F0} MB"));
    }

    private sealed record Result(List<double> Ms, int Errors, double Seconds, Dictionary<string, (double Sum, int Count)> Phases)
    {
        public int Count => Ms.Count;
        public double P(double q) => Ms.Count == 0 ? 0 : Ms[Math.Min(Ms.Count - 1, (int)Math.Ceiling(q * Ms.Count) - 1)];
    }

    private static async Task<Result> Measure(HttpClient http, Func<Random, string> url, int seed)
    {
        var all = new List<double>();
        var phases = new Dictionary<string, (double Sum, int Count)>();
        int errors = 0, issued = 0;
        var sw = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var rng = new Random(seed + c);
            var mine = new List<double>();
            while (Interlocked.Increment(ref issued) <= MaxRequests && sw.Elapsed.TotalSeconds < MaxSeconds)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var res = await http.GetAsync(url(rng));
                await res.Content.CopyToAsync(Stream.Null);
                mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                if (!res.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                if (res.Headers.TryGetValues("Server-Timing", out var st))
                    lock (phases)
                        foreach (var (n, ms) in ServerTiming.Parse(string.Join(", ", st)))
                            phases[n] = (phases.GetValueOrDefault(n).Sum + ms, phases.GetValueOrDefault(n).Count + 1);
            }
            lock (all) all.AddRange(mine);
        })).ToArray();
        await Task.WhenAll(workers);
        all.Sort();
        return new Result(all, errors, sw.Elapsed.TotalSeconds, phases);
    }

    private sealed class MemorySampler : IDisposable
    {
        private readonly Timer _timer;
        public long PeakWorkingSet, PeakHeap, LastHeap;
        public MemorySampler() => _timer = new Timer(_ => Sample(), null, 0, 100);
        private void Sample()
        {
            long ws = Environment.WorkingSet, heap = GC.GetTotalMemory(false);
            LastHeap = heap;
            if (ws > PeakWorkingSet) PeakWorkingSet = ws;
            if (heap > PeakHeap) PeakHeap = heap;
        }
        public void Stop() { Sample(); _timer.Dispose(); }
        public void Dispose() => _timer.Dispose();
    }

    // ---- the store ----

    private static readonly string[] Publishers = [.. Enumerable.Range(0, 40).Select(i => $"Outlet {i:D2} News")];
    private static readonly string[] Places = ["Berlin", "Paris", "Madrid", "Rome", "Vienna", "Warsaw", "Lisbon", "Oslo", "Athens", "Dublin", "Prague", "Budapest"];
    private static readonly string[] Filler =
        ["the", "said", "on", "after", "officials", "government", "week", "report", "new", "plan", "city", "people", "year", "local", "police", "talks",
         "minister", "council", "support", "because", "while", "during", "agreed", "warned", "expected", "announced", "later", "statement", "before", "groups"];

    /// <summary>Pseudo-words from syllables: a vocabulary that is the same on every run (seeded) and needs no data files.</summary>
    private static string[] Vocabulary(Random rng, int n)
    {
        string[] syl = ["ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "an", "qui", "por", "bel", "nu", "tek", "ral", "sen", "gor", "li", "mas", "fen"];
        var set = new HashSet<string>();
        while (set.Count < n) set.Add(string.Concat(Enumerable.Range(0, 2 + rng.Next(2)).Select(_ => syl[rng.Next(syl.Length)])));
        return [.. set];
    }

    /// <summary>Builds the store once (generated stories: originals, copies from other outlets, changed versions); returns search words.</summary>
    private static string[] Build(string db, int documents, TextWriter output)
    {
        var rng = new Random(Seed);
        var vocab = Vocabulary(rng, 6000);
        if (File.Exists(db)) { output.WriteLine("  reusing the store from an earlier run"); return vocab[..2000]; }
        var sw = Stopwatch.StartNew();
        var tmp = db + ".building";
        foreach (var f in Directory.GetFiles(Path.GetDirectoryName(tmp)!, Path.GetFileName(tmp) + "*")) File.Delete(f);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using (var store = StoreFactory.Open(tmp, create: true))
        using (var stories = StoryService.For(store))
        {
            var batch = new List<Document>(512);
            var recent = new List<(int Story, string Text, string Title, string Url)>();
            int story = 0;
            string[] keys = [], names = [];
            string place = "";
            int storyDay = 0;
            for (int i = 1; i <= documents; i++)
            {
                // A new story every ~5 documents; its documents share key words, two names and a place.
                if (i == 1 || rng.NextDouble() < 0.2)
                {
                    story++;
                    keys = [.. Enumerable.Range(0, 12).Select(_ => vocab[rng.Next(2000)])];
                    names = [.. Enumerable.Range(0, 2).Select(_ => Cap(vocab[2000 + rng.Next(4000)]) + " " + Cap(vocab[2000 + rng.Next(4000)]))];
                    place = Places[rng.Next(Places.Length)];
                    storyDay = (int)((long)i * 365 / documents);
                }
                string text, title, url;
                var mine = recent.Where(x => x.Story == story).ToList();
                double roll = rng.NextDouble();
                if (mine.Count > 0 && roll < 0.25)
                {
                    // A copy from another outlet, with a line of its own.
                    var orig = mine[rng.Next(mine.Count)];
                    text = orig.Text + "\n\nThis story first appeared elsewhere; copied for readers of outlet " + rng.Next(40) + ".";
                    title = orig.Title; url = $"https://copy{rng.Next(1000)}.example/{i}";
                }
                else if (mine.Count > 0 && roll < 0.35)
                {
                    // A changed version under the same URL.
                    var orig = mine[rng.Next(mine.Count)];
                    text = orig.Text.Replace(keys[0], keys[1], StringComparison.Ordinal) + $"\n\nUpdated: {names[0]} added that {keys[2]} talks would continue.";
                    title = orig.Title; url = orig.Url;
                }
                else
                {
                    var sb = new System.Text.StringBuilder();
                    for (int s = 0; s < 10; s++)
                    {
                        sb.Append(s % 3 == 0 ? names[s % 2] : Cap(Filler[rng.Next(Filler.Length)])).Append(' ');
                        for (int w = 0; w < 14; w++) sb.Append(rng.NextDouble() < 0.35 ? keys[rng.Next(keys.Length)] : Filler[rng.Next(Filler.Length)]).Append(' ');
                        sb.Append("in ").Append(place).Append(s % 4 == 3 ? ".\n\n" : ". ");
                    }
                    text = sb.ToString().Trim();
                    title = $"{names[0]} {keys[0]} {keys[1]} in {place}";
                    url = $"https://{Publishers[rng.Next(Publishers.Length)].Replace(' ', '-').ToLowerInvariant()}.example/{i}";
                }
                recent.Add((story, text, title, url));
                if (recent.Count > 200) recent.RemoveAt(0);
                var when = start.AddDays(storyDay).AddHours(rng.Next(72));
                var doc = new Document { Origin = new DocumentOrigin("bench", Url: url) { SeenAt = when }, Text = text, Format = DocumentFormat.Text };
                doc.Metadata.Title = new Field<string>(title, "bench");
                doc.Metadata.Source = new Field<string>(Publishers[rng.Next(Publishers.Length)], "bench");
                doc.Metadata.Language = new Field<string>("en", "bench");
                doc.Metadata.Url = new Field<string>(url, "bench");
                doc.Metadata.Published = new Field<DateTimeOffset>(when, "bench");
                doc.RawBytes = System.Text.Encoding.UTF8.GetBytes(text);
                doc.ContentHash = ContentHash.Of(text + "\u0000" + i.ToString(CultureInfo.InvariantCulture));
                batch.Add(doc);
                if (batch.Count == 512 || i == documents)
                {
                    store.SaveBatch(batch);
                    stories.Index(batch);
                    batch.Clear();
                    if (i % 10_000 < 512 || i == documents)
                        output.WriteLine(FormattableString.Invariant($"  building the store: {i:N0} documents, {sw.Elapsed.TotalSeconds:F0} s"));
                }
            }
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(tmp + suffix)) File.Move(tmp + suffix, db + suffix, overwrite: true);
        output.WriteLine(FormattableString.Invariant($"  store built in {sw.Elapsed.TotalSeconds:F0} s"));
        return vocab[..2000];
    }

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
