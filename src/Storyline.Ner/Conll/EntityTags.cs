namespace Storyline.Ner.Conll;

/// <summary>A labelled token span [Start, End) within one sentence.</summary>
public readonly record struct TagSpan(int Start, int End, string Type);

/// <summary>
/// Tag schemes. CoNLL-2003's files use IOB1 (B- only between two adjacent same-type entities),
/// CoNLL++ and WNUT use IOB2; both decode to spans the way conlleval reads them. The model
/// itself predicts BILOU (Ratinov &amp; Roth 2009), which we encode from spans.
/// </summary>
public static class EntityTags
{
    /// <summary>Entity types the model predicts, in label order.</summary>
    public static readonly string[] Types = ["PER", "ORG", "LOC", "MISC"];

    public const int Outside = 0;
    public const int PositionsPerType = 4; // B, I, L, U
    public const int B = 0, I = 1, L = 2, U = 3;

    /// <summary>Number of BILOU labels: O plus four positions per type.</summary>
    public static int LabelCount => 1 + Types.Length * PositionsPerType;

    public static int Label(int type, int position) => 1 + type * PositionsPerType + position;
    public static int TypeOf(int label) => label == Outside ? -1 : (label - 1) / PositionsPerType;
    public static int PositionOf(int label) => label == Outside ? -1 : (label - 1) % PositionsPerType;

    public static int TypeIndex(string type) => Array.IndexOf(Types, type);

    /// <summary>Label name such as "B-PER", "U-LOC" or "O".</summary>
    public static string LabelName(int label) => label == Outside ? "O" : "BILU"[PositionOf(label)] + "-" + Types[TypeOf(label)];

    /// <summary>
    /// Splits IOB1 or IOB2 tags into spans with conlleval's rules: a chunk starts at B-, at I- after O,
    /// or where the type changes; it ends before a B-, an O or a type change. E-/S- (IOBES) are also read.
    /// </summary>
    public static List<TagSpan> SpansFromIob(IReadOnlyList<string> tags)
    {
        var spans = new List<TagSpan>();
        int start = -1; string type = "";
        for (int i = 0; i < tags.Count; i++)
        {
            var (p, t) = Split(tags[i]);
            bool startsHere = p is 'B' or 'S' || (p is 'I' or 'E' && (start < 0 || t != type));
            if (p == 'O' || startsHere)
            {
                if (start >= 0) spans.Add(new TagSpan(start, i, type));
                start = -1;
            }
            if (startsHere) { start = i; type = t; }
            if (p is 'E' or 'S' && start >= 0) { spans.Add(new TagSpan(start, i + 1, type)); start = -1; }
        }
        if (start >= 0) spans.Add(new TagSpan(start, tags.Count, type));
        return spans;
    }

    /// <summary>Splits "B-PER" into ('B', "PER") the way conlleval does (first hyphen); "O" gives ('O', "").</summary>
    public static (char Prefix, string Type) Split(string tag)
    {
        int dash = tag.IndexOf('-');
        if (dash < 0) return (tag.Length == 1 ? tag[0] : 'O', "");
        return (dash == 1 ? tag[0] : 'O', tag[(dash + 1)..]);
    }

    /// <summary>BILOU label ids for spans over n tokens; spans with an unknown type are left O.</summary>
    public static int[] ToBilou(IReadOnlyList<TagSpan> spans, int n)
    {
        var labels = new int[n];
        foreach (var s in spans)
        {
            int t = TypeIndex(s.Type);
            if (t < 0) continue;
            if (s.End - s.Start == 1) { labels[s.Start] = Label(t, U); continue; }
            labels[s.Start] = Label(t, B);
            for (int i = s.Start + 1; i < s.End - 1; i++) labels[i] = Label(t, I);
            labels[s.End - 1] = Label(t, L);
        }
        return labels;
    }

    /// <summary>Spans from a BILOU label sequence; tolerant of invalid sequences (an orphan I/L opens a span).</summary>
    public static List<TagSpan> SpansFromBilou(ReadOnlySpan<int> labels)
    {
        var spans = new List<TagSpan>();
        int start = -1, type = -1;
        for (int i = 0; i < labels.Length; i++)
        {
            int lab = labels[i];
            int t = TypeOf(lab), p = PositionOf(lab);
            if (start >= 0 && (lab == Outside || p is B or U || t != type))
            {
                spans.Add(new TagSpan(start, i, Types[type])); start = -1;
            }
            if (lab == Outside) continue;
            if (start < 0) { start = i; type = t; }
            if (p is L or U) { spans.Add(new TagSpan(start, i + 1, Types[type])); start = -1; }
        }
        if (start >= 0) spans.Add(new TagSpan(start, labels.Length, Types[type]));
        return spans;
    }

    /// <summary>IOB2 tags (B- at every entity start) for spans over n tokens.</summary>
    public static string[] ToIob2(IReadOnlyList<TagSpan> spans, int n)
    {
        var tags = new string[n];
        Array.Fill(tags, "O");
        foreach (var s in spans)
            for (int i = s.Start; i < s.End; i++) tags[i] = (i == s.Start ? "B-" : "I-") + s.Type;
        return tags;
    }
}
