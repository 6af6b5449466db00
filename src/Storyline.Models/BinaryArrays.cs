using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Storyline.Core;

/// <summary>
/// Whole arrays of plain values written and read as one block of little-endian bytes (a length, then the
/// raw elements). Model files use it so loading is a few large reads instead of millions of per-value
/// calls: start-up time is dominated by how fast the models come off disk.
/// </summary>
public static class BinaryArrays
{
    /// <summary>Writes the length, then the elements as raw bytes.</summary>
    public static void Write<T>(BinaryWriter w, ReadOnlySpan<T> values) where T : unmanaged
    {
        RequireLittleEndian();
        w.Write(values.Length);
        w.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Reads an array written by <see cref="Write{T}"/>; throws on a negative or impossible length.</summary>
    public static T[] Read<T>(BinaryReader r) where T : unmanaged
    {
        RequireLittleEndian();
        int n = r.ReadInt32();
        var s = r.BaseStream;
        long bytes = (long)n * Unsafe.SizeOf<T>();
        if (n < 0 || (s.CanSeek && bytes > s.Length - s.Position))
            throw new InvalidDataException($"corrupt model file: an array of {n} elements does not fit");
        if (n == 0) return [];
        var a = GC.AllocateUninitializedArray<T>(n);
        // BinaryReader reads only what each value needs, so the stream stands right at the array.
        s.ReadExactly(MemoryMarshal.AsBytes(a.AsSpan()));
        return a;
    }

    /// <summary>Reads a key block and a value block (written one after the other) into a dictionary.</summary>
    public static Dictionary<ulong, TValue> ReadMap<TValue>(BinaryReader r) where TValue : unmanaged
    {
        var keys = Read<ulong>(r);
        var values = Read<TValue>(r);
        if (keys.Length != values.Length) throw new InvalidDataException("corrupt model file: keys and values differ in number");
        var d = new Dictionary<ulong, TValue>(keys.Length);
        for (int i = 0; i < keys.Length; i++) d[keys[i]] = values[i];
        return d;
    }

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("model files are little-endian");
    }
}

/// <summary>
/// Opening and writing model files. Models are stored uncompressed (decompression cost more at start-up than
/// the disk read it saved); a gzip'd file from before is still read, so older models can be converted.
/// </summary>
public static class ModelFiles
{
    private const int ReadBuffer = 1 << 16;

    /// <summary>A stream over the model's bytes, decompressed when the file is gzip'd.</summary>
    public static Stream OpenRead(string path)
    {
        var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ReadBuffer);
        Span<byte> head = stackalloc byte[2];
        int n = fs.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        fs.Position = 0;
        if (n == 2 && head[0] == 0x1f && head[1] == 0x8b)
            return new BufferedStream(new System.IO.Compression.GZipStream(fs, System.IO.Compression.CompressionMode.Decompress), ReadBuffer);
        return fs;
    }

    /// <summary>
    /// Starts loading a shared model on its own thread and returns at once, so the models a pipeline needs
    /// load side by side while the first input is read and cleaned. <paramref name="load"/> is the model's
    /// lazy accessor: a failure is left for the first real use to report (a cached lazy throws it there).
    /// </summary>
    public static void Prefetch(Func<object?> load) =>
        Task.Factory.StartNew(() =>
        {
            try { load(); }
            catch (Exception) { /* reported by the first real use */ }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Writes a model through <paramref name="write"/> to a temporary file, then moves it into place.</summary>
    public static void Save(string path, Action<BinaryWriter> write)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = full + ".tmp";
        using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, ReadBuffer))
        using (var w = new BinaryWriter(fs, System.Text.Encoding.UTF8))
            write(w);
        File.Move(tmp, full, overwrite: true);
    }
}
