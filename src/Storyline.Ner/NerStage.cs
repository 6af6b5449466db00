using Storyline.Core;
using Storyline.Ner.Conll;
using Storyline.Ner.Model;

namespace Storyline.Ner;

/// <summary>Options of the NER stage.</summary>
public sealed record NerOptions
{
    /// <summary>A model to use instead of the committed one (models/ner.bin, loaded once per process).</summary>
    public NerModel? Model { get; init; }
}

/// <summary>
/// Named-entity recognition (PER, ORG, LOC, MISC) over <see cref="Document.Tokens"/>, sentence by
/// sentence, with the document as context: fills <see cref="Document.Mentions"/> with character
/// offsets into <see cref="Document.Text"/>. Thread-safe; the model is shared.
/// </summary>
public sealed class NerStage(NerOptions? options = null) : IStage
{
    public const string Id = "ner.v1";

    private readonly NerModel? _model = options?.Model;
    private NerModel Model => _model ?? NerModel.Default;

    [ThreadStatic] private static List<string>? t_words;
    [ThreadStatic] private static List<int>? t_starts;
    [ThreadStatic] private static int[]? t_labels;

    public StageInfo Info { get; } = new(Id, Requires: [Attr.Tokens, Attr.Sentences], Assigns: [Attr.Mentions]);

    public void Process(Document doc, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(doc);
        doc.Mentions.Clear();
        var tokens = doc.Tokens;
        if (tokens.Count == 0) return;
        var words = t_words ??= new List<string>(1024);
        var starts = t_starts ??= new List<int>(64);
        words.Clear(); starts.Clear();
        foreach (var t in tokens) words.Add(Normalize(t.Text));
        // Sentences give the boundaries; tokens outside any sentence start a new one.
        int next = 0;
        foreach (var s in doc.Sentences)
        {
            if (s.TokenCount <= 0 || s.FirstToken < next) continue;
            if (s.FirstToken > next) starts.Add(next);
            starts.Add(s.FirstToken);
            next = s.FirstToken + s.TokenCount;
        }
        if (starts.Count == 0 || starts[0] != 0) starts.Insert(0, 0);
        if (next < tokens.Count && next > 0 && starts[^1] < next) starts.Add(next);
        starts.RemoveAll(x => x >= tokens.Count);

        if (t_labels is null || t_labels.Length < tokens.Count) t_labels = new int[Math.Max(tokens.Count, 1024)];
        var labels = t_labels.AsSpan(0, tokens.Count);
        Model.TagLabels(words, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(starts), labels);

        for (int si = 0; si < starts.Count; si++)
        {
            int a = starts[si], b = si + 1 < starts.Count ? starts[si + 1] : tokens.Count;
            foreach (var sp in EntityTags.SpansFromBilou(labels[a..b]))
            {
                int start = tokens[a + sp.Start].Start, end = tokens[a + sp.End - 1].End;
                doc.Mentions.Add(new EntityMention(start, end, doc.Slice(start, end), sp.Type));
            }
        }
    }

    /// <summary>Maps typographic punctuation to the ASCII forms of the training data (no allocation: constant strings).</summary>
    internal static string Normalize(string w)
    {
        if (w.Length != 1) return w.Contains('\u2019', StringComparison.Ordinal) ? w.Replace('\u2019', '\'') : w;
        return w[0] switch
        {
            '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB' => "\"",
            '\u2018' or '\u2019' => "'",
            '\u2013' or '\u2014' => "-",
            _ => w,
        };
    }
}

public static class NerPipelineExtensions
{
    /// <summary>Adds named-entity recognition (stage "ner.v1"); needs tokens and sentences.</summary>
    public static PipelineBuilder UseNer(this PipelineBuilder b, NerOptions? o = null)
    {
        ArgumentNullException.ThrowIfNull(b);
        // The committed model loads in the background from pipeline build on, beside the other models.
        if (o?.Model is null) ModelFiles.Prefetch(() => NerModel.Default);
        return b.Add(new NerStage(o));
    }
}
