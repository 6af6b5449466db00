using System.Diagnostics;
using System.Text;
using Storyline.Core;

namespace Storyline.Ingest.Tests;

public class BadInputTests
{
    [Fact]
    public void Empty_IsSL1001_NamingTheInput()
    {
        using var t = new TempDir();
        var e = Read.Error(t.File("empty.txt", ""));
        Assert.Equal(ErrorCode.SL1001, e.Code);
        Assert.Contains("empty.txt", e.Message);
        Assert.Equal(ErrorCode.SL1001, Read.Error(t.File("blank.txt", "  \n\t\r\n ")).Code);
    }

    [Fact]
    public void Binary_NulBytes_IsSL1002()
    {
        using var t = new TempDir();
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        var e = Read.Error(t.File("blob.txt", bytes));
        Assert.Equal(ErrorCode.SL1002, e.Code);
        Assert.Contains("blob.txt", e.Message);
    }

    [Fact]
    public void Binary_KnownMagic_IsNamed()
    {
        using var t = new TempDir();
        var e = Read.Error(t.File("report.txt", [.. "%PDF-1.7\n"u8.ToArray(), .. "some text"u8.ToArray()]));
        Assert.Equal(ErrorCode.SL1002, e.Code);
        Assert.Contains("PDF", e.Message);
    }

    [Fact]
    public void Binary_ControlCharacters_IsSL1002()
    {
        using var t = new TempDir();
        var bytes = Enumerable.Range(0, 2000).Select(i => (byte)(i % 3 == 0 ? 0x01 : 'a')).ToArray();
        Assert.Equal(ErrorCode.SL1002, Read.Error(t.File("ctl.txt", bytes)).Code);
    }

    [Fact]
    public void Undecodable_RandomHighBytes_IsSL1003()
    {
        using var t = new TempDir();
        var rnd = new Random(11);
        var bytes = Enumerable.Range(0, 3000).Select(_ => (byte)rnd.Next(0x80, 0x100)).ToArray();
        var e = Read.Error(t.File("garbled.txt", bytes));
        Assert.Equal(ErrorCode.SL1003, e.Code);
        Assert.Contains("garbled.txt", e.Message);
    }

    [Fact]
    public void MissingPath_IsSL1008_AndTheRestIsRead()
    {
        using var t = new TempDir();
        var ok = t.File("ok.txt", "A real story.");
        var items = Read.All(Path.Combine(t.Path, "nope.txt"), ok);
        Assert.Equal(ErrorCode.SL1008, items[0].Error!.Code);
        Assert.Contains("nope.txt", items[0].Error!.Message);
        Assert.NotNull(items[1].Document);
    }

    [Fact]
    public void TooLarge_200MB_IsRefusedQuicklyWithoutReadingIt()
    {
        const long Size = 200L * 1024 * 1024;
        using var t = new TempDir();
        var p = Path.Combine(t.Path, "huge.txt");
        var block = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("The river rose again overnight. ", 32768)));
        using (var fs = new FileStream(p, FileMode.Create))
            for (long written = 0; written < Size; written += block.Length) fs.Write(block);

        var sw = Stopwatch.StartNew();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Read.Error(p);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        sw.Stop();
        Assert.Equal(ErrorCode.SL1004, e.Code);
        Assert.Contains("huge.txt", e.Message);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(1), $"took {sw.Elapsed}");
        Assert.True(allocated < 4 * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void TooLarge_Gzipped_IsRefusedFromItsSizeTrailer()
    {
        using var t = new TempDir();
        var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("Flood warnings remain in place. ", 4000))); // 128 KB
        var p = t.Gzip("big.txt.gz", text);
        var e = Read.Error(p, new ReaderOptions { MaxDocumentBytes = 64 * 1024 });
        Assert.Equal(ErrorCode.SL1004, e.Code);
        Assert.Contains("uncompressed", e.Message);
    }

    [Fact]
    public void TooLarge_Stream_IsRefusedAtTheLimit()
    {
        var bytes = Encoding.ASCII.GetBytes(new string('x', 10_000) + " end");
        var items = new DocumentReader(new ReaderOptions { MaxDocumentBytes = 5000 }).Read(new NonSeekable(bytes), "-").ToList();
        Assert.Equal(ErrorCode.SL1004, items.Single().Error!.Code);
    }

    private sealed class NonSeekable(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
