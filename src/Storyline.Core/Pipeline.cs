namespace Storyline.Core;

/// <summary>Names of the attributes stages assign and require; used to check pipeline order at build time.</summary>
public static class Attr
{
    public const string RawText = "doc.raw_text";
    /// <summary>The body text every later stage reads, <see cref="Document.Text"/>; assigned by one stage only (text.v1).</summary>
    public const string Text = "doc.text";
    /// <summary>The main content of an HTML page, <see cref="Document.ExtractedText"/> (the extraction stage).</summary>
    public const string ExtractedText = "doc.extracted_text";
    /// <summary>A plain-text document without its debris, <see cref="Document.CleanedText"/> (the cleaning stage).</summary>
    public const string CleanedText = "doc.cleaned_text";
    /// <summary>What extraction and cleaning removed, with reasons: <see cref="Document.Removed"/>.</summary>
    public const string Removed = "doc.removed";
    /// <summary>The parsed HTML page, <see cref="Document.Html"/>.</summary>
    public const string Html = "doc.html";
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
    public const string NotArticle = "doc.not_article";
    public const string Quotes = "doc.quotes";
    public const string Events = "doc.events";
    public const string Claims = "doc.claims";
}

/// <summary>What a stage is: a versioned id, what it needs and what it adds.</summary>
/// <param name="Id">Versioned stage id ("thing.v1").</param>
/// <param name="Requires">Attributes the stage cannot run without: an earlier stage must assign each (checked by
/// <see cref="PipelineBuilder.Build"/>); at run time the stage is skipped (SL1019) when one is missing.</param>
/// <param name="Assigns">Every document field the stage writes (the default pipeline's contract test checks it).</param>
public sealed record StageInfo(string Id, IReadOnlyList<string> Requires, IReadOnlyList<string> Assigns)
{
    /// <summary>
    /// Attributes the stage reads when they are there and does without otherwise (e.g. the text stage reads the extracted
    /// or the cleaned text, whichever the pipeline has). When the pipeline has a stage that assigns one, that stage must
    /// come earlier: <see cref="PipelineBuilder.Build"/> rejects the order otherwise (SL0101).
    /// </summary>
    public IReadOnlyList<string> Reads { get; init; } = [];
}

/// <summary>
/// A pipeline stage: takes a document, adds what it knows. Stages must be thread-safe
/// (one instance serves many documents in parallel) and testable alone.
/// </summary>
public interface IStage
{
    StageInfo Info { get; }
    void Process(Document doc, CancellationToken ct = default);
}

/// <summary>
/// A condition checked once, before the first stage of a section of the pipeline (e.g. the language layer):
/// when it returns a diagnostic, every stage of the section is skipped for that document and the
/// diagnostic is recorded once. Must be deterministic (a function of the document only).
/// </summary>
/// <param name="Name">What the section is, for messages ("language layer").</param>
/// <param name="SkipIf">Null to run the section; otherwise the reason it is skipped (SL1019, SL1017...).</param>
public sealed record StageGuard(string Name, Func<Document, Diagnostic?> SkipIf);

/// <summary>Mutable builder; <see cref="Build"/> checks requirements and returns an immutable pipeline.</summary>
public sealed class PipelineBuilder
{
    private readonly List<(IStage Stage, StageGuard? Guard)> _stages = [];
    private StageGuard? _section;
    public bool Strict { get; set; }

    /// <summary>
    /// Last-resort wall-clock limit per document (null: none). A document that runs longer fails with SL1017.
    /// Results must never depend on it: set it far above normal costs (deterministic budgets —
    /// text length, nesting depth, element counts — are what keep documents cheap).
    /// </summary>
    public TimeSpan? Watchdog { get; set; }

    /// <summary>Attributes the pipeline input already carries (readers give raw text).</summary>
    public HashSet<string> Given { get; } = [Attr.RawText];

    public PipelineBuilder Add(IStage stage) { _stages.Add((stage, _section)); return this; }

    public PipelineBuilder InsertBefore<T>(IStage stage) where T : IStage
    {
        int i = _stages.FindIndex(s => s.Stage is T);
        if (i < 0) _stages.Add((stage, _section)); else _stages.Insert(i, (stage, _stages[i].Guard));
        return this;
    }

    public PipelineBuilder Remove<T>() where T : IStage { _stages.RemoveAll(s => s.Stage is T); return this; }

    public bool Has<T>() where T : IStage => _stages.Any(s => s.Stage is T);

    /// <summary>
    /// Stages added from now until <see cref="EndSection"/> form one section guarded by <paramref name="guard"/>:
    /// all run, or (when the guard gives a reason) none run. Sections do not nest.
    /// </summary>
    public PipelineBuilder BeginSection(StageGuard guard)
    {
        if (_section is not null) throw new InvalidOperationException($"section '{_section.Name}' is still open");
        _section = guard;
        return this;
    }

    public PipelineBuilder EndSection() { _section = null; return this; }

