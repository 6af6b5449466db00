using System.Globalization;
using System.Text.RegularExpressions;

namespace Storyline.Metadata;

/// <summary>A value a text rule found, with the rule's name and the line it came from.</summary>
public sealed record TextFinding<T>(T Value, string Rule, int Line);

/// <summary>
/// Metadata rules over lines of text: plain-text documents use their own lines, HTML pages the lines of their
/// rendered body. They run on the raw text, so they work whether or not cleaning (which may remove such lines)
/// has run. Each rule names itself in the result.
/// </summary>
public static partial class TextRules
{
    /// <summary>Lines longer than this are body text, not label, byline or dateline lines.</summary>
    public const int MaxLabelLine = 160;

    /// <summary>A byline line is at most this long.</summary>
    public const int MaxBylineLine = 120;

    /// <summary>"Originally published" notes are looked for in lines up to this length.</summary>
    public const int MaxNoteLine = 600;

    /// <summary>A plain-text title is looked for among this many leading non-empty lines.</summary>
    public const int TitleSearchLines = 8;

    /// <summary>A bare date line counts as the publication date only this near the top of a plain-text document.</summary>
    public const int DateLineSearchLines = 10;

    /// <summary>Headline length bounds, in words.</summary>
    public const int MinTitleWords = 3, MaxTitleWords = 30;

    /// <summary>A note without "this article/story" must be a line at most this long, with no words before the phrase.</summary>
    public const int MaxBareNoteLine = 250;

    /// <summary>A dateline's "(" comes within this many characters of the line start ("RIO DE JANEIRO, Brazil, May 6 (").</summary>
    public const int MaxDatelinePrefix = 80;

    /// <summary>Most words kept of a publisher name found in a note.</summary>
    public const int MaxPublisherWords = 8;

