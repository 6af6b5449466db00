using System.Runtime.CompilerServices;
using Storyline.Ner.Conll;
using Storyline.Ner.Resources;

namespace Storyline.Ner.Features;

/// <summary>Which feature families a tagging pass uses (stored with each pass of the model).</summary>
[Flags]
public enum FeatureSet
{
    None = 0,
    Clusters = 1,
    Gazetteers = 2,
    MinedGazetteers = 4,
    CaseStats = 8,
    DocumentCase = 16,
    /// <summary>Labels given earlier in the document to the same word (Ratinov &amp; Roth's extended prediction history).</summary>
    PredictionHistory = 32,
    /// <summary>First-pass labels of every occurrence of the word in the document (second pass only).</summary>
    FirstPassAggregates = 64,
    /// <summary>Runs of capitalised words (first and last word of the run, position in it) and table-like sentences.</summary>
    CapitalRuns = 128,
    /// <summary>
    /// What kind of document it is: the section word of its headline ("SOCCER -", "RUGBY UNION -") and
    /// whether it is mostly results tables. Town names are teams in sports results, places elsewhere.
    /// </summary>
    DocumentTopic = 256,
    /// <summary>Word clusters of the ±2 window at every granularity, and cluster bigrams around the token.</summary>
    ClusterContext = 512, // tried: -0.1 dev F1, not in All
    /// <summary>
    /// In a capitalised run joined by a connector ("Lynn Reaser of Barnett Banks"), the part of the run
    /// the token is in: its first and last word and where the connector is, so a person before "of"
    /// and an organisation after it can be told from one name ("Bank of England").
    /// </summary>
    RunSegments = 1024, // tried: -0.2 dev F1, not in All
    /// <summary>
    /// Context aggregation (Ratinov &amp; Roth 2009): the words around the other occurrences of a
    /// capitalised word in the document ("manager of Petofi", "Petofi 's board").
    /// </summary>
    ContextAggregation = 2048,
    /// <summary>Context aggregation also reads the second word on each side (+0.2 dev F1 over ±1 alone).</summary>
    ContextWide = 4096,
    /// <summary>
    /// Position in a short quotation whose words are all capitalised ("Mary Poppins", "Wild Rose"): in news these are
    /// mostly titles of works (MISC), which a name model otherwise reads as persons or organisations.
    /// </summary>
    QuotedTitles = 8192, // tried: -0.2 to -0.3 dev F1 over epochs 5-12, not in All
    All = Clusters | Gazetteers | MinedGazetteers | CaseStats | DocumentCase | PredictionHistory | CapitalRuns | DocumentTopic | ContextAggregation | ContextWide,
}

/// <summary>
/// Turns tokens into hashed features. Per document it computes each token's record once
/// (<see cref="Prepare"/>); per position it writes observation features for a ±2 window, label
/// history features and document-level features into a reusable buffer (<see cref="Extract"/>).
/// </summary>
internal static class FeatureExtractor
{
    // Template ids: each feature is Combine(template, values...). Never renumber (models store hashes).
    private const ulong TBias = 1, TWord = 2, TLower = 3, TWordM1 = 4, TWordP1 = 5, TLowerM1 = 6, TLowerP1 = 7,
        TLowerM2 = 8, TLowerP2 = 9, TPre = 10, TSuf = 11, TShape = 12, TShapeM1 = 13, TShapeP1 = 14,
        TShortM2 = 15, TShortM1 = 16, TShort = 17, TShortP1 = 18, TShortP2 = 19, TShort3 = 20, TBigramL = 21,
        TBigramR = 22, TCapsFirst = 23, TCapsHead = 24, TCluster = 25, TClusterM1 = 26, TClusterP1 = 27,
        TClusterM2 = 28, TClusterP2 = 29, TCaseStat = 30, TCaseStatCaps = 31, TGaz = 32, TGazM1 = 33, TGazP1 = 34,
        TDocLower = 35, TDocCapMid = 36, TPrev = 37, TPrev2 = 38, TPrevWord = 39, TPrevShape = 40,
        THistMajor = 41, THistAny = 42, TAggMajor = 43, TAggAny = 44, TAggSpan = 45, TPass1 = 46, TPass1M1 = 47,
        TPass1P1 = 48, TShortLowerM1 = 49, TShortLowerP1 = 50, TClusterCaps = 51, TLowerCaps = 52, TClusterFirst = 53,
        THistNone = 54, TAggNone = 55, TRunShape = 56, TRunFirst = 57, TRunLast = 58, TTable = 59, TRunLastCluster = 60, TSufCaps = 61, TAcronym = 62, TTableShape = 63,
        TTopicShape = 64, TTopicCluster = 65, TTopicWord = 66, TTablesDoc = 67,
        TClusterBiL = 68, TClusterBiR = 69, TClusterM2Full = 70, TClusterP2Full = 71,
        TSegFirst = 72, TSegLast = 73, TSegShape = 74, TSegOther = 75,
        TCtxLeft = 76, TCtxRight = 77, TCtxLeft2 = 78, TCtxRight2 = 79, TQuoted = 80;

    private const ulong Bos = 0xB05B05B05UL, Eos = 0xE05E05E05UL;
    private const int TypeSlots = 5; // O, PER, ORG, LOC, MISC
    private const int NoLabel = -1;

    /// <summary>Computes token records, document sets and gazetteer matches for a document.</summary>
    public static void Prepare(DocumentBuffer buf, IReadOnlyList<string> words, ReadOnlySpan<int> sentenceStarts, NerLexicon lex, FeatureSet set)
        => Prepare(buf, words, sentenceStarts, lex, set, null);

