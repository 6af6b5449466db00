using System.Text;
using System.Text.RegularExpressions;

namespace Storyline.Metadata;

/// <summary>A title with the site name split off: "Dam holds - Reuters" → ("Dam holds", "Reuters").</summary>
public sealed record SplitTitle(string Title, string? Site);

/// <summary>
/// Splits site names off page titles: " - Reuters", " | The Guardian", " : NPR", " — Le Monde", and the
/// prefix form "BBC News - Title" when the prefix is the known site. A segment counts as a site name when it
/// matches the page's site name or host, or when it is short and name-like (capitalised words, an acronym or
/// a domain), so headline punctuation ("Macron : « Nous irons »", "Covid - what now?") is left alone.
/// </summary>
public static partial class TitleSplitter
{
    /// <summary>Most words a site-name suffix may have.</summary>
    public const int MaxSiteWords = 5;

    /// <summary>Longest site-name suffix, in characters.</summary>
    public const int MaxSiteChars = 40;

    /// <summary>Fewest words the remaining headline must keep.</summary>
    public const int MinTitleWords = 2;

    /// <summary>Small words allowed in lower case inside a site name ("Bureau of Statistics", "Die Zeit").</summary>
    private static readonly HashSet<string> Connectives = new(StringComparer.Ordinal)
    {
        "of", "the", "and", "for", "on", "de", "del", "la", "le", "les", "di", "du", "des", "der", "die", "das", "für", "am", "im", "van", "von", "y", "e", "&", "en", "online",
    };

