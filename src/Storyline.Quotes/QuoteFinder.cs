using Storyline.Core;

namespace Storyline.Quotes;

/// <summary>
/// One document's quotes. Two passes over the shared annotations, the way citron combines them: cue words
/// (a lexicon of speech, belief, directive and labelling verbs, plus "according to") read off the dependency
/// parse give reported speech with its source (the cue's subject) and content (its complement); quotation
/// marks give direct quotes, attributed to the cue next to them. A quote found by both is one quote ("mixed"
/// when only part of the reported clause is in marks). Speakers are then resolved by <see cref="SpeakerResolver"/>.
/// </summary>
internal sealed partial class QuoteFinder
{
    /// <summary>Sentences longer than this are not searched for cues (bounded work on hostile input).</summary>
    private const int MaxSentenceTokens = 400;
    /// <summary>How far (tokens) from a quotation mark its cue may be.</summary>
    private const int CueWindow = 12;
    /// <summary>At most this many candidate quotes per document (overlap checks are quadratic in them).</summary>
    private const int MaxCandidates = 3000;

    private readonly Document _doc;
    private readonly AttributionModel? _model;
    private readonly List<Token> _tk;
    private readonly string _text;
    private readonly int _n;
    private readonly int[] _sentOf;
    private readonly int[] _firstChild, _nextSibling;

    internal int[] SentenceOf => _sentOf;
    internal int[] FirstChild => _firstChild;
    internal int[] NextSibling => _nextSibling;
    private readonly int[] _subMin, _subMax;
    private readonly int[] _markOf;           // index into _marks of the quote a token lies in (marks included), -1 outside
    private readonly List<MarkedSpan> _marks = [];
    private readonly int[] _paraOfSentence;
    private readonly string[] _lemma;
    private readonly int[] _mentionEnd;       // last token of the entity mention a token lies in, -1 outside
    private readonly bool[] _inTime;          // token lies in a time expression ("on Thursday")

    internal readonly record struct Candidate(
        int ContentFirst, int ContentLast, int SourceFirst, int SourceLast, int SourceHead, int CueFirst, int CueLast,
        string? Cue, string Kind);

    public QuoteFinder(Document doc, AttributionModel? model = null)
    {
        _doc = doc;
        _model = model;
        _tk = doc.Tokens;
        _text = doc.Text;
        _n = _tk.Count;
        _sentOf = new int[_n];
        Array.Fill(_sentOf, -1);
        for (int s = 0; s < doc.Sentences.Count; s++)
        {
            var se = doc.Sentences[s];
            for (int i = se.FirstToken; i < se.FirstToken + se.TokenCount && i < _n; i++) _sentOf[i] = s;
        }
        _lemma = new string[_n];
        for (int i = 0; i < _n; i++) _lemma[i] = (_tk[i].Lemma ?? _tk[i].Text).ToLowerInvariant();

        _firstChild = new int[_n]; _nextSibling = new int[_n];
        Array.Fill(_firstChild, -1); Array.Fill(_nextSibling, -1);
        for (int i = _n - 1; i >= 0; i--)
        {
            int h = _tk[i].Head;
            if (h < 0 || h >= _n || h == i) continue;
            _nextSibling[i] = _firstChild[h];
            _firstChild[h] = i;
        }
        (_subMin, _subMax) = SubtreeSpans();

        _paraOfSentence = new int[doc.Sentences.Count];
        for (int s = 1; s < doc.Sentences.Count; s++)
        {
            int gapStart = doc.Sentences[s - 1].End, gapEnd = doc.Sentences[s].Start;
            bool para = gapEnd > gapStart && _text.AsSpan(gapStart, gapEnd - gapStart).Contains('\n');
            _paraOfSentence[s] = _paraOfSentence[s - 1] + (para ? 1 : 0);
        }

        _mentionEnd = new int[_n];
        Array.Fill(_mentionEnd, -1);
        {
            int k = 0;
            foreach (var m in MentionsByStart)
            {
                while (k > 0 && _tk[k - 1].End > m.Start) k--;
                while (k < _n && _tk[k].End <= m.Start) k++;
                int last = k;
                while (last + 1 < _n && _tk[last + 1].Start < m.End) last++;
                for (int j = k; j <= last && j < _n; j++) _mentionEnd[j] = Math.Max(_mentionEnd[j], last);
            }
        }

        _inTime = new bool[_n];
        {
            int k = 0;
            foreach (var tx in doc.Times)   // in text order
            {
                while (k > 0 && _tk[k - 1].End > tx.Start) k--;
                while (k < _n && _tk[k].End <= tx.Start) k++;
                for (int j = k; j < _n && _tk[j].Start < tx.End; j++) _inTime[j] = true;
            }
        }

        _markOf = new int[_n];
        Array.Fill(_markOf, -1);
        _marks.AddRange(QuoteMarks.Find(_text, 0, _text.Length));
        int t = 0;
        for (int m = 0; m < _marks.Count; m++)
        {
            while (t < _n && _tk[t].End <= _marks[m].Start) t++;
            for (int k = t; k < _n && _tk[k].Start < _marks[m].End; k++) _markOf[k] = m;
        }
    }

    private IReadOnlyList<EntityMention>? _mentionsByStart;

    /// <summary>The document's mentions by start (a stable sort; the entity stage already writes them in that order, so usually no copy).</summary>
    private IReadOnlyList<EntityMention> MentionsByStart => _mentionsByStart ??= ByStart(_doc.Mentions);

    internal static IReadOnlyList<EntityMention> ByStart(List<EntityMention> ms)
    {
        for (int i = 1; i < ms.Count; i++)
            if (ms[i].Start < ms[i - 1].Start) return ms.OrderBy(m => m.Start).ToList();
        return ms;
    }

    // ------------------------------------------------------------------ tree helpers

