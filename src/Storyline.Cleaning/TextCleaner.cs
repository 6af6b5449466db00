namespace Storyline.Cleaning;

/// <summary>One logical line of the input and what cleaning decided: kept (<see cref="Reason"/> null) or removed.</summary>
public sealed record CleanedLine(string Text, string? Reason, float DebrisProbability);

/// <summary>The outcome of cleaning one text.</summary>
public sealed record CleaningResult(
    string Text, IReadOnlyList<CleanedLine> Lines, string? Title, string? Byline, IReadOnlyList<string> Credits);

/// <summary>Options of <see cref="TextCleaner"/> and <see cref="TextCleaningStage"/>.</summary>
public sealed record TextCleaningOptions
{
    /// <summary>The line classifier; null uses the committed model (models/cleaning-lines.json, loaded once).</summary>
    public LineModel? Model { get; init; }
    /// <summary>Off: only the explicit detectors and context rules run (no learned decisions).</summary>
    public bool UseClassifier { get; init; } = true;
    /// <summary>Inputs with more logical lines than this skip the quadratic near-duplicate search.</summary>
    public int MaxLinesForNearDuplicates { get; init; } = 400;
}

/// <summary>
/// Cleans a plain-text scrape: explicit detectors for the debris classes with a fixed shape (file names, toggles,
/// credits, labels, bylines, related headings, boilerplate), context rules (captions, related blocks, duplicates,
/// the headline), and the learned line classifier for the rest (navigation, teasers, footers). Recall first: a line
/// that reads as a sentence of the body is only removed by an explicit rule, never by the classifier alone.
/// </summary>
public sealed class TextCleaner(TextCleaningOptions? options = null)
{
    /// <summary>A headline has at least this many words (shorter first lines are section labels) ...</summary>
    private const int MinTitleWords = 3;
    /// <summary>... and at most this many.</summary>
    private const int MaxTitleWords = 30;
    /// <summary>The headline is looked for among this many first lines.</summary>
    private const int TitleSearchLines = 12;
    /// <summary>Bylines are looked for before and after the body, and inside it among this many first lines.</summary>
    private const int BylineSearchLines = 5;
    /// <summary>A caption is this close (in lines) to an image file name, credit or toggle.</summary>
    private const int CaptionDistance = 2;
    /// <summary>Captions have at least this many words (shorter repeated lines are menu entries) ...</summary>
    private const int MinCaptionWords = 4;
    /// <summary>... and at most this many.</summary>
    private const int MaxCaptionWords = 60;
    /// <summary>Near duplicates need this many tokens (short lines repeat legitimately) ...</summary>
    private const int NearDuplicateMinTokens = 8;
    /// <summary>... and this Jaccard similarity of their token sets.</summary>
    private const double NearDuplicateJaccard = 0.85;
    /// <summary>Inside the body a line with final punctuation and this many words is a sentence: the classifier cannot remove it.</summary>
    private const int ProtectedWordsInside = 3;
    /// <summary>Outside the body (before the first or after the last long paragraph) a sentence needs this many words to be protected.</summary>
    private const int ProtectedWordsOutside = 10;
    /// <summary>A line with final punctuation and this many words starts (or ends) the body.</summary>
    private const int FullSentenceWords = 8;
    /// <summary>A line of the body with final punctuation and this many words is real text that ends a related block.</summary>
    private const int RelatedBlockStopWords = 8;
    /// <summary>Classifier decisions before the body on lines up to this many words are "navigation", longer ones "header".</summary>
    private const int NavigationMaxWords = 5;
    /// <summary>Boilerplate patterns do not remove a sentence of the body unless the classifier agrees at this probability.</summary>
    private const float BoilerplateAgreement = 0.5f;

    /// <summary>Below this P(debris) a longer line reads as body text to the classifier.</summary>
    private const float BodyLike = 0.5f;

    private readonly TextCleaningOptions _options = options ?? new TextCleaningOptions();

    private LineModel? Model => _options.UseClassifier ? _options.Model ?? LineClassifier.Default : null;

    private enum Region { Before, Inside, After }

    /// <summary>Cleans <paramref name="raw"/>; <paramref name="knownTitle"/> (from a feed or JSONL) is removed where it repeats as a line.</summary>
    public CleaningResult Clean(string raw, string? knownTitle = null) => Clean(LineAssembler.Split(raw), knownTitle);

