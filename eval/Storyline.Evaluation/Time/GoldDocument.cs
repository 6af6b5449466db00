using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Storyline.Time.Evaluation;

/// <summary>A gold time expression: character span in <see cref="GoldDocument.Text"/>, type and value.</summary>
public sealed record GoldTimex(int Start, int End, string Type, string Value, string? Mod);

/// <summary>A document with gold time expressions and its creation time (the anchor for resolution).</summary>
public sealed record GoldDocument(string Name, string Text, DateTimeOffset? Anchor, IReadOnlyList<GoldTimex> Timexes);

/// <summary>Reads TimeML (.tml) files: the text inside &lt;TEXT&gt; with its TIMEX3 spans, and the DCT as anchor.</summary>
public static partial class TimeMLReader
{
    [GeneratedRegex(@"<TIMEX3\b[^>]*functionInDocument=""CREATION_TIME""[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex DctTag();

    [GeneratedRegex(@"<(/?)([A-Za-z0-9_]+)([^>]*)>", RegexOptions.CultureInvariant)]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"(\w+)=""([^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();

    public static GoldDocument Read(string path) => Parse(Path.GetFileName(path), File.ReadAllText(path, Encoding.UTF8));

    /// <summary>Parses TimeML markup given as a string.</summary>
    public static GoldDocument Parse(string name, string tml)
    {
        DateTimeOffset? anchor = null;
        var dct = DctTag().Match(tml);
        if (dct.Success && Attrs(dct.Value).TryGetValue("value", out var dv)) anchor = ParseAnchor(dv);

        int ts = tml.IndexOf("<TEXT>", StringComparison.Ordinal);
        int te = tml.IndexOf("</TEXT>", StringComparison.Ordinal);
        if (ts < 0 || te < ts) throw new InvalidDataException($"{name}: no <TEXT> element");
        string body = tml[(ts + "<TEXT>".Length)..te];

        var text = new StringBuilder(body.Length);
        var timexes = new List<GoldTimex>();
        (int Start, Dictionary<string, string> Attrs)? open = null;
        int pos = 0;
        foreach (Match m in AnyTag().Matches(body))
        {
            text.Append(WebUtility.HtmlDecode(body[pos..m.Index]));
            pos = m.Index + m.Length;
            if (m.Groups[2].Value != "TIMEX3") continue;
            if (m.Groups[1].Value.Length == 0)
            {
                if (m.Value.EndsWith("/>", StringComparison.Ordinal)) continue;
                open = (text.Length, Attrs(m.Value));
            }
            else if (open is { } o)
            {
                o.Attrs.TryGetValue("type", out var type);
                o.Attrs.TryGetValue("value", out var value);
                o.Attrs.TryGetValue("mod", out var mod);
                timexes.Add(new GoldTimex(o.Start, text.Length, type ?? "", value ?? "", mod));
                open = null;
            }
        }
        text.Append(WebUtility.HtmlDecode(body[pos..]));
        return new GoldDocument(name, text.ToString(), anchor, timexes);
    }

    private static Dictionary<string, string> Attrs(string tag)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match a in Attribute().Matches(tag)) d[a.Groups[1].Value] = WebUtility.HtmlDecode(a.Groups[2].Value);
        return d;
    }

    /// <summary>DCT values look like "1998-01-08", "1998-02-13T14:35:00" or "1990-08-15T13:37"; null if not a date.</summary>
    public static DateTimeOffset? ParseAnchor(string value)
    {
        string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH", "yyyyMMdd"];
        if (DateTime.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
            return new DateTimeOffset(dt, TimeSpan.Zero);
        if (value.Length >= 10 && DateTime.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out dt))
            return new DateTimeOffset(dt, TimeSpan.Zero);
        return null;
    }
}

