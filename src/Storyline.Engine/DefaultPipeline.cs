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
using Storyline.Quotes;
using Storyline.Events;
using Storyline.Claims;

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

        /// <summary>Clean-text length above which the language layer is skipped (SL1017): a deterministic budget.</summary>
        public int MaxLanguageChars { get; init; } = StageGuards.DefaultMaxLanguageChars;

        /// <summary>
        /// Last-resort wall-clock limit per document (fails it with SL1017); null for none. Results must never depend
        /// on it: it is far above what any document costs (the deterministic budgets keep documents cheap), so it only
        /// fires on a bug, never under ordinary load.
        /// </summary>
        public TimeSpan? Watchdog { get; init; } = DefaultWatchdog;

        /// <summary>Run the statement layer (quotes, events, claims); needs <see cref="Syntax"/>.</summary>
        public bool Statements { get; init; } = true;

        /// <summary>Flag junk (too short, no words, one repeated character) as not an article.</summary>
        public bool ArticleCheck { get; init; } = true;
    }

    /// <summary>60 s per document: typical documents take milliseconds, the slowest real pages well under a second.</summary>
    public static readonly TimeSpan DefaultWatchdog = TimeSpan.FromSeconds(60);

    public static Pipeline Build(Options? options = null)
    {
        options ??= new Options();
        var b = new PipelineBuilder { Strict = options.Strict, Watchdog = options.Watchdog };
        // Body first (HTML main content, or plain-text debris cleaning), each into its own field; the text stage alone
        // composes doc.Text from them. Metadata then sees the body and what cleaning found (headline, byline, credits)
        // and never overrides a field an explicit container field set.
        b.UseHtmlExtraction();
        b.UseTextCleaning();
        b.Add(new TextStage());
        b.UseMetadata();
        b.Add(new ContentHashStage());
        if (options.ArticleCheck) b.Add(new ArticleCheckStage());
        if (options.Language)
        {
            // The language layer: who, where and when. Skipped whole for junk and for texts over the length budget.
            b.BeginSection(StageGuards.LanguageLayer(options.MaxLanguageChars));
            b.UseTokenizer();
            if (options.Syntax) { b.UseTagger(); b.UseParser(); }
            b.UseNer();
            b.UseEntities();
            b.Add(new EntityKeyStage());
            b.UsePlaces();
            b.UseTimes();
            if (options.Syntax && options.Statements)
            {
                // The statement layer: who said what, who did what to whom; read off the layers above.
                b.UseQuotes();
                b.UseEvents();
                b.UseClaims();
            }
            b.EndSection();
        }
        return b.Build();
    }

    private static readonly Lazy<Pipeline> Shared = new(() => Build());

    /// <summary>The default pipeline, built once and shared (pipelines are immutable and thread-safe).</summary>
    public static Pipeline Default => Shared.Value;
}
