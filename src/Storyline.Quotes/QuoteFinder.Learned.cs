using Storyline.Core;
using Storyline.Language.Learning;

namespace Storyline.Quotes;

/// <summary>
/// The learned pass (models/quotes.bin, trained on PolNeAR train by <c>storyline train quotes</c>): a cue classifier
/// over content words reads the parse around each word (lemma, dependency, the cue's dependents), and a role
/// classifier labels the cue's dependents, its head clause and that clause's subject as source, content or neither.
/// It reaches what the lexicon rules do not (beliefs, endorsements, noun cues such as "Trump's claim that …",
/// cue verbs missing from the lexicon); where it meets a rule's quote the rule wins.
/// </summary>
internal sealed partial class QuoteFinder
{
    /// <summary>Role classes of a cue's dependent (the order is the model's class order).</summary>
    internal const int RoleNone = 0, RoleSource = 1, RoleContent = 2;

    /// <summary>How a role candidate relates to the cue: its dependent, the clause it hangs from, that clause's subject.</summary>
    internal const int RelChild = 0, RelHead = 1, RelHeadSubject = 2;

    /// <summary>At most this many dependents of a cue are scored (bounded work on flat hostile parses).</summary>
    private const int MaxRoleCandidates = 24;

    private string[]? _mentionType;

    /// <summary>Dev tuning only: STORYLINE_QUOTE_CUE_THRESHOLD overrides the model's cue threshold (never set in production).</summary>
    private static readonly float? TunedCueThreshold = EnvFloat("STORYLINE_QUOTE_CUE_THRESHOLD");

    /// <summary>
    /// A cue whose role classifier names no source still takes its subject when the subject's source score is within
    /// this margin of the best other role (PolNeAR's sources are almost always the cue's subject). Tuned on dev
    /// (1 → +0.0001, 4 → +0.0013, 12 → +0.0009 speaker F1); with the whole-phrase source spans, retuned: 1 → 0.6912,
    /// 2 → 0.6920, 3 → 0.6905, 4 → 0.6906, 8 → 0.6898. STORYLINE_QUOTE_SOURCE_MARGIN overrides it for tuning.
    /// </summary>
    private static readonly float SubjectSourceMargin = EnvFloat("STORYLINE_QUOTE_SOURCE_MARGIN") ?? 2f;

