using System.Globalization;
using System.Text.Json;
using static Storyline.Cli.Tests.StorylineProcess;

namespace Storyline.Cli.Tests;

/// <summary>
/// Issue 11 through the CLI: <c>story ID --json</c> carries the timeline, each side's claims and the contradictions
/// (field names are a public contract); the human output has short sections for them.
/// </summary>
[Trait("Issue", "11")]
public sealed class StoryRollupCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-rollup-cli-").FullName;
    private string Db => Path.Combine(_dir, "s.db");

    public void Dispose() => Directory.Delete(_dir, true);

    private const string Report =
        "Monvale's air force shot down a Kestrian surveillance drone over the border town of Ralik on Sunday, the Monvale defence ministry said.\n\n" +
        "\"The drone was a military surveillance aircraft and it violated our airspace,\" defence minister Aurel Dascon told reporters in the capital.\n\n" +
        "The drone had first crossed into Monvale airspace on May 20 and was tracked by radar stations along the Ralik valley, the ministry said.\n\n" +
        "Relations between the neighbours have been tense since their border treaty lapsed in 2019.";

    private const string Reply =
        "Kestria's foreign ministry on Monday accused Monvale of shooting down a civilian weather drone near Ralik on Sunday.\n\n" +
        "\"It was a civilian weather balloon drone that drifted off course,\" foreign ministry spokeswoman Ilse Varga said in a statement.\n\n" +
        "Kestria summoned Monvale's ambassador and said it may close the Ralik crossing, the main trade route between the two countries.";

    private static string S(long v) => v.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void StoryJson_HasTimelineClaimsBySideAndContradictions()
    {
        var lines = string.Join("\n",
            JsonSerializer.Serialize(new { title = "Monvale shoots down Kestrian drone", text = Report, published = "2025-06-02", source = "Ralik Courier" }),
            JsonSerializer.Serialize(new { title = "Kestria accuses Monvale over drone", text = Reply, published = "2025-06-03", source = "Harbor Times" })) + "\n";
        File.WriteAllText(Path.Combine(_dir, "drone.jsonl"), lines);
        var ids = Run(Db, "ingest", Path.Combine(_dir, "drone.jsonl"), "--json").AssertExit(0).Json
            .GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()).ToArray();
        Assert.Equal(2, ids.Length);
        var shows = ids.Select(id => Run(Db, "show", S(id), "--json").AssertExit(0).Json).ToArray();
        long storyId = shows[0].GetProperty("story_id").GetInt64();

        var story = Run(Db, "story", S(storyId), "--json").AssertExit(0).Json;
        foreach (var f in new[] { "story", "documents", "summary", "timeline", "claims", "contradictions" })
            Assert.True(story.TryGetProperty(f, out _), f);
        Assert.Equal(JsonValueKind.Array, story.GetProperty("timeline").ValueKind);
        Assert.Equal(JsonValueKind.Array, story.GetProperty("claims").ValueKind);
        Assert.Equal(JsonValueKind.Array, story.GetProperty("contradictions").ValueKind);
        Assert.InRange(story.GetProperty("summary").GetArrayLength(), 1, 5);

        var timeline = story.GetProperty("timeline").EnumerateArray().ToList();
        foreach (var t in timeline)
        {
            foreach (var f in new[] { "date", "precision", "text", "sentence", "doc_id", "source", "inferred" }) Assert.True(t.TryGetProperty(f, out _), f);
            Assert.Contains(t.GetProperty("precision").GetString(), (string[])["day", "month", "year"]);
        }
        var dates = timeline.Select(t => t.GetProperty("date").GetString()!).ToList();
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
        foreach (var side in story.GetProperty("claims").EnumerateArray())
        {
            foreach (var f in new[] { "side", "side_key", "claims" }) Assert.True(side.TryGetProperty(f, out _), f);
            foreach (var c in side.GetProperty("claims").EnumerateArray())
                foreach (var f in new[] { "text", "speaker", "doc_id", "source" }) Assert.True(c.TryGetProperty(f, out _), f);
        }
        foreach (var c in story.GetProperty("contradictions").EnumerateArray())
        {
            foreach (var f in new[] { "a", "b", "kind", "sources" }) Assert.True(c.TryGetProperty(f, out _), f);
            Assert.Equal(2, c.GetProperty("sources").GetArrayLength());
        }

        // Once the statement stages fill documents, the story shows what they found.
        bool Any(string field) => shows.Any(s => s.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0);
        if (Any("events")) Assert.NotEmpty(timeline); // both documents are dated: every event has a date
        if (Any("claims")) Assert.NotEmpty(story.GetProperty("claims").EnumerateArray());

        var human = Run(Db, "story", S(storyId)).AssertExit(0).Stdout;
        foreach (var section in new[] { "summary:", "timeline:", "sides:", "contradictions:", "documents:" })
            Assert.Contains("\n" + section + "\n", human, StringComparison.Ordinal);
        if (timeline.Count > 0) Assert.Contains(timeline[0].GetProperty("date").GetString()!, human, StringComparison.Ordinal);
    }
}
