using Storyline.Core;

namespace Storyline.Timeline;

/// <summary>
/// A story's timeline, the way timeline summarisation does it (Tran et al. 2013; Martschat &amp; Markert 2018;
/// Ghalandari &amp; Ifrim 2020, "date selection first, then sentences per date"):
/// <list type="number">
/// <item>candidates: the story's events ("actor action target") and its dated statements (quotes, and claims not
/// already read as a quote, whose sentence carries a resolved time expression), each dated at day, month or year
/// precision; an event with no date of its own takes its document's publication date;</item>
/// <item>date selection: dates ranked by how many documents mention them in their text, then how many documents have
/// an entry on them, then how many sentences mention them; the top <see cref="RollupOptions.MaxDates"/> are kept;</item>
/// <item>sentences per date: candidates that say the same thing (copies, versions, rewrites: the near-duplicate hook;
/// or the same coded event: actor, CAMEO event and target) are folded into one entry with its support; facts before
/// negated/hypothetical events, then by centrality (the hook: cosine with the story centroid) plus a little for
/// information (actor, target, a coded action beyond a bare statement; a named speaker) and for support;
/// <see cref="RollupOptions.SentencesPerDate"/> kept. Events with neither actor nor target are left out.</item>
/// </list>
/// Entries come out in time order (date, coarser before finer, then document date, id and offset).
/// </summary>
public static class TimelineBuilder
{
    private sealed class Candidate
    {
        public required DateValue Date;
        public required string Kind;
        public required string Text;
        public required string Sentence;
        public required int DocOrder;
        public required RollupDocument Doc;
        public required int Start;
        public required string DateFrom;
        public string? DateText;
        public bool Inferred;
        public IReadOnlyList<string>? Evidence;
        public string? Speaker, Actor, Action, Target;
        /// <summary>What identifies an event across documents: CAMEO actor/event/target codes where coded, else the words.</summary>
        public string? EventKey;
        public bool Negated, Hypothetical;
        public bool IsFact => !Negated && !Hypothetical;
        /// <summary>How much the entry tells (0-3): an event's actor, target and a coded action beyond a bare statement; a statement's speaker.</summary>
        public int Info;
    }

    public static IReadOnlyList<TimelineEntry> Build(IReadOnlyList<RollupDocument> docs, RollupOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(docs);
        var o = options ?? RollupOptions.Default;
        var textMentions = new Dictionary<DateValue, HashSet<int>>();
        var sentenceMentions = new Dictionary<DateValue, int>();
        var cands = new List<Candidate>();
        for (int di = 0; di < docs.Count; di++)
        {
            var d = docs[di];
            var times = InferredTimes.Resolve(d, o.MaxTimesPerDocument);
            var byIndex = times.ToDictionary(t => t.Index);
            foreach (var t in times)
            {
                if (!textMentions.TryGetValue(t.Date, out var set)) textMentions[t.Date] = set = [];
                set.Add(di);
                sentenceMentions[t.Date] = sentenceMentions.GetValueOrDefault(t.Date) + 1;
            }
            AddEvents(cands, d, di, byIndex, o);
            AddStatements(cands, d, di, times, o);
        }
        if (cands.Count == 0) return [];

        // 1. date selection
        var entryDocs = cands.GroupBy(c => c.Date).ToDictionary(g => g.Key, g => g.Select(c => c.DocOrder).Distinct().Count());
        var dates = entryDocs.Keys
            .OrderByDescending(k => textMentions.TryGetValue(k, out var s) ? s.Count : 0)
            .ThenByDescending(k => entryDocs[k])
            .ThenByDescending(k => sentenceMentions.GetValueOrDefault(k))
            .ThenByDescending(k => k.Precision)
            .ThenBy(k => k.Start)
            .Take(Math.Max(0, o.MaxDates))
            .ToHashSet();

        // 2. sentences per date
        var same = o.NearDuplicate ?? SameWords;
        var entries = new List<(Candidate C, int Support)>();
        foreach (var g in cands.Where(c => dates.Contains(c.Date)).GroupBy(c => c.Date))
        {
            var clusters = new List<(Candidate Best, HashSet<int> Docs, double Centrality)>();
            // reading order: earliest document first, so the first report leads its copies
            foreach (var c in g.OrderBy(c => c.DocOrder).ThenBy(c => c.Start).ThenBy(c => c.Kind, StringComparer.Ordinal))
            {
                int hit = clusters.FindIndex(x => x.Best.Doc == c.Doc && x.Best.Sentence == c.Sentence
                    || c.EventKey is not null && c.EventKey == x.Best.EventKey || same(x.Best.Sentence, c.Sentence));
                if (hit < 0) { clusters.Add((c, [c.DocOrder], o.Centrality?.Invoke(c.Sentence) ?? 0)); continue; }
                var cl = clusters[hit];
                cl.Docs.Add(c.DocOrder);
                // an event that is a fact says more than a statement or a negated event from the same sentence
                if (Better(c, cl.Best)) clusters[hit] = (c, cl.Docs, cl.Centrality);
            }
            foreach (var cl in clusters
                .OrderByDescending(x => x.Best.IsFact)
                .ThenByDescending(x => Rank(x.Centrality, x.Best.Info, x.Docs.Count))
                .ThenBy(x => x.Best.DocOrder).ThenBy(x => x.Best.Start)
                .Take(Math.Max(0, o.SentencesPerDate)))
                entries.Add((cl.Best, cl.Docs.Count));
        }
        return entries
            .OrderBy(e => e.C.Date.Start).ThenBy(e => e.C.Date.Precision)
            .ThenBy(e => e.C.DocOrder).ThenBy(e => e.C.Start)
            .Select(e => Entry(e.C, e.Support)).ToList();
    }

