using Storyline.Core;

namespace Storyline.Time;

/// <summary>Options of <see cref="TimeStage"/>.</summary>
public sealed record TimeOptions
{
    public TimeTaggerOptions Tagger { get; init; } = TimeTaggerOptions.Default;
}

/// <summary>
/// Finds and normalises the time expressions of a document against its publication date
/// (<see cref="DocumentMetadata.Published"/>); when that is missing, relative expressions are marked
/// <see cref="TimeAnchor.Unknown"/> instead of being resolved against a guess.
/// </summary>
public sealed class TimeStage(TimeOptions? options = null) : IStage
{
    public const string Id = "time.v1";

    private readonly TimeOptions _options = options ?? new();

    public StageInfo Info { get; } = new(Id, Requires: [Attr.Text], Assigns: [Attr.Times]);

    public void Process(Document doc, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(doc);
        doc.Times.Clear();
        DateTimeOffset? anchor = doc.Metadata.Published?.Value;
        doc.Times.AddRange(TimeExpressionTagger.Tag(doc.Text, anchor, _options.Tagger));
    }
}

public static class TimePipelineExtensions
{
    /// <summary>Adds the time-expression stage ("time.v1").</summary>
    public static PipelineBuilder UseTimes(this PipelineBuilder b, TimeOptions? o = null)
    {
        ArgumentNullException.ThrowIfNull(b);
        return b.Add(new TimeStage(o));
    }
}