    /// <summary>Cleans text already split into logical lines (one paragraph or debris item per line, none empty).</summary>
    public CleaningResult Clean(IReadOnlyList<string> lines, string? knownTitle = null)
    {
        var ctx = new LineContext(lines);
        var model = Model;
        return Clean(ctx, model?.Score(ctx), model?.Threshold ?? LineModel.Never, model?.InsideThreshold ?? LineModel.Never, knownTitle);
    }

    /// <summary>Cleans with classifier scores computed beforehand (threshold tuning scores each page once).</summary>
    /// <param name="threshold">P(debris) from which the classifier removes a line outside the body.</param>
    /// <param name="insideThreshold">P(debris) from which the classifier removes a line inside the body.</param>
    public CleaningResult Clean(LineContext ctx, float[]? scores, float threshold, float insideThreshold, string? knownTitle)
    {
        int n = ctx.Lines.Length;
        bool classify = scores is not null;
        float[] p = scores ?? new float[n];
        var reasons = new string?[n];
        var credits = new List<string>();
        string? byline = null;

        // The body runs from the first to the last long paragraph or full sentence; no such line: everything is body.
        int bodyStart = -1, bodyEnd = -1;
        for (int i = 0; i < n; i++)
            if (ctx.IsLong(i) || (ctx.Flags[i] == DetectorFlags.None && IsFullSentence(ctx.Lines[i])))
            {
                if (bodyStart < 0) bodyStart = i;
                bodyEnd = i;
            }
        // Short sentences next to the body belong to it ("It could take months." as the last line).
        if (bodyStart >= 0)
        {
            while (bodyStart > 0 && ctx.Flags[bodyStart - 1] == DetectorFlags.None && IsShortSentence(ctx.Lines[bodyStart - 1])) bodyStart--;
            while (bodyEnd < n - 1 && ctx.Flags[bodyEnd + 1] == DetectorFlags.None && IsShortSentence(ctx.Lines[bodyEnd + 1])) bodyEnd++;
        }
        Region RegionOf(int i) => bodyStart < 0 ? Region.Inside : i < bodyStart ? Region.Before : i > bodyEnd ? Region.After : Region.Inside;
        bool SentenceLike(int i) => ctx.Lines[i].EndsTerminal && ctx.Lines[i].Words >= ProtectedWordsInside && ctx.Lines[i].StopwordRatio > 0;

        // 1. Explicit one-line detectors.
        for (int i = 0; i < n; i++)
        {
            var li = ctx.Lines[i];
            var f = ctx.Flags[i];
            var region = RegionOf(i);
            bool outside = region != Region.Inside;
            if (!li.HasLetterOrDigit) reasons[i] = RemovalReasons.Label;
            else if ((f & DetectorFlags.Toggle) != 0) reasons[i] = RemovalReasons.CaptionToggle;
            else if ((f & DetectorFlags.ImageFile) != 0) reasons[i] = RemovalReasons.ImageFilename;
            else if ((f & DetectorFlags.CaptionPrefix) != 0) reasons[i] = RemovalReasons.Caption;
            else if ((f & DetectorFlags.Credit) != 0)
            {
                reasons[i] = RemovalReasons.Credit;
                var c = Detectors.CreditValue(li.Text);
                if (!credits.Contains(c, StringComparer.Ordinal)) credits.Add(c);
            }
            else if ((f & DetectorFlags.Byline) != 0 && (outside || i < BylineSearchLines))
            {
                reasons[i] = RemovalReasons.Byline;
                byline ??= Detectors.Byline(li);
            }
            else if ((f & DetectorFlags.Label) != 0) reasons[i] = RemovalReasons.Label;
            // Inside the body a date line is usually part of the text (an embedded post's attribution, a dateline).
            else if ((f & DetectorFlags.DateLine) != 0 && outside) reasons[i] = RemovalReasons.Header;
            else if ((f & DetectorFlags.RelatedHeading) != 0) reasons[i] = RemovalReasons.RelatedBlock;
            else if ((f & DetectorFlags.Navigation) != 0 && outside) reasons[i] = RemovalReasons.Navigation;
            else if ((f & DetectorFlags.TeaserPrefix) != 0) reasons[i] = RemovalReasons.LinkTeaser;
            else if ((f & (DetectorFlags.Copyright | DetectorFlags.Promo)) != 0 && (outside || !SentenceLike(i) || p[i] >= BoilerplateAgreement))
                reasons[i] = RemovalReasons.Footer;
        }

        // 2. The headline, and its repeats (with or without a " - Site" suffix).
        string? title = knownTitle;
        int titleLine = FindTitle(ctx, reasons, knownTitle);
        if (titleLine >= 0)
        {
            reasons[titleLine] = RemovalReasons.Title;
            title ??= ctx.Lines[titleLine].Text;
            var tk = ctx.Lines[titleLine].Key;
            for (int i = 0; i < n; i++)
            {
                var k = ctx.Lines[i].Key;
                if (reasons[i] is null && ctx.Lines[i].Words >= MinTitleWords && (k == tk || tk.StartsWith(k + " ", StringComparison.Ordinal) || k.StartsWith(tk + " ", StringComparison.Ordinal)))
                    reasons[i] = RemovalReasons.Title;
            }
        }

        // 3. Captions: a repeated line next to an image marker, or a line framed by markers.
        var group = DuplicateGroups(ctx);
        MarkCaptions(ctx, group, reasons);
        // A single caption: right after an image file name or right before a credit, if the classifier does not read it as body.
        for (int i = 0; i < n; i++)
        {
            if (reasons[i] is not null || ctx.Lines[i].Words is < MinCaptionWords or > MaxCaptionWords || p[i] < BodyLike || !classify) continue;
            bool afterImage = i > 0 && (ctx.Flags[i - 1] & DetectorFlags.ImageFile) != 0;
            bool beforeCredit = i + 1 < n && (ctx.Flags[i + 1] & DetectorFlags.Credit) != 0;
            if (afterImage || beforeCredit) reasons[i] = RemovalReasons.Caption;
        }

        // 4. Exact and near repeats: a later copy follows the first one's fate.
        MarkDuplicates(group, reasons);

        // 5. Related blocks: the teasers after a "More like this" heading, up to the next real paragraph.
        for (int h = 0; h < n; h++)
        {
            if ((ctx.Flags[h] & DetectorFlags.RelatedHeading) == 0 || reasons[h] != RemovalReasons.RelatedBlock) continue;
            int j = h + 1;
            for (; j < n; j++)
            {
                if (reasons[j] is not null) continue;
                var lj = ctx.Lines[j];
                // Real text ends the block: a sentence the classifier keeps, or any longer line it finds body-like.
                if (lj.Words >= RelatedBlockStopWords && ((lj.EndsTerminal && p[j] < threshold) || p[j] < BodyLike)) break;
                reasons[j] = RemovalReasons.RelatedBlock;
            }
            h = j - 1; // a heading inside the block was handled with it: linear in the number of lines
        }

        // 6. The classifier, for what no rule decided; sentences are protected.
        if (classify)
        {
            for (int i = 0; i < n; i++)
            {
                var region = RegionOf(i);
                if (reasons[i] is not null || p[i] < (region == Region.Inside ? insideThreshold : threshold)) continue;
                var li = ctx.Lines[i];
                int protect = region == Region.Inside ? ProtectedWordsInside : ProtectedWordsOutside;
                bool sentence = li.EndsTerminal && li.Words >= protect && li.StopwordRatio > 0;
                if (sentence || (region == Region.Inside && li.Words >= LineContext.LongLineWords)) continue;
                reasons[i] = region switch
                {
                    Region.Before => li.Words <= NavigationMaxWords ? RemovalReasons.Navigation : RemovalReasons.Header,
                    Region.After => RemovalReasons.Footer,
                    _ => RemovalReasons.LinkTeaser,
                };
            }
        }

        var result = new CleanedLine[n];
        var kept = new List<string>(n);
        for (int i = 0; i < n; i++)
        {
            result[i] = new CleanedLine(ctx.Lines[i].Text, reasons[i], p[i]);
            if (reasons[i] is null) kept.Add(ctx.Lines[i].Text);
        }
        return new CleaningResult(string.Join("\n\n", kept), result, title, byline, credits);
    }