    /// <summary>Weights of a sentence's rank within its date: centrality (cosine, 0..1) plus these per unit of information and of support.</summary>
    private const double InfoWeight = 0.1, SupportWeight = 0.05;
    private const int SupportCap = 4;

    private static double Rank(double centrality, int info, int support) =>
        Math.Round(centrality + InfoWeight * info + SupportWeight * Math.Min(support, SupportCap), 9); // rounded: stable ties

    private static bool Better(Candidate c, Candidate best)
    {
        if (c.IsFact != best.IsFact) return c.IsFact;
        if (c.Kind == "event" && best.Kind != "event") return true;
        if (c.DateFrom == "text" && best.DateFrom == "published") return true;
        return false;
    }

    private static TimelineEntry Entry(Candidate c, int support) => new()
    {
        Date = c.Date.Key,
        Precision = c.Date.PrecisionName,
        Kind = c.Kind,
        Text = c.Text,
        Sentence = c.Sentence,
        DocId = c.Doc.Doc.Id,
        Source = c.Doc.Source,
        DateFrom = c.DateFrom,
        DateText = c.DateText,
        Inferred = c.Inferred,
        Evidence = c.Evidence,
        Speaker = c.Speaker,
        Actor = c.Actor,
        Action = c.Action,
        Target = c.Target,
        Negated = c.Negated,
        Hypothetical = c.Hypothetical,
        Support = support,
    };

    private static void AddEvents(List<Candidate> cands, RollupDocument d, int di, Dictionary<int, ResolvedTime> times, RollupOptions o)
    {
        var doc = d.Doc;
        foreach (var ev in doc.Events.Take(o.MaxStatementsPerDocument))
        {
            int si = ev.Sentence >= 0 && ev.Sentence < doc.Sentences.Count ? ev.Sentence : SentenceAt(doc, ev.Start);
            string sentence = SentenceText(doc, si, ev.Start, ev.End);
            if (sentence.Length == 0) continue;
            DateValue date; string from; string? dateText = null; bool inferred = false; IReadOnlyList<string>? evidence = null;
            if (ev.Time >= 0 && times.TryGetValue(ev.Time, out var rt))
            {
                date = rt.Date; from = "text"; dateText = doc.Times[ev.Time].Text; inferred = rt.Inferred; evidence = rt.Evidence;
            }
            else if (DateValue.Parse(ev.Date) is { } evDate && (ev.Time < 0 || ev.Time >= doc.Times.Count || doc.Times[ev.Time].Anchor != "unknown"))
            {
                date = evDate; from = "event";
                if (ev.Time >= 0 && ev.Time < doc.Times.Count) dateText = doc.Times[ev.Time].Text;
            }
            else if (d.Published is { } pub) { date = DateValue.Day(pub); from = "published"; }
            else if (d.Inferred is { } inf && inf.Earliest.UtcDateTime.Date == inf.Latest.UtcDateTime.Date)
            {
                date = DateValue.Day(inf.Earliest); from = "published"; inferred = true;
                evidence = ["the document's publication date as the story inferred it", .. inf.Evidence];
            }
            else continue;
            bool actor = !string.IsNullOrWhiteSpace(ev.Actor), target = !string.IsNullOrWhiteSpace(ev.Target);
            if (!actor && !target) continue; // a bare verb says nothing on a timeline
            string text = string.Join(" ", new[] { ev.Actor, ev.Action, ev.Target }.Where(x => !string.IsNullOrWhiteSpace(x)));
            // CAMEO 01x ("make a public statement") adds nothing the statement's quote does not say better
            int info = (actor ? 1 : 0) + (target ? 1 : 0) + (ev.Cameo is { Length: > 0 } code && !code.StartsWith("01", StringComparison.Ordinal) ? 1 : 0);
            cands.Add(new Candidate
            {
                Date = date, Kind = "event", Text = text, Sentence = sentence, DocOrder = di, Doc = d, Start = ev.Start,
                DateFrom = from, DateText = dateText, Inferred = inferred, Evidence = evidence,
                Actor = ev.Actor, Action = ev.Action, Target = ev.Target, Negated = ev.Negated, Hypothetical = ev.Hypothetical,
                EventKey = EventKey(ev), Info = info,
            });
        }
    }