    /// <summary>Hash that replaces a dropped word's identity (training only).</summary>
    internal const ulong UnknownWord = 0x554E4B4E4F574EUL;

    /// <summary>
    /// As above; <paramref name="dropWord"/> (training only) says which tokens lose their word identity,
    /// so the model also learns to label words it has not seen from shape, affixes, clusters and context.
    /// </summary>
    internal static void Prepare(DocumentBuffer buf, IReadOnlyList<string> words, ReadOnlySpan<int> sentenceStarts, NerLexicon lex, FeatureSet set, Func<int, bool>? dropWord)
    {
        buf.Reset();
        int n = words.Count;
        buf.EnsureTokens(n);
        buf.EnsureSentences(sentenceStarts.Length);
        buf.TokenCount = n;
        buf.SentenceCount = sentenceStarts.Length;
        for (int s = 0; s < sentenceStarts.Length; s++) buf.SentenceStart[s] = sentenceStarts[s];
        buf.SentenceStart[sentenceStarts.Length] = n;

        for (int s = 0; s < buf.SentenceCount; s++)
        {
            int a = buf.SentenceStart[s], b = buf.SentenceStart[s + 1];
            bool headline = IsHeadline(words, a, b);
            for (int i = a; i < b; i++)
            {
                ref var t = ref buf.Tokens[i];
                var w = words[i].AsSpan();
                t = default;
                t.Word = TextHash.Of(w);
                t.Lower = TextHash.OfLower(w);
                t.Shape = WordShape.LongShape(w);
                t.Short = WordShape.ShortShape(w);
                t.Caps = WordShape.Caps(w);
                t.First = i == a || (i == a + 1 && IsOpeningPunct(words[a]));
                t.Headline = headline;
                t.Prefix1 = Affix(w, 1, false); t.Prefix2 = Affix(w, 2, false); t.Prefix3 = Affix(w, 3, false); t.Prefix4 = Affix(w, 4, false);
                t.Suffix1 = Affix(w, 1, true); t.Suffix2 = Affix(w, 2, true); t.Suffix3 = Affix(w, 3, true); t.Suffix4 = Affix(w, 4, true);
                t.Cluster = WordClusters.None;
                if ((set & FeatureSet.Clusters) != 0)
                {
                    t.Cluster = lex.Clusters.Lookup(t.Word);
                    // Headline capitals and sentence-initial capitals fall back to the usual spelling.
                    if (t.Cluster == WordClusters.None && t.Caps == CapKind.AllCaps) t.Cluster = lex.Clusters.Lookup(TextHash.OfTitle(w));
                    if (t.Cluster == WordClusters.None && t.Caps != CapKind.Lower) t.Cluster = lex.Clusters.Lookup(t.Lower);
                }
                t.CaseBucket = (set & FeatureSet.CaseStats) != 0 ? lex.Case.Bucket(t.Lower) : -1;
                bool drop = dropWord is not null && dropWord(i);
                t.IdWord = drop ? UnknownWord : t.Word;
                t.IdLower = drop ? UnknownWord : t.Lower;
                if ((set & FeatureSet.DocumentCase) != 0)
                {
                    if (t.Caps == CapKind.Lower) buf.LowerSeen.Add(t.Lower);
                    else if (!t.First && !headline && t.Caps is CapKind.Initial or CapKind.Mixed && !IsOpeningPunct(words[i - 1]))
                        buf.CapMidSeen.Add(t.Lower);
                }
            }
        }
        if ((set & FeatureSet.CapitalRuns) != 0)
            for (int s = 0; s < buf.SentenceCount; s++) MarkRuns(buf, words, buf.SentenceStart[s], buf.SentenceStart[s + 1], (set & FeatureSet.RunSegments) != 0);
        if ((set & FeatureSet.CapitalRuns) != 0 && buf.Acronyms.Count > 0)
            for (int i = 0; i < n; i++)
            {
                ref var t = ref buf.Tokens[i];
                if (t.Caps == CapKind.AllCaps && words[i].Length is >= 2 and <= MaxRun && buf.Acronyms.TryGetValue(t.Word, out var last))
                    t.AcronymOf = last;
            }
        if ((set & FeatureSet.QuotedTitles) != 0)
            for (int s = 0; s < buf.SentenceCount; s++) MarkQuotedTitles(buf, words, buf.SentenceStart[s], buf.SentenceStart[s + 1]);
        if ((set & FeatureSet.DocumentTopic) != 0) DocumentTopic(buf, words);
        if ((set & FeatureSet.ContextAggregation) != 0) IndexOccurrences(buf);
        if ((set & FeatureSet.DocumentCase) != 0)
            for (int i = 0; i < n; i++)
            {
                ref var t = ref buf.Tokens[i];
                if (t.Caps is CapKind.Lower or CapKind.NoLetters) continue;
                t.DocLowerSeen = buf.LowerSeen.Contains(t.Lower);
                t.DocCapMid = buf.CapMidSeen.Contains(t.Lower);
            }
        if ((set & (FeatureSet.Gazetteers | FeatureSet.MinedGazetteers)) != 0) MatchGazetteers(buf, lex, set);
    }

    /// <summary>Longest capitalised run that gets run features (longer ones are tables or headlines).</summary>
    private const int MaxRun = 8;
    private const double TableDigitShare = 0.25;

