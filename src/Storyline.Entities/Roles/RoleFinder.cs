using System.Text;
using Storyline.Entities.Text;

namespace Storyline.Entities.Roles;

/// <summary>Which pattern found a role.</summary>
internal enum RolePattern
{
    /// <summary>"German Chancellor Angela Merkel", "Brazil's foreign minister Mauro Vieira".</summary>
    Premodifier,
    /// <summary>"Wang Yi, China's top diplomat, said".</summary>
    Apposition,
    /// <summary>"A spokeswoman for the ministry, Mao Ning, said".</summary>
    PreApposition,
    /// <summary>"Blinken, who is secretary of state", "Scholz later became chancellor".</summary>
    Copula,
    /// <summary>Title inside the name span: "President Biden" tagged as one mention.</summary>
    InSpan,
    /// <summary>"Sarah Gilbert of the University of Oxford": affiliation only.</summary>
    PostAffiliation,
    /// <summary>A sentence-initial description ("The Argentine forward") of the previous sentence's subject.</summary>
    Nominal,
}

/// <summary>A role/description phrase found around a mention.</summary>
/// <param name="Role">Clean role string ("foreign minister", "Secretary of State"); null for affiliation-only hits.</param>
/// <param name="Head">Head noun, lower case ("minister").</param>
/// <param name="Modifiers">Modifier words of the role, lower case ("foreign").</param>
/// <param name="Country">Country (alpha-2) expressed in the phrase (demonym, possessive, "of Brazil", a place).</param>
/// <param name="OrgMention">Organisation mention the phrase names ("spokesman for the Kremlin"), or -1.</param>
internal sealed record RoleHit(int Mention, RolePattern Pattern, string? Role, string? Head, string[] Modifiers,
    string? Country, int OrgMention, int Position);

/// <summary>
/// Finds role and title phrases around person mentions and descriptions around organisation mentions,
/// with a small grammar over word tokens: [det] affiliation* modifier* head [complement], where an
/// affiliation is a demonym, a country (possessive or not) or another mention, and the complement is
/// "of/for/at/with" + a country, an organisation, or capitalised words that belong to the title
/// ("Secretary of State").
/// </summary>
internal sealed class RoleFinder(DocContext ctx)
{
    private const int MaxPremodTokens = 10;
    private const int MaxPreAppositionTokens = 14;
    private const int MaxCountryNameWords = 3;

    private sealed class Phrase
    {
        public int End;                 // token index just after the phrase
        public int RoleStart = -1, RoleEnd = -1;   // tokens of modifier* head
        public string? Complement;      // words appended to the role ("of State")
        public string? Country;
        public int Org = -1;
        public int HeadToken = -1;
    }

    /// <summary>All role hits for a person mention.</summary>
    public List<RoleHit> PersonRoles(int mention)
    {
        var hits = new List<RoleHit>();
        var (first, last) = ctx.MentionTokens[mention];
        if (first < 0) return hits;
        InSpan(mention, first, last, hits);
        Premodifier(mention, first, hits, org: false);
        PreApposition(mention, first, last, hits, org: false);
        Apposition(mention, last, hits, org: false);
        Copula(mention, last, hits);
        PostAffiliation(mention, last, hits);
        return hits;
    }

    /// <summary>Descriptions of an organisation: "French carmaker Renault", "Samsung, South Korea's largest company".</summary>
    public List<RoleHit> OrgDescriptions(int mention)
    {
        var hits = new List<RoleHit>();
        var (first, last) = ctx.MentionTokens[mention];
        if (first < 0) return hits;
        Premodifier(mention, first, hits, org: true);
        Apposition(mention, last, hits, org: true);
        // "Japan's Toyota": a bare possessive country right before the name.
        int p = first - 1;
        if (ctx.Kind(p) == TokKind.Possessive && CountryEndingAt(p - 1, out var cc, out _))
            hits.Add(new RoleHit(mention, RolePattern.Premodifier, null, null, [], cc, -1, ctx.Tokens[first].Start));
        return hits;
    }

    // ------------------------------------------------------------------ patterns

