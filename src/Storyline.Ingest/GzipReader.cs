using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.IO.Hashing;
using Storyline.Core;

namespace Storyline.Ingest;

/// <summary>
/// Decompresses gzip (RFC 1952), every member of a concatenated file, and checks each member's trailer (CRC-32 and
/// ISIZE). .NET's GZipStream ends silently when the input is cut, so a truncated .gz would pass as a complete
/// document; this stream throws <see cref="StorylineException"/> instead:
/// <list type="bullet">
/// <item>SL1012 when the input ends inside a header, inside the compressed data or before the trailer;</item>
/// <item>SL1008 when the data is corrupt (bad header, bad deflate data, checksum or size mismatch);</item>
/// <item>SL1004 when the output grows beyond <see cref="ReaderOptions.MaxCompressionRatio"/> times the compressed
/// bytes read (after <see cref="ReaderOptions.CompressionRatioFloorBytes"/> of output): a gzip bomb is stopped
/// after a bounded amount of work, whatever the container holds.</item>
/// </list>
/// The deflate body is inflated by <see cref="DeflateStream"/>, which reads ahead of the end of the body; the bytes it
/// read but did not need are found again by searching the last input it was fed for the trailer the member must end
/// with (its CRC-32 and length are known once the body is inflated; a false match has odds of 2^-64), and are served
/// to the next member. Data after the last member that is not a gzip header is ignored, as gzip(1) does.
/// </summary>
internal sealed class GzipReader : ReadOnlyStream
{
    /// <summary>Largest read served to the inflater; the trailer search looks at the last two reads.</summary>
    private const int FeedChunk = 16 * 1024;
    private const int TrailerBytes = 8;
    private const byte Id1 = 0x1F, Id2 = 0x8B, CmDeflate = 8;
    private const byte FHcrc = 2, FExtra = 4, FName = 8, FComment = 16;

    private readonly Feeder _feed;
    private readonly string _name;
    private readonly int _maxRatio;
    private readonly long _ratioFloor;
    private readonly Crc32 _crc = new();
    private DeflateStream? _inflate;
    private long _memberOut, _totalOut;
    private int _members;
    private bool _done;