    // "and" and "'s" are left out: they join two names ("Lear and Magna") more often than they sit inside one.
    private static bool IsConnector(string w) => w is "&" or "of" or "de" or "du" or "la" or "von" or "van" or "der" or "y";

    /// <summary>
    /// Marks runs of capitalised words ("Douglas &amp; Lomason Co", "Bank of England"): connectors count
    /// only between capitalised words. The first and last words of a run are strong cues of its type
    /// ("... Corp", "... Open", "University of ..."). Also flags table-like sentences.
    /// </summary>
    private static void MarkRuns(DocumentBuffer buf, IReadOnlyList<string> words, int a, int b, bool segments)
    {
        int digits = 0;
        for (int i = a; i < b; i++) if (HasDigit(words[i])) digits++;
        bool table = b - a >= 3 && digits >= TableDigitShare * (b - a);
        for (int i = a; i < b; i++) buf.Tokens[i].Table = table;
        if (buf.Tokens[a].Headline) return;
        int start = -1;
        for (int i = a; i <= b; i++)
        {
            bool cap = i < b && WordShape.IsCapitalised(buf.Tokens[i].Caps);
            bool connector = i < b && start >= 0 && i + 1 < b && IsConnector(words[i]) && WordShape.IsCapitalised(buf.Tokens[i + 1].Caps);
            if (cap || connector) { if (start < 0) start = i; continue; }
            if (start >= 0)
            {
                int len = i - start;
                if (len >= 2 && len <= MaxRun) RecordAcronym(buf, words, start, i);
                if (len <= MaxRun)
                    for (int k = start; k < i; k++)
                    {
                        ref var t = ref buf.Tokens[k];
                        t.RunLength = (byte)len;
                        t.RunPosition = (byte)(len == 1 ? 3 : k == start ? 0 : k == i - 1 ? 2 : 1);
                        t.RunFirst = buf.Tokens[start].Lower;
                        t.RunLast = buf.Tokens[i - 1].Lower;
                        t.RunLastCluster = buf.Tokens[i - 1].Cluster < 0 ? -1 : WordClusters.Level(buf.Tokens[i - 1].Cluster, 1);
                    }
                if (segments && len >= 3 && len <= MaxRun) MarkSegments(buf, words, start, i);
                start = -1;
            }
        }
    }

    /// <summary>Longest quotation, in tokens, that can be a title.</summary>
    private const int MaxQuotedTitle = 6;

    /// <summary>
    /// Marks the words of short quotations ("Star Wars ," / "Bambi .") whose words are all capitalised, apart from
    /// connectors and the punctuation a quotation closes with.
    /// </summary>
    private static void MarkQuotedTitles(DocumentBuffer buf, IReadOnlyList<string> words, int a, int b)
    {
        int open = -1;
        for (int i = a; i < b; i++)
        {
            if (words[i] is not ("\"" or "``" or "''")) continue;
            if (open < 0) { open = i; continue; }
            int first = open + 1, last = i - 1;
            open = -1;
            while (last >= first && words[last] is "," or "." or "!" or "?") last--;
            if (last < first || last - first + 1 > MaxQuotedTitle) continue;
            bool title = WordShape.IsCapitalised(buf.Tokens[first].Caps) && WordShape.IsCapitalised(buf.Tokens[last].Caps);
            for (int k = first + 1; k < last && title; k++)
                title = WordShape.IsCapitalised(buf.Tokens[k].Caps) || IsConnector(words[k]) || words[k] is "and" or "the" or "a" or "in" or "on";
            if (!title) continue;
            for (int k = first; k <= last; k++)
                buf.Tokens[k].QuotePos = (byte)(first == last ? 4 : k == first ? 1 : k == last ? 3 : 2);
        }
    }

    /// <summary>Most other occurrences of a word whose contexts a token reads.</summary>
    private const int MaxContextOccurrences = 8;

    /// <summary>Groups the occurrences of each capitalised form (buf.Occ*, token.OccSlot) for context aggregation.</summary>
    private static void IndexOccurrences(DocumentBuffer buf)
    {
        buf.OccIndex.Clear();
        int n = buf.TokenCount;
        buf.EnsureOcc(n);
        int slots = 0;
        for (int i = 0; i < n; i++)
        {
            ref var t = ref buf.Tokens[i];
            t.OccSlot = -1;
            if (t.Caps is CapKind.Lower or CapKind.NoLetters) continue;
            if (!buf.OccIndex.TryGetValue(t.Lower, out int slot)) { slot = slots++; buf.OccIndex[t.Lower] = slot; buf.OccCount[slot] = 0; }
            t.OccSlot = slot;
            buf.OccCount[slot]++;
        }
        int pos = 0;
        for (int k = 0; k < slots; k++) { buf.OccStart[k] = pos; pos += buf.OccCount[k]; buf.OccCount[k] = 0; }
        for (int i = 0; i < n; i++)
        {
            int slot = buf.Tokens[i].OccSlot;
            if (slot < 0) continue;
            buf.OccTokens[buf.OccStart[slot] + buf.OccCount[slot]++] = i;
        }
    }

    /// <summary>Share of a document's sentences that must look like tables for it to count as a results document.</summary>
    private const double TablesDocShare = 0.4;
    /// <summary>Words a headline's section label may have before its dash ("RUGBY UNION -").</summary>
    private const int MaxTopicWords = 3;