    private void InSpan(int mention, int first, int last, List<RoleHit> hits)
    {
        // Leading title words inside a PER span ("President Joe Biden"): modifier* head followed by a capitalised name.
        int i = first, lastHead = -1;
        while (i < last && ctx.IsWord(i) && (RoleLexicon.IsModifier(ctx.Word(i)) || RoleLexicon.IsHead(ctx.Word(i))))
        {
            if (RoleLexicon.IsHead(ctx.Word(i))) lastHead = i;
            i++;
        }
        if (lastHead < 0 || lastHead >= last) return;
        var ph = new Phrase { RoleStart = first, RoleEnd = lastHead + 1, HeadToken = lastHead, End = lastHead + 1 };
        hits.Add(Hit(mention, RolePattern.InSpan, ph, org: false));
    }

    private void Premodifier(int mention, int first, List<RoleHit> hits, bool org)
    {
        int limit = first;
        // "Mrs. Merkel": the courtesy title is not a role; the role may stand before it ("Chancellor Dr. Merkel").
        while (limit > 0 && ctx.IsWord(limit - 1) && RoleLexicon.Honorifics.Contains(ctx.Word(limit - 1))) limit--;
        int from = limit;
        while (from > 0 && limit - from < MaxPremodTokens && (ctx.IsWord(from - 1) || ctx.Kind(from - 1) == TokKind.Possessive)
               && !IsPersonToken(from - 1))
            from--;
        for (int s = from; s < limit; s++)
        {
            if (ctx.MentionOver(s) >= 0 && ctx.MentionAt(s) != ctx.MentionOver(s)) continue;   // never start inside a mention
            var ph = Parse(s, limit, allowComplement: !org, org);
            if (ph is null || ph.End != limit || ph.HeadToken < 0 && ph.Country is null) continue;
            if (ph.HeadToken < 0) continue;
            hits.Add(Hit(mention, RolePattern.Premodifier, ph, org));
            return;
        }
    }

    private void PreApposition(int mention, int first, int last, List<RoleHit> hits, bool org)
    {
        // "<NP>, NAME," — the NP ends at the comma before the name; the name closes with a comma or sentence end.
        int comma = first - 1;
        if (ctx.Kind(comma) != TokKind.Comma) return;
        var after = ctx.Kind(last + 1);
        if (after is not (TokKind.Comma or TokKind.SentenceEnd or TokKind.Boundary)) return;
        int from = comma;
        while (from > 0 && comma - from < MaxPreAppositionTokens && ctx.Kind(from - 1) is TokKind.Word or TokKind.Possessive) from--;
        for (int s = from; s < comma; s++)
        {
            if (ctx.MentionOver(s) >= 0 && ctx.MentionAt(s) != ctx.MentionOver(s)) continue;
            var ph = Parse(s, comma, allowComplement: true, org);
            if (ph is null || ph.End != comma || ph.HeadToken < 0) continue;
            // The NP must open the clause (sentence start, or after a determiner at clause start).
            if (s != from) continue;
            hits.Add(Hit(mention, RolePattern.PreApposition, ph, org));
            return;
        }
    }

    private void Apposition(int mention, int last, List<RoleHit> hits, bool org)
    {
        int i = last + 1;
        if (ctx.Kind(i) != TokKind.Comma) return;
        i++;
        // Skip an age: "Angela Merkel, 67, the chancellor".
        if (ctx.IsWord(i) && char.IsDigit(ctx.Word(i)[0]) && ctx.Kind(i + 1) == TokKind.Comma) i += 2;
        var ph = Parse(i, ctx.Tokens.Count, allowComplement: true, org);
        if (ph is null || ph.HeadToken < 0) return;
        if (!EndsNounPhrase(ph.End)) return;
        hits.Add(Hit(mention, RolePattern.Apposition, ph, org));
    }

    private const int MaxTrailingComplementTokens = 10;
    private static readonly HashSet<string> TrailingPrepositions = new(StringComparer.Ordinal) { "of", "for", "at", "with", "to", "in", "on", "from", "since", "under" };

