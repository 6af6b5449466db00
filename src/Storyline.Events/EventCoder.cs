using Storyline.Core;

namespace Storyline.Events;

/// <summary>Codes the events of one document, sentence by sentence (not thread-safe; one per document).</summary>
internal sealed class EventCoder
{
    // Longest sentence coded, in tokens, and most clause words a pattern is matched against: bounds the work on
    // hostile input (one giant "sentence") without touching ordinary news sentences.
    private const int MaxSentenceTokens = 150;
    private const int MaxClauseWords = 40;

    private static readonly HashSet<string> ClauseDeps = new(StringComparer.Ordinal)
    { "ccomp", "advcl", "parataxis", "conj", "csubj", "acl:relcl", "acl", "punct", "cc", "list", "discourse", "vocative", "reparandum", "dep" };

    private static readonly HashSet<string> PhraseDeps = new(StringComparer.Ordinal)
    { "compound", "amod", "flat", "flat:name", "flat:foreign", "nmod:poss", "nmod:desc", "case", "nummod" };

    private static readonly HashSet<string> TargetPreps = new(StringComparer.Ordinal)
    { "with", "against", "to", "on", "toward", "towards", "from", "at", "into", "over", "for", "upon", "in" };

    private static readonly HashSet<string> Modals = new(StringComparer.Ordinal)
    { "may", "might", "could", "would", "should", "will", "shall", "can", "must", "'ll", "wo", "ca", "'d" };

    private static readonly HashSet<string> Negators = new(StringComparer.Ordinal) { "not", "n't", "never", "no" };

    private static readonly HashSet<string> Conditionals = new(StringComparer.Ordinal) { "if", "unless", "whether" };

    // Verbs after which an infinitive did happen ("managed to meet"); any other "to"-complement is not (yet) a fact.
    private static readonly HashSet<string> Implicative = new(StringComparer.Ordinal)
    { "manage", "begin", "start", "continue", "resume", "go", "succeed", "proceed", "keep" };

    // Verbs whose complement did not happen ("denied attacking", "refused to meet", "failed to agree").
    private static readonly HashSet<string> NegatingGovernors = new(StringComparer.Ordinal)
    { "deny", "refuse", "fail", "decline", "reject", "avoid" };

    private static readonly HashSet<string> Pronouns = new(StringComparer.Ordinal) { "he", "she", "him", "her" };

    private readonly Document _doc;
    private readonly EventLexicon _lex;
    private readonly List<Token> _t;

    // per-sentence scratch, indexed by token - first
    private int _first, _count;
    private List<int>[] _children = [];
    private string[] _normText = [], _normLemma = [];

    public EventCoder(Document doc, EventLexicon lex)
    {
        _doc = doc; _lex = lex; _t = doc.Tokens;
    }

    public void CodeSentence(int s, List<NewsEvent> output)
    {
        var sent = _doc.Sentences[s];
        if (sent.TokenCount == 0 || sent.TokenCount > MaxSentenceTokens) return;
        Prepare(sent);
        CollectSpans(_t[_first].Start, _t[_first + _count - 1].End);
        var found = new List<(int Token, NewsEvent Event)>();
        for (int i = _first; i < _first + _count; i++)
        {
            var tok = _t[i];
            if (tok.Pos is not ("VERB" or "NOUN" or "ADJ") && tok.Tag is null or not ['V', 'B', ..]) continue;
            // nouns and adjectives only where the tagger likely mistook a verb ("attack", "postponed")
            bool misparsed = MisparsedFinite(i);
            if (tok.Pos is "NOUN" or "ADJ" && !IsClauseHead(i) && !misparsed) continue;
            // "according to" is a source marker, not an accord
            if ((tok.Dep is "amod" && !misparsed) || string.Equals(tok.Text, "according", StringComparison.OrdinalIgnoreCase)) continue;
            var ev = CodeVerb(s, i);
            if (ev is not null) found.Add((i, ev));
        }
        Combine(s, found);
        foreach (var (_, ev) in found) output.Add(ev);
    }

    // Governors whose to-/that-complement states an intention ("agreed to share", "is ready to send", "plans to impose").
    private static readonly HashSet<string> IntentGovernors = new(StringComparer.Ordinal)
    { "agree", "promise", "pledge", "vow", "plan", "intend", "offer", "decide", "prepare", "commit", "willing", "ready",
      "want", "undertake", "aim", "consent", "prepared", "determined", "eager", "expect" };

    private static readonly HashSet<string> RefusalGovernors = new(StringComparer.Ordinal) { "refuse", "decline" };