    /// <summary>
    /// Sets buf.Topic from the first sentence when it reads "SECTION - ..." in capitals (the wire's
    /// section label) and buf.TablesDoc when many sentences are number-heavy.
    /// </summary>
    private static void DocumentTopic(DocumentBuffer buf, IReadOnlyList<string> words)
    {
        buf.Topic = 0;
        for (int s = 0; s < buf.SentenceCount && s < 2 && buf.Topic == 0; s++)
        {
            int a = buf.SentenceStart[s], b = buf.SentenceStart[s + 1];
            for (int i = a + 1; i < b && i <= a + MaxTopicWords; i++)
                if (words[i] == "-")
                {
                    ulong h = 0x70B1C;
                    bool ok = true;
                    for (int k = a; k < i; k++)
                    {
                        if (buf.Tokens[k].Caps != CapKind.AllCaps) { ok = false; break; }
                        h = TextHash.Combine(h, buf.Tokens[k].Lower);
                    }
                    if (ok) buf.Topic = h;
                    break;
                }
        }
        int tables = 0;
        for (int s = 0; s < buf.SentenceCount; s++) if (buf.Tokens[buf.SentenceStart[s]].Table) tables++;
        buf.TablesDoc = buf.SentenceCount >= 3 && tables >= TablesDocShare * buf.SentenceCount;
    }

    /// <summary>Splits a run at its connectors; each token learns its segment (see <see cref="FeatureSet.RunSegments"/>).</summary>
    private static void MarkSegments(DocumentBuffer buf, IReadOnlyList<string> words, int a, int b)
    {
        bool any = false;
        for (int k = a + 1; k < b - 1; k++) if (IsConnector(words[k])) { any = true; break; }
        if (!any) return;
        int segStart = a;
        for (int k = a; k <= b; k++)
        {
            if (k < b && !IsConnector(words[k])) continue;
            if (k > segStart)
            {
                // The other side of the connector: the segment after this one, or before it for the last segment.
                ulong other = k < b && k + 1 < b ? buf.Tokens[k + 1].Lower : segStart > a ? buf.Tokens[segStart - 2 >= a ? segStart - 2 : a].Lower : 0;
                for (int m = segStart; m < k; m++)
                {
                    ref var t = ref buf.Tokens[m];
                    t.SegFirst = buf.Tokens[segStart].Lower;
                    t.SegLast = buf.Tokens[k - 1].Lower;
                    t.SegOther = other;
                    // Bit 0: a connector precedes the segment; bit 1: one follows. Then the position in the segment.
                    int side = (segStart > a ? 1 : 0) | (k < b ? 2 : 0);
                    int pos = k - segStart == 1 ? 3 : m == segStart ? 0 : m == k - 1 ? 2 : 1;
                    t.SegInfo = (byte)(side * 16 + pos * 4 + Math.Min(k - segStart, 3));
                }
            }
            segStart = k + 1;
        }
    }

    /// <summary>Remembers the initials of a multi-word run ("National Association of Purchasing Management" → NAPM).</summary>
    private static void RecordAcronym(DocumentBuffer buf, IReadOnlyList<string> words, int a, int b)
    {
        Span<char> initials = stackalloc char[MaxRun];
        int n = 0;
        for (int k = a; k < b; k++)
        {
            if (IsConnector(words[k])) { if (words[k] == "&") initials[n++] = '&'; continue; }
            if (words[k].Length == 0 || !char.IsUpper(words[k][0])) return;
            initials[n++] = words[k][0];
        }
        if (n < 2) return;
        buf.Acronyms[TextHash.Of(initials[..n])] = buf.Tokens[b - 1].Lower;
    }

    private static bool HasDigit(string w)
    {
        foreach (var c in w) if (char.IsDigit(c)) return true;
        return false;
    }

    private static bool IsOpeningPunct(string w) => w is "\"" or "``" or "'" or "(" or "-" or "--" or "[" or ":";

    private static bool IsHeadline(IReadOnlyList<string> words, int a, int b)
    {
        int letters = 0, upper = 0;
        for (int i = a; i < b; i++)
        {
            var k = WordShape.Caps(words[i]);
            if (k == CapKind.NoLetters) continue;
            letters++;
            if (k == CapKind.AllCaps) upper++;
        }
        return upper >= 2 && upper * 2 > letters;
    }

    private static ulong Affix(ReadOnlySpan<char> w, int len, bool suffix)
    {
        if (w.Length <= len) return 0;
        var part = suffix ? w[^len..] : w[..len];
        return TextHash.Combine((ulong)len + (suffix ? 100UL : 0UL), TextHash.OfLower(part));
    }