    private (int[] Min, int[] Max) SubtreeSpans()
    {
        var min = new int[_n]; var max = new int[_n];
        var order = new List<int>(_n);
        var stack = new Stack<int>();
        var seen = new bool[_n];
        for (int r = 0; r < _n; r++)
        {
            int h = _tk[r].Head;
            if (h >= 0 && h < _n && h != r) continue;
            stack.Push(r);
            while (stack.Count > 0)
            {
                int x = stack.Pop();
                if (seen[x]) continue;
                seen[x] = true;
                order.Add(x);
                for (int c = _firstChild[x]; c >= 0; c = _nextSibling[c]) if (!seen[c]) stack.Push(c);
            }
        }
        for (int i = 0; i < _n; i++) { min[i] = i; max[i] = i; }
        // Children come after their parent in 'order': fold back to front. Tokens on a cycle keep their own span.
        for (int k = order.Count - 1; k >= 0; k--)
        {
            int x = order[k];
            int h = _tk[x].Head;
            if (h < 0 || h >= _n || h == x || !seen[h]) continue;
            if (min[x] < min[h]) min[h] = min[x];
            if (max[x] > max[h]) max[h] = max[x];
        }
        return (min, max);
    }

    private string Dep(int i) => _tk[i].Dep ?? "";
    private string Pos(int i) => _tk[i].Pos ?? "";
    private bool IsPunct(int i) => Pos(i) == "PUNCT";
    private bool IsQuoteMark(int i) => _tk[i].Text is "\"" or "“" or "”" or "``" or "''" or "'" or "‘" or "’";

    private int Child(int h, Func<string, bool> dep)
    {
        for (int c = _firstChild[h]; c >= 0; c = _nextSibling[c]) if (dep(Dep(c))) return c;
        return -1;
    }

    /// <summary>
    /// The child of <paramref name="h"/> with a matching relation nearest to it, never a date or time ("said Friday"):
    /// of two subjects the parse gives one verb ("FLINT, Mich. (UPI) — Former President Bill Clinton criticized"), the
    /// dateline is the farther.
    /// </summary>
    private int SubjectChild(int h, Func<string, bool> dep)
    {
        int best = -1;
        for (int c = _firstChild[h]; c >= 0; c = _nextSibling[c])
            if (dep(Dep(c)) && !_inTime[c] && (best < 0 || Math.Abs(c - h) < Math.Abs(best - h))) best = c;
        return best;
    }

    /// <summary>
    /// "”, Sen. Claire McCaskill (D-Mo.) said.": a bare noun phrase (no verb, no quotation) filling the gap between a
    /// closing mark and its cue is the speaker even when the parse hangs it elsewhere. Head: its last name or noun before a bracket.
    /// </summary>
    private (int First, int Last, int Head) PhraseBetween(int lo, int hi)
    {
        while (lo <= hi && (IsPunct(lo) || _markOf[lo] >= 0)) lo++;
        while (hi >= lo && IsPunct(hi) && _tk[hi].Text != ")") hi--;
        if (lo > hi || hi - lo > 12 || !SameSentence(lo, hi)) return (-1, -1, -1);
        int head = -1;
        bool bracket = false;
        for (int k = lo; k <= hi; k++)
        {
            if (_markOf[k] >= 0 || _inTime[k] || Pos(k) is "VERB" or "AUX" or "SCONJ" or "CCONJ" || _tk[k].Text is "," or ";" or ":") return (-1, -1, -1);
            if (_tk[k].Text == "(") bracket = true;
            if (!bracket && Pos(k) is "PROPN" or "NOUN" or "PRON") head = k;
        }
        return head < 0 ? (-1, -1, -1) : (lo, CloseBracket(lo, hi), head);
    }

    private bool SameSentence(int a, int b) => a >= 0 && b >= 0 && _sentOf[a] == _sentOf[b];

    private static bool IsSubj(string d) => d is "nsubj" or "nsubj:pass" or "csubj";

    // ------------------------------------------------------------------ pass 1: cues in the parse

    public List<Candidate> Find(CancellationToken ct)
    {
        var found = new List<Candidate>();
        for (int s = 0; s < _doc.Sentences.Count; s++)
        {
            if ((s & 63) == 0) ct.ThrowIfCancellationRequested();
            var se = _doc.Sentences[s];
            if (se.TokenCount > MaxSentenceTokens) continue;
            for (int i = se.FirstToken; i < se.FirstToken + se.TokenCount && i < _n; i++)
            {
                if (_markOf[i] >= 0 && !IsQuoteMark(i)) continue;   // cues inside a quotation belong to the quoted speaker
                if (_lemma[i] == "accord" || _tk[i].Text.Equals("according", StringComparison.OrdinalIgnoreCase))
                {
                    if (AccordingTo(i) is { } a) found.Add(a);
                    continue;
                }
                if (Pos(i) != "VERB" || !CueLexicon.IsCueVerb(_lemma[i])) continue;
                if (VerbCue(i) is { } v) found.Add(v);
                if (found.Count >= MaxCandidates) break;
            }
        }
        Transcripts(found);
        AddDirectQuotes(found);
        var kept = Resolve(found);
        if (_model is null) return kept;
        // The learned pass adds what the rules missed: a rule's quote keeps its words, its cue and its place.
        var ruleCues = new HashSet<int>();
        foreach (var c in found)
            for (int k = c.CueFirst; k >= 0 && k <= c.CueLast; k++) ruleCues.Add(k);
        var learned = LearnedCandidates(_model, TunedCueThreshold ?? _model.CueThreshold, ruleCues, ct);
        return Merge(kept, learned);
    }

    private static List<Candidate> Merge(List<Candidate> kept, List<Candidate> learned)
    {
        learned.Sort((a, b) => (b.ContentLast - b.ContentFirst).CompareTo(a.ContentLast - a.ContentFirst) is var c && c != 0 ? c : a.ContentFirst.CompareTo(b.ContentFirst));
        int rules = kept.Count;
        foreach (var c in learned)
        {
            bool clash = false;
            foreach (var k in kept)
            {
                bool overlap = c.ContentFirst <= k.ContentLast && c.ContentLast >= k.ContentFirst;
                bool cueInside = c.CueFirst >= k.ContentFirst && c.CueFirst <= k.ContentLast;
                if (overlap || cueInside) { clash = true; break; }
            }
            if (!clash) kept.Add(c);
        }
        if (kept.Count > rules) kept.Sort((a, b) => a.ContentFirst.CompareTo(b.ContentFirst));
        return kept;
    }