    /// <summary>
    /// Verb–verb combinations, the way PETRARCH2 folds a complement into its governor: "agreed to send aid" is an
    /// intent to aid (033), "refused to meet" a rejection (125), "will attack" a threat (138), "must withdraw" a demand.
    /// The governor carries the combined code (it is the fact reported); the complement stays as a hypothetical event.
    /// </summary>
    private void Combine(int s, List<(int Token, NewsEvent Event)> found)
    {
        for (int k = 0; k < found.Count; k++)
        {
            var (v, ev) = found[k];
            int g = Head(v);
            var rel = _t[v].Dep;
            string? gl = g >= 0 ? LemmaOf(g) : null;
            if (ev.Cameo is null || (ev.Negated && !(gl is not null && RefusalGovernors.Contains(gl)))) continue;
            string? combined = null;
            if (g >= 0 && rel is "xcomp" or "ccomp" && gl is not null)
            {
                if (IntentGovernors.Contains(gl)) combined = Intent(ev.Cameo);
                else if (RefusalGovernors.Contains(gl)) combined = Refusal(ev.Cameo);
            }
            if (combined is not null)
            {
                int at = found.FindIndex(f => f.Token == g);
                var code = _lex.Lookup(combined);
                if (at >= 0)
                    found[at] = (g, found[at].Event with
                    {
                        Cameo = combined, Goldstein = code?.Goldstein, Plover = code?.Plover, PloverMode = code?.PloverMode,
                        Target = found[at].Event.Target ?? ev.Target, TargetCode = found[at].Event.TargetCode ?? ev.TargetCode,
                        TargetEntity = found[at].Event.Target is null ? ev.TargetEntity : found[at].Event.TargetEntity,
                    });
                else
                {
                    found.Add((g, ev with
                    {
                        Action = gl + " to " + ev.Action, Start = _t[g].Start, End = _t[g].End,
                        Cameo = combined, Goldstein = code?.Goldstein, Plover = code?.Plover, PloverMode = code?.PloverMode,
                        Hypothetical = false, Depth = Math.Max(0, ev.Depth - 1),
                    }));
                }
                continue;
            }
            // a modal on the event itself: "will meet" is an intent, "would attack" a threat, "must withdraw" a demand
            string? modal = null;
            foreach (var c in Children(v)) if (_t[c].Dep == "aux" && ModalKind(_t[c].Text) is { } m) { modal = m; break; }
            if (modal is null) continue;
            var recoded = modal == "must" ? Demand(ev.Cameo) : Intent(ev.Cameo);
            if (recoded == ev.Cameo) continue;
            var rc = _lex.Lookup(recoded);
            found[k] = (v, ev with { Cameo = recoded, Goldstein = rc?.Goldstein, Plover = rc?.Plover, PloverMode = rc?.PloverMode });
        }
        for (int k = 0; k < found.Count; k++)
        {
            var (v, ev) = found[k];
            if (ev.Cameo is null) continue;
            // "said / reiterated / issued a reminder that X must Y": the speaker demands Y (CAMEO 10)
            if (Root(ev.Cameo) is 1 or 2 || SpeechVerbs.Contains(LemmaOf(v)))
            {
                int must = MustClause(v);
                if (must >= 0)
                {
                    var inner = found.Find(f => f.Token == must).Event;
                    Recode(found, k, inner?.Cameo is { } ic ? Demand(ic) : "100");
                    continue;
                }
            }
            // "shunned work to protest", "blocked roads in protest": an act done to protest is a protest (CAMEO 14)
            if (Root(ev.Cameo) != 14 && Children(v).Exists(c => IsProtestPurpose(c))) Recode(found, k, "141");
        }
        found.Sort((a, b) => a.Token.CompareTo(b.Token));
    }

    private static readonly HashSet<string> SpeechVerbs = new(StringComparer.Ordinal)
    { "say", "tell", "reiterate", "insist", "stress", "declare", "announce", "issue", "state", "write", "warn", "repeat", "add" };

    private void Recode(List<(int Token, NewsEvent Event)> found, int k, string code)
    {
        var c = _lex.Lookup(code);
        found[k] = (found[k].Token, found[k].Event with { Cameo = code, Goldstein = c?.Goldstein, Plover = c?.Plover, PloverMode = c?.PloverMode });
    }

    /// <summary>A "must" clause the verb reports: its complement, or a clause on one of its nouns ("a reminder that it must …").</summary>
    private int MustClause(int v)
    {
        foreach (var c in Children(v))
        {
            if (_t[c].Dep is "ccomp" or "parataxis" && HasMust(c)) return c;
            if (_t[c].Dep is "obj" or "obl" or "iobj" or "obl:unmarked")
                foreach (var cc in Children(c)) if (_t[cc].Dep is "acl" or "acl:relcl" or "ccomp" && HasMust(cc)) return cc;
        }
        return -1;
    }

    private bool HasMust(int clause)
    {
        foreach (var c in Children(clause)) if (_t[c].Dep == "aux" && ModalKind(_t[c].Text) == "must") return true;
        return false;
    }

    private bool IsProtestPurpose(int c)
    {
        var lemma = LemmaOf(c);
        if (lemma is not ("protest" or "demonstrate")) return false;
        if (_t[c].Dep is "advcl" or "xcomp") return Children(c).Exists(m => _t[m].Dep == "mark" && NT(m) == "to");
        return _t[c].Dep is "obl" && CaseOf(c) is "in" or "as";
    }

    private static string? ModalKind(string aux) => aux.ToLowerInvariant() switch
    {
        "will" or "would" or "shall" or "'ll" or "wo" => "will",
        "must" => "must",
        _ => null,
    };

    /// <summary>The verb dictionary's base form for the token's surface form, else the tagger's lemma (which can be off: "refus").</summary>
    private string LemmaOf(int i)
    {
        var low = EventLexicon.Lower(_t[i].Text);
        if (_lex.Verbs.TryGetValue(low, out var es))
            foreach (var e in es) if (e.Particle is null) return e.Lemma;
        return EventLexicon.Lower(_t[i].Lemma ?? _t[i].Text);
    }

    private static int Root(string code) => code.Length >= 2 && int.TryParse(code.AsSpan(0, 2), out int r) ? r : 0;

    /// <summary>Cooperative codes to their "express intent" (03x) form; conflictual ones to the matching threat (13x).</summary>
    private static string Intent(string c) => Root(c) switch
    {
        1 or 2 => "030",
        3 => c,
        4 => "036",
        5 => "032",
        6 => c.Length == 3 && c[2] is >= '1' and <= '4' ? "031" + c[2] : "031",
        7 => c.Length == 3 && c[2] is >= '1' and <= '4' ? "033" + c[2] : "033",
        8 => c.StartsWith("0841", StringComparison.Ordinal) ? "0353" : c.StartsWith("085", StringComparison.Ordinal) ? "0354"
            : c.StartsWith("086", StringComparison.Ordinal) ? "0355" : c.StartsWith("087", StringComparison.Ordinal) ? "0356" : "035",
        >= 18 => "138",
        15 => "138",
        16 => c.StartsWith("163", StringComparison.Ordinal) ? "1312" : "131",
        17 => "137",
        13 => c,
        _ => c,
    };

    private static string Refusal(string c) => Root(c) switch
    {
        3 or 4 => "125",
        6 => "121",
        7 => "122",
        8 => "124",
        12 => c,
        _ => "120",
    };

    private static string Demand(string c) => Root(c) switch
    {
        4 => "106",
        5 => "102",
        6 => "101",
        7 => "103",
        8 => "105",
        10 => c,
        _ => "100",
    };