    /// <summary>The apposition closes here: punctuation, the end, or a prepositional tail up to the next comma ("adviser to the president,").</summary>
    private bool EndsNounPhrase(int end)
    {
        if (end >= ctx.Tokens.Count || ctx.Kind(end) is TokKind.Comma or TokKind.SentenceEnd or TokKind.Boundary) return true;
        if (!TrailingPrepositions.Contains(ctx.Word(end))) return false;
        for (int k = end + 1; k < ctx.Tokens.Count && k - end <= MaxTrailingComplementTokens; k++)
        {
            if (ctx.Kind(k) is TokKind.Comma or TokKind.SentenceEnd or TokKind.Boundary) return true;
            if (IsPersonToken(k)) return false;
        }
        return false;
    }

    private void Copula(int mention, int last, List<RoleHit> hits)
    {
        int i = last + 1;
        bool comma = ctx.Kind(i) == TokKind.Comma;
        if (comma) i++;
        bool who = ctx.Word(i).Equals("who", StringComparison.OrdinalIgnoreCase);
        if (who) i++;
        if (comma && !who) return;
        while (RoleLexicon.Adverbs.Contains(ctx.Word(i))) i++;
        int cop = CopulaLength(i);
        if (cop == 0) return;
        i += cop;
        while (RoleLexicon.Adverbs.Contains(ctx.Word(i))) i++;
        var ph = Parse(i, ctx.Tokens.Count, allowComplement: true, org: false);
        if (ph is null || ph.HeadToken < 0) return;
        // "X is president" but not "X is president-like ..." : the head must end the noun phrase.
        if (ctx.IsWord(ph.End) && (RoleLexicon.IsHead(ctx.Word(ph.End)) || RoleLexicon.IsModifier(ctx.Word(ph.End)))) return;
        hits.Add(Hit(mention, RolePattern.Copula, ph, org: false));
    }

    private int CopulaLength(int i)
    {
        var w = ctx.Word(i);
        if (w.Length == 0) return 0;
        foreach (var (a, b) in RoleLexicon.Copulas2)
            if (w.Equals(a, StringComparison.OrdinalIgnoreCase) && ctx.Word(i + 1).Equals(b, StringComparison.OrdinalIgnoreCase)) return 2;
        return RoleLexicon.Copulas.Contains(w) ? 1 : 0;
    }

    private void PostAffiliation(int mention, int last, List<RoleHit> hits)
    {
        int i = last + 1;
        var prep = ctx.Word(i);
        if (!(prep.Equals("of", StringComparison.Ordinal) || prep.Equals("at", StringComparison.Ordinal))) return;
        i++;
        if (ctx.Word(i).Equals("the", StringComparison.OrdinalIgnoreCase)) i++;
        int m = ctx.MentionAt(i);
        string? country = null; int orgM = -1;
        if (m >= 0 && ctx.Doc.Mentions[m].Type != "PER")
        {
            if (ctx.Doc.Mentions[m].Type == "ORG") orgM = m; else country = ctx.CountryOfMention(m);
        }
        else if (CountryStartingAt(i, out var cc, out _)) country = cc;
        if (country is null && orgM < 0) return;
        hits.Add(new RoleHit(mention, RolePattern.PostAffiliation, null, null, [], country, orgM, ctx.Tokens[last].End));
    }

    // ------------------------------------------------------------------ phrase grammar

