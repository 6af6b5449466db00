using System.Globalization;

namespace Storyline.Cleaning;

/// <summary>Receives the features of one line: binary names, optionally with a value.</summary>
public interface IFeatureSink
{
    void Add(string name, float value = 1f);
    void Add(ReadOnlySpan<char> name);
}

/// <summary>Flags of the explicit detectors, computed once per line and also given to the classifier as features.</summary>
[Flags]
public enum DetectorFlags
{
    None = 0,
    Toggle = 1, ImageFile = 2, Credit = 4, Label = 8, DateLine = 16, Navigation = 32,
    RelatedHeading = 64, TeaserPrefix = 128, Copyright = 256, Promo = 512, Byline = 1024, CaptionPrefix = 2048,
}

/// <summary>
/// Document-level context for line features: the lines, where the long body lines are, how often
/// each line repeats and what the detectors said.
/// </summary>
public sealed class LineContext
{
    /// <summary>A line with at least this many words counts as a long (body-like) line.</summary>
    public const int LongLineWords = 20;
    /// <summary>A short line (menu entry, teaser) has at most this many words.</summary>
    public const int ShortLineWords = 6;

    public LineInfo[] Lines { get; }
    public DetectorFlags[] Flags { get; }
    public int[] Repeats { get; }
    public int FirstLong { get; }
    public int LastLong { get; }
    private readonly int[] _prevLong, _nextLong, _shortRun, _runIntro;

    public LineContext(IReadOnlyList<string> lines)
    {
        int n = lines.Count;
        Lines = new LineInfo[n];
        Flags = new DetectorFlags[n];
        Repeats = new int[n];
        var counts = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            var li = Lines[i] = new LineInfo(lines[i]);
            Flags[i] = Detect(li);
            if (li.Key.Length > 0) counts[li.Key] = counts.GetValueOrDefault(li.Key) + 1;
        }
        for (int i = 0; i < n; i++) Repeats[i] = Lines[i].Key.Length > 0 ? counts[Lines[i].Key] : 1;

        _prevLong = new int[n]; _nextLong = new int[n]; _shortRun = new int[n]; _runIntro = new int[n];
        FirstLong = -1; LastLong = -1;
        int last = -1;
        for (int i = 0; i < n; i++)
        {
            if (IsLong(i)) { last = i; if (FirstLong < 0) FirstLong = i; LastLong = i; }
            _prevLong[i] = last;
        }
        last = -1;
        for (int i = n - 1; i >= 0; i--) { if (IsLong(i)) last = i; _nextLong[i] = last; }
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && IsShort(j)) j++;
            for (int k = i; k < j; k++) { _shortRun[k] = j - i; _runIntro[k] = i - 1; }
            if (j == i) _runIntro[i] = i - 1;
            i = Math.Max(j, i + 1);
        }
    }

    private HashSet<string>? _bodyVocabulary;

    /// <summary>Content words (not function words, 3+ letters) of the long lines: the article's vocabulary.</summary>
    public HashSet<string> BodyVocabulary => _bodyVocabulary ??= BuildVocabulary();

    private HashSet<string> BuildVocabulary()
    {
        var v = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Lines.Length; i++)
            if (IsLong(i))
                foreach (var t in Lines[i].Tokens)
                    if (t.Length >= 3 && !Lexicon.Stopwords.Contains(t)) v.Add(t);
        return v;
    }

    public bool IsLong(int i) => Lines[i].Words >= LongLineWords && Flags[i] == DetectorFlags.None;
    public bool IsShort(int i) => Lines[i].Words <= ShortLineWords && !Lines[i].EndsTerminal;
    public int PrevLong(int i) => _prevLong[i];
    public int NextLong(int i) => _nextLong[i];
    public int ShortRun(int i) => _shortRun[i];

    /// <summary>The line before the run of short lines that holds line i (-1 at the start).</summary>
    public int RunIntro(int i) => _runIntro[i];

    internal static DetectorFlags Detect(LineInfo li)
    {
        var f = DetectorFlags.None;
        if (Detectors.IsCaptionToggle(li)) f |= DetectorFlags.Toggle;
        if (Detectors.IsImageFilename(li)) f |= DetectorFlags.ImageFile;
        if (Detectors.IsCaptionPrefixed(li)) f |= DetectorFlags.CaptionPrefix;
        if (li.Words <= 12)
        {
            if (Detectors.IsCredit(li)) f |= DetectorFlags.Credit;
            if (Detectors.IsLabel(li)) f |= DetectorFlags.Label;
            if (Detectors.IsDateLine(li)) f |= DetectorFlags.DateLine;
            if (Detectors.IsNavigationWord(li)) f |= DetectorFlags.Navigation;
            if (Detectors.IsRelatedHeading(li)) f |= DetectorFlags.RelatedHeading;
            if (Detectors.Byline(li) is not null) f |= DetectorFlags.Byline;
        }
        if (li.Words <= 30)
        {
            if (Detectors.IsTeaserPrefix(li)) f |= DetectorFlags.TeaserPrefix;
            if (Detectors.IsCopyright(li)) f |= DetectorFlags.Copyright;
            if (Detectors.IsPromo(li)) f |= DetectorFlags.Promo;
        }
        return f;
    }
}