    /// <summary>"…, according to X" / "According to X, …": X is the source, the rest of the clause the content.</summary>
    private Candidate? AccordingTo(int i)
    {
        if (i + 1 >= _n || !_tk[i + 1].Text.Equals("to", StringComparison.OrdinalIgnoreCase)) return null;
        var se = _doc.Sentences[_sentOf[i]];
        int sFirst = se.FirstToken, sLast = se.FirstToken + se.TokenCount - 1;
        // The source: the noun phrase after "to", up to a clause boundary.
        int srcFirst = i + 2, srcLast = srcFirst - 1;
        for (int k = srcFirst; k <= sLast; k++)
        {
            var w = _tk[k].Text;
            if (w is "," or "." or ";" or ":" or "!" or "?" or "—" or "–" || (IsQuoteMark(k) && k > srcFirst)) break;
            if (k > srcFirst && Pos(k) == "VERB" && Dep(k) is not ("amod" or "acl" or "compound") && _mentionEnd[k - 1] < k) break;
            srcLast = k;
        }
        if (srcLast < srcFirst) return null;
        int head = HeadOfSpan(srcFirst, srcLast);
        // The content: the rest of the sentence on the side away from the phrase.
        int cFirst, cLast;
        if (i - 1 >= sFirst && srcLast + 1 <= sLast && i - sFirst <= 1)
        { cFirst = srcLast + 1; cLast = sLast; }           // "According to X, content."
        else if (i - sFirst > 2)
        {
            cFirst = sFirst; cLast = i - 1;                   // "Content, according to X."
            // "… content, according to X, more content": keep the tail when a clause follows.
            if (srcLast + 2 < sLast && _tk[srcLast + 1].Text == ",") cLast = sLast;
        }
        else { cFirst = srcLast + 1; cLast = sLast; }
        (cFirst, cLast) = Trim(cFirst, cLast, i, srcLast);
        if (cLast - cFirst < 2) return null;
        return new Candidate(cFirst, cLast, srcFirst, srcLast, head, i, i + 1, "according to", "reported");
    }

