using System.Text.Json;
using Storyline.Core;
using static Storyline.Cli.Tests.StorylineProcess;

namespace Storyline.Cli.Tests;

/// <summary>
/// Issue 11's "Done means", end to end: the two real samples go through `ingest`, then `show --json` and
/// `story --json` must carry their quotes with speakers, the shoot-down, the postponed trip, the meeting and the
/// accusations as typed events, claims from two sides, and the identity conflict between them. This is the only place
/// the samples' content is expected: no stage has a rule keyed on their text.
/// </summary>
public sealed class SampleStatementsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-samples-").FullName;
    private string Db => Path.Combine(_dir, "s.db");

    public void Dispose() => Directory.Delete(_dir, true);

    private static string Samples =>
        RepoPaths.SharedData is { } data ? Path.Combine(Path.GetDirectoryName(data)!, "samples") : Path.GetFullPath(Path.Combine(Root, "..", "shared", "samples"));

    [Fact]
    public void Samples_ComeOutWithQuotesEventsSidesAndTheBalloonConflict()
    {
        if (!Directory.Exists(Samples)) Assert.Skip($"no samples folder at {Samples}");
        Run(Db, "ingest", Samples).AssertExit(0);
        var docs = Run(Db, "docs", "--json").AssertExit(0).Json;
        var ids = Ids(docs);
        Assert.Equal(2, ids.Count);

        var events = new List<JsonElement>();
        long story = -1;
        foreach (var id in ids)
        {
            var show = Run(Db, "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json").AssertExit(0).Json;
            var quotes = show.GetProperty("quotes").EnumerateArray().ToList();
            Assert.True(quotes.Count >= 3, $"document {id}: {quotes.Count} quotes");
            Assert.All(quotes, q => Assert.False(string.IsNullOrWhiteSpace(q.GetProperty("speaker").GetString()), $"quote without speaker: {q.GetProperty("text")}"));
            Assert.True(show.GetProperty("claims").GetArrayLength() >= quotes.Count);
            events.AddRange(show.GetProperty("events").EnumerateArray());
            if (show.TryGetProperty("story_id", out var sid) && sid.ValueKind == JsonValueKind.Number)
            {
                if (story < 0) story = sid.GetInt64();
                Assert.Equal(story, sid.GetInt64()); // both tell one story
            }
        }

        // The four events by their CAMEO root / PLOVER category.
        AssertEvent(events, "shoot", e => Cameo(e).StartsWith("19", StringComparison.Ordinal) && Plover(e) == "ASSAULT");
        AssertEvent(events, "postpone", e => Cameo(e).Length == 3 && Plover(e).Length > 0);
        AssertEvent(events, "meet", e => Cameo(e) is ['0', '3' or '4', _] && Plover(e) is "CONSULT" or "AGREE");
        AssertEvent(events, "accuse", e => Cameo(e).StartsWith("11", StringComparison.Ordinal) && Plover(e) == "ACCUSE");

        Assert.True(story >= 0, "the samples were not grouped into a story");
        var detail = Run(Db, "story", story.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json").AssertExit(0).Json;
        var sides = detail.GetProperty("claims").EnumerateArray()
            .Where(s => s.GetProperty("claims").GetArrayLength() > 0)
            .Select(s => s.GetProperty("side_key").GetString()).ToList();
        Assert.Contains("US", sides);
        Assert.Contains("CN", sides);

        var identity = detail.GetProperty("contradictions").EnumerateArray().Where(c => c.GetProperty("kind").GetString() == "identity").ToList();
        Assert.NotEmpty(identity);
        Assert.Contains(identity, c =>
            new[] { c.GetProperty("a").GetProperty("side_key").GetString(), c.GetProperty("b").GetProperty("side_key").GetString() }.Order().SequenceEqual(["CN", "US"])
            && c.GetProperty("a").GetProperty("subject").GetString() == "balloon" && c.GetProperty("b").GetProperty("subject").GetString() == "balloon");
    }

    private static List<long> Ids(JsonElement docs)
    {
        var items = docs.ValueKind == JsonValueKind.Array ? docs : docs.GetProperty("documents");
        return items.EnumerateArray().Select(d => d.GetProperty("id").GetInt64()).Order().ToList();
    }

    private static string Cameo(JsonElement e) => e.GetProperty("cameo").GetString() ?? "";
    private static string Plover(JsonElement e) => e.GetProperty("plover").GetString() ?? "";

    private static void AssertEvent(List<JsonElement> events, string action, Func<JsonElement, bool> typed)
    {
        var found = events.Where(e => (e.GetProperty("action").GetString() ?? "").Contains(action, StringComparison.OrdinalIgnoreCase)
            && e.GetProperty("negated").ValueKind != JsonValueKind.True).ToList();
        Assert.True(found.Count > 0, $"no '{action}' event");
        Assert.True(found.Any(typed), $"'{action}' events typed {string.Join(", ", found.Select(e => Cameo(e) + "/" + Plover(e)))}");
    }
}
