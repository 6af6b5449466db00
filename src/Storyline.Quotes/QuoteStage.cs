using Storyline.Core;

namespace Storyline.Quotes;

/// <summary>
/// Finds direct quotes and reported speech and resolves their speakers (<c>quotes.v1</c>). Reads the shared
/// tokens, sentences, POS tags, dependency parse and entity mentions; adds <see cref="Document.Quotes"/> in text order.
/// </summary>
public sealed class QuoteStage : IStage
{
    public const string Id = "quotes.v1";

    /// <summary>Documents with more tokens than this get no quotes (a deterministic budget; news is far below).</summary>
    public const int MaxTokens = 200_000;

    public StageInfo Info { get; } = new(Id,
        Requires: [Attr.Text, Attr.Tokens, Attr.Sentences, Attr.Pos, Attr.Deps, Attr.Mentions, Attr.Entities],
        Assigns: [Attr.Quotes]);

    private readonly AttributionModel? _model;
    private readonly bool _modelGiven;

    /// <summary>The stage with the committed model (models/quotes.bin, loaded on first use).</summary>
    public QuoteStage() { }

    /// <summary>The stage with a given model; null runs the rules alone.</summary>
    public QuoteStage(AttributionModel? model) { _model = model; _modelGiven = true; }

    public void Process(Document doc, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(doc);
        doc.Quotes.Clear();
        if (doc.Tokens.Count == 0 || doc.Sentences.Count == 0 || doc.Tokens.Count > MaxTokens) return;
        doc.Quotes.AddRange(Extract(doc, _modelGiven ? _model : AttributionModel.Shared, ct));
    }

    internal static List<Quote> Extract(Document doc, AttributionModel? model, CancellationToken ct = default)
    {
        var finder = new QuoteFinder(doc, model);
        var candidates = finder.Find(ct);
        var resolver = new SpeakerResolver(doc, finder.SentenceOf, finder.FirstChild, finder.NextSibling);
        var tk = doc.Tokens;
        var quotes = new List<Quote>(candidates.Count);
        int previousEntity = -1, previousSentence = -1;
        foreach (var c in candidates)
        {
            var r = resolver.Resolve(c.SourceFirst, c.SourceLast, c.SourceHead, previousEntity, previousSentence);
            int start = tk[c.ContentFirst].Start, end = tk[c.ContentLast].End;
            int sentence = finder.SentenceOf[c.ContentFirst];
            var q = new Quote
            {
                Text = doc.Text[start..end],
                Start = start,
                End = end,
                Kind = c.Kind,
                Speaker = r.SpeakerFirst >= 0 ? doc.Text[tk[r.SpeakerFirst].Start..tk[r.SpeakerLast].End] : null,
                SpeakerStart = r.SpeakerFirst >= 0 ? tk[r.SpeakerFirst].Start : -1,
                SpeakerEnd = r.SpeakerFirst >= 0 ? tk[r.SpeakerLast].End : -1,
                SpeakerEntity = r.Entity,
                Unnamed = r.Unnamed,
                Via = r.ViaFirst >= 0 ? doc.Text[tk[r.ViaFirst].Start..tk[r.ViaLast].End] : null,
                ViaStart = r.ViaFirst >= 0 ? tk[r.ViaFirst].Start : -1,
                ViaEnd = r.ViaFirst >= 0 ? tk[r.ViaLast].End : -1,
                ViaEntity = r.ViaEntity,
                Cue = c.Cue,
                CueStart = c.CueFirst >= 0 ? tk[c.CueFirst].Start : -1,
                CueEnd = c.CueFirst >= 0 ? tk[c.CueLast].End : -1,
                Sentence = sentence,
            };
            quotes.Add(q);
            if (r.Entity >= 0) { previousEntity = r.Entity; previousSentence = finder.SentenceOf[c.ContentLast]; }
        }
        return quotes;
    }
}

public static class QuotePipelineExtensions
{
    /// <summary>Adds the quotes stage ("quotes.v1").</summary>
    public static PipelineBuilder UseQuotes(this PipelineBuilder b)
    {
        ArgumentNullException.ThrowIfNull(b);
        // The committed model loads in the background from pipeline build on, beside the other models.
        ModelFiles.Prefetch(() => AttributionModel.Shared);
        return b.Add(new QuoteStage());
    }
}