    /// <summary>
    /// A past-tense verb the parser attached as a modifier of the following noun although a subject stands right before
    /// it ("Iraqi Kurds sought refuge", "tanks shelled positions"): read as the clause's verb. Inside a noun phrase
    /// ("the rejected proposal", "a captured soldier") a determiner or adjective precedes it instead.
    /// </summary>
    private bool MisparsedFinite(int i)
    {
        var tok = _t[i];
        if (tok.Dep is not "amod" || tok.Pos is not ("VERB" or "ADJ")) return false;
        if (tok.Tag is not ("VBD" or "VBN") && !(tok.Tag is "JJ" && tok.Text.EndsWith("ed", StringComparison.OrdinalIgnoreCase))) return false;
        int p = i - 1;
        // "Khomeini today rejected", "Israel Friday reimposed": skip a bare time word
        if (p >= _first && _t[p].Dep is "obl:unmarked" or "nmod:unmarked" or "obl:tmod" or "nmod:tmod") p--;
        if (p >= _first && _t[p].Pos is "PROPN" && _t[p].Text is "Monday" or "Tuesday" or "Wednesday" or "Thursday" or "Friday" or "Saturday" or "Sunday") p--;
        if (p < _first) return false;
        return _t[p].Pos is "NOUN" or "PROPN" or "PRON" && !(_t[p].Pos is "PRON" && _t[p].Dep is "nmod:poss");
    }

    private bool IsClauseHead(int i)
    {
        foreach (var c in Children(i)) if (_t[c].Dep is "nsubj" or "nsubj:pass" or "aux") return true;
        return _t[i].Dep is "root" && Children(i).Any(c => _t[c].Dep is "obj");
    }

    private void Prepare(Sentence sent)
    {
        _first = sent.FirstToken; _count = sent.TokenCount;
        if (_children.Length < _count)
        {
            _children = new List<int>[Math.Max(_count, 64)];
            _normText = new string[_children.Length]; _normLemma = new string[_children.Length];
        }
        for (int k = 0; k < _count; k++)
        {
            (_children[k] ??= []).Clear();
            var tk = _t[_first + k];
            _normText[k] = EventLexicon.Norm(tk.Text);
            _normLemma[k] = tk.Lemma is null ? _normText[k] : EventLexicon.Norm(tk.Lemma);
        }
        for (int k = 0; k < _count; k++)
        {
            int h = _t[_first + k].Head;
            if (h >= _first && h < _first + _count && h != _first + k) _children[h - _first].Add(_first + k);
        }
    }

    private readonly List<int> _sentMentions = [], _sentTimes = [], _sentPlaces = [];

    private void CollectSpans(int start, int end)
    {
        _sentMentions.Clear(); _sentTimes.Clear(); _sentPlaces.Clear();
        for (int i = 0; i < _doc.Mentions.Count; i++) if (_doc.Mentions[i].End > start && _doc.Mentions[i].Start < end) _sentMentions.Add(i);
        for (int i = 0; i < _doc.Times.Count; i++) if (_doc.Times[i].End > start && _doc.Times[i].Start < end) _sentTimes.Add(i);
        for (int i = 0; i < _doc.Places.Count; i++) if (_doc.Places[i].End > start && _doc.Places[i].Start < end) _sentPlaces.Add(i);
    }

    private List<int> Children(int i) => _children[i - _first];
    private int Head(int i) { int h = _t[i].Head; return h >= _first && h < _first + _count ? h : -1; }
    private string NT(int i) => _normText[i - _first];
    private string NL(int i) => _normLemma[i - _first];

    // ---------------------------------------------------------------- the verb and its code

    private NewsEvent? CodeVerb(int s, int v)
    {
        var tok = _t[v];
        var lower = EventLexicon.Lower(tok.Text);
        _lex.Verbs.TryGetValue(lower, out var byForm);
        VerbEntry[]? byLemma = null;
        if (tok.Lemma is { } lem && !string.Equals(lem, tok.Text, StringComparison.Ordinal)) _lex.Verbs.TryGetValue(EventLexicon.Lower(lem), out byLemma);
        if (byForm is null && byLemma is null && tok.Pos is "VERB" or "ADJ" or "NOUN") byLemma = SpellingVariant(lower, tok.Lemma);
        if (byForm is null && byLemma is null)
        {
            // a light verb the dictionary lacks ("renewed negotiations", "reimposed blockades"): the event its object names
            var bare = EventLexicon.Lower(tok.Lemma ?? tok.Text);
            if (!(LightVerbs.Contains(bare) || HaltVerbs.Contains(bare)) || EventNoun(v) is not { } named)
                return TransferVerbs.Contains(bare) && AidObject(v) is { } given ? Build(s, v, given, bare, -1) : null;
            return Build(s, v, named.Code, bare + " " + named.Noun, -1);
        }
        IEnumerable<VerbEntry> entries = byForm is null ? byLemma! : byLemma is null ? byForm : byForm.Concat(byLemma);

        var post = ClauseWords(v, after: true);
        var pre = ClauseWords(v, after: false);

        // A particle verb ("shoot down", "call off") wins over the bare verb when its particle is there.
        var cands = new List<(VerbEntry E, int Particle)>(4);
        foreach (var e in entries)
        {
            int at = e.Particle is null ? -1 : FindParticle(v, e.Particle);
            if (e.Particle is not null && at < 0) continue;
            if (!cands.Exists(c => c.E == e)) cands.Add((e, at));
        }
        if (cands.Exists(c => c.E.Particle is not null)) cands.RemoveAll(c => c.E.Particle is null);
        if (cands.Count == 0) return null;

        // the most specific pattern of any candidate block; else the first candidate's own or block code
        (VerbEntry E, int Particle) chosen = cands.Find(c => CodeOf(c.E) is not null);
        if (chosen.E.Lemma is null) chosen = cands[0];
        VerbPattern? bestPattern = null; int bestScore = 0;
        var tried = new List<int>(16);
        foreach (var c in cands)
        {
            // only the patterns whose first element is one of the clause's words
            tried.Clear();
            var index = _lex.PatternIndex[c.E.Block];
            foreach (var w in pre) AddCandidates(index, w, tried);
            foreach (var w in post) AddCandidates(index, w, tried);
            if (tried.Count == 0) continue;
            tried.Sort();
            int last = -1;
            foreach (int pi in tried)
            {
                if (pi == last) continue;
                last = pi;
                var p = _lex.BlockPatterns[c.E.Block][pi];
                // A pattern written for another verb of the block serves this one only within the block's own family of
                // codes ("indicted … atrocities" as "accused … atrocities", 112x); one that leaves it is that verb's idiom
                // ("* PART [030] # TAKE" is "take part", not "captured part of"). A block without a code of its own
                // (REFUSE: deny, reject, decline) has its sense in the patterns, which then serve all its verbs.
                if (p.Verb is not null && p.Verb != c.E.Lemma && _lex.BlockCodes[c.E.Block] is not (null or "---")
                    && !SameFamily(p.Code, _lex.BlockCodes[c.E.Block]) && !SameFamily(p.Code, CodeOf(c.E))) continue;
                int score = p.Pre.Length + p.Post.Length;
                if (score <= bestScore) continue;
                if (Matches(p.Post, post) && Matches(p.Pre, pre)) { bestPattern = p; bestScore = score; chosen = c; }
            }
        }
        var entry = chosen.E;
        int bestParticle = chosen.Particle;
        string? code = bestPattern is null ? CodeOf(entry) : bestPattern.Code == "---" ? null : bestPattern.Code;
        string action = entry.Particle is null ? entry.Lemma : entry.Lemma + " " + entry.Particle;
        // a light verb takes the event its object names ("launched a mediation effort", "continued their hunger strike")
        if ((LightVerbs.Contains(entry.Lemma) || HaltVerbs.Contains(entry.Lemma)) && EventNoun(v) is { } noun) { code = noun.Code; action = entry.Lemma + " " + noun.Noun; }
        else if (code is null && LightVerbs.Contains(entry.Lemma) && LightObject(v) is { } light) { code = light.Code; action = entry.Lemma + " " + light.Noun; }
        // a verb handing over arms, food or aid provides aid ("sent arms to", "handed over medicine")
        if (TransferVerbs.Contains(entry.Lemma) && AidObject(v) is { } aid) code = aid;
        // blocking a road, bridge or traffic obstructs passage (CAMEO 144), not generic coercion
        if (entry.Lemma == "block" && ObjectIn(v, Passages)) code = "144";
        if (entry.Lemma is "mobilize" or "mobilise" && ObjectIn(v, ArmedForces)) code = "154";
        // PLOVER dropped CAMEO's appeals (02): a demand verb whose pattern gave an appeal code is the matching demand
        if (code is ['0', '2', ..] && _lex.BlockCodes[entry.Block] is ['1', '0', ..]) code = "10" + code[2..];
        // "refused to …" rejects whatever it governs; "… must drop barriers" reported from someone else is a demand
        if (code is null && RefusalGovernors.Contains(entry.Lemma)) code = "120";
        if (code is null && tok.Dep is "ccomp" && Children(v).Exists(c => _t[c].Dep == "aux" && ModalKind(_t[c].Text) == "must")) code = "100";
        if (code is null) return null;
        return Build(s, v, code, action, bestParticle);
    }

