namespace Storyline.Stories.Embedding;

/// <summary>
/// The process-wide sentence embedder and its switch. STORYLINE_EMBEDDINGS=off (or 0/false) turns embeddings off: the
/// paraphrase classifier and the story join then use their lexical models only.
/// </summary>
public static class SentenceEmbeddings
{
    public const string EnvironmentVariable = "STORYLINE_EMBEDDINGS";

    /// <summary>False when the environment switches embeddings off.</summary>
    public static bool Enabled { get; } =
        Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim().ToLowerInvariant() is not ("off" or "0" or "false" or "no");

    private static readonly Lazy<MiniLmEmbedder> _default = new(() => new MiniLmEmbedder());

    /// <summary>The shared MiniLM embedder (loaded on first encoding), or null when switched off.</summary>
    public static ISentenceEmbedder? Default => Enabled ? _default.Value : null;
}