/// <summary>
/// The line classifier's features. One code path for training and inference (through
/// <see cref="IFeatureSink"/>), so the model never sees features it was not trained on.
/// </summary>
public static class LineFeatures
{
    /// <summary>Token n-grams are only taken from lines up to this many words (menus, teasers, labels).</summary>
    private const int NgramMaxWords = 12;
    /// <summary>The whole line is a feature when it has at most this many words.</summary>
    private const int WholeLineMaxWords = 5;
    /// <summary>Longest token kept in a token feature.</summary>
    private const int MaxTokenChars = 24;
    /// <summary>Two long lines within this many lines on both sides put a line "between" body paragraphs.</summary>
    private const int BetweenDistance = 3;

    private static readonly int[] WordBinEdges = [1, 2, 3, 5, 8, 12, 20, 35];
    private static readonly string[] WordBins = Names("w", WordBinEdges.Length + 1);
    private static readonly string[] Ends = ["end:term", "end:colon", "end:comma", "end:digit", "end:letter", "end:other"];
    private static readonly string[,] WordEnd = Cross("we", WordBinEdges.Length + 1, Ends.Length);
    private static readonly string[] Regions = ["reg:before", "reg:inside", "reg:after", "reg:nobody"];
    private static readonly string[,,] RegionWordEnd = Cross3("rwe", Regions.Length, WordBinEdges.Length + 1, Ends.Length);
    private static readonly string[] CapBins = Names("cap", 5);
    private static readonly string[] StopBins = Names("stop", 5);
    private static readonly string[] DigitBins = Names("dig", 4);
    private static readonly string[] WordLenBins = Names("wlen", 5);
    private static readonly string[] Starts = ["start:lower", "start:upper", "start:digit", "start:quote", "start:bullet", "start:other"];
    private static readonly string[] PosBins = Names("pos", 10);
    private static readonly string[] IdxBins = Names("idx", 6);
    private static readonly string[] RidxBins = Names("ridx", 6);
    private static readonly string[] DistBins = Names("dlong", 7);
    private static readonly string[] DistPrevBins = Names("dprev", 7);
    private static readonly string[] DistNextBins = Names("dnext", 7);
    private static readonly string[] RepBins = Names("rep", 4);
    private static readonly string[,] RepWord = Cross("repw", 4, WordBinEdges.Length + 1);
    private static readonly string[] RunBins = Names("run", 6);
    private static readonly string[] OverlapBins = Names("overlap", 4);
    /// <summary>Vocabulary overlap with the body is a feature of lines up to this many words.</summary>
    private const int OverlapMaxWords = 20;
    private static readonly string[] SepBins = Names("sep", 4);
    private static readonly string[] DetNames = Enum.GetValues<DetectorFlags>().Where(f => f != DetectorFlags.None)
        .Select(f => "det:" + f.ToString()).ToArray();
    private static readonly DetectorFlags[] DetValues = Enum.GetValues<DetectorFlags>().Where(f => f != DetectorFlags.None).ToArray();
    private static readonly int[] ContextOffsets = [-2, -1, 1, 2];
    private static readonly string[][] CtxWord = ContextOffsets.Select(o => Names($"c{o}w", WordBinEdges.Length + 1)).ToArray();
    private static readonly string[][] CtxEnd = ContextOffsets.Select(o => Ends.Select(e => $"c{o}{e}").ToArray()).ToArray();
    private static readonly string[] CtxNone = ContextOffsets.Select(o => $"c{o}none").ToArray();
    private static readonly string[] CtxDet = ContextOffsets.Select(o => $"c{o}det").ToArray();
    private static readonly string[] CtxShortRun = ContextOffsets.Select(o => $"c{o}short").ToArray();