    /// <summary>A line with final punctuation, enough words and function words: a sentence of running text.</summary>
    private static bool IsFullSentence(LineInfo li) => li.EndsTerminal && li.Words >= FullSentenceWords && li.StopwordRatio > 0;

    private static bool IsShortSentence(LineInfo li) => li.EndsTerminal && li.Words >= ProtectedWordsInside && li.StopwordRatio > 0;

    private const DetectorFlags ImageMarkers = DetectorFlags.ImageFile | DetectorFlags.Credit | DetectorFlags.Toggle;

    private static void MarkCaptions(LineContext ctx, int[] group, string?[] reasons)
    {
        int n = ctx.Lines.Length;
        bool Marker(int i) => i >= 0 && i < n && (ctx.Flags[i] & ImageMarkers) != 0;
        bool NearMarker(int i)
        {
            for (int d = 1; d <= CaptionDistance; d++)
                if (Marker(i - d) || Marker(i + d)) return true;
            return false;
        }

        var members = new Dictionary<int, List<int>>();
        for (int i = 0; i < n; i++)
        {
            if (reasons[i] is not null || ctx.Lines[i].Words is < MinCaptionWords or > MaxCaptionWords) continue;
            if (!members.TryGetValue(group[i], out var list)) members[group[i]] = list = [];
            list.Add(i);
        }
        foreach (var list in members.Values)
        {
            if (list.Count > 1)
            {
                // A line repeated, every copy beside an image marker: the caption. (A lede repeated once as a
                // picture's caption and once in the body is a duplicate instead: its first copy stays.)
                if (list.All(NearMarker)) foreach (var i in list) reasons[i] = RemovalReasons.Caption;
                continue;
            }
            int k = list[0];
            // Framed: a marker right before (or two before, past another removed line) and one right after.
            if ((Marker(k - 1) || (Marker(k - 2) && reasons[k - 1] is not null)) && Marker(k + 1))
                reasons[k] = RemovalReasons.Caption;
        }
    }

