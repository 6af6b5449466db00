namespace Storyline.Stories.Embedding;

/// <summary>
/// The process-wide sentence embedder and its switch. Off by default: STORYLINE_EMBEDDINGS=on (or 1/true) turns it on, and
/// the paraphrase classifier then uses models/stories-paraphrase-embed.json (lexical features + MiniLM cosine, +1.4 points
/// accuracy / +2.0 F1 on our MSRP test part) instead of the lexical model. Off by default because its ingest cost was not
/// yet measured on the benchmarks (the encoder costs ~10-20 ms CPU per sentence on this machine).
/// </summary>
public static class SentenceEmbeddings
{
    public const string EnvironmentVariable = "STORYLINE_EMBEDDINGS";

    /// <summary>True when the environment switches embeddings on.</summary>
    public static bool Enabled { get; } =
        Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim().ToLowerInvariant() is "on" or "1" or "true" or "yes";

    /// <summary>
    /// Makes the embedder; set once by the host (the CLI registers MiniLM from Storyline.Embeddings), so the model and ONNX
    /// Runtime are shipped only with what can use them.
    /// </summary>
    public static Func<ISentenceEmbedder>? Factory { get; set; }

    private static readonly Lazy<ISentenceEmbedder> _default = new(() => Factory?.Invoke()
        ?? throw new InvalidOperationException($"{EnvironmentVariable} is on but this program registered no sentence embedder"));

    /// <summary>The shared embedder (loaded on first encoding), or null when switched off.</summary>
    public static ISentenceEmbedder? Default => Enabled ? _default.Value : null;

    /// <summary>The shared embedder whatever the switch says, for features an option asks for explicitly.</summary>
    public static ISentenceEmbedder Shared => _default.Value;
}