    private Phrase? Parse(int from, int limit, bool allowComplement, bool org)
    {
        var ph = new Phrase();
        int i = from;
        if (i < limit && ctx.IsWord(i) && RoleLexicon.Determiners.Contains(ctx.Word(i)) && ctx.MentionAt(i) < 0) i++;

        // Affiliations: mentions (with optional possessive), demonyms, country names.
        while (i < limit)
        {
            int m = ctx.MentionAt(i);
            if (m >= 0)
            {
                var mm = ctx.Doc.Mentions[m];
                if (mm.Type == "PER") return null;
                int j = ctx.MentionTokens[m].Last + 1;
                if (j > limit) return null;
                if (mm.Type == "ORG" && ctx.CountryOfMention(m) is null) ph.Org = m;
                else ph.Country ??= ctx.CountryOfMention(m);
                if (ph.Country is null && ph.Org < 0 && mm.Type != "ORG") ph.Org = -1;
                if (ctx.Kind(j) == TokKind.Possessive) j++;
                i = j;
                continue;
            }
            if (!ctx.IsWord(i)) break;
            var w = ctx.Word(i);
            if (ctx.DemonymAt(i) is { } dem) { ph.Country ??= dem; i++; continue; }
            if (TextNorm.IsCapitalised(w) && CountryStartingAt(i, out var cc, out int end) && end <= limit)
            {
                ph.Country ??= cc;
                i = end;
                if (ctx.Kind(i) == TokKind.Possessive) i++;
                continue;
            }
            break;
        }

        // modifier* head
        int start = i, lastHead = -1;
        while (i < limit && ctx.IsWord(i) && ctx.MentionAt(i) < 0)
        {
            var w = ctx.Word(i);
            bool head = org ? RoleLexicon.OrgHeads.Contains(w) : RoleLexicon.IsHead(w);
            bool mod = org ? RoleLexicon.IsOrgModifier(w) : RoleLexicon.IsModifier(w);
            if (!head && !mod) break;
            if (head) lastHead = i;
            i++;
        }
        if (lastHead < 0)
        {
            ph.End = i;
            return ph.Country is not null || ph.Org >= 0 ? ph : null;
        }
        ph.RoleStart = start; ph.RoleEnd = lastHead + 1; ph.HeadToken = lastHead;
        i = lastHead + 1;

        if (allowComplement && i < limit) i = Complement(i, limit, ph, org);
        ph.End = i;
        return ph;
    }

    private int Complement(int i, int limit, Phrase ph, bool org)
    {
        var prep = ctx.Word(i);
        if (prep.Length == 0 || !RoleLexicon.ComplementPrepositions.Contains(prep) || char.IsUpper(prep[0])) return i;
        int j = i + 1;
        bool the = ctx.Word(j).Equals("the", StringComparison.Ordinal);
        if (the) j++;
        if (j >= limit) return i;
        int m = ctx.MentionAt(j);
        if (m >= 0)
        {
            var mm = ctx.Doc.Mentions[m];
            if (mm.Type == "PER") return i;
            var c = ctx.CountryOfMention(m);
            if (mm.Type == "ORG" && c is null) ph.Org = m; else if (mm.Type == "ORG") { ph.Org = m; ph.Country ??= c; } else ph.Country ??= c;
            j = ctx.MentionTokens[m].Last + 1;
            if (ctx.Kind(j) == TokKind.Possessive) j++;
            return SkipOrgWords(j, limit);
        }
        if (ctx.DemonymAt(j) is { } dem)
        {
            ph.Country ??= dem;
            return SkipOrgWords(j + 1, limit);
        }
        if (ctx.IsWord(j) && TextNorm.IsCapitalised(ctx.Word(j)) && CountryStartingAt(j, out var cc, out int end))
        {
            ph.Country ??= cc;
            if (ctx.Kind(end) == TokKind.Possessive) end++;
            return SkipOrgWords(end, limit);
        }
        // "secretary of state", "minister of foreign affairs", "chief of staff": portfolio words continue the title.
        if (!org && !the && prep == "of" && ph.HeadToken >= 0)
        {
            int k = j;
            while (k < limit && ctx.IsWord(k) && ctx.MentionAt(k) < 0 && (RoleLexicon.IsModifier(ctx.Word(k)) || ctx.Word(k) == "and" && k > j)) k++;
            while (k > j && ctx.Word(k - 1) == "and") k--;
            if (k > j)
            {
                ph.Complement = "of " + ctx.Text[ctx.Tokens[j].Start..ctx.Tokens[k - 1].End];
                return k;
            }
        }
        // "Secretary of State", "Minister of Foreign Affairs": capitalised words continue a capitalised title.
        if (!org && !the && prep == "of" && ph.HeadToken >= 0 && TextNorm.IsCapitalised(ctx.Word(ph.HeadToken)))
        {
            int k = j;
            while (k < limit && ctx.IsWord(k) && ctx.MentionAt(k) < 0
                   && (TextNorm.IsCapitalised(ctx.Word(k)) || ctx.Word(k) is "and" or "of") ) k++;
            while (k > j && !TextNorm.IsCapitalised(ctx.Word(k - 1))) k--;
            if (k > j)
            {
                ph.Complement = "of " + ctx.Text[ctx.Tokens[j].Start..ctx.Tokens[k - 1].End];
                return k;
            }
        }
        // "spokeswoman for the ministry": dropped from the role, consumed so the phrase can end.
        if (the)
        {
            int k = SkipOrgWords(j, limit);
            if (k > j) return k;
        }
        return i;
    }