    public const string Bias = "bias";

    /// <summary>Adds every feature of line <paramref name="i"/> to <paramref name="sink"/>.</summary>
    public static void Extract(LineContext ctx, int i, IFeatureSink sink)
    {
        var li = ctx.Lines[i];
        int n = ctx.Lines.Length;
        sink.Add(Bias);
        int wb = Bin(li.Words, WordBinEdges);
        int end = EndClass(li);
        sink.Add(WordBins[wb]);
        sink.Add(Ends[end]);
        sink.Add(WordEnd[wb, end]);

        int region = ctx.FirstLong < 0 ? 3 : i < ctx.FirstLong ? 0 : i > ctx.LastLong ? 2 : 1;
        sink.Add(Regions[region]);
        sink.Add(RegionWordEnd[region, wb, end]);

        if (li.Words >= 2) sink.Add(CapBins[Math.Min(4, (int)(li.CapitalisedRatio * 4.999))]);
        if (li.Letters >= 3 && li.Uppers == li.Letters) sink.Add("allcaps");
        if (li.Tokens.Length > 0) sink.Add(StopBins[Math.Min(4, (int)(li.StopwordRatio * 4.999))]);
        int chars = li.Letters + li.Digits;
        if (chars > 0)
        {
            double d = (double)li.Digits / chars;
            sink.Add(DigitBins[d == 0 ? 0 : d < 0.1 ? 1 : d < 0.4 ? 2 : 3]);
            double wl = (double)li.Text.Length / Math.Max(1, li.Words);
            sink.Add(WordLenBins[wl < 4 ? 0 : wl < 6 ? 1 : wl < 8 ? 2 : wl < 12 ? 3 : 4]);
        }
        else sink.Add("nochars");
        sink.Add(Starts[StartClass(li)]);
        AddPatterns(li, sink);

        sink.Add(PosBins[Math.Min(9, n <= 1 ? 0 : i * 10 / n)]);
        sink.Add(IdxBins[Bin(i, [0, 1, 2, 5, 10])]);
        sink.Add(RidxBins[Bin(n - 1 - i, [0, 1, 2, 5, 10])]);

        int prev = ctx.PrevLong(i == 0 ? 0 : i - 1), next = ctx.NextLong(Math.Min(n - 1, i + 1));
        if (i == 0) prev = -1;
        if (i == n - 1) next = -1;
        int dp = prev < 0 ? int.MaxValue : i - prev, dn = next < 0 ? int.MaxValue : next - i;
        int[] distEdges = [1, 2, 3, 5, 8, 15];
        sink.Add(DistBins[Bin(Math.Min(dp, dn), distEdges)]);
        sink.Add(DistPrevBins[Bin(dp, distEdges)]);
        sink.Add(DistNextBins[Bin(dn, distEdges)]);
        if (dp <= BetweenDistance && dn <= BetweenDistance) sink.Add("between");

        int rep = Math.Min(3, ctx.Repeats[i] - 1);
        sink.Add(RepBins[rep]);
        sink.Add(RepWord[rep, wb]);
        sink.Add(RunBins[Bin(ctx.ShortRun(i), [0, 1, 2, 4, 8])]);
        // A run of short lines introduced by "...:" is a list of the article, not a menu.
        if (ctx.ShortRun(i) > 0 && ctx.RunIntro(i) is int intro && intro >= 0)
        {
            var li0 = ctx.Lines[intro];
            sink.Add(li0.LastChar == ':' ? "runintro:colon" : li0.Words >= LineContext.LongLineWords ? "runintro:long" : "runintro:other");
        }

        // Does a short line speak of the article's subject? Teasers to other stories share fewer words with it.
        if (li.Words <= OverlapMaxWords && !ctx.IsLong(i))
        {
            int content = 0, shared = 0;
            foreach (var t in li.Tokens)
            {
                if (t.Length < 3 || Lexicon.Stopwords.Contains(t)) continue;
                content++;
                if (ctx.BodyVocabulary.Contains(t)) shared++;
            }
            if (content >= 2) sink.Add(OverlapBins[shared == 0 ? 0 : shared * 3 < content ? 1 : shared * 3 < 2 * content ? 2 : 3]);
            // A subheading introduces what follows; a teaser to another story does not.
            if (content >= 1)
            {
                sink.Add(SharesWith(li, ctx, i + 1, i + NeighbourSpan) ? "next:shares" : "next:none");
                sink.Add(SharesWith(li, ctx, i - NeighbourSpan, i - 1) ? "prev:shares" : "prev:none");
            }
        }

        var flags = ctx.Flags[i];
        if (flags != DetectorFlags.None)
            for (int k = 0; k < DetValues.Length; k++)
                if ((flags & DetValues[k]) != 0) sink.Add(DetNames[k]);

        for (int k = 0; k < ContextOffsets.Length; k++)
        {
            int j = i + ContextOffsets[k];
            if (j < 0 || j >= n) { sink.Add(CtxNone[k]); continue; }
            var lj = ctx.Lines[j];
            sink.Add(CtxWord[k][Bin(lj.Words, WordBinEdges)]);
            sink.Add(CtxEnd[k][EndClass(lj)]);
            if (ctx.Flags[j] != DetectorFlags.None) sink.Add(CtxDet[k]);
            if (ctx.ShortRun(j) >= 3) sink.Add(CtxShortRun[k]);
        }

        AddTokens(li, sink);
    }

