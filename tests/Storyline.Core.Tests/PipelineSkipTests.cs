using Storyline.Core;
using Storyline.Core.Stages;

namespace Storyline.Core.Tests;

/// <summary>Honest stage skipping, guarded sections (budgets) and the last-resort watchdog.</summary>
public class PipelineSkipTests
{
    private sealed class FakeStage(string id, string[] requires, string[] assigns, Action<Document, CancellationToken>? run = null) : IStage
    {
        public StageInfo Info { get; } = new(id, requires, assigns);
        public int Calls;
        public void Process(Document doc, CancellationToken ct = default) { Interlocked.Increment(ref Calls); run?.Invoke(doc, ct); }
    }

    private static Document NewDoc(string text = "") => new() { Origin = new DocumentOrigin("test.txt"), Text = text };

    [Fact]
    public void StageWhoseInputAFailedStageShouldHaveAssigned_IsSkipped_WithSL1019()
    {
        var tokens = new FakeStage("tok.v1", [Attr.Text], [Attr.Tokens], (_, _) => throw new InvalidOperationException("tokenizer broke"));
        var ner = new FakeStage("ner.v1", [Attr.Tokens], [Attr.Mentions]);
        var ents = new FakeStage("ents.v1", [Attr.Mentions], [Attr.Entities]);
        var times = new FakeStage("times.v1", [Attr.Text], [Attr.Times]);
        var p = new PipelineBuilder { Given = { Attr.Text } }.Add(tokens).Add(ner).Add(ents).Add(times).Build();
        var doc = p.Run(NewDoc("x"));
        Assert.Equal(0, ner.Calls);      // never runs on garbage
        Assert.Equal(0, ents.Calls);     // nor does what depends on it, transitively
        Assert.Equal(1, times.Calls);    // an independent stage still runs
        Assert.Contains(doc.Diagnostics, d => d.Code == ErrorCode.SL0102 && d.Stage == "tok.v1");
        Assert.Contains(doc.Diagnostics, d => d.Code == ErrorCode.SL1019 && d.Stage == "ner.v1" && d.Message.Contains(Attr.Tokens));
        Assert.Contains(doc.Diagnostics, d => d.Code == ErrorCode.SL1019 && d.Stage == "ents.v1");
        Assert.Equal(["times.v1"], doc.Stages);
    }

    [Fact]
    public void AttributeAssignedByAnyEarlierSuccessfulStage_IsEnough()
    {
        // Two stages can assign the text (extraction, or a pass-through fallback); one failing is not fatal.
        var extract = new FakeStage("extract.v1", [Attr.RawText], [Attr.Text], (_, _) => throw new InvalidOperationException("bad html"));
        var fallback = new FakeStage("fallback.v1", [Attr.RawText], [Attr.Text], (d, _) => d.Text = "fallback");
        var hash = new FakeStage("hash.v1", [Attr.Text], [Attr.ContentHash]);
        var doc = new PipelineBuilder().Add(extract).Add(fallback).Add(hash).Build().Run(NewDoc());
        Assert.Equal(1, hash.Calls);
        Assert.DoesNotContain(doc.Diagnostics, d => d.Code == ErrorCode.SL1019);
    }

    [Fact]
    public void GuardedSection_SkipsAllItsStagesOnce_AndLaterStagesRun()
    {
        var a = new FakeStage("a.v1", [], []);
        var b = new FakeStage("b.v1", [], []);
        var after = new FakeStage("after.v1", [], []);
        var guard = new StageGuard("layer", d => d.Text.Length > 3 ? new Diagnostic(ErrorCode.SL1017, "too long") : null);
        var p = new PipelineBuilder().BeginSection(guard).Add(a).Add(b).EndSection().Add(after).Build();

        var big = p.Run(NewDoc("abcdef"));
        Assert.Equal(0, a.Calls + b.Calls);
        Assert.Single(big.Diagnostics, d => d.Code == ErrorCode.SL1017);
        Assert.Equal(["after.v1"], big.Stages);

        var small = p.Run(NewDoc("ab"));
        Assert.Equal(["a.v1", "b.v1", "after.v1"], small.Stages);
        Assert.Empty(small.Diagnostics);
    }

    [Fact]
    public void StagesSkippedBySection_DoNotAssign_SoDependentsOutsideAreSkippedToo()
    {
        var tok = new FakeStage("tok.v1", [], [Attr.Tokens]);
        var user = new FakeStage("user.v1", [Attr.Tokens], []);
        var p = new PipelineBuilder().BeginSection(new StageGuard("layer", _ => new Diagnostic(ErrorCode.SL1019, "no")))
            .Add(tok).EndSection().Add(user).Build();
        var doc = p.Run(NewDoc());
        Assert.Equal(0, user.Calls);
        Assert.Contains(doc.Diagnostics, d => d.Code == ErrorCode.SL1019 && d.Stage == "user.v1");
    }