    private static float? EnvFloat(string name) =>
        float.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var f) ? f : null;

    /// <summary>A word that may anchor a cue: a verb, noun or adjective outside a quotation, in a sentence the rules search too.</summary>
    internal string LemmaAt(int i) => _lemma[i];
    internal bool IsPunctuation(int i) => IsPunct(i);

    internal bool IsCueCandidate(int i)
    {
        if (Pos(i) is not ("VERB" or "NOUN" or "ADJ")) return false;
        if (_lemma[i] == "accord") return false;   // "according to X" is the rules' own
        int s = _sentOf[i];
        return s >= 0 && _doc.Sentences[s].TokenCount <= MaxSentenceTokens;
    }

    private string MentionType(int i)
    {
        if (_mentionType is null)
        {
            var types = new string[_n];
            int k = 0;
            foreach (var m in MentionsByStart)
            {
                while (k > 0 && _tk[k - 1].End > m.Start) k--;
                while (k < _n && _tk[k].End <= m.Start) k++;
                for (int j = k; j < _n && _tk[j].Start < m.End; j++) types[j] ??= m.Nominal ? "nom:" + m.Type : m.Type;
            }
            _mentionType = types;
        }
        return _mentionType[i] ?? "";
    }

    private static string Lex(string lemma) =>
        CueLexicon.Speech.Contains(lemma) ? "speech" : CueLexicon.Belief.Contains(lemma) ? "belief"
        : CueLexicon.Directive.Contains(lemma) ? "directive" : CueLexicon.Labelling.Contains(lemma) ? "label"
        : CueLexicon.ObjectMessage.Contains(lemma) ? "objmsg" : CueLexicon.Intention.Contains(lemma) ? "intent"
        : CueLexicon.PrepositionMessage.ContainsKey(lemma) ? "prep" : "-";

    private static readonly string[] BitStrings = [.. Enumerable.Range(0, 16).Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private static string Bits(bool a, bool b, bool c, bool d) => BitStrings[(a ? 1 : 0) | (b ? 2 : 0) | (c ? 4 : 0) | (d ? 8 : 0)];

    private string[]? _lexOf;

    /// <summary>The lexicon class of a word's lemma, computed once per word.</summary>
    private string LexAt(int i)
    {
        _lexOf ??= new string[_n];
        return _lexOf[i] ??= Lex(_lemma[i]);
    }

    private string Lemma(int i) => i >= 0 && i < _n ? _lemma[i] : "<none>";

    /// <summary>Features of word <paramref name="i"/> as a cue anchor.</summary>
    internal void CueFeatures(int i, List<ulong> f)
    {
        f.Clear();
        string lemma = _lemma[i], pos = Pos(i), dep = Dep(i);
        int head = _tk[i].Head;
        bool inHead = head >= 0 && head < _n && head != i;
        f.Add(FeatureHash.Of(1, "bias"));
        f.Add(FeatureHash.Of(2, lemma));
        f.Add(FeatureHash.Of(3, lemma, pos));
        f.Add(FeatureHash.Of(4, _tk[i].Tag ?? ""));
        f.Add(FeatureHash.Of(5, dep));
        f.Add(FeatureHash.Of(6, lemma, dep));
        f.Add(FeatureHash.Of(7, inHead ? _lemma[head] : "<root>", dep));
        f.Add(FeatureHash.Of(8, inHead ? Pos(head) : "<root>", dep));
        f.Add(FeatureHash.Of(9, Lemma(i - 1)));
        f.Add(FeatureHash.Of(10, Lemma(i + 1)));
        f.Add(FeatureHash.Of(11, lemma, Lemma(i + 1)));
        f.Add(FeatureHash.Of(12, Lemma(i - 1), lemma));
        f.Add(FeatureHash.Of(13, _markOf[i] >= 0 ? "inq" : "outq", pos));
        string lex = LexAt(i);
        f.Add(FeatureHash.Of(14, lex, pos));
        f.Add(FeatureHash.Of(15, lex, dep));
        f.Add(FeatureHash.Of(16, _tk[i].Text));
        bool subj = false, comp = false, that = false, obj = false, xcomp = false;
        int kids = 0;
        for (int c = _firstChild[i]; c >= 0 && kids < MaxRoleCandidates; c = _nextSibling[c], kids++)
        {
            string d = Dep(c);
            string side = c < i ? "L" : "R";
            f.Add(FeatureHash.Of(17, d, side));
            f.Add(FeatureHash.Of(18, lemma, d));
            f.Add(FeatureHash.Of(19, lex, d, side));
            if (d is "nsubj" or "nsubj:pass" or "csubj" or "nmod:poss" or "obl:agent")
            {
                subj = true;
                f.Add(FeatureHash.Of(20, d, Pos(c), MentionType(c)));
                f.Add(FeatureHash.Of(21, d, _lemma[c]));
            }
            if (d is "ccomp" or "parataxis") comp = true;
            if (d == "xcomp") xcomp = true;
            if (d == "obj") obj = true;
            if (d is "ccomp" or "acl" or "xcomp" or "advcl")
                for (int g = _firstChild[c]; g >= 0; g = _nextSibling[g])
                    if (Dep(g) == "mark") { that |= _lemma[g] == "that"; f.Add(FeatureHash.Of(22, d, _lemma[g])); }
            if (d == "obl" && Child(c, x => x == "case") is int cs && cs >= 0) f.Add(FeatureHash.Of(23, lemma, _lemma[cs]));
            if (_markOf[c] >= 0 && _markOf[c] != _markOf[i]) f.Add(FeatureHash.Of(24, d, "quoted"));
        }
        f.Add(FeatureHash.Of(25, lemma, Bits(subj, comp, obj, xcomp)));
        f.Add(FeatureHash.Of(26, pos, Bits(subj, comp, that, xcomp)));
        f.Add(FeatureHash.Of(27, lex, Bits(subj, comp, obj, xcomp)));
        if (dep is "parataxis" or "ccomp" && inHead) f.Add(FeatureHash.Of(28, lemma, dep, head < i ? "after" : "before"));
        if (i > 0 && _tk[i - 1].Text == ",") f.Add(FeatureHash.Of(29, lex, "comma-before"));
        if (i + 1 < _n && _tk[i + 1].Text == ":") f.Add(FeatureHash.Of(30, lemma, "colon-after"));
        if (Child(i, d => d == "aux:pass") >= 0) f.Add(FeatureHash.Of(31, lemma, "passive"));
    }

    /// <summary>The cue's role candidates: its dependents, the clause it hangs from and, lacking a subject of its own, that clause's subject.</summary>
    internal void RoleCandidates(int v, List<(int Token, int Rel)> list)
    {
        list.Clear();
        bool ownSubject = false;
        int kids = 0;
        for (int c = _firstChild[v]; c >= 0 && kids < MaxRoleCandidates; c = _nextSibling[c], kids++)
        {
            if (IsPunct(c) || !SameSentence(c, v)) continue;
            if (Dep(c) is "nsubj" or "nsubj:pass" or "csubj" or "nmod:poss") ownSubject = true;
            list.Add((c, RelChild));
        }
        int h = _tk[v].Head;
        if (h >= 0 && h < _n && h != v && SameSentence(h, v))
        {
            list.Add((h, RelHead));
            // Lacking a subject of its own ("…, saying …", "tweets accusing her of …"), the subject up the chain speaks.
            for (int hop = 0, up = h; !ownSubject && hop < 3 && up >= 0 && up < _n && SameSentence(up, v); hop++)
            {
                int s = Child(up, d => d is "nsubj" or "nsubj:pass" or "nmod:poss");
                if (s >= 0 && s != v && (s < _subMin[v] || s > _subMax[v])) { list.Add((s, RelHeadSubject)); break; }
                int next = _tk[up].Head;
                if (next == up) break;
                up = next;
            }
        }
    }

    /// <summary>Tokens a role candidate stands for: a dependent's subtree; for the head clause, its side of the sentence away from the cue.</summary>
    internal (int First, int Last) RoleSpan(int v, int c, int rel)
    {
        if (rel != RelHead) return (_subMin[c], _subMax[c]);
        int left = _subMin[v] - _subMin[c], right = _subMax[c] - _subMax[v];
        return right > left ? (_subMax[v] + 1, _subMax[c]) : (_subMin[c], _subMin[v] - 1);
    }

    private static readonly Dictionary<string, string> HeadDeps = new(StringComparer.Ordinal);

    /// <summary>"head:" + the cue's own relation, interned (no allocation per candidate).</summary>
    private string HeadDep(int v)
    {
        var d = Dep(v);
        lock (HeadDeps)
        {
            if (!HeadDeps.TryGetValue(d, out var h)) { h = "head:" + d; if (HeadDeps.Count < 512) HeadDeps[d] = h; }
            return h;
        }
    }

    /// <summary>Features of candidate <paramref name="c"/> (relation <paramref name="rel"/>) in the role it plays for cue <paramref name="v"/>.</summary>
    internal void RoleFeatures(int v, int c, int rel, List<ulong> f)
    {
        f.Clear();
        string dep = rel == RelHead ? HeadDep(v) : Dep(c), lemma = _lemma[v], pos = Pos(c);
        string side = c < v ? "L" : "R";
        f.Add(FeatureHash.Of(101, rel, 0));
        f.Add(FeatureHash.Of(102, dep, side));
        f.Add(FeatureHash.Of(103, dep, lemma));
        f.Add(FeatureHash.Of(104, dep, pos));
        f.Add(FeatureHash.Of(105, dep, Dep(v), Pos(v)));
        f.Add(FeatureHash.Of(106, dep, LexAt(v)));
        f.Add(FeatureHash.Of(107, dep, _lemma[c]));
        f.Add(FeatureHash.Of(108, dep, MentionType(c)));
        f.Add(FeatureHash.Of(109, dep, _tk[v].Tag ?? ""));
        int dist = Math.Abs(c - v);
        f.Add(FeatureHash.Of(110, dep, side, dist <= 1 ? "1" : dist <= 3 ? "3" : dist <= 8 ? "8" : "far"));
        int cs = rel == RelHead ? -1 : Child(c, x => x is "case" or "mark");
        f.Add(FeatureHash.Of(111, dep, cs >= 0 ? _lemma[cs] : "-"));
        f.Add(FeatureHash.Of(112, dep, cs >= 0 ? _lemma[cs] : "-", lemma));
        var (first, last) = RoleSpan(v, c, rel);
        bool quote = false, verb = false;
        for (int k = first; k <= last && k - first < 64; k++)
        {
            if (k == v) continue;
            quote |= _markOf[k] >= 0;
            verb |= Pos(k) is "VERB" or "AUX";
        }
        f.Add(FeatureHash.Of(113, dep, Bits(quote, verb, false, false)));
        int len = last - first + 1;
        f.Add(FeatureHash.Of(114, dep, len <= 1 ? "1" : len <= 4 ? "4" : len <= 12 ? "12" : "long"));
        f.Add(FeatureHash.Of(115, dep, Child(v, d => d == "aux:pass") >= 0 ? "passive" : "active"));
        f.Add(FeatureHash.Of(116, dep, Pos(v)));
    }

    /// <summary>Reported statements the cue model finds, each a candidate like the rules' (source: the written phrase).</summary>
    private List<Candidate> LearnedCandidates(AttributionModel model, float threshold, HashSet<int> ruleCues, CancellationToken ct)
    {
        var result = new List<Candidate>();
        var feats = new List<ulong>(64);
        var roles = new List<(int Token, int Rel)>(16);
        Span<float> cueScores = stackalloc float[2];
        Span<float> roleScores = stackalloc float[3];
        for (int s = 0; s < _doc.Sentences.Count; s++)
        {
            if ((s & 63) == 0) ct.ThrowIfCancellationRequested();
            var se = _doc.Sentences[s];
            if (se.TokenCount > MaxSentenceTokens) continue;
            for (int v = se.FirstToken; v < se.FirstToken + se.TokenCount && v < _n; v++)
            {
                if (ruleCues.Contains(v) || !IsCueCandidate(v) || !model.CueLemmas.Contains(_lemma[v])) continue;
                CueFeatures(v, feats);
                model.Cue.Score(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(feats), cueScores);
                float cueMargin = cueScores[1] - cueScores[0];
                if (cueMargin <= threshold) continue;

                RoleCandidates(v, roles);
                int src = -1, subj = -1;
                float srcMargin = float.NegativeInfinity, subjMargin = float.NegativeInfinity;
                int cFirst = int.MaxValue, cLast = -1;
                foreach (var (c, rel) in roles)
                {
                    RoleFeatures(v, c, rel, feats);
                    model.Role.Score(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(feats), roleScores);
                    int best = PerceptronModel.ArgMax(roleScores);
                    // a date or time never speaks ("… Friday saying …" hangs "Friday" near the cue)
                    if (best == RoleSource && _inTime[c]) best = RoleNone;
                    if (best != RoleSource && !_inTime[c] && (rel == RelHeadSubject || rel == RelChild && Dep(c) is "nsubj" or "nmod:poss" or "obl:agent"))
                    {
                        float m = roleScores[RoleSource] - Math.Max(roleScores[RoleNone], roleScores[RoleContent]);
                        if (m > subjMargin) { subjMargin = m; subj = c; }
                    }
                    if (best == RoleSource)
                    {
                        float margin = roleScores[RoleSource] - Math.Max(roleScores[RoleNone], roleScores[RoleContent]);
                        if (margin > srcMargin) { srcMargin = margin; src = c; }
                    }
                    else if (best == RoleContent)
                    {
                        var (f0, l0) = RoleSpan(v, c, rel);
                        if (f0 > l0) continue;
                        cFirst = Math.Min(cFirst, f0);
                        cLast = Math.Max(cLast, l0);
                    }
                }
                if (cLast < 0) continue;
                if (src < 0 && subj >= 0 && subjMargin > -SubjectSourceMargin) src = subj;
                // A weak cue (one the model scores below even odds) counts only with a source beside it: without one,
                // "did not reply to questions" would be a statement whose content is its own subject.
                if (src < 0 && cueMargin <= 0) continue;
                int sFirst = -1, sLast = -1;
                if (src >= 0) (sFirst, sLast) = FullSourceSpan(src, v);
                if (v >= cFirst && v <= cLast)
                {
                    // The content lies on both sides of the cue ("X, he says, is Y"): keep the larger side.
                    if (v - cFirst >= cLast - v) cLast = v - 1; else cFirst = v + 1;
                }
                if (sFirst >= 0 && sFirst <= cLast && sLast >= cFirst)
                {
                    if (sFirst > cFirst) cLast = Math.Min(cLast, sFirst - 1);
                    else cFirst = Math.Max(cFirst, sLast + 1);
                }
                (cFirst, cLast) = Trim(cFirst, cLast, v, sLast);
                if (cLast < cFirst) continue;
                result.Add(new Candidate(cFirst, cLast, sFirst, sLast, src, v, v, _lemma[v], "reported"));
                if (result.Count >= MaxCandidates) return result;
            }
        }
        return result;
    }
}