    private static void MatchGazetteers(DocumentBuffer buf, NerLexicon lex, FeatureSet set)
    {
        Span<ulong> masks = stackalloc ulong[Gazetteer.MaxTokens];
        for (int s = 0; s < buf.SentenceCount; s++)
        {
            int a = buf.SentenceStart[s], b = buf.SentenceStart[s + 1], len = b - a;
            buf.EnsureSeq(len);
            for (int i = 0; i < len; i++) { buf.SeqExact[i] = buf.Tokens[a + i].Word; buf.SeqLower[i] = buf.Tokens[a + i].Lower; }
            for (int i = a; i < b; i++) buf.Tokens[i].GazStart = -1;
            // Features are gathered per token: collect (token, feature) pairs, then lay them out per token.
            int before = buf.GazCount;
            for (int g = 0; g < 2; g++)
            {
                var gaz = g == 0 ? lex.External : lex.Mined;
                if (g == 0 && (set & FeatureSet.Gazetteers) == 0) continue;
                if (g == 1 && (set & FeatureSet.MinedGazetteers) == 0) continue;
                if (gaz.Count == 0) continue;
                for (int lower = 0; lower < 2; lower++)
                {
                    var seq = lower == 1 ? buf.SeqLower.AsSpan(0, len) : buf.SeqExact.AsSpan(0, len);
                    for (int st = 0; st < len; st++)
                    {
                        // Entries never start with punctuation or a lower-case word in the exact list.
                        gaz.MatchAt(seq, st, lower == 1, masks);
                        for (int k = 0; k < Gazetteer.MaxTokens && st + k < len; k++)
                        {
                            ulong m = masks[k];
                            while (m != 0)
                            {
                                int list = System.Numerics.BitOperations.TrailingZeroCount(m);
                                m &= m - 1;
                                for (int j = 0; j <= k; j++)
                                {
                                    int pos = k == 0 ? EntityTags.U : j == 0 ? EntityTags.B : j == k ? EntityTags.L : EntityTags.I;
                                    ulong f = TextHash.Combine((ulong)(g * 2 + lower), (ulong)list, (ulong)pos);
                                    AddGaz(buf, a + st + j, f);
                                }
                            }
                        }
                    }
                }
            }
            // Re-layout: pairs were stored as (token, feature) in Gaz[before..]; sort by token.
            LayoutGaz(buf, a, b, before);
        }
    }

    // Pairs are appended as two ulongs (token index, feature) and laid out per token afterwards.
    private static void AddGaz(DocumentBuffer buf, int token, ulong f)
    {
        buf.EnsureGaz(buf.GazCount + 2);
        buf.Gaz[buf.GazCount++] = (ulong)token;
        buf.Gaz[buf.GazCount++] = f;
    }

    private static void LayoutGaz(DocumentBuffer buf, int a, int b, int before)
    {
        int pairs = (buf.GazCount - before) / 2;
        if (pairs == 0) { for (int i = a; i < b; i++) { buf.Tokens[i].GazStart = 0; buf.Tokens[i].GazCount = 0; } return; }
        // Counting sort by token into the region after the pairs, then move it down.
        int outStart = buf.GazCount;
        buf.EnsureGaz(outStart + pairs);
        for (int i = a; i < b; i++) buf.Tokens[i].GazCount = 0;
        for (int p = 0; p < pairs; p++) buf.Tokens[(int)buf.Gaz[before + 2 * p]].GazCount++;
        int pos = before;
        for (int i = a; i < b; i++) { buf.Tokens[i].GazStart = pos; pos += buf.Tokens[i].GazCount; buf.Tokens[i].GazCount = 0; }
        for (int p = 0; p < pairs; p++)
        {
            int tok = (int)buf.Gaz[before + 2 * p];
            ref var t = ref buf.Tokens[tok];
            buf.Gaz[outStart + (t.GazStart - before) + t.GazCount++] = buf.Gaz[before + 2 * p + 1];
        }
        Array.Copy(buf.Gaz, outStart, buf.Gaz, before, pairs);
        buf.GazCount = before + pairs;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ulong[] f, ref int n, ulong template, ulong v) => f[n++] = TextHash.Combine(template, v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ulong[] f, ref int n, ulong template, ulong v1, ulong v2) => f[n++] = TextHash.Combine(template, v1, v2);

    /// <summary>Maximum number of features one position can produce (buffer size check).</summary>
    public static int MaxFeatures(DocumentBuffer buf, int i)
    {
        int g = 0;
        for (int k = i - 1; k <= i + 1; k++) if (k >= 0 && k < buf.TokenCount) g += buf.Tokens[k].GazCount;
        return 228 + g;
    }