    [Fact]
    public void InsertBefore_AStageInASection_JoinsThatSection()
    {
        var first = new FakeStage("first.v1", [], []);
        var inserted = new FakeStage("inserted.v1", [], []);
        var b = new PipelineBuilder().BeginSection(new StageGuard("layer", _ => new Diagnostic(ErrorCode.SL1019, "skip"))).Add(first).EndSection();
        b.InsertBefore<FakeStage>(inserted);
        b.Build().Run(NewDoc());
        Assert.Equal(0, inserted.Calls);
    }

    [Fact]
    public void LanguageLayerGuard_TextBudget_IsDeterministic_AndNamesTheReason()
    {
        var tok = new FakeStage("tok.v1", [Attr.Text], [Attr.Tokens]);
        var p = new PipelineBuilder { Given = { Attr.Text } }.BeginSection(StageGuards.LanguageLayer(maxChars: 100)).Add(tok).EndSection().Build();
        var over = p.Run(NewDoc(new string('w', 101)));
        var at = p.Run(NewDoc(new string('w', 100)));
        Assert.Equal(1, tok.Calls); // only the one at the budget ran
        var d = Assert.Single(over.Diagnostics);
        Assert.Equal(ErrorCode.SL1017, d.Code);
        Assert.Contains("101", d.Message);
        Assert.Empty(at.Diagnostics);
    }

    [Fact]
    public void LanguageLayerGuard_SkipsNotArticle_WithSL1019()
    {
        var tok = new FakeStage("tok.v1", [Attr.Text], [Attr.Tokens]);
        var p = new PipelineBuilder { Given = { Attr.Text } }.Add(new ArticleCheckStage())
            .BeginSection(StageGuards.LanguageLayer()).Add(tok).EndSection().Build();
        var doc = p.Run(NewDoc(new string('a', 5_000_000)));
        Assert.Equal(0, tok.Calls);
        Assert.NotNull(doc.NotArticle);
        Assert.Contains(doc.Diagnostics, x => x.Code == ErrorCode.SL1018);
        Assert.Contains(doc.Diagnostics, x => x.Code == ErrorCode.SL1019);
    }

    [Fact]
    public void Watchdog_FailsTheDocument_WithSL1017_WhenAStageRunsTooLong()
    {
        var slow = new FakeStage("slow.v1", [], [], (_, ct) => Task.Delay(TimeSpan.FromSeconds(30), ct).GetAwaiter().GetResult());
        var p = new PipelineBuilder { Watchdog = TimeSpan.FromMilliseconds(200) }.Add(slow).Build();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var ex = Assert.Throws<StorylineException>(() => p.Run(NewDoc()));
        Assert.Equal(ErrorCode.SL1017, ex.Code);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"watchdog took {sw.Elapsed}");
    }

    [Fact]
    public void Watchdog_FailsTheDocument_EvenWhenAStageIgnoresItsToken()
    {
        var stubborn = new FakeStage("stubborn.v1", [], [], (_, _) => Thread.Sleep(300));
        var next = new FakeStage("next.v1", [], []);
        var p = new PipelineBuilder { Watchdog = TimeSpan.FromMilliseconds(50) }.Add(stubborn).Add(next).Build();
        var ex = Assert.Throws<StorylineException>(() => p.Run(NewDoc()));
        Assert.Equal(ErrorCode.SL1017, ex.Code);
        Assert.Equal(0, next.Calls);
    }

    [Fact]
    public void CallerCancellation_IsStillACancellation_NotAWatchdogFailure()
    {
        using var cts = new CancellationTokenSource();
        var stage = new FakeStage("s.v1", [], [], (_, ct) => { cts.Cancel(); ct.ThrowIfCancellationRequested(); });
        var p = new PipelineBuilder { Watchdog = TimeSpan.FromMinutes(1) }.Add(stage).Build();
        Assert.ThrowsAny<OperationCanceledException>(() => p.Run(NewDoc(), cts.Token));
    }

    [Fact]
    public void NoWatchdog_ByDefault_InTheBuilder()
    {
        var slow = new FakeStage("slow.v1", [], [], (_, _) => Thread.Sleep(50));
        var doc = new PipelineBuilder().Add(slow).Build().Run(NewDoc());
        Assert.Equal(["slow.v1"], doc.Stages);
    }
}
