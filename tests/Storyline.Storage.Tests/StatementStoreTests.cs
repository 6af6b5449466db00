using Storyline.Core;
using Storyline.Core.Storage;
using Storyline.Storage.Postgres;
using Storyline.Storage.Sqlite;

namespace Storyline.Storage.Tests;

/// <summary>
/// The quote and event index (issue 11) on every store: kept with the document, replaced (never appended) when the
/// analysis is, and queried the same way on SQLite and PostgreSQL. Documents carry hand-made quotes and events.
/// </summary>
public abstract class StatementStoreContract
{
    protected abstract IDocumentStore Open();

    /// <summary>Three sentences, two entities, two quotes and three events, written by hand.</summary>
    protected static Document Balloon(string title = "Balloon row", string path = "balloon.txt")
    {
        const string text = "Wang Yi said the airship was civilian. He urged Washington to stay calm. The Pentagon shot down the balloon on Saturday.";
        var d = new Document { Origin = new DocumentOrigin(path), RawBytes = System.Text.Encoding.UTF8.GetBytes(text), Text = text, RawText = text };
        d.Metadata.Title = new Field<string>(title, "test");
        d.Metadata.Published = new Field<DateTimeOffset>(new DateTimeOffset(2023, 2, 5, 0, 0, 0, TimeSpan.Zero), "test");
        d.ContentHash = ContentHash.Of(text);
        int s1 = text.IndexOf("He urged", StringComparison.Ordinal), s2 = text.IndexOf("The Pentagon", StringComparison.Ordinal);
        d.Sentences.AddRange([new Sentence(0, s1 - 1, 0, 0), new Sentence(s1, s2 - 1, 0, 0), new Sentence(s2, text.Length, 0, 0)]);
        d.Mentions.AddRange([new EntityMention(0, 7, "Wang Yi", "PER") { Entity = 0 }, new EntityMention(s2 + 4, s2 + 12, "Pentagon", "ORG") { Entity = 1 }]);
        var wang = new Entity { Name = "Wang Yi", Type = "PER", Country = "China", CountryCode = "CN", Key = "wang yi|PER|CN" };
        wang.Mentions.Add(0);
        var pentagon = new Entity { Name = "Pentagon", Type = "ORG", Country = "United States", CountryCode = "US", Key = "pentagon|ORG|US" };
        pentagon.Mentions.Add(1);
        d.Entities.AddRange([wang, pentagon]);
        d.Quotes.Add(new Quote
        {
            Text = "the airship was civilian", Start = 13, End = 37, Kind = "reported", Speaker = "Wang Yi", SpeakerStart = 0, SpeakerEnd = 7,
            SpeakerEntity = 0, Cue = "say", CueStart = 8, CueEnd = 12, Sentence = 0,
        });
        d.Quotes.Add(new Quote
        {
            Text = "to stay calm", Start = s1 + 20, End = s1 + 32, Kind = "reported", Speaker = "He", SpeakerStart = s1, SpeakerEnd = s1 + 2,
            SpeakerEntity = 0, Cue = "urge", Sentence = 1, Via = "a statement",
        });
        d.Events.Add(new NewsEvent
        {
            Action = "shoot down", Start = s2 + 13, End = s2 + 23, Sentence = 2, Actor = "The Pentagon", ActorEntity = 1, ActorCode = "USAMIL",
            Target = "the balloon", Cameo = "195", Goldstein = -10, Plover = "ASSAULT", Date = "2023-02-04", Place = "South Carolina", PlaceIndex = -1,
        });
        d.Events.Add(new NewsEvent
        {
            Action = "urge", Sentence = 1, Actor = "He", ActorEntity = 0, ActorCode = "CHNGOV", Target = "Washington", TargetCode = "USA",
            Cameo = "020", Goldstein = 3, Plover = "REQUEST", Date = "2023-02",
        });
        d.Events.Add(new NewsEvent
        {
            Action = "visit", Actor = "Antony Blinken", ActorCode = "USAGOV", Target = "China", TargetCode = "CHN", Cameo = "042",
            Goldstein = 1.9, Plover = "CONSULT", Hypothetical = true,
        });
        return d;
    }