    /// <summary>
    /// Writes the features of position <paramref name="i"/> (sentence [a,b)) into buf.Features and returns
    /// their number; <paramref name="prev"/> and <paramref name="prev2"/> are the labels decoded before it.
    /// </summary>
    public static int Extract(DocumentBuffer buf, int i, int a, int b, FeatureSet set, int prev, int prev2)
    {
        int need = MaxFeatures(buf, i);
        if (buf.Features.Length < need) buf.Features = new ulong[need * 2];
        var f = buf.Features;
        int n = 0;
        ref var t = ref buf.Tokens[i];
        ulong wM1 = i - 1 >= a ? buf.Tokens[i - 1].IdWord : Bos, wP1 = i + 1 < b ? buf.Tokens[i + 1].IdWord : Eos;
        ulong lM1 = i - 1 >= a ? buf.Tokens[i - 1].IdLower : Bos, lP1 = i + 1 < b ? buf.Tokens[i + 1].IdLower : Eos;
        ulong lM2 = i - 2 >= a ? buf.Tokens[i - 2].IdLower : Bos, lP2 = i + 2 < b ? buf.Tokens[i + 2].IdLower : Eos;
        ulong sM2 = i - 2 >= a ? buf.Tokens[i - 2].Short : Bos, sM1 = i - 1 >= a ? buf.Tokens[i - 1].Short : Bos;
        ulong sP1 = i + 1 < b ? buf.Tokens[i + 1].Short : Eos, sP2 = i + 2 < b ? buf.Tokens[i + 2].Short : Eos;
        ulong shM1 = i - 1 >= a ? buf.Tokens[i - 1].Shape : Bos, shP1 = i + 1 < b ? buf.Tokens[i + 1].Shape : Eos;
        ulong caps = (ulong)t.Caps, first = t.First ? 1UL : 0UL, head = t.Headline ? 1UL : 0UL;

        f[n++] = TBias;
        Add(f, ref n, TWord, t.IdWord);
        Add(f, ref n, TLower, t.IdLower);
        Add(f, ref n, TLowerCaps, t.IdLower, caps * 4 + first * 2 + head);
        Add(f, ref n, TWordM1, wM1); Add(f, ref n, TWordP1, wP1);
        Add(f, ref n, TLowerM1, lM1); Add(f, ref n, TLowerP1, lP1);
        Add(f, ref n, TLowerM2, lM2); Add(f, ref n, TLowerP2, lP2);
        if (t.Prefix1 != 0) Add(f, ref n, TPre, t.Prefix1);
        if (t.Prefix2 != 0) Add(f, ref n, TPre, t.Prefix2);
        if (t.Prefix3 != 0) Add(f, ref n, TPre, t.Prefix3);
        if (t.Prefix4 != 0) Add(f, ref n, TPre, t.Prefix4);
        if (t.Suffix1 != 0) Add(f, ref n, TSuf, t.Suffix1);
        if (t.Suffix2 != 0) Add(f, ref n, TSuf, t.Suffix2);
        if (t.Suffix3 != 0) Add(f, ref n, TSuf, t.Suffix3);
        if (t.Suffix4 != 0) Add(f, ref n, TSuf, t.Suffix4);
        if (t.Caps is CapKind.Initial or CapKind.Mixed)
        {
            // Name endings: -ov, -ski (persons), -stan, -burg (places), -ian, -ese (nationalities).
            if (t.Suffix2 != 0) Add(f, ref n, TSufCaps, t.Suffix2);
            if (t.Suffix3 != 0) Add(f, ref n, TSufCaps, t.Suffix3);
        }
        Add(f, ref n, TShape, t.Shape);
        Add(f, ref n, TShapeM1, shM1); Add(f, ref n, TShapeP1, shP1);
        Add(f, ref n, TShortM2, sM2); Add(f, ref n, TShortM1, sM1); Add(f, ref n, TShort, t.Short);
        Add(f, ref n, TShortP1, sP1); Add(f, ref n, TShortP2, sP2);
        Add(f, ref n, TShort3, TextHash.Combine(sM1, t.Short, sP1));
        Add(f, ref n, TBigramL, lM1, t.IdLower); Add(f, ref n, TBigramR, t.IdLower, lP1);
        Add(f, ref n, TShortLowerM1, t.Short, lM1); Add(f, ref n, TShortLowerP1, t.Short, lP1);
        Add(f, ref n, TCapsFirst, caps, first);
        Add(f, ref n, TCapsHead, caps, head * 2 + first);

        if ((set & FeatureSet.Clusters) != 0)
        {
            ClusterFeatures(f, ref n, TCluster, t.Cluster);
            ClusterFeatures(f, ref n, TClusterM1, i - 1 >= a ? buf.Tokens[i - 1].Cluster : -2);
            ClusterFeatures(f, ref n, TClusterP1, i + 1 < b ? buf.Tokens[i + 1].Cluster : -3);
            ClusterFeatures(f, ref n, TClusterM2, i - 2 >= a ? buf.Tokens[i - 2].Cluster : -2, 1);
            ClusterFeatures(f, ref n, TClusterP2, i + 2 < b ? buf.Tokens[i + 2].Cluster : -3, 1);
            if (t.Cluster >= 0) Add(f, ref n, TClusterCaps, (ulong)t.Cluster, caps * 2 + first);
            if ((set & FeatureSet.ClusterContext) != 0)
            {
                int cM1 = i - 1 >= a ? buf.Tokens[i - 1].Cluster : -2, cP1 = i + 1 < b ? buf.Tokens[i + 1].Cluster : -3;
                int cM2 = i - 2 >= a ? buf.Tokens[i - 2].Cluster : -2, cP2 = i + 2 < b ? buf.Tokens[i + 2].Cluster : -3;
                Add(f, ref n, TClusterBiL, ClusterKey(cM1, 1), ClusterKey(t.Cluster, 1) * 8 + caps);
                Add(f, ref n, TClusterBiR, ClusterKey(t.Cluster, 1) * 8 + caps, ClusterKey(cP1, 1));
                if (cM2 >= 0) Add(f, ref n, TClusterM2Full, (ulong)cM2);
                if (cP2 >= 0) Add(f, ref n, TClusterP2Full, (ulong)cP2);
            }
        }
        if ((set & FeatureSet.CaseStats) != 0)
        {
            Add(f, ref n, TCaseStat, (ulong)(t.CaseBucket + 1), first * 2 + head);
            Add(f, ref n, TCaseStatCaps, (ulong)(t.CaseBucket + 1), caps);
        }
        if ((set & (FeatureSet.Gazetteers | FeatureSet.MinedGazetteers)) != 0)
        {
            for (int k = 0; k < t.GazCount; k++) Add(f, ref n, TGaz, buf.Gaz[t.GazStart + k]);
            if (i - 1 >= a) { ref var p = ref buf.Tokens[i - 1]; for (int k = 0; k < p.GazCount; k++) Add(f, ref n, TGazM1, buf.Gaz[p.GazStart + k]); }
            if (i + 1 < b) { ref var p = ref buf.Tokens[i + 1]; for (int k = 0; k < p.GazCount; k++) Add(f, ref n, TGazP1, buf.Gaz[p.GazStart + k]); }
        }
        if ((set & FeatureSet.DocumentCase) != 0 && t.Caps != CapKind.Lower && t.Caps != CapKind.NoLetters)
        {
            Add(f, ref n, TDocLower, t.DocLowerSeen ? 1UL : 0UL, caps * 4 + first * 2 + head);
            Add(f, ref n, TDocCapMid, t.DocCapMid ? 1UL : 0UL, caps * 4 + first * 2 + head);
        }

        if ((set & FeatureSet.CapitalRuns) != 0)
        {
            Add(f, ref n, TTable, t.Table ? 1UL : 0UL, TextHash.Combine(t.Short, sP1));
            // Results tables ("Sale 31 Wasps 33"): the shapes around a word say whether it is a team or a player.
            if (t.Table) Add(f, ref n, TTableShape, TextHash.Combine(sM1, t.Short, sP1), first);
            if (t.AcronymOf != 0) { Add(f, ref n, TAcronym, 0); Add(f, ref n, TAcronym, t.AcronymOf); }
            if (t.RunLength > 0)
            {
                ulong pos = t.RunPosition;
                Add(f, ref n, TRunShape, Math.Min(t.RunLength, (byte)4), pos);
                if (t.RunLength > 1)
                {
                    Add(f, ref n, TRunFirst, t.RunFirst, pos);
                    Add(f, ref n, TRunLast, t.RunLast, pos);
                    if (t.RunLastCluster >= 0) Add(f, ref n, TRunLastCluster, (ulong)t.RunLastCluster, pos);
                }
            }
        }

        if ((set & FeatureSet.ContextAggregation) != 0 && t.OccSlot >= 0 && buf.OccCount[t.OccSlot] > 1)
        {
            int start = buf.OccStart[t.OccSlot], count = Math.Min(buf.OccCount[t.OccSlot], MaxContextOccurrences + 1), used = 0;
            for (int k = start; k < start + count && used < MaxContextOccurrences; k++)
            {
                int j = buf.OccTokens[k];
                if (j == i) continue;
                used++;
                Add(f, ref n, TCtxLeft, j > 0 && !buf.Tokens[j].First ? buf.Tokens[j - 1].IdLower : Bos);
                Add(f, ref n, TCtxRight, j + 1 < buf.TokenCount && !buf.Tokens[j + 1].First ? buf.Tokens[j + 1].IdLower : Eos);
                if ((set & FeatureSet.ContextWide) != 0)
                {
                    Add(f, ref n, TCtxLeft2, j > 1 && !buf.Tokens[j].First && !buf.Tokens[j - 1].First ? buf.Tokens[j - 2].IdLower : Bos);
                    Add(f, ref n, TCtxRight2, j + 2 < buf.TokenCount && !buf.Tokens[j + 1].First && !buf.Tokens[j + 2].First ? buf.Tokens[j + 2].IdLower : Eos);
                }
            }
        }
        if ((set & FeatureSet.QuotedTitles) != 0 && t.QuotePos != 0)
        {
            Add(f, ref n, TQuoted, t.QuotePos);
            Add(f, ref n, TQuoted, t.QuotePos, t.Short);
        }
        if ((set & FeatureSet.RunSegments) != 0 && t.SegInfo != 0)
        {
            ulong info = t.SegInfo;
            Add(f, ref n, TSegShape, info);
            Add(f, ref n, TSegFirst, t.SegFirst, info);
            Add(f, ref n, TSegLast, t.SegLast, info);
            Add(f, ref n, TSegOther, t.SegOther, info >> 4);
        }
        if ((set & FeatureSet.DocumentTopic) != 0 && t.Caps != CapKind.Lower && t.Caps != CapKind.NoLetters)
        {
            ulong topic = buf.Topic, tables = buf.TablesDoc ? 1UL : 0UL;
            Add(f, ref n, TTopicShape, topic, TextHash.Combine(t.Short, tables, first));
            if (t.Cluster >= 0) Add(f, ref n, TTopicCluster, topic, (ulong)WordClusters.Level(t.Cluster, 1));
            Add(f, ref n, TTopicWord, topic, t.IdLower);
            if (buf.TablesDoc) Add(f, ref n, TTablesDoc, TextHash.Combine(sM1, t.Short, sP1), t.Table ? 1UL : 0UL);
        }

        // Label history (labels decoded so far in this sentence); beam search adds these per hypothesis.
        if (prev != NoHistory) n += LabelFeatures(buf, i, prev, prev2, f.AsSpan(n));

        if ((set & FeatureSet.PredictionHistory) != 0 && t.Caps != CapKind.Lower && t.Caps != CapKind.NoLetters)
            TypeDistribution(f, ref n, buf.HistoryIndex, buf.HistoryCounts, t.Lower, -1, THistMajor, THistAny, THistNone, caps);

        if ((set & FeatureSet.FirstPassAggregates) != 0)
        {
            Add(f, ref n, TPass1, (ulong)(buf.Pass1[i] + 1));
            Add(f, ref n, TPass1M1, (ulong)(i - 1 >= a ? buf.Pass1[i - 1] + 1 : 100));
            Add(f, ref n, TPass1P1, (ulong)(i + 1 < b ? buf.Pass1[i + 1] + 1 : 101));
            if (t.Caps != CapKind.Lower && t.Caps != CapKind.NoLetters)
            {
                int own = TypeSlot(buf.Pass1[i]);
                TypeDistribution(f, ref n, buf.AggIndex, buf.AggCounts, t.Lower, own, TAggMajor, TAggAny, TAggNone, caps);
                if (buf.AggIndex.TryGetValue(t.Lower, out int slot))
                {
                    // Types of first-pass entities that contain this word somewhere in the document.
                    int best = -1, bestCount = 0;
                    for (int k = 1; k < TypeSlots; k++)
                    {
                        int c = buf.AggSpanCounts[slot * TypeSlots + k];
                        if (c > bestCount) { best = k; bestCount = c; }
                    }
                    if (best > 0) Add(f, ref n, TAggSpan, (ulong)best, caps);
                }
            }
        }
        return n;
    }

