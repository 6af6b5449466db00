using Storyline.Core;

namespace Storyline.Claims;

/// <summary>
/// The side a speaker stands for: a government body or official speaks for its country ("a Pentagon official" →
/// United States, "China's foreign ministry spokesperson" → China), a company, party or group for itself ("Hamas",
/// "Microsoft"), a person with no such affiliation for themself. Read off the entities of the document only.
/// </summary>
public static class SideResolver
{
    /// <summary>Words that make an organisation part of a state, so it speaks for its country.</summary>
    private static readonly string[] StateWords =
    [
        "ministry", "department", "government", "army", "military", "navy", "air force", "police", "embassy", "parliament",
        "congress", "senate", "administration", "cabinet", "office", "agency", "forces", "white house", "pentagon", "kremlin",
        "defense", "defence", "intelligence", "coast guard", "presidency", "state council", "foreign", "interior", "mission",
        "consulate", "guard", "command", "duma", "knesset", "bundestag", "elysee", "downing street", "xinhua", "fbi", "cia",
    ];

    /// <summary>The side of a statement's speaker; (null, null) when nothing in the document says whose side it is.</summary>
    public static (string? Side, string? Key) Resolve(Document doc, Quote q)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(q);
        var spanEntities = EntitiesIn(doc, q.SpeakerStart, PhraseEnd(doc, q.SpeakerStart, q.SpeakerEnd));
        var r = Resolve(doc, q.SpeakerEntity, spanEntities);
        if (r.Side is null && (q.ViaEntity >= 0 || q.Via is not null))
            r = Resolve(doc, q.ViaEntity, []);
        return r;
    }

    /// <summary>The side for a speaker entity (or -1) and the entities named inside the speaker phrase, in text order.</summary>
    public static (string? Side, string? Key) Resolve(Document doc, int speakerEntity, IReadOnlyList<int> phraseEntities)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(phraseEntities);
        Entity? speaker = speakerEntity >= 0 && speakerEntity < doc.Entities.Count ? doc.Entities[speakerEntity] : null;
        if (speaker is not null && speaker.Type != "PER") return OfGroup(speaker);
        // A person speaks for the organisation or country named with them ("Pentagon spokesman John Kirby", "a Chinese official").
        foreach (var i in phraseEntities)
            if (i != speakerEntity && doc.Entities[i].Type == "ORG") return OfGroup(doc.Entities[i]);
        foreach (var i in phraseEntities)
            if (i != speakerEntity && doc.Entities[i].Type != "PER" && doc.Entities[i].CountryCode is not null) return OfGroup(doc.Entities[i]);
        if (speaker is null) return (null, null);
        if (speaker.CountryCode is not null && speaker.Country is not null) return (speaker.Country, speaker.CountryCode);
        return (speaker.Name, speaker.StoreKey);
    }

    private static (string? Side, string? Key) OfGroup(Entity e)
    {
        if (e.Type == "ORG")
        {
            if (e.CountryCode is not null && e.Country is not null && IsState(e.Name)) return (e.Country, e.CountryCode);
            return (e.Name, e.StoreKey);
        }
        // Places (Beijing, Washington, China) and demonyms (Chinese) stand for their country.
        if (e.CountryCode is not null && e.Country is not null) return (e.Country, e.CountryCode);
        return (e.Name, e.StoreKey);
    }

    /// <summary>
    /// The head noun of the speaker phrase (lemma: "official" for "a senior State Department official") and whether the
    /// phrase is a definite description ("the official", "the spokesman"), which refers back to an earlier speaker.
    /// </summary>
    public static (string? Head, bool Definite) SpeakerHead(Document doc, Quote q)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(q);
        if (q.SpeakerStart < 0 || q.SpeakerEnd <= q.SpeakerStart) return (null, false);
        var (t0, t1) = ClaimAnalyzer.TokenRange(doc.Tokens, q.SpeakerStart, q.SpeakerEnd);
        if (t1 <= t0 || t1 - t0 > 24) return (null, false);
        string? head = null;
        for (int i = t0; i < t1; i++)
        {
            var t = doc.Tokens[i];
            // The phrase's head is the token attached outside it ("official" is sometimes tagged ADJ: any content word).
            if (t.Pos is "NOUN" or "ADJ" && (t.Head < t0 || t.Head >= t1)) { head = ClaimAnalyzer.Lemma(t); break; }
        }
        bool definite = ClaimAnalyzer.Lemma(doc.Tokens[t0]) is "the" or "this" or "that";
        return (head, definite);
    }

    internal static bool IsState(string name)
    {
        var low = name.ToLowerInvariant();
        foreach (var w in StateWords)
            if (low.Contains(w, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>
    /// Where the speaker phrase proper ends: before a relative clause it carries ("Douglas Brinkley, a historian who
    /// attended the session at the White House," names no side in its clause), at its first relative pronoun or the
    /// first word the parse hangs in a relative clause.
    /// </summary>
    internal static int PhraseEnd(Document doc, int start, int end)
    {
        if (start < 0 || end <= start) return end;
        var toks = doc.Tokens;
        var (t0, t1) = ClaimAnalyzer.TokenRange(toks, start, end);
        for (int i = t0 + 1; i < t1; i++)
        {
            var t = toks[i];
            bool relative = t.Pos == "PRON" && ClaimAnalyzer.Lemma(t) is "who" or "which" or "whose" or "that" || t.Dep == "acl:relcl";
            if (relative) return toks[i - 1].End;
        }
        return end;
    }

    private static List<int> EntitiesIn(Document doc, int start, int end)
    {
        var list = new List<int>();
        if (start < 0 || end <= start) return list;
        foreach (var m in doc.Mentions)
            if (m.Start < end && m.End > start && m.Entity >= 0 && m.Entity < doc.Entities.Count && !list.Contains(m.Entity)) list.Add(m.Entity);
        return list;
    }
}