    /// <summary>Lines on each side whose words are compared with a short line's.</summary>
    private const int NeighbourSpan = 2;

    /// <summary>Whether a content word (3+ letters, not a function word) of <paramref name="li"/> occurs in lines from..to.</summary>
    private static bool SharesWith(LineInfo li, LineContext ctx, int from, int to)
    {
        from = Math.Max(0, from);
        to = Math.Min(ctx.Lines.Length - 1, to);
        for (int j = from; j <= to; j++)
            foreach (var t in li.Tokens)
                if (t.Length >= 3 && !Lexicon.Stopwords.Contains(t) && Array.IndexOf(ctx.Lines[j].Tokens, t) >= 0) return true;
        return false;
    }

    private static void AddPatterns(LineInfo li, IFeatureSink sink)
    {
        var t = li.Text;
        if (t.Contains("http", StringComparison.OrdinalIgnoreCase) || t.Contains("www.", StringComparison.OrdinalIgnoreCase)) sink.Add("url");
        if (t.Contains('@')) sink.Add(t.Contains('.') && t.IndexOf('@') > 0 && char.IsLetterOrDigit(t[t.IndexOf('@') - 1]) ? "email" : "handle");
        if (t.Contains('#')) sink.Add("hash");
        if (t.Contains('/')) sink.Add("slash");
        if (t.Contains('|') || t.Contains('•') || t.Contains('·') || t.Contains('»') || t.Contains('›') || t.Contains('>'))
        {
            int seps = 0;
            foreach (var c in t) if (c is '|' or '•' or '·' or '»' or '›' or '>') seps++;
            sink.Add(SepBins[Math.Min(3, seps)]);
        }
        if (t.Contains('"') || t.Contains('“') || t.Contains('”') || t.Contains('«') || t.Contains('„')) sink.Add("quote");
        if (t.EndsWith("...", StringComparison.Ordinal) || t.EndsWith('…')) sink.Add("ellipsis");
        if (li.FirstChar == '(' && li.LastChar == ')') sink.Add("parens");
    }