    /// <summary>Passed as <c>prev</c> to <see cref="Extract"/>: leave out the label-history features (beam search scores them per hypothesis).</summary>
    public const int NoHistory = int.MinValue;

    /// <summary>Number of features <see cref="LabelFeatures"/> writes.</summary>
    public const int LabelFeatureCount = 4;

    /// <summary>The features that depend on the two labels before position <paramref name="i"/>.</summary>
    public static int LabelFeatures(DocumentBuffer buf, int i, int prev, int prev2, Span<ulong> f)
    {
        ref var t = ref buf.Tokens[i];
        ulong p1 = (ulong)(prev + 1), p2 = (ulong)(prev2 + 1);
        f[0] = TextHash.Combine(TPrev, p1);
        f[1] = TextHash.Combine(TPrev2, p1, p2);
        f[2] = TextHash.Combine(TPrevWord, p1, t.IdLower);
        f[3] = TextHash.Combine(TPrevShape, p1, t.Short);
        return LabelFeatureCount;
    }

    private static void ClusterFeatures(ulong[] f, ref int n, ulong template, int packed, int levels = int.MaxValue)
    {
        if (packed < 0) { Add(f, ref n, template, (ulong)(long)packed); return; }
        for (int l = 0; l < 3 && l < levels; l++)
            Add(f, ref n, template, (ulong)l, (ulong)WordClusters.Level(packed, l));
    }