    /// <summary>A cue verb with a complement that carries the message, and its subject as the source.</summary>
    private Candidate? VerbCue(int v)
    {
        string lemma = _lemma[v];
        string dep = Dep(v);
        if (dep is "amod" or "compound" || _tk[v].Tag is "VBN" && Child(v, d => d == "aux:pass") >= 0 && Child(v, d => d == "obl:agent") < 0)
            return null;   // "the so-called deal", "he was asked": not a statement by a subject

        int cFirst = int.MaxValue, cLast = -1;
        void Take(int c) { cFirst = Math.Min(cFirst, _subMin[c]); cLast = Math.Max(cLast, _subMax[c]); }
        bool speech = CueLexicon.Speech.Contains(lemma);
        int ccomp = -1, xcomp = -1, obj = -1, oblAs = -1, oblPrep = -1;
        CueLexicon.PrepositionMessage.TryGetValue(lemma, out var preps);
        for (int c = _firstChild[v]; c >= 0; c = _nextSibling[c])
        {
            var d = Dep(c);
            if (d == "ccomp") ccomp = c;
            else if (d == "xcomp") xcomp = c;
            else if (d == "obj" || d == "iobj" && obj < 0) obj = c;
            else if (d.StartsWith("obl", StringComparison.Ordinal) && Child(c, x => x == "case") is int cs && cs >= 0)
            {
                if (_lemma[cs] == "as") oblAs = c;
                else if (preps is not null && oblPrep < 0 && c > v && Array.IndexOf(preps, _lemma[cs]) >= 0) oblPrep = c;
            }
            else if (d == "parataxis" && speech && c > v) ccomp = ccomp < 0 ? c : ccomp;
        }
        string kind = "reported";
        if (ccomp >= 0 && (speech || CueLexicon.Belief.Contains(lemma) || CueLexicon.Directive.Contains(lemma) || CueLexicon.Labelling.Contains(lemma)))
            Take(ccomp);
        else if (xcomp >= 0 && CueLexicon.Directive.Contains(lemma) && obj >= 0) { Take(obj); Take(xcomp); }
        else if (CueLexicon.Labelling.Contains(lemma) && obj > v && (xcomp >= 0 || oblAs >= 0 || lemma == "describe" || HasAs(obj)))
        { Take(obj); if (xcomp >= 0) Take(xcomp); if (oblAs >= 0) Take(oblAs); }
        else if (xcomp >= 0 && CueLexicon.Intention.Contains(lemma) && (obj < 0 || obj > xcomp))
            Take(xcomp);
        else if (obj >= 0 && obj > v && CueLexicon.ObjectMessage.Contains(lemma) && Pos(obj) is not "PRON")
        { Take(obj); if (xcomp >= 0) Take(xcomp); }
        else if (oblPrep >= 0 && obj < 0)
        {
            Take(oblPrep);
            int cs = Child(oblPrep, x => x == "case");
            if (cs >= 0 && cs < cFirst) cFirst = cs + 1;   // the preposition belongs to the cue ("called for")
            cFirst = Math.Max(cFirst, v + 1);
            while (cFirst < cLast && _tk[cFirst].Head == oblPrep && Dep(cFirst) == "case") cFirst++;
        }
        else if (dep == "parataxis" && speech && _tk[v].Head is int h && h >= 0 && h < v && SameSentence(h, v))
        {
            // "Talks will resume, he said.": the clause the cue hangs from, up to the cue's own phrase.
            cFirst = _subMin[h];
            cLast = _subMin[v] - 1;
        }
        else if (dep == "ccomp" && speech && _tk[v].Head is int h2 && h2 >= 0 && h2 < v && SameSentence(h2, v) && Child(v, IsSubj) >= 0)
        {
            // Misparse of "Talks will resume, he said" with the cue as complement of the content.
            cFirst = _subMin[h2];
            cLast = _subMin[v] - 1;
        }
        if (cLast < 0 && speech && ccomp < 0)
        {
            // "said on Monday that …" with the clause misattached: a "that" a few words after the cue opens the content.
            for (int k = v + 1; k < _n && k <= v + 6 && SameSentence(k, v) && _markOf[k] < 0; k++)
            {
                if (_lemma[k] != "that" || !(Dep(k) == "mark" || Pos(k) == "SCONJ")) continue;
                int h = _tk[k].Head;
                var se = _doc.Sentences[_sentOf[v]];
                if (h > k && SameSentence(h, v)) { cFirst = k; cLast = Math.Max(_subMax[h], Dep(k) == "mark" ? 0 : se.FirstToken + se.TokenCount - 1); }
                break;
            }
        }
        if (cLast < 0 && (speech || CueLexicon.Belief.Contains(lemma)) && ccomp < 0 && xcomp < 0)
            (cFirst, cLast) = ClauseAfter(v, CueLexicon.Addressed.Contains(lemma));
        if (cLast < 0 && speech && TrailingSource(v) is var (tf0, _) && tf0 - 2 >= _doc.Sentences[_sentOf[v]].FirstToken + 2)
        {
            // "…, the official added." with the cue parsed as a conjunct: the sentence before the comma is what was said.
            cFirst = _doc.Sentences[_sentOf[v]].FirstToken;
            cLast = tf0 - 2;
        }
        if (cLast < 0) return null;
        if (ccomp >= 0 && cFirst > v && !CueLexicon.Addressed.Contains(lemma))
        {
            // "believes his efforts … will be": a subject misparsed as the cue's object belongs to the clause.
            for (int c = _firstChild[v]; c >= 0; c = _nextSibling[c])
                if (c > v && c < cFirst && Dep(c) == "obj") { cFirst = _subMin[c]; break; }
        }

        // The source: the cue's subject, or for a participle ("…, saying …") the subject of the verb it hangs from.
        // A clause subject ("Lamenting their luck, Mexicans say") yields to a noun subject; a date never speaks ("said Friday").
        int subj = SubjectChild(v, d => d == "nsubj");
        if (subj < 0) subj = SubjectChild(v, d => d == "csubj");
        int agent = Child(v, d => d == "obl:agent");
        if (subj < 0 && agent >= 0) subj = agent;
        int up = v;
        for (int hop = 0; subj < 0 && hop < 3; hop++)
        {
            if (Dep(up) is not ("advcl" or "xcomp" or "conj" or "parataxis" or "acl" or "ccomp")) break;
            int h = _tk[up].Head;
            if (h < 0 || !SameSentence(h, v)) break;
            up = h;
            subj = SubjectChild(up, d => d is "nsubj" or "nsubj:pass");
        }
        if (subj >= 0 && _markOf[subj] >= 0 && _markOf[subj] != _markOf[v])
        {
            // A subject inside the quotation is the parser joining the quote to the cue: the speaker is outside, by the cue.
            var se = _doc.Sentences[_sentOf[v]];
            var (sh, _, _) = SubjectNear(v, v + 1, Math.Min(se.FirstToken + se.TokenCount - 1, v + 6), allowChild: false);
            subj = sh;
            if (subj < 0)
                for (int k = v - 1; k >= 0 && k >= v - 8 && _markOf[k] < 0; k--)
                    if (Pos(k) is "PRON" or "PROPN" or "NOUN") { subj = k; break; }
        }
        (int First, int Last)? trailing = null;
        if (speech && v - 1 >= 0 && _tk[v - 1].Text == "," && SameSentence(v - 1, v) && InvertedSource(v) is var (inf, inl) && inf >= 0 && (subj < 0 || subj < v && subj >= cFirst && subj <= cLast))
        {
            // "…, said the source, who …": the speaker follows the cue.
            trailing = (inf, inl);
            subj = inl;
            int sentenceFirst = _doc.Sentences[_sentOf[v]].FirstToken;
            if (cLast < 0 || cFirst > v) { cFirst = sentenceFirst; cLast = v - 2; }
            else cLast = Math.Min(cLast, v - 2);
        }
        if (speech && trailing is null && TrailingSource(v) is var (tf, tl) && tf >= 0 && (subj < 0 || subj < tf || subj > tl || cLast >= tf && cFirst <= tl))
        {
            trailing = (tf, tl);
            // "…, the source added.": the phrase between the last comma and a closing cue is the speaker, whatever the parse says.
            subj = tl;   // the head of a noun phrase is its last word
            if (cLast >= tf - 1) cLast = tf - 2;
            if (cFirst > cLast) { cFirst = _doc.Sentences[_sentOf[v]].FirstToken; }
        }
        if (subj < 0) return null;
        if (Pos(subj) == "PRON" && _lemma[subj] is "it" && _tk[v].Tag != "VBD" && ccomp < 0) return null;

        var (sFirst, sLast) = trailing ?? FullSourceSpan(subj, v);
        if (sFirst <= cLast && sLast >= cFirst)
        {
            // The subject sits inside the content span (inverted "…, said X" parsed as one clause): cut the content there.
            if (sFirst > cFirst) cLast = Math.Min(cLast, sFirst - 1);
            else cFirst = Math.Max(cFirst, sLast + 1);
        }
        if (v >= cFirst && v <= cLast)
        {
            if (v > cFirst) cLast = v - 1; else cFirst = v + 1;
        }
        (cFirst, cLast) = Trim(cFirst, cLast, v, sLast);
        if (cLast < cFirst) return null;
        int cueFirst = v, cueLast = v;
        return new Candidate(cFirst, cLast, sFirst, sLast, subj, cueFirst, cueLast, lemma, kind);
    }

    /// <summary>
    /// The parser found no complement but a clause follows the cue ("said the union expected …", "have not said
    /// when …"): the rest of the sentence, after an addressee for "tell", when it has a verb.
    /// </summary>
    private (int First, int Last) ClauseAfter(int v, bool addressed)
    {
        var se = _doc.Sentences[_sentOf[v]];
        int end = se.FirstToken + se.TokenCount - 1;
        int k = v + 1;
        if (addressed)
            while (k <= end && (Pos(k) is "PROPN" or "NOUN" or "DET" or "PRON" && _lemma[k] != "that" || Pos(k) == "ADJ")) k++;
        if (k > end || _markOf[k] >= 0 && !IsOpeningMark(k)) return (-1, -1);
        bool opens = Pos(k) is "DET" or "PRON" or "PROPN" or "NOUN" or "NUM" or "SCONJ" || _lemma[k] is "that" or "when" or "what" or "why" or "how" or "whether" or "if" or "who";
        if (!opens || _lemma[k] is "it" && k + 1 <= end && _lemma[k + 1] is "." or ",") return (-1, -1);
        int last = end;
        while (last > k && IsPunct(last) && !IsClosingMark(last)) last--;
        if (last - k < 2) return (-1, -1);
        bool verb = false;
        for (int j = k + 1; j <= last && !verb; j++) verb = Pos(j) is "VERB" or "AUX";
        return verb ? (k, last) : (-1, -1);
    }

