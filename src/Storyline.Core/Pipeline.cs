namespace Storyline.Core;

/// <summary>Names of the attributes stages assign and require; used to check pipeline order at build time.</summary>
public static class Attr
{
    public const string RawText = "doc.raw_text";
    public const string Text = "doc.text";
    public const string Metadata = "doc.metadata";
    public const string Language = "doc.language";
    public const string ContentHash = "doc.content_hash";
    public const string Tokens = "doc.tokens";
    public const string Sentences = "doc.sentences";
    public const string Pos = "token.pos";
    public const string Deps = "token.dep";
    public const string Mentions = "doc.mentions";
    public const string Entities = "doc.entities";
    public const string Places = "doc.places";
    public const string Times = "doc.times";
}

/// <summary>What a stage is: a versioned id, what it needs and what it adds.</summary>
public sealed record StageInfo(string Id, IReadOnlyList<string> Requires, IReadOnlyList<string> Assigns);

/// <summary>
/// A pipeline stage: takes a document, adds what it knows. Stages must be thread-safe
/// (one instance serves many documents in parallel) and testable alone.
/// </summary>
public interface IStage
{
    StageInfo Info { get; }
    void Process(Document doc, CancellationToken ct = default);
}

/// <summary>Mutable builder; <see cref="Build"/> checks requirements and returns an immutable pipeline.</summary>
public sealed class PipelineBuilder
{
    private readonly List<IStage> _stages = [];
    public bool Strict { get; set; }

    /// <summary>Attributes the pipeline input already carries (readers give raw text).</summary>
    public HashSet<string> Given { get; } = [Attr.RawText];

    public PipelineBuilder Add(IStage stage) { _stages.Add(stage); return this; }

    public PipelineBuilder InsertBefore<T>(IStage stage) where T : IStage
    {
        int i = _stages.FindIndex(s => s is T);
        if (i < 0) _stages.Add(stage); else _stages.Insert(i, stage);
        return this;
    }

    public PipelineBuilder Remove<T>() where T : IStage { _stages.RemoveAll(s => s is T); return this; }

    public bool Has<T>() where T : IStage => _stages.Any(s => s is T);

    public Pipeline Build()
    {
        var have = new HashSet<string>(Given);
        foreach (var s in _stages)
        {
            foreach (var r in s.Info.Requires)
                if (!have.Contains(r))
                    throw new StorylineException(ErrorCode.SL0101,
                        $"Stage '{s.Info.Id}' needs '{r}', which no earlier stage assigns; reorder or add one.");
            have.UnionWith(s.Info.Assigns);
        }
        return new Pipeline([.. _stages], Strict);
    }
}

/// <summary>An immutable, thread-safe sequence of stages; build once and reuse.</summary>
public sealed class Pipeline(IReadOnlyList<IStage> stages, bool strict)
{
    public IReadOnlyList<IStage> Stages { get; } = stages;

    /// <summary>Runs every stage. Lenient mode: a throwing stage becomes an error diagnostic and the rest still run.</summary>
    public Document Run(Document doc, CancellationToken ct = default)
    {
        foreach (var stage in Stages)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                stage.Process(doc, ct);
                doc.Stages.Add(stage.Info.Id);
            }
            catch (Exception ex) when (!strict && ex is not OperationCanceledException)
            {
                doc.Diagnostics.Add(new Diagnostic(ErrorCode.SL0102,
                    $"Stage '{stage.Info.Id}' failed: {ex.Message}", stage.Info.Id, Severity.Error));
            }
        }
        return doc;
    }
}
