using Storyline.Core;
using Storyline.Entities.Geo;
using Storyline.Entities.Grouping;
using Storyline.Entities.Roles;
using Storyline.Entities.Text;

namespace Storyline.Entities;

/// <summary>Options for <see cref="EntityStage"/>.</summary>
public sealed record EntityOptions
{
    /// <summary>Add nominal references ("the chancellor") as mentions of the person whose role they name.</summary>
    public bool Nominals { get; init; } = true;

    /// <summary>Documents with more mentions than this are grouped by exact name only (guards cost on huge inputs).</summary>
    public int MaxMentions { get; init; } = 5000;

    /// <summary>Gazetteer to use; null = <see cref="Gazetteer.Default"/> (loaded once, shared).</summary>
    public Gazetteer? Gazetteer { get; init; }
}

/// <summary>
/// Entities as things: groups the document's mentions into entities with a canonical name, a role
/// (for persons) and a country affiliation, and adds nominal references ("the chancellor") that a role
/// links to a person. Reads <see cref="Document.Text"/> and <see cref="Document.Mentions"/> only.
/// <para>Country is the GeoNames short English name ("China", "United States") in <see cref="Entity.Country"/>
/// and its ISO 3166-1 alpha-2 code in <see cref="Entity.CountryCode"/>.</para>
/// </summary>
public sealed class EntityStage(EntityOptions? options = null) : IStage
{
    private readonly EntityOptions _options = options ?? new();
    private PlaceResolver? _resolver;

    // Also writes the mentions: adds nominal ones ("the chancellor") and links each to its entity.
    public StageInfo Info { get; } = new("entities.v1", [Attr.Mentions], [Attr.Entities, Attr.Mentions]);

    private PlaceResolver Resolver => _resolver ??= new PlaceResolver(_options.Gazetteer ?? Gazetteer.Default);

    private const int NominalLookbackSentences = 1;

    public void Process(Document doc, CancellationToken ct = default)
    {
        // Idempotent: drop what an earlier run added.
        doc.Mentions.RemoveAll(m => m.Nominal);
        for (int i = 0; i < doc.Mentions.Count; i++) { var m = doc.Mentions[i]; m.Entity = -1; doc.Mentions[i] = m; }
        doc.Entities.Clear();
        if (doc.Mentions.Count == 0 || doc.Text.Length == 0) return;
        if (doc.Mentions.Count > _options.MaxMentions) { ExactNameGroups(doc); return; }

        var ctx = new DocContext(doc, Resolver);
        var groups = new MentionGrouper(ctx).Group();
        var finder = new RoleFinder(ctx);
        var ms = doc.Mentions;

        var groupOf = new int[ms.Count];
        Array.Fill(groupOf, -1);
        for (int g = 0; g < groups.Count; g++) foreach (var i in groups[g]) groupOf[i] = g;

        var types = groups.Select(g => GroupType(ms, g)).ToArray();
        var countries = new string?[groups.Count];
        var roles = new List<RoleHit>[groups.Count];

        // Places, demonyms and organisations first: persons may take their country from an organisation.
        for (int g = 0; g < groups.Count; g++)
        {
            roles[g] = [];
            if (types[g] == "PER") continue;
            countries[g] = types[g] == "ORG" ? OrgCountry(ctx, finder, groups[g]) : PlaceCountry(ctx, groups[g]);
        }
        OrgNominalDescriptions(ctx, groups, groupOf, types, countries);

        for (int g = 0; g < groups.Count; g++)
        {
            if (types[g] != "PER") continue;
            foreach (var i in groups[g]) roles[g].AddRange(finder.PersonRoles(i));
            roles[g].Sort((a, b) => a.Position.CompareTo(b.Position));
            countries[g] = roles[g].Select(h => h.Country).FirstOrDefault(c => c is not null)
                           ?? roles[g].Where(h => h.OrgMention >= 0 && groupOf[h.OrgMention] >= 0)
                                      .Select(h => countries[groupOf[h.OrgMention]]).FirstOrDefault(c => c is not null);
        }

        var nominals = _options.Nominals ? FindNominals(ctx, groups, types, roles, countries) : [];
        // Names before the mention list is rebuilt: they read per-mention place resolutions by index.
        var names = groups.Select((g, i) => CanonicalName(ctx, g, types[i])).ToArray();

        // Rebuild the mention list in text order with the nominal references, and remap groups.
        if (nominals.Count > 0)
        {
            var all = ms.Select((m, i) => (m, g: groupOf[i])).Concat(nominals.Select(n => (m: n.Mention, g: n.Group)))
                        .OrderBy(x => x.m.Start).ThenBy(x => x.m.End).ToList();
            ms.Clear();
            foreach (var g in groups) g.Clear();
            for (int i = 0; i < all.Count; i++)
            {
                ms.Add(all[i].m);
                if (all[i].g >= 0) groups[all[i].g].Add(i);
            }
        }

        for (int g = 0; g < groups.Count; g++)
        {
            var members = groups[g];
            var country = ctx.Gaz.CountryByCode(countries[g]);
            var e = new Entity
            {
                Name = names[g],
                Type = types[g],
                Role = roles[g].Select(h => h.Role).FirstOrDefault(r => r is not null),
                Country = country?.Name,
                CountryCode = country?.Code,
            };
            e.Key = EntityKey.Of(e);
            int index = doc.Entities.Count;
            doc.Entities.Add(e);
            foreach (var i in members)
            {
                e.Mentions.Add(i);
                var m = ms[i]; m.Entity = index; ms[i] = m;
            }
        }
    }