    private static Document Plain(string text, string path = "plain.txt")
    {
        var d = new Document { Origin = new DocumentOrigin(path), RawBytes = System.Text.Encoding.UTF8.GetBytes(text), Text = text, RawText = text };
        d.ContentHash = ContentHash.Of(text);
        return d;
    }

    [Fact]
    public void Quotes_RoundTrip_WithTheirDocumentAndResolvedSpeaker()
    {
        using var s = Open();
        var id = s.SaveBatch([Balloon()])[0].Id;
        var page = s.SearchQuotes(new QuoteQuery());
        Assert.Equal(2, page.Total);
        var q = page.Items[0];
        Assert.Equal((id, 0, "Balloon row"), (q.DocId, q.Index, q.Title));
        Assert.Equal(new DateTimeOffset(2023, 2, 5, 0, 0, 0, TimeSpan.Zero), q.Published);
        Assert.Equal(Balloon().Quotes[0], q.Quote);
        Assert.Equal(("Wang Yi", "wang yi|PER|CN"), (q.SpeakerName, q.SpeakerKey));
        Assert.Equal(Balloon().Quotes[1], page.Items[1].Quote);
        Assert.Equal("a statement", page.Items[1].Quote.Via);
        // The analysis keeps them too.
        Assert.Equal(Balloon().Quotes, s.Get(id)!.Quotes);
    }

    [Fact]
    public void Events_RoundTrip_WithSentenceTextAndEntityNames()
    {
        using var s = Open();
        var id = s.SaveBatch([Balloon()])[0].Id;
        var page = s.SearchEvents(new EventQuery());
        Assert.Equal(3, page.Total);
        // Date order, undated last: the month 2023-02 starts before the day 2023-02-04.
        Assert.Equal(["urge", "shoot down", "visit"], page.Items.Select(e => e.Event.Action));
        var shoot = page.Items[1];
        Assert.Equal(Balloon().Events[0], shoot.Event);
        Assert.Equal((id, 0), (shoot.DocId, shoot.Index));
        Assert.Equal("The Pentagon shot down the balloon on Saturday.", shoot.Sentence);
        Assert.Equal(("Pentagon", "pentagon|ORG|US"), (shoot.ActorName, shoot.ActorKey));
        Assert.Null(shoot.TargetName);
        Assert.Equal(-10, shoot.Event.Goldstein);
        Assert.Null(page.Items[2].Sentence);
        Assert.True(page.Items[2].Event.Hypothetical);
        Assert.Equal(1.9, page.Items[2].Event.Goldstein);
    }

    [Theory]
    [InlineData("Wang Yi", new[] { 0, 1 })]      // entity name (the second quote's speaker is "He", resolved to Wang Yi)
    [InlineData("WANG", new[] { 0, 1 })]         // a whole word, any case
    [InlineData("wang yi|per|cn", new[] { 0, 1 })] // the entity key
    [InlineData("he", new[] { 1 })]              // the speaker as written
    [InlineData("Wan", new int[0])]              // not a whole word
    [InlineData("Yi Wang", new int[0])]          // not the phrase
    [InlineData("%", new int[0])]                // wildcards are not wildcards
    public void SearchQuotes_MatchesSpeakerTextEntityNameOrKey(string speaker, int[] expected)
    {
        using var s = Open();
        s.SaveBatch([Balloon()]);
        var page = s.SearchQuotes(new QuoteQuery { Speaker = speaker });
        Assert.Equal(expected, page.Items.Select(q => q.Index));
        Assert.Equal(expected.Length, page.Total);
    }

