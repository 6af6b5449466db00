using System.Diagnostics;
using System.Text;
using Storyline.Core;

namespace Storyline.Events;

/// <summary>A verb form the coder recognises: its block, an optional particle ("shoot down") and its own CAMEO code.</summary>
public readonly record struct VerbEntry(string Lemma, string? Particle, int Block, string? Code);

/// <summary>
/// A PETRARCH2-style phrase pattern of one verb block: word sets that must appear, in order, before the verb
/// (<see cref="Pre"/>) and after it (<see cref="Post"/>), within the verb's own clause. Elements are indexes
/// into <see cref="EventLexicon.WordSets"/>. <see cref="Verb"/> is the block verb the pattern was written for (the
/// verb file's "# TAKE" comment, as a lemma): "* PART [030] # TAKE" is "take part", not "captured part of"; null
/// when the comment names no verb of the block, and the pattern then serves every verb of the block.
/// </summary>
public sealed record VerbPattern(int[] Pre, int[] Post, string Code, string? Verb = null);

/// <summary>One CAMEO event code: its name, Goldstein score and PLOVER category/mode.</summary>
public sealed record CameoCode(string Code, string Name, double? Goldstein, string? Plover, string? PloverMode);

/// <summary>
/// The compiled event dictionaries (models/events.bin): PETRARCH2 verb blocks and patterns, actor names and
/// agent nouns, the CAMEO code list with Goldstein scores, and the CAMEO→PLOVER table. Built by
/// <c>storyline train events</c> (EventLexiconBuilder in train/Storyline.Training/Events); the stage loads it once, lazily.
/// Words are stored lower-case and normalised with <see cref="Norm"/>.
/// </summary>
public sealed class EventLexicon
{
    public const string ModelFileName = "events.bin";
    private const string Magic = "SLEVENTS";
    private const int Version = 2;   // 2: patterns carry their verb

    /// <summary>Each block's default code (null = the bare verb makes no event) and its patterns.</summary>
    public required string?[] BlockCodes { get; init; }
    public required VerbPattern[][] BlockPatterns { get; init; }
    /// <summary>Surface or base form (lower-case) → the verb entries it can be.</summary>
    public required Dictionary<string, VerbEntry[]> Verbs { get; init; }
    /// <summary>Word sets used by patterns (normalised words).</summary>
    public required string[][] WordSets { get; init; }
    /// <summary>Actor phrase (normalised words joined by one space) → CAMEO actor code ("FRA", "CHNGOV", "IGOUNO").</summary>
    public required Dictionary<string, string> Actors { get; init; }
    /// <summary>Agent phrase (normalised words joined by one space) → sector code ("GOV", "MIL", "COP").</summary>
    public required Dictionary<string, string> Agents { get; init; }
    public required Dictionary<string, CameoCode> Codes { get; init; }

    /// <summary>Longest actor/agent phrase in words: bounds the n-gram scan.</summary>
    public int MaxPhraseWords { get; private set; } = 6;

    private HashSet<string>[]? _sets;
    private Dictionary<string, int[]>[]? _patternIndex;

    /// <summary>
    /// Per block: word → the patterns whose first element can be that word (ascending, i.e. file order). A verb
    /// then tries only the patterns one of its clause words can start, not the whole block.
    /// </summary>
    public Dictionary<string, int[]>[] PatternIndex => _patternIndex ??= BuildPatternIndex();

    private Dictionary<string, int[]>[] BuildPatternIndex()
    {
        var result = new Dictionary<string, int[]>[BlockPatterns.Length];
        for (int b = 0; b < BlockPatterns.Length; b++)
        {
            var map = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (int i = 0; i < BlockPatterns[b].Length; i++)
            {
                var p = BlockPatterns[b][i];
                int anchor = p.Pre.Length > 0 ? p.Pre[0] : p.Post.Length > 0 ? p.Post[0] : -1;
                if (anchor < 0) continue;
                foreach (var w in WordSets[anchor])
                {
                    if (!map.TryGetValue(w, out var l)) map[w] = l = [];
                    l.Add(i);
                }
            }
            result[b] = map.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        }
        return result;
    }

