using Storyline.Core;
using Storyline.Cleaning;
using Storyline.Core.Stages;
using Storyline.Entities;
using Storyline.Extraction;
using Storyline.Language.Syntax;
using Storyline.Language.Tokenization;
using Storyline.Metadata;
using Storyline.Ner;
using Storyline.Time;

namespace Storyline.Engine;

/// <summary>
/// The one place where the standard pipeline is assembled, in order. Each stage lives in its own
/// project and is testable alone; this class only decides which run and in what order.
/// </summary>
public static class DefaultPipeline
{
    /// <summary>Options for the standard pipeline.</summary>
    public sealed record Options
    {
        /// <summary>Run the language layer (tokens, tags, parse, entities, places, times).</summary>
        public bool Language { get; init; } = true;
        /// <summary>Run the POS tagger and dependency parser (later stages — quotes, events — need them).</summary>
        public bool Syntax { get; init; } = true;
        public bool Strict { get; init; }
    }

    public static Pipeline Build(Options? options = null)
    {
        options ??= new Options();
        var b = new PipelineBuilder { Strict = options.Strict };
        // Body first (HTML main content, or plain-text debris cleaning); metadata then sees what cleaning found
        // (headline, byline, credits) and never overrides a field an explicit container field set.
        b.UseHtmlExtraction();
        b.UseTextCleaning();
        b.UseMetadata();
        b.Add(new PassThroughTextStage());
        b.Add(new ContentHashStage());
        if (options.Language)
        {
            // The language layer: who, where and when.
            b.UseTokenizer();
            if (options.Syntax) { b.UseTagger(); b.UseParser(); }
            b.UseNer();
            b.UseEntities();
            b.Add(new EntityKeyStage());
            b.UsePlaces();
            b.UseTimes();
        }
        return b.Build();
    }

    private static readonly Lazy<Pipeline> Shared = new(() => Build());

    /// <summary>The default pipeline, built once and shared (pipelines are immutable and thread-safe).</summary>
    public static Pipeline Default => Shared.Value;
}
