using System.Globalization;
using System.Text.Json;
using Storyline.Core;
using Storyline.Storage.Sqlite;
using static Storyline.Cli.Tests.StorylineProcess;

namespace Storyline.Cli.Tests;

/// <summary>
/// Issue 11's output: `quotes`, `events` and the quotes/events/claims of `show`. The store is filled with hand-made
/// statements (the stages that find them are tested in their own projects); one test runs the real pipeline and holds
/// the commands to agree with each other whatever the stages find.
/// </summary>
public sealed class StatementsCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-statements-").FullName;
    private string Db => Path.Combine(_dir, "t.db");

    public void Dispose() => Directory.Delete(_dir, true);

    private static string S(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Two documents: the balloon row (two quotes by Wang Yi, three events, two claims) and one unnamed source.</summary>
    private (long Balloon, long Harbour) Seed()
    {
        const string text = "Wang Yi said the airship was civilian. He urged Washington to stay calm. The Pentagon shot down the balloon on Saturday.";
        var d = new Document { Origin = new DocumentOrigin("balloon.txt"), RawBytes = System.Text.Encoding.UTF8.GetBytes(text), Text = text, RawText = text };
        d.Metadata.Title = new Field<string>("Balloon row", "test");
        d.ContentHash = ContentHash.Of(text);
        int s1 = text.IndexOf("He urged", StringComparison.Ordinal), s2 = text.IndexOf("The Pentagon", StringComparison.Ordinal);
        d.Sentences.AddRange([new Sentence(0, s1 - 1, 0, 0), new Sentence(s1, s2 - 1, 0, 0), new Sentence(s2, text.Length, 0, 0)]);
        var wang = new Entity { Name = "Wang Yi", Type = "PER", Country = "China", Key = "wang yi|PER|CN" };
        var pentagon = new Entity { Name = "Pentagon", Type = "ORG", Country = "United States", Key = "pentagon|ORG|US" };
        d.Entities.AddRange([wang, pentagon]);
        d.Quotes.Add(new Quote { Text = "the airship was civilian", Start = 13, End = 37, Kind = "reported", Speaker = "Wang Yi", SpeakerEntity = 0, Cue = "say", Sentence = 0 });
        d.Quotes.Add(new Quote { Text = "to stay calm", Kind = "reported", Speaker = "He", SpeakerEntity = 0, Cue = "urge", Sentence = 1, Via = "a statement" });
        d.Events.Add(new NewsEvent
        {
            Action = "shoot down", Sentence = 2, Actor = "The Pentagon", ActorEntity = 1, ActorCode = "USAMIL", Target = "the balloon",
            Cameo = "195", Goldstein = -10, Plover = "ASSAULT", Date = "2023-02-04", Place = "South Carolina",
        });
        d.Events.Add(new NewsEvent { Action = "urge", Sentence = 1, Actor = "He", ActorEntity = 0, ActorCode = "CHNGOV", Target = "Washington", TargetCode = "USA", Cameo = "020", Goldstein = 3, Plover = "REQUEST" });
        d.Events.Add(new NewsEvent { Action = "visit", Actor = "Antony Blinken", ActorCode = "USAGOV", Target = "China", TargetCode = "CHN", Hypothetical = true });
        d.Claims.Add(new Claim { Text = "the airship was civilian", Quote = 0, Speaker = "Wang Yi", SpeakerEntity = 0, Side = "China", SideKey = "CN", Subject = "airship", Predicate = "be", Value = "civilian" });
        d.Claims.Add(new Claim
        {
            Text = "the balloon was not civilian", Side = "United States", SideKey = "US", Negated = true, Hedged = true,
            Numbers = [new ClaimNumber(2, "balloon")], Dates = ["2023-02-04"],
        });

        const string other = "A source with knowledge of the matter said the harbour would reopen.";
        var h = new Document { Origin = new DocumentOrigin("harbour.txt"), RawBytes = System.Text.Encoding.UTF8.GetBytes(other), Text = other, RawText = other };
        h.ContentHash = ContentHash.Of(other);
        h.Quotes.Add(new Quote { Text = "the harbour would reopen", Kind = "reported", Speaker = "A source with knowledge of the matter", Unnamed = true, Cue = "say" });

        using var store = new SqliteDocumentStore(Db);
        var ids = store.SaveBatch([d, h]);
        return (ids[0].Id, ids[1].Id);
    }

    [Fact]
    public void Quotes_BySpeaker_Json_HasTotalItemsAndTheirDocuments()
    {
        var (balloon, _) = Seed();
        var j = Run(Db, "quotes", "--speaker", "Wang Yi", "--json").AssertExit(0).Json;
        Assert.Equal(2, j.GetProperty("total").GetInt32());
        var items = j.GetProperty("items");
        Assert.Equal(2, items.GetArrayLength());
        var q = items[0];
        foreach (var f in new[] { "doc_id", "title", "published", "index", "text", "speaker", "speaker_entity", "speaker_key", "via", "cue", "start", "end", "kind", "unnamed", "sentence" })
            Assert.True(q.TryGetProperty(f, out _), $"quotes --json item lacks '{f}'");
        Assert.Equal(balloon, q.GetProperty("doc_id").GetInt64());
        Assert.Equal("Balloon row", q.GetProperty("title").GetString());
        Assert.Equal("the airship was civilian", q.GetProperty("text").GetString());
        Assert.Equal("Wang Yi", q.GetProperty("speaker_entity").GetString());
        Assert.Equal((13, 37), (q.GetProperty("start").GetInt32(), q.GetProperty("end").GetInt32()));
        // Found through the entity: the speaker as written is "He".
        Assert.Equal("He", items[1].GetProperty("speaker").GetString());
        Assert.Equal("a statement", items[1].GetProperty("via").GetString());

        // Case, a single word of the name, and the entity key find the same quotes.
        Assert.Equal(2, Run(Db, "quotes", "--speaker", "wang", "--json").Json.GetProperty("total").GetInt32());
        Assert.Equal(2, Run(Db, "quotes", "--speaker", "wang yi|PER|CN", "--json").Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public void Quotes_WithoutSpeaker_ListsAll_PagesAndSaysWhenNothingMatches()
    {
        var (_, harbour) = Seed();
        var all = Run(Db, "quotes", "--json").AssertExit(0).Json;
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        var page = Run(Db, "quotes", "--limit", "1", "--offset", "2", "--json").AssertExit(0).Json;
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        var only = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(harbour, only.GetProperty("doc_id").GetInt64());
        Assert.True(only.GetProperty("unnamed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, only.GetProperty("speaker_entity").ValueKind);
        Assert.Equal(JsonValueKind.Null, only.GetProperty("title").ValueKind);

        var none = Run(Db, "quotes", "--speaker", "Nobody Known", "--json").AssertExit(0).Json;
        Assert.Equal(0, none.GetProperty("total").GetInt32());
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());
        var text = Run(Db, "quotes", "--speaker", "Nobody Known").AssertExit(0);
        Assert.Contains("no quotes", text.Stdout);
    }

    [Fact]
    public void Quotes_HumanOutput_IsATableWithSpeakerQuoteAndCount()
    {
        Seed();
        var r = Run(Db, "quotes", "--speaker", "wang").AssertExit(0);
        Assert.Contains("He → Wang Yi", r.Stdout);
        Assert.Contains("the airship was civilian", r.Stdout);
        Assert.DoesNotContain("harbour", r.Stdout);
        Assert.Contains("1–2 of 2 quotes", r.Stdout);
    }

    [Fact]
    public void Events_ByActorCodeOrName_Json()
    {
        var (balloon, _) = Seed();
        var j = Run(Db, "events", "--actor", "CHN", "--json").AssertExit(0).Json;
        Assert.Equal(1, j.GetProperty("total").GetInt32());
        var e = j.GetProperty("items")[0];
        foreach (var f in new[] { "doc_id", "title", "index", "actor", "action", "cameo", "goldstein", "plover", "target", "date", "place", "negated", "sentence",
                     "hypothetical", "actor_code", "target_code", "sentence_index", "actor_entity", "target_entity" })
            Assert.True(e.TryGetProperty(f, out _), $"events --json item lacks '{f}'");
        Assert.Equal(("urge", "CHNGOV", "Washington"), (e.GetProperty("action").GetString(), e.GetProperty("actor_code").GetString(), e.GetProperty("target").GetString()));
        Assert.Equal("He urged Washington to stay calm.", e.GetProperty("sentence").GetString());
        Assert.Equal(1, e.GetProperty("sentence_index").GetInt32());
        Assert.Equal(balloon, e.GetProperty("doc_id").GetInt64());

        var byName = Run(Db, "events", "--actor", "Wang Yi", "--json").AssertExit(0).Json;
        Assert.Equal("urge", Assert.Single(byName.GetProperty("items").EnumerateArray()).GetProperty("action").GetString());

        var usa = Run(Db, "events", "--actor", "USA", "--json").Json.GetProperty("items");
        Assert.Equal(["shoot down", "visit"], usa.EnumerateArray().Select(x => x.GetProperty("action").GetString()));
        Assert.Equal(-10, usa[0].GetProperty("goldstein").GetDouble());
        Assert.Equal("2023-02-04", usa[0].GetProperty("date").GetString());

        var facts = Run(Db, "events", "--actor", "USA", "--facts", "--from", "2023-02", "--to", "2023", "--json").AssertExit(0).Json;
        Assert.Equal("shoot down", Assert.Single(facts.GetProperty("items").EnumerateArray()).GetProperty("action").GetString());
        Assert.Equal(1, Run(Db, "events", "--cameo", "19", "--json").Json.GetProperty("total").GetInt32());
        Assert.Equal(3, Run(Db, "events", "--json").Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public void Events_HumanOutput_ShowsWhoDidWhatToWhom()
    {
        Seed();
        // Cells may wrap at 80 columns: look for what fits on one line of a cell.
        var r = Run(Db, "events", "--actor", "usa").AssertExit(0);
        Assert.Contains("shoot down", r.Stdout);
        Assert.Contains("(USAMIL)", r.Stdout);
        Assert.Contains("maybe visit", r.Stdout);
        Assert.Contains("195 ASSAULT", r.Stdout);
        Assert.DoesNotContain("urge", r.Stdout);
        Assert.Contains("1–2 of 2 events", r.Stdout);
    }

    [Theory]
    [InlineData("quotes", "--limit", "-1")]
    [InlineData("quotes", "--offset", "-5")]
    [InlineData("quotes", "--kind", "sung")]
    [InlineData("quotes", "--doc", "abc")]
    [InlineData("quotes", "--no-such-option")]
    [InlineData("events", "--from", "yesterday")]
    [InlineData("events", "--from", "2023-03-01", "--to", "2023-02-01")]
    [InlineData("events", "--cameo", "1%")]
    [InlineData("events", "--limit", "100000")]
    public void BadOptions_AreUsageErrors_InJsonToo(params string[] args)
    {
        Seed();
        var r = Run(Db, [.. args, "--json"]);
        r.AssertExit(2);
        Assert.True(r.Json.TryGetProperty("error", out var e), r.Stdout);
        Assert.StartsWith("SL5", e.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("quotes", "--speaker", "x")]
    [InlineData("events", "--actor", "CHN")]
    public void MissingStore_IsNotFound_AndNothingIsCreated(params string[] args)
    {
        var missing = Path.Combine(_dir, "no", "such", "x.db");
        Run(missing, [.. args, "--json"]).AssertExit(4);
        Assert.False(Directory.Exists(Path.Combine(_dir, "no")));
    }

    [Fact]
    public void Show_Json_HasQuotesEventsAndClaims()
    {
        var (balloon, harbour) = Seed();
        var d = Run(Db, "show", S(balloon), "--json").AssertExit(0).Json;
        var quotes = d.GetProperty("quotes");
        Assert.Equal(2, quotes.GetArrayLength());
        foreach (var f in new[] { "text", "speaker", "speaker_entity", "via", "cue", "start", "end", "kind", "unnamed", "sentence" })
            Assert.True(quotes[0].TryGetProperty(f, out _), $"show --json quotes[0] lacks '{f}'");
        Assert.Equal("Wang Yi", quotes[1].GetProperty("speaker_entity").GetString());
        Assert.Equal("He", quotes[1].GetProperty("speaker").GetString());

        var events = d.GetProperty("events");
        Assert.Equal(3, events.GetArrayLength());
        var shoot = events[0];
        foreach (var f in new[] { "actor", "action", "cameo", "goldstein", "plover", "target", "date", "place", "negated", "sentence", "hypothetical", "actor_code", "target_code", "sentence_index" })
            Assert.True(shoot.TryGetProperty(f, out _), $"show --json events[0] lacks '{f}'");
        Assert.Equal("The Pentagon shot down the balloon on Saturday.", shoot.GetProperty("sentence").GetString());
        Assert.Equal("South Carolina", shoot.GetProperty("place").GetString());
        Assert.Equal("195", shoot.GetProperty("cameo").GetString());
        Assert.Equal("Pentagon", shoot.GetProperty("actor_entity").GetString());
        Assert.Equal(JsonValueKind.Null, events[2].GetProperty("sentence").ValueKind);
        Assert.True(events[2].GetProperty("hypothetical").GetBoolean());

        var claims = d.GetProperty("claims");
        Assert.Equal(2, claims.GetArrayLength());
        foreach (var f in new[] { "text", "speaker", "side", "side_key", "subject", "predicate", "value", "negated", "quote" })
            Assert.True(claims[0].TryGetProperty(f, out _), $"show --json claims[0] lacks '{f}'");
        Assert.Equal(("China", "CN", 0), (claims[0].GetProperty("side").GetString(), claims[0].GetProperty("side_key").GetString(), claims[0].GetProperty("quote").GetInt32()));
        Assert.True(claims[1].GetProperty("negated").GetBoolean());
        Assert.True(claims[1].GetProperty("hedged").GetBoolean());
        Assert.Equal((2.0, "balloon", "exact"), (claims[1].GetProperty("numbers")[0].GetProperty("value").GetDouble(),
            claims[1].GetProperty("numbers")[0].GetProperty("unit").GetString(), claims[1].GetProperty("numbers")[0].GetProperty("bound").GetString()));
        Assert.Equal("2023-02-04", claims[1].GetProperty("dates")[0].GetString());
        Assert.Equal(-1, claims[1].GetProperty("quote").GetInt32());

        // An unresolved speaker stays as written, with a null entity.
        var h = Run(Db, "show", S(harbour), "--json").AssertExit(0).Json.GetProperty("quotes")[0];
        Assert.Equal("A source with knowledge of the matter", h.GetProperty("speaker").GetString());
        Assert.Equal(JsonValueKind.Null, h.GetProperty("speaker_entity").ValueKind);
    }

    [Fact]
    public void Show_Human_HasShortQuotesAndEventsSections()
    {
        var (balloon, _) = Seed();
        var r = Run(Db, "show", S(balloon)).AssertExit(0);
        Assert.Contains("quotes (2):", r.Stdout);
        Assert.Contains("Wang Yi [say]: the airship was civilian", r.Stdout);
        Assert.Contains("events (3):", r.Stdout);
        Assert.Contains("2023-02-04  The Pentagon → Pentagon (USAMIL)  shoot down  the balloon  [195 ASSAULT]  in South Carolina", r.Stdout);
    }

    /// <summary>
    /// The real pipeline: whatever the stages find, `quotes --doc` and `events --doc` list exactly what `show --json` has,
    /// and re-ingest and reprocess leave one row per statement. (Until the stages land, both sides are empty.)
    /// </summary>
    [Fact]
    public void Pipeline_ShowAndQueriesAgree_AndReprocessAddsNoRows()
    {
        var input = Path.Combine(_dir, "in");
        Directory.CreateDirectory(input);
        var file = Path.Combine(input, "talks.txt");
        File.WriteAllText(file, """
            Ministers postpone harbour talks

            The transport minister, Ana Ruiz, postponed the harbour talks on Monday. "We need more time to study the offer," Ruiz told reporters in Valencia.
            The dockers' union accused the government of stalling, according to a statement from its spokesman.
            "The talks did not fail," a source with knowledge of the matter said.
            """);
        var id = Run(Db, "ingest", file, "--json").AssertExit(0).Json.GetProperty("documents")[0].GetProperty("id").GetInt64();

        void Agree()
        {
            var show = Run(Db, "show", S(id), "--json").AssertExit(0).Json;
            var quotes = Run(Db, "quotes", "--doc", S(id), "--limit", "10000", "--json").AssertExit(0).Json;
            var events = Run(Db, "events", "--doc", S(id), "--limit", "10000", "--json").AssertExit(0).Json;
            Assert.Equal(show.GetProperty("quotes").GetArrayLength(), quotes.GetProperty("total").GetInt32());
            Assert.Equal(show.GetProperty("events").GetArrayLength(), events.GetProperty("total").GetInt32());
            // Same statements, field by field (quotes in document order; events compared as sets, the store orders them by date).
            string[] qf = ["text", "speaker", "speaker_entity", "via", "cue", "start", "end", "kind", "unnamed", "sentence"];
            Assert.Equal(show.GetProperty("quotes").EnumerateArray().Select(q => Key(q, qf)), quotes.GetProperty("items").EnumerateArray().Select(q => Key(q, qf)));
            string[] ef = ["actor", "action", "cameo", "goldstein", "plover", "target", "date", "place", "negated", "hypothetical", "sentence", "sentence_index", "actor_code", "target_code"];
            Assert.Equal(show.GetProperty("events").EnumerateArray().Select(e => Key(e, ef)).Order(), events.GetProperty("items").EnumerateArray().Select(e => Key(e, ef)).Order());
        }

        Agree();
        var before = (Run(Db, "quotes", "--json").Json.GetProperty("total").GetInt32(), Run(Db, "events", "--json").Json.GetProperty("total").GetInt32());
        Run(Db, "ingest", file, "--json").AssertExit(0);
        Run(Db, "reprocess", "--json").AssertExit(0);
        Run(Db, "reprocess", "--json").AssertExit(0);
        Agree();
        Assert.Equal(before, (Run(Db, "quotes", "--json").Json.GetProperty("total").GetInt32(), Run(Db, "events", "--json").Json.GetProperty("total").GetInt32()));
    }

    private static string Key(JsonElement e, string[] fields) => string.Join("\u0001", fields.Select(f => e.GetProperty(f).GetRawText()));
}
