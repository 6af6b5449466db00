using System.Text;
using System.Text.RegularExpressions;

namespace Storyline.Stories.Rewrite;

/// <summary>
/// Makes content-farm style rewrites of an article for evaluation (fixed seed): synonym substitution,
/// clause reordering ("X, Y said." → "Y said X."; "A after B." → "After B, A."), contractions, adjacent
/// sentence swaps and sentence drops. Quotations are left untouched, as spinners keep them.
/// </summary>
public static partial class RewriteGenerator
{
    /// <summary>Hand-written news synonyms (not taken from any evaluation data).</summary>
    private static readonly Dictionary<string, string[]> Synonyms = new(StringComparer.Ordinal)
    {
        ["said"] = ["stated", "noted", "explained"], ["says"] = ["states", "notes"], ["told"] = ["informed", "said to"],
        ["announced"] = ["revealed", "disclosed"], ["big"] = ["large", "major"], ["large"] = ["big", "sizeable"],
        ["small"] = ["minor", "little"], ["important"] = ["significant", "key"], ["show"] = ["reveal", "indicate"],
        ["showed"] = ["revealed", "indicated"], ["shows"] = ["reveals", "indicates"], ["help"] = ["assist", "aid"],
        ["helped"] = ["assisted", "aided"], ["begin"] = ["start", "commence"], ["began"] = ["started", "commenced"],
        ["start"] = ["begin", "launch"], ["started"] = ["began", "launched"], ["end"] = ["finish", "conclude"],
        ["ended"] = ["finished", "concluded"], ["buy"] = ["purchase", "acquire"], ["bought"] = ["purchased", "acquired"],
        ["get"] = ["obtain", "receive"], ["got"] = ["obtained", "received"], ["make"] = ["create", "produce"],
        ["made"] = ["created", "produced"], ["think"] = ["believe", "feel"], ["thinks"] = ["believes", "feels"],
        ["believe"] = ["think", "feel"], ["however"] = ["but", "yet"], ["also"] = ["too", "as well"],
        ["many"] = ["numerous", "a lot of"], ["several"] = ["a number of", "various"], ["often"] = ["frequently", "regularly"],
        ["quickly"] = ["rapidly", "swiftly"], ["recent"] = ["latest", "new"], ["recently"] = ["lately", "newly"],
        ["increase"] = ["rise", "growth"], ["decrease"] = ["fall", "decline"], ["rose"] = ["climbed", "increased"],
        ["fell"] = ["dropped", "declined"], ["people"] = ["individuals", "citizens"], ["country"] = ["nation"],
        ["government"] = ["administration", "authorities"], ["leader"] = ["head", "chief"], ["meeting"] = ["gathering", "session"],
        ["attack"] = ["assault", "strike"], ["killed"] = ["slain", "left dead"], ["died"] = ["passed away", "perished"],
        ["injured"] = ["hurt", "wounded"], ["police"] = ["officers", "law enforcement"], ["arrested"] = ["detained", "taken into custody"],
        ["campaign"] = ["bid", "run"], ["candidate"] = ["contender", "hopeful"], ["voters"] = ["the electorate", "constituents"],
        ["election"] = ["vote", "race"], ["support"] = ["backing", "endorsement"], ["supporters"] = ["backers", "fans"],
        ["criticized"] = ["slammed", "blasted"], ["claimed"] = ["alleged", "asserted"], ["want"] = ["wish", "desire"],
        ["wants"] = ["wishes", "desires"], ["try"] = ["attempt", "seek"], ["tried"] = ["attempted", "sought"],
        ["need"] = ["require"], ["needs"] = ["requires"], ["use"] = ["employ", "utilize"], ["used"] = ["employed", "utilized"],
        ["plan"] = ["proposal", "scheme"], ["plans"] = ["proposals", "schemes"], ["problem"] = ["issue", "difficulty"],
        ["problems"] = ["issues", "difficulties"], ["question"] = ["query", "issue"], ["decision"] = ["ruling", "choice"],
        ["week"] = ["seven days"], ["statement"] = ["release", "remarks"], ["report"] = ["account", "study"],
        ["reported"] = ["stated", "disclosed"], ["continue"] = ["carry on", "keep going"], ["expected"] = ["anticipated", "predicted"],
        ["major"] = ["key", "principal"], ["whether"] = ["if"], ["because"] = ["since", "as"], ["although"] = ["though", "even though"],
        ["before"] = ["prior to"], ["after"] = ["following"], ["about"] = ["regarding", "concerning"], ["nearly"] = ["almost", "close to"],
        ["against"] = ["opposed to"], ["would"] = ["could"], ["very"] = ["extremely", "highly"], ["really"] = ["truly", "genuinely"],
    };