    public Pipeline Build()
    {
        var have = new HashSet<string>(Given);
        foreach (var (s, _) in _stages)
        {
            foreach (var r in s.Info.Requires)
                if (!have.Contains(r))
                    throw new StorylineException(ErrorCode.SL0101,
                        $"Stage '{s.Info.Id}' needs '{r}', which no earlier stage assigns; reorder or add one.");
            have.UnionWith(s.Info.Assigns);
        }
        // An optional input assigned only after its reader would silently never be read: a wrong order.
        for (int i = 0; i < _stages.Count; i++)
            foreach (var r in _stages[i].Stage.Info.Reads)
                if (!Given.Contains(r) && !_stages.Take(i).Any(e => e.Stage.Info.Assigns.Contains(r))
                    && _stages.Skip(i + 1).FirstOrDefault(l => l.Stage.Info.Assigns.Contains(r)).Stage is { } later)
                    throw new StorylineException(ErrorCode.SL0101,
                        $"Stage '{_stages[i].Stage.Info.Id}' reads '{r}', which '{later.Info.Id}' assigns only after it; reorder.");
        return new Pipeline([.. _stages.Select(s => s.Stage)], Strict, [.. _stages.Select(s => s.Guard)], [.. Given], Watchdog);
    }
}

/// <summary>An immutable, thread-safe sequence of stages; build once and reuse.</summary>
public sealed class Pipeline
{
    private readonly bool _strict;
    private readonly StageGuard?[] _guards;
    private readonly string[] _given;

    public IReadOnlyList<IStage> Stages { get; }

    /// <summary>The last-resort wall-clock limit per document, or null (see <see cref="PipelineBuilder.Watchdog"/>).</summary>
    public TimeSpan? Watchdog { get; }

    public Pipeline(IReadOnlyList<IStage> stages, bool strict) : this(stages, strict, null, null, null) { }

    internal Pipeline(IReadOnlyList<IStage> stages, bool strict, StageGuard?[]? guards, string[]? given, TimeSpan? watchdog)
    {
        Stages = stages;
        _strict = strict;
        _guards = guards ?? new StageGuard?[stages.Count];
        _given = given ?? [Attr.RawText];
        Watchdog = watchdog;
    }

    /// <summary>
    /// Runs every stage. Lenient mode: a throwing stage becomes an error diagnostic and the rest still run,
    /// except stages whose inputs that stage (or another skipped one) should have assigned: those are skipped
    /// with SL1019 instead of running on garbage. A guarded section whose guard gives a reason is skipped whole.
    /// </summary>
    public Document Run(Document doc, CancellationToken ct = default)
    {
        // What this document actually has: given attributes plus those assigned by stages that ran to the end.
        var have = new HashSet<string>(_given, StringComparer.Ordinal);
        StageGuard? section = null;
        Diagnostic? sectionSkip = null;
        using var watchdog = Watchdog is { } limit ? CancellationTokenSource.CreateLinkedTokenSource(ct) : null;
        watchdog?.CancelAfter(Watchdog!.Value);
        var token = watchdog?.Token ?? ct;
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (int i = 0; i < Stages.Count; i++)
        {
            var stage = Stages[i];
            ct.ThrowIfCancellationRequested();
            CheckWatchdog(doc, stage, started);
            var guard = _guards[i];
            if (!ReferenceEquals(guard, section))
            {
                // Entering a new section (or leaving one): the guard is asked once per document.
                section = guard;
                sectionSkip = guard?.SkipIf(doc);
                if (sectionSkip is not null) doc.Diagnostics.Add(sectionSkip);
            }
            if (sectionSkip is not null) continue;
            if (stage.Info.Requires.FirstOrDefault(r => !have.Contains(r)) is { } missing)
            {
                doc.Diagnostics.Add(new Diagnostic(ErrorCode.SL1019,
                    $"Stage '{stage.Info.Id}' skipped: its input '{missing}' is missing (an earlier stage failed or was skipped).",
                    stage.Info.Id, Severity.Warning));
                continue;
            }
            try
            {
                stage.Process(doc, token);
                doc.Stages.Add(stage.Info.Id);
                have.UnionWith(stage.Info.Assigns);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested && watchdog is not null && watchdog.IsCancellationRequested)
            {
                throw WatchdogFailure(doc, stage);
            }
            // A missing model is a broken installation, not a bad document: it stops the run with its own message.
            catch (Exception ex) when (!_strict && ex is not OperationCanceledException and not ModelNotFoundException)
            {
                doc.Diagnostics.Add(new Diagnostic(ErrorCode.SL0102,
                    $"Stage '{stage.Info.Id}' failed: {ex.Message}", stage.Info.Id, Severity.Error));
            }
        }
        CheckWatchdog(doc, null, started);
        return doc;
    }

    /// <summary>A stage that ignores its token cannot be stopped; the document still fails once it returns.</summary>
    private void CheckWatchdog(Document doc, IStage? next, long started)
    {
        if (Watchdog is { } limit && System.Diagnostics.Stopwatch.GetElapsedTime(started) > limit)
            throw WatchdogFailure(doc, next);
    }

    private StorylineException WatchdogFailure(Document doc, IStage? stage)
    {
        var where = stage is null ? "" : $" (at stage '{stage.Info.Id}')";
        var msg = FormattableString.Invariant($"{doc.Origin}: processing took longer than the {Watchdog!.Value.TotalSeconds:0.#} s watchdog{where}");
        doc.Diagnostics.Add(new Diagnostic(ErrorCode.SL1017, msg, stage?.Info.Id, Severity.Error));
        return new StorylineException(ErrorCode.SL1017, msg);
    }
}