    public GzipReader(Stream compressed, string name, ReaderOptions options)
    {
        _feed = new Feeder(compressed);
        _name = name;
        _maxRatio = options.MaxCompressionRatio;
        _ratioFloor = ReaderOptions.CompressionRatioFloorBytes;
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length == 0) return 0;
        while (!_done)
        {
            if (_inflate is null && !StartMember()) { _done = true; break; }
            int n;
            try { n = _inflate!.Read(buffer); }
            catch (InvalidDataException ex) { throw Corrupt($"bad compressed data in member {_members} ({ex.Message})"); }
            if (n > 0)
            {
                _crc.Append(buffer[..n]);
                _memberOut += n;
                _totalOut += n;
                if (_totalOut > _ratioFloor && _totalOut > (long)_maxRatio * Math.Max(1, _feed.Consumed))
                    throw new StorylineException(ErrorCode.SL1004,
                        $"{_name}: refused: expands more than {_maxRatio}x when decompressed ({Bytes(_totalOut)} bytes from " +
                        $"{Bytes(_feed.Consumed)}), a gzip bomb or a file too repetitive to be news; see ReaderOptions.MaxCompressionRatio");
                return n;
            }
            EndMember();
        }
        return 0;
    }

    /// <summary>Reads a member header; false at a clean end (no more members, or trailing non-gzip bytes after one).</summary>
    private bool StartMember()
    {
        int id1 = _feed.ReadByte();
        if (id1 < 0)
        {
            if (_members == 0) throw Truncated("the file ends before the gzip header");
            return false;
        }
        int id2 = _feed.ReadByte();
        if (id1 != Id1 || id2 != Id2)
        {
            if (_members == 0) throw Corrupt("not a gzip header");
            return false; // trailing garbage (often zero padding): ignored like gzip(1)
        }
        _members++;
        int cm = Need(), flags = Need();
        if (cm != CmDeflate) throw Corrupt($"member {_members} uses compression method {cm}, not deflate");
        for (int i = 0; i < 6; i++) Need(); // MTIME, XFL, OS
        if ((flags & FExtra) != 0)
        {
            int xlen = Need() | (Need() << 8);
            for (int i = 0; i < xlen; i++) Need();
        }
        if ((flags & FName) != 0) while (Need() != 0) { }
        if ((flags & FComment) != 0) while (Need() != 0) { }
        if ((flags & FHcrc) != 0) { Need(); Need(); }
        _feed.ResetWindow();
        _crc.Reset();
        _memberOut = 0;
        _inflate = new DeflateStream(_feed, CompressionMode.Decompress, leaveOpen: true);
        return true;
    }

    private int Need()
    {
        int b = _feed.ReadByte();
        return b >= 0 ? b : throw Truncated($"the file ends inside the header of member {_members}");
    }

    /// <summary>The inflater reached the end of its input: find the trailer, or decide the input was cut.</summary>
    private void EndMember()
    {
        _inflate!.Dispose();
        _inflate = null;
        Span<byte> expected = stackalloc byte[TrailerBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(expected, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(expected[4..], unchecked((uint)_memberOut));
        var window = _feed.Window(extra: TrailerBytes);
        int at = window.AsSpan().IndexOf(expected);
        if (at >= 0)
        {
            _feed.PushBack(window.AsSpan(at + TrailerBytes));
            return;
        }
        if (!_feed.AtEnd)
            throw Corrupt($"member {_members}: the CRC-32 checksum or the length does not match the data");
        // At the end of the input: a trailer with the right length but another CRC means corrupt data, anything else a cut.
        if (window.Length >= TrailerBytes && window.AsSpan(window.Length - 4).SequenceEqual(expected[4..]))
            throw Corrupt($"member {_members}: the CRC-32 checksum does not match the data");
        throw Truncated($"the compressed data of member {_members} ends after {Bytes(_memberOut)} bytes of output, before its end (no gzip trailer)");
    }

    private StorylineException Truncated(string detail) =>
        new(ErrorCode.SL1012, $"{_name}: truncated: {detail}; the part read is not kept");

    private StorylineException Corrupt(string detail) =>
        new(ErrorCode.SL1008, $"{_name}: cannot read: corrupt gzip data: {detail}");

    private static string Bytes(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    protected override void Dispose(bool disposing)
    {
        if (disposing) { _inflate?.Dispose(); _feed.Dispose(); }
        base.Dispose(disposing);
    }

    /// <summary>
    /// The compressed input as the inflater sees it: bytes pushed back are served first; the last two reads are
    /// remembered (the trailer search window); <see cref="Consumed"/> counts bytes taken from the source.
    /// </summary>
    private sealed class Feeder(Stream source) : ReadOnlyStream
    {
        private byte[] _pending = [];
        private int _pendingPos;
        private readonly byte[] _prev = new byte[FeedChunk], _last = new byte[FeedChunk];
        private int _prevLen, _lastLen;

        public long Consumed { get; private set; }
        private bool _sourceEnded;

        /// <summary>Nothing left: the source has ended and nothing pushed back is pending.</summary>
        public bool AtEnd => _sourceEnded && _pendingPos >= _pending.Length;

        public override int Read(Span<byte> buffer)
        {
            int n = Fetch(buffer[..Math.Min(buffer.Length, FeedChunk)]);
            // Remember what was served: the trailer of a member lies in the last reads.
            _last.AsSpan(0, _lastLen).CopyTo(_prev);
            _prevLen = _lastLen;
            buffer[..n].CopyTo(_last);
            _lastLen = n;
            return n;
        }

        public override int ReadByte()
        {
            Span<byte> one = stackalloc byte[1];
            return Fetch(one) == 1 ? one[0] : -1;
        }

        private int Fetch(Span<byte> buffer)
        {
            if (_pendingPos < _pending.Length)
            {
                int k = Math.Min(buffer.Length, _pending.Length - _pendingPos);
                _pending.AsSpan(_pendingPos, k).CopyTo(buffer);
                _pendingPos += k;
                return k;
            }
            if (_sourceEnded || buffer.Length == 0) return 0;
            int n = source.Read(buffer);
            if (n == 0) _sourceEnded = true;
            Consumed += n;
            return n;
        }

        public void ResetWindow() { _prevLen = 0; _lastLen = 0; }

        /// <summary>The last two reads, plus up to <paramref name="extra"/> more bytes fetched now (a trailer not yet read).</summary>
        public byte[] Window(int extra)
        {
            var more = new byte[extra];
            int got = 0;
            while (got < extra)
            {
                int n = Fetch(more.AsSpan(got));
                if (n == 0) break;
                got += n;
            }
            return [.. _prev.AsSpan(0, _prevLen), .. _last.AsSpan(0, _lastLen), .. more.AsSpan(0, got)];
        }

        /// <summary>Serves <paramref name="bytes"/> again, before anything still pending.</summary>
        public void PushBack(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length == 0) return;
            _pending = [.. bytes, .. _pending.AsSpan(_pendingPos)];
            _pendingPos = 0;
            ResetWindow();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) source.Dispose();
            base.Dispose(disposing);
        }
    }
}