    /// <summary>"…, said the source, who …": the noun phrase right after the cue, up to a comma or the end.</summary>
    private (int First, int Last)? InvertedSource(int v)
    {
        var se = _doc.Sentences[_sentOf[v]];
        int end = se.FirstToken + se.TokenCount - 1;
        int k = v + 1;
        if (k > end || !(Pos(k) is "DET" or "PROPN" or "NOUN" or "PRON" or "ADJ") || _markOf[k] >= 0) return null;
        int last = k;
        while (last + 1 <= end && last + 1 - k < 12 && (Pos(last + 1) is "PROPN" or "NOUN" or "ADJ" or "NUM" or "DET" or "ADP" && _lemma[last + 1] != "that" || _tk[last + 1].Text is "'s" or "’s" or "." && last + 2 <= end && Pos(last + 2) == "PROPN") && _markOf[last + 1] < 0) last++;
        while (last > k && Pos(last) is "ADP" or "DET") last--;
        return (k, last);
    }

    /// <summary>"…, the source added." / "…, she said on Monday.": the noun phrase between a comma and a sentence-final cue.</summary>
    private (int First, int Last)? TrailingSource(int v)
    {
        var se = _doc.Sentences[_sentOf[v]];
        int end = se.FirstToken + se.TokenCount - 1;
        int tail = 0;
        for (int k = v + 1; k <= end; k++)
        {
            if (IsPunct(k)) continue;
            if (Pos(k) is "VERB" || ++tail > 4) return null;
        }
        int j = v - 1;
        while (j > se.FirstToken && v - j < 12 && (Pos(j) is "PROPN" or "NOUN" or "DET" or "ADJ" or "PRON" or "NUM" or "AUX" or "ADV" or "ADP" && _markOf[j] < 0 && _lemma[j] != "that" || _tk[j].Text is "'s" or "’s")) j--;
        if (j <= se.FirstToken || _tk[j].Text != "," || j + 1 > v - 1) return null;
        int first = j + 1, last = v - 1;
        while (last > first && Pos(last) is "AUX" or "ADV") last--;   // "…, the source has also said"
        if (Pos(first) is "AUX" or "ADV" or "ADP") return null;
        return (first, last);
    }

    private bool HasAs(int head)
    {
        for (int k = _subMin[head]; k <= _subMax[head]; k++) if (_lemma[k] == "as") return true;
        return false;
    }

    /// <summary>
    /// The first and last token of <paramref name="head"/>'s subtree, visiting at most <paramref name="budget"/> nodes;
    /// <paramref name="skip"/>(parent, child) leaves a child and everything under it out.
    /// </summary>
    private (int First, int Last) SubtreeExtent(int head, int budget, Func<int, int, bool> skip)
    {
        int first = head, last = head;
        var stack = new Stack<int>();
        stack.Push(head);
        int visited = 0;
        while (stack.Count > 0 && visited++ < budget)
        {
            int x = stack.Pop();
            for (int c = _firstChild[x]; c >= 0; c = _nextSibling[c])
            {
                if (skip(x, c)) continue;
                if (c < first) first = c;
                if (c > last) last = c;
                stack.Push(c);
            }
        }
        return (first, last);
    }

    /// <summary>The source phrase: the subject's subtree without relative clauses, trimmed of punctuation.</summary>
    private (int First, int Last) SourceSpan(int head)
    {
        var (first, last) = SubtreeExtent(head, 64,
            (_, c) => Dep(c) is "acl:relcl" or "parataxis" or "ccomp" or "advcl" || !SameSentence(c, head) || _inTime[c] && c > head);
        while (first < last && (IsPunct(first) || Dep(first) == "case" && _tk[first].Head == head || _markOf[first] >= 0 && _markOf[first] != _markOf[head])) first++;
        while (last > first && (IsPunct(last) || _markOf[last] >= 0 && _markOf[last] != _markOf[head])) last--;
        // The phrase must not run into a quotation: stop at the first mark after the head.
        for (int k = head + 1; k <= last; k++) if (IsQuoteMark(k)) { last = k - 1; break; }
        for (int k = head - 1; k >= first; k--) if (IsQuoteMark(k)) { first = k + 1; break; }
        return (first, CloseBracket(first, last));
    }

    /// <summary>
    /// The source as PolNeAR marks it: the whole phrase under the subject's head — titles and determiners on the left,
    /// appositions, participle phrases and relative clauses on the right ("Douglas Brinkley, a historian who attended
    /// the session,") with the comma that closes them — never reaching the cue, a quotation or another sentence.
    /// Long or clause-like subtrees fall back to the bare phrase.
    /// </summary>
    private (int First, int Last) FullSourceSpan(int head, int cue)
    {
        var (bareFirst, bareLast) = SourceSpan(head);
        // Clauses beside the phrase (not modifying it) and a trailing date stay out; so does the cue itself.
        var (first, last) = SubtreeExtent(head, 96,
            (x, c) => x == head && Dep(c) is "parataxis" or "ccomp" or "advcl" or "conj" or "cc" || !SameSentence(c, head) || c == cue
                      || _inTime[c] && c > head && x == head);
        if (cue > head && last >= cue) last = cue - 1;
        if (cue >= 0 && cue < head && first <= cue) first = cue + 1;
        for (int k = head + 1; k <= last; k++) if (IsQuoteMark(k)) { last = k - 1; break; }
        for (int k = head - 1; k >= first; k--) if (IsQuoteMark(k)) { first = k + 1; break; }
        while (first < last && (IsPunct(first) || Dep(first) == "case" && _tk[first].Head == head)) first++;
        while (last > first && IsPunct(last)) last--;
        if (last - first > 40 || first > bareFirst || last < bareLast) return (bareFirst, bareLast);
        (first, last) = JoinSplitSubject(head, cue, first, last);
        // A name the phrase only partly covers is taken whole ("Wells" of "Wells Fargo").
        while (first > 0 && _mentionEnd[first - 1] >= first && first - 1 != cue && SameSentence(first - 1, head) && !IsQuoteMark(first - 1)) first--;
        for (int guard = 0; guard < 8 && _mentionEnd[last] > last && (cue <= head || _mentionEnd[last] < cue) && SameSentence(_mentionEnd[last], head); guard++)
        {
            int end = _mentionEnd[last];
            bool mark = false;
            for (int k = last + 1; k <= end; k++) mark |= IsQuoteMark(k);
            if (mark) break;
            last = end;
        }
        last = CloseBracket(first, last);
        if (cue >= 0 && cue < head) last = InvertedTail(head, last);
        // An apposition or relative clause set off by a comma closes with one ("Brian Fallon, the campaign's press secretary,").
        if (last + 1 < _n && _tk[last + 1].Text == "," && SameSentence(last + 1, head) && (cue < 0 || cue > last + 1) && _markOf[last + 1] < 0)
        {
            bool inner = false;
            for (int k = first + 1; k <= last && !inner; k++) inner = _tk[k].Text == ",";
            if (inner) last++;
        }
        return (first, last);
    }

