using System.Runtime.InteropServices;
using Storyline.Core;

namespace Storyline.Language.Syntax;

/// <summary>Options of the tagger stage.</summary>
public sealed record TaggerOptions
{
    /// <summary>Model file; null uses the committed models/pos.bin (shared, loaded once).</summary>
    public string? ModelPath { get; init; }

    /// <summary>Also fill <see cref="Token.Lemma"/>.</summary>
    public bool Lemmas { get; init; } = true;
}

/// <summary>Options of the parser stage.</summary>
public sealed record ParserOptions
{
    /// <summary>Model file; null uses the committed models/parser.bin (shared, loaded once).</summary>
    public string? ModelPath { get; init; }
}

/// <summary>Fills <see cref="Token.Pos"/> (UPOS), <see cref="Token.Tag"/> (PTB) and <see cref="Token.Lemma"/>, sentence by sentence.</summary>
public sealed class TaggerStage : IStage
{
    public const string Id = "tagger.v1";

    private readonly Lazy<PosTagger> _tagger;
    private readonly bool _lemmas;

    public TaggerStage(TaggerOptions? options = null)
    {
        var o = options ?? new();
        _lemmas = o.Lemmas;
        _tagger = o.ModelPath is null ? new(() => PosTagger.Default) : new(() => PosTagger.Load(o.ModelPath));
        // Load while the pipeline's first documents are read and cleaned, not when the first one reaches this stage.
        ModelFiles.Prefetch(() => _tagger.Value);
    }

    public StageInfo Info { get; } = new(Id, Requires: [Attr.Tokens], Assigns: [Attr.Pos]);

    public void Process(Document doc, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var tagger = _tagger.Value;
        var tokens = CollectionsMarshal.AsSpan(doc.Tokens);
        foreach (var (first, count) in SentenceRanges.Of(doc))
        {
            ct.ThrowIfCancellationRequested();
            var words = new string[count];
            for (int i = 0; i < count; i++) words[i] = tokens[first + i].Text;
            var classes = new int[count];
            tagger.TagClasses(words, classes);
            for (int i = 0; i < count; i++)
            {
                ref var t = ref tokens[first + i];
                t.Pos = tagger.UposOf(classes[i]);
                t.Tag = tagger.XposOf(classes[i]);
                if (_lemmas) t.Lemma = tagger.Lemmatizer.Lemmatize(t.Text, t.Pos, t.Tag);
            }
        }
    }
}

/// <summary>Fills <see cref="Token.Head"/> (index into <see cref="Document.Tokens"/>, -1 for a sentence root) and <see cref="Token.Dep"/>.</summary>
public sealed class ParserStage : IStage
{
    public const string Id = "parser.v1";

    private readonly Lazy<DependencyParser> _parser;

    public ParserStage(ParserOptions? options = null)
    {
        var o = options ?? new();
        _parser = o.ModelPath is null ? new(() => DependencyParser.Default) : new(() => DependencyParser.Load(o.ModelPath));
        ModelFiles.Prefetch(() => _parser.Value);
    }

    public StageInfo Info { get; } = new(Id, Requires: [Attr.Pos], Assigns: [Attr.Deps]);

    public void Process(Document doc, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var parser = _parser.Value;
        var tokens = CollectionsMarshal.AsSpan(doc.Tokens);
        foreach (var (first, count) in SentenceRanges.Of(doc))
        {
            ct.ThrowIfCancellationRequested();
            var words = new string[count];
            var tagIds = new int[count];
            for (int i = 0; i < count; i++)
            {
                words[i] = tokens[first + i].Text;
                tagIds[i] = parser.TagId(tokens[first + i].Pos ?? "X", tokens[first + i].Tag ?? "");
            }
            var parse = parser.Parse(words, tagIds);
            for (int i = 0; i < count; i++)
            {
                ref var t = ref tokens[first + i];
                t.Head = parse.Heads[i] < 0 ? -1 : first + parse.Heads[i];
                t.Dep = parse.Labels[i];
            }
        }
    }
}

/// <summary>The token ranges to tag and parse: the document's sentences, or all tokens in bounded pieces when there are none.</summary>
internal static class SentenceRanges
{
    private const int FallbackChunk = SentenceSplitterDefaults.MaxTokens;

    public static IEnumerable<(int First, int Count)> Of(Document doc)
    {
        if (doc.Sentences.Count > 0)
        {
            foreach (var s in doc.Sentences) if (s.TokenCount > 0) yield return (s.FirstToken, s.TokenCount);
            yield break;
        }
        for (int i = 0; i < doc.Tokens.Count; i += FallbackChunk)
            yield return (i, Math.Min(FallbackChunk, doc.Tokens.Count - i));
    }
}

internal static class SentenceSplitterDefaults
{
    public const int MaxTokens = Tokenization.SentenceSplitterOptions.DefaultMaxTokens;
}

public static class SyntaxPipelineExtensions
{
    /// <summary>Adds the part-of-speech tagger (stage "tagger.v1").</summary>
    public static PipelineBuilder UseTagger(this PipelineBuilder b, TaggerOptions? o = null)
    {
        ArgumentNullException.ThrowIfNull(b);
        return b.Add(new TaggerStage(o));
    }

    /// <summary>Adds the dependency parser (stage "parser.v1").</summary>
    public static PipelineBuilder UseParser(this PipelineBuilder b, ParserOptions? o = null)
    {
        ArgumentNullException.ThrowIfNull(b);
        return b.Add(new ParserStage(o));
    }
}
