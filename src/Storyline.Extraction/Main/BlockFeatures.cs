using System.Text.RegularExpressions;

namespace Storyline.Extraction.Main;

/// <summary>Language-light text features of a block: word counts, sentence shape, boilerplate phrases.</summary>
internal static partial class BlockFeatures
{
    /// <summary>Words in a text; CJK scripts (no spaces) count one word per two characters.</summary>
    public static int Words(string text)
    {
        int words = 0, cjk = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            if (c >= '\u2E80' && c <= '\u9FFF' || c >= '\uAC00' && c <= '\uD7AF') { cjk++; inWord = false; continue; }
            bool letter = char.IsLetterOrDigit(c);
            if (letter && !inWord) words++;
            inWord = letter;
        }
        return words + cjk / 2;
    }

    /// <summary>Ends like a sentence: final punctuation, possibly followed by a closing quote or bracket.</summary>
    public static bool EndsLikeSentence(string text)
    {
        for (int i = text.Length - 1; i >= 0; i--)
        {
            char c = text[i];
            if (c is '"' or '\'' or '”' or '’' or '»' or '«' or ')' or ']' or ' ') continue;
            return c is '.' or '!' or '?' or ':' or ';' or '。' or '！' or '？' or '…';
        }
        return false;
    }

    public static bool EndsWithEllipsis(string text)
    {
        var t = text.AsSpan().TrimEnd();
        return t.EndsWith("...", StringComparison.Ordinal) || t.EndsWith("…", StringComparison.Ordinal) || t.EndsWith("[…]", StringComparison.Ordinal);
    }

    public static int Commas(string text)
    {
        int n = 0;
        foreach (char c in text) if (c is ',' or '，' or '、') n++;
        return n;
    }

    /// <summary>Short blocks that are page furniture in any article: ad labels, share/follow prompts, read-more teasers.</summary>
    public static bool IsBoilerplatePhrase(string text) => text.Length <= MaxPhraseChars && BoilerplatePhrase().IsMatch(text);

    /// <summary>A short block about the site's use of cookies (a consent banner that carries no telling class).</summary>
    public static bool IsCookieNotice(string text) => text.Length <= MaxCookieNoticeChars && CookieNotice().IsMatch(text);

    /// <summary>Longest block the cookie-notice test looks at.</summary>
    public const int MaxCookieNoticeChars = 400;

    [GeneratedRegex(@"cookies?.{0,200}(website|site|browser|accept|consent|privacy|datenschutz|webseite|verwend|nutz|utilis|navigat|akzept|einverstanden)|(website|site|webseite|wir|we).{0,80}cookies?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex CookieNotice();

    /// <summary>Longest block the phrase test looks at.</summary>
    public const int MaxPhraseChars = 120;

    [GeneratedRegex(@"^\W*(advertisement|advertising|anzeige|werbung|publicit[ée]|reklama|publicidad|pubblicit[àa]|sponsored|share( this)?( article| story| post| on)?|teilen|partager|follow us|folgen sie|sign up|subscribe|abonnieren|newsletter|read more|read next|weiterlesen|mehr zum thema|lire aussi|lire la suite|see also|related( articles| stories| content)?|more from|you may also like|recommended|click here|hier klicken|all rights reserved|alle rechte vorbehalten|copyright|©|tags?:|schlagw[öo]rter|print|drucken|e-?mail|comments?\b|kommentare?\b|leave a (comment|reply)|back to top|nach oben|loading|skip to|(das|dies|das thema) (könnte|dürfte) (dich|sie|euch) (auch )?interessieren|ähnliche (beiträge|artikel|themen)|lesen sie auch|lies auch|weitere (beiträge|artikel)|verwandte (links|artikel|beiträge|themen)|neueste (artikel|beiträge)|noch mehr (infos|artikel|beiträge)|lust auf mehr|mehr zu(m|r)? \w+$|vous aimerez aussi|[àa] lire aussi|veja tamb[ée]m|leia tamb[ée]m|lee tambi[ée]n|(tambi[ée]n )?te puede interesar|leggi anche|potrebbe interessarti|(zobacz|czytaj) (te[żz]|tak[żz]e|r[óo]wnie[żz])|wie bewerten sie|bewerten sie diesen|(gef[äa]llt mir )?wird geladen|\(noch keine bewertungen\)|m[öo]chten sie (den|diesen) (artikel|beitrag) teilen|sie lesen gern)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BoilerplatePhrase();
}
