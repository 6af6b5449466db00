using Storyline.Entities.Geo;
using Storyline.Entities.Text;

namespace Storyline.Entities.Grouping;

/// <summary>
/// Groups a document's named mentions into entities. Persons: full names by token key (allowing a
/// missing middle name or initial), then one-word references to the surname or, failing that, the
/// first name (East Asian order: "Wang" for Wang Yi), nearest preceding group first. Places: by the
/// gazetteer entry they resolve to ("U.S." = "America" = "United States"). Organisations and other
/// names: by key without company-form suffix, then acronyms ("ECB", "BOJ", "(WHO)") and short forms
/// ("Toyota" for "Toyota Motor Corp.").
/// </summary>
internal sealed class MentionGrouper(DocContext ctx)
{
    private int[] _parent = [];

    private int Find(int x) { while (_parent[x] != x) { _parent[x] = _parent[_parent[x]]; x = _parent[x]; } return x; }
    private void Union(int a, int b) { a = Find(a); b = Find(b); if (a != b) _parent[Math.Max(a, b)] = Math.Min(a, b); }

    /// <summary>Groups of mention indices (each sorted by position), ordered by first mention.</summary>
    public List<List<int>> Group()
    {
        var ms = ctx.Doc.Mentions;
        int n = ms.Count;
        _parent = new int[n];
        for (int i = 0; i < n; i++) _parent[i] = i;
        // Mentions that are only a courtesy title ("Mr." tagged PER by NER) name nobody: left ungrouped.
        var named = Enumerable.Range(0, n).Where(i => !ms[i].Nominal && !IsNoName(i)).OrderBy(i => ms[i].Start).ToList();

        GroupPersons(named);
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in named)
        {
            var m = ms[i];
            if (m.Type == "PER") continue;
            string key = ctx.Places[i] is { } p ? "place:" + p.Id(ctx.Gaz) : "name:" + ctx.Name(i).OrgKey;
            if (key == "name:") continue;
            if (byKey.TryGetValue(key, out var g)) Union(g, i); else byKey[key] = i;
        }
        LinkAcronyms(named);
        // A lone "Trump" typed ORG is the person before it is the short form of "Trump Tower".
        LinkStrayPersonSurnames(named);
        LinkShortOrgNames(named);