    /// <summary>Words that make a title segment a section or format label, not a site ("Live Updates", "Video").</summary>
    private static readonly HashSet<string> GenericWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "live", "updates", "update", "video", "videos", "photos", "photo", "pictures", "gallery", "opinion", "analysis", "review",
        "interview", "podcast", "explained", "recap", "highlights", "report", "breaking", "news", "latest", "watch", "listen",
        "part", "episode", "transcript", "editorial", "obituary", "letters", "feature", "exclusive", "in", "pictures", "quiz",
    };

    /// <summary>Splits <paramref name="raw"/>; <paramref name="knownSites"/> (site name, host) confirm a segment.</summary>
    public static SplitTitle Split(string raw, params string?[] knownSites)
    {
        var title = Normalise(raw);
        // "(Published 2016)" (archive pages) and a leading section label "Opinion | " are never part of the headline.
        title = PublishedYear().Replace(title, "").Trim();
        if (SectionPrefix().Match(title) is { Success: true } sp && WordCount(title[sp.Length..]) >= MinTitleWords) title = title[sp.Length..].Trim();
        // A known site glued on without spaces, as CJK and some CMS titles do: "标题_新浪网", "NEWS WEB EASY|标题", "Titel › Meedia".
        foreach (var site in knownSites)
        {
            if (string.IsNullOrWhiteSpace(site)) continue;
            var st = site.Trim();
            if (st.Length >= title.Length) continue;
            if (title.EndsWith(st, StringComparison.OrdinalIgnoreCase) && TightSeparator().Match(title[..^st.Length]) is { Success: true } ts
                && ts.Index + ts.Length == title.Length - st.Length && ts.Index > 0)
                return new SplitTitle(title[..ts.Index].Trim(), st);
            if (title.StartsWith(st, StringComparison.OrdinalIgnoreCase) && TightSeparatorStart().Match(title[st.Length..]) is { Success: true } ls)
                return new SplitTitle(title[(st.Length + ls.Length)..].Trim(), st);
        }
        var seps = Separators().Matches(title);
        if (seps.Count == 0) return new SplitTitle(title, null);
        var known = knownSites.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => Key(k!)).Where(k => k.Length > 0).ToList();

        // The whole site name as a suffix, even when it contains separators itself ("Title | Site | Tagline").
        foreach (var site in knownSites)
        {
            if (string.IsNullOrWhiteSpace(site) || site.Length >= title.Length) continue;
            var s = site.Trim();
            if (!title.EndsWith(s, StringComparison.OrdinalIgnoreCase)) continue;
            var before = title[..^s.Length];
            var sep = TrailingSeparator().Match(before);
            if (sep.Success && WordCount(before[..sep.Index]) >= MinTitleWords)
                return new SplitTitle(before[..sep.Index].Trim(), s);
        }
        // Suffix: the last separator, the usual place.
        var last = seps[^1];
        var head = title[..last.Index].Trim();
        var tail = title[(last.Index + last.Length)..].Trim();
        if (WordCount(head) >= MinTitleWords && IsSite(tail, known))
        {
            // "Headline - Section - Site": a second suffix that also names the site goes too.
            var again = Split(head, knownSites);
            if (again.Site is not null && Matches(again.Site, known)) head = again.Title;
            return new SplitTitle(head, tail);
        }
        // Prefix: only when it is the known site ("BBC News - Title"), since headlines often start with a name and a colon.
        var first = seps[0];
        var pre = title[..first.Index].Trim();
        var rest = title[(first.Index + first.Length)..].Trim();
        if (WordCount(rest) >= MinTitleWords && known.Count > 0 && Matches(pre, known))
            return new SplitTitle(rest, pre);
        return new SplitTitle(title, null);
    }

    /// <summary>Lower-case letters and digits only, without "the" and a ".com"-style ending: compares "The Guardian" with "theguardian.com".</summary>
    public static string Key(string name)
    {
        var s = name.Trim().ToLowerInvariant();
        if (s.StartsWith("www.", StringComparison.Ordinal)) s = s[4..];
        s = TopLevel().Replace(s, "");
        var sb = new StringBuilder(s.Length);
        foreach (var ch in Storyline.Core.UnicodeText.Normalize(s, NormalizationForm.FormD))
            if (char.IsLetterOrDigit(ch)) sb.Append(ch);
        var k = sb.ToString();
        return k.StartsWith("the", StringComparison.Ordinal) && k.Length > 6 ? k[3..] : k;
    }

    /// <summary>True when <paramref name="name"/> and one of the keys name the same site (one key contains the other).</summary>
    public static bool Matches(string name, IReadOnlyCollection<string> keys)
    {
        const int MinKey = 2;
        var k = Key(name);
        if (k.Length < MinKey) return false;
        foreach (var key in keys)
            if (key.Length >= MinKey && (key.Contains(k, StringComparison.Ordinal) || k.Contains(key, StringComparison.Ordinal))) return true;
        return false;
    }

    /// <summary>Same site? (see <see cref="Key"/>).</summary>
    public static bool SameSite(string? a, string? b) =>
        a is not null && b is not null && Matches(a, [Key(b)]);

    private static bool IsSite(string segment, List<string> known)
    {
        if (segment.Length == 0 || segment.Length > MaxSiteChars) return false;
        if (known.Count > 0 && Matches(segment, known)) return true;
        var words = segment.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > MaxSiteWords) return false;
        if (segment.EndsWith('?') || segment.EndsWith('!') || segment.Contains('«') || segment.Contains('"') || segment.Contains('“')) return false;
        if (Domain().IsMatch(segment)) return true;
        if (words.All(w => GenericWords.Contains(w.Trim(':', ',')))) return false;
        bool anyCapital = false;
        foreach (var w in words)
        {
            if (Connectives.Contains(w)) continue;
            if (!char.IsUpper(w[0]) && !char.IsDigit(w[0])) return false;
            anyCapital = true;
        }
        // Verbs and digits make a headline fragment, not a name: a lone number or year is not a site.
        return anyCapital && !words.All(w => w.All(char.IsDigit));
    }

    private static int WordCount(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Normalise(string s) => Space().Replace(s.Replace('\u00A0', ' '), " ").Trim();

    // Separator with spaces around it; a hyphen without spaces (Covid-19) is not one.
    [GeneratedRegex(@"\s+(?:\||-|–|—|:|::|·|•|//|«|»|›|~)\s+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"\s+(?:\||-|–|—|:|::|·|•|//|«|»|›|~)\s*$")]
    private static partial Regex TrailingSeparator();

    // Separators that join a known site name without spaces (full-width forms, underscore, pipe, angle quote).
    [GeneratedRegex(@"\s*(?:\||｜|：|_|›|»|·|-|–|—|:)\s*$")]
    private static partial Regex TightSeparator();

    [GeneratedRegex(@"^\s*(?:\||｜|：|_|›|»|·|-|–|—|:)\s*")]
    private static partial Regex TightSeparatorStart();

    [GeneratedRegex(@"\s*\((?:Published|Publié|Veröffentlicht|Publicado)\s+(?:19|20)\d{2}\)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PublishedYear();

    // "Opinion | ", "ANALYSIS: ", "Live | ": a section or format label before the headline.
    [GeneratedRegex(@"^(?:Opinion|Opinión|Meinung|Tribune|Analysis|Analyse|Análisis|Commentary|Kommentar|Editorial|Review|Live|Video|Watch|Podcast|Exclusive|Exklusiv|Interview|Gastbeitrag|Column|Kolumne)\s*[|:]\s+", RegexOptions.IgnoreCase)]
    private static partial Regex SectionPrefix();

    [GeneratedRegex(@"\.(?:com|org|net|co\.uk|co|de|fr|es|it|pl|nl|ru|br|ch|at|be|info|news|io|uk|us|ca|au|in)$")]
    private static partial Regex TopLevel();

    [GeneratedRegex(@"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", RegexOptions.IgnoreCase)]
    private static partial Regex Domain();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
