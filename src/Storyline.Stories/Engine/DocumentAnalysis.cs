using System.Text.RegularExpressions;
using Storyline.Core;
using Storyline.Stories.Dedup;
using Storyline.Stories.Text;

namespace Storyline.Stories.Engine;

/// <summary>
/// Everything the engine derives from one document before touching the store. Pure and thread-safe,
/// so a batch is analysed in parallel and only the store updates run one at a time.
/// </summary>
public sealed partial class DocumentAnalysis
{
    public required Document Document { get; init; }
    public required long Id { get; init; }
    public required MinHashSignature Signature { get; init; }
    public required ulong[] BandKeys { get; init; }
    /// <summary>Term key → raw count (stemmed content words; names and numbers in their own key spaces).</summary>
    public required Dictionary<ulong, int> TermCounts { get; init; }
    public required ulong[] EntityKeys { get; init; }
    public required string[] Numbers { get; init; }
    public required ulong[] QuoteKeys { get; init; }
    public required int SentenceCount { get; init; }
    public required string ContentHash { get; init; }
    public string? Url { get; init; }
    public string? Source { get; init; }
    public string? Publisher { get; init; }
    public string? Title { get; init; }
    public string? CreditedTo { get; init; }
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset SeenAt { get; init; }
    /// <summary>The latest full date written near the top of the text (dateline), if any.</summary>
    public DateTimeOffset? TextDate { get; init; }
    /// <summary>The keys of <see cref="TermCounts"/> as an array, with their sublinear term frequency and background document frequency (precomputed off the serial path).</summary>
    public ulong[] TermKeys { get; init; } = [];
    public double[] TermTf { get; init; } = [];
    public int[] BackgroundDf { get; init; } = [];
    /// <summary>Names in the lead (title and first sentence): the participants the story is about.</summary>
    public ulong[] LeadNameKeys { get; init; } = [];
    /// <summary>The latest plausible year the text mentions (a rough "when": 2008 vs 2013 tells two events of one kind apart).</summary>
    public int? LatestYear { get; init; }
    /// <summary>Unit embedding of the lead (title and first sentence) when <see cref="StoryOptions.UseLeadEmbeddings"/>; else null.</summary>
    public float[]? LeadEmbedding { get; init; }

    /// <summary>Key spaces so that a word, a name and a number never share a hash.</summary>
    internal const ulong TermSpace = 0, NameSpace = 1, NumberSpace = 2, QuoteSpace = 3;

