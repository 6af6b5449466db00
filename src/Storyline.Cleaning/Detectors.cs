using System.Text.RegularExpressions;

namespace Storyline.Cleaning;

/// <summary>
/// Explicit, high-precision detectors for the debris classes a line classifier cannot learn well
/// from page renders (file names, toggles, credits, labels, bylines). Each looks at one line only;
/// context rules (captions, related blocks, duplicates) live in <see cref="TextCleaner"/>.
/// </summary>
public static partial class Detectors
{
    /// <summary>Lines longer than this are never treated as credits, labels, toggles or bylines.</summary>
    private const int MaxShortLineWords = 12;
    /// <summary>Hex runs at least this long are content hashes, not words.</summary>
    private const int MinHashLength = 16;
    /// <summary>A label or date line may keep this many words besides the label and date words.</summary>
    private const int MaxLabelRemainderWords = 3;
    /// <summary>After "Photo:" a credit names someone: at least this share of its words is capitalised.</summary>
    private const double MinCreditCapitalised = 0.5;
    /// <summary>Boilerplate phrases (copyright, newsletter, social) only count on lines up to this length.</summary>
    private const int MaxBoilerplateWords = 30;

    [GeneratedRegex(@"\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg|heic|avif|jfif)(?:\?\S*)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ImageExtension();

    [GeneratedRegex(@"^\(?\s*(?:photo(?:graph)?s?|images?|pictures?|pics?|credits?|photo credits?|image credits?|image source|fotos?|bild(?:er)?|bildquelle|illustrations?|graphics?|grafik|crédit(?: photo)?|photo ?:)\s*(?:credit)?\s*[:|/]\s*\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreditPrefix();

    [GeneratedRegex(@"^\(?\s*(?:photo(?:graph)?|image|picture|illustration)s?(?:\s+illustration)?\s+(?:by|courtesy(?:\s+of)?|provided by|supplied by)\s+\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreditBy();

    [GeneratedRegex(@"\bvia\s+(?:getty|ap\b|reuters|shutterstock|afp|imago|alamy|bloomberg|epa|zuma)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreditVia();

    // "Name/AGENCY", "REUTERS/Name", "(AP Photo/Name)": slash-separated name parts, no sentence.
    [GeneratedRegex(@"^[(\[]?\s*[\p{Lu}][\p{L}\p{M}'’.\-]*(?:\s+[\p{L}\p{M}'’.\-]+){0,4}\s*(?:/\s*[\p{L}\p{M}'’.\-]+(?:\s+[\p{L}\p{M}'’.\-]+){0,4}\s*){1,3}[)\]]?\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex SlashCredit();

    [GeneratedRegex(@"^(?:©|\(c\)|copyright\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CopyrightStart();

    [GeneratedRegex(@"^(?:(?:image|media|photo|video|picture)\s?caption\b|caption\s*:)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaptionPrefix();

    [GeneratedRegex(@"^(?i:by|written by|words by|story by|reported by|reporting by|text by|von|par|por)\s+(?<name>\p{Lu}[\p{L}\p{M}'’.\-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.\-]*|de|da|del|della|di|van|von|der|den|la|le|bin|al|and|und|et|y|&|,)){0,8})\s*(?:(?:[,|•·–—\-]|\band\b)\s*(?<rest>.{0,60}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex BylineLine();

    [GeneratedRegex(@"^(?:read more|read also|also read|related|related article|related story|related stories|related content|see also|more|watch|listen|read|read next|click here|continue reading|recommended|suggested|more on this|lesen sie (?:auch|mehr)|mehr dazu|mehr zum thema|lire aussi|à lire aussi|voir aussi|leer más|lee también|leggi anche|czytaj (?:też|także|więcej))\s*(?::|»|>|\||–|—|-{1,2})\s*\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TeaserPrefix();

    [GeneratedRegex(@"(?:©|\(c\)\s*(?:19|20)\d\d|\bcopyright\b|all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CopyrightAnywhere();

    [GeneratedRegex(@"(?:sign up (?:for|to)|subscribe (?:to|for|now|today)|\bnewsletter\b|delivered to your inbox|follow (?:us|me|\S+) on (?:twitter|facebook|instagram|linkedin|x\b|tiktok|youtube|threads|bluesky)|like us on facebook|follow us\b|share (?:this|on|via) |download (?:the|our) app|terms of (?:use|service)|privacy policy|cookie (?:policy|settings)|\bcookies?\b.{0,40}\b(?:accept|consent|use)|report (?:an error|a typo)|post a comment|comments are closed|newsletter abonnieren|jetzt abonnieren|folgen sie uns|abonnez-vous|inscrivez-vous)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PromoAnywhere();

    [GeneratedRegex(@"\b(?:(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])|(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:19|20)?\d\d|\d{1,2}:\d\d)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDateOrTime();

    /// <summary>A line that is only an image file name or path, with or without separators turned into spaces.</summary>
    public static bool IsImageFilename(LineInfo line)
    {
        var t = line.Text;
        if (t.Length < 5) return false;
        if (ImageExtension().IsMatch(t))
        {
            // A sentence never ends in ".jpg": accept unless the text before the extension itself ends a sentence.
            return line.Words <= MaxShortLineWords * 3 && !SentenceBeforeExtension(t);
        }
        return IsHashLine(line);
    }

    private static bool SentenceBeforeExtension(string t)
    {
        int dot = t.LastIndexOf('.');
        return dot > 1 && t[dot - 1] is '.' or '!' or '?';
    }

    /// <summary>A short line of code-like tokens with a long hex hash: scraped asset names.</summary>
    private static bool IsHashLine(LineInfo line)
    {
        if (line.Tokens.Length == 0 || line.Words > MaxShortLineWords) return false;
        bool hash = false;
        int codeLike = 0;
        foreach (var tok in line.Tokens)
        {
            bool hasDigit = false, hasLetter = false, allHex = true;
            foreach (var c in tok)
            {
                if (char.IsAsciiDigit(c)) hasDigit = true;
                else { hasLetter = true; if (!char.IsAsciiHexDigitLower(c)) allHex = false; }
            }
            if (allHex && hasDigit && hasLetter && tok.Length >= MinHashLength) hash = true;
            if (hasDigit) codeLike++;
        }
        return hash && codeLike * 2 >= line.Tokens.Length;
    }

    /// <summary>"hide caption", "enlarge this image" and similar UI text.</summary>
    public static bool IsCaptionToggle(LineInfo line)
        => line.Words <= MaxLabelRemainderWords + 2 && Lexicon.CaptionToggles.Contains(line.Key);

    /// <summary>A photo credit line: "Name/AGENCY via Getty Images", "Photo: Reuters", "REUTERS/Name".</summary>
    public static bool IsCredit(LineInfo line)
    {
        if (line.Words == 0 || line.Words > MaxShortLineWords || !line.HasLetterOrDigit) return false;
        var t = line.Text;
        if (CreditBy().IsMatch(t)) return !LooksLikeSentence(line);
        if (CreditPrefix().Match(t) is { Success: true } m)
        {
            // "Photo: Reuters", "Foto: dpa", "Photograph: Jane Doe/The Guardian" — not "Photos: a week under water".
            var rest = new LineInfo(t[(m.Length - 1)..]);
            return !LooksLikeSentence(line) && (rest.CapitalisedRatio >= MinCreditCapitalised || HasAgencyOrCaps(rest));
        }
        if (CreditVia().IsMatch(t)) return true;
        if (Lexicon.Agencies.Contains(line.Key)) return true;
        if (t.Contains('/') && SlashCredit().IsMatch(t) && HasAgencyOrCaps(line)) return true;
        if (CopyrightStart().IsMatch(t) && line.Words <= 6 && HasAgencyOrCaps(line)) return true;
        // "Michael Conroy, AP", "Jane Doe / Reuters": a short name ending in an agency.
        if (line.Words <= 6 && line.Tokens.Length >= 2 && Lexicon.Agencies.Contains(line.Tokens[^1]) && !line.EndsTerminal)
        {
            int sep = t.LastIndexOfAny([',', '/', '|']);
            if (sep > 0 && new LineInfo(t[(sep + 1)..]).Key is var tail && Lexicon.Agencies.Contains(tail)) return true;
        }
        return false;
    }

    /// <summary>A caption announced as such: "Image caption ...", "Media caption ...", "Caption: ...".</summary>
    public static bool IsCaptionPrefixed(LineInfo line) => line.Words <= MaxCaptionPrefixedWords && CaptionPrefix().IsMatch(line.Text);

    /// <summary>Longest line taken as a captioned caption.</summary>
    private const int MaxCaptionPrefixedWords = 80;

    private static bool LooksLikeSentence(LineInfo line) => line.Words >= 8 && line.EndsTerminal && line.StopwordRatio > 0.25;

    private static bool HasAgencyOrCaps(LineInfo line)
    {
        foreach (var tok in line.Tokens)
            if (Lexicon.Agencies.Contains(tok)) return true;
        for (int i = 0; i + 1 < line.Tokens.Length; i++)
            if (Lexicon.Agencies.Contains(line.Tokens[i] + " " + line.Tokens[i + 1])) return true;
        // An all-capitals word of 2+ letters (agency acronyms: AFP, POOL, EPA-EFE).
        int run = 0;
        foreach (var c in line.Text)
        {
            if (char.IsUpper(c)) { if (++run >= 2) return true; }
            else if (char.IsLetter(c)) run = -100;
            else run = 0;
        }
        return false;
    }

    /// <summary>The credit text to record in metadata (the line without a leading "Photo:" label or brackets).</summary>
    public static string CreditValue(string line)
    {
        var t = line.Trim().Trim('(', ')', '[', ']').Trim();
        int colon = t.IndexOf(':');
        if (colon > 0 && colon < 25 && CreditPrefix().IsMatch(t)) t = t[(colon + 1)..].Trim();
        return t;
    }

    /// <summary>A byline ("By Jane Doe", "By Abraham, Reuters"); returns the name or null.</summary>
    public static string? Byline(LineInfo line)
    {
        if (line.Words < 2 || line.Words > MaxShortLineWords) return null;
        var m = BylineLine().Match(line.Text.Trim());
        if (!m.Success) return null;
        var name = m.Groups["name"].Value.Trim().TrimEnd(',', '&').Trim();
        if (name.EndsWith(" and", StringComparison.Ordinal)) name = name[..^4];
        // "By Monday", "By March": a date word is not a name.
        var first = name.Split(' ')[0].ToLowerInvariant();
        if (Lexicon.Months.Contains(first) || Lexicon.DateWords.Contains(first)) return null;
        return name.Length > 0 ? name : null;
    }

    /// <summary>A UI label: "Share", "Published on", "Updated 3 hours ago", "5 min read".</summary>
    public static bool IsLabel(LineInfo line)
    {
        if (line.Words == 0 || line.Words > MaxShortLineWords) return false;
        if (Lexicon.Labels.Contains(line.Key)) return true;
        if (line.Tokens.Length == 0) return false;
        if (!Lexicon.LabelOpeners.Contains(line.Tokens[0]) && !line.Key.EndsWith("min read", StringComparison.Ordinal)) return false;
        return RemainderAfterDateWords(line) <= 1;
    }

    /// <summary>A header line: a date (with a time, a weekday or a site name at most) and nothing else.</summary>
    public static bool IsDateLine(LineInfo line)
    {
        if (line.Words == 0 || line.Words > MaxShortLineWords || line.Tokens.Length == 0) return false;
        bool date = NumericDateOrTime().IsMatch(line.Text);
        if (!date)
        {
            bool month = false, number = false;
            foreach (var t in line.Tokens)
            {
                if (Lexicon.Months.Contains(t)) month = true;
                else if (t.Length <= 4 && char.IsAsciiDigit(t[0])) number = true;
            }
            date = month && number;
        }
        if (!date) return false;
        if (line.EndsTerminal && line.Words > 6) return false;
        return RemainderAfterDateWords(line) <= MaxLabelRemainderWords;
    }

    /// <summary>How many tokens are left once date, time, label and month words and numbers are taken away.</summary>
    private static int RemainderAfterDateWords(LineInfo line)
    {
        int rest = 0;
        foreach (var t in line.Tokens)
        {
            if (char.IsAsciiDigit(t[0]) && (t.Length <= 4 || IsOrdinal(t))) continue;
            if (Lexicon.Months.Contains(t) || Lexicon.DateWords.Contains(t) || Lexicon.LabelOpeners.Contains(t)) continue;
            if (t is "read" or "by" or "min") continue;
            rest++;
        }
        return rest;
    }

    private static bool IsOrdinal(string t) => t.Length <= 6 && (t.EndsWith("th", StringComparison.Ordinal) || t.EndsWith("st", StringComparison.Ordinal) || t.EndsWith("nd", StringComparison.Ordinal) || t.EndsWith("rd", StringComparison.Ordinal));

    /// <summary>A navigation entry from the lexicon ("Home", "Menu", "Latest news").</summary>
    public static bool IsNavigationWord(LineInfo line) => line.Words <= 4 && Lexicon.Navigation.Contains(line.Key);

    /// <summary>A heading that opens a related-stories block ("More like this", "Related", "Recommended").</summary>
    public static bool IsRelatedHeading(LineInfo line)
    {
        if (line.Words == 0 || line.Words > 7 || (line.EndsTerminal && line.LastChar != '…')) return false;
        if (Lexicon.RelatedHeadings.Contains(line.Key)) return true;
        // "More from Politics", "More in Business", "More on Ukraine".
        return line.Tokens.Length is >= 3 and <= 5 && line.Tokens[0] == "more" && line.Tokens[1] is "from" or "in" or "on" or "about";
    }

    /// <summary>"Read more: ...", "RELATED: ...", "See also - ...": a teaser introduced by a prefix.</summary>
    public static bool IsTeaserPrefix(LineInfo line) => line.Words <= MaxBoilerplateWords && TeaserPrefix().IsMatch(line.Text);

    /// <summary>Copyright lines.</summary>
    public static bool IsCopyright(LineInfo line) => line.Words <= MaxBoilerplateWords && CopyrightAnywhere().IsMatch(line.Text);

    /// <summary>Newsletter, subscription, social-media and site-policy prompts.</summary>
    public static bool IsPromo(LineInfo line) => line.Words <= MaxBoilerplateWords && PromoAnywhere().IsMatch(line.Text);
}