    /// <summary>Two CAMEO codes of the same root ("1124", "112" → "11"); "---" or none matches nothing.</summary>
    private static bool SameFamily(string code, string? other) =>
        other is { Length: >= 2 } && code.Length >= 2 && code[0] == other[0] && code[1] == other[1] && char.IsAsciiDigit(code[0]);

    /// <summary>
    /// British spellings the American-spelled verb file lacks: a doubled final "l" ("cancelled", "labelling" → cancel,
    /// label; the shared lemmatiser leaves "cancell") and -ise for -ize ("criticised" → criticize).
    /// </summary>
    private VerbEntry[]? SpellingVariant(string lower, string? lemma)
    {
        var l = (lemma ?? lower).ToLowerInvariant();
        if (l.Length > 4 && l.EndsWith("ll", StringComparison.Ordinal) && lower.Length > l.Length
            && _lex.Verbs.TryGetValue(l[..^1], out var single)) return single;
        foreach (var (from, to) in (ReadOnlySpan<(string, string)>)[("ised", "ized"), ("ising", "izing"), ("ises", "izes"), ("ise", "ize")])
            if (lower.Length > from.Length + 2 && lower.EndsWith(from, StringComparison.Ordinal) && _lex.Verbs.TryGetValue(lower[..^from.Length] + to, out var z)) return z;
        return null;
    }

    private NewsEvent Build(int s, int v, string code, string action, int bestParticle)
    {
        var tok = _t[v];
        var cameo = _lex.Lookup(code);
        var (actor, target) = Participants(v);
        var actorInfo = actor >= 0 ? Describe(actor) : default;
        var targetInfo = target >= 0 ? Describe(target) : default;
        var (negated, hypothetical) = Modality(v);
        var sentence = _doc.Sentences[s];
        var (time, place) = Anchors(v, actorInfo, MovesToTarget(code) ? default : targetInfo);
        int end = bestParticle > v ? _t[bestParticle].End : tok.End;
        return new NewsEvent
        {
            Action = action,
            Start = tok.Start, End = end, Sentence = s,
            Actor = actorInfo.Text, ActorEntity = actorInfo.Entity, ActorCode = actorInfo.Code,
            Target = targetInfo.Text, TargetEntity = targetInfo.Entity, TargetCode = targetInfo.Code,
            Cameo = code, Goldstein = cameo?.Goldstein, Plover = cameo?.Plover, PloverMode = cameo?.PloverMode,
            Date = time >= 0 ? _doc.Times[time].Value : null, Time = time,
            Place = place >= 0 ? _doc.Places[place].Name : null, PlaceIndex = place,
            Negated = negated, Hypothetical = hypothetical,
            Depth = Depth(v, sentence) + Background(v),
        };
    }

    // Verbs that only carry the event named by their object: "held talks", "launched an investigation", "signed a treaty".
    private static readonly HashSet<string> LightVerbs = new(StringComparer.Ordinal)
    { "launch", "begin", "start", "hold", "open", "conduct", "renew", "resume", "continue", "stage", "sign", "make", "carry",
      "undertake", "initiate", "reach", "conclude", "mount", "step", "announce", "reimpose", "impose", "declare", "enter",
      "join", "organize", "organise", "put", "go", "call", "order", "tighten", "extend", "relaunch", "reopen" };

