using Storyline.Core;

namespace Storyline.Language.Tokenization;

/// <summary>Options of the tokenizer stage.</summary>
public sealed record TokenizerStageOptions
{
    public TokenizerOptions Tokenizer { get; init; } = new();
    public SentenceSplitterOptions Sentences { get; init; } = new();
}

/// <summary>Fills <see cref="Document.Tokens"/> and <see cref="Document.Sentences"/> from <see cref="Document.Text"/>.</summary>
public sealed class TokenizerStage(TokenizerStageOptions? options = null) : IStage
{
    public const string Id = "tokens.v1";

    private readonly Tokenizer _tokenizer = new((options ?? new()).Tokenizer);
    private readonly SentenceSplitter _splitter = new((options ?? new()).Sentences);

    public StageInfo Info { get; } = new(Id, Requires: [Attr.Text], Assigns: [Attr.Tokens, Attr.Sentences]);

    public void Process(Document doc, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(doc);
        doc.Tokens.Clear();
        doc.Sentences.Clear();
        _tokenizer.Tokenize(doc.Text, 0, doc.Text.Length, doc.Tokens);
        doc.Sentences.AddRange(_splitter.Split(doc.Text, doc.Tokens));
    }
}

public static class TokenizerPipelineExtensions
{
    /// <summary>Adds the tokenizer and sentence splitter (stage "tokens.v1").</summary>
    public static PipelineBuilder UseTokenizer(this PipelineBuilder b, TokenizerStageOptions? o = null)
    {
        ArgumentNullException.ThrowIfNull(b);
        return b.Add(new TokenizerStage(o));
    }
}