    [Fact]
    public void SearchQuotes_IgnoresAccents_AndFiltersByTextKindCueAndDocument()
    {
        using var s = Open();
        var a = Balloon();
        var b = Plain("José Núñez told reporters: \"We will rebuild the harbour.\"", "b.txt");
        b.Quotes.Add(new Quote { Text = "We will rebuild the harbour.", Start = 28, End = 56, Kind = "direct", Speaker = "José Núñez", Cue = "tell" });
        b.Quotes.Add(new Quote { Text = "the harbour is safe", Kind = "reported", Speaker = "a source", Unnamed = true, Cue = "say" });
        var ids = s.SaveBatch([a, b]).Select(r => r.Id).ToArray();
        Assert.Equal("José Núñez", Assert.Single(s.SearchQuotes(new QuoteQuery { Speaker = "jose nunez" }).Items).Quote.Speaker);
        Assert.Equal(2, s.SearchQuotes(new QuoteQuery { Text = "Harbour" }).Total);
        Assert.Equal(0, s.SearchQuotes(new QuoteQuery { Text = "harb" }).Total);
        Assert.Equal("tell", Assert.Single(s.SearchQuotes(new QuoteQuery { Kind = "direct" }).Items).Quote.Cue);
        Assert.Equal(2, s.SearchQuotes(new QuoteQuery { Cue = "SAY" }).Total);
        Assert.Equal(2, s.SearchQuotes(new QuoteQuery { DocId = ids[1] }).Total);
        Assert.Equal(1, s.SearchQuotes(new QuoteQuery { DocId = ids[1], Cue = "say" }).Total);
        Assert.True(s.SearchQuotes(new QuoteQuery { Speaker = "source" }).Items.Single().Quote.Unnamed);
    }

    [Theory]
    [InlineData("CHN", new[] { "urge" })]                 // a CAMEO code prefix: CHNGOV
    [InlineData("usa", new[] { "shoot down", "visit" })]  // USAMIL, USAGOV
    [InlineData("USAGOV", new[] { "visit" })]
    [InlineData("pentagon", new[] { "shoot down" })]      // the actor's text and entity name
    [InlineData("Wang Yi", new[] { "urge" })]             // the entity the actor "He" resolved to
    [InlineData("pentagon|ORG|US", new[] { "shoot down" })]
    [InlineData("antony blinken", new[] { "visit" })]
    [InlineData("GOV", new string[0])]                    // a code matches by prefix only
    public void SearchEvents_MatchesActorTextEntityOrCode(string actor, string[] expected)
    {
        using var s = Open();
        s.SaveBatch([Balloon()]);
        var page = s.SearchEvents(new EventQuery { Actor = actor });
        Assert.Equal(expected, page.Items.Select(e => e.Event.Action));
        Assert.Equal(expected.Length, page.Total);
    }

    [Fact]
    public void SearchEvents_FiltersByTargetCameoPloverDatesAndFacts()
    {
        using var s = Open();
        s.SaveBatch([Balloon()]);
        string[] Actions(EventQuery q) => [.. s.SearchEvents(q).Items.Select(e => e.Event.Action)];
        Assert.Equal(["visit"], Actions(new EventQuery { Target = "CHN" }));
        Assert.Equal(["urge"], Actions(new EventQuery { Target = "washington" }));
        Assert.Equal(["shoot down"], Actions(new EventQuery { Cameo = "19" }));
        Assert.Equal(["urge", "visit"], Actions(new EventQuery { Cameo = "0" }));
        Assert.Empty(Actions(new EventQuery { Cameo = "%" }));
        Assert.Equal(["shoot down"], Actions(new EventQuery { Plover = "assault" }));
        // The month 2023-02 overlaps 1–3 February; the day 2023-02-04 does not; undated events never match a range.
        Assert.Equal(["urge"], Actions(new EventQuery { From = new DateOnly(2023, 2, 1), To = new DateOnly(2023, 2, 3) }));
        Assert.Equal(["urge", "shoot down"], Actions(new EventQuery { From = new DateOnly(2023, 2, 4) }));
        Assert.Empty(Actions(new EventQuery { From = new DateOnly(2023, 3, 1) }));
        Assert.Equal(["urge", "shoot down"], Actions(new EventQuery { To = new DateOnly(2023, 2, 28) }));
        Assert.Equal(["urge", "shoot down"], Actions(new EventQuery { Hypothetical = false, Negated = false }));
        Assert.Equal(["visit"], Actions(new EventQuery { Hypothetical = true }));
        Assert.Empty(Actions(new EventQuery { Negated = true }));
        Assert.Equal(["visit"], Actions(new EventQuery { Actor = "usa", Target = "china" }));
    }

