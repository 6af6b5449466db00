using Storyline.Core;
using Storyline.Entities.Geo;
using Storyline.Entities.Text;

namespace Storyline.Entities;

/// <summary>Per-document working state shared by the entity rules: word tokens, mention↔token maps, resolved places.</summary>
internal sealed class DocContext
{
    public Document Doc { get; }
    public string Text => Doc.Text;
    public WordTokens Tokens { get; }
    public Gazetteer Gaz { get; }
    public PlaceResolver Resolver { get; }
    public ResolvedPlace?[] Places { get; }

    /// <summary>Token range of each mention ((-1,-1) when it covers no token).</summary>
    public (int First, int Last)[] MentionTokens { get; }

    /// <summary>Mention starting at each token, or -1.</summary>
    private readonly int[] _mentionAt;
    /// <summary>Mention covering each token, or -1.</summary>
    private readonly int[] _mentionOver;

    public DocContext(Document doc, PlaceResolver resolver)
    {
        Doc = doc;
        Resolver = resolver;
        Gaz = resolver.Gazetteer;
        Tokens = doc.Transient.TryGetValue(PlaceResolver.WordTokensKey, out var t) && t is WordTokens wt && ReferenceEquals(wt.Text, doc.Text)
            ? wt : new WordTokens(doc.Text);
        doc.Transient[PlaceResolver.WordTokensKey] = Tokens;
        Places = resolver.Resolve(doc);
        MentionTokens = new (int, int)[doc.Mentions.Count];
        _mentionAt = new int[Tokens.Count];
        _mentionOver = new int[Tokens.Count];
        Array.Fill(_mentionAt, -1);
        Array.Fill(_mentionOver, -1);
        for (int i = 0; i < doc.Mentions.Count; i++)
        {
            var m = doc.Mentions[i];
            var r = Tokens.Range(m.Start, m.End);
            MentionTokens[i] = r;
            if (r.First < 0 || m.Nominal) continue;
            if (_mentionAt[r.First] < 0) _mentionAt[r.First] = i;
            for (int k = r.First; k <= r.Last; k++) if (_mentionOver[k] < 0) _mentionOver[k] = i;
        }
    }

    private Dictionary<string, int>? _documentCountries;

