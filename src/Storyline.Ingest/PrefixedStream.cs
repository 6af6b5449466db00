namespace Storyline.Ingest;

/// <summary>A read-only stream that serves bytes already read (the sniffed head) and then the rest of the inner stream.</summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream inner) : ReadOnlyStream
{
    private int _pos;

    public override int Read(Span<byte> buffer)
    {
        if (_pos < prefixLength)
        {
            int n = Math.Min(buffer.Length, prefixLength - _pos);
            prefix.AsSpan(_pos, n).CopyTo(buffer);
            _pos += n;
            return n;
        }
        return inner.Read(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the count.</summary>
    public static int ReadFully(Stream s, byte[] buffer, int offset = 0)
    {
        int total = offset;
        while (total < buffer.Length)
        {
            int n = s.Read(buffer, total, buffer.Length - total);
            if (n == 0) break;
            total += n;
        }
        return total - offset;
    }
}

/// <summary>A stream whose every read throws the given error: the rest of an input that is known to be cut.</summary>
internal sealed class FailingStream(Exception error) : ReadOnlyStream
{
    public override int Read(Span<byte> buffer) => throw error;
}