    // ------------------------------------------------------------------ types, names, countries

    private static string GroupType(List<EntityMention> ms, List<int> g)
    {
        // The type of the longest named mention ("Angela Merkel" PER beats a stray "Merkel" ORG).
        int best = g[0];
        foreach (var i in g)
            if (NameForms.Clean(ms[i].Text).Length > NameForms.Clean(ms[best].Text).Length) best = i;
        return ms[best].Type;
    }

    private static string CanonicalName(DocContext ctx, List<int> members, string type)
    {
        var ms = ctx.Doc.Mentions;
        var named = members.Where(i => !ms[i].Nominal).ToList();
        if (named.Count == 0) return NameForms.Clean(ms[members[0]].Text);
        if (type == "LOC" || ctx.Places[named[0]] is { Kind: GeoKind.Country or GeoKind.Admin1 or GeoKind.Region })
        {
            var p = named.Select(i => ctx.Places[i]).FirstOrDefault(x => x is not null);
            if (p is { Kind: GeoKind.Country }) return ctx.Gaz.Countries[p.Index].Name;
            if (p is { Kind: GeoKind.Admin1 }) return ctx.Gaz.Admin1s[p.Index].Name;
        }
        IEnumerable<string> forms = named.Select(i => type == "PER" ? NameForms.PersonName(ms[i].Text) : NameForms.Clean(ms[i].Text));
        var list = forms.ToList();
        var full = list.Where(f => !TextNorm.IsAcronym(f)).ToList();
        if (full.Count > 0) list = full;
        // Longest proper full form: most words, then most characters, then earliest.
        return list.OrderByDescending(f => f.Split(' ').Length).ThenByDescending(f => f.Length).First();
    }

    private static string? PlaceCountry(DocContext ctx, List<int> members)
    {
        foreach (var i in members)
            if (ctx.CountryOfMention(i) is { } c) return c;
        return null;
    }

    private static string? OrgCountry(DocContext ctx, RoleFinder finder, List<int> members)
    {
        var ms = ctx.Doc.Mentions;
        string? town = null;
        foreach (var i in members)
        {
            if (ctx.Name(i).IsAcronym && members.Count > 1) continue;
            var (code, fromTown) = ctx.OrgCountryFromName(ms[i].Text);
            if (code is not null && !fromTown) return code;
            if (code is not null) town ??= code;
        }
        foreach (var i in members)
            foreach (var h in finder.OrgDescriptions(i))
                if (h.Country is not null) return h.Country;
        foreach (var i in members)
            if (ctx.Places[i] is { } p && p.CountryCode(ctx.Gaz) is { } pc) return pc;   // "Beijing said" typed ORG
        return town;
    }

