using System.Globalization;
using System.Text.Json;
using static Storyline.Cli.Tests.StorylineProcess;

namespace Storyline.Cli.Tests;

/// <summary>Issue 5 through the CLI: copies land in their original's story, stories list and show, diffs, inferred dates.</summary>
public sealed class StoriesCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-stories-").FullName;
    private string Db => Path.Combine(_dir, "s.db");

    public void Dispose() => Directory.Delete(_dir, true);

    private const string Original = """
        Glassworks to close northern plant

        Harlow Glassworks will close its plant in the northern town of Keswick by March, cutting 340 jobs, the company said on Tuesday.
        The plant, which opened in 1962, has lost money for five years as energy prices rose, chief executive Marta Quinn told staff.
        "This is the hardest decision we have taken," Quinn said in a statement.
        Union leaders said they would ask the regional government to help find a buyer for the site before the closure.
        The company will keep its two southern plants open and move some production there over the coming months.
        """;

    private static string S(long v) => v.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void ScrapeOfAnArticle_IsACopy_InTheSameStory_AndUnrelatedNewsIsNot()
    {
        File.WriteAllText(Path.Combine(_dir, "a-original.jsonl"), JsonSerializer.Serialize(new { title = "Glassworks to close northern plant", text = Original, published = "2025-01-14", source = "Valley Post" }) + "\n");
        var first = Run(Db, "ingest", Path.Combine(_dir, "a-original.jsonl"), "--json").Json.GetProperty("documents")[0].GetProperty("id").GetInt64();
        // The aggregator adds a line of its own: cleaned, the scrape is a near-copy, not the same text (that would be a sighting).
        File.WriteAllText(Path.Combine(_dir, "b-scrape.txt"), "Latest news\n\nShare this article\n\n" + Original +
            "The regional government has not yet commented on the closure.\n\nMore like this\n\nRelated: Council approves new budget\n");
        File.WriteAllText(Path.Combine(_dir, "c-other.txt"),
            "Lifeboat crew rescue three sailors\n\nA lifeboat crew rescued three sailors whose yacht lost its mast in a storm off the western cape on Sunday night, the coastguard said. All three were taken to hospital with mild hypothermia.");
        var r = Run(Db, "ingest", Path.Combine(_dir, "b-scrape.txt"), Path.Combine(_dir, "c-other.txt"), "--json").Json;
        var ids = r.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()).ToArray();

        var scrape = Run(Db, "show", S(ids[0]), "--json").Json;
        Assert.Contains(scrape.GetProperty("copies").EnumerateArray(), c => c.GetProperty("id").GetInt64() == first);
        Assert.Equal(first, scrape.GetProperty("original").GetProperty("id").GetInt64());
        var original = Run(Db, "show", S(first), "--json").Json;
        Assert.Equal(original.GetProperty("story_id").GetInt64(), scrape.GetProperty("story_id").GetInt64());
        var other = Run(Db, "show", S(ids[1]), "--json").Json;
        Assert.NotEqual(original.GetProperty("story_id").GetInt64(), other.GetProperty("story_id").GetInt64());

        var stories = Run(Db, "stories", "--json");
        stories.AssertExit(0);
        var list = stories.Json.GetProperty("stories");
        Assert.Equal(2, list.GetArrayLength());
        foreach (var f in new[] { "id", "title", "documents", "sources", "first_seen", "last_seen" })
            Assert.True(list[0].TryGetProperty(f, out _), f);
        var story = Run(Db, "story", S(original.GetProperty("story_id").GetInt64()), "--json");
        story.AssertExit(0);
        Assert.Equal(2, story.Json.GetProperty("documents").GetArrayLength());
        Assert.True(story.Json.GetProperty("summary").GetArrayLength() > 0);
        Run(Db, "story", "999", "--json").AssertExit(4);
    }

    [Fact]
    public void Diff_ShowsTheChangedSentence()
    {
        File.WriteAllText(Path.Combine(_dir, "v1.txt"), Original);
        File.WriteAllText(Path.Combine(_dir, "v2.txt"), Original.Replace("cutting 340 jobs", "cutting 410 jobs", StringComparison.Ordinal)
            + "\nThe regional government said on Wednesday it would meet the union next week.\n");
        var ids = Run(Db, "ingest", Path.Combine(_dir, "v1.txt"), Path.Combine(_dir, "v2.txt"), "--json").Json
            .GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()).ToArray();
        var d = Run(Db, "diff", S(ids[0]), S(ids[1]), "--json");
        d.AssertExit(0);
        Assert.Equal(1, d.Json.GetProperty("changed").GetInt32());
        Assert.Equal(1, d.Json.GetProperty("added").GetInt32());
        var text = Run(Db, "diff", S(ids[0]), S(ids[1]));
        Assert.Contains("410", text.Stdout);
    }
}
