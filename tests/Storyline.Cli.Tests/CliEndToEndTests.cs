using System.Text;
using System.Text.Json;
using static Storyline.Cli.Tests.StorylineProcess;

namespace Storyline.Cli.Tests;

/// <summary>The CLI contract, end to end through ./storyline with --json (see issue 3).</summary>
public sealed class CliEndToEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-cli-").FullName;
    private string Db => Path.Combine(_dir, "t.db");
    private string FilePath(string name) => Path.Combine(_dir, name);

    public void Dispose() => Directory.Delete(_dir, true);

    private const string Article = """
        Harbour ferry service resumes after strike

        The harbour ferry service resumed on Tuesday morning after a three-day strike by crew members ended with a pay agreement.
        Commuters queued at the northern pier from six o'clock, and the first boat left on time.
        "We are glad to be back at work," said a deckhand who asked not to be named.
        """;

    [Fact]
    public void Ingest_Json_ReportsEachDocument_AndReingestCreatesNoDuplicate()
    {
        File.WriteAllText(FilePath("ferry.txt"), Article);
        var first = Run(Db, "ingest", FilePath("ferry.txt"), "--json");
        first.AssertExit(0);
        var j = first.Json;
        Assert.Equal(1, j.GetProperty("new").GetInt32());
        Assert.Equal(0, j.GetProperty("duplicates").GetInt32());
        Assert.Equal(0, j.GetProperty("failed").GetInt32());
        var doc = j.GetProperty("documents")[0];
        Assert.Equal("new", doc.GetProperty("status").GetString());
        Assert.EndsWith("ferry.txt", doc.GetProperty("path").GetString());
        // Start-up is measured: the time to the first processed document, from process start, is a positive number.
        Assert.Equal(System.Text.Json.JsonValueKind.Number, j.GetProperty("first_document_seconds").ValueKind);
        Assert.True(j.GetProperty("first_document_seconds").GetDouble() > 0);

        var again = Run(Db, "ingest", FilePath("ferry.txt"), "--json").Json;
        Assert.Equal(0, again.GetProperty("new").GetInt32());
        Assert.Equal(1, again.GetProperty("duplicates").GetInt32());
        Assert.Equal(doc.GetProperty("id").GetInt64(), again.GetProperty("documents")[0].GetProperty("id").GetInt64());
        Assert.Equal(1, Run(Db, "docs", "--json").Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public void Show_Json_HasTheContractFields_AndNullDateWhenNoneFound()
    {
        File.WriteAllText(FilePath("ferry.txt"), Article);
        var id = Run(Db, "ingest", FilePath("ferry.txt"), "--json").Json.GetProperty("documents")[0].GetProperty("id").GetInt64();
        var show = Run(Db, "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        show.AssertExit(0);
        var d = show.Json;
        foreach (var f in new[] { "id", "title", "source", "publisher", "byline", "published", "language", "text", "removed", "content_hash" })
            Assert.True(d.TryGetProperty(f, out _), $"show --json lacks '{f}'");
        Assert.Equal(JsonValueKind.Null, d.GetProperty("published").ValueKind);
        Assert.Contains("pay agreement", d.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Array, d.GetProperty("removed").ValueKind);
        Assert.Equal(64, d.GetProperty("content_hash").GetString()!.Length);
    }

    [Fact]
    public void BadInputs_AreReported_AndTheRestIsStored_WithPartialExitCode()
    {
        File.WriteAllText(FilePath("good.txt"), Article);
        File.WriteAllBytes(FilePath("empty.txt"), []);
        File.WriteAllBytes(FilePath("binary.bin"), [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0, 1, 2, 3, 0, 0, 0, 0, 0xFF, 0xFE, 0, 0]);
        File.WriteAllText(FilePath("lines.jsonl"),
            "{\"title\":\"Bridge reopens\",\"text\":\"The old bridge reopened to traffic on Friday after two years of repairs, officials said.\",\"published\":\"2024-05-03\",\"source\":\"Metro Wire\"}\n{not json\n");
        var r = Run(Db, "ingest", FilePath("good.txt"), FilePath("empty.txt"), FilePath("binary.bin"), FilePath("lines.jsonl"), FilePath("missing.txt"), "--json");
        r.AssertExit(3);
        var j = r.Json;
        Assert.Equal(2, j.GetProperty("new").GetInt32());
        Assert.Equal(4, j.GetProperty("failed").GetInt32());
        foreach (var d in j.GetProperty("documents").EnumerateArray().Where(d => d.GetProperty("status").GetString() == "failed"))
        {
            var err = d.GetProperty("error").GetString()!;
            Assert.False(string.IsNullOrWhiteSpace(err));
            var name = Path.GetFileName(d.GetProperty("path").GetString()!.Split('#')[0]);
            Assert.Contains(name, err);
        }
        var bridge = j.GetProperty("documents").EnumerateArray().First(d => d.GetProperty("status").GetString() == "new" && d.GetProperty("path").GetString()!.Contains("lines.jsonl"));
        var shown = Run(Db, "show", bridge.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), "--json").Json;
        Assert.Equal("2024-05-03", shown.GetProperty("published").GetString());
        Assert.Equal("Bridge reopens", shown.GetProperty("title").GetString());
    }

    [Fact]
    public void Stdin_IsIngested()
    {
        var r = RunWithInput(Db, Article, "ingest", "-", "--json");
        r.AssertExit(0);
        Assert.Equal(1, r.Json.GetProperty("new").GetInt32());
    }

    [Fact]
    public void Search_Json_ReturnsRankedHits()
    {
        File.WriteAllText(FilePath("ferry.txt"), Article);
        File.WriteAllText(FilePath("other.txt"), "Library hours\n\nThe city library will open late on Sundays from next month, the council said in a statement.");
        Run(Db, "ingest", _dir, "--json");
        var r = Run(Db, "search", "ferry strike", "--json");
        r.AssertExit(0);
        var results = r.Json.GetProperty("results");
        Assert.Equal(1, results.GetArrayLength());
        foreach (var f in new[] { "id", "title", "snippet", "score" }) Assert.True(results[0].TryGetProperty(f, out _));
    }

    [Fact]
    public void Reprocess_KeepsIds()
    {
        File.WriteAllText(FilePath("ferry.txt"), Article);
        var id = Run(Db, "ingest", FilePath("ferry.txt"), "--json").Json.GetProperty("documents")[0].GetProperty("id").GetInt64();
        var r = Run(Db, "reprocess", "--json");
        r.AssertExit(0);
        Assert.Equal(1, r.Json.GetProperty("reprocessed").GetInt32());
        Run(Db, "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json").AssertExit(0);
    }

    [Fact]
    public void NoLanguage_StoresWithoutEntitiesOrTimes_AndReprocessAddsThem()
    {
        File.WriteAllText(FilePath("ferry.txt"), Article.Replace("a deckhand", "deckhand Tomas Berg"));
        var id = Run(Db, "ingest", FilePath("ferry.txt"), "--no-language", "--json").AssertExit(0)
            .Json.GetProperty("documents")[0].GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bare = Run(Db, "show", id, "--json").Json;
        Assert.Equal(0, bare.GetProperty("entities").GetArrayLength());
        Assert.Equal(0, bare.GetProperty("times").GetArrayLength());
        Run(Db, "reprocess", "--json").AssertExit(0);
        var full = Run(Db, "show", id, "--json").Json;
        Assert.Contains(full.GetProperty("entities").EnumerateArray(), e => e.GetProperty("name").GetString() == "Tomas Berg");
        Assert.Contains(full.GetProperty("times").EnumerateArray(), t => t.GetProperty("text").GetString()!.Contains("Tuesday"));
    }

    [Fact]
    public void ExitCodes_UsageAndNotFound()
    {
        Run(Db, "ingest").AssertExit(2);
        Run(Db, "no-such-command").AssertExit(2);
        Run(Db, "show", "999999", "--json").AssertExit(4);
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("show")]
    [InlineData("docs")]
    [InlineData("search")]
    [InlineData("reprocess")]
    public void Help_TeachesWithExamples(string command)
    {
        var r = Run(Db, command, "--help");
        r.AssertExit(0);
        Assert.Contains("Examples:", r.Stdout);
        Assert.Contains("storyline " + command, r.Stdout);
    }
}
