using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Storyline.Cleaning;
using Storyline.Core;
using Storyline.Core.Stages;
using Storyline.Extraction;
using Storyline.Metadata;

namespace Storyline.Engine.Tests;

/// <summary>
/// The stage contract, checked on the real default pipeline: every document field a stage changes is one it declares in
/// <see cref="StageInfo.Assigns"/> (run stage by stage over HTML pages, plain-text scrapes and junk), exactly one stage
/// assigns <see cref="Attr.Text"/>, and <see cref="PipelineBuilder.Build"/> rejects a wrong order of the body stages.
/// </summary>
public sealed class StageContractTests
{
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    private static string J<T>(T v) => JsonSerializer.Serialize(v, Json);

    /// <summary>A fingerprint of each watched field, keyed by the attribute that names it.</summary>
    private static Dictionary<string, string> Fields(Document d)
    {
        var metadata = JsonSerializer.SerializeToNode(d.Metadata, Json)!.AsObject();
        metadata.Remove(nameof(DocumentMetadata.Language));
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Attr.Text] = d.Text,
            [Attr.ExtractedText] = d.ExtractedText,
            [Attr.CleanedText] = d.CleanedText,
            [Attr.Removed] = J(d.Removed),
            [Attr.Html] = d.Html is null ? "null" : RuntimeHelpers.GetHashCode(d.Html).ToString(CultureInfo.InvariantCulture),
            [Attr.Metadata] = metadata.ToJsonString(),
            [Attr.Language] = J(d.Metadata.Language),
            [Attr.ContentHash] = d.ContentHash,
            [Attr.NotArticle] = d.NotArticle ?? "null",
            [Attr.Tokens] = J(d.Tokens.Select(t => (t.Start, t.End, t.Text)).ToList()),
            // Tags and arcs only where set: a new token with none is the tokenizer's, not a tag or an arc.
            [Attr.Pos] = J(d.Tokens.Select((t, i) => (i, t.Pos, t.Tag, t.Lemma)).Where(x => x.Pos is not null || x.Tag is not null || x.Lemma is not null).ToList()),
            [Attr.Deps] = J(d.Tokens.Select((t, i) => (i, t.Head, t.Dep)).Where(x => x.Head != -1 || x.Dep is not null).ToList()),
            [Attr.Sentences] = J(d.Sentences),
            [Attr.Mentions] = J(d.Mentions),
            [Attr.Entities] = J(d.Entities),
            [Attr.Places] = J(d.Places),
            [Attr.Times] = J(d.Times),
            [Attr.Quotes] = J(d.Quotes),
            [Attr.Events] = J(d.Events),
            [Attr.Claims] = J(d.Claims),
        };
    }

    /// <summary>
    /// Runs <paramref name="stages"/> one by one as the pipeline would (a stage whose requirement is missing, or the
    /// language layer on a document flagged not an article, is skipped) and lists every field a stage changed without
    /// declaring it.
    /// </summary>
    private static List<string> Undeclared(IReadOnlyList<IStage> stages, Document doc)
    {
        var problems = new List<string>();
        var have = new HashSet<string>([Attr.RawText], StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            if (stage.Info.Requires.Any(r => !have.Contains(r))) continue;
            // The language layer (tokens.v1 onwards) is skipped whole for a document flagged not an article.
            if (doc.NotArticle is not null && stage.Info.Id == "tokens.v1") break;
            var before = Fields(doc);
            stage.Process(doc);
            have.UnionWith(stage.Info.Assigns);
            foreach (var (attr, value) in Fields(doc))
                if (!string.Equals(before[attr], value, StringComparison.Ordinal) && !stage.Info.Assigns.Contains(attr))
                    problems.Add($"{doc.Origin}: stage '{stage.Info.Id}' changed '{attr}' without declaring it");
        }
        return problems;
    }

    private static string? SharedData()
    {
        if (Environment.GetEnvironmentVariable("STORYLINE_SHARED") is { Length: > 0 } s) return Path.Combine(s, "data");
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (Directory.Exists(Path.Combine(d.FullName, "shared", "data"))) return Path.Combine(d.FullName, "shared", "data");
        return null;
    }

    private static Document Text(string name, string text) => new()
    {
        Origin = new DocumentOrigin(name), RawText = text, RawBytes = System.Text.Encoding.UTF8.GetBytes(text),
    };

    /// <summary>Varied inputs: real pages from the shared extraction benchmark, plain text with debris, a feed item with a title, junk.</summary>
    private static IEnumerable<Document> Fixtures()
    {
        if (SharedData() is { } data)
        {
            var dir = Path.Combine(data, "extraction", "scrapinghub", "html");
            foreach (var f in Directory.GetFiles(dir, "*.html.gz").Order(StringComparer.Ordinal).Take(5))
            {
                using var gz = new GZipStream(File.OpenRead(f), CompressionMode.Decompress);
                var html = new StreamReader(gz).ReadToEnd();
                yield return new Document { Origin = new DocumentOrigin(Path.GetFileName(f)), RawText = html, Kind = ContentKind.Html, Format = DocumentFormat.Html };
            }
        }
        yield return Text("story.txt", "Share this article\nMinisters in Berlin agreed on Tuesday to raise the minimum wage, the labour ministry said.\n"
            + "\"This is a fair step,\" Labour Minister Hubertus Heil told reporters in Berlin on March 3, 2024.\nAdvertisement\n"
            + "The increase takes effect in January, according to the ministry.\nPhoto: Reuters\n");
        var item = Text("feed.xml", "Wage rise agreed\nThe council in Leeds approved the budget on Monday after a long debate, officials said.");
        item.Metadata.Title = new Field<string>("Wage rise agreed", "feed:title");
        yield return item;
        yield return Text("junk.txt", new string('x', 300));
        yield return Text("debris-only.txt", "Advertisement\nShare this article");
    }

    [Fact]
    public void DefaultPipeline_EveryStage_ChangesOnlyWhatItDeclares()
    {
        var stages = DefaultPipeline.Build().Stages;
        var problems = Fixtures().SelectMany(d => Undeclared(stages, d)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Checker_CatchesAStageThatWritesTheTextWithoutDeclaringIt()
    {
        var sneaky = new DelegateStage("sneaky.v1", [Attr.RawText], [Attr.CleanedText], d => { d.CleanedText = "x"; d.Text = d.RawText; });
        var problems = Undeclared([sneaky], Text("a.txt", "Some text here."));
        Assert.Equal(["a.txt: stage 'sneaky.v1' changed 'doc.text' without declaring it"], problems);
    }

    [Fact]
    public void DefaultPipeline_ExactlyOneStageAssignsTheText()
    {
        var assigners = DefaultPipeline.Build().Stages.Where(s => s.Info.Assigns.Contains(Attr.Text)).Select(s => s.Info.Id).ToList();
        Assert.Equal([TextStage.Id], assigners);
    }

    [Fact]
    public void Build_TextStageBeforeExtractionOrCleaning_IsRejected()
    {
        var early = new PipelineBuilder().Add(new TextStage()).UseHtmlExtraction();
        Assert.Equal(ErrorCode.SL0101, Assert.Throws<StorylineException>(() => early.Build()).Code);
        var beforeCleaning = new PipelineBuilder().UseHtmlExtraction().Add(new TextStage()).UseTextCleaning();
        Assert.Equal(ErrorCode.SL0101, Assert.Throws<StorylineException>(() => beforeCleaning.Build()).Code);
        var metadataFirst = new PipelineBuilder().UseHtmlExtraction().UseTextCleaning().UseMetadata().Add(new TextStage());
        Assert.Equal(ErrorCode.SL0101, Assert.Throws<StorylineException>(() => metadataFirst.Build()).Code);
        new PipelineBuilder().UseHtmlExtraction().UseTextCleaning().Add(new TextStage()).UseMetadata().Build();
    }

    [Fact]
    public void TextStage_ComposesTheBody_FromTheExtractedOrCleanedText()
    {
        var p = new PipelineBuilder().UseHtmlExtraction().UseTextCleaning().Add(new TextStage()).Build();
        var text = p.Run(Text("a.txt", "Share this article\nThe council in Leeds approved the budget on Monday after a long debate, officials said."));
        Assert.Equal(text.CleanedText, text.Text);
        Assert.DoesNotContain("Share this article", text.Text, StringComparison.Ordinal);
        var html = p.Run(new Document
        {
            Origin = new DocumentOrigin("a.html"), Kind = ContentKind.Html,
            RawText = "<html><body><nav><a href='/'>Home</a></nav><article><p>" + string.Join(" ", Enumerable.Repeat("The council approved the budget.", 20)) + "</p></article></body></html>",
        });
        Assert.Equal(html.ExtractedText, html.Text);
        Assert.StartsWith("The council approved the budget.", html.Text, StringComparison.Ordinal);
        Assert.Equal("", html.CleanedText);
        // Cleaning kept nothing: the decoded input is kept rather than lost (as the pass-through stage did before).
        var debris = p.Run(Text("d.txt", "  Advertisement\n"));
        Assert.Equal("", debris.CleanedText);
        Assert.Equal("Advertisement", debris.Text);
    }

    private sealed class DelegateStage(string id, string[] requires, string[] assigns, Action<Document> run) : IStage
    {
        public StageInfo Info { get; } = new(id, requires, assigns);
        public void Process(Document doc, CancellationToken ct = default) => run(doc);
    }
}
