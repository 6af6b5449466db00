using Storyline.Core;

namespace Storyline.Claims.Tests;

/// <summary>Documents run through the real pipeline, with hand-made quotes where a test needs exact statements.</summary>
internal static class ClaimTestKit
{
    /// <summary>The default pipeline without the not-an-article check, so one-sentence test texts get the language layer.</summary>
    public static readonly Pipeline Pipeline = Engine.DefaultPipeline.Build(new Engine.DefaultPipeline.Options { ArticleCheck = false });

    public static Document Run(string text)
    {
        var doc = new Document { Origin = new DocumentOrigin("test.txt"), RawText = text };
        Pipeline.Run(doc);
        return doc;
    }

    /// <summary>
    /// A document whose only statement is the hand-made quote: <paramref name="speaker"/> said <paramref name="content"/>
    /// (both must occur in <paramref name="text"/>); the claims stage is run on it.
    /// </summary>
    public static Document WithQuote(string text, string speaker, string content, string cue = "say")
    {
        var doc = Run(text);
        int s = doc.Text.IndexOf(speaker, StringComparison.Ordinal), c = doc.Text.IndexOf(content, StringComparison.Ordinal);
        if (s < 0 || c < 0) throw new ArgumentException("speaker and content must occur in the text");
        int entity = -1;
        foreach (var m in doc.Mentions)
            if (m.Start >= s && m.End <= s + speaker.Length && m.Entity >= 0 && doc.Entities[m.Entity].Type == "PER") entity = m.Entity;
        doc.Quotes.Clear();
        doc.Quotes.Add(new Quote
        {
            Text = content, Start = c, End = c + content.Length, Kind = "reported",
            Speaker = speaker, SpeakerStart = s, SpeakerEnd = s + speaker.Length, SpeakerEntity = entity, Cue = cue,
        });
        new ClaimStage().Process(doc);
        return doc;
    }

    /// <summary>
    /// A document with hand-made statements (speaker, content, cue word as written — each must occur in the text, in
    /// order of appearance), quotes placed the way the quotes stage places them; the claims stage is run on it.
    /// </summary>
    public static Document WithQuotes(string text, params (string Speaker, string Content, string Cue)[] statements)
    {
        var doc = Run(text);
        doc.Quotes.Clear();
        int from = 0;
        foreach (var (speaker, content, cue) in statements)
        {
            int s = doc.Text.IndexOf(speaker, from, StringComparison.Ordinal);
            int k = doc.Text.IndexOf(cue, from, StringComparison.Ordinal);
            int c = doc.Text.IndexOf(content, from, StringComparison.Ordinal);
            if (s < 0 || c < 0 || k < 0) throw new ArgumentException($"'{speaker}', '{cue}' and '{content}' must occur in the text");
            int entity = -1;
            foreach (var m in doc.Mentions)
                if (m.Start >= s && m.End <= s + speaker.Length && m.Entity >= 0 && doc.Entities[m.Entity].Type == "PER") entity = m.Entity;
            doc.Quotes.Add(new Quote
            {
                Text = content, Start = c, End = c + content.Length, Kind = "reported",
                Speaker = speaker, SpeakerStart = s, SpeakerEnd = s + speaker.Length, SpeakerEntity = entity,
                Cue = cue, CueStart = k, CueEnd = k + cue.Length,
            });
            from = Math.Max(Math.Max(s + speaker.Length, c + content.Length), k + cue.Length);
        }
        new ClaimStage().Process(doc);
        return doc;
    }

    /// <summary>The claim a sentence makes, on a side, as the detector receives it.</summary>
    public static SourcedClaim Claim(string sentence, string side, long docId = 1, string? source = null)
    {
        var doc = Run(sentence);
        var c = ClaimAnalyzer.Analyze(doc, 0, doc.Text.Length);
        return new SourcedClaim(docId, 0, source ?? side + ".example", c with { Side = side, SideKey = side.ToLowerInvariant() });
    }
}