    [Fact]
    public void Paging_IsStable_AndTheTotalCountsEveryMatch()
    {
        using var s = Open();
        var docs = Enumerable.Range(0, 3).Select(i =>
        {
            var d = Plain($"Report number {i} on the harbour strike.", $"p{i}.txt");
            for (int j = 0; j < 10; j++)
            {
                d.Quotes.Add(new Quote { Text = $"statement {i}-{j}", Kind = "direct", Speaker = j % 2 == 0 ? "Ana Ruiz" : "the mayor" });
                d.Events.Add(new NewsEvent { Action = "strike", Actor = "the union", Date = j < 5 ? $"2024-05-{10 - j:00}" : null });
            }
            return d;
        }).ToList();
        s.SaveBatch(docs);
        var all = s.SearchQuotes(new QuoteQuery { Limit = 100 }).Items.Select(q => q.Quote.Text).ToList();
        Assert.Equal(30, all.Count);
        Assert.Equal(docs.SelectMany(d => d.Quotes.Select(q => q.Text)), all);
        var page = s.SearchQuotes(new QuoteQuery { Limit = 7, Offset = 7 });
        Assert.Equal(30, page.Total);
        Assert.Equal(all.Skip(7).Take(7), page.Items.Select(q => q.Quote.Text));
        var ana = s.SearchQuotes(new QuoteQuery { Speaker = "ana ruiz", Limit = 4, Offset = 12 });
        Assert.Equal(15, ana.Total);
        Assert.Equal(3, ana.Items.Count);
        var past = s.SearchQuotes(new QuoteQuery { Offset = 1000 });
        Assert.Equal(30, past.Total);
        Assert.Empty(past.Items);
        Assert.Empty(s.SearchQuotes(new QuoteQuery { Limit = 0 }).Items);

        // Events: by date, then document and index; the same query twice gives the same order, and pages tile it.
        var events = s.SearchEvents(new EventQuery { Limit = 100 }).Items;
        Assert.Equal(30, events.Count);
        Assert.Equal("2024-05-06", events[0].Event.Date);
        Assert.Equal([0L, 1, 2], events.Take(3).Select(e => e.DocId - docs[0].Id));
        Assert.All(events.Skip(15), e => Assert.Null(e.Event.Date));
        var tiles = Enumerable.Range(0, 4).SelectMany(p => s.SearchEvents(new EventQuery { Limit = 8, Offset = p * 8 }).Items);
        Assert.Equal(events.Select(e => (e.DocId, e.Index)), tiles.Select(e => (e.DocId, e.Index)));
    }

    [Fact]
    public void ReSaveAndReplace_KeepOneRowPerStatement()
    {
        using var s = Open();
        var id = s.SaveBatch([Balloon()])[0].Id;
        // Re-ingest: the same content is a duplicate and adds nothing.
        Assert.Equal(SaveStatus.Duplicate, s.SaveBatch([Balloon(path: "again.txt")])[0].Status);
        Assert.Equal(2, s.SearchQuotes(new QuoteQuery()).Total);
        Assert.Equal(3, s.SearchEvents(new EventQuery()).Total);
        // Reprocess twice: a fresh analysis of the same document replaces the rows.
        for (int i = 0; i < 2; i++)
        {
            var again = Balloon();
            again.Id = id;
            s.Replace([again]);
        }
        Assert.Equal(2, s.SearchQuotes(new QuoteQuery()).Total);
        Assert.Equal(3, s.SearchEvents(new EventQuery()).Total);
        // A new analysis with fewer statements leaves no stale rows behind.
        var fewer = Balloon();
        fewer.Id = id;
        fewer.Quotes.RemoveAt(1);
        fewer.Events.Clear();
        fewer.Events.Add(new NewsEvent { Action = "deny", Actor = "Wang Yi", ActorEntity = 0, Negated = true });
        s.Replace([fewer]);
        Assert.Equal(1, s.SearchQuotes(new QuoteQuery()).Total);
        var only = Assert.Single(s.SearchEvents(new EventQuery()).Items);
        Assert.Equal(("deny", true, "Wang Yi"), (only.Event.Action, only.Event.Negated, only.ActorName));
        Assert.Equal(1, s.SearchEvents(new EventQuery { Negated = true }).Total);
        fewer.Quotes.Clear();
        fewer.Events.Clear();
        s.Replace([fewer]);
        Assert.Equal(0, s.SearchQuotes(new QuoteQuery()).Total);
        Assert.Equal(0, s.SearchEvents(new EventQuery()).Total);
    }