        var groups = new Dictionary<int, List<int>>();
        foreach (var i in named)
        {
            int r = Find(i);
            if (!groups.TryGetValue(r, out var l)) groups[r] = l = [];
            l.Add(i);
        }
        return groups.Values.OrderBy(l => ms[l[0]].Start).ToList();
    }

    private bool IsNoName(int i)
    {
        var clean = ctx.Name(i).Clean;
        return clean.Length == 0 || Roles.RoleLexicon.Honorifics.Contains(clean) || !clean.Any(char.IsLetterOrDigit);
    }

    private void GroupPersons(List<int> named)
    {
        var ms = ctx.Doc.Mentions;
        var full = new List<(int Mention, string[] Tokens)>();
        var single = new List<(int Mention, string Token)>();
        foreach (var i in named)
        {
            if (ms[i].Type != "PER") continue;
            var toks = ctx.Name(i).PersonTokens;
            if (toks.Length == 0) continue;
            if (toks.Length >= 2) full.Add((i, toks)); else single.Add((i, toks[0]));
        }
        // Full names: same tokens, or same first and last token ("Angela Merkel" / "Angela D. Merkel").
        for (int a = 0; a < full.Count; a++)
            for (int b = 0; b < a; b++)
                if (SamePerson(full[a].Tokens, full[b].Tokens)) { Union(full[a].Mention, full[b].Mention); break; }

        // One-word references: surname first, then first name; nearest earlier group wins.
        var singleGroups = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (m, tok) in single)
        {
            int best = PickNearest(m, full.Where(f => f.Tokens[^1] == tok || LastHyphenPart(f.Tokens) == tok).Select(f => f.Mention));
            if (best < 0) best = PickNearest(m, full.Where(f => f.Tokens[0] == tok).Select(f => f.Mention));
            if (best >= 0) { Union(m, best); continue; }
            if (singleGroups.TryGetValue(tok, out var g)) Union(m, g); else singleGroups[tok] = m;
        }
    }

    private static string LastHyphenPart(string[] toks) => toks[^1];

    private static bool SamePerson(string[] a, string[] b)
    {
        if (a[0] != b[0] || a[^1] != b[^1]) return false;
        if (a.Length != b.Length) return true;   // a middle name or initial is missing on one side
        // Same length: middle parts may differ only as initials ("Angela D. Merkel" / "Angela Dorothea Merkel").
        for (int k = 1; k < a.Length - 1; k++)
            if (a[k] != b[k] && a[k].Length != 1 && b[k].Length != 1) return false;
        return true;
    }

    private int PickNearest(int mention, IEnumerable<int> candidates)
    {
        var ms = ctx.Doc.Mentions;
        int pos = ms[mention].Start;
        int best = -1, bestGroupBefore = -1; int bestDist = int.MaxValue, bestAfter = int.MaxValue;
        foreach (var c in candidates)
        {
            int d = ms[c].Start <= pos ? pos - ms[c].Start : int.MaxValue;
            if (d < bestDist) { bestDist = d; bestGroupBefore = c; }
            int after = ms[c].Start > pos ? ms[c].Start - pos : int.MaxValue;
            if (after < bestAfter) { bestAfter = after; best = c; }
        }
        return bestGroupBefore >= 0 ? bestGroupBefore : best;
    }

    private void LinkAcronyms(List<int> named)
    {
        var ms = ctx.Doc.Mentions;
        if (!named.Any(i => ms[i].Type != "PER" && ctx.Name(i).IsAcronym)) return;
        var longForms = named.Where(i => ms[i].Type != "PER" && !ctx.Name(i).IsAcronym).ToList();
        foreach (var i in named)
        {
            if (ms[i].Type == "PER") continue;
            var info = ctx.Name(i);
            if (!info.IsAcronym) continue;
            var letters = NameForms.AcronymLetters(info.Clean);
            // "World Health Organization (WHO)": the parenthesis states the link.
            var (first, _) = ctx.MentionTokens[i];
            if (first >= 2 && ctx.Tokens.Str(first - 1) == "(")
            {
                int prev = ctx.MentionOver(first - 2);
                if (prev >= 0 && ms[prev].Type != "PER") { Union(i, prev); continue; }
            }
            var matches = longForms.Where(j => Array.IndexOf(ctx.Name(j).Initials, letters) >= 0)
                                   .Select(Find).Distinct().ToList();
            if (matches.Count == 1) Union(i, matches[0]);
        }
    }

    private void LinkShortOrgNames(List<int> named)
    {
        var ms = ctx.Doc.Mentions;
        var orgs = named.Where(i => ms[i].Type is "ORG" or "MISC" && ctx.Places[i] is null && !IsWithPerson(i)).ToList();
        var keys = orgs.ToDictionary(i => i, i => ctx.Name(i).OrgKeyTokens);
        var byFirst = orgs.Where(i => keys[i].Length > 0).GroupBy(i => keys[i][0]).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var s in orgs)
        {
            var sk = keys[s];
            if (sk.Length == 0 || NameForms.IsGenericOrgWord(sk[0]) || ctx.Name(s).IsAcronym) continue;
            var longer = byFirst[sk[0]].Where(l => keys[l].Length > sk.Length && keys[l].AsSpan(0, sk.Length).SequenceEqual(sk) && ms[l].Type == ms[s].Type)
                             .Select(Find).Distinct().ToList();
            if (longer.Count == 1) Union(s, longer[0]);
        }
    }

    private bool IsWithPerson(int i)
    {
        int r = Find(i);
        for (int k = 0; k < _parent.Length; k++)
            if (k != i && Find(k) == r && ctx.Doc.Mentions[k].Type == "PER") return true;
        return false;
    }

    // NER sometimes types a surname ORG or MISC ("Merkel said"); attach it when it equals a person's surname and is no place.
    private void LinkStrayPersonSurnames(List<int> named)
    {
        var ms = ctx.Doc.Mentions;
        var surnames = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var i in named)
        {
            if (ms[i].Type != "PER") continue;
            var toks = ctx.Name(i).PersonTokens;
            if (toks.Length < 2) continue;
            if (!surnames.TryGetValue(toks[^1], out var l)) surnames[toks[^1]] = l = [];
            l.Add(i);
        }
        foreach (var i in named)
        {
            if (ms[i].Type is not ("ORG" or "MISC") || ctx.Places[i] is not null) continue;
            var clean = ctx.Name(i).Clean;
            if (clean.Contains(' ') || ctx.Name(i).IsAcronym || ctx.Gaz.CountryByDemonym(clean) is not null) continue;
            if (surnames.TryGetValue(TextNorm.Key(clean), out var people) && people.Select(Find).Distinct().Count() == 1)
                Union(i, people[0]);
        }
    }
}
