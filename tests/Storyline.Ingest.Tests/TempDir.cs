using System.IO.Compression;
using System.Text;
using Storyline.Core;
using Storyline.Ingest;

namespace Storyline.Ingest.Tests;

/// <summary>A throwaway folder for fixtures written by the tests themselves.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("storyline-ingest-").FullName;

    public string File(string name, string content, Encoding? enc = null) => File(name, (enc ?? new UTF8Encoding(false)).GetBytes(content));

    public string File(string name, byte[] bytes)
    {
        var p = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        System.IO.File.WriteAllBytes(p, bytes);
        return p;
    }

    public string Gzip(string name, byte[] bytes)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(bytes);
        return File(name, ms.ToArray());
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

internal static class Read
{
    public static List<ReadItem> All(params string[] paths) => [.. new DocumentReader().Read(paths)];

    public static Document One(string path)
    {
        var items = All(path);
        Assert.Single(items);
        Assert.Null(items[0].Error);
        return items[0].Document!;
    }

    public static StorylineException Error(string path, ReaderOptions? options = null)
    {
        var items = new DocumentReader(options).Read([path]).ToList();
        Assert.Single(items);
        Assert.Null(items[0].Document);
        Assert.NotNull(items[0].Error);
        return items[0].Error!;
    }
}