    [Fact]
    public void OutOfRangeIndexes_AreStoredAsUnresolved_NotRejected()
    {
        using var s = Open();
        var d = Plain("Someone spoke.");
        d.Quotes.Add(new Quote { Text = "x", Kind = "reported", Speaker = "Someone", SpeakerEntity = 7, Sentence = 3 });
        d.Events.Add(new NewsEvent { Action = "speak", Actor = "Someone", ActorEntity = 9, Sentence = 5, Date = "not a date" });
        s.SaveBatch([d]);
        var q = Assert.Single(s.SearchQuotes(new QuoteQuery { Speaker = "someone" }).Items);
        Assert.Null(q.SpeakerName);
        var e = Assert.Single(s.SearchEvents(new EventQuery()).Items);
        Assert.Null(e.Sentence);
        Assert.Equal("not a date", e.Event.Date);
        Assert.Empty(s.SearchEvents(new EventQuery { From = new DateOnly(2000, 1, 1) }).Items);
    }
}

public sealed class SqliteStatementStoreTests : StatementStoreContract, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-sqlite-statements-").FullName;
    private string DbPath => Path.Combine(_dir, "t.db");

    protected override IDocumentStore Open() => new SqliteDocumentStore(DbPath);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Migration_IndexesAnalysesStoredBeforeTheIndexExisted()
    {
        long id;
        using (var s = Open()) id = s.SaveBatch([Balloon()])[0].Id;
        // What a version-4 store holds: the analysis with quotes and events, no index tables.
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Pooling=false"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "DROP TABLE doc_quotes; DROP TABLE doc_events; PRAGMA user_version = 4;";
            cmd.ExecuteNonQuery();
        }
        using var again = Open();
        Assert.Equal(2, again.SearchQuotes(new QuoteQuery { Speaker = "wang yi" }).Total);
        Assert.Equal(id, again.SearchEvents(new EventQuery { Actor = "CHN" }).Items.Single().DocId);
    }
}

public sealed class PostgresStatementStoreTests : StatementStoreContract, IDisposable
{
    private readonly TestPostgres _pg = new();

    protected override IDocumentStore Open() => new PostgresDocumentStore(_pg.ConnectionString);

    public void Dispose() => _pg.Dispose();

    [Fact]
    public void Migration_IndexesAnalysesStoredBeforeTheIndexExisted()
    {
        long id;
        using (var s = Open()) id = s.SaveBatch([Balloon()])[0].Id;
        using (var c = new Npgsql.NpgsqlConnection(_pg.ConnectionString))
        {
            c.Open();
            using var cmd = new Npgsql.NpgsqlCommand("DROP TABLE doc_quotes; DROP TABLE doc_events; DELETE FROM schema_version WHERE version >= 5;", c);
            cmd.ExecuteNonQuery();
        }
        using var again = Open();
        Assert.Equal(2, again.SearchQuotes(new QuoteQuery { Speaker = "wang yi" }).Total);
        Assert.Equal(id, again.SearchEvents(new EventQuery { Actor = "CHN" }).Items.Single().DocId);
    }
}