    public static DocumentAnalysis Analyse(Document doc, long id, MinHasher hasher, StoryOptions options)
    {
        var text = doc.Text ?? "";
        var words = TextTools.Words(text);
        var sentences = TextTools.Sentences(text);
        var sig = hasher.Signature(hasher.Shingles(text, words));
        var terms = new Dictionary<ulong, int>();
        foreach (var w in words)
        {
            if (w.IsNumber)
            {
                // years and other numbers: strong evidence which event (2008 vs 2013) — kept as terms
                if (w.Lower.Length >= 2) Inc(terms, TextTools.Hash(w.Lower, NumberSpace));
                continue;
            }
            if (w.Lower.Length < 2 || TextTools.Stopwords.Contains(w.Lower)) continue;
            Inc(terms, TextTools.Hash(TextTools.Stem(w.Lower), TermSpace));
        }
        var names = NamesOf(doc, text, words, sentences);
        int leadEnd = LeadEnd(sentences, words, text.Length, out int leadCount);
        var leadNames = LeadNamesOf(doc, text, words, sentences, leadEnd, leadCount).Select(n => TextTools.Hash(n, NameSpace)).Distinct().ToArray();
        var entityKeys = new HashSet<ulong>();
        foreach (var n in names)
        {
            var k = TextTools.Hash(n, NameSpace);
            entityKeys.Add(k);
            Inc(terms, k, options.NameTermBoost);
        }
        var termKeys = new ulong[terms.Count]; var termTf = new double[terms.Count]; var bgDf = new int[terms.Count];
        var bg = options.UseBackgroundIdf ? BackgroundIdf.Default : null;
        int ti = 0;
        foreach (var (k, c) in terms)
        {
            termKeys[ti] = k; termTf[ti] = c == 1 ? 1 : 1 + Math.Log(c); bgDf[ti] = bg?.Df(k) ?? 0; ti++;
        }
        var numbers = words.Where(w => w.IsNumber && w.Lower.Length >= 2).Select(w => w.Lower).Distinct().ToArray();
        var quotes = TextTools.Quotes(text).Select(q => TextTools.Hash(q, QuoteSpace)).Distinct().ToArray();
        var md = doc.Metadata;
        string? url = md.CanonicalUrl?.Value ?? md.Url?.Value ?? doc.Origin.Url;
        string? source = md.Source?.Value ?? HostOf(url);
        string? title = md.Title?.Value;
        return new DocumentAnalysis
        {
            Document = doc, Id = id, Signature = sig, BandKeys = hasher.BandKeys(sig), TermCounts = terms,
            EntityKeys = [.. entityKeys], Numbers = numbers, QuoteKeys = quotes, SentenceCount = sentences.Count,
            ContentHash = doc.ContentHash is { Length: > 0 } h ? h : Core.ContentHash.Of(text),
            Url = NormaliseUrl(url), Source = source, Publisher = md.Publisher?.Value, Title = title,
            CreditedTo = Credit(text, title), Published = md.Published?.Value, SeenAt = doc.Origin.SeenAt,
            TextDate = DateInference.LatestDate(text.Length > HeadChars ? text[..HeadChars] : text)?.Date,
            LeadNameKeys = leadNames, LatestYear = LatestYearOf(words),
            LeadEmbedding = options.UseLeadEmbeddings ? Embedding.SentenceEmbeddings.Shared.Embed([LeadText(title, text, leadEnd)])[0] : null,
            TermKeys = termKeys, TermTf = termTf, BackgroundDf = bgDf,
        };
    }

    /// <summary>The lead as one passage for the embedder: the title (when the text does not start with it) and the text up to the lead's end.</summary>
    private static string LeadText(string? title, string text, int leadEnd)
    {
        var lead = text[..Math.Min(text.Length, leadEnd)].Trim();
        return title is { Length: > 0 } t && !lead.StartsWith(t, StringComparison.Ordinal) ? t + ". " + lead : lead;
    }

    /// <summary>Sentences that make the lead (a title line and the first sentence).</summary>
    public const int LeadSentences = 2;
    /// <summary>Lines shorter than this (datelines, "Posted: ..." stamps) are passed over when counting lead sentences.</summary>
    public const int MinLeadWords = 5;

    /// <summary>End of the lead: the first <see cref="LeadSentences"/> sentences of <see cref="MinLeadWords"/> words or more (and any short lines among them).</summary>
    private static int LeadEnd(List<SentenceSpan> sentences, List<Word> words, int textLength, out int count)
    {
        int counted = 0, wi = 0;
        for (int si = 0; si < sentences.Count; si++)
        {
            int n = 0;
            while (wi < words.Count && words[wi].Start < sentences[si].End) { if (words[wi].Start >= sentences[si].Start) n++; wi++; }
            if (n >= MinLeadWords && ++counted == LeadSentences) { count = si + 1; return sentences[si].End; }
        }
        count = sentences.Count;
        return textLength;
    }
    /// <summary>Years outside this range are counts, not dates.</summary>
    private const int MinYear = 1900, MaxYear = 2100;

    private static int? LatestYearOf(List<Word> words)
    {
        int? best = null;
        foreach (var w in words)
            if (w.IsNumber && w.Lower.Length == 4 && int.TryParse(w.Lower, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int y)
                && y is >= MinYear and <= MaxYear && (best is null || y > best)) best = y;
        return best;
    }

