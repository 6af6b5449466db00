using System.Text;
using Storyline.Core;
using Storyline.Core.Stages;
using Storyline.Language.Tokenization;
using Storyline.Time;

namespace Storyline.Timeline.Tests;

/// <summary>
/// Hand-made documents: the real tokenizer/sentence splitter and time layer run on the text; events, quotes and claims
/// are written by hand the way the statement stages will fill them (offsets into the text, sentence and time indexes).
/// </summary>
internal static class Docs
{
    private static readonly TokenizerStage Tokens = new();
    private static readonly TimeStage Times = new();
    private static int _n;

    public static Document Make(string text, DateTimeOffset? published, string source, string? title = null, long id = 0)
    {
        var d = new Document { Id = id, Origin = new DocumentOrigin($"test:{Interlocked.Increment(ref _n)}"), Text = text, RawText = text };
        d.RawBytes = Encoding.UTF8.GetBytes(text);
        if (published is { } p) d.Metadata.Published = new Field<DateTimeOffset>(p, "test");
        d.Metadata.Source = new Field<string>(source, "test");
        d.Metadata.Publisher = new Field<string>(source, "test");
        if (title is not null) d.Metadata.Title = new Field<string>(title, "test");
        new ContentHashStage().Process(d);
        Tokens.Process(d);
        Times.Process(d);
        return d;
    }

    /// <summary>Adds an event triggered by <paramref name="trigger"/>, dated by the first date expression of its sentence (as the events stage does).</summary>
    public static Document Event(this Document d, string trigger, string? actor, string action, string? target, bool negated = false, bool hypothetical = false,
        string? cameo = null, string? actorCode = null, string? targetCode = null)
    {
        int start = Index(d, trigger);
        int si = SentenceOf(d, start);
        int ti = TimeNear(d, si, start);
        d.Events.Add(new NewsEvent
        {
            Action = action, Start = start, End = start + trigger.Length, Sentence = si, Actor = actor, Target = target,
            Time = ti, Date = ti >= 0 ? d.Times[ti].Value : null, Negated = negated, Hypothetical = hypothetical,
            Cameo = cameo, ActorCode = actorCode, TargetCode = targetCode,
        });
        return d;
    }

    public static Document Quote(this Document d, string text, string speaker)
    {
        int start = Index(d, text);
        d.Quotes.Add(new Quote { Text = text, Start = start, End = start + text.Length, Kind = "direct", Speaker = speaker, Cue = "say", Sentence = SentenceOf(d, start) });
        return d;
    }

    public static Document Claim(this Document d, string text, string? speaker, string? side, string? sideKey,
        string? subject = null, string? predicate = null, string? value = null, bool negated = false, int quote = -1)
    {
        int start = Index(d, text);
        d.Claims.Add(new Claim
        {
            Text = text, Start = start, End = start + text.Length, Speaker = speaker, Side = side, SideKey = sideKey,
            Subject = subject, Predicate = predicate, Value = value, Negated = negated, Quote = quote,
        });
        return d;
    }

    private static int Index(Document d, string part)
    {
        int i = d.Text.IndexOf(part, StringComparison.Ordinal);
        Assert.True(i >= 0, $"'{part}' is not in the text");
        return i;
    }

    private static int SentenceOf(Document d, int offset)
    {
        int si = d.Sentences.FindIndex(s => offset >= s.Start && offset < s.End);
        Assert.True(si >= 0, $"no sentence at {offset}");
        return si;
    }

    /// <summary>The date expression of the sentence nearest to the trigger, or -1.</summary>
    private static int TimeNear(Document d, int si, int at)
    {
        var s = d.Sentences[si];
        int best = -1, dist = int.MaxValue;
        for (int i = 0; i < d.Times.Count; i++)
        {
            var t = d.Times[i];
            if (t.Type is not ("DATE" or "TIME") || t.Start < s.Start || t.End > s.End) continue;
            int x = Math.Min(Math.Abs(t.Start - at), Math.Abs(t.End - at));
            if (x < dist) { dist = x; best = i; }
        }
        return best;
    }
}
