using Storyline.Core;

namespace Storyline.Quotes;

/// <summary>Who a source phrase names: an entity of the document, a relay, or nobody on purpose.</summary>
internal readonly record struct Resolution(
    int SpeakerFirst, int SpeakerLast, int Entity, bool Unnamed, int ViaFirst, int ViaLast, int ViaEntity);

/// <summary>
/// Resolves a source phrase to an entity of the document, precision first: the phrase's head must lie in an
/// entity mention (named, or nominal from the entity stage); a personal pronoun takes the one fitting person
/// in the last sentences (or the speaker of the quote just before, when that person is among them); a role
/// noun ("the official", "China's top diplomat") takes the one earlier person whose role or country fits.
/// Anything less certain stays unresolved (entity -1) with its text.
/// </summary>
internal sealed class SpeakerResolver
{
    private const int PronounWindowSentences = 2;
    private const int NominalWindowSentences = 6;
    /// <summary>Look-backs stop after this many tokens, whatever the sentences (bounded work on one huge sentence).</summary>
    private const int MaxLookbackTokens = 400;

    private readonly Document _doc;
    private readonly List<Token> _tk;
    private readonly int[] _mentionOf;   // mention covering each token, -1 when none
    private readonly int[] _sentOf;
    private readonly int[] _firstChild, _nextSibling;
    private readonly char[] _gender;     // per entity: 'm', 'f' or '\0' (from honorifics and gendered role words)

    public SpeakerResolver(Document doc, int[] sentOf, int[] firstChild, int[] nextSibling)
    {
        _doc = doc;
        _tk = doc.Tokens;
        _sentOf = sentOf;
        _firstChild = firstChild;
        _nextSibling = nextSibling;
        _mentionOf = new int[_tk.Count];
        Array.Fill(_mentionOf, -1);
        var ms = doc.Mentions;
        int t = 0;
        // Mentions by start, longer first (the entity stage's own order, usually: then no sort).
        bool sorted = true;
        for (int i = 1; i < ms.Count && sorted; i++)
            sorted = ms[i].Start > ms[i - 1].Start || ms[i].Start == ms[i - 1].Start && ms[i].End <= ms[i - 1].End;
        int[]? order = sorted ? null : Enumerable.Range(0, ms.Count).OrderBy(i => ms[i].Start).ThenByDescending(i => ms[i].End).ToArray();
        for (int oi = 0; oi < ms.Count; oi++)
        {
            int mi = order is null ? oi : order[oi];
            var m = ms[mi];
            while (t > 0 && _tk[t - 1].End > m.Start) t--;
            while (t < _tk.Count && _tk[t].End <= m.Start) t++;
            for (int k = t; k < _tk.Count && _tk[k].Start < m.End; k++)
                if (_mentionOf[k] < 0 || ms[_mentionOf[k]].Nominal && !m.Nominal) _mentionOf[k] = mi;
        }
        _gender = new char[doc.Entities.Count];
        for (int e = 0; e < doc.Entities.Count; e++) _gender[e] = GenderOf(doc.Entities[e]);
    }

    private char GenderOf(Entity e)
    {
        if (e.Type != "PER") return '\0';
        bool m = false, f = false;
        foreach (var mi in e.Mentions)
        {
            if (mi < 0 || mi >= _doc.Mentions.Count) continue;
            var men = _doc.Mentions[mi];
            // the honorific just before the mention ("Mrs. Clinton") or inside it
            int from = Math.Max(0, men.Start - 6);
            var around = _doc.Text.AsSpan(from, men.End - from);
            if (around.Contains("Mr.", StringComparison.Ordinal) || around.Contains("Mr ", StringComparison.Ordinal)) m = true;
            if (around.Contains("Mrs", StringComparison.Ordinal) || around.Contains("Ms.", StringComparison.Ordinal) || around.Contains("Ms ", StringComparison.Ordinal)) f = true;
        }
        var role = e.Role?.ToLowerInvariant() ?? "";
        if (role.EndsWith("woman", StringComparison.Ordinal) || role is "queen" or "princess" or "empress" or "actress") f = true;
        if (role.EndsWith("man", StringComparison.Ordinal) && !role.EndsWith("woman", StringComparison.Ordinal) || role is "king" or "prince" or "emperor") m = true;
        return m == f ? '\0' : m ? 'm' : 'f';
    }

