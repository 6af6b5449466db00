using static Storyline.Cli.Tests.StorylineProcess;

namespace Storyline.Cli.Tests;

/// <summary>
/// Every committed model is reproduced byte for byte by its `train … --verify`. The fast trainers run here; the slow ones
/// (minutes each on 2 cores) only when STORYLINE_VERIFY_SLOW=1 is set: cleaning, pos, parser, ner, quotes, stories.
/// </summary>
public sealed class TrainVerifyTests : IDisposable
{
    /// <summary>Set to 1 to also verify the slow trainers (about an hour in all on 2 cores, most of it the parser).</summary>
    public const string SlowVariable = "STORYLINE_VERIFY_SLOW";

    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-verify-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Theory]
    [InlineData("idf")]
    [InlineData("events")]
    [InlineData("paraphrase")]
    [InlineData("gazetteer")]
    [InlineData("stories", true)]
    [InlineData("cleaning", true)]
    [InlineData("pos", true)]
    [InlineData("quotes", true)]
    [InlineData("ner", true)]
    [InlineData("parser", true)]
    public void Verify_ReproducesTheCommittedModel(string model, bool slow = false)
    {
        if (slow && Environment.GetEnvironmentVariable(SlowVariable) != "1") Assert.Skip($"slow trainer: set {SlowVariable}=1 to verify it");
        var r = RunIn(Root, null, "train", model, "--verify", "--json");
        r.AssertExit(0);
        Assert.True(r.Json.GetProperty("identical").GetBoolean());
        var committed = r.Json.GetProperty("model").GetString()!;
        Assert.Equal(new FileInfo(committed).Length, r.Json.GetProperty("bytes").GetInt64());
    }

    [Fact]
    public void Verify_AgainstADifferentFile_SaysDiffersAndWhichFile_AndLeavesItAlone()
    {
        var other = Path.Combine(_dir, "events.bin");
        File.WriteAllBytes(other, [1, 2, 3]);
        var r = RunIn(Root, null, "train", "events", "--verify", "--out", other);
        r.AssertExit(3);
        Assert.Contains("DIFFERS", r.Stdout, StringComparison.Ordinal);
        Assert.Contains(other, r.Stdout, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(other));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Verify_OfAFileJustWritten_IsSame()
    {
        var path = Path.Combine(_dir, "events.bin");
        RunIn(Root, null, "train", "events", "--out", path).AssertExit(0);
        var r = RunIn(Root, null, "train", "events", "--verify", "--out", path);
        r.AssertExit(0);
        Assert.StartsWith("same", r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
    }
}
