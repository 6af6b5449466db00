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

    /// <summary>The same store, ranking at most the newest <paramref name="rankWindow"/> matches of a search.</summary>
    protected abstract IDocumentStore Open(int rankWindow);

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
    public void ReingestOfTheSameInput_CountsOneSighting_InsteadOfAddingRows()
    {
        using var s = Open();
        var t0 = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        long id = 0;
        for (int i = 0; i < 3; i++)
        {
            const string text = "The ferry resumed after the strike.";
            var d = new Document
            {
                Origin = new DocumentOrigin("same.txt") { SeenAt = t0.AddHours(i) },
                RawBytes = System.Text.Encoding.UTF8.GetBytes(text), Text = text, RawText = text, ContentHash = ContentHash.Of(text),
            };
            id = s.SaveBatch([d])[0].Id;
        }
        var other = Doc("The ferry resumed after the strike.", path: "elsewhere.txt");
        s.SaveBatch([other]);
        var sightings = s.Sightings(id);
        Assert.Equal(["same.txt", "elsewhere.txt"], sightings.Select(x => x.Path));
        Assert.Equal(3, sightings[0].Count);
        Assert.Equal(t0, sightings[0].SeenAt);
        Assert.Equal(t0.AddHours(2), sightings[0].LastSeen);
        Assert.Equal(1, sightings[1].Count);
    }

    [Fact]
    public void SearchScores_AreRelativeToTheBestHit()
    {
        using var s = Open();
        s.SaveBatch([
            Doc("Ferry strike ends as the ferry crews accept a ferry pay deal.", "Ferry strike ends", "a.txt"),
            Doc("The council met on Tuesday; a ferry was mentioned once among budget items.", "Council budget", "b.txt"),
            Doc("The library opens late on Sundays.", "Library hours", "c.txt"),
        ]);
        var hits = s.Search("ferry");
        Assert.Equal(2, hits.Count);
        Assert.Equal(1.0, hits[0].Score, 6);
        Assert.Equal("Ferry strike ends", hits[0].Title);
        Assert.InRange(hits[1].Score, 0.0001, 0.9999);
    }

    [Fact]
    public void Rank_WhenMoreMatchThanTheWindow_RanksTheNewestMatches_AndCountsThemAll()
    {
        // The oldest reports mention the ferry most: ranked over every match, they would come first.
        var docs = Enumerable.Range(0, 30).Select(i => Doc($"Report {i}: the crossing" + string.Concat(Enumerable.Repeat(" ferry", 30 - i)) + ".",
            $"Note {i}", $"f{i}.txt")).ToList();
        docs.AddRange(Enumerable.Range(0, 3).Select(i => Doc($"A rare heron was seen {i + 1} times near the pier.", $"Heron {i}", $"h{i}.txt")));
        List<long> ids;
        using (var s = Open()) ids = [.. s.SaveBatch(docs).Select(r => r.Id)];

        using var windowed = Open(rankWindow: 10);
        var ranking = windowed.Rank("ferry", 5);
        Assert.Equal(30, ranking.Total);
        Assert.Equal(5, ranking.Hits.Count);
        Assert.All(ranking.Hits, h => Assert.InRange(h.Id, ids[20], ids[29]));
        Assert.Equal(ids[20], ranking.Hits[0].Id); // the best of the newest ten
        Assert.Equal(ids[20..30], windowed.Rank("ferry", 10).Hits.Select(h => h.Id).Order());
        // A limit above the window widens it: the limit's worth of matches is always ranked.
        Assert.Equal(30, windowed.Rank("ferry", 100).Hits.Count);
        // Fewer matches than the window: all ranked, as without one.
        using var plain = Open();
        Assert.Equal(ids[0], plain.Rank("ferry", 5).Hits[0].Id);
        Assert.Equal(plain.Rank("heron", 10).Hits.Select(h => h.Id), windowed.Rank("heron", 10).Hits.Select(h => h.Id));
        Assert.Equal(3, windowed.Rank("heron", 10).Total);
    }

    [Fact]
    public void Rank_CountsEveryMatch_KeepsTheBest_AndSnippetsComeOnlyForAskedIds()
    {
        using var s = Open();
        var docs = Enumerable.Range(0, 7).Select(i => Doc($"Report {i}: the ferry crossing ran {i} times" + string.Concat(Enumerable.Repeat(" ferry", i)) + ".", $"Note {i}", $"f{i}.txt")).ToList();
        docs.Add(Doc("The library opens late on Sundays.", "Library hours", "lib.txt"));
        var ids = s.SaveBatch(docs).Select(r => r.Id).ToList();
        var ranking = s.Rank("ferry", 3);
        Assert.Equal(7, ranking.Total);
        Assert.Equal(3, ranking.Hits.Count);
        Assert.Equal(1.0, ranking.Hits[0].Score, 6);
        Assert.Equal(ids[6], ranking.Hits[0].Id);
        Assert.Equal("Note 6", ranking.Hits[0].Title);
        Assert.All(ranking.Hits, h => Assert.Equal("", h.Snippet));
        // Same order and scores as Search, which adds the snippets.
        Assert.Equal(s.Search("ferry", 3).Select(h => (h.Id, h.Score)), ranking.Hits.Select(h => (h.Id, h.Score)));
        Assert.Equal(2, s.Rank("ferry", 10).Hits.Count(h => h.Id == ids[0] || h.Id == ids[1]));
        Assert.Equal(7, s.Rank("ferry", 10).Total);
        Assert.Equal(0, s.Rank("\"unbalanced AND OR ( * -", 10).Total);

        var snippets = s.Snippets("ferry", [ids[2], ids[7]]);
        Assert.Equal([ids[2]], snippets.Keys);
        Assert.Contains("ferry", snippets[ids[2]], StringComparison.OrdinalIgnoreCase);
        Assert.Empty(s.Snippets("ferry", []));
    }

    [Fact]
    public void List_CarriesFormat_AndTheNotArticleFlag()
    {
        using var s = Open();
        var page = Doc("Menu Home About Contact Login", "Site index", "index.html");
        page.Format = DocumentFormat.Html;
        page.NotArticle = "too little running text";
        var article = Doc("The harbour reopened on Monday after the storm passed.", "Harbour reopens", "feed.xml");
        article.Format = DocumentFormat.FeedItem;
        s.SaveBatch([page, article]);
        var list = s.List(10, 0);
        Assert.Equal([(DocumentFormat.Html, true), (DocumentFormat.FeedItem, false)], list.Select(d => (d.Format, d.NotArticle)));
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