    /// <summary>The word sets as hash sets, built once.</summary>
    public HashSet<string>[] Sets => _sets ??= WordSets.Select(s => new HashSet<string>(s, StringComparer.Ordinal)).ToArray();

    /// <summary>How this instance was obtained ("models/events.bin", "empty").</summary>
    public string Source { get; private set; } = "";
    public long LoadMilliseconds { get; private set; }

    /// <summary>
    /// Lower-cases and folds regular plurals ("talks" → "talk", "parties" → "party") so dictionary words and
    /// text tokens meet halfway without a full lemmatiser.
    /// </summary>
    public static string Norm(string word)
    {
        var w = Lower(word);
        if (w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal)) return w[..^3] + "y";
        if (w.Length > 3 && w[^1] == 's' && w[^2] != 's' && w[^2] != 'u' && w[^2] != 'i' && w[^2] != '\'') return w[..^1];
        return w;
    }

    /// <summary>
    /// <see cref="string.ToLowerInvariant()"/> without its cost for the common cases: a word already in lower case is
    /// returned as it is, an ASCII word is lowered by hand; anything else goes to the invariant culture (same result).
    /// </summary>
    internal static string Lower(string word)
    {
        bool upper = false;
        foreach (char c in word)
        {
            if (c > 127) return word.ToLowerInvariant();
            if (c is >= 'A' and <= 'Z') upper = true;
        }
        if (!upper) return word;
        return string.Create(word.Length, word, static (dst, src) =>
        {
            for (int i = 0; i < src.Length; i++) { char c = src[i]; dst[i] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c; }
        });
    }

    /// <summary>The code's entry, or its nearest listed parent ("0314" → "031" → "03").</summary>
    public CameoCode? Lookup(string code)
    {
        for (var c = code; c.Length >= 2; c = c[..^1])
            if (Codes.TryGetValue(c, out var e)) return e;
        return null;
    }

    // ---------------------------------------------------------------- file format

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var fs = File.Create(path);
        Write(fs);
    }

    /// <summary>Deterministic bytes: every map is written in ordinal key order.</summary>
    public void Write(Stream s)
    {
        using var w = new BinaryWriter(s, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic); w.Write(Version);
        w.Write(BlockCodes.Length);
        for (int i = 0; i < BlockCodes.Length; i++)
        {
            WriteOpt(w, BlockCodes[i]);
            w.Write(BlockPatterns[i].Length);
            foreach (var p in BlockPatterns[i])
            {
                BinaryArrays.Write<int>(w, p.Pre); BinaryArrays.Write<int>(w, p.Post); w.Write(p.Code); WriteOpt(w, p.Verb);
            }
        }
        w.Write(WordSets.Length);
        foreach (var set in WordSets) { w.Write(set.Length); foreach (var x in set) w.Write(x); }
        w.Write(Verbs.Count);
        foreach (var (form, entries) in Verbs.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.Write(form); w.Write(entries.Length);
            foreach (var e in entries) { w.Write(e.Lemma); WriteOpt(w, e.Particle); w.Write(e.Block); WriteOpt(w, e.Code); }
        }
        WriteMap(w, Actors); WriteMap(w, Agents);
        w.Write(Codes.Count);
        foreach (var c in Codes.Values.OrderBy(c => c.Code, StringComparer.Ordinal))
        {
            w.Write(c.Code); w.Write(c.Name); w.Write(c.Goldstein.HasValue); w.Write(c.Goldstein ?? 0);
            WriteOpt(w, c.Plover); WriteOpt(w, c.PloverMode);
        }
    }

    public static EventLexicon Load(string path)
    {
        using var s = ModelFiles.OpenRead(path);
        return Read(s);
    }

    public static EventLexicon Read(Stream s)
    {
        using var r = new BinaryReader(s, Encoding.UTF8, leaveOpen: true);
        if (r.ReadString() != Magic || r.ReadInt32() != Version) throw new InvalidDataException("not an events model (or an old version): run 'storyline train events'");
        int nb = r.ReadInt32();
        var codes = new string?[nb]; var pats = new VerbPattern[nb][];
        for (int i = 0; i < nb; i++)
        {
            codes[i] = ReadOpt(r);
            var ps = new VerbPattern[r.ReadInt32()];
            for (int j = 0; j < ps.Length; j++) ps[j] = new VerbPattern(BinaryArrays.Read<int>(r), BinaryArrays.Read<int>(r), r.ReadString(), ReadOpt(r));
            pats[i] = ps;
        }
        var sets = new string[r.ReadInt32()][];
        for (int i = 0; i < sets.Length; i++) { var a = new string[r.ReadInt32()]; for (int j = 0; j < a.Length; j++) a[j] = r.ReadString(); sets[i] = a; }
        int nv = r.ReadInt32();
        var verbs = new Dictionary<string, VerbEntry[]>(nv, StringComparer.Ordinal);
        for (int i = 0; i < nv; i++)
        {
            var form = r.ReadString(); var es = new VerbEntry[r.ReadInt32()];
            for (int j = 0; j < es.Length; j++) es[j] = new VerbEntry(r.ReadString(), ReadOpt(r), r.ReadInt32(), ReadOpt(r));
            verbs[form] = es;
        }
        var actors = ReadMap(r); var agents = ReadMap(r);
        int nc = r.ReadInt32();
        var cameo = new Dictionary<string, CameoCode>(nc, StringComparer.Ordinal);
        for (int i = 0; i < nc; i++)
        {
            var code = r.ReadString(); var name = r.ReadString(); bool hasG = r.ReadBoolean(); double g = r.ReadDouble();
            cameo[code] = new CameoCode(code, name, hasG ? g : null, ReadOpt(r), ReadOpt(r));
        }
        var lex = new EventLexicon { BlockCodes = codes, BlockPatterns = pats, WordSets = sets, Verbs = verbs, Actors = actors, Agents = agents, Codes = cameo };
        lex.ComputeMaxPhrase();
        return lex;
    }

    /// <summary>Sets <see cref="MaxPhraseWords"/> from the actor and agent maps (after building or loading).</summary>
    public void ComputeMaxPhrase()
    {
        int max = 1;
        foreach (var k in Actors.Keys.Concat(Agents.Keys)) max = Math.Max(max, k.Count(c => c == ' ') + 1);
        MaxPhraseWords = Math.Min(max, 8);
    }

    private static void WriteOpt(BinaryWriter w, string? s) { w.Write(s is not null); if (s is not null) w.Write(s); }
    private static string? ReadOpt(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static void WriteMap(BinaryWriter w, Dictionary<string, string> map)
    {
        w.Write(map.Count);
        foreach (var (k, v) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal)) { w.Write(k); w.Write(v); }
    }

    private static Dictionary<string, string> ReadMap(BinaryReader r)
    {
        int n = r.ReadInt32();
        var d = new Dictionary<string, string>(n, StringComparer.Ordinal);
        for (int i = 0; i < n; i++) d[r.ReadString()] = r.ReadString();
        return d;
    }

    // ---------------------------------------------------------------- default instance

    private static readonly Lazy<EventLexicon> Shared = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The committed models/events.bin, loaded on first use; an empty lexicon (no events) when it is missing.</summary>
    public static EventLexicon Default => Shared.Value;

    private static EventLexicon LoadDefault()
    {
        var sw = Stopwatch.StartNew();
        var path = ModelStore.PathOf(ModelFileName);
        var lex = File.Exists(path) ? Load(path) : Empty();
        lex.Source = File.Exists(path) ? "models/" + ModelFileName : "empty";
        lex.LoadMilliseconds = sw.ElapsedMilliseconds;
        return lex;
    }

    public static EventLexicon Empty() => new()
    {
        BlockCodes = [], BlockPatterns = [], WordSets = [], Verbs = new(StringComparer.Ordinal),
        Actors = new(StringComparer.Ordinal), Agents = new(StringComparer.Ordinal), Codes = new(StringComparer.Ordinal),
    };
}
