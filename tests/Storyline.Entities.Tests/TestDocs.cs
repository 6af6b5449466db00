using Storyline.Core;
using Storyline.Entities.Evaluation;
using Storyline.Entities.Geo;

namespace Storyline.Entities.Tests;

/// <summary>
/// Builds documents by hand: text with inline mentions <c>[[surface|TYPE]]</c> as NER would give them,
/// so the entity and place stages are tested without the tokenizer or the NER model.
/// </summary>
internal static class TestDocs
{
    public static Document From(string marked)
    {
        var (text, mentions) = GoldSet.ParseMarkup(marked);
        var doc = new Document { Origin = new DocumentOrigin("test"), Text = text };
        foreach (var m in mentions) doc.Mentions.Add(new EntityMention(m.Start, m.End, m.Text, m.Type));
        return doc;
    }

    public static Gazetteer Gazetteer => Geo.Gazetteer.Default;

    /// <summary>Runs the entity stage (and place stage) on a marked-up text.</summary>
    public static Document Run(string marked, bool places = true)
    {
        var doc = From(marked);
        new EntityStage().Process(doc);
        if (places) new PlaceStage().Process(doc);
        return doc;
    }

    /// <summary>The entity holding the first mention with this exact text.</summary>
    public static Entity EntityOf(this Document doc, string mentionText)
    {
        var m = doc.Mentions.First(x => x.Text == mentionText);
        Assert.True(m.Entity >= 0, $"mention '{mentionText}' has no entity");
        return doc.Entities[m.Entity];
    }

    public static string[] MentionTexts(this Document doc, Entity e) => e.Mentions.Select(i => doc.Mentions[i].Text).ToArray();

    /// <summary>The resolved place id of the first mention with this text ("gn:…", "country:FR", "admin1:US.TX", or null).</summary>
    public static string? PlaceId(this Document doc, string mentionText, int occurrence = 0)
    {
        var idx = doc.Mentions.Select((m, i) => (m, i)).Where(x => x.m.Text == mentionText && !x.m.Nominal).Skip(occurrence).First().i;
        var r = new PlaceResolver(Gazetteer).Resolve(doc);
        return r[idx]?.Id(Gazetteer);
    }
}