    // Nouns that name an event whatever light verb carries them (general CAMEO usage): "hold talks", "stage a
    // demonstration", "impose a curfew". Two-word keys are a compound modifier + head ("hunger strike").
    private static readonly Dictionary<string, string> EventNouns = new(StringComparer.Ordinal)
    {
        ["talk"] = "040", ["consultation"] = "040", ["meeting"] = "040", ["summit"] = "040", ["negotiation"] = "046",
        ["mediation"] = "045", ["visit"] = "042", ["investigation"] = "090", ["inquiry"] = "090", ["probe"] = "090",
        ["hearing"] = "090", ["hunger strike"] = "142", ["general strike"] = "143", ["boycott"] = "143", ["walkout"] = "143",
        ["demonstration"] = "141", ["protest"] = "141", ["rally"] = "141", ["sit-in"] = "141", ["riot"] = "145",
        ["blockade"] = "191", ["curfew"] = "1723", ["martial law"] = "1724", ["emergency"] = "1724", ["embargo"] = "163",
        ["sanction"] = "163", ["crackdown"] = "175", ["ceasefire"] = "0871", ["cease-fire"] = "0871", ["truce"] = "0871",
        ["offensive"] = "190", ["airstrike"] = "195", ["air strike"] = "195", ["air raid"] = "195",
    };

    private static readonly HashSet<string> GenericHeads = new(StringComparer.Ordinal)
    { "effort", "campaign", "process", "bid", "mission", "initiative", "operation", "action", "movement", "round" };

    // Military forces as the object of "mobilize": CAMEO 154 (mobilize or increase armed forces), not a rally.
    private static readonly HashSet<string> ArmedForces = new(StringComparer.Ordinal)
    { "army", "troop", "force", "reservist", "reserve", "soldier", "military", "militia", "unit", "division", "brigade" };

    // Verbs that end what their object names: "ended mediation efforts", "broke off talks", "stopped work"; and those
    // that cut it back, which CAMEO files with them ("reduce or break relations" 161, "reduce or stop aid" 162).
    private static readonly HashSet<string> HaltVerbs = new(StringComparer.Ordinal)
    { "end", "halt", "suspend", "break", "abandon", "stop", "shun", "freeze", "quit", "reduce", "cut", "slash", "curtail" };

    private static readonly Dictionary<string, string> HaltedNouns = new(StringComparer.Ordinal)
    {
        ["talk"] = "164", ["negotiation"] = "164", ["mediation"] = "165", ["work"] = "143", ["aid"] = "162",
        ["assistance"] = "162", ["supply"] = "162", ["relation"] = "161", ["tie"] = "161",
    };

    // Verbs that hand something over; with arms, food or aid as object the event is aid (CAMEO 07).
    private static readonly HashSet<string> TransferVerbs = new(StringComparer.Ordinal)
    { "send", "give", "provide", "deliver", "supply", "ship", "hand", "donate", "airlift", "grant", "offer", "dispatch" };

    private static readonly Dictionary<string, string> AidNouns = new(StringComparer.Ordinal)
    {
        ["arm"] = "072", ["arms"] = "072", ["weapon"] = "072", ["ammunition"] = "072", ["equipment"] = "072",
        ["food"] = "073", ["medicine"] = "073", ["relief"] = "073", ["grain"] = "073", ["flour"] = "073", ["tent"] = "073",
        ["blanket"] = "073", ["aid"] = "070", ["assistance"] = "070", ["asylum"] = "075", ["loan"] = "071", ["credit"] = "071",
        ["fund"] = "071", ["money"] = "071",
    };

    private static readonly HashSet<string> Passages = new(StringComparer.Ordinal)
    { "road", "street", "highway", "motorway", "bridge", "traffic", "transport", "railway", "rail", "route", "access",
      "entrance", "border", "crossing", "roadway", "pass", "junction" };

    /// <summary>The object nouns of <paramref name="v"/> (obj, obl, their nmod "of" heads): "700 kg of medicine" gives kg and medicine.</summary>
    private IEnumerable<int> ObjectNouns(int v)
    {
        foreach (var o in Children(v))
        {
            if (_t[o].Dep is not ("obj" or "obl" or "nsubj:pass" or "xcomp") || _t[o].Pos is not ("NOUN" or "PROPN" or "ADJ")) continue;
            yield return o;
            foreach (var c in Children(o)) if (_t[c].Dep is "nmod" or "conj" && _t[c].Pos is "NOUN") yield return c;
        }
    }

    private (string Code, string Noun)? EventNoun(int v)
    {
        bool halt = HaltVerbs.Contains(LemmaOf(v));
        foreach (var n in ObjectNouns(v))
        {
            var w = NL(n);
            if (halt)
            {
                // "ended talks", "ended their mediation efforts"
                if (HaltedNouns.TryGetValue(w, out var hc)) return (hc, _t[n].Text);
                foreach (var c in Children(n)) if (_t[c].Dep is "compound" && HaltedNouns.TryGetValue(NL(c), out var cc)) return (cc, _t[c].Text);
                continue;
            }
            foreach (var c in Children(n))
                if (_t[c].Dep is "compound" or "amod" && EventNouns.TryGetValue(NL(c) + " " + w, out var cc)) return (cc, _t[c].Text + " " + _t[n].Text);
            if (EventNouns.TryGetValue(w, out var code)) return (code, _t[n].Text);
            // the event named by a compound modifier of a generic head: "a mediation effort", "a protest campaign"
            if (GenericHeads.Contains(w))
                foreach (var c in Children(n))
                    if (_t[c].Dep is "compound" && EventNouns.TryGetValue(NL(c), out var mc)) return (mc, _t[c].Text + " " + _t[n].Text);
        }
        return null;
    }

    private string? AidObject(int v)
    {
        foreach (var n in ObjectNouns(v))
        {
            if (_t[n].Dep is "obl" && CaseOf(n) is not null) continue;
            if (!AidNouns.TryGetValue(NL(n), out var code)) continue;
            // "military aid", "humanitarian assistance", "food aid": the modifier says which
            if (code == "070")
                foreach (var c in Children(n))
                    switch (NL(c))
                    {
                        case "military": return "072";
                        case "humanitarian" or "food" or "medical": return "073";
                        case "economic" or "financial": return "071";
                    }
            return code;
        }
        return null;
    }

