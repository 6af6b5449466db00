using System.Text;
using Storyline.Core;
using Storyline.Extraction;
using Storyline.Ingest;
using Storyline.Metadata;

namespace Storyline.Fuzz;

/// <summary>
/// The fuzz targets. Contract of each: for any bytes, return normally or throw <see cref="StorylineException"/>
/// (a document error with a code); any other exception, a hang or superlinear time is a finding.
/// Shared by the AFL++ harness (fuzz/Storyline.Fuzz) and the CI replay (tests/Storyline.Fuzz.Tests).
/// </summary>
public static class Targets
{
    /// <summary>Target names, as fuzz/run.sh and fuzz/corpus/&lt;target&gt;/ use them.</summary>
    public static readonly string[] Names = ["readers", "decoder", "html"];

    /// <summary>File names the reader target picks from, so every reader gets fuzzed.</summary>
    private static readonly string[] ReaderNames = ["page.html", "note.txt", "dump.jsonl", "crawl.warc", "page.html.gz", "feed.xml", "crawl.warc.gz", "feed.rss", "x.json", "noext"];
    // The first byte selects the file name (the reader), the rest is the file: one corpus covers every reader.

    public static Action<byte[]> Get(string name) => name switch
    {
        "readers" => Readers,
        "decoder" => Decoder,
        "html" => Html,
        _ => throw new ArgumentException($"unknown target '{name}' (known: {string.Join(", ", Names)})"),
    };

    /// <summary>Bytes as a file to <see cref="DocumentReader"/>, every item enumerated and touched.</summary>
    public static void Readers(byte[] data)
    {
        string name = data.Length == 0 ? ReaderNames[0] : ReaderNames[data[0] % ReaderNames.Length];
        int skip = Math.Min(1, data.Length);
        long sink = 0;
        foreach (var item in new DocumentReader().Read(new MemoryStream(data, skip, data.Length - skip, writable: false), name))
        {
            sink += item.ToString()?.Length ?? 0;
            if (item.Document is { } d) sink += d.RawText.Length + d.Diagnostics.Count;
        }
        GC.KeepAlive(sink);
    }

    /// <summary>Bytes through <see cref="TextDecoder.Decode"/> as text and as HTML.</summary>
    public static void Decoder(byte[] data)
    {
        var kind = data.Length > 0 && (data[0] & 1) == 1 ? ContentKind.Html : ContentKind.Text;
        var r = TextDecoder.Decode(data, kind, "fuzz");
        GC.KeepAlive(r);
    }

    // Created on first use, not in a static initializer: instrumented code must not run before SharpFuzz's Fuzzer.Run
    // has set up AFL's shared memory (it crashes with an access violation otherwise).
    private static IStage[]? _htmlStages;

    /// <summary>Bytes (UTF-8) as an HTML page through the extraction and metadata stages.</summary>
    public static void Html(byte[] data)
    {
        var doc = new Document { Origin = new DocumentOrigin("fuzz.html"), RawText = Encoding.UTF8.GetString(data), Kind = ContentKind.Html };
        _htmlStages ??= [new HtmlExtractionStage(), new MetadataStage(new MetadataOptions { DetectLanguage = false })];
        foreach (var s in _htmlStages) s.Process(doc);
        GC.KeepAlive(doc.Text);
    }
}
