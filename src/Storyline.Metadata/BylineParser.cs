using System.Globalization;
using System.Text.RegularExpressions;

namespace Storyline.Metadata;

/// <summary>A byline taken apart: the people, the agency credited, and why a part was dropped.</summary>
public sealed record ParsedByline(IReadOnlyList<string> People, string? Agency)
{
    /// <summary>The people joined the way <c>byline</c> shows them.</summary>
    public string? Text => People.Count == 0 ? null : string.Join(", ", People);
}

/// <summary>
/// Turns a raw byline ("By JANE DOE and John Roe, Reuters", "Von Max Muster | Staff Writer", "Jill Disis, CNN Business",
/// "Por Williams Perdomo @wperdomod") into people and an agency. Order of work:
/// <list type="number">
/// <item>cut what follows "|", a handle ("@x") or a month-name date ("December 16, 2016, 4:19 PM"), strip a leading "By/Von/Por/Par/Door/Di/Autor:" and trailing job titles
/// ("Staff Writer", "Senior Correspondent", "Redakteur", glued on as in "Evan HalperStaff Writer" too);</item>
/// <item>split on commas, "and/und/et/y/e/&amp;", semicolons and slashes;</item>
/// <item>each part: a known agency goes to <see cref="ParsedByline.Agency"/>; a part naming the site or publisher, a desk
/// ("Staff", "Redaktion", "Editorial Staff", "CNN Business", "Telegraph Sport"), an organisation (AG, GmbH, Inc, News,
/// Media...), UI text ("View author archive", "Follow"), a place written alone in a list, or anything with digits, "@" or a
/// URL is dropped; a person is 1–5 name-like words (a lone word only when it is the whole byline).</item>
/// </list>
/// </summary>
public static partial class BylineParser
{
    /// <summary>Most words in one person's name.</summary>
    public const int MaxNameWords = 5;

    /// <summary>Longest raw byline read.</summary>
    public const int MaxBylineChars = 200;