    private static int FindTitle(LineContext ctx, string?[] reasons, string? knownTitle)
    {
        int n = ctx.Lines.Length;
        if (knownTitle is not null)
        {
            var key = new LineInfo(knownTitle).Key;
            for (int i = 0; i < Math.Min(n, TitleSearchLines); i++)
                if (reasons[i] is null && ctx.Lines[i].Key == key) return i;
            return -1;
        }
        int limit = Math.Min(n, TitleSearchLines);
        if (ctx.FirstLong >= 0) limit = Math.Min(limit, ctx.FirstLong);
        for (int i = 0; i < limit; i++)
        {
            if (reasons[i] is not null) continue;
            var li = ctx.Lines[i];
            if (li.Words < MinTitleWords) continue;
            // The text starts with a sentence: there is no headline line.
            if (li.Words > MaxTitleWords || (li.LastChar == '.' && li.EndsTerminal)) return -1;
            if (li.LastChar is ':' or ',' or ';' || !(char.IsUpper(li.FirstChar) || char.IsDigit(li.FirstChar) || !char.IsLetter(li.FirstChar))) return -1;
            // A headline needs something after it.
            return i + 1 < n ? i : -1;
        }
        return -1;
    }

    /// <summary>For every line, the index of the first line it repeats exactly or nearly (itself when none).</summary>
    private int[] DuplicateGroups(LineContext ctx)
    {
        int n = ctx.Lines.Length;
        var group = new int[n];
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            var key = ctx.Lines[i].Key;
            group[i] = i;
            if (key.Length == 0) continue;
            if (first.TryGetValue(key, out int j)) group[i] = j; else first[key] = i;
        }
        if (n > _options.MaxLinesForNearDuplicates) return group;

        var sets = new HashSet<string>?[n];
        for (int i = 0; i < n; i++)
            if (group[i] == i && ctx.Lines[i].Tokens.Length >= NearDuplicateMinTokens)
                sets[i] = new HashSet<string>(ctx.Lines[i].Tokens, StringComparer.Ordinal);
        for (int k = 0; k < n; k++)
        {
            if (sets[k] is null) continue;
            for (int i = 0; i < k; i++)
            {
                if (sets[i] is null || group[i] != i) continue;
                int a = sets[i]!.Count, b = sets[k]!.Count;
                if (Math.Min(a, b) < NearDuplicateJaccard * Math.Max(a, b)) continue;
                int inter = 0;
                foreach (var t in sets[k]!) if (sets[i]!.Contains(t)) inter++;
                if (inter >= NearDuplicateJaccard * (a + b - inter))
                {
                    for (int m = k; m < n; m++) if (group[m] == k) group[m] = i;
                    break;
                }
            }
        }
        return group;
    }

    /// <summary>A later copy of a line follows the fate of the first one; a copy of a kept line is a duplicate.</summary>
    private static void MarkDuplicates(int[] group, string?[] reasons)
    {
        for (int i = 0; i < group.Length; i++)
            if (group[i] != i && reasons[i] is null) reasons[i] = reasons[group[i]] ?? RemovalReasons.Duplicate;
    }
}
