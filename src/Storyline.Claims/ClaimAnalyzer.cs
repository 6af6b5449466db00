using System.Globalization;
using Storyline.Core;

namespace Storyline.Claims;

/// <summary>
/// Reads what a stretch of text asserts off the document's dependency parse: the main predicate (descending through
/// "said that …" and "denied that …"), its subject, agent and patient, the asserted value, polarity, hedging, and the
/// numbers and dates inside it. Never re-tokenises or re-parses; bounded by <see cref="MaxTokens"/> per claim.
/// </summary>
public static class ClaimAnalyzer
{
    /// <summary>Tokens read per claim at most (a quote can run for paragraphs; its first clauses carry the claim).</summary>
    public const int MaxTokens = 160;
    private const int MaxTerms = 12;

    /// <summary>
    /// The claim made by the text in [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="doc"/>,
    /// without speaker or side (the stage adds those). <paramref name="cueNegates"/>: the statement was introduced by
    /// a denial ("X denied that …"), so its content is asserted false.
    /// </summary>
    /// <param name="cueToken">The token of the cue verb that introduced the statement ("called", "accuses"), or -1: when it
    /// lies outside the span, a content that is only a noun phrase or a small clause is read through it.</param>
    /// <param name="aliases">Nouns the document predicated of another noun ("the balloon was a civilian craft": craft →
    /// balloon, see <see cref="Predications"/>): a definite "the craft" is then about the balloon. Null for none.</param>
    public static Claim Analyze(Document doc, int start, int end, bool cueNegates = false, int cueToken = -1,
        IReadOnlyDictionary<string, string>? aliases = null)
    {
        ArgumentNullException.ThrowIfNull(doc);
        start = Math.Clamp(start, 0, doc.Text.Length);
        end = Math.Clamp(end, start, doc.Text.Length);
        var text = doc.Text.Substring(start, end - start).Trim();
        var (t0, t1) = TokenRange(doc.Tokens, start, end);
        t1 = Math.Min(t1, t0 + MaxTokens);
        var claim = new Claim { Text = text, Start = start, End = end };
        if (t1 <= t0) return claim;

        var toks = doc.Tokens;
        var children = Children(toks, t0, t1);
        int pred = MainPredicate(toks, t0, t1);
        bool negated = cueNegates;
        bool hedged = false;
        // "said that …", "denied that …": the claim is the complement.
        for (int depth = 0; depth < 3 && pred >= 0; depth++)
        {
            var lemma = Lemma(toks[pred]);
            bool denial = ClaimLexicon.DenialVerbs.Contains(lemma);
            if (!denial && !ClaimLexicon.SpeechVerbs.Contains(lemma)) break;
            int comp = FirstChild(toks, children, pred, t0, "ccomp", "xcomp");
            if (comp < 0) break;
            if (denial || HasNegator(toks, children, pred, t0)) negated ^= true;
            if (Hedge(toks, children, pred, t0)) hedged = true;
            pred = comp;
        }
        if (pred < 0) return claim with { Terms = Terms(toks, t0, t1) };

        // A content read through its cue: "called it absurd", "described the craft as a spy balloon", "accuses X of flying Y".
        if (cueToken >= 0 && cueToken < toks.Count && (cueToken < t0 || cueToken >= t1)
            && ThroughCue(doc, children, t0, t1, cueToken, aliases) is { } viaCue)
        {
            bool neg = cueNegates ^ viaCue.Negated;
            return claim with
            {
                Subject = viaCue.Subject, Predicate = viaCue.Predicate, Value = viaCue.Value, Agent = viaCue.Agent, Patient = viaCue.Patient,
                Negated = neg, Hedged = viaCue.Hedged,
                Numbers = Numbers(doc, toks, t0, t1), Dates = Dates(doc, start, end), Terms = Terms(toks, t0, t1),
            };
        }

        if (HasNegator(toks, children, pred, t0)) negated ^= true;
        if (Hedge(toks, children, pred, t0)) hedged = true;

        string? predicate, value = null, agent = null, patient = null;
        int subj = FirstChild(toks, children, pred, t0, "nsubj", "nsubj:pass", "csubj");
        bool copular = FirstChild(toks, children, pred, t0, "cop") >= 0;
        string? subject = subj >= 0 ? Head(doc, subj, pred, t0, aliases) : null;
        if (copular)
        {
            predicate = "be";
            value = Phrase(toks, children, pred, t0);
            // "what officials say was a surveillance balloon", "… was a weather balloon": with no subject (or a free
            // relative "what"), the description names the kind of thing it is about — its head noun is the subject.
            // Only when the content opens with the copula or the "what" (its subject is outside it), never for a
            // parse that merely lost the subject ("80 percent of workers were women").
            if (toks[pred].Pos == "NOUN" && (subj < 0 || Lemma(toks[subj]) is "what" or "which") && OpensWithCopula(toks, t0, t1)) subject = Lemma(toks[pred]);
            // "was not a spy balloon", "no evidence": a negative determiner on the value.
            if (FirstChild(toks, children, pred, t0, "det") is int det and >= 0 && Lemma(toks[det]) == "no") negated ^= true;
        }
        else
        {
            predicate = ClaimLexicon.VerbLemma(Lemma(toks[pred]));
            int prt = FirstChild(toks, children, pred, t0, "compound:prt");
            if (prt >= 0) predicate += "_" + Lemma(toks[prt]);
            bool passive = FirstChild(toks, children, pred, t0, "nsubj:pass", "aux:pass") >= 0;
            int obj = FirstChild(toks, children, pred, t0, "obj");
            // "did not seek or receive X": the object hangs on the last conjunct.
            if (obj < 0 && FirstChild(toks, children, pred, t0, "conj") is int cj and >= 0 && toks[cj].Pos == "VERB")
                obj = FirstChild(toks, children, cj, t0, "obj");
            if (obj >= 0)
            {
                value = Phrase(toks, children, obj, t0);
                patient = Head(doc, obj, pred, t0, aliases);
            }
            if (passive)
            {
                patient = subject;
                int by = FirstChild(toks, children, pred, t0, "obl:agent");
                if (by < 0)
                    // Some parses attach "by X" as a plain obl with a "by" case marker.
                    foreach (var c in children[pred - t0])
                        if (toks[c].Dep == "obl" && FirstChild(toks, children, c, t0, "case") is int cs and >= 0 && Lemma(toks[cs]) == "by") { by = c; break; }
                if (by >= 0) agent = Head(doc, by, pred, t0, aliases);
                // "was used for surveillance", "is designed for research": a stated purpose describes the subject
                // as "X was a surveillance craft" does, so it is read as a description (predicate be).
                if (ClaimLexicon.PurposeVerbs.Contains(predicate) && subject is not null && obj < 0)
                    foreach (var c in children[pred - t0])
                        if (toks[c].Dep is "obl" or "advcl" && FirstChild(toks, children, c, t0, "case", "mark") is int fc and >= 0 && Lemma(toks[fc]) == "for")
                        {
                            value = toks[pred].Text.ToLowerInvariant() + " " + Phrase(toks, children, c, t0);
                            predicate = "be";
                            break;
                        }
            }
            else agent = subject;
            // "no one was killed", "nothing was sent"
            if (subj >= 0 && (Lemma(toks[subj]) is "nobody" or "nothing" or "none"
                || FirstChild(toks, children, subj, t0, "det") is int sd and >= 0 && Lemma(toks[sd]) == "no")) negated ^= true;
            if (obj >= 0 && (Lemma(toks[obj]) is "nothing" or "nobody" or "none"
                || FirstChild(toks, children, obj, t0, "det") is int od and >= 0 && Lemma(toks[od]) == "no")) negated ^= true;
        }

        return claim with
        {
            Subject = subject,
            Predicate = predicate,
            Value = value,
            Negated = negated,
            Hedged = hedged,
            Agent = agent,
            Patient = patient,
            Numbers = Numbers(doc, toks, t0, t1),
            Dates = Dates(doc, start, end),
            Terms = Terms(toks, t0, t1),
        };
    }