    private bool ObjectIn(int v, HashSet<string> nouns)
    {
        foreach (var n in ObjectNouns(v)) if (nouns.Contains(NL(n))) return true;
        return false;
    }

    private static readonly HashSet<string> AgreementNouns = new(StringComparer.Ordinal)
    { "treaty", "agreement", "accord", "pact", "deal", "memorandum", "protocol", "convention" };

    /// <summary>The code of the light verb's object noun, read as the verb it names ("investigation" → investigate).</summary>
    private (string Code, string Noun)? LightObject(int v)
    {
        foreach (var o in Children(v))
        {
            if (_t[o].Dep is not ("obj" or "obl")) continue;
            var nouns = new List<int> { o };
            foreach (var c in Children(o)) if (_t[c].Dep is "compound" or "nmod") nouns.Add(c);
            foreach (var n in nouns)
            {
                var w = NL(n);
                if (AgreementNouns.Contains(w)) return ("057", _t[n].Text);
                foreach (var verb in NounToVerbs(w))
                    if (_lex.Verbs.TryGetValue(verb, out var es))
                        foreach (var e in es)
                            if (e.Particle is null && CodeOf(e) is { } c) return (c, _t[n].Text);
            }
        }
        return null;
    }

    private static IEnumerable<string> NounToVerbs(string n)
    {
        yield return n;
        if (n.EndsWith("ation", StringComparison.Ordinal)) yield return n[..^5] + "ate";
        if (n.EndsWith("ion", StringComparison.Ordinal)) { yield return n[..^3] + "e"; yield return n[..^3]; }
        if (n.EndsWith("ment", StringComparison.Ordinal)) yield return n[..^4];
        if (n.EndsWith("ing", StringComparison.Ordinal)) yield return n[..^3];
        if (n.EndsWith("al", StringComparison.Ordinal)) yield return n[..^2] + "e";
    }

    private void AddCandidates(Dictionary<string, int[]> index, int w, List<int> into)
    {
        if (index.TryGetValue(NT(w), out var a)) into.AddRange(a);
        if (!ReferenceEquals(NT(w), NL(w)) && NL(w) != NT(w) && index.TryGetValue(NL(w), out var b)) into.AddRange(b);
    }

    private string? CodeOf(VerbEntry e)
    {
        var c = e.Code ?? _lex.BlockCodes[e.Block];
        return c is null or "---" ? null : c;
    }

    private int Depth(int v, Sentence sent)
    {
        int d = 0;
        for (int h = Head(v); h >= 0 && d < sent.TokenCount; h = Head(h)) d++;
        return d;
    }

    private static readonly HashSet<string> BackgroundMarks = new(StringComparer.Ordinal)
    { "after", "since", "when", "where", "as", "while", "because", "before", "following", "until", "once", "whereas" };

    /// <summary>
    /// Extra depth for events the sentence only mentions in passing: a relative clause or noun modifier ("the missile
    /// attack which caused …"), an if-clause, a background clause ("after a coup toppled …"). The main event is
    /// the one with the least depth, so these lose to the clause the sentence reports.
    /// </summary>
    private int Background(int v)
    {
        int extra = 0;
        for (int x = v, hops = 0; x >= 0 && hops < 12; x = Head(x), hops++)
        {
            var dep = _t[x].Dep;
            if (dep is "acl" or "acl:relcl") extra += 3;
            else if (dep is "advcl" or "ccomp" or "conj" || x == v)
                foreach (var c in Children(x))
                {
                    if (_t[c].Dep is not ("mark" or "advmod")) continue;
                    var w = NT(c);
                    if (Conditionals.Contains(w) && _t[c].Dep == "mark") { extra += 3; break; }
                    if (BackgroundMarks.Contains(w) && (_t[c].Dep == "mark" || w is "where" or "when")) { extra += 2; break; }
                }
        }
        return extra;
    }

    private int FindParticle(int v, string particle)
    {
        var first = particle.Split(' ')[0];
        foreach (var c in Children(v))
            if (_t[c].Dep is "compound:prt" or "advmod" or "obl" or "case" or "obj" && string.Equals(_t[c].Text, first, StringComparison.OrdinalIgnoreCase)) return c;
        int n = v + 1;
        if (n < _first + _count && string.Equals(_t[n].Text, first, StringComparison.OrdinalIgnoreCase)) return n;
        return -1;
    }

    /// <summary>The verb's own clause words (subtree without embedded clauses), before or after it, in text order.</summary>
    private List<int> ClauseWords(int v, bool after)
    {
        var list = new List<int>();
        var stack = new Stack<int>();
        foreach (var c in Children(v)) if (!ClauseDeps.Contains(_t[c].Dep ?? "") && (c > v) == after) stack.Push(c);
        while (stack.Count > 0 && list.Count < MaxClauseWords)
        {
            int x = stack.Pop();
            list.Add(x);
            foreach (var c in Children(x)) if (!ClauseDeps.Contains(_t[c].Dep ?? "") && _t[c].Pos != "PUNCT") stack.Push(c);
        }
        list.Sort();
        return list;
    }

    private bool Matches(int[] pattern, List<int> words)
    {
        if (pattern.Length == 0) return true;
        var sets = _lex.Sets;
        int k = 0;
        foreach (var w in words)
        {
            var set = sets[pattern[k]];
            if (set.Contains(NT(w)) || set.Contains(NL(w))) { if (++k == pattern.Length) return true; }
        }
        return false;
    }

    // ---------------------------------------------------------------- who did it to whom

