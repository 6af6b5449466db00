using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Storyline.Core;

namespace Storyline.Cleaning.Training;

/// <summary>Which part of the deterministic page split a page belongs to.</summary>
public enum SplitPart { Dev, Test }

/// <summary>A benchmark page with its ground truth: a gold body (scrapinghub) or must-have / must-not-have chunks (trafilatura-eval).</summary>
public sealed record ExtractionPage(string Set, string Id, string HtmlPath, string? GoldBody, IReadOnlyList<string> With, IReadOnlyList<string> Without)
{
    public SplitPart Part => Splits.Of(Id);

    public byte[] ReadHtml()
    {
        using var fs = File.OpenRead(HtmlPath);
        using var gz = new GZipStream(fs, CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }
}

/// <summary>
/// The page split by a hash of the page id: 20 % test, 80 % dev. Everything (features, training, the threshold by
/// cross-validation over dev folds) is decided on dev; test is only scored.
/// </summary>
public static class Splits
{
    private const int Buckets = 20;
    private const int TestBuckets = 4;
    /// <summary>Cross-validation folds of the dev pages.</summary>
    public const int Folds = 5;

    public static SplitPart Of(string id) => Hashing.Fnv64(id) % Buckets < TestBuckets ? SplitPart.Test : SplitPart.Dev;

    /// <summary>The cross-validation fold (0..<see cref="Folds"/>-1) of a dev page.</summary>
    public static int FoldOf(string id) => (int)(Hashing.Fnv64(id + "#fold") % Folds);
}

/// <summary>Loads the shared extraction benchmarks (../shared/data/extraction).</summary>
public static class ExtractionCorpus
{
    public const string ScrapinghubSet = "scrapinghub";
    public const string TrafilaturaSet = "trafilatura-eval";

    /// <summary>Both shared sets; <paramref name="extractionDir"/> defaults to the shared data's extraction folder.</summary>
    public static List<ExtractionPage> Load(string? extractionDir = null)
    {
        extractionDir ??= RepoPaths.Data("extraction");
        var pages = new List<ExtractionPage>();
        var sh = Path.Combine(extractionDir, ScrapinghubSet);
        if (Directory.Exists(sh)) pages.AddRange(LoadScrapinghub(sh));
        var tr = Path.Combine(extractionDir, TrafilaturaSet);
        if (Directory.Exists(tr)) pages.AddRange(LoadTrafilatura(tr));
        return pages;
    }

    public static IEnumerable<ExtractionPage> LoadScrapinghub(string dir)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "ground-truth.json")));
        var list = new List<ExtractionPage>();
        foreach (var p in json.RootElement.EnumerateObject())
        {
            var html = Path.Combine(dir, "html", p.Name + ".html.gz");
            if (!File.Exists(html)) continue;
            var body = p.Value.GetProperty("articleBody").GetString() ?? "";
            list.Add(new ExtractionPage(ScrapinghubSet, p.Name, html, body, [], []));
        }
        return list.OrderBy(p => p.Id, StringComparer.Ordinal);
    }

    public static IEnumerable<ExtractionPage> LoadTrafilatura(string dir)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "evaldata.json")));
        var list = new List<ExtractionPage>();
        foreach (var p in json.RootElement.EnumerateObject())
        {
            var file = p.Value.GetProperty("file").GetString() ?? "";
            var html = Path.Combine(dir, "html", file + ".gz");
            if (!File.Exists(html)) continue;
            list.Add(new ExtractionPage(TrafilaturaSet, p.Name, html, null, Strings(p.Value, "with"), Strings(p.Value, "without")));
        }
        return list.OrderBy(p => p.Id, StringComparer.Ordinal);
    }

    private static List<string> Strings(JsonElement e, string name)
        => e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? [.. a.EnumerateArray().Select(x => x.GetString() ?? "").Where(s => s.Length > 0)]
            : [];

    /// <summary>Registers legacy code pages once, so pages in windows-1252, ISO-8859-x etc. decode.</summary>
    public static void EnsureEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