    private static void AddTokens(LineInfo li, IFeatureSink sink)
    {
        var toks = li.Tokens;
        if (toks.Length == 0) return;
        Span<char> buf = stackalloc char[2 * MaxTokenChars + 16];
        Emit(sink, buf, "f:", toks[0], null);
        Emit(sink, buf, "l:", toks[^1], null);
        if (toks.Length >= 2) Emit(sink, buf, "f2:", toks[0], toks[1]);
        if (li.Words > NgramMaxWords) return;
        for (int k = 0; k < toks.Length; k++)
        {
            Emit(sink, buf, "u:", toks[k], null);
            if (k + 1 < toks.Length) Emit(sink, buf, "b:", toks[k], toks[k + 1]);
        }
        if (li.Words <= WholeLineMaxWords && li.Key.Length <= 2 * MaxTokenChars) Emit(sink, buf, "all:", li.Key, null);
    }

    private static void Emit(IFeatureSink sink, Span<char> buf, string prefix, string a, string? b)
    {
        int len = 0;
        prefix.AsSpan().CopyTo(buf); len += prefix.Length;
        len += CopyToken(a, buf[len..]);
        if (b is not null) { buf[len++] = ' '; len += CopyToken(b, buf[len..]); }
        sink.Add(buf[..len]);
    }

    // Digits fold to '0' so numbers, dates and ids share features.
    private static int CopyToken(string tok, Span<char> dst)
    {
        int n = Math.Min(tok.Length, MaxTokenChars);
        for (int i = 0; i < n; i++) dst[i] = char.IsAsciiDigit(tok[i]) ? '0' : tok[i];
        return n;
    }

    private static int EndClass(LineInfo li)
    {
        if (li.EndsTerminal) return 0;
        char c = li.LastChar;
        if (c == ':') return 1;
        if (c is ',' or ';') return 2;
        if (char.IsDigit(c)) return 3;
        if (char.IsLetter(c)) return 4;
        return 5;
    }

    private static int StartClass(LineInfo li)
    {
        char c = li.FirstChar;
        if (char.IsLower(c)) return 0;
        if (char.IsUpper(c)) return 1;
        if (char.IsDigit(c)) return 2;
        if (c is '"' or '“' or '„' or '«' or '\'' or '‘') return 3;
        if (c is '•' or '-' or '*' or '–' or '—' or '·' or '»' or '>' or '|') return 4;
        return 5;
    }

    private static int Bin(int v, int[] edges)
    {
        for (int k = 0; k < edges.Length; k++) if (v <= edges[k]) return k;
        return edges.Length;
    }

    private static string[] Names(string p, int n) => Enumerable.Range(0, n).Select(k => p + k.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static string[,] Cross(string p, int a, int b)
    {
        var r = new string[a, b];
        for (int i = 0; i < a; i++) for (int j = 0; j < b; j++) r[i, j] = string.Create(CultureInfo.InvariantCulture, $"{p}{i}_{j}");
        return r;
    }

    private static string[,,] Cross3(string p, int a, int b, int c)
    {
        var r = new string[a, b, c];
        for (int i = 0; i < a; i++) for (int j = 0; j < b; j++) for (int k = 0; k < c; k++)
            r[i, j, k] = string.Create(CultureInfo.InvariantCulture, $"{p}{i}_{j}_{k}");
        return r;
    }
}