/// <summary>
/// Reads MEANTIME (NewsReader) XML: tokens without offsets are joined back into text, sentence by sentence;
/// the creation-time sentence (the dateline) becomes the anchor and is left out of the text, as TimeML keeps the DCT outside &lt;TEXT&gt;.
/// MEANTIME annotates time expressions only in the title and the first sentences (sentence numbers 0-5, the dateline
/// being 1; checked over all 120 English files: no TIMEX3 or SIGNAL beyond sentence 5), so only that part is kept by default.
/// </summary>
public static class MeantimeReader
{
    /// <summary>Last sentence number (0-based, title = 0) with temporal annotation in MEANTIME.</summary>
    public const int LastAnnotatedSentence = 5;

    public static GoldDocument Read(string path) => Read(path, LastAnnotatedSentence);

    /// <summary>Reads a file keeping sentences up to <paramref name="lastSentence"/> (int.MaxValue for the whole article).</summary>
    public static GoldDocument Read(string path, int lastSentence)
    {
        var root = XDocument.Load(path).Root ?? throw new InvalidDataException($"{path}: empty");
        var tokens = root.Elements("token").Select(t => (Id: (string?)t.Attribute("t_id") ?? "", Sentence: (int?)t.Attribute("sentence") ?? 0, Text: t.Value)).ToList();
        var markables = root.Element("Markables");
        var timexEls = markables?.Elements("TIMEX3").ToList() ?? [];

        DateTimeOffset? anchor = null;
        var skipSentences = new HashSet<int>();
        var byId = tokens.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        foreach (var tx in timexEls)
        {
            if ((string?)tx.Attribute("functionInDocument") != "CREATION_TIME") continue;
            anchor = TimeMLReader.ParseAnchor((string?)tx.Attribute("value") ?? "");
            foreach (var a in tx.Elements("token_anchor"))
                if (byId.TryGetValue((string?)a.Attribute("t_id") ?? "", out int ti)) skipSentences.Add(tokens[ti].Sentence);
        }

        // rebuild the text: a newline between sentences (a blank line after the title), light detokenisation inside
        var sb = new StringBuilder();
        var starts = new int[tokens.Count];
        var ends = new int[tokens.Count];
        int prevSentence = -1;
        string prevTok = "";
        for (int i = 0; i < tokens.Count; i++)
        {
            var (_, sentence, tok) = tokens[i];
            if (skipSentences.Contains(sentence) || sentence > lastSentence) { starts[i] = ends[i] = -1; continue; }
            if (sentence != prevSentence)
            {
                if (sb.Length > 0) sb.Append(prevSentence == 0 ? "\n\n" : "\n");
                prevSentence = sentence;
            }
            else if (NeedsSpace(prevTok, tok)) sb.Append(' ');
            starts[i] = sb.Length;
            sb.Append(tok);
            ends[i] = sb.Length;
            prevTok = tok;
        }

        var gold = new List<GoldTimex>();
        foreach (var tx in timexEls)
        {
            if ((string?)tx.Attribute("functionInDocument") == "CREATION_TIME") continue;
            var idx = tx.Elements("token_anchor").Select(a => byId.TryGetValue((string?)a.Attribute("t_id") ?? "", out int ti) ? ti : -1).Where(ti => ti >= 0 && starts[ti] >= 0).ToList();
            if (idx.Count == 0) continue;
            gold.Add(new GoldTimex(starts[idx.Min()], ends[idx.Max()], (string?)tx.Attribute("type") ?? "", (string?)tx.Attribute("value") ?? "", (string?)tx.Attribute("mod")));
        }
        gold.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new GoldDocument(Path.GetFileName(path), sb.ToString(), anchor, gold);
    }

    private static bool NeedsSpace(string prev, string tok)
    {
        if (prev.Length == 0) return false;
        if (tok is "," or "." or ";" or ":" or "!" or "?" or "%" or ")" or "]" or "'s" or "n't" or "'" or "''" or "'re" or "'ve" or "'ll" or "'d" or "'m") return false;
        if (prev is "(" or "[" or "$" or "``" or "#") return false;
        return true;
    }
}
