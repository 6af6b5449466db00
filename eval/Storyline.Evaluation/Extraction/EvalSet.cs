using System.IO.Compression;
using System.Text.Json;

namespace Storyline.Extraction.Evaluation;

/// <summary>Which benchmark layout (and so which metric) a folder follows.</summary>
public enum EvalSetKind
{
    /// <summary>ground-truth.json + html/&lt;id&gt;.html.gz; shingle metric.</summary>
    Scrapinghub,
    /// <summary>evaldata.json + html/&lt;file&gt;.gz; with/without chunk metric.</summary>
    TrafilaturaEval,
}

/// <summary>One benchmark page: the HTML file and its gold annotation.</summary>
/// <param name="Gold">Scrapinghub gold article body (null for trafilatura-eval).</param>
/// <param name="With">trafilatura-eval chunks that must be extracted (empty for scrapinghub).</param>
/// <param name="Without">trafilatura-eval chunks that must not be extracted.</param>
public sealed record EvalPage(string Id, string HtmlPath, string? Url, string? Gold,
    IReadOnlyList<string> With, IReadOnlyList<string> Without)
{
    /// <summary>Whether this page belongs to our tuning part (see <see cref="EvalSplit"/>).</summary>
    public bool IsTune => EvalSplit.IsTune(Id);

    /// <summary>The gunzipped raw bytes of the page.</summary>
    public byte[] ReadBytes()
    {
        using var file = File.OpenRead(HtmlPath);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }

    /// <summary>The page as text (BOM, UTF-8, declared charset, Windows-1252).</summary>
    public string ReadHtml() => HtmlDecoding.Decode(ReadBytes());
}

/// <summary>A benchmark folder recognised by its files.</summary>
public sealed class EvalSet
{
    public const string ScrapinghubGoldFile = "ground-truth.json";
    public const string TrafilaturaGoldFile = "evaldata.json";
    public const string HtmlFolder = "html";

    public required string Name { get; init; }
    public required EvalSetKind Kind { get; init; }
    public required string Directory { get; init; }
    public required IReadOnlyList<EvalPage> Pages { get; init; }

    /// <summary>The layout of <paramref name="dir"/>, or null when it is not a benchmark folder.</summary>
    public static EvalSetKind? Detect(string dir)
    {
        if (!System.IO.Directory.Exists(Path.Combine(dir, HtmlFolder))) return null;
        if (File.Exists(Path.Combine(dir, ScrapinghubGoldFile))) return EvalSetKind.Scrapinghub;
        if (File.Exists(Path.Combine(dir, TrafilaturaGoldFile))) return EvalSetKind.TrafilaturaEval;
        return null;
    }

    /// <summary>Loads the annotations of <paramref name="dir"/> (pages are read lazily). Pages are sorted by id.</summary>
    public static EvalSet Load(string dir)
    {
        var kind = Detect(dir) ?? throw new InvalidDataException(
            $"'{dir}' is not an extraction benchmark folder: expected html/ plus {ScrapinghubGoldFile} (scrapinghub layout) or {TrafilaturaGoldFile} (trafilatura-eval layout)");
        string name = new DirectoryInfo(dir).Name;
        var pages = new List<EvalPage>();
        string html = Path.Combine(dir, HtmlFolder);
        if (kind == EvalSetKind.Scrapinghub)
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, ScrapinghubGoldFile)));
            foreach (var p in json.RootElement.EnumerateObject())
            {
                string? body = p.Value.TryGetProperty("articleBody", out var b) ? b.GetString() : "";
                string? url = p.Value.TryGetProperty("url", out var u) ? u.GetString() : null;
                pages.Add(new EvalPage(p.Name, Path.Combine(html, p.Name + ".html.gz"), url, body ?? "", [], []));
            }
        }
        else
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, TrafilaturaGoldFile)));
            foreach (var p in json.RootElement.EnumerateObject())
            {
                string file = p.Value.GetProperty("file").GetString() ?? throw new InvalidDataException($"{p.Name}: no file");
                pages.Add(new EvalPage(p.Name, Path.Combine(html, file + ".gz"), p.Name, null,
                    Strings(p.Value, "with"), Strings(p.Value, "without")));
            }
        }
        pages.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new EvalSet { Name = name, Kind = kind, Directory = dir, Pages = pages };
    }

    private static List<string> Strings(JsonElement item, string key)
        => item.TryGetProperty(key, out var arr) && arr.ValueKind == JsonValueKind.Array
            ? [.. arr.EnumerateArray().Select(e => e.GetString() ?? "")]
            : [];
}

/// <summary>
/// Our own tune/test split of each shared set: a page is TUNE when the first 4 bytes of SHA-256(id)
/// fall in the lowest <see cref="TunePercent"/>% — deterministic, independent of order and of the
/// upstream DEV/HELD-OUT split. Heuristics are tuned looking only at TUNE pages.
/// </summary>
public static class EvalSplit
{
    public const int TunePercent = 70;

    public static bool IsTune(string id)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id));
        uint v = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash);
        return v % 100 < TunePercent;
    }
}