    private string Lemma(int i) => (_tk[i].Lemma ?? _tk[i].Text).ToLowerInvariant();
    private string Dep(int i) => _tk[i].Dep ?? "";

    private int Child(int h, Func<string, bool> dep)
    {
        for (int c = _firstChild[h]; c >= 0; c = _nextSibling[c]) if (dep(Dep(c))) return c;
        return -1;
    }

    private bool IsSpeakerType(int entity) =>
        entity >= 0 && _doc.Entities[entity].Type is "PER" or "ORG" or "LOC" or "GPE" or "NORP";

    /// <param name="previousEntity">The resolved speaker of the quote just before (for "he" after a quote of his).</param>
    public Resolution Resolve(int first, int last, int head, int previousEntity, int previousSentence)
    {
        if (head < 0) return new Resolution(-1, -1, -1, false, -1, -1, -1);
        int viaFirst = -1, viaLast = -1, viaEntity = -1;

        // A relay ("her spokesperson", "a statement from the ministry"): the speaker is who it speaks for.
        for (int hop = 0; hop < 3; hop++)
        {
            if (NamedMentionAt(head) >= 0 || !CueLexicon.Relays.Contains(Lemma(head))) break;
            int owner = Child(head, d => d == "nmod:poss");
            if (owner < 0) owner = Child(head, d => d == "nmod" || d == "obl");
            if (owner < 0 || owner < first || owner > last) break;
            if (viaFirst < 0) { viaFirst = first; viaLast = last; }
            // The relay itself (innermost carrier of the statement, "her spokesperson") is the via.
            if (!CueLexicon.Carriers.Contains(Lemma(head))) { viaFirst = first; viaLast = last; viaEntity = EntityOf(head); }
            (first, last) = PhraseOf(owner);
            head = owner;
        }

        int entity = EntityOf(head);
        var word = _tk[head].Text.ToLowerInvariant();
        if (entity < 0 && word is "who" or "which" or "that")
        {
            // "Smith, who said …": the relative pronoun stands for the noun its clause modifies.
            int verb = _tk[head].Head;
            if (verb >= 0 && Dep(verb) == "acl:relcl" && _tk[verb].Head is int noun && noun >= 0) entity = EntityOf(noun);
        }
        if (entity < 0 && CueLexicon.PersonPronouns.Contains(word))
            entity = ResolvePronoun(head, word is "he" or "him" ? 'm' : 'f', previousEntity, previousSentence);
        else if (entity < 0 && word == "it")
            entity = UniqueBefore(head, PronounWindowSentences, e => e.Type == "ORG");
        else if (entity < 0 && _tk[head].Pos == "NOUN" && CueLexicon.PersonHeads.Contains(Lemma(head)))
            entity = ResolveRoleNominal(head, first);
        else if (entity < 0 && CueLexicon.OrgHeads.Contains(Lemma(head)) && Child(head, d => d == "det") is int det && det >= 0 && Lemma(det) == "the")
            entity = UniqueBefore(head, 3, e => e.Type == "ORG");

        bool unnamed = false;
        if (entity < 0)
        {
            unnamed = CueLexicon.UnnamedHeads.Contains(Lemma(head)) || CueLexicon.UnnamedHeads.Contains(_tk[head].Text);
            for (int k = first; k <= last && !unnamed; k++)
                if (CueLexicon.AnonymityMarkers.Contains(_tk[k].Text)) unnamed = true;
        }
        if (viaEntity >= 0 && viaEntity == entity) viaEntity = -1;
        return new Resolution(first, last, IsSpeakerType(entity) ? entity : -1, unnamed, viaFirst, viaLast, viaEntity);
    }

    /// <summary>The phrase a token heads (its subtree within the sentence, without clauses), minus a possessive marker.</summary>
    private (int First, int Last) PhraseOf(int head)
    {
        int first = head, last = head;
        var stack = new Stack<int>();
        stack.Push(head);
        int visited = 0;
        while (stack.Count > 0 && visited++ < 32)
        {
            int x = stack.Pop();
            for (int c = _firstChild[x]; c >= 0; c = _nextSibling[c])
            {
                if (Dep(c) is "acl:relcl" or "case" or "punct" || _sentOf[c] != _sentOf[head]) continue;
                first = Math.Min(first, c); last = Math.Max(last, c);
                stack.Push(c);
            }
        }
        return (first, last);
    }