    /// <summary>Words that make a part a desk, a team or an organisation rather than a person.</summary>
    private static readonly HashSet<string> OrgWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "staff", "team", "desk", "newsroom", "news", "redaktion", "redaction", "rédaction", "redacción", "redaccion", "redazione", "redakcja",
        "editorial", "editors", "editor", "editores", "admin", "administrator", "webmaster", "media", "press", "presse", "prensa", "agency",
        "agentur", "agencia", "agence", "agenturen", "online", "digital", "inc", "inc.", "ltd", "ltd.", "llc", "gmbh", "ag", "sa", "s.a.",
        "group", "gruppe", "corp", "corporation", "company", "verlag", "zeitung", "magazin", "magazine", "times", "post", "herald", "tribune",
        "journal", "daily", "sport", "sports", "business", "politics", "opinion", "wire", "services", "service", "network", "tv", "radio",
        "channel", "kanal", "noticias", "nachrichten", "actualités", "wiadomości", "portal", "blog", "contributors", "contributor",
        "guest", "gastautor", "anonymous", "anónimo", "anonimo", "anonyme", "unknown", "redaktör", "reporters", "correspondents",
        "foundation", "institute", "university", "universität", "ministry", "ministerium", "department", "office", "council", "association",
        "verband", "e.v.", "ev", "v.", "partei", "party", "club", "verein",
    };

    /// <summary>Publishing houses and media companies, never a person.</summary>
    private static readonly HashSet<string> Companies = new(StringComparer.OrdinalIgnoreCase)
    {
        "Condé Nast", "Conde Nast", "Hearst", "Gannett", "Axel Springer", "Hubert Burda Media", "Burda", "Tamedia", "Ringier", "News Corp",
        "Dotdash Meredith", "Meredith", "Vox Media", "BuzzFeed", "Future plc", "Funke", "Bertelsmann", "Gruner + Jahr", "Prisa", "Vocento",
        "Mediahuis", "Schibsted", "Bonnier", "Lagardère", "Mondadori", "RCS", "Nexstar", "Sinclair", "Tribune Publishing", "McClatchy",
    };

    /// <summary>Job titles cut off a name ("Jane Doe, Staff Writer", "Evan HalperStaff Writer").</summary>
    private static readonly string[] JobTitles =
    [
        "Senior Staff Writer", "Staff Writer", "Staff Reporter", "Staff Correspondent", "Senior Correspondent", "Chief Correspondent",
        "Foreign Correspondent", "Senior Reporter", "Senior Writer", "Senior Editor", "Contributing Writer", "Contributing Editor",
        "Special Correspondent", "Correspondent", "Contributor", "Reporter", "Columnist", "Editor-at-Large", "Editor", "Writer",
        "Redakteurin", "Redakteur", "Korrespondentin", "Korrespondent", "Chefredakteur", "Chefredakteurin", "Autorin", "Autor",
        "Journalistin", "Journalist", "Periodista", "Corresponsal", "Rédactrice", "Rédacteur", "Journaliste", "Envoyé spécial", "Envoyée spéciale",
        "Special to the", "For the",
    ];

    /// <summary>UI and boilerplate phrases that are never a name.</summary>
    private static readonly HashSet<string> UiWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "view", "follow", "author", "authors", "archive", "email", "e-mail", "share", "more", "read", "profile", "articles", "posts",
        "about", "contact", "subscribe", "login", "menu", "home", "comments", "comment", "updated", "published", "written", "posted",
        "photo", "photos", "foto", "image", "video", "credit", "source", "quelle", "fuente", "mehr", "alle", "artikel", "beiträge",
        "seguir", "suivre", "folgen", "sign", "log", "rss", "feed",
    };

    /// <summary>Places often written in a byline list ("Markus Haefliger, London, Beat Bumbacher").</summary>
    private static readonly HashSet<string> BylinePlaces = new(StringComparer.OrdinalIgnoreCase)
    {
        "london", "washington", "new york", "paris", "berlin", "brussels", "brüssel", "bruxelles", "moscow", "moskau", "beijing", "peking",
        "tokyo", "tokio", "rome", "rom", "madrid", "vienna", "wien", "zurich", "zürich", "geneva", "genf", "bern", "hamburg", "munich",
        "münchen", "frankfurt", "cologne", "köln", "kyiv", "kiew", "jerusalem", "istanbul", "dubai", "hong kong", "singapore", "sydney",
        "los angeles", "san francisco", "chicago", "toronto", "mexico city", "buenos aires", "são paulo", "rio de janeiro", "nairobi",
        "johannesburg", "cairo", "kairo", "delhi", "new delhi", "mumbai", "seoul", "bangkok", "warsaw", "warschau", "prague", "prag",
        "stockholm", "oslo", "copenhagen", "kopenhagen", "helsinki", "athens", "athen", "lisbon", "lissabon", "dublin", "edinburgh",
    };

    /// <summary>Parses <paramref name="raw"/>; <paramref name="siteNames"/> (site name, host, publisher) are never people.</summary>
    public static ParsedByline Parse(string? raw, params string?[] siteNames) => Parse(raw, true, siteNames);

    /// <summary>Parses <paramref name="raw"/>; <paramref name="allowSingleWord"/> lets a lone one-word name through (markup that says "author").</summary>
    public static ParsedByline Parse(string? raw, bool allowSingleWord, params string?[] siteNames)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > MaxBylineChars) return new ParsedByline([], null);
        var s = Space().Replace(raw.Replace('\u00A0', ' '), " ").Trim();
        // "By Jane Doe | Fox News", "Jane Doe @janedoe", "Jane Doe - Reporter"
        s = Handle().Replace(s, " ");
        // "By Jane Doe December 16, 2016, 4:19 PM": the byline element often carries the date after the names.
        s = TrailingDate().Replace(s, "");
        string? agency = null;
        var pipe = s.Split(['|', '•', '·'], 2);
        if (pipe.Length == 2)
        {
            agency = KnownAgency(pipe[1].Trim().TrimStart('-', '–', '—').Trim());
            s = pipe[0];
        }
        s = Prefix().Replace(s.Trim(), "");
        s = s.Trim().Trim(',', ';', ':', '-', '–', '—', '/').Trim();
        var people = new List<string>();
        var parts = Splitter().Split(s).Select(p => p.Trim().Trim('.', ',', ';', ':', '-', '–', '—', '(', ')', '"', '\'').Trim()).Where(p => p.Length > 0).ToList();
        var sites = siteNames.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!).ToList();
        foreach (var part0 in parts)
        {
            var part = StripJobTitle(part0);
            if (part.Length == 0) continue;
            if (KnownAgency(part) is { } a) { agency ??= a; continue; }
            // "Reuters Staff", "AP Staff": an agency's desk.
            var firstWord = part.Split(' ')[0];
            if (KnownAgency(firstWord) is { } a2 && part.Split(' ').Skip(1).All(w => OrgWords.Contains(w))) { agency ??= a2; continue; }
            if (!IsPerson(part, sites, parts.Count == 1 && allowSingleWord)) continue;
            var name = TitleCaseIfShouting(part);
            if (!people.Contains(name, StringComparer.OrdinalIgnoreCase)) people.Add(name);
        }
        return new ParsedByline(people, agency);
    }

    /// <summary>The agency's usual name when <paramref name="s"/> names a wire service ("AP", "Reuters", "(dpa)", "SP-X"), else null.</summary>
    public static string? KnownAgency(string s)
    {
        var t = s.Trim().Trim('(', ')', '[', ']', '/', ' ', '.').Trim();
        if (t.Length == 0) return null;
        if (TextRules.Agencies.TryGetValue(t, out var name)) return name;
        return ExtraAgencies.TryGetValue(t, out var n2) ? n2 : null;
    }

    /// <summary>Agencies seen in bylines beyond the dateline list.</summary>
    private static readonly Dictionary<string, string> ExtraAgencies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Agenturen"] = "agencies", ["Agencies"] = "agencies", ["Agencias"] = "agencies", ["Agences"] = "agencies", ["SP-X"] = "SP-X",
        ["Associated Press"] = "Associated Press", ["The Associated Press"] = "Associated Press", ["Reuters News Agency"] = "Reuters",
        ["Agence France-Presse"] = "Agence France-Presse", ["Europa Press"] = "Europa Press", ["Télam"] = "Télam", ["Telam"] = "Télam",
        ["SID"] = "SID", ["KNA"] = "KNA", ["epd"] = "epd", ["epdÖ"] = "epd", ["APA"] = "APA", ["SDA"] = "SDA", ["Keystone-SDA"] = "Keystone-SDA",
        ["Bloomberg News"] = "Bloomberg", ["Reuters Staff"] = "Reuters", ["AP Staff"] = "Associated Press", ["dpa-AFX"] = "dpa-AFX",
    };

    private static string StripJobTitle(string part)
    {
        var p = part.Trim();
        foreach (var job in JobTitles)
        {
            int i = p.IndexOf(job, StringComparison.OrdinalIgnoreCase);
            // At the end ("Jane DoeStaff Writer", "Jane Doe Reporter") or a following title ("Jane Doe, Special to the Pioneer Press").
            if (i > 0 && (i + job.Length == p.Length || job is "Special to the" or "For the"))
            {
                p = p[..i].Trim().TrimEnd(',', '-', '–', '—').Trim();
                break;
            }
            if (i == 0 && p.Length == job.Length) return "";
        }
        return p;
    }

    private static bool IsPerson(string part, List<string> sites, bool allowSingleWord)
    {
        if (part.Any(char.IsDigit) || part.Contains('@') || part.Contains("http", StringComparison.OrdinalIgnoreCase) || part.Contains("www.", StringComparison.OrdinalIgnoreCase))
            return false;
        if (DomainLike().IsMatch(part)) return false;
        var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > MaxNameWords) return false;
        if (words.Length == 1 && !allowSingleWord) return false;
        if (BylinePlaces.Contains(part) || Companies.Contains(part)) return false;
        foreach (var w in words)
        {
            var bare = w.Trim('.', ',', '(', ')', '!', '?');
            if (OrgWords.Contains(bare) || UiWords.Contains(bare)) return false;
        }
        foreach (var site in sites)
            if (TitleSplitter.SameSite(part, site) || TitleSplitter.Key(part).Length > 3 && TitleSplitter.Key(site).Contains(TitleSplitter.Key(part), StringComparison.Ordinal))
                return false;
        // Name-like: every word starts with a letter in upper case (particles and initials allowed), or the script has no case.
        bool anyUpper = false;
        foreach (var w in words)
        {
            if (Particles.Contains(w)) continue;
            var c = w[0];
            if (!char.IsLetter(c)) return false;
            if (char.IsLower(c)) return false;
            if (char.IsUpper(c)) anyUpper = true;
        }
        return anyUpper || words.All(w => w.All(ch => char.IsLetter(ch) && !char.IsUpper(ch) && !char.IsLower(ch)));
    }

    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "de", "da", "do", "dos", "das", "van", "von", "der", "den", "la", "le", "del", "di", "du", "bin", "al", "el", "ter", "zu", "y", "e",
        "ten", "op", "af", "ibn", "ben", "st.",
    };

    private static string TitleCaseIfShouting(string name)
    {
        var letters = name.Where(char.IsLetter).ToList();
        const int MinLetters = 4;
        if (letters.Count < MinLetters || !letters.All(char.IsUpper)) return name;
        return string.Join(' ', name.Split(' ').Select(w => Particles.Contains(w.ToLowerInvariant()) ? w.ToLowerInvariant()
            : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(w.ToLowerInvariant())));
    }

    [GeneratedRegex(@"^(?:(?:By|BY|by|Von|VON|von|Par|PAR|par|Por|POR|por|Door|door|Di|di|Av|av|Autor(?:in)?|Author|Auteur|Text|Texte|Written by|Words by|Reporting by|Story by|Posted by|Erstellt von|erstellt von|Escrito por|Publié par)\s*:?\s+|(?:By|Von|Por|Par)(?=\p{Lu}\p{Ll}|by\s|von\s))+", RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"\s*(?:,|;|/|\s(?:and|und|et|y|e|&|AND|i|og|en|ja)\s)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Splitter();

    [GeneratedRegex(@"@\w+", RegexOptions.CultureInvariant)]
    private static partial Regex Handle();

    // The prefix may be glued to the name when markup put them in separate elements ("ByNatasha Doe", "Byby JANE DOE").

    /// <summary>A month-name date ("December 16, 2016", "Dec. 9, 2016 at 3:45 pm") and all after it.</summary>
    [GeneratedRegex(@"[\s,]+(?:on\s+|Published:?\s+|Updated:?\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b.*$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex TrailingDate();

    [GeneratedRegex(@"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DomainLike();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