    private (int Actor, int Target) Participants(int v)
    {
        if (MisparsedFinite(v))
        {
            // the noun before it acted on the noun it was attached to ("tanks shelled positions")
            int before = v - 1;
            while (before > _first && _t[before].Pos is not ("NOUN" or "PROPN" or "PRON")) before--;
            while (before > _first && _t[before].Dep is "flat" or "flat:name" && Head(before) >= 0) before = Head(before);
            int h = Head(v);
            return (before, h >= 0 && h != before ? h : -1);
        }
        int subj = -1, passSubj = -1, agent = -1, obj = -1;
        foreach (var c in Children(v))
        {
            switch (_t[c].Dep)
            {
                case "nsubj" when subj < 0: subj = c; break;
                case "nsubj:pass" when passSubj < 0: passSubj = c; break;
                case "obl:agent" when agent < 0: agent = c; break;
                case "obl" when agent < 0 && CaseOf(c) == "by" && passSubj >= 0: agent = c; break;
                case "obj" when obj < 0: obj = c; break;
            }
        }
        int actor = subj >= 0 ? subj : agent;
        if (actor < 0)
        {
            // "agreed to set up", "met and may visit": the subject of the verb above
            int x = v;
            for (int hops = 0; hops < 4 && actor < 0; hops++)
            {
                int h = Head(x);
                if (h < 0) break;
                var dep = _t[x].Dep;
                if (dep is "acl:relcl" or "acl" && passSubj < 0 && _t[h].Pos is "NOUN" or "PROPN") { actor = h; break; }
                if (dep is not ("xcomp" or "conj")) break;
                foreach (var c in Children(h)) if (_t[c].Dep == "nsubj") { actor = c; break; }
                // an object-controlled infinitive ("urged the US to act"): the object acts
                if (dep == "xcomp") foreach (var c in Children(h)) if (_t[c].Dep == "obj" && c < x) { actor = c; break; }
                x = h;
            }
        }
        if (actor >= 0 && Pronouns.Contains(_t[actor].Text.ToLowerInvariant())) actor = ResolvePronoun(actor);

        // target: the passive subject, the object, then a with/against/to/on phrase of the verb or of its object
        var cands = new List<int>(6);
        if (passSubj >= 0) cands.Add(passSubj);
        if (obj >= 0) cands.Add(obj);
        foreach (var c in Children(v))
            if (_t[c].Dep is "iobj" || (_t[c].Dep is "obl" or "obl:unmarked" && c != agent && CaseOf(c) is { } p && TargetPreps.Contains(p))) cands.Add(c);
        if (obj >= 0)
            foreach (var c in Children(obj))
                if (_t[c].Dep is "nmod" && CaseOf(c) is { } p && TargetPreps.Contains(p)) cands.Add(c);
        int target = -1;
        // a named object ("met Xi in Bali") is the target even when the dictionaries cannot code it
        if (obj >= 0 && obj != actor && _t[obj].Pos == "PROPN") return (actor, obj);
        foreach (var c in cands)
            if (c != actor && Describe(c).Code is not null) { target = c; break; }
        if (target < 0 && cands.Count > 0 && (cands[0] == obj || cands[0] == passSubj) && _t[cands[0]].Pos is not "PRON") target = cands[0];
        return (actor, target);
    }

    private string? CaseOf(int n)
    {
        foreach (var c in Children(n)) if (_t[c].Dep == "case") return _t[c].Text.ToLowerInvariant();
        return null;
    }

    /// <summary>"he"/"she": the nearest person mentioned before it, within the sentence or the two before.</summary>
    private int ResolvePronoun(int pron)
    {
        int start = _t[pron].Start;
        int sIdx = -1;
        for (int i = 0; i < _doc.Sentences.Count; i++) if (_doc.Sentences[i].FirstToken == _first) { sIdx = i; break; }
        int minStart = sIdx >= 2 ? _doc.Sentences[sIdx - 2].Start : 0;
        for (int m = _doc.Mentions.Count - 1; m >= 0; m--)
        {
            var mention = _doc.Mentions[m];
            if (mention.End > start || mention.Start < minStart) continue;
            if (mention.Type == "PER" && !mention.Nominal)
            {
                // keep the pronoun as the anchor token; describe through the mention
                _pronounMentions[pron] = m;
                return pron;
            }
        }
        return pron;
    }

    private readonly Dictionary<int, int> _pronounMentions = [];

    internal readonly record struct Participant(string? Text, int Entity, string? Code, int Start, int End);

    private readonly Dictionary<int, Participant> _described = [];

    /// <summary>The noun phrase headed at <paramref name="head"/>: its text, entity and CAMEO actor code.</summary>
    private Participant Describe(int head)
    {
        if (_described.TryGetValue(head, out var known)) return known;
        // phrase: the head with its name-like modifiers ("the French interior ministry", "Romania's new government")
        int lo = head, hi = head;
        var stack = new Stack<int>(); stack.Push(head);
        var words = new List<int>();
        while (stack.Count > 0 && words.Count < 12)
        {
            int x = stack.Pop(); words.Add(x);
            foreach (var c in Children(x))
                if (PhraseDeps.Contains(_t[c].Dep ?? "") || (x != head && _t[c].Dep is "det")) stack.Push(c);
        }
        words.Sort();
        foreach (var w in words) if (_t[w].Dep != "case" || w != words[0]) { lo = Math.Min(lo, w); hi = Math.Max(hi, w); }
        // a leading preposition is not part of the name
        while (lo < hi && _t[lo].Dep == "case") lo++;
        int start = _t[lo].Start, end = _t[hi].End;
        string text = _doc.Text[start..end];

        int entity = -1;
        string? country = null, sector = null, full = null;
        if (_pronounMentions.TryGetValue(head, out int pm))
        {
            var m = _doc.Mentions[pm];
            text = m.Text; entity = m.Entity;
            Lookup(m.Text.Split(' '), ref full, ref country, ref sector);
        }
        // dictionary actors and agents over the phrase's words
        var norm = new List<string>();
        for (int i = lo; i <= hi; i++) if (_t[i].Pos != "PUNCT" || _t[i].Text.Length > 1) norm.Add(NT(i));
        ScanPhrase(norm, ref full, ref country, ref sector);
        // entities on the document: the one whose mention covers the head, or any in the phrase
        foreach (int mi in _sentMentions)
        {
            var m = _doc.Mentions[mi];
            if (m.End <= start || m.Start >= end) continue;
            if (m.Entity < 0 || m.Entity >= _doc.Entities.Count) continue;
            var e = _doc.Entities[m.Entity];
            bool isHead = m.Start <= _t[head].Start && m.End >= _t[head].End;
            if (isHead || entity < 0) entity = isHead ? m.Entity : entity < 0 ? m.Entity : entity;
            if (full is null && country is null && _lex.Actors.TryGetValue(Key(e.Name), out var byName)) Assign(byName, ref full, ref country);
            if (country is null && e.Country is not null && _lex.Actors.TryGetValue(Key(e.Country), out var cc) && cc.Length >= 3) country = cc[..3];
            if (sector is null && e.Role is not null) sector = AgentOf(e.Role);
        }
        string? code = full ?? (country is null ? null : sector is null ? country : country + sector);
        if (code is null && sector is not null) code = sector;
        var p = new Participant(text, entity, code, start, end);
        _described[head] = p;
        return p;
    }