    private static bool IsRelativePronoun(string lemma) => lemma is "who" or "which" or "that" or "whose";

    /// <summary>
    /// "…,” said Don Fowler, who helmed the DNC …, and has backed …": a source after its cue keeps the apposition or
    /// relative clause that closes the sentence after a comma.
    /// </summary>
    private int InvertedTail(int head, int last)
    {
        int k = last + 1;
        if (k + 1 >= _n || _tk[k].Text != "," || !SameSentence(k + 1, head)) return last;
        if (!(IsRelativePronoun(_lemma[k + 1]) && Pos(k + 1) == "PRON" || Pos(k + 1) is "DET" or "NOUN" or "PROPN" or "ADJ" || Pos(k + 1) == "NUM")) return last;
        if (_inTime[k + 1]) return last;
        var se = _doc.Sentences[_sentOf[head]];
        int end = se.FirstToken + se.TokenCount - 1;
        while (end > k && IsPunct(end) && _tk[end].Text != ")") end--;
        if (end - last > 30) return last;
        for (int j = k + 1; j <= end; j++) if (_markOf[j] >= 0) return last;
        return end;
    }

    /// <summary>
    /// One subject the parser split into siblings ("Democratic candidate | Hillary Clinton says", "Fox | News ' Megyn Kelly"):
    /// noun-like dependents of the same verb that touch the phrase (at most a preposition between) join it.
    /// </summary>
    private (int First, int Last) JoinSplitSubject(int head, int cue, int first, int last)
    {
        int p = _tk[head].Head;
        if (p < 0 || p >= _n || p == head || !SameSentence(p, head)) return (first, last);
        for (int round = 0; round < 4; round++)
        {
            bool changed = false;
            for (int c = _firstChild[p]; c >= 0; c = _nextSibling[c])
            {
                if (c == head || c == cue || c >= first && c <= last || !SameSentence(c, head) || _inTime[c] || _markOf[c] >= 0) continue;
                // a modifier the parse hung on the verb ("Former | DNC chairman calls for") joins from the left only
                bool modifier = c < first && Dep(c) is "amod" or "det" or "nummod";
                if (!modifier && Dep(c) is not ("nsubj" or "nsubj:pass" or "nmod:poss" or "compound" or "flat" or "nmod:desc") || Pos(c) is not ("NOUN" or "PROPN" or "ADJ" or "DET" or "NUM")) continue;
                int cf = _subMin[c], cl = _subMax[c];
                if (cue >= 0 && (cf <= cue && cl >= cue || (c < cue) != (head < cue))) continue;
                bool quote = false;
                for (int k = cf; k <= cl; k++) quote |= _markOf[k] >= 0 || IsPunct(k) && _tk[k].Text != "'" && _tk[k].Text != "’" && _tk[k].Text != ".";
                if (quote || cl - cf > 8) continue;
                bool Gap(int a, int b) => a > b || a == b && Pos(a) is "ADP" or "PART" && !IsPunct(a);
                if (cl < first && Gap(cl + 1, first - 1)) { first = cf; changed = true; }
                else if (cf > last && Gap(last + 1, cf - 1)) { last = cl; changed = true; }
            }
            if (!changed) break;
        }
        return (first, last);
    }

    /// <summary>
    /// A phrase whose trimming cut a bracket it opened ("Rep. Stephen Lynch (D-Mass." of "Rep. Stephen Lynch (D-Mass.)")
    /// ends at the closing bracket when it follows within two tokens of the same sentence.
    /// </summary>
    private int CloseBracket(int first, int last)
    {
        int open = 0;
        for (int k = first; k <= last; k++)
        {
            if (_tk[k].Text == "(") open++;
            else if (_tk[k].Text == ")" && open > 0) open--;
        }
        if (open != 1) return last;
        for (int k = last + 1; k <= last + 2 && k < _n && SameSentence(k, last) && IsPunct(k) && _markOf[k] < 0; k++)
            if (_tk[k].Text == ")") return k;
        return last;
    }

    private int HeadOfSpan(int first, int last)
    {
        for (int k = first; k <= last; k++)
        {
            int h = _tk[k].Head;
            if (h < first || h > last) return k;
        }
        return last;
    }

    /// <summary>Strips leading/trailing punctuation (not quotation marks that close the span), connectives and the cue/source side.</summary>
    private (int First, int Last) Trim(int first, int last, int cue, int sourceLast)
    {
        while (first <= last && (IsPunct(first) && !IsOpeningMark(first) || _tk[first].Text is "," or ":" or "—" or "–" or "-")) first++;
        while (last >= first && IsPunct(last) && !IsClosingMark(last)) last--;
        // A closing mark keeps the punctuation before it ("…,”"); a lone closing mark with no opening inside is stray.
        if (last >= first && IsClosingMark(last) && _markOf[last] >= 0 && _marks[_markOf[last]].Start < _tk[first].Start)
        {
            // the quotation began before the content: widen to it when it is in the same sentence
            int m = _markOf[last];
            int k = first;
            while (k > 0 && _markOf[k - 1] == m && SameSentence(k - 1, first)) k--;
            if (k < first && (cue < k || cue > last) && (sourceLast < k || sourceLast > last)) first = k;
        }
        if (first <= last && IsOpeningMark(first) && _markOf[first] >= 0)
        {
            // Widen to the closing mark of a quotation that opened the content.
            int m = _markOf[first];
            int k = last;
            while (k + 1 < _n && _markOf[k + 1] == m && (cue <= k || cue > k + 1)) k++;
            if (k > last && (cue < first || cue > k)) last = k;
        }
        return (first, last);
    }