    /// <summary>"… Toyota … the Japanese carmaker …": a definite description with a country names the organisation just mentioned.</summary>
    private static void OrgNominalDescriptions(DocContext ctx, List<List<int>> groups, int[] groupOf, string[] types, string?[] countries)
    {
        var tk = ctx.Tokens;
        for (int i = 0; i + 2 < tk.Count; i++)
        {
            if (!ctx.Word(i).Equals("the", StringComparison.OrdinalIgnoreCase)) continue;
            int j = i + 1;
            string? country = null;
            int m = ctx.MentionAt(j);
            if (m >= 0 && ctx.Doc.Mentions[m].Type == "MISC" && ctx.Gaz.CountryByDemonym(ctx.Doc.Mentions[m].Text) is { } d)
            { country = d.Code; j = ctx.MentionTokens[m].Last + 1; }
            else if (m < 0 && ctx.IsWord(j) && TextNorm.IsCapitalised(ctx.Word(j)) && ctx.Gaz.CountryByDemonym(ctx.Word(j)) is { } d2)
            { country = d2.Code; j++; }
            if (country is null) continue;
            while (ctx.IsWord(j) && ctx.MentionAt(j) < 0 && RoleLexicon.IsOrgModifier(ctx.Word(j)) && !RoleLexicon.OrgHeads.Contains(ctx.Word(j))) j++;
            if (!ctx.IsWord(j) || !RoleLexicon.OrgHeads.Contains(ctx.Word(j)) || ctx.MentionAt(j) >= 0) continue;
            if (ctx.IsWord(j + 1) && TextNorm.IsCapitalised(ctx.Word(j + 1))) continue;   // "the French carmaker Renault": a premodifier, handled per mention
            // Nearest organisation mentioned before, in this or the previous sentence.
            int start = tk[i].Start;
            int sentences = 0;
            for (int k = i - 1; k >= 0 && sentences <= NominalLookbackSentences; k--)
            {
                if (tk[k].Kind == TokKind.SentenceEnd) { sentences++; continue; }
                int om = ctx.MentionOver(k);
                if (om < 0 || groupOf[om] < 0) continue;
                int g = groupOf[om];
                if (types[g] != "ORG") continue;
                countries[g] ??= country;
                break;
            }
            _ = start;
        }
    }

    // ------------------------------------------------------------------ nominal references

    private sealed record Nominal(EntityMention Mention, int Group);