    private static string Key(string phrase) =>
        string.Join(' ', phrase.Split([' ', '_'], StringSplitOptions.RemoveEmptyEntries).Select(EventLexicon.Norm));

    private void Lookup(string[] words, ref string? full, ref string? country, ref string? sector) =>
        ScanPhrase(words.Select(EventLexicon.Norm).ToList(), ref full, ref country, ref sector);

    /// <summary>Longest actor and agent n-grams in the phrase.</summary>
    private void ScanPhrase(List<string> words, ref string? full, ref string? country, ref string? sector)
    {
        int max = Math.Min(_lex.MaxPhraseWords, words.Count);
        string? actor = null, agent = null;
        for (int n = max; n >= 1 && (actor is null || agent is null); n--)
            for (int i = 0; i + n <= words.Count; i++)
            {
                var key = n == 1 ? words[i] : string.Join(' ', words.GetRange(i, n));
                if (actor is null && _lex.Actors.TryGetValue(key, out var a)) actor = a;
                if (agent is null && _lex.Agents.TryGetValue(key, out var g)) agent = g;
            }
        if (actor is not null && full is null && country is null) Assign(actor, ref full, ref country);
        sector ??= agent;
    }

    /// <summary>A bare country code ("FRA") takes a sector later; a full code ("CHNGOV", "IGOUNO") is kept whole.</summary>
    private static void Assign(string code, ref string? full, ref string? country)
    {
        if (code.Length == 3) country = code;
        else if (code.Length > 3) full = code;
    }

    private string? AgentOf(string role)
    {
        var words = role.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(EventLexicon.Norm).ToList();
        string? full = null, country = null, sector = null;
        ScanPhrase(words, ref full, ref country, ref sector);
        return sector;
    }

    // ---------------------------------------------------------------- fact or not

    private (bool Negated, bool Hypothetical) Modality(int v)
    {
        bool neg = false, hyp = false;
        int x = v;
        for (int hops = 0; hops < 6; hops++)
        {
            bool hasSubject = false;
            foreach (var c in Children(x))
            {
                var dep = _t[c].Dep;
                var low = EventLexicon.Lower(_t[c].Text);
                if (dep is "nsubj" or "nsubj:pass") hasSubject = true;
                if (x == v || _t[x].Dep is "conj")
                {
                    if (dep is "advmod" or "neg" or "det" && Negators.Contains(low) && (dep != "det" || c > x)) neg = true;
                    if (dep is "aux" && Modals.Contains(low)) hyp = true;
                }
                if (dep is "mark" && Conditionals.Contains(low)) hyp = true;
            }
            int h = Head(x);
            if (h < 0) break;
            var rel = _t[x].Dep;
            var headLemma = LemmaOf(h);
            if (rel == "xcomp" || (rel is "ccomp" && NegatingGovernors.Contains(headLemma)))
            {
                if (NegatingGovernors.Contains(headLemma)) neg = true;
                else if (!Implicative.Contains(headLemma)) hyp = true;
                x = h; continue;
            }
            if (rel is "advcl") { x = h; continue; }
            if (rel is "conj" && !hasSubject) { x = h; continue; }
            break;
        }
        return (neg, hyp);
    }

    // ---------------------------------------------------------------- when and where

    /// <summary>Events that happen at their target (visits, meetings, attacks, raids): a target place is the event's place.</summary>
    private static bool MovesToTarget(string code) => Root(code) is 4 or 17 or 18 or 19 or 20;

    private (int Time, int Place) Anchors(int v, Participant actor, Participant target)
    {
        var sent = (Start: _t[_first].Start, End: _t[_first + _count - 1].End);
        var ancestors = new List<int>(8);
        for (int x = v, hops = 0; x >= 0 && hops < 12; x = Head(x), hops++) ancestors.Add(x);

        int bestTime = -1, bestTimeRank = int.MaxValue;
        foreach (int i in _sentTimes)
        {
            var te = _doc.Times[i];
            if (te.End <= sent.Start || te.Start >= sent.End) continue;
            int rank = AttachRank(te.Start, te.End, ancestors);
            if (rank < bestTimeRank) { bestTime = i; bestTimeRank = rank; }
        }
        int bestPlace = -1, bestPlaceRank = int.MaxValue;
        foreach (int i in _sentPlaces)
        {
            var pl = _doc.Places[i];
            if (pl.End <= sent.Start || pl.Start >= sent.End) continue;
            if (actor.Text is not null && pl.Start >= actor.Start && pl.End <= actor.End) continue;
            if (target.Text is not null && pl.Start >= target.Start && pl.End <= target.End) continue;
            int rank = AttachRank(pl.Start, pl.End, ancestors);
            if (rank < bestPlaceRank) { bestPlace = i; bestPlaceRank = rank; }
        }
        return (bestTime, bestPlace);
    }

    /// <summary>
    /// How close the span's syntactic attachment is to the event verb: the index of the first verb on
    /// <paramref name="ancestors"/> (the verb, then the clauses above it) that the span hangs from; MaxValue when none.
    /// </summary>
    private int AttachRank(int start, int end, List<int> ancestors)
    {
        int head = -1;
        for (int i = _first; i < _first + _count; i++)
        {
            var tk = _t[i];
            if (tk.End <= start || tk.Start >= end) continue;
            int h = Head(i);
            if (h < 0 || _t[h].Start < start || _t[h].End > end) { head = i; break; }
        }
        if (head < 0) return int.MaxValue;
        int x = head;
        for (int hops = 0; hops < 12 && x >= 0; hops++)
        {
            int idx = ancestors.IndexOf(x);
            if (idx >= 0) return idx;
            // a span inside another clause belongs to that clause, not to ours
            if (x != head && _t[x].Pos is "VERB" && !ancestors.Contains(x)) return int.MaxValue;
            x = Head(x);
        }
        return int.MaxValue;
    }
}