    private bool IsOpeningMark(int i) => _markOf[i] >= 0 && _tk[i].Start == _marks[_markOf[i]].Start;
    private bool IsClosingMark(int i) => _markOf[i] >= 0 && _tk[i].End == _marks[_markOf[i]].End && _marks[_markOf[i]].Closed;

    // ------------------------------------------------------------------ pass 2: quotation marks

    private void AddDirectQuotes(List<Candidate> found)
    {
        // Which marked spans are already carried by a reported-speech candidate.
        var covered = new bool[_marks.Count];
        var owner = new int[_marks.Count];   // the candidate carrying each covered quotation
        for (int q = 0; q < found.Count; q++)
        {
            var c = found[q];
            int inside = 0, total = 0, mark = -1;
            bool oneMark = true;
            for (int k = c.ContentFirst; k <= c.ContentLast; k++)
            {
                if (IsPunct(k) && _markOf[k] < 0) continue;
                total++;
                if (_markOf[k] >= 0)
                {
                    inside++;
                    if (mark >= 0 && _markOf[k] != mark) oneMark = false;
                    mark = _markOf[k];
                    covered[mark] = true;
                    owner[mark] = q;
                }
                else oneMark = false;
            }
            if (inside == 0 || mark < 0) continue;
            if (oneMark)
            {
                // The whole content is in one quotation (maybe only its last sentence was parsed as the complement): take it all.
                var (mf, ml) = TokensOf(_marks[mark]);
                bool outside = (c.CueFirst < mf || c.CueFirst > ml) && (c.SourceHead < mf || c.SourceHead > ml);
                found[q] = outside && mf >= 0 ? c with { ContentFirst = mf, ContentLast = ml, Kind = "direct" } : c with { Kind = "direct" };
            }
            else found[q] = c with { Kind = inside * 5 >= total * 4 ? "direct" : "mixed" };
        }

        Candidate? previous = null;
        int previousPara = -1;
        for (int m = 0; m < _marks.Count && found.Count < 2 * MaxCandidates; m++)
        {
            var (first, last) = TokensOf(_marks[m]);
            if (first < 0) continue;
            int words = 0;
            for (int k = first; k <= last; k++) if (!IsPunct(k)) words++;
            if (covered[m])
            {
                var own = found[owner[m]];
                if (own.Cue is not null && own.ContentFirst <= first && own.ContentLast >= last) { previous = own; previousPara = _paraOfSentence[_sentOf[last]]; }
                continue;
            }
            if (words < 4) continue;   // scare quotes and titles, not statements

            var cand = CueAfter(first, last) ?? CueBefore(first, last) ?? CueIntroducing(first, last);
            int para = _paraOfSentence[_sentOf[first]];
            if (cand is null && previous is { } p && (para == previousPara || para == previousPara + 1) && StartsParagraphOrFollows(first, p))
            {
                // A quote paragraph following an attributed one continues the same speaker's words.
                cand = p with { ContentFirst = first, ContentLast = last, CueFirst = -1, CueLast = -1, Cue = null, Kind = "direct" };
            }
            if (cand is null)
            {
                if (words < 8) continue;
                cand = new Candidate(first, last, -1, -1, -1, -1, -1, null, "direct");
            }
            found.Add(cand.Value);
            if (cand.Value.SourceHead >= 0) { previous = cand; previousPara = _paraOfSentence[_sentOf[last]]; }
        }
    }

    private bool StartsParagraphOrFollows(int first, Candidate p)
    {
        int s = _sentOf[first];
        var se = _doc.Sentences[s];
        return first == se.FirstToken || p.ContentLast < first;
    }