    /// <summary>Names whose mention starts in the lead; the full name and its last word, as in <see cref="NamesOf"/>.</summary>
    private static IEnumerable<string> LeadNamesOf(Document doc, string text, List<Word> words, List<SentenceSpan> sentences, int leadEnd, int leadCount)
    {
        IEnumerable<string> raw;
        if (doc.Mentions.Count > 0)
            raw = doc.Mentions.Where(m => m.Start < leadEnd).Select(m => string.Join(' ', TextTools.Words(m.Text).Select(w => w.Lower)));
        else
        {
            int nw = 0; while (nw < words.Count && words[nw].Start < leadEnd) nw++;
            raw = TextTools.Names(text, words.GetRange(0, nw), sentences.GetRange(0, leadCount));
        }
        foreach (var n in raw)
        {
            if (n.Length < 2) continue;
            yield return n;
            int sp = n.LastIndexOf(' ');
            if (sp > 0) yield return n[(sp + 1)..];
        }
    }

    /// <summary>Characters at the top of a text searched for a dateline.</summary>
    private const int HeadChars = 600;

    private static void Inc(Dictionary<ulong, int> d, ulong k, int by = 1) => d[k] = d.GetValueOrDefault(k) + by;

    /// <summary>Names from the NER layer when it ran, else capitalised-word runs; multi-word names also give their last word (the surname).</summary>
    private static IEnumerable<string> NamesOf(Document doc, string text, List<Word> words, List<SentenceSpan> sentences)
    {
        var raw = doc.Mentions.Count > 0
            ? doc.Mentions.Select(m => string.Join(' ', TextTools.Words(m.Text).Select(w => w.Lower)))
            : TextTools.Names(text, words, sentences);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in raw)
        {
            if (n.Length < 2) continue;
            set.Add(n);
            int sp = n.LastIndexOf(' ');
            if (sp > 0) set.Add(n[(sp + 1)..]);
        }
        return set;
    }

    public static string? HostOf(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var u)) return null;
        var host = u.Host.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    /// <summary>URL without fragment, tracking query and trailing slash, so that one article has one key.</summary>
    public static string? NormaliseUrl(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var u)) return url;
        var path = u.AbsolutePath.TrimEnd('/');
        var q = string.Join('&', u.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("fbclid", StringComparison.OrdinalIgnoreCase)));
        return $"{u.Host.ToLowerInvariant().Replace("www.", "", StringComparison.Ordinal)}{path}{(q.Length > 0 ? "?" + q : "")}";
    }

    [GeneratedRegex(@"(?:originally (?:published|appeared) (?:by|in|on|at)|first (?:published|appeared) (?:by|in|on|at)|republished (?:with permission )?from|reprinted (?:with permission )?from|courtesy of|this (?:article|story) (?:was|is) (?:from|by))\s+(?:the\s+)?(?<p>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,4})", RegexOptions.CultureInvariant)]
    private static partial Regex CreditRegex();

    [GeneratedRegex(@"^\s*(?:[A-Z][A-Za-z .,]{1,40}\s+)?\((?<p>Reuters|AP|AFP|Bloomberg|CNN|UPI|Xinhua|dpa|ANSA|BBC)\)\s*[-\u2014\u2013]", RegexOptions.CultureInvariant)]
    private static partial Regex DatelineRegex();

    [GeneratedRegex(@"\s[-|\u2014\u2013:]\s(?<p>[A-Z][\w.&' ]{1,40})$", RegexOptions.CultureInvariant)]
    private static partial Regex TitleSuffixRegex();

    /// <summary>The publisher a document credits as origin: "originally published by X", a wire dateline "(Reuters) -", or a title suffix " - X".</summary>
    public static string? Credit(string text, string? title)
    {
        var m = CreditRegex().Match(text);
        if (m.Success) return m.Groups["p"].Value.Trim().TrimEnd('.');
        var head = text.Length > 300 ? text[..300] : text;
        m = DatelineRegex().Match(head);
        if (m.Success) return m.Groups["p"].Value;
        if (title is not null)
        {
            m = TitleSuffixRegex().Match(title);
            if (m.Success) return m.Groups["p"].Value.Trim();
        }
        return null;
    }
}