    private int SkipOrgWords(int j, int limit)
    {
        while (j < limit && ctx.IsWord(j) && ctx.MentionAt(j) < 0 && char.IsLower(ctx.Word(j)[0])
               && (RoleLexicon.OrgHeads.Contains(ctx.Word(j)) || RoleLexicon.IsOrgModifier(ctx.Word(j))))
            j++;
        return j;
    }

    // ------------------------------------------------------------------ helpers

    private bool IsPersonToken(int i)
    {
        int m = ctx.MentionOver(i);
        return m >= 0 && ctx.Doc.Mentions[m].Type == "PER";
    }

    /// <summary>A country name of 1–3 words starting at token i (not inside a mention: mentions are handled as mentions).</summary>
    private bool CountryStartingAt(int i, out string code, out int end)
    {
        if (ctx.CountryNameAt(i) is { } r) { code = r.Code; end = r.End; return true; }
        code = ""; end = i;
        return false;
    }

    /// <summary>A country name (or a mention naming a country) ending at token i.</summary>
    private bool CountryEndingAt(int i, out string code, out int start)
    {
        code = ""; start = i;
        int m = ctx.MentionOver(i);
        if (m >= 0 && ctx.Doc.Mentions[m].Type != "PER")
        {
            var c = ctx.CountryOfMention(m);
            var p = ctx.Places[m];
            if (c is not null && (p is null || p.Kind == Geo.GeoKind.Country)) { code = c; start = ctx.MentionTokens[m].First; return true; }
            return false;
        }
        for (int len = MaxCountryNameWords; len >= 1; len--)
        {
            int s = i - len + 1;
            if (s < 0 || !ctx.IsWord(s)) continue;
            if (CountryStartingAt(s, out code, out int end) && end == i + 1) { start = s; return true; }
        }
        return false;
    }

    private RoleHit Hit(int mention, RolePattern pattern, Phrase ph, bool org)
    {
        string? role = null, head = null;
        string[] mods = [];
        if (ph.HeadToken >= 0 && !org)
        {
            var sb = new StringBuilder();
            var modList = new List<string>();
            for (int t = ph.RoleStart; t < ph.RoleEnd; t++)
            {
                var w = ctx.Word(t);
                if (ph.RoleEnd - ph.RoleStart == 1 && RoleLexicon.Abbreviations.TryGetValue(w, out var full)) w = full;
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(w);
                if (t != ph.HeadToken) modList.Add(w.ToLowerInvariant());
            }
            if (ph.Complement is not null) sb.Append(' ').Append(ph.Complement);
            role = sb.ToString();
            head = HeadLemma(ctx.Word(ph.HeadToken));
            mods = [.. modList];
        }
        else if (ph.HeadToken >= 0)
        {
            head = ctx.Word(ph.HeadToken).ToLowerInvariant();
        }
        return new RoleHit(mention, pattern, role, head, mods, ph.Country, ph.Org,
            ctx.Tokens[Math.Max(0, Math.Min(ph.RoleStart >= 0 ? ph.RoleStart : ph.End - 1, ctx.Tokens.Count - 1))].Start);
    }

    /// <summary>Lower-case head for matching nominal references; prefixed heads keep their base ("ex-president" → "president").</summary>
    internal static string HeadLemma(string w)
    {
        if (RoleLexicon.Abbreviations.TryGetValue(w, out var full)) w = full;
        w = w.ToLowerInvariant();
        int h = w.IndexOf('-');
        if (h > 0 && !RoleLexicon.Heads.Contains(w) && RoleLexicon.Heads.Contains(w[(h + 1)..])) w = w[(h + 1)..];
        return w;
    }
}