    private static void AddStatements(List<Candidate> cands, RollupDocument d, int di, IReadOnlyList<ResolvedTime> times, RollupOptions o)
    {
        if (times.Count == 0) return;
        var doc = d.Doc;
        var quoted = new HashSet<int>();
        int qi = 0;
        foreach (var q in doc.Quotes.Take(o.MaxStatementsPerDocument))
        {
            quoted.Add(qi++);
            int si = q.Sentence >= 0 && q.Sentence < doc.Sentences.Count ? q.Sentence : SentenceAt(doc, q.Start);
            AddStatement(cands, d, di, times, si, "quote", q.Text, q.Start, q.End, q.Speaker);
        }
        foreach (var c in doc.Claims.Take(o.MaxStatementsPerDocument))
        {
            if (c.Quote >= 0 && quoted.Contains(c.Quote)) continue; // the quote is already a candidate
            AddStatement(cands, d, di, times, SentenceAt(doc, c.Start), "claim", c.Text, c.Start, c.End, c.Speaker);
        }
    }

    private static void AddStatement(List<Candidate> cands, RollupDocument d, int di, IReadOnlyList<ResolvedTime> times, int si,
        string kind, string text, int start, int end, string? speaker)
    {
        var doc = d.Doc;
        if (si < 0 || si >= doc.Sentences.Count || string.IsNullOrWhiteSpace(text)) return;
        var s = doc.Sentences[si];
        // the sentence's resolved date: the finest one, the first among equals
        ResolvedTime? best = null;
        foreach (var t in times)
        {
            var te = doc.Times[t.Index];
            if (te.Start < s.Start || te.End > s.End) continue;
            if (best is null || t.Date.Precision > best.Date.Precision) best = t;
        }
        if (best is null) return;
        cands.Add(new Candidate
        {
            Date = best.Date, Kind = kind, Text = text.Trim(), Sentence = SentenceText(doc, si, start, end), DocOrder = di, Doc = d,
            Start = start, DateFrom = "text", DateText = doc.Times[best.Index].Text, Inferred = best.Inferred, Evidence = best.Evidence,
            Speaker = speaker, Info = string.IsNullOrWhiteSpace(speaker) ? 1 : 2,
        });
    }

    /// <summary>
    /// The same event told by two documents (a rewrite's "brought down" for a report's "shot down"): the same actor, event
    /// and target, by CAMEO code where the events stage coded them, else by their words; negation and mood must agree.
    /// Null when the actor or the event is missing: too little to call two events one.
    /// </summary>
    private static string? EventKey(NewsEvent ev)
    {
        string? actor = ev.ActorCode ?? (ev.Actor is { } a ? WordKey(a) : null);
        string? action = ev.Cameo ?? WordKey(ev.Action);
        if (string.IsNullOrEmpty(actor) || string.IsNullOrEmpty(action)) return null;
        string target = ev.TargetCode ?? (ev.Target is { } t ? WordKey(t) : "");
        return $"{actor}|{action}|{target}|{ev.Negated}|{ev.Hypothetical}";
    }

    /// <summary>The sentence containing offset <paramref name="offset"/> (binary search), or -1.</summary>
    internal static int SentenceAt(Document doc, int offset)
    {
        int lo = 0, hi = doc.Sentences.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            var s = doc.Sentences[mid];
            if (offset < s.Start) hi = mid - 1;
            else if (offset >= s.End) lo = mid + 1;
            else return mid;
        }
        return -1;
    }

    /// <summary>The text of sentence <paramref name="si"/>, or the span itself when the document has no such sentence.</summary>
    internal static string SentenceText(Document doc, int si, int start, int end)
    {
        int a, b;
        if (si >= 0 && si < doc.Sentences.Count) { a = doc.Sentences[si].Start; b = doc.Sentences[si].End; }
        else { a = start; b = end; }
        a = Math.Clamp(a, 0, doc.Text.Length);
        b = Math.Clamp(b, a, doc.Text.Length);
        return doc.Text[a..b].Trim();
    }

    /// <summary>The default near-duplicate test: the same words, ignoring case and punctuation.</summary>
    internal static bool SameWords(string a, string b) => WordKey(a) == WordKey(b);

    /// <summary>Lower-case words joined by one space: equal keys mean the same sentence up to case and punctuation.</summary>
    public static string WordKey(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        bool space = false;
        foreach (char ch in s)
        {
            if (char.IsLetterOrDigit(ch)) { if (space && sb.Length > 0) sb.Append(' '); sb.Append(char.ToLowerInvariant(ch)); space = false; }
            else space = true;
        }
        return sb.ToString();
    }
}