    private (int First, int Last) TokensOf(MarkedSpan m)
    {
        int lo = 0, hi = _n - 1, first = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            if (_tk[mid].Start >= m.Start) { first = mid; hi = mid - 1; } else lo = mid + 1;
        }
        if (first < 0 || _tk[first].Start >= m.End) return (-1, -1);
        int last = first;
        while (last + 1 < _n && _tk[last + 1].End <= m.End) last++;
        return (first, last);
    }

    /// <summary>"“…,” the official said." / "“…,” said Smith.": a speech verb just after the closing mark.</summary>
    private Candidate? CueAfter(int first, int last)
    {
        int s = _sentOf[last];
        var se = _doc.Sentences[s];
        int end = Math.Min(se.FirstToken + se.TokenCount - 1, last + CueWindow);
        // The cue may sit in the next sentence when the splitter cut after "?”" or "!”".
        if (last + 1 < _n && _sentOf[last + 1] != s && _sentOf[last + 1] >= 0)
        {
            var next = _doc.Sentences[_sentOf[last + 1]];
            if (_tk[last].Text is "”" or "\"" && (_tk[last - 1 >= 0 ? last - 1 : last].Text is "?" or "!") && _paraOfSentence[_sentOf[last + 1]] == _paraOfSentence[s])
                end = Math.Min(next.FirstToken + next.TokenCount - 1, last + CueWindow);
        }
        if (last + 2 < _n && _tk[last + 1].Text is "―" or "—" or "–" or "-" && _markOf[last + 1] < 0 && Pos(last + 2) == "PROPN")
        {
            // "“…” ― Jane Doe": a dash and a name sign the quote.
            int nameLast = last + 2;
            while (nameLast + 1 < _n && Pos(nameLast + 1) == "PROPN" && _markOf[nameLast + 1] < 0 && SameSentence(nameLast + 1, last + 2)) nameLast++;
            return new Candidate(first, last, last + 2, nameLast, HeadOfSpan(last + 2, nameLast), last + 1, last + 1, null, "direct");
        }
        for (int k = last + 1; k <= end; k++)
        {
            if (_markOf[k] >= 0) break;
            if (Pos(k) != "VERB" || !CueLexicon.Speech.Contains(_lemma[k])) continue;
            var (sh, sf, sl) = SubjectNear(k, last + 1, end);
            if (sh < 0) return null;
            return new Candidate(first, last, sf, sl, sh, k, k, _lemma[k], "direct");
        }
        return null;
    }

    /// <summary>"X said: “…”" / "X said that “…”": a speech verb just before the opening mark.</summary>
    private Candidate? CueBefore(int first, int last)
    {
        int s = _sentOf[first];
        var se = _doc.Sentences[s];
        int start = Math.Max(se.FirstToken, first - CueWindow);
        for (int k = first - 1; k >= start; k--)
        {
            if (_markOf[k] >= 0) break;
            if (Pos(k) != "VERB" || !CueLexicon.Speech.Contains(_lemma[k])) continue;
            // Only punctuation, "that" or an addressee between the cue and the mark.
            for (int j = k + 1; j < first; j++)
                if (!(IsPunct(j) || _lemma[j] is "that" or "as" or "follow" || Pos(j) is "PRON" or "PROPN" or "NOUN" or "DET" || Dep(j) is "obl" or "case" or "det" or "amod"))
                    return null;
            var (sh, sf, sl) = SubjectNear(k, start, first - 1);
            if (sh < 0) return null;
            return new Candidate(first, last, sf, sl, sh, k, k, _lemma[k], "direct");
        }
        return null;
    }

    /// <summary>"The Times reports:" closing the sentence (or paragraph) just before the quotation.</summary>
    private Candidate? CueIntroducing(int first, int last)
    {
        int k = first - 1;
        if (k < 0 || _tk[k].Text != ":" || _markOf[k] >= 0) return null;
        int s = _sentOf[k];
        var se = _doc.Sentences[s];
        for (int j = k - 1; j >= se.FirstToken && j >= k - CueWindow; j--)
        {
            if (_markOf[j] >= 0) break;
            if (Pos(j) != "VERB" || !CueLexicon.Speech.Contains(_lemma[j])) continue;
            var (sh, sf, sl) = SubjectNear(j, se.FirstToken, k - 1);
            if (sh < 0) return null;
            return new Candidate(first, last, sf, sl, sh, j, j, _lemma[j], "direct");
        }
        return null;
    }

    /// <summary>
    /// "PENCE: Well, look, …" (a transcript line) and "Pence: Flowers won't be at debate" (a headline): a name and a
    /// colon opening a paragraph or a quotation. The name must be a person or organisation mention, or written in capitals.
    /// </summary>
    private void Transcripts(List<Candidate> found)
    {
        for (int s = 0; s < _doc.Sentences.Count; s++)
        {
            var se = _doc.Sentences[s];
            if (s > 0 && _paraOfSentence[s] == _paraOfSentence[s - 1]) continue;
            int first = se.FirstToken;
            if (first >= _n) continue;
            bool inMark = IsOpeningMark(first);
            if (inMark) first++;
            int colon = -1;
            for (int k = first; k < _n && k <= first + 3 && SameSentence(k, se.FirstToken); k++)
                if (_tk[k].Text == ":") { colon = k; break; }
            if (colon <= first) continue;
            bool named = true;
            for (int k = first; k < colon; k++)
            {
                var w = _tk[k].Text;
                bool caps = w.Length >= 2 && w.All(ch => !char.IsLetter(ch) || char.IsUpper(ch)) && w.Any(char.IsLetter);
                bool mention = _mentionEnd[k] >= colon - 1 || _mentionEnd[k] >= k && Pos(k) == "PROPN";
                if (!caps && !mention) { named = false; break; }
            }
            if (!named) continue;
            // The content: to the end of the quotation, or of the paragraph.
            int last = colon;
            int para = _paraOfSentence[s];
            while (last + 1 < _n && _sentOf[last + 1] >= 0 && _paraOfSentence[_sentOf[last + 1]] == para
                   && (!inMark || _markOf[last + 1] == _markOf[first - 1])) last++;
            while (last > colon && IsPunct(last) && !IsQuoteMark(last)) last--;
            if (inMark && IsClosingMark(last)) last--;
            if (last - colon < 2) continue;
            found.Add(new Candidate(colon + 1, last, first, colon - 1, HeadOfSpan(first, colon - 1), colon, colon, ":", "direct"));
        }
    }

    /// <summary>The subject of a cue next to a quotation: its nsubj, or the noun phrase right after it ("said Smith").</summary>
    private (int Head, int First, int Last) SubjectNear(int cue, int lo, int hi, bool allowChild = true)
    {
        int subj = allowChild ? SubjectChild(cue, d => d is "nsubj" or "nsubj:pass") : -1;
        for (int hop = 0, up = cue; allowChild && subj < 0 && hop < 2; hop++)
        {
            if (Dep(up) is not ("advcl" or "xcomp" or "conj")) break;
            up = _tk[up].Head;
            if (up < 0 || !SameSentence(up, cue)) break;
            subj = SubjectChild(up, d => d is "nsubj" or "nsubj:pass");
        }
        if (subj < 0 && cue + 1 <= hi && Pos(cue + 1) is "PROPN" or "NOUN" or "PRON" or "DET" && _markOf[cue + 1] < 0 && !_inTime[cue + 1])
        {
            int k = cue + 1;
            while (k + 1 <= hi && Pos(k + 1) is "PROPN" or "NOUN" or "ADJ" && _markOf[k + 1] < 0) k++;
            subj = HeadOfSpan(cue + 1, k);
            var (f0, l0) = FullSourceSpan(subj, cue);
            return (subj, Math.Max(f0, cue + 1), l0);
        }
        if (subj < 0 && PhraseBetween(lo, cue - 1) is var (pf, pl, ph) && ph >= 0) return (ph, pf, pl);
        if (subj < 0 || _markOf[subj] >= 0) return (-1, -1, -1);
        var (f, l) = FullSourceSpan(subj, cue);
        return (subj, f, l);
    }

    // ------------------------------------------------------------------ overlaps

    /// <summary>One quote per stretch of text: a statement nested in another's content is the quoted speaker's, not a new one.</summary>
    private static List<Candidate> Resolve(List<Candidate> found)
    {
        found.Sort((a, b) => (b.ContentLast - b.ContentFirst).CompareTo(a.ContentLast - a.ContentFirst) is var c && c != 0 ? c : a.ContentFirst.CompareTo(b.ContentFirst));
        var kept = new List<Candidate>();
        foreach (var c in found)
        {
            bool clash = false;
            foreach (var k in kept)
            {
                bool overlap = c.ContentFirst <= k.ContentLast && c.ContentLast >= k.ContentFirst;
                bool cueInside = c.CueFirst >= k.ContentFirst && c.CueFirst <= k.ContentLast;
                if (overlap || cueInside) { clash = true; break; }
            }
            if (!clash) kept.Add(c);
        }
        kept.Sort((a, b) => a.ContentFirst.CompareTo(b.ContentFirst));
        return kept;
    }
}
