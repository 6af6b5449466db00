using System.Globalization;
using System.Text.RegularExpressions;

namespace Storyline.Events.Training;

/// <summary>
/// Compiles the PETRARCH2 dictionaries (verb blocks and patterns, actors, agents), the GDELT CAMEO code and Goldstein
/// tables and the CAMEO→PLOVER table into an <see cref="EventLexicon"/>. Only <c>storyline train events</c> runs this;
/// the runtime reads the compiled models/events.bin. The same inputs give the same bytes.
/// </summary>
public static partial class EventLexiconBuilder
{
    /// <summary>Paths of the inputs under <c>../shared/data/events</c>.</summary>
    public static IReadOnlyList<string> InputFiles(string eventsDir) =>
    [
        Path.Combine(eventsDir, "petrarch2", "dictionaries", "CAMEO.2.0.txt"),
        Path.Combine(eventsDir, "petrarch2", "dictionaries", "Phoenix.Countries.actors.txt"),
        Path.Combine(eventsDir, "petrarch2", "dictionaries", "Phoenix.International.actors.txt"),
        Path.Combine(eventsDir, "petrarch2", "dictionaries", "Phoenix.MilNonState.actors.txt"),
        Path.Combine(eventsDir, "petrarch2", "dictionaries", "Phoenix.agents.txt"),
        Path.Combine(eventsDir, "cameo", "gdelt-lookups", "CAMEO.eventcodes.txt"),
        Path.Combine(eventsDir, "cameo", "gdelt-lookups", "CAMEO.goldsteinscale.txt"),
        Path.Combine(eventsDir, "plover", "CAMEO2PLOVER-2021.txt"),
    ];

    // News verbs the PETRARCH2 verb file lacks as verbs (it codes them only inside other blocks' patterns).
    // General English → CAMEO knowledge, not keyed on any text.
    private static readonly (string Verb, string? Irregular, string Code)[] Supplement =
    [
        ("URGE", null, "020"), ("SANCTION", null, "163"), ("CRITICISE", null, "111"), ("POSTPONE", null, "161"), ("CANCEL", "CANCELLED", "160"),
    ];

    // Bare-verb codes where PETRARCH2's block default misreads news usage: "X and Y agreed (on/to) …" reports an
    // agreement, CAMEO's "express intent to cooperate" (03), not "engage in diplomatic cooperation" (050). The verb file
    // files "veto" under prohibit (172) where CAMEO has its own code (129 veto), "sue" under arrest (173) where CAMEO
    // has 115 (bring lawsuit against), and leaves bare "reject" uncoded (its block is "---") though CAMEO 12 is reject.
    private static readonly (string Verb, string Code)[] Overrides = [("agree", "030"), ("veto", "129"), ("sue", "115"), ("reject", "120")];

    private static readonly (string Verb, string From, string To)[] BlockRecodes = [("sue", "173", "115")];