    /// <summary>
    /// Descriptions a statement makes in passing: a definite noun phrase whose modifier decides what the thing is
    /// ("the surveillance balloon", "this civilian airship" — a modifier of a contrast class, see
    /// <see cref="ClaimLexicon.Contrast"/>) asserts it, as "the balloon was a surveillance balloon" would. Left out: a
    /// generic or indefinite phrase ("spy balloons", "a spy balloon"), a modifier in scare quotes, a modifier mixing both
    /// poles, and a phrase inside a nested attribution ("what the US calls the spy balloon").
    /// </summary>
    public static IEnumerable<Claim> Attributive(Document doc, int start, int end, IReadOnlyDictionary<string, string>? aliases = null)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var toks = doc.Tokens;
        var (t0, t1) = TokenRange(toks, Math.Clamp(start, 0, doc.Text.Length), Math.Clamp(end, 0, doc.Text.Length));
        t1 = Math.Min(t1, t0 + MaxTokens);
        if (t1 <= t0) yield break;
        var children = Children(toks, t0, t1);
        for (int n = t0; n < t1; n++)
        {
            if (toks[n].Pos != "NOUN" || !Definite(toks, n)) continue;
            int first = n; (string Class, int Pole)? seen = null; bool mixed = false;
            foreach (var c in children[n - t0])
            {
                if (c > n || toks[c].Dep is not ("amod" or "compound")) continue;
                if (ClaimLexicon.Contrast(toks[c].Text.ToLowerInvariant()) is { } k)
                {
                    if (seen is { } p && p.Class == k.Class && p.Pole != k.Pole) mixed = true;
                    seen ??= k;
                    first = Math.Min(first, c);
                }
            }
            if (seen is null || mixed) continue;
            // Scare quotes: "the 'spy' balloon" reports a label rather than asserting it.
            int before = toks[first].Start - 1;
            if (before >= 0 && doc.Text[before] is '"' or '\'' or '\u2018' or '\u201c') continue;
            if (UnderAttribution(toks, n, t0, t1)) continue;
            var (p0, p1) = (toks[Math.Min(first, n)].Start, toks[n].End);
            var subject = Head(doc, n, n, t0, aliases);
            yield return new Claim
            {
                Text = doc.Text[p0..p1], Start = p0, End = p1,
                Subject = subject, Predicate = "be", Value = Phrase(toks, children, n, t0),
                Terms = Terms(toks, Math.Min(first, n), n + 1),
            };
        }
    }

    /// <summary>True when a speech or description verb governs the token inside the statement (a nested attribution).</summary>
    private static bool UnderAttribution(List<Token> toks, int tok, int t0, int t1)
    {
        int h = toks[tok].Head;
        for (int step = 0; step < 24 && h >= t0 && h < t1; step++)
        {
            var l = Lemma(toks[h]);
            if (ClaimLexicon.SpeechVerbs.Contains(l) || ClaimLexicon.DescriptionVerbs.Contains(l) || ClaimLexicon.DenialVerbs.Contains(l)) return true;
            h = toks[h].Head;
        }
        return false;
    }

    private sealed record CueReading(string? Subject, string Predicate, string? Value, string? Agent, string? Patient, bool Negated, bool Hedged);

    /// <summary>
    /// A content that is not a clause of its own, read through the cue verb outside the span: a description
    /// ("called it “absurd”", "described the craft as a spy balloon": subject it/craft, predicate be, the description as
    /// value), an accusation ("accuses the US of flying balloons": the act flying, its agent the accused, its patient the
    /// object), or a bare noun phrase ("slammed the US response": the cue's act on that phrase). Null when the content
    /// is a clause (read the ordinary way).
    /// </summary>
    private static CueReading? ThroughCue(Document doc, List<int>[] children, int t0, int t1, int cue, IReadOnlyDictionary<string, string>? aliases)
    {
        var toks = doc.Tokens;
        var cueLemma = Lemma(toks[cue]);
        int obj = -1, comp = -1, clause = -1;
        for (int i = t0; i < t1; i++)
        {
            if (toks[i].Head != cue) continue;
            switch (toks[i].Dep)
            {
                case "obj" or "iobj" when obj < 0: obj = i; break;
                case "xcomp" or "obl" or "advcl" when comp < 0: comp = i; break;
                case "ccomp" or "csubj" or "parataxis" when clause < 0: clause = i; break;
            }
        }
        if (ClaimLexicon.DescriptionVerbs.Contains(cueLemma) && obj >= 0 && comp >= 0 && comp > obj)
        {
            // "described it as …": the description under "as" (or a bare xcomp "called it absurd").
            var value = Phrase(toks, children, comp, t0);
            if (value.StartsWith("as ", StringComparison.Ordinal)) value = value[3..];
            bool neg = FirstChild(toks, children, comp, t0, "det") is int d and >= 0 && Lemma(toks[d]) == "no";
            return new CueReading(Head(doc, obj, cue, t0, aliases), "be", value, null, null, neg, false);
        }
        if (ClaimLexicon.AccusationVerbs.Contains(cueLemma) && obj >= 0)
        {
            // The act is a verb marked "of"/"for", hanging on the accused ("accuses X of flying") or on the cue.
            for (int i = t0; i < t1; i++)
            {
                if (toks[i].Pos != "VERB" || (toks[i].Head != obj && toks[i].Head != cue)) continue;
                int mk = FirstChild(toks, children, i, t0, "mark", "case");
                if (mk < 0 || Lemma(toks[mk]) is not ("of" or "for")) continue;
                var act = ClaimLexicon.VerbLemma(Lemma(toks[i]));
                int prt = FirstChild(toks, children, i, t0, "compound:prt");
                if (prt >= 0) act += "_" + Lemma(toks[prt]);
                int o = FirstChild(toks, children, i, t0, "obj");
                var agent = Head(doc, obj, cue, t0, aliases);
                return new CueReading(agent, act, o >= 0 ? Phrase(toks, children, o, t0) : null, agent,
                    o >= 0 ? Head(doc, o, i, t0, aliases) : null, HasNegator(toks, children, i, t0), Hedge(toks, children, i, t0));
            }
        }
        // "slammed the US response": no clause under the cue, only what it was said of.
        if (clause < 0 && comp < 0 && obj >= 0 && toks[obj].Pos is "NOUN" or "PROPN" && !ClaimLexicon.SpeechVerbs.Contains(cueLemma))
        {
            var head = Head(doc, obj, cue, t0, aliases);
            return new CueReading(head, ClaimLexicon.VerbLemma(cueLemma), Phrase(toks, children, obj, t0), null, head, false, false);
        }
        return null;
    }

    /// <summary>
    /// Nouns the document predicates of another noun, for definite descriptions that refer back: "the balloon was a
    /// civilian craft" and "the balloon, an airship, …" make "the craft" and "the airship" refer to the balloon. A noun
    /// predicated of two different nouns is ambiguous and left out. Reads at most <paramref name="maxTokens"/> tokens.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Predications(Document doc, int maxTokens = 20_000)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var toks = doc.Tokens;
        int n = Math.Min(toks.Count, maxTokens);
        var hasCop = new bool[n];
        for (int i = 0; i < n; i++)
            if (toks[i].Dep == "cop" && toks[i].Head >= 0 && toks[i].Head < n) hasCop[toks[i].Head] = true;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        void Add(int described, int thing)
        {
            if (toks[described].Pos != "NOUN" || toks[thing].Pos != "NOUN") return;
            string a = Lemma(toks[described]), b = Lemma(toks[thing]);
            if (a == b || ClaimLexicon.Stop.Contains(a) || ClaimLexicon.Stop.Contains(b) || ambiguous.Contains(a)) return;
            if (map.TryGetValue(a, out var prev)) { if (prev != b) { map.Remove(a); ambiguous.Add(a); } return; }
            map[a] = b;
        }
        for (int i = 0; i < n; i++)
        {
            int h = toks[i].Head;
            if (h < 0 || h >= n) continue;
            if (toks[i].Dep is "nsubj" && hasCop[h]) Add(h, i);     // "the balloon was a civilian craft"
            else if (toks[i].Dep == "appos") Add(i, h);             // "the balloon, a civilian airship, …"
        }
        return map;
    }

    /// <summary>Token index range [first, last) of the tokens inside [start, end).</summary>
    public static (int First, int End) TokenRange(List<Token> toks, int start, int end)
    {
        int lo = 0, hi = toks.Count;
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (toks[mid].Start < start) lo = mid + 1; else hi = mid; }
        int i = lo, j = lo;
        while (j < toks.Count && toks[j].End <= end) j++;
        return (i, j);
    }

    private static List<int>[] Children(List<Token> toks, int t0, int t1)
    {
        var ch = new List<int>[t1 - t0];
        for (int i = 0; i < ch.Length; i++) ch[i] = [];
        for (int i = t0; i < t1; i++)
        {
            int h = toks[i].Head;
            if (h >= t0 && h < t1 && h != i) ch[h - t0].Add(i);
        }
        return ch;
    }

    /// <summary>
    /// The clause the span asserts: the sentence root when it lies inside the span, else the first token whose head lies
    /// outside it (a quote is often a clause of a longer sentence), preferring a predicate over a stray modifier.
    /// </summary>
    private static int MainPredicate(List<Token> toks, int t0, int t1)
    {
        int first = -1, content = -1;
        for (int i = t0; i < t1; i++)
        {
            int h = toks[i].Head;
            if (h >= t0 && h < t1) continue;
            if (toks[i].Dep == "root" || h < 0) return i;
            if (toks[i].Pos is "PUNCT" or "SYM" or "X") continue;
            if (first < 0) first = i;
            if (content < 0 && toks[i].Pos is "VERB" or "AUX" or "NOUN" or "ADJ" or "PROPN") content = i;
        }
        return content >= 0 ? content : first;
    }

    private static int FirstChild(List<Token> toks, List<int>[] children, int head, int t0, params string[] deps)
    {
        foreach (var c in children[head - t0])
            if (toks[c].Dep is { } d && Array.IndexOf(deps, d) >= 0) return c;
        return -1;
    }

    private static bool HasNegator(List<Token> toks, List<int>[] children, int head, int t0)
    {
        foreach (var c in children[head - t0])
            if ((toks[c].Dep is "advmod" or "neg" or "det" or "aux" or "cc:preconj")
                && ClaimLexicon.Negators.Contains(toks[c].Text.ToLowerInvariant()) && toks[c].Dep != "det") return true;
        return false;
    }

    private static bool Hedge(List<Token> toks, List<int>[] children, int head, int t0)
    {
        foreach (var c in children[head - t0])
            if (toks[c].Dep is "aux" or "advmod" or "mark" && ClaimLexicon.Hedges.Contains(toks[c].Text.ToLowerInvariant())) return true;
        return false;
    }

    internal static string Lemma(Token t) => (t.Lemma ?? t.Text).ToLowerInvariant();

    /// <summary>
    /// The normalised head of an argument: the entity's name when the head is part of a named mention ("donald trump"),
    /// the antecedent noun for "it"/"this" (the nearest earlier subject or object outside the claim), else its lemma.
    /// </summary>
    private static string? Head(Document doc, int tok, int pred, int t0, IReadOnlyDictionary<string, string>? aliases = null)
    {
        var t = doc.Tokens[tok];
        // A definite description the document predicated of another noun ("the craft" after "the balloon was a craft").
        if (aliases is not null && t.Pos == "NOUN" && aliases.TryGetValue(Lemma(t), out var referent) && Definite(doc.Tokens, tok))
            return referent;
        if (t.Pos == "PRON")
        {
            var low = t.Text.ToLowerInvariant();
            if (low is "it" or "this" or "that") return Antecedent(doc, t0);
            return null;
        }
        if (t.Pos == "PROPN" && MentionAt(doc, t.Start) is { } m)
        {
            var e = m.Entity >= 0 && m.Entity < doc.Entities.Count ? doc.Entities[m.Entity].Name : m.Text;
            return Norm(e);
        }
        // Names keep their form ("Sanders", not the lemma "sander").
        return t.Pos == "PROPN" ? t.Text.ToLowerInvariant() : Lemma(t);
    }

    private static bool OpensWithCopula(List<Token> toks, int t0, int t1)
    {
        for (int i = t0; i < t1; i++)
        {
            if (toks[i].Pos is "PUNCT") continue;
            return toks[i].Dep == "cop" || Lemma(toks[i]) is "what";
        }
        return false;
    }

    /// <summary>"the craft", "this airship": a determiner that refers back (a bounded look at the token's own dependents).</summary>
    private static bool Definite(List<Token> toks, int tok)
    {
        for (int i = Math.Max(0, tok - 6); i < tok; i++)
            if (toks[i].Head == tok && toks[i].Dep == "det" && Lemma(toks[i]) is "the" or "this" or "that") return true;
        return false;
    }

    /// <summary>The head lemma of the nearest noun subject or object before the claim, within 60 tokens.</summary>
    private static string? Antecedent(Document doc, int t0)
    {
        for (int i = t0 - 1; i >= 0 && i >= t0 - 60; i--)
        {
            var t = doc.Tokens[i];
            if (t.Pos is "NOUN" or "PROPN" && t.Dep is "nsubj" or "nsubj:pass" or "obj")
            {
                if (t.Pos == "PROPN" && MentionAt(doc, t.Start) is { } m)
                    return Norm(m.Entity >= 0 && m.Entity < doc.Entities.Count ? doc.Entities[m.Entity].Name : m.Text);
                return Lemma(t);
            }
        }
        return null;
    }

    private static EntityMention? MentionAt(Document doc, int charPos)
    {
        // Mentions are few per document; a linear pass is cheaper than an index for the handful of lookups per claim.
        foreach (var m in doc.Mentions)
            if (m.Start <= charPos && charPos < m.End) return m;
        return null;
    }

    internal static string Norm(string s) => string.Join(' ', s.ToLowerInvariant().Split([' ', '\u00a0'], StringSplitOptions.RemoveEmptyEntries)).Replace("\u2019s", "").Replace("'s", "");

    /// <summary>The phrase under a head: lemmas of its modifiers (adjectives, compounds, numbers, case) and the head, in order.</summary>
    private static string Phrase(List<Token> toks, List<int>[] children, int head, int t0)
    {
        var parts = new List<int> { head };
        foreach (var c in children[head - t0])
            if (toks[c].Dep is "amod" or "compound" or "nummod" or "case" or "flat" or "advmod" && c < head
                && !ClaimLexicon.Negators.Contains(toks[c].Text.ToLowerInvariant())) parts.Add(c);
        parts.Sort();
        // Modifiers as written ("planned", not "plan"), the head as its lemma.
        return string.Join(' ', parts.Select(p => p == head ? Lemma(toks[p]) : toks[p].Text.ToLowerInvariant()));
    }

    private static List<ClaimNumber> Numbers(Document doc, List<Token> toks, int t0, int t1)
    {
        var list = new List<ClaimNumber>();
        for (int i = t0; i < t1 && list.Count < 8; i++)
        {
            var t = toks[i];
            // Number words are read whatever tag they got ("Forty" opening a sentence); "one" only as a numeral.
            var lowText = t.Text.ToLowerInvariant();
            if (t.Pos != "NUM" && (lowText == "one" || !ClaimLexicon.NumberWords.ContainsKey(lowText))) continue;
            if (InTime(doc, t)) continue; // dates and times belong to the time layer
            // A multi-token number ("2 million", "two hundred") is read from its first token.
            if (i > t0 && toks[i - 1].Pos == "NUM" && toks[i].Head == i - 1 || i > t0 && toks[i - 1].Pos == "NUM" && toks[i - 1].Head == i) continue;
            if (!TryNumber(t.Text, out double v))
            {
                // "a million tweets": a bare multiplier.
                if (!ClaimLexicon.Multipliers.TryGetValue(t.Text.ToLowerInvariant(), out v)) continue;
            }
            int j = i + 1;
            while (j < t1 && j < i + 3 && toks[j].Pos == "NUM" && ClaimLexicon.Multipliers.TryGetValue(toks[j].Text.ToLowerInvariant(), out var mul)) { v *= mul; j++; }
            string? unit = Currency(toks, i, t0);
            int h = t.Head;
            if (unit is not null) { }
            else if (t.Dep is "nummod" or "compound" or "amod" && h >= t0 && h < t1 && toks[h].Pos is "NOUN" or "PROPN" or "SYM") unit = Lemma(toks[h]);
            else if (j < t1 && toks[j].Text is "%" || j < t1 && toks[j].Text.Equals("percent", StringComparison.OrdinalIgnoreCase)) unit = "percent";
            else if (h >= t0 && h < t1 && toks[h].Pos == "NOUN" && toks[h].Head == i) unit = Lemma(toks[h]);
            // Years and times of day belong to the time layer.
            if (unit is null && v is >= 1900 and <= 2100 && !t.Text.Contains(',')) continue;
            string bound = "exact";
            for (int k = i - 1; k >= t0 && k >= i - 2; k--)
                if (ClaimLexicon.BoundWord(toks[k].Text.ToLowerInvariant()) is { } b) { bound = b; break; }
            list.Add(new ClaimNumber(v, unit, bound));
        }
        return list;
    }

    private static bool InTime(Document doc, Token t)
    {
        foreach (var x in doc.Times)
            if (x.Start <= t.Start && t.End <= x.End) return true;
        return false;
    }

    private static bool TryNumber(string s, out double v)
    {
        var low = s.ToLowerInvariant().TrimStart('$', '€', '£');
        if (ClaimLexicon.NumberWords.TryGetValue(low, out v)) return true;
        // "28.4million", "3bn", "500k"
        double mul = 1;
        foreach (var (suffix, m) in new[] { ("million", 1e6), ("billion", 1e9), ("bn", 1e9), ("m", 1e6), ("k", 1e3) })
            if (low.Length > suffix.Length && low.EndsWith(suffix, StringComparison.Ordinal) && char.IsDigit(low[^(suffix.Length + 1)]))
            { low = low[..^suffix.Length]; mul = m; break; }
        if (!double.TryParse(low.Replace(",", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out v)) return false;
        v *= mul;
        return true;
    }

    /// <summary>"$18 million", "€5bn": the currency a number is in, or null.</summary>
    private static string? Currency(List<Token> toks, int i, int t0)
    {
        static string? Of(string s) => s.Length == 0 ? null : s[0] switch { '$' => "dollar", '€' => "euro", '£' => "pound", _ => null };
        if (Of(toks[i].Text) is { } c) return c;
        if (i > t0 && Of(toks[i - 1].Text) is { } p && toks[i - 1].Text.Length == 1) return p;
        return null;
    }

    private static List<string> Dates(Document doc, int start, int end)
    {
        var list = new List<string>();
        foreach (var x in doc.Times)
            if (x.Start >= start && x.End <= end && x.Type == "DATE" && x.Value is { Length: > 0 } v && list.Count < 4 && !list.Contains(v)) list.Add(v);
        return list;
    }

    private static List<string> Terms(List<Token> toks, int t0, int t1)
    {
        var list = new List<string>();
        for (int i = t0; i < t1 && list.Count < MaxTerms; i++)
        {
            var t = toks[i];
            if (t.Pos is not ("NOUN" or "PROPN" or "VERB" or "ADJ")) continue;
            var l = Lemma(t);
            if (l.Length < 3 || ClaimLexicon.Stop.Contains(l) || list.Contains(l)) continue;
            list.Add(l);
        }
        return list;
    }
}
