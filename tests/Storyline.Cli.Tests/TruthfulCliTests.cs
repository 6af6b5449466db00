using System.Globalization;
using System.Text.Json;
using static Storyline.Cli.Tests.StorylineProcess;

namespace Storyline.Cli.Tests;

/// <summary>Issue 10, "a CLI that tells the truth": exit codes, JSON errors, ids, scores, escaping, sightings, skips.</summary>
public sealed class TruthfulCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-truth-").FullName;
    private string Db => Path.Combine(_dir, "t.db");
    private string FilePath(string name) => Path.Combine(Input, name);

    /// <summary>Inputs live beside, not around, the databases (a folder ingest must not read the store itself).</summary>
    private string Input { get { var d = Path.Combine(_dir, "in"); Directory.CreateDirectory(d); return d; } }

    public void Dispose() => Directory.Delete(_dir, true);

    private const string Article = """
        Harbour ferry service resumes after strike

        The harbour ferry service resumed on Tuesday morning after a three-day strike by crew members ended with a pay agreement.
        Commuters queued at the northern pier from six o'clock, and the first boat left on time.
        """;

    private const string Other = """
        Council approves ferry budget

        The city council approved next year's budget on Monday. Among many items, one line covers repairs to the ferry pier,
        while most of the money goes to schools, roads and the library.
        """;

    private static void AssertJsonError(Result r, string code)
    {
        var e = r.Json.GetProperty("error");
        Assert.Equal(code, e.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString()));
    }

    private long IngestOne(string name, string text)
    {
        File.WriteAllText(FilePath(name), text);
        return Run(Db, "ingest", FilePath(name), "--json").AssertExit(0).Json.GetProperty("documents")[0].GetProperty("id").GetInt64();
    }

    /// <summary>
    /// A missing model is a broken installation, not a bad document: the run stops with exit 4 and a message naming the
    /// file and the train command that reproduces it, never "internal error" and never a store full of half-analysed documents.
    /// </summary>
    [Fact]
    public void MissingModel_IsNotFound_NamingTheTrainCommand()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "no-models")).FullName;
        File.WriteAllText(FilePath("ferry.txt"), Article);
        var r = RunWithModels(Db, empty, "ingest", FilePath("ferry.txt")).AssertExit(4);
        Assert.DoesNotContain("internal error", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("not found", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("./storyline train ", r.Stderr, StringComparison.Ordinal);
        Assert.Contains(empty, r.Stderr, StringComparison.Ordinal);
        AssertJsonError(RunWithModels(Db, empty, "ingest", FilePath("ferry.txt"), "--json").AssertExit(4), "SL1008");
    }

    [Theory]
    [InlineData("docs")]
    [InlineData("show", "1")]
    [InlineData("search", "ferry")]
    [InlineData("stories")]
    [InlineData("story", "1")]
    [InlineData("entities")]
    [InlineData("diff", "1", "2")]
    [InlineData("reprocess")]
    public void ReadingCommands_NeverCreateAStore_MissingStoreIsNotFound(params string[] args)
    {
        var db = Path.Combine(_dir, "no", "such", "x.db");
        var r = Run(db, [.. args, "--json"]).AssertExit(4);
        AssertJsonError(r, "SL4005");
        Assert.Contains(db, r.Stderr);
        Assert.Contains("storyline ingest", r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "no")), "a reading command created the store's folder");
        Run(db, args).AssertExit(4);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public void UnknownOption_IsAUsageError_StdinAndDoubleDashStillWork()
    {
        File.WriteAllText(FilePath("ferry.txt"), Article);
        var r = Run(Db, "ingest", "--bogus", FilePath("ferry.txt")).AssertExit(2);
        Assert.Contains("--bogus", r.Stderr);
        AssertJsonError(Run(Db, "ingest", FilePath("ferry.txt"), "--bogus", "--json").AssertExit(2), "SL5001");
        Assert.Equal(1, RunWithInput(Db, Article, "ingest", "-", "--json").AssertExit(0).Json.GetProperty("new").GetInt32());
        // A real file named like an option can still be ingested after '--'.
        var dashed = Path.Combine(_dir, "sub");
        Directory.CreateDirectory(dashed);
        File.WriteAllText(Path.Combine(dashed, "--weird.txt"), Other);
        // Run from that folder, so the argument itself starts with '--'.
        var ok = RunIn(dashed, null, "ingest", "--json", "--db", Db, "--", "--weird.txt").AssertExit(0);
        Assert.Equal(1, ok.Json.GetProperty("new").GetInt32());
    }

    [Fact]
    public void JsonErrors_ForNotFoundUsageAndBadIds()
    {
        IngestOne("ferry.txt", Article);
        var notFound = Run(Db, "show", "999", "--json").AssertExit(4);
        AssertJsonError(notFound, "SL4004");
        AssertJsonError(Run(Db, "story", "999", "--json").AssertExit(4), "SL4004");
        AssertJsonError(Run(Db, "no-such-command", "--json").AssertExit(2), "SL5001");
        AssertJsonError(Run(Db, "ingest", "--json").AssertExit(2), "SL5001");
        AssertJsonError(Run(Db, "ingest", FilePath("ferry.txt"), "--threads", "0", "--json").AssertExit(2), "SL5001");
    }

    [Theory]
    [InlineData("show", "abc", "document", "storyline docs")]
    [InlineData("show", "-3", "document", "storyline docs")]
    [InlineData("show", "0", "document", "storyline docs")]
    [InlineData("story", "x1", "story", "storyline stories")]
    [InlineData("diff", "1", "two", "document", "storyline docs")]
    public void Ids_AreValidatedWithAHumanMessage(params string[] a)
    {
        IngestOne("ferry.txt", Article);
        string[] args = a.Length == 4 ? [a[0], a[1]] : [a[0], a[1], a[2]];
        string bad = args[^1], what = a[^2], list = a[^1];
        var r = Run(Db, args).AssertExit(2);
        Assert.Contains($"storyline: '{bad}' is not a {what} id (a positive whole number, as listed by '{list}')", r.Stderr);
        Assert.DoesNotContain("System.", r.Stderr);
        AssertJsonError(Run(Db, [.. args, "--json"]).AssertExit(2), "SL5002");
    }

    [Fact]
    public void Search_ShowsRealScores_BestFirst()
    {
        File.WriteAllText(FilePath("a.txt"), Article);
        File.WriteAllText(FilePath("b.txt"), Other);
        File.WriteAllText(FilePath("c.txt"), "Library hours\n\nThe city library will open late on Sundays from next month, the council said in a statement.");
        Run(Db, "ingest", Input, "--json").AssertExit(0);
        var results = Run(Db, "search", "ferry", "--json").AssertExit(0).Json.GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        double s0 = results[0].GetProperty("score").GetDouble(), s1 = results[1].GetProperty("score").GetDouble();
        Assert.Equal(1.0, s0, 6);
        Assert.InRange(s1, 0.0001, 0.9999);
        var text = Run(Db, "search", "ferry").AssertExit(0).Stdout;
        Assert.Contains("[1.00]", text);
        Assert.DoesNotContain("[0.00]", text);
    }

    [Fact]
    public void TerminalOutput_EscapesControlAndBidiCharacters_JsonStaysJson()
    {
        var title = "Evil \u202Egnp.exe title";
        var name = "bad\u001b]0;pwned\u0007\u202E.txt";
        File.WriteAllText(FilePath(name), title + "\n\n" + Article.Split('\n', 3)[2]);
        var bad = "\u001b[2J\r\u202Eempty.txt";
        File.WriteAllBytes(FilePath(bad), []);
        var ing = Run(Db, "ingest", FilePath(name), FilePath(bad)).AssertExit(3);
        // The failure line names the file, escaped.
        Assert.Contains("\\e[2J\\r\\u202Eempty.txt", ing.Stderr);
        var json = Run(Db, "ingest", FilePath(name), "--json").AssertExit(0);
        Assert.DoesNotContain('\u202E', json.Stdout);
        Assert.DoesNotContain('\u001b', json.Stdout);
        Assert.Contains("\\u202E", json.Stdout);
        Assert.Equal(FilePath(name), json.Json.GetProperty("documents")[0].GetProperty("path").GetString());
        var id = json.Json.GetProperty("documents")[0].GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        var storedTitle = Run(Db, "show", id, "--json").Json.GetProperty("title").GetString()!;
        Assert.Contains('\u202E', storedTitle);
        foreach (var r in new[] { Run(Db, "docs"), Run(Db, "show", id), Run(Db, "search", "ferry"), ing })
        {
            var all = r.Stdout + r.Stderr;
            Assert.DoesNotContain('\u001b', all);
            Assert.DoesNotContain('\u202E', all);
            Assert.DoesNotContain('\a', all);
            Assert.DoesNotContain('\r', all);
        }
        Assert.Contains("Evil \\u202Egnp.exe", Run(Db, "show", id).Stdout);
    }

    [Fact]
    public void Reingest_CountsTheSighting_InsteadOfAddingRows()
    {
        long id = 0;
        for (int i = 0; i < 3; i++) id = IngestOne("ferry.txt", Article);
        var sightings = Run(Db, "show", id.ToString(CultureInfo.InvariantCulture), "--json").Json.GetProperty("sightings");
        Assert.Equal(1, sightings.GetArrayLength());
        var s = sightings[0];
        Assert.Equal(3, s.GetProperty("count").GetInt32());
        foreach (var f in new[] { "path", "locator", "url", "seen_at", "last_seen" }) Assert.True(s.TryGetProperty(f, out _), f);
        Assert.True(s.GetProperty("last_seen").GetDateTimeOffset() > s.GetProperty("seen_at").GetDateTimeOffset());
    }

    [Fact]
    public void Results_DoNotDependOnThreadsOrBatchSize_AndSkippedIsReported()
    {
        for (int i = 0; i < 12; i++)
            File.WriteAllText(FilePath($"d{i:00}.txt"), $"Report number {i}\n\nThe harbour authority published report number {i} on Monday, covering ferry traffic, " +
                $"pier repairs and {i * 7} new mooring places for small boats in the northern basin.");
        File.WriteAllBytes(FilePath("empty.txt"), []);
        var one = Run(Path.Combine(_dir, "one.db"), "ingest", Input, "--threads", "1", "--batch-size", "1", "--json").AssertExit(3).Json;
        var many = Run(Path.Combine(_dir, "many.db"), "ingest", Input, "--threads", "4", "--batch-size", "5", "--json").AssertExit(3).Json;
        Assert.Equal(0, one.GetProperty("skipped").GetInt32());
        Assert.Equal(1, one.GetProperty("failed").GetInt32());
        static string Shape(JsonElement j) => string.Join("\n", j.GetProperty("documents").EnumerateArray()
            .Select(d => $"{d.GetProperty("path")}|{d.GetProperty("id")}|{d.GetProperty("status")}|{d.GetProperty("code")}"));
        Assert.Equal(Shape(one), Shape(many));
        string Texts(string db) => string.Join("\n", Enumerable.Range(1, 12).Select(i =>
        {
            var d = Run(db, "show", i.ToString(CultureInfo.InvariantCulture), "--json").Json;
            return d.GetProperty("content_hash").GetString() + d.GetProperty("title").GetString();
        }));
        Assert.Equal(Texts(Path.Combine(_dir, "one.db")), Texts(Path.Combine(_dir, "many.db")));
    }

    [Fact]
    public void PlainProgress_ReportsFailuresOnStderr_SummaryCountsSkipped()
    {
        File.WriteAllText(FilePath("good.txt"), Article);
        File.WriteAllBytes(FilePath("empty.txt"), []);
        var r = Run(Db, "ingest", Input).AssertExit(3);
        Assert.Contains("failed: ", r.Stderr);
        Assert.Contains("empty.txt", r.Stderr);
        Assert.Matches(@"2 documents read: 1 new, 0 duplicates, 1 failed, 0 skipped", r.Stdout);
    }
}