    public static EventLexicon Build(string eventsDir)
    {
        var f = InputFiles(eventsDir);
        var sets = new SetTable();
        var blocks = new List<string?>();
        var patterns = new List<List<VerbPattern>>();
        var verbs = new SortedDictionary<string, List<VerbEntry>>(StringComparer.Ordinal);
        ReadVerbs(f[0], sets, blocks, patterns, verbs);
        foreach (var (verb, irr, code) in Supplement)
        {
            // Only where the dictionary has no block code for the verb already.
            var lemma = verb.ToLowerInvariant();
            if (verbs.TryGetValue(lemma, out var have) && have.Any(e => e.Particle is null && (e.Code ?? blocks[e.Block]) is not null)) continue;
            blocks.Add(code); patterns.Add([]);
            AddVerbForms(verbs, verb, irr is null ? [] : [irr], blocks.Count - 1, null);
        }

        foreach (var (verb, code) in Overrides)
            foreach (var list in verbs.Values)
                for (int i = 0; i < list.Count; i++)
                    if (list[i].Particle is null && list[i].Lemma == verb) list[i] = list[i] with { Code = code };

        // the SUE block's own patterns ("sue … for", "sue … in court") carry the same arrest code: a lawsuit throughout
        foreach (var (verb, from, to) in BlockRecodes)
            foreach (var b in verbs.GetValueOrDefault(verb)?.Where(e => e.Particle is null && e.Lemma == verb).Select(e => e.Block).Distinct() ?? [])
            {
                if (blocks[b] == from) blocks[b] = to;
                for (int i = 0; i < patterns[b].Count; i++) if (patterns[b][i].Code == from) patterns[b][i] = patterns[b][i] with { Code = to };
            }

        var actors = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 1; i <= 3; i++) ReadActors(f[i], actors);
        var agents = ReadAgents(f[4]);
        var codes = ReadCodes(f[5], f[6], f[7]);
        var lex = new EventLexicon
        {
            BlockCodes = [.. blocks],
            BlockPatterns = [.. patterns.Select(p => p.ToArray())],
            WordSets = sets.ToArray(),
            Verbs = verbs.ToDictionary(kv => kv.Key, kv => kv.Value.Distinct().ToArray(), StringComparer.Ordinal),
            Actors = actors, Agents = agents, Codes = codes,
        };
        lex.ComputeMaxPhrase();
        return lex;
    }

    // ---------------------------------------------------------------- verbs

    private sealed class SetTable
    {
        private readonly List<string[]> _sets = [];
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        public readonly Dictionary<string, int> Named = new(StringComparer.Ordinal);

        public int Id(IEnumerable<string> words)
        {
            var a = words.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var key = string.Join('|', a);
            if (!_ids.TryGetValue(key, out int id)) { id = _sets.Count; _sets.Add(a); _ids[key] = id; }
            return id;
        }

        public string[][] ToArray() => [.. _sets];
    }

    [GeneratedRegex(@"\[([^\]]*)\]")] private static partial Regex Bracket();
    [GeneratedRegex(@"\{([^}]*)\}")] private static partial Regex Braces();
    [GeneratedRegex(@"^---\s+(\S+)\s+\[([^\]]*)\]")] private static partial Regex BlockHead();

    private static string StripComment(string line)
    {
        int h = line.IndexOf('#');
        return (h >= 0 ? line[..h] : line).Trim();
    }

    private static void ReadVerbs(string path, SetTable sets, List<string?> blocks, List<List<VerbPattern>> patterns,
        SortedDictionary<string, List<VerbEntry>> verbs)
    {
        var owners = new List<(int Block, int Index, string? Word)>();
        string? synset = null; List<string>? members = null;
        int block = -1;
        void EndSynset()
        {
            if (synset is not null && members is { Count: > 0 }) sets.Named[synset] = sets.Id(members);
            synset = null; members = null;
        }
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Replace("\x1a", "", StringComparison.Ordinal);
            if (line.StartsWith('&'))
            {
                EndSynset();
                synset = StripComment(line).TrimEnd('_');
                members = [];
                block = -1;
                continue;
            }
            if (line.StartsWith("---", StringComparison.Ordinal))
            {
                EndSynset();
                var m = BlockHead().Match(line);
                if (!m.Success) { block = -1; continue; }
                blocks.Add(ParseCode(m.Groups[2].Value));
                patterns.Add([]);
                block = blocks.Count - 1;
                continue;
            }
            var body = StripComment(line);
            if (line.Trim().Length == 0) { if (synset is not null) EndSynset(); continue; }
            if (body.Length == 0) continue;
            if (synset is not null)
            {
                if (body.StartsWith('+'))
                {
                    var words = body[1..].Trim('_').Split('_', StringSplitOptions.RemoveEmptyEntries);
                    if (words.Length > 0) members!.Add(EventLexicon.Norm(words[^1]));
                }
                continue;
            }
            if (block < 0 || body.StartsWith('~')) continue;
            if (body.StartsWith('-'))
            {
                var p = ParsePattern(body[1..], sets);
                if (p is not null) { patterns[block].Add(p); owners.Add((block, patterns[block].Count - 1, CommentWord(line))); }
                continue;
            }
            // a verb line: FORM {IRREGULAR FORMS} [CODE]
            string? own = null;
            var bm = Bracket().Match(body);
            if (bm.Success) { own = ParseCode(bm.Groups[1].Value); if (own is null) own = "---"; body = body.Remove(bm.Index, bm.Length); }
            string[] irregular = [];
            var br = Braces().Match(body);
            if (br.Success) { irregular = br.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries); body = body.Remove(br.Index, br.Length); }
            var main = body.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (main is null) continue;
            AddVerbForms(verbs, main, irregular, block, own);
        }
        EndSynset();
        // each pattern belongs to the block verb its comment names ("# TAKE", "# BLOWN UP"): a form of one of the
        // block's verbs; any other comment (initials, dates) leaves the pattern to the whole block
        foreach (var (b, i, word) in owners)
        {
            if (word is null || !verbs.TryGetValue(word, out var entries)) continue;
            // the bare verb first: "# KILLED_AND" is a pattern of "kill", not of the "killed and" entry
            var lemma = entries.Where(e => e.Block == b).OrderBy(e => e.Particle is null ? 0 : 1).Select(e => e.Lemma).FirstOrDefault();
            if (lemma is not null) patterns[b][i] = patterns[b][i] with { Verb = lemma };
        }
    }

    /// <summary>
    /// The first word of a line's "#" comment, lower-case ("# TAKE" → "take"), or null; null too when the comment
    /// lists several verbs ("# DELAY , POSTPONE"): such a pattern serves the whole block.
    /// </summary>
    private static string? CommentWord(string line)
    {
        int h = line.IndexOf('#');
        if (h < 0) return null;
        var comment = line[(h + 1)..];
        if (comment.Contains(',', StringComparison.Ordinal)) return null;
        var w = comment.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return w is null ? null : w.Trim('_', '+').Split('_')[0].ToLowerInvariant();
    }

    /// <summary>"[036:036]" → "036", "[:190]" → "190", "[---]" → null (no event).</summary>
    private static string? ParseCode(string s)
    {
        foreach (var part in s.Split(':'))
        {
            var p = part.Trim();
            if (p.Length > 0 && p.All(char.IsAsciiDigit)) return p;
        }
        return null;
    }

    private static (string Verb, string? Particle) SplitVerb(string form)
    {
        var words = form.Trim('_').Split('_', StringSplitOptions.RemoveEmptyEntries);
        int v = Array.FindIndex(words, w => w.StartsWith('+'));
        if (v < 0) v = 0;
        var verb = words[v].TrimStart('+').ToLowerInvariant();
        var rest = words.Skip(v + 1).Select(w => w.TrimStart('+').ToLowerInvariant()).ToArray();
        return (verb, rest.Length == 0 ? null : string.Join(' ', rest));
    }

    private static void AddVerbForms(SortedDictionary<string, List<VerbEntry>> verbs, string main, string[] irregular, int block, string? own)
    {
        var (lemma, particle) = SplitVerb(main);
        if (lemma.Length == 0) return;
        var entry = new VerbEntry(lemma, particle, block, own == "---" ? "---" : own);
        var forms = new SortedSet<string>(StringComparer.Ordinal) { lemma };
        if (irregular.Length > 0)
            foreach (var irr in irregular) forms.Add(SplitVerb(irr).Verb);
        foreach (var g in RegularForms(lemma)) forms.Add(g);
        foreach (var form in forms)
        {
            if (!verbs.TryGetValue(form, out var list)) verbs[form] = list = [];
            if (!list.Contains(entry)) list.Add(entry);
        }
    }

    private static IEnumerable<string> RegularForms(string v)
    {
        bool cy = v.Length > 1 && v[^1] == 'y' && !"aeiou".Contains(v[^2]);
        bool sib = v.EndsWith('s') || v.EndsWith('x') || v.EndsWith('z') || v.EndsWith("ch", StringComparison.Ordinal) || v.EndsWith("sh", StringComparison.Ordinal);
        yield return cy ? v[..^1] + "ies" : sib ? v + "es" : v + "s";
        yield return cy ? v[..^1] + "ied" : v.EndsWith('e') ? v + "d" : v + "ed";
        yield return v.EndsWith('e') && !v.EndsWith("ee", StringComparison.Ordinal) && v.Length > 2 ? v[..^1] + "ing" : v + "ing";
    }

    private static VerbPattern? ParsePattern(string body, SetTable sets)
    {
        var m = Bracket().Matches(body);
        if (m.Count == 0) return null;
        var last = m[^1];
        var code = ParseCode(last.Groups[1].Value) ?? "---";
        var text = body[..last.Index].Replace('(', ' ').Replace(')', ' ').Replace('{', ' ').Replace('}', ' ');
        var pre = new List<int>(); var post = new List<int>();
        bool after = false, sawStar = false;
        foreach (var tok in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (tok == "*" || tok == "*_") { after = true; sawStar = true; continue; }
            if (tok is "$" or "+" or "%" or "^") continue;
            var target = after ? post : pre;
            if (tok.StartsWith('&'))
            {
                // an undefined synset makes the pattern unusable (PETRARCH ignores such patterns too)
                if (!sets.Named.TryGetValue(tok[1..].TrimEnd('_'), out int id)) return null;
                target.Add(id);
                continue;
            }
            foreach (var w in tok.Split('_', StringSplitOptions.RemoveEmptyEntries))
            {
                var word = w.Trim('+', '$', '^', '%');
                if (word.Length == 0) continue;
                target.Add(sets.Id([EventLexicon.Norm(word)]));
            }
        }
        if (!sawStar) return null;
        return new VerbPattern([.. pre], [.. post], code);
    }

    // ---------------------------------------------------------------- actors and agents

    private static string Key(string phrase)
    {
        var words = phrase.Replace("\x1a", "", StringComparison.Ordinal).Trim('_', ' ').Split(['_', ' '], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Select(EventLexicon.Norm));
    }

    private static void ReadActors(string path, Dictionary<string, string> actors)
    {
        var names = new List<string>();
        var codes = new List<string>();
        void Flush()
        {
            if (codes.Count > 0)
            {
                var code = PickCode(codes);
                if (code is not null)
                    foreach (var n in names)
                        if (n.Length > 0) actors.TryAdd(n, code);
                names.Clear(); codes.Clear();
            }
        }
        foreach (var raw in File.ReadLines(path))
        {
            var body = StripComment(raw.Replace("\x1a", "", StringComparison.Ordinal));
            if (body.Length == 0) continue;
            bool indented = raw.Length > 0 && (raw[0] == '\t' || raw[0] == ' ');
            if (indented || body.StartsWith('['))
            {
                foreach (Match m in Bracket().Matches(body)) codes.Add(m.Groups[1].Value.Trim());
                continue;
            }
            bool synonym = body.StartsWith('+');
            if (!synonym) Flush();
            var bm = Bracket().Matches(body);
            var name = bm.Count > 0 ? body[..bm[0].Index] : body;
            names.Add(Key(name.TrimStart('+')));
            foreach (Match m in bm) codes.Add(m.Groups[1].Value.Trim());
        }
        Flush();
    }

    /// <summary>The code in force now: an open-ended one (latest start), else an undated one, else the latest-ending range.</summary>
    private static string? PickCode(List<string> codes)
    {
        string? open = null, undated = null, ranged = null;
        string openFrom = "", rangedTo = "";
        foreach (var c in codes)
        {
            var parts = c.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            var code = parts[0];
            if (parts.Length == 1) { undated ??= code; continue; }
            var d = parts[1];
            if (d.StartsWith('>')) { var from = Full(d[1..]); if (open is null || string.CompareOrdinal(from, openFrom) > 0) { open = code; openFrom = from; } }
            else if (d.Contains('-'))
            {
                var to = Full(d[(d.IndexOf('-') + 1)..]);
                if (ranged is null || string.CompareOrdinal(to, rangedTo) > 0) { ranged = code; rangedTo = to; }
            }
        }
        return open ?? undated ?? ranged;
    }

    /// <summary>PETRARCH dates are YYMMDD or YYYYMMDD; compare them as YYYYMMDD.</summary>
    private static string Full(string d)
    {
        d = d.Trim();
        if (d.Length == 6) return (int.Parse(d[..2], CultureInfo.InvariantCulture) > 30 ? "19" : "20") + d;
        return d;
    }

    private static Dictionary<string, string> ReadAgents(string path)
    {
        var macros = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var agents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadLines(path))
        {
            var body = StripComment(raw);
            if (body.Length == 0) continue;
            if (body.StartsWith('!') && body.Contains('='))
            {
                int eq = body.IndexOf('=');
                macros[body[..eq].Trim()] = body[(eq + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                continue;
            }
            var bm = Bracket().Match(body);
            if (!bm.Success) continue;
            var code = bm.Groups[1].Value.Replace("~", "", StringComparison.Ordinal).Trim();
            if (code.Length < 3) continue;
            code = code[..3];
            var head = body[..bm.Index];
            var names = new List<string>();
            var br = Braces().Match(head);
            if (br.Success) { names.AddRange(br.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)); head = head.Remove(br.Index, br.Length); }
            names.Add(head.Trim());
            foreach (var n in names)
                foreach (var e in ExpandMacros(n, macros))
                {
                    var k = Key(e);
                    if (k.Length > 0) agents.TryAdd(k, code);
                }
        }
        return agents;
    }

    private static IEnumerable<string> ExpandMacros(string name, Dictionary<string, string[]> macros)
    {
        int a = name.IndexOf('!');
        int b = a >= 0 ? name.IndexOf('!', a + 1) : -1;
        if (b < 0) { yield return name; yield break; }
        var key = name[a..(b + 1)];
        if (!macros.TryGetValue(key, out var subs)) { yield return name.Replace(key, "", StringComparison.Ordinal); yield break; }
        foreach (var s in subs)
            foreach (var e in ExpandMacros(name[..a] + "_" + s + "_" + name[(b + 1)..], macros)) yield return e;
    }

    // ---------------------------------------------------------------- CAMEO codes, Goldstein, PLOVER

    private static Dictionary<string, CameoCode> ReadCodes(string eventCodes, string goldstein, string plover)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(eventCodes).Skip(1))
        {
            var p = line.Split('\t');
            if (p.Length >= 2 && p[0].Trim().Length > 0) names[p[0].Trim()] = p[1].Trim();
        }
        var gold = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(goldstein).Skip(1))
        {
            var p = line.Split('\t');
            if (p.Length >= 2 && double.TryParse(p[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var g)) gold[p[0].Trim()] = g;
        }
        var pl = new Dictionary<string, (string Cat, string? Mode)>(StringComparer.Ordinal);
        foreach (var raw in File.ReadLines(plover))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || !line.Contains(':')) continue;
            var body = StripComment(line);
            int colon = body.IndexOf(':');
            var code = body[..colon].Trim();
            if (code.Length == 0 || !code.All(char.IsAsciiDigit)) continue;
            var fields = body[(colon + 1)..].Split(',');
            var cat = fields[0].Trim();
            if (cat.Length == 0) continue;
            var mode = fields.Length > 1 ? fields[1].Trim() : "";
            pl.TryAdd(code, (cat, mode.Length == 0 ? null : mode));
        }
        var all = new SortedSet<string>(names.Keys.Concat(gold.Keys), StringComparer.Ordinal);
        var codes = new Dictionary<string, CameoCode>(StringComparer.Ordinal);
        foreach (var c in all)
        {
            (string Cat, string? Mode)? p = null;
            // 3- and 4-digit codes are listed; a 2-digit root is listed as "03: AGREE" (ambiguous "08" only below it)
            for (var k = c; k.Length >= 2; k = k[..^1]) if (pl.TryGetValue(k, out var v)) { p = v; break; }
            codes[c] = new CameoCode(c, names.GetValueOrDefault(c, ""), gold.TryGetValue(c, out var g) ? g : null, p?.Cat, p?.Mode);
        }
        return codes;
    }
}