    /// <summary>Wire services and outlets seen in datelines, with the name used for them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Agencies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["AP"] = "Associated Press", ["The Associated Press"] = "Associated Press", ["Associated Press"] = "Associated Press",
        ["Reuters"] = "Reuters", ["AFP"] = "Agence France-Presse", ["Agence France-Presse"] = "Agence France-Presse",
        ["dpa"] = "dpa", ["CNN"] = "CNN", ["Bloomberg"] = "Bloomberg", ["UPI"] = "United Press International",
        ["EFE"] = "EFE", ["ANSA"] = "ANSA", ["AAP"] = "AAP", ["PA"] = "PA Media", ["Kyodo"] = "Kyodo News", ["Xinhua"] = "Xinhua",
        ["Yonhap"] = "Yonhap", ["TASS"] = "TASS", ["Interfax"] = "Interfax", ["ANP"] = "ANP", ["Belga"] = "Belga", ["APA"] = "APA",
        ["KNA"] = "KNA", ["epd"] = "epd", ["AFX"] = "AFX", ["PTI"] = "PTI", ["IANS"] = "IANS", ["ANI"] = "ANI", ["Anadolu"] = "Anadolu Agency",
        ["NYT"] = "The New York Times", ["PAP"] = "PAP", ["CTK"] = "ČTK", ["ČTK"] = "ČTK", ["BBC"] = "BBC", ["CNBC"] = "CNBC",
        ["dapd"] = "dapd", ["sid"] = "SID", ["MarketWatch"] = "MarketWatch", ["The Conversation"] = "The Conversation", ["CBS"] = "CBS News",
        ["ABC"] = "ABC News", ["NBC"] = "NBC News", ["Sputnik"] = "Sputnik", ["RIA Novosti"] = "RIA Novosti", ["Agencia EFE"] = "EFE",
    };

    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "this", "that", "then", "now", "in", "on", "at", "our", "his", "her", "their", "its", "a", "an", "using", "clicking",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
        "june", "july", "august", "september", "october", "november", "december", "default", "way", "far", "contrast", "comparison",
    };

    /// <summary>First words that show a note's "name" is really a date or a pronoun ("originally published on Monday").</summary>
    private static readonly HashSet<string> NotPublishers = new(NotNames.Where(n => n is not ("the" or "a" or "an" or "our" or "in" or "on" or "at")), StringComparer.OrdinalIgnoreCase)
    {
        "this", "that", "it", "we", "us", "here", "today", "yesterday",
    };

    // ---- dates ----

    /// <summary>"Published on May 6, 2024", "Posted: 2024-05-06 10:15", "date 2023-02-19", "Veröffentlicht am 6. Mai 2024".</summary>
    public static TextFinding<FoundDate>? LabelledDate(IReadOnlyList<string> lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            // Cheap test first: no digit, no date.
            if (line.Length > MaxLabelLine || line.AsSpan().IndexOfAnyInRange('0', '9') < 0) continue;
            foreach (Match label in DateLabel().Matches(line))
            {
                var after = line[(label.Index + label.Length)..];
                var found = DateParser.Find(after);
                if (found is not { } f) continue;
                var gap = after[..f.Index];
                var gm = Gap().Match(gap);
                if (!gm.Success) continue;
                var value = f;
                if (f.DateOnly && gm.Groups["h"].Success)
                    value = WithTime(f, gm);
                var rule = label.Groups["date"].Success ? "text:date-label" : "text:published-label";
                return new TextFinding<FoundDate>(value, rule, i);
            }
        }
        return null;
    }

    /// <summary>Lines after the headline searched for its visible date; lines before it likewise.</summary>
    public const int DateLinesAfterHeadline = 15, DateLinesBeforeHeadline = 4;

    /// <summary>A line longer than this near the headline is body text, not a date line.</summary>
    public const int MaxDateLine = 100;

    /// <summary>
    /// The date printed next to the headline ("Nov 18, 2019 at 9:24 pm ET", "19.10.2019, 05:00 Uhr", "3 de Mayo de 2022",
    /// "Datum:" on one line and "03.11.2021" on the next): the first date in a short line within a few lines of
    /// <paramref name="head"/> (the headline's line; -1 when unknown: the top lines). Lines labelled "updated"/"modified"
    /// are skipped. Null when none.
    /// </summary>
    public static TextFinding<FoundDate>? DateNearHeadline(IReadOnlyList<string> lines, int head)
    {
        // After the headline first (a site header often prints today's date above it), then just before it.
        int start = Math.Max(0, head);
        int to = Math.Min(lines.Count, start + DateLinesAfterHeadline + 1);
        var order = Enumerable.Range(start, Math.Max(0, to - start));
        if (head > 0) order = order.Concat(Enumerable.Range(Math.Max(0, head - DateLinesBeforeHeadline), Math.Min(DateLinesBeforeHeadline, head)).Reverse());
        foreach (int i in order)
        {
            var line = lines[i];
            if (line.Length > MaxDateLine || line.AsSpan().IndexOfAnyInRange('0', '9') < 0) continue;
            if (UpdatedLabel().IsMatch(line)) continue;
            // A date in running prose ("the vote was moved to May 6, 2024 by the council.") is not the page's date line.
            if (DateParser.Find(line) is { } f && !IsProseAround(line, f))
            {
                // A time written after the date's own pattern ("May 6, 2024 at 9:24 pm ET") is read with the date.
                var rest = line[(f.Index + f.Length)..];
                var value = f;
                if (f.DateOnly && TimeAfter().Match(rest) is { Success: true } tm) value = WithTime(f, tm);
                return new TextFinding<FoundDate>(value, "text:date-near-headline", i);
            }
        }
        return null;
    }

    /// <summary>Most words beside the date on a date line ("Johnny Castro | Viernes 22 abril, 2022").</summary>
    public const int MaxWordsBesideDate = 8;

    private static bool IsProseAround(string line, FoundDate f)
    {
        var rest = (line[..f.Index] + " " + line[(f.Index + f.Length)..]).Trim();
        if (rest.EndsWith('.') && rest.Length > 3) return true;
        return rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetter)) > MaxWordsBesideDate;
    }

    /// <summary>"Updated on December 12, 2016", "Aktualisiert am 3. März 2021", "Mis à jour le ...": a modification date (a last resort for the publication date).</summary>
    public static TextFinding<FoundDate>? UpdatedDate(IReadOnlyList<string> lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Length > MaxLabelLine || line.AsSpan().IndexOfAnyInRange('0', '9') < 0) continue;
            var m = UpdatedLabel().Match(line);
            if (m.Success && DateParser.Find(line[(m.Index + m.Length)..]) is { } f) return new TextFinding<FoundDate>(f, "text:updated-label", i);
        }
        return null;
    }

    /// <summary>A publication label with a day and month but no year ("Publié le 3 mars", "Published March 3"): day, month, line.</summary>
    public static (int Day, int Month, int Line)? LabelledDayMonth(IReadOnlyList<string> lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Length > MaxLabelLine || line.AsSpan().IndexOfAnyInRange('0', '9') < 0) continue;
            foreach (Match label in DateLabel().Matches(line))
            {
                if (!label.Groups["pub"].Success) continue;
                var after = line[(label.Index + label.Length)..];
                if (DateParser.Find(after) is not null) continue;
                if (DateParser.FindDayMonth(after) is { } dm && Gap().IsMatch(after[..dm.Index])) return (dm.Day, dm.Month, i);
            }
        }
        return null;
    }

    [GeneratedRegex(@"\b(?:updated|last\s+updated|modified|aktualisiert|geändert|mis\s+à\s+jour|actualizado|actualización|aggiornato|zaktualizowano|bijgewerkt)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UpdatedLabel();

    [GeneratedRegex(@"^\s*(?:,|\||•|·|-|–|—)?\s*(?:at|um|à|a las|alle|om|o|,)?\s*(?<h>\d{1,2})[:.h](?<mi>\d{2})\s*(?<ampm>[ap]\.?m\.?)?\s*(?<z>[A-Z]{2,4})?(?:\s*Uhr)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeAfter();

    /// <summary>A line near the top of a plain-text document that is nothing but a date (and maybe a time).</summary>
    public static TextFinding<FoundDate>? DateLine(IReadOnlyList<string> lines)
    {
        int seen = 0;
        for (int i = 0; i < lines.Count && seen < DateLineSearchLines; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            seen++;
            if (line.Length > MaxLabelLine) continue;
            if (DateParser.Find(line) is { } f && f.Index <= 1 + WeekdayPrefix().Match(line).Length
                && line.Length - (f.Index + f.Length) <= 2)
                return new TextFinding<FoundDate>(f, "text:date-line", i);
        }
        return null;
    }

    private static FoundDate WithTime(FoundDate f, Match gap)
    {
        int h = int.Parse(gap.Groups["h"].Value, CultureInfo.InvariantCulture), m = int.Parse(gap.Groups["mi"].Value, CultureInfo.InvariantCulture);
        var ampm = gap.Groups["ampm"].Value.Replace(".", "", StringComparison.Ordinal).ToLowerInvariant();
        const int Half = 12;
        if (ampm == "pm" && h < Half) h += Half;
        if (ampm == "am" && h == Half) h = 0;
        if (h > 23 || m > 59) return f;
        var probe = DateParser.TryParse($"2000-01-01 00:00 {gap.Groups["z"].Value}".Trim(), out var z, out _) ? z.Offset : TimeSpan.Zero;
        var d = f.Value;
        return f with { Value = new DateTimeOffset(d.Year, d.Month, d.Day, h, m, 0, probe), DateOnly = false };
    }

    // ---- people and publishers ----

    /// <summary>"By Jane Doe", "By JANE DOE and John Roe, Reuters", "Von Max Muster", "Par Marie Dupont".</summary>
    public static TextFinding<string>? BylineLine(IReadOnlyList<string> lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length is 0 or > MaxBylineLine) continue;
            var m = Byline().Match(line);
            if (!m.Success) continue;
            var names = CleanNames(m.Groups["names"].Value);
            if (names is not null) return new TextFinding<string>(names, "text:by-line", i);
        }
        return null;
    }

    /// <summary>Checks and tidies a byline: person-like names only; ALL-CAPS names become Title Case.</summary>
    public static string? CleanNames(string raw)
    {
        var s = Space().Replace(raw, " ").Trim().TrimEnd(',', ';', ':', '|', '-', '–', '—').Trim();
        s = BylinePrefix().Replace(s, "");
        if (s.Length == 0 || s.Length > MaxBylineLine || s.Any(char.IsDigit) || s.Contains('@') || s.Contains("http", StringComparison.OrdinalIgnoreCase)) return null;
        var parts = NameSplit().Split(s).Where(p => p.Length > 0).ToList();
        if (parts.Count == 0) return null;
        foreach (var p in parts)
        {
            var words = p.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            const int MaxNameWords = 6;
            if (words.Length > MaxNameWords) return null;
            if (NotNames.Contains(words[0])) return null;
            if (!char.IsUpper(words[0][0])) return null;
        }
        // ALL-CAPS names (wire copy) become Title Case; connectives stay lower case.
        var nameLetters = string.Concat(s.Split(' ').Where(w => !Connective(w))).Where(char.IsLetter).ToList();
        const int MinLetters = 4;
        if (nameLetters.Count >= MinLetters && nameLetters.All(char.IsUpper))
            s = string.Join(' ', s.Split(' ').Select(w => Connective(w) ? w.ToLowerInvariant() : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(w.ToLowerInvariant())));
        return s;
    }

    private static bool Connective(string w) => w is "and" or "AND" or "und" or "et" or "y" or "e" or "&";

    /// <summary>"WASHINGTON (AP) —", "(Reuters) -", "Berlin (dpa) -", "NAIROBI, Kenya (AP) _": the wire that wrote the story.</summary>
    public static TextFinding<string>? DatelinePublisher(IReadOnlyList<string> lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            // Cheap test first: a dateline has "(" near the start of its line.
            int paren = line.IndexOf('(');
            if (paren < 0 || paren > MaxDatelinePrefix) continue;
            var m = Dateline().Match(line);
            if (!m.Success) continue;
            var agency = Space().Replace(m.Groups["agency"].Value, " ").Trim();
            var place = m.Groups["place"].Value.Trim();
            string? name = Agencies.TryGetValue(agency, out var known) ? known : null;
            if (name is null)
            {
                // "CNN Business", "Reuters Breakingviews": a known agency followed by a desk name.
                var first = agency.Split(' ')[0];
                if (Agencies.TryGetValue(first, out var k2)) name = k2;
            }
            if (name is null)
            {
                // Unknown agency: only with an ALL-CAPS place before it, the classic dateline shape.
                if (place.Length == 0 || place.Any(char.IsLower) || !char.IsUpper(agency[0]) || agency.Split(' ').Length > 3) continue;
                name = agency;
            }
            else if (place.Length > 0 && place.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 4) continue;
            return new TextFinding<string>(name, "dateline", i);
        }
        return null;
    }

    /// <summary>"Originally published by X", "This article first appeared on X", "Republished with permission from X", German/French/Spanish forms.</summary>
    public static TextFinding<string>? OriginallyPublished(IReadOnlyList<string> lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Length > MaxNoteLine || NoteKeyword().Match(line) is not { Success: true }) continue;
            foreach (var re in NotePatterns)
            {
                var m = re.Match(line);
                if (!m.Success) continue;
                // "the memos, first published by X" inside a story is no note: without "this article..." the note
                // must be a short line that starts with the phrase (only markup such as "*" or "—" before it).
                if (!m.Groups["subj"].Success && (line.Length > MaxBareNoteLine || line[..m.Index].Any(char.IsLetter))) continue;
                var name = PublisherName(m.Groups["name"].Value);
                if (name is not null) return new TextFinding<string>(name, "text:originally-published", i);
            }
        }
        return null;
    }

    private static readonly Regex[] NotePatterns = [OriginallyEn(), ProducedEn(), RepublishedEn(), OriginallyDe(), OriginallyFr(), OriginallyEs()];

    /// <summary>Cuts a publisher name out of the rest of a note sentence.</summary>
    public static string? PublisherName(string raw)
    {
        var s = raw.Trim();
        var url = UrlStart().Match(s);
        if (url.Success && Uri.TryCreate(url.Value.TrimEnd('.', ',', ')'), UriKind.Absolute, out var u))
            return u.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? u.Host[4..] : u.Host;
        s = NameEnd().Split(s, 2)[0];
        s = SiteWords().Replace(s, "").Trim().TrimEnd('.', ',', ';', ':', '!', ')', '"', '”', '’').Trim().Trim('"', '“', '”', '‘', '’', '\'');
        if (s.Length < 2) return null;
        var words = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > MaxPublisherWords) return null;
        if (!char.IsUpper(s[0]) && !DomainLike().IsMatch(s) && !char.IsDigit(s[0])) return null;
        if (char.IsDigit(s[0]) || DateParser.Find(s) is { Index: 0 } || NotPublishers.Contains(words[0].TrimEnd(','))) return null;
        return s;
    }

    // ---- title ----

    /// <summary>The headline of a plain-text dump: a leading line with a site suffix, else the first headline-shaped line.</summary>
    public static TextFinding<string>? TitleLine(IReadOnlyList<string> lines)
    {
        var candidates = new List<(string Line, int Index)>();
        for (int i = 0; i < lines.Count && candidates.Count < TitleSearchLines; i++)
        {
            var line = Space().Replace(lines[i], " ").Trim();
            if (line.Length > 0) candidates.Add((line, i));
        }
        foreach (var (line, i) in candidates)
            if (IsHeadline(line) && TitleSplitter.Split(line).Site is not null) return new TextFinding<string>(line, "text:title-line", i);
        foreach (var (line, i) in candidates)
            if (IsHeadline(line) && !line.TrimEnd('"', '”', '\'', '’', ' ').EndsWith('.')) return new TextFinding<string>(line, "text:first-line", i);
        return null;
    }

    private static bool IsHeadline(string line)
    {
        int words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (words is < MinTitleWords or > MaxTitleWords) return false;
        if (DateLabel().IsMatch(line) && DateParser.Find(line) is not null) return false;
        if (Byline().IsMatch(line)) return false;
        // "WEST PALM BEACH, Fla. —": a dateline, not a headline.
        if (line.EndsWith('—') || line.EndsWith('–') || line.EndsWith('-') || line.EndsWith(':') || DatelineStart().IsMatch(line)) return false;
        return char.IsLetterOrDigit(line[0]) || line[0] is '"' or '“' or '\'' or '‘';
    }

    // ---- patterns ----

    [GeneratedRegex(@"(?:^|[\s|·•(\[])(?:(?<pub>first\s+published|published|posted|publication\s+date|released|veröffentlicht|erschienen|publié(?:e)?|publicado|publicada|pubblicato|opublikowano|gepubliceerd)|(?<date>date|dated|datum|fecha|data))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateLabel();

    // What may sit between a date label and the date: punctuation, a preposition, a weekday, a time of day.
    [GeneratedRegex(@"^[\s:,\-–—|.]*(?:(?:on|am|le|el|il|op|at|den|der|du|de|the|in|w|dnia)\s+)?(?:" + Weekday + @")?(?:(?<h>\d{1,2})[:.](?<mi>\d{2})\s*(?<ampm>[ap]\.?m\.?)?\s*(?<z>[A-Z]{2,4})?\s*,?\s*(?:on\s+)?)?(?:" + Weekday + @")?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Gap();

    private const string Weekday = @"(?:mon|tue|wed|thu|fri|sat|sun|mo|di|mi|do|fr|sa|so|lun|mar|mer|jeu|ven|sam|dim)\p{L}*\.?,?\s+";

    [GeneratedRegex(@"^(?:(?:mon|tue|wed|thu|fri|sat|sun)\p{L}*\.?,?\s+)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeekdayPrefix();

    private const string Name = @"\p{Lu}[\p{L}\p{M}'’.\-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.\-]*|de|da|dos|van|von|der|den|la|le|del|di|du|bin|al|el|ter|zu))*";

    [GeneratedRegex(@"^(?:By|BY|Von|VON|Par|PAR|Por|POR|Door|Di|Written by|Words by|Reporting by|Text(?:e)?:|Autor(?:in)?:|Author:|Auteur\s*:)\s+(?<names>" + Name + @"(?:(?:\s*,\s*|\s+(?:and|und|et|y|e|&|AND)\s+)" + Name + @"){0,4})\s*(?:(?:,|\||–|—|-|•|/)\s*[\p{L}\p{M} .&']{2,40})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Byline();

    [GeneratedRegex(@"^\s*(?:by|von|par|por|door)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BylinePrefix();

    [GeneratedRegex(@"\s*(?:,|\s(?:and|und|et|y|&|AND)\s)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex NameSplit();

    [GeneratedRegex(@"^\s*(?:(?<place>\p{Lu}[\p{L}\p{M}.'’/ \-]{1,40}?)(?:,\s*[\p{L}\p{M}. ]{2,30}?)?(?:,\s*(?:\p{L}{3,9}\.?\s+\d{1,2}|\d{1,2}\.?\s+\p{L}{3,9}\.?))?\s*)?\((?<agency>[\p{L}][\p{L}&.' ]{1,30})\)\s*(?:-{1,2}|—|–|_|:)(?:\s*\S|\s*$)", RegexOptions.CultureInvariant)]
    private static partial Regex Dateline();

    [GeneratedRegex(@"\b(?<subj>(?:this|the)\s+(?:article|story|post|piece|report|column|op-ed|essay|interview|item|content)\s+(?:was\s+|is\s+|has\s+been\s+)?)?(?:originally|first|initially)\s+(?:published|appeared|posted|ran|run|featured)\s+(?:by|on|in|at|with)\s+(?:the\s+website\s+of\s+)?(?<name>.{2,120})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginallyEn();

    [GeneratedRegex(@"\b(?<subj>this\s+(?:article|story|post|piece|report)\s+)(?:was\s+|is\s+)?(?:produced|published|written)\s+(?:by|in\s+partnership\s+with|for)\s+(?<name>.{2,120})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProducedEn();

    [GeneratedRegex(@"\b(?:republished|reprinted|reproduced|syndicated)\s+(?:here\s+)?(?:with\s+(?:the\s+)?(?:kind\s+)?permission\s+)?(?:from|of|by)\s+(?<name>.{2,120})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RepublishedEn();

    [GeneratedRegex(@"\b(?<subj>(?:dieser|der)\s+(?:artikel|beitrag|text)\s+)?(?:erschien|erscheint|ist)\s+(?:zuerst|ursprünglich|erstmals)\s+(?:erschienen\s+)?(?:bei|auf|in|im)\s+(?:der\s+|dem\s+|den\s+)?(?<name>.{2,120})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginallyDe();

    [GeneratedRegex(@"\b(?<subj>cet\s+article\s+(?:a\s+été\s+)?)?(?:(?:initialement|originellement|d'abord|d’abord)\s+publié(?:e)?|publié(?:e)?\s+(?:initialement|originellement|à\s+l'origine|à\s+l’origine))\s+(?:par|sur|dans)\s+(?<name>.{2,120})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginallyFr();

    [GeneratedRegex(@"\bpublicad[oa]\s+(?:originalmente|originariamente|inicialmente)\s+(?:en|por)\s+(?:el\s+|la\s+)?(?<name>.{2,120})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginallyEs();

    [GeneratedRegex(@"publi|appear|posted|ran\b|run\b|featured|reprint|reproduc|syndicat|produced|written|erschien|erstmals|zuerst|ursprünglich", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoteKeyword();

    // Where a publisher name ends inside a note sentence.
    [GeneratedRegex(@"(?:\.\s|\.$|;|\s+and\s+(?:is|was|has|are)\b|\s+under\s|\s+as\s|,\s|\s\|\s|\s[-–—]\s|\s\(|\s+at\s+https?:|\s+on\s+(?=\p{L}{3,9}\.?\s+\d)|\s+on\s+\d|\s+(?:und|et|y)\s+wird\b|\s+https?:)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NameEnd();

    [GeneratedRegex(@"^(?:the\s+website\s+of\s+|the\s+site\s+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SiteWords();

    [GeneratedRegex(@"^https?://\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlStart();

    [GeneratedRegex(@"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DomainLike();

    [GeneratedRegex(@"^\p{Lu}[\p{Lu} .'’-]{2,}(?:,\s*\p{Lu}[\p{L}.]*)?\s*(?:\(|—|–|-{1,2}\s)", RegexOptions.CultureInvariant)]
    private static partial Regex DatelineStart();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
