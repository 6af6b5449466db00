using Storyline.Core;
using Storyline.Core.Storage;

namespace Storyline.Storage.Tests;

/// <summary>
/// The behaviour every store must have, run against each implementation (SQLite always; PostgreSQL
/// when the test script started a server and set STORYLINE_TEST_PG).
/// </summary>
public abstract class StoreContract
{
    protected abstract IDocumentStore Open();

    protected static Document Doc(string text, string? title = null, string path = "a.txt", DateTimeOffset? published = null)
    {
        var d = new Document { Origin = new DocumentOrigin(path), RawBytes = System.Text.Encoding.UTF8.GetBytes(text), Text = text, RawText = text };
        if (title is not null) d.Metadata.Title = new Field<string>(title, "test");
        if (published is { } p) d.Metadata.Published = new Field<DateTimeOffset>(p, "test");
        d.Removed.Add(new RemovedText("Latest news", "navigation"));
        d.ContentHash = ContentHash.Of(text);
        return d;
    }

    [Fact]
    public void SameContentTwice_StoresOneDocument_AndRecordsBothSightings()
    {
        using var s = Open();
        var first = s.SaveBatch([Doc("The dam held after the storm.", path: "one.txt")]);
        var second = s.SaveBatch([Doc("The  dam held after the storm. ", path: "two.txt")]);
        Assert.Equal(SaveStatus.New, first[0].Status);
        Assert.Equal(SaveStatus.Duplicate, second[0].Status);
        Assert.Equal(first[0].Id, second[0].Id);
        Assert.Equal(["one.txt", "two.txt"], s.Sightings(first[0].Id).Select(x => x.Path));
    }

    [Fact]
    public void DuplicateInsideOneBatch_IsDetected()
    {
        using var s = Open();
        var r = s.SaveBatch([Doc("Alpha beta gamma delta."), Doc("Alpha beta gamma delta.")]);
        Assert.Equal([SaveStatus.New, SaveStatus.Duplicate], r.Select(x => x.Status));
    }

    [Fact]
    public void Get_RoundTripsMetadataRulesAndRemovedLines()
    {
        using var s = Open();
        var when = new DateTimeOffset(2024, 5, 6, 7, 0, 0, TimeSpan.Zero);
        var id = s.SaveBatch([Doc("River levels fell on Monday.", "River levels fall", published: when)])[0].Id;
        var d = s.Get(id)!;
        Assert.Equal("River levels fall", d.Metadata.Title!.Value);
        Assert.Equal("test", d.Metadata.Title.Rule);
        Assert.Equal(when, d.Metadata.Published!.Value);
        Assert.Equal("navigation", Assert.Single(d.Removed).Reason);
        Assert.Equal("River levels fell on Monday."u8.ToArray(), d.RawBytes);
        Assert.Null(s.Get(id + 1000));
    }

    [Fact]
    public void Search_RanksTitleMatches_AndSurvivesOperatorCharacters()
    {
        using var s = Open();
        s.SaveBatch([
            Doc("Officials said the bridge would reopen next week after repairs.", "City council budget"),
            Doc("The bridge reopened on Friday.", "Bridge reopens"),
            Doc("Nothing to see here.", "Weather"),
        ]);
        var hits = s.Search("bridge");
        Assert.Equal(2, hits.Count);
        Assert.Equal("Bridge reopens", hits[0].Title);
        Assert.True(hits[0].Score >= hits[1].Score);
        Assert.Empty(s.Search("\"unbalanced AND OR ( * -"));
        Assert.Contains("bridge", s.Search("bridge")[0].Snippet, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Replace_UpdatesAnalysisAndSearchIndex()
    {
        using var s = Open();
        var d = Doc("Old words only.", "Old title");
        var id = s.SaveBatch([d])[0].Id;
        d.Text = "Fresh harvest figures.";
        d.Metadata.Title = new Field<string>("New title", "test");
        d.ContentHash = ContentHash.Of(d.Text);
        s.Replace([d]);
        Assert.Equal("New title", s.Get(id)!.Metadata.Title!.Value);
        Assert.Single(s.Search("harvest"));
        Assert.Empty(s.Search("old"));
    }

    [Fact]
    public void ReadRaw_StreamsEveryDocument_InIdOrder()
    {
        using var s = Open();
        var docs = Enumerable.Range(0, 300).Select(i => Doc($"Document number {i} has its own words.")).ToList();
        s.SaveBatch(docs);
        var raw = s.ReadRaw().ToList();
        Assert.Equal(300, raw.Count);
        Assert.True(raw.Zip(raw.Skip(1)).All(p => p.First.Id < p.Second.Id));
        Assert.Equal(300, s.Count());
        Assert.Equal(10, s.List(10, 5).Count);
    }
}

public abstract class StoreEntityContract : StoreContract
{
    private static Document WithEntities(string text, params (string Name, string Type, string? Country, int Mentions)[] ents)
    {
        var d = Doc(text);
        foreach (var (name, type, country, n) in ents)
        {
            var e = new Entity { Name = name, Type = type, Country = country, Key = $"{name.ToLowerInvariant()}|{type}|{country}" };
            for (int i = 0; i < n; i++) { d.Mentions.Add(new EntityMention(0, 1, name, type)); e.Mentions.Add(d.Mentions.Count - 1); }
            d.Entities.Add(e);
        }
        return d;
    }

    [Fact]
    public void Entities_AreCountedAcrossDocuments_ByKey_AndFollowReplace()
    {
        using var s = Open();
        var a = WithEntities("First report on the harbour.", ("Ana Ruiz", "PER", "Spain", 2), ("Harbour Board", "ORG", null, 1));
        var b = WithEntities("Second report on the harbour.", ("Ana Ruiz", "PER", "Spain", 1));
        s.SaveBatch([a, b]);
        var list = s.Entities();
        Assert.Equal("Ana Ruiz", list[0].Name);
        Assert.Equal(2, list[0].Documents);
        Assert.Equal(3, list[0].Mentions);
        Assert.Single(s.Entities(type: "ORG"));

        b.Entities.Clear();
        s.Replace([b]);
        Assert.Equal(1, s.Entities().Single(e => e.Name == "Ana Ruiz").Documents);
    }
}
