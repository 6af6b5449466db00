using Storyline.Core;

namespace Storyline.Events;

/// <summary>
/// Finds who did what to whom, when and where, and codes it with CAMEO, Goldstein and PLOVER (<c>events.v1</c>).
/// Reads the shared layers only: each verb of a sentence is looked up in the compiled PETRARCH2 verb dictionary,
/// its block's phrase patterns are matched against the words of the verb's own clause (the dependency subtree
/// without embedded clauses) and the most specific match gives the CAMEO code; the actor is the clause's subject
/// (inherited through xcomp/conj, by-agent in the passive), the target its object or a with/against/to/on phrase,
/// each coded to country + sector from the actor and agent dictionaries and the entities' countries and roles.
/// Date and place are the time/place expressions attached to the verb or to a clause above it.
/// </summary>
public sealed class EventStage : IStage
{
    public const string Id = "events.v1";

    private readonly EventLexicon? _lexicon;

    /// <summary>Uses the shared lexicon (models/events.bin, loaded on first use).</summary>
    public EventStage() { }

    public EventStage(EventLexicon lexicon) => _lexicon = lexicon;

    public StageInfo Info { get; } = new(Id,
        Requires: [Attr.Text, Attr.Tokens, Attr.Sentences, Attr.Pos, Attr.Deps, Attr.Mentions, Attr.Entities, Attr.Places, Attr.Times],
        Assigns: [Attr.Events]);

    public void Process(Document doc, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(doc);
        doc.Events.Clear();
        var lex = _lexicon ?? EventLexicon.Default;
        if (lex.Verbs.Count == 0 || doc.Tokens.Count == 0) return;
        var coder = new EventCoder(doc, lex);
        for (int s = 0; s < doc.Sentences.Count; s++)
        {
            if ((s & 31) == 0) ct.ThrowIfCancellationRequested();
            coder.CodeSentence(s, doc.Events);
        }
    }
}

public static class EventPipelineExtensions
{
    /// <summary>Adds the events stage ("events.v1").</summary>
    public static PipelineBuilder UseEvents(this PipelineBuilder b)
    {
        ArgumentNullException.ThrowIfNull(b);
        // The committed lexicon loads in the background from pipeline build on, beside the other models.
        ModelFiles.Prefetch(() => EventLexicon.Default);
        return b.Add(new EventStage());
    }
}