    /// <summary>A cluster id at one granularity, or the marker of a missing cluster / sentence edge.</summary>
    private static ulong ClusterKey(int packed, int level) => packed < 0 ? (ulong)(long)packed : (ulong)WordClusters.Level(packed, level);

    /// <summary>O=0, PER=1, ORG=2, LOC=3, MISC=4.</summary>
    public static int TypeSlot(int label) => label <= 0 ? 0 : EntityTags.TypeOf(label) + 1;

    private static void TypeDistribution(ulong[] f, ref int n, Dictionary<ulong, int> index, int[] counts, ulong key, int exclude,
        ulong tMajor, ulong tAny, ulong tNone, ulong caps)
    {
        if (!index.TryGetValue(key, out int slot)) { Add(f, ref n, tNone, caps); return; }
        int best = -1, bestCount = 0, total = 0;
        for (int k = 0; k < TypeSlots; k++)
        {
            int c = counts[slot * TypeSlots + k] - (k == exclude ? 1 : 0);
            if (c <= 0) continue;
            total += c;
            Add(f, ref n, tAny, (ulong)k);
            if (c > bestCount) { best = k; bestCount = c; }
        }
        if (best < 0) { Add(f, ref n, tNone, caps); return; }
        Add(f, ref n, tMajor, (ulong)best, bestCount == total ? 1UL : 0UL);
    }

    /// <summary>Records a decoded label for the prediction history of its word.</summary>
    public static void RecordHistory(DocumentBuffer buf, int i, int label)
    {
        ref var t = ref buf.Tokens[i];
        if (t.Caps is CapKind.Lower or CapKind.NoLetters) return;
        Count(buf.HistoryIndex, ref buf.HistoryCounts, t.Lower, TypeSlot(label));
    }

    /// <summary>Builds the document-wide first-pass aggregates from buf.Pass1.</summary>
    public static void BuildAggregates(DocumentBuffer buf)
    {
        buf.AggIndex.Clear();
        for (int i = 0; i < buf.TokenCount; i++)
        {
            ref var t = ref buf.Tokens[i];
            if (t.Caps is CapKind.Lower or CapKind.NoLetters) continue;
            Count(buf.AggIndex, ref buf.AggCounts, t.Lower, TypeSlot(buf.Pass1[i]));
        }
        if (buf.AggSpanCounts.Length < buf.AggCounts.Length) Array.Resize(ref buf.AggSpanCounts, buf.AggCounts.Length);
        Array.Clear(buf.AggSpanCounts, 0, Math.Min(buf.AggSpanCounts.Length, buf.AggIndex.Count * TypeSlots));
        // Words inside multi-token first-pass entities vote for that entity's type.
        for (int i = 0; i < buf.TokenCount; i++)
        {
            int lab = buf.Pass1[i];
            if (lab == EntityTags.Outside || EntityTags.PositionOf(lab) == EntityTags.U) continue;
            ref var t = ref buf.Tokens[i];
            if (buf.AggIndex.TryGetValue(t.Lower, out int slot)) buf.AggSpanCounts[slot * TypeSlots + TypeSlot(lab)]++;
        }
    }

    private static void Count(Dictionary<ulong, int> index, ref int[] counts, ulong key, int typeSlot)
    {
        if (!index.TryGetValue(key, out int slot))
        {
            slot = index.Count;
            index[key] = slot;
            if (counts.Length < (slot + 1) * TypeSlots) Array.Resize(ref counts, counts.Length * 2);
            Array.Clear(counts, slot * TypeSlots, TypeSlots);
        }
        counts[slot * TypeSlots + typeSlot]++;
    }
}