    private int NamedMentionAt(int tok)
    {
        int m = _mentionOf[tok];
        return m >= 0 && !_doc.Mentions[m].Nominal ? m : -1;
    }

    private int EntityOf(int tok)
    {
        int m = _mentionOf[tok];
        return m < 0 ? -1 : _doc.Mentions[m].Entity;
    }

    /// <summary>"he"/"she": the one person of that gender in the last sentences, or the previous speaker when among them.</summary>
    private int ResolvePronoun(int tok, char gender, int previousEntity, int previousSentence)
    {
        int s = _sentOf[tok];
        var candidates = new List<int>(4);
        int lastSubject = -1;
        for (int k = tok - 1; k >= 0 && k >= tok - MaxLookbackTokens && _sentOf[k] >= s - PronounWindowSentences; k--)
        {
            int e = EntityOf(k);
            if (e < 0 || _doc.Entities[e].Type != "PER") continue;
            if (_gender[e] != '\0' && _gender[e] != gender) continue;
            if (!candidates.Contains(e)) candidates.Add(e);
            if (lastSubject < 0 && Dep(k) is "nsubj" or "nsubj:pass") lastSubject = e;
        }
        if (candidates.Count == 1) return candidates[0];
        if (candidates.Count == 0)
        {
            // Nobody nearby: the speaker of the quote just before, when it is recent.
            return previousEntity >= 0 && _doc.Entities[previousEntity].Type == "PER" && s - previousSentence <= PronounWindowSentences + 1
                   && (_gender[previousEntity] == '\0' || _gender[previousEntity] == gender) ? previousEntity : -1;
        }
        // Several: the previous speaker, when they are also the last subject (the topic carries on).
        if (previousEntity >= 0 && candidates.Contains(previousEntity) && (lastSubject == previousEntity || lastSubject < 0))
            return previousEntity;
        // The closest person of the right gender when the others are of the other gender (known from honorifics).
        var sure = candidates.Where(e => _gender[e] == gender).ToList();
        return sure.Count == 1 && !candidates.Any(e => _gender[e] == '\0') ? sure[0] : -1;
    }

    /// <summary>"the official", "China's top diplomat": the one earlier person whose role (or country) fits.</summary>
    private int ResolveRoleNominal(int head, int first)
    {
        var noun = Lemma(head);
        // A country named in the phrase ("China's", "the Chinese") narrows the candidates.
        string? country = null;
        for (int k = first; k < head; k++)
        {
            int e = EntityOf(k);
            if (e >= 0 && _doc.Entities[e].Type is "LOC" or "GPE" or "MISC" or "NORP" && _doc.Entities[e].Country is { } c) { country = c; break; }
        }
        bool definite = false;
        for (int k = first; k < head; k++) if (Lemma(k) is "the" || Dep(k) == "nmod:poss") definite = true;
        if (!definite) return -1;   // "a diplomat said": someone new, not an earlier person

        int s = _sentOf[head];
        var candidates = new List<int>(4);
        for (int k = first - 1; k >= 0 && k >= first - MaxLookbackTokens && _sentOf[k] >= s - NominalWindowSentences; k--)
        {
            int e = EntityOf(k);
            if (e < 0 || candidates.Contains(e)) continue;
            var ent = _doc.Entities[e];
            if (ent.Type != "PER") continue;
            bool roleFits = ent.Role is { } r && r.Split(' ').Any(w => w.Equals(noun, StringComparison.OrdinalIgnoreCase));
            bool countryFits = country is not null && ent.Country == country && ent.Role is not null;
            if (roleFits && (country is null || ent.Country is null || ent.Country == country) || countryFits) candidates.Add(e);
        }
        return candidates.Count == 1 ? candidates[0] : -1;
    }

    private int UniqueBefore(int tok, int windowSentences, Func<Entity, bool> fits)
    {
        int s = _sentOf[tok];
        int found = -1;
        for (int k = tok - 1; k >= 0 && k >= tok - MaxLookbackTokens && _sentOf[k] >= s - windowSentences; k--)
        {
            int e = EntityOf(k);
            if (e < 0 || !fits(_doc.Entities[e])) continue;
            if (found >= 0 && found != e) return -1;
            found = e;
        }
        return found;
    }
}