    private static List<Nominal> FindNominals(DocContext ctx, List<List<int>> groups, string[] types, List<RoleHit>[] roles, string?[] countries)
    {
        var result = new List<Nominal>();
        var tk = ctx.Tokens;
        var ms = ctx.Doc.Mentions;
        var persons = Enumerable.Range(0, groups.Count).Where(g => types[g] == "PER").ToList();
        if (persons.Count == 0) return result;
        for (int i = 0; i + 1 < tk.Count; i++)
        {
            var det = ctx.Word(i);
            if (!det.Equals("the", StringComparison.OrdinalIgnoreCase) || ctx.MentionOver(i) >= 0) continue;
            // Appositions and predicates ("X, the chancellor," / "X is the chancellor") describe, they do not refer.
            if (i > 0 && (tk[i - 1].Kind == TokKind.Comma || RoleLexicon.Copulas.Contains(ctx.Word(i - 1)) || ctx.Word(i - 1) == "as")) continue;
            int j = i + 1, lastHead = -1;
            string? demonymCountry = null;
            // "the [German] chancellor": a demonym (plain word or MISC mention) may open the phrase.
            int dm = ctx.MentionAt(j);
            if (dm >= 0 && ms[dm].Type == "MISC" && ctx.Gaz.CountryByDemonym(ms[dm].Text) is { } dd)
            { demonymCountry = dd.Code; j = ctx.MentionTokens[dm].Last + 1; }
            else if (ctx.IsWord(j) && ctx.MentionOver(j) < 0 && TextNorm.IsCapitalised(ctx.Word(j)) && ctx.Gaz.CountryByDemonym(ctx.Word(j)) is { } d)
            { demonymCountry = d.Code; j++; }
            int roleStart = j;
            while (ctx.IsWord(j) && ctx.MentionOver(j) < 0)
            {
                var w = ctx.Word(j);
                bool head = RoleLexicon.IsHead(w);
                if (!head && !RoleLexicon.IsModifier(w)) break;
                if (head) lastHead = j;
                j++;
            }
            var mods = new List<string>();
            for (int k = roleStart; k < lastHead; k++) mods.Add(ctx.Word(k).ToLowerInvariant());
            if (lastHead < 0) continue;
            j = lastHead + 1;   // trailing modifiers ("the prime minister then left") are not part of the phrase
            // "the chancellor Angela Merkel" / "the minister of defence": not a bare reference.
            if (ctx.IsWord(j) && (TextNorm.IsCapitalised(ctx.Word(j)) || ctx.Word(j) is "of" or "for")) continue;
            if (ctx.MentionAt(j) >= 0) continue;
            var headLemma = RoleFinder.HeadLemma(ctx.Word(lastHead));

            int pos = tk[i].Start;
            int bestGroup = -1; int bestScore = int.MinValue;
            foreach (var g in persons)
            {
                int lastBefore = -1;
                foreach (var x in groups[g]) if (ms[x].Start < pos && ms[x].Start > lastBefore) lastBefore = ms[x].Start;
                if (lastBefore < 0) continue;
                if (demonymCountry is not null && countries[g] != demonymCountry) continue;
                bool any = false, primary = false;
                for (int h = 0; h < roles[g].Count; h++)
                {
                    var hit = roles[g][h];
                    if (hit.Head != headLemma || hit.Role is null) continue;
                    if (!mods.All(mo => hit.Modifiers.Contains(mo))) continue;
                    any = true;
                    if (ReferenceEquals(hit, roles[g].First(x => x.Role is not null))) primary = true;
                }
                if (!any) continue;
                // Primary role beats a secondary one; then the most recently mentioned person.
                int score = (primary ? 1_000_000_000 : 0) + lastBefore;
                if (score > bestScore) { bestScore = score; bestGroup = g; }
            }
            int end = tk[lastHead].End;
            if (bestGroup < 0 && char.IsUpper(det[0]) && (i == 0 || tk[i - 1].Kind == TokKind.SentenceEnd))
            {
                // "Lionel Messi scored twice. The Argentine forward ...": a sentence-initial description with no
                // role to match refers to the person who opened the previous sentence; it also gives their role.
                bestGroup = PreviousSentenceSubject(ctx, i, groups, types);
                if (bestGroup >= 0)
                {
                    var roleText = ctx.Text[tk[roleStart].Start..end];
                    roles[bestGroup].Add(new RoleHit(-1, RolePattern.Nominal, roleText, headLemma, [.. mods], demonymCountry, -1, tk[i].Start));
                    countries[bestGroup] ??= demonymCountry;
                }
            }
            if (bestGroup < 0) continue;
            result.Add(new Nominal(new EntityMention(tk[i].Start, end, ctx.Text[tk[i].Start..end], "PER") { Nominal = true }, bestGroup));
            i = lastHead;
        }
        return result;
    }

    private static int PreviousSentenceSubject(DocContext ctx, int token, List<List<int>> groups, string[] types)
    {
        var tk = ctx.Tokens;
        int k = token - 2;   // skip the sentence end before the description
        while (k >= 0 && tk[k].Kind != TokKind.SentenceEnd) k--;
        int first = k + 1;
        int m = ctx.MentionAt(first);
        if (m < 0 || ctx.Doc.Mentions[m].Type != "PER") return -1;
        for (int g = 0; g < groups.Count; g++) if (groups[g].Contains(m) && types[g] == "PER") return g;
        return -1;
    }

    private static void ExactNameGroups(Document doc)
    {
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < doc.Mentions.Count; i++)
        {
            var m = doc.Mentions[i];
            var key = m.Type + "|" + TextNorm.Key(NameForms.Clean(m.Text));
            if (!byKey.TryGetValue(key, out var e))
            {
                e = doc.Entities.Count;
                byKey[key] = e;
                doc.Entities.Add(new Entity { Name = NameForms.Clean(m.Text), Type = m.Type });
            }
            doc.Entities[e].Mentions.Add(i);
            m.Entity = e; doc.Mentions[i] = m;
        }
    }
}