    private static readonly (string From, string To)[] Contractions =
        [("did not", "didn't"), ("do not", "don't"), ("is not", "isn't"), ("was not", "wasn't"), ("will not", "won't"), ("cannot", "can't"), ("would not", "wouldn't"), ("has not", "hasn't")];

    /// <summary>Probabilities of each rewrite operation.</summary>
    public sealed record Settings(double Synonym = 0.6, double ClauseReorder = 0.7, double Swap = 0.25, double Drop = 0.12);

    public static string Rewrite(string text, Random rng, Settings? settings = null)
    {
        var s = settings ?? new Settings();
        var paras = text.Split("\n\n");
        var outParas = new List<string>();
        bool first = true;
        foreach (var p in paras)
        {
            var sents = Text.TextTools.SentenceTexts(p);
            var kept = new List<string>();
            foreach (var sent in sents)
            {
                if (!first && rng.NextDouble() < s.Drop) continue; // never drop the lead
                first = false;
                kept.Add(RewriteSentence(sent, rng, s));
            }
            for (int i = 0; i + 1 < kept.Count; i++)
                if (rng.NextDouble() < s.Swap) { (kept[i], kept[i + 1]) = (kept[i + 1], kept[i]); i++; }
            if (kept.Count > 0) outParas.Add(string.Join(' ', kept));
        }
        return string.Join("\n\n", outParas);
    }

    [GeneratedRegex(@"^(?<body>[^""\u201C\u201D]{20,}?),\s+(?<who>(?:[A-Z][\w.'-]+\s){0,4}?[A-Za-z.'-]+)\s+(?<verb>said|says|told reporters|added)(?<tail>[^,]{0,40})\.$", RegexOptions.CultureInvariant)]
    private static partial Regex AttributionRegex();

    [GeneratedRegex(@"^(?<main>[^,""\u201C]{15,}?)\s+(?<conj>after|because|when|while|since|before)\s+(?<sub>[^,""\u201C]{10,})\.$", RegexOptions.CultureInvariant)]
    private static partial Regex SubordinateRegex();

    private static string RewriteSentence(string sent, Random rng, Settings s)
    {
        string r = sent;
        if (rng.NextDouble() < s.ClauseReorder)
        {
            var m = AttributionRegex().Match(r);
            if (m.Success && !m.Groups["body"].Value.Contains('"'))
                r = $"{m.Groups["who"].Value} {m.Groups["verb"].Value}{m.Groups["tail"].Value} that {LowerFirst(m.Groups["body"].Value)}.";
            else
            {
                m = SubordinateRegex().Match(r);
                if (m.Success)
                    r = $"{UpperFirst(m.Groups["conj"].Value)} {m.Groups["sub"].Value}, {LowerFirst(m.Groups["main"].Value)}.";
            }
        }
        // synonyms and contractions outside quotations
        var sb = new StringBuilder();
        bool inQuote = false;
        foreach (var piece in Regex.Split(r, @"(""|\u201C|\u201D)"))
        {
            if (piece is "\"" or "\u201C" or "\u201D") { inQuote = piece == "\u201C" || (piece == "\"" && !inQuote); if (piece == "\u201D") inQuote = false; sb.Append(piece); continue; }
            if (inQuote) { sb.Append(piece); continue; }
            var t = piece;
            foreach (var (from, to) in Contractions) if (rng.NextDouble() < 0.5) t = t.Replace(from, to, StringComparison.Ordinal);
            t = Regex.Replace(t, @"\b[a-z]+\b", w => Synonyms.TryGetValue(w.Value, out var syn) && rng.NextDouble() < s.Synonym ? syn[rng.Next(syn.Length)] : w.Value);
            sb.Append(t);
        }
        return sb.ToString();
    }

    private static string LowerFirst(string s) =>
        s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) && !IsNameStart(s) ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    private static bool IsNameStart(string s)
    {
        // keep capitals of names: only lower a first word that is a common function word
        var w = s.Split(' ', 2)[0];
        return !Text.TextTools.Stopwords.Contains(w.ToLowerInvariant());
    }

    private static string UpperFirst(string s) => s.Length > 0 ? char.ToUpperInvariant(s[0]) + s[1..] : s;
}