    /// <summary>How many resolved place mentions and demonyms point at each country (alpha-2).</summary>
    public IReadOnlyDictionary<string, int> DocumentCountries
    {
        get
        {
            if (_documentCountries is not null) return _documentCountries;
            var d = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < Doc.Mentions.Count; i++)
            {
                if (Doc.Mentions[i].Nominal || Doc.Mentions[i].Type is not ("LOC" or "MISC")) continue;
                if (CountryOfMention(i) is { } c) d[c] = d.GetValueOrDefault(c) + 1;
            }
            return _documentCountries = d;
        }
    }

    private string?[]? _demonymAt;

    /// <summary>Country code of the demonym word at token i ("German" → DE), memoised; null when the word is not one.</summary>
    public string? DemonymAt(int i)
    {
        if (!IsWord(i)) return null;
        _demonymAt ??= new string?[Tokens.Count];
        var v = _demonymAt[i];
        if (v is not null) return v.Length == 0 ? null : v;
        var w = Word(i);
        var c = TextNorm.IsCapitalised(w) ? Gaz.CountryByDemonym(w)?.Code : null;
        _demonymAt[i] = c ?? "";
        return c;
    }

    private (string Code, int End)?[]? _countryAt;
    private bool[]? _countryAtDone;

    /// <summary>A country name of up to three plain words (no mention) starting at token i, memoised.</summary>
    public (string Code, int End)? CountryNameAt(int i)
    {
        if (!IsWord(i) || !TextNorm.IsCapitalised(Tokens.Span(i))) return null;
        _countryAt ??= new (string, int)?[Tokens.Count];
        _countryAtDone ??= new bool[Tokens.Count];
        if (_countryAtDone[i]) return _countryAt[i];
        (string, int)? r = null;
        for (int len = MaxCountryNameWords; len >= 1 && r is null; len--)
        {
            int last = i + len - 1;
            if (last >= Tokens.Count) continue;
            bool ok = true;
            for (int k = i; k <= last; k++) if (!IsWord(k) || MentionOver(k) >= 0) { ok = false; break; }
            if (!ok) continue;
            if (Gaz.CountryByName(Text[Tokens[i].Start..Tokens[last].End]) is { } c) r = (c.Code, last + 1);
        }
        _countryAt[i] = r; _countryAtDone[i] = true;
        return r;
    }

    private const int MaxCountryNameWords = 3;

    /// <summary>Clean forms of one mention's text, computed once.</summary>
    internal sealed class NameInfo(string text)
    {
        public string Clean { get; } = Grouping.NameForms.Clean(text);
        private string? _orgKey, _personName;
        private string[]? _personTokens, _orgKeyTokens, _initials;
        private bool? _acronym;
        public string OrgKey => _orgKey ??= Grouping.NameForms.OrgKey(text);
        public string[] OrgKeyTokens => _orgKeyTokens ??= OrgKey.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        public string PersonName => _personName ??= Grouping.NameForms.PersonName(text);
        public string[] PersonTokens => _personTokens ??= Grouping.NameForms.PersonTokens(PersonName);
        public bool IsAcronym => _acronym ??= TextNorm.IsAcronym(Clean);
        public string[] Initials => _initials ??= Grouping.NameForms.Initialisms(text).ToArray();
    }

    private NameInfo?[]? _names;

    public NameInfo Name(int mention)
    {
        _names ??= new NameInfo?[Doc.Mentions.Count];
        return _names[mention] ??= new NameInfo(Doc.Mentions[mention].Text);
    }

    private Dictionary<string, (string?, bool)>? _orgNameCountry;

    /// <summary><see cref="OrgCountries.FromName"/> memoised per distinct name.</summary>
    public (string? Code, bool FromTown) OrgCountryFromName(string name)
    {
        _orgNameCountry ??= new(StringComparer.Ordinal);
        if (!_orgNameCountry.TryGetValue(name, out var r)) _orgNameCountry[name] = r = OrgCountries.FromName(Gaz, name, DocumentCountries);
        return r;
    }

    public int MentionAt(int token) => token >= 0 && token < _mentionAt.Length ? _mentionAt[token] : -1;
    public int MentionOver(int token) => token >= 0 && token < _mentionOver.Length ? _mentionOver[token] : -1;

    public string Word(int i) => Tokens.IsWord(i) ? Tokens.Str(i) : "";

    public bool IsWord(int i) => Tokens.IsWord(i);

    public TokKind Kind(int i) => i >= 0 && i < Tokens.Count ? Tokens[i].Kind : TokKind.SentenceEnd;

    /// <summary>Country (alpha-2) a mention points at: a demonym ("German"), a country, or the country of a resolved place.</summary>
    private string?[]? _mentionCountry;
    private bool[]? _mentionCountryDone;

    public string? CountryOfMention(int mention)
    {
        _mentionCountry ??= new string?[Doc.Mentions.Count];
        _mentionCountryDone ??= new bool[Doc.Mentions.Count];
        if (mention < _mentionCountry.Length && _mentionCountryDone[mention]) return _mentionCountry[mention];
        var c = ComputeCountryOfMention(mention);
        if (mention < _mentionCountry.Length) { _mentionCountry[mention] = c; _mentionCountryDone[mention] = true; }
        return c;
    }

    private string? ComputeCountryOfMention(int mention)
    {
        var m = Doc.Mentions[mention];
        if (Gaz.CountryByDemonym(PlaceResolver.CleanSurface(m.Text)) is { } d) return d.Code;
        if (Places[mention] is { } p) return p.CountryCode(Gaz);
        if (m.Type != "PER" && Gaz.CountryByName(PlaceResolver.CleanSurface(m.Text)) is { } c) return c.Code;
        // "the Kremlin" may come typed LOC or ORG; either way it stands for its country.
        if (m.Type != "PER" && OrgCountries.Institution(m.Text) is { } inst) return inst;
        return null;
    }
}
