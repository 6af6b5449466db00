namespace Storyline.Ingest;

/// <summary>
/// Splits a byte stream into lines ('\n', with a trailing '\r' dropped) without decoding it, so each JSONL line
/// keeps its exact bytes. Memory is one read buffer plus the current line; a line longer than the limit is
/// skipped to its end and reported as oversize instead of being buffered.
/// </summary>
internal sealed class LineSplitter(Stream stream, long maxLineBytes)
{
    private const int BufferBytes = 1 << 16;

    /// <summary>One line: its 1-based number, its bytes (null when oversize), its full length, and whether a newline ended it.</summary>
    public readonly record struct Line(long Number, byte[]? Bytes, long Length, bool Terminated = true);

    public IEnumerable<Line> Lines()
    {
        var buffer = new byte[BufferBytes];
        using var current = new MemoryStream();
        long number = 0, length = 0;
        bool oversize = false;
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            int start = 0;
            while (start < n)
            {
                int nl = Array.IndexOf(buffer, (byte)'\n', start, n - start);
                int end = nl < 0 ? n : nl;
                int chunk = end - start;
                length += chunk;
                if (!oversize)
                {
                    if (length > maxLineBytes) { oversize = true; current.SetLength(0); }
                    else current.Write(buffer, start, chunk);
                }
                if (nl < 0) break;
                number++;
                yield return Emit(number, current, length, oversize);
                current.SetLength(0);
                length = 0;
                oversize = false;
                start = nl + 1;
            }
        }
        if (length > 0 || current.Length > 0)
            yield return Emit(number + 1, current, length, oversize) with { Terminated = false };
    }

    private static Line Emit(long number, MemoryStream current, long length, bool oversize)
    {
        if (oversize) return new Line(number, null, length);
        var bytes = current.ToArray();
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r') bytes = bytes[..^1];
        return new Line(number, bytes, length);
    }
}
