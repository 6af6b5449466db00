using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Storyline.Core;

namespace Storyline.Ingest.Tests;

/// <summary>Issue 10: special files, symbolic links and file names that are not UTF-8 (Unix only).</summary>
public class FileSystemTests
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    /// <summary>Reads with a watchdog: a reader that hangs (opening a FIFO blocks) fails the test instead of the run.</summary>
    private static List<ReadItem> ReadAll(ReaderOptions? o, params string[] paths)
    {
        var task = Task.Run(() => new DocumentReader(o).Read(paths).ToList());
        Assert.True(task.Wait(HangLimit), "the reader hung");
        return task.Result;
    }

    private static void Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void Fifo_InFolder_IsSkippedWithSL1013_NeverOpened_AndTheRestIsRead()
    {
        if (OperatingSystem.IsWindows()) return;
        using var t = new TempDir();
        t.File("a.txt", "A good story before the pipe.");
        Run("mkfifo", Path.Combine(t.Path, "b.pipe"));
        t.File("c.txt", "A good story after the pipe.");
        var items = ReadAll(null, t.Path);
        Assert.Equal(3, items.Count);
        Assert.NotNull(items[0].Document);
        Assert.True(items[1].Skipped);
        Assert.Equal(ErrorCode.SL1013, items[1].Error!.Code);
        Assert.Contains("named pipe (FIFO)", items[1].Error!.Message);
        Assert.Contains("b.pipe", items[1].Error!.Message);
        Assert.NotNull(items[2].Document);
        // Given explicitly: the same.
        var one = Assert.Single(ReadAll(null, Path.Combine(t.Path, "b.pipe")));
        Assert.Equal(ErrorCode.SL1013, one.Error!.Code);
    }

    [Fact]
    public void Socket_InFolder_And_DevNull_Explicit_AreSkippedWithSL1013()
    {
        if (OperatingSystem.IsWindows()) return;
        using var t = new TempDir();
        t.File("a.txt", "A good story.");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(t.Path, "s.sock")));
        var items = ReadAll(null, t.Path, "/dev/null");
        Assert.Equal(3, items.Count);
        Assert.NotNull(items[0].Document);
        Assert.Equal(ErrorCode.SL1013, items[1].Error!.Code);
        Assert.Contains("socket", items[1].Error!.Message);
        Assert.True(items[2].Skipped);
        Assert.Equal(ErrorCode.SL1013, items[2].Error!.Code);
        Assert.Contains("character device", items[2].Error!.Message);
    }

    [Fact]
    public void SymlinkOutOfTheFolder_IsSkippedWithSL1014_UnlessFollowSymlinks()
    {
        if (OperatingSystem.IsWindows()) return;
        using var t = new TempDir();
        using var outside = new TempDir();
        var secret = outside.File("secret.txt", "Secret words that must not be ingested.");
        t.File("a.txt", "A good story.");
        File.CreateSymbolicLink(Path.Combine(t.Path, "leak.txt"), secret);
        File.CreateSymbolicLink(Path.Combine(t.Path, "passwd"), "/etc/passwd");
        Directory.CreateSymbolicLink(Path.Combine(t.Path, "outdir"), outside.Path);

        var items = ReadAll(null, t.Path);
        Assert.DoesNotContain(items, i => i.Document?.RawText.Contains("Secret") == true || i.Document?.RawText.Contains("root:") == true);
        Assert.Single(items, i => i.Document is not null);
        var skipped = items.Where(i => i.Skipped).ToList();
        Assert.Equal(3, skipped.Count);
        Assert.All(skipped, s => Assert.Equal(ErrorCode.SL1014, s.Error!.Code));
        Assert.Contains(skipped, s => s.Error!.Message.Contains("leak.txt") && s.Error.Message.Contains("outside"));

        var followed = ReadAll(new ReaderOptions { FollowSymlinks = true }, t.Path);
        // leak.txt and outdir/secret.txt are one file: read once (under outdir/secret.txt), the link reported.
        Assert.Equal(1, followed.Count(i => i.Document?.RawText.Contains("Secret") == true));
        Assert.Contains(followed, i => i.Skipped && i.Error!.Message.Contains("leak.txt") && i.Error.Message.Contains("read as"));
        Assert.Contains(followed, i => i.Document?.RawText.Contains("root:") == true);

        // Given explicitly, a link is the user's choice.
        Assert.Contains("Secret", Assert.Single(ReadAll(null, Path.Combine(t.Path, "leak.txt"))).Document!.RawText);
    }

    [Fact]
    public void SymlinkInsideTheFolder_IsNotReadTwice()
    {
        if (OperatingSystem.IsWindows()) return;
        using var t = new TempDir();
        var real = t.File("sub/real.txt", "The one real story.");
        File.CreateSymbolicLink(Path.Combine(t.Path, "alias.txt"), real);
        File.CreateSymbolicLink(Path.Combine(t.Path, "relative.txt"), "sub/real.txt");
        Directory.CreateSymbolicLink(Path.Combine(t.Path, "subalias"), Path.Combine(t.Path, "sub"));
        var items = ReadAll(null, t.Path);
        Assert.Single(items, i => i.Document is not null);
        Assert.Equal(real, items.Single(i => i.Document is not null).Origin.Path);
        Assert.All(items.Where(i => i.Document is null), i => Assert.True(i.Skipped));
    }

    [Fact]
    public void DanglingLinks_AndLoops_AreReportedWithSL1014_NeverHang()
    {
        if (OperatingSystem.IsWindows()) return;
        using var t = new TempDir();
        t.File("a.txt", "A good story.");
        File.CreateSymbolicLink(Path.Combine(t.Path, "dangling.txt"), Path.Combine(t.Path, "gone.txt"));
        File.CreateSymbolicLink(Path.Combine(t.Path, "loop1"), Path.Combine(t.Path, "loop2"));
        File.CreateSymbolicLink(Path.Combine(t.Path, "loop2"), Path.Combine(t.Path, "loop1"));
        Directory.CreateDirectory(Path.Combine(t.Path, "d"));
        Directory.CreateSymbolicLink(Path.Combine(t.Path, "d", "up"), t.Path);
        Directory.CreateSymbolicLink(Path.Combine(t.Path, "d", "self"), Path.Combine(t.Path, "d"));
        foreach (var follow in new[] { false, true })
        {
            var items = ReadAll(new ReaderOptions { FollowSymlinks = follow }, t.Path);
            Assert.Single(items, i => i.Document is not null);
            var bad = items.Where(i => i.Document is null).ToList();
            Assert.All(bad, i => Assert.Equal(ErrorCode.SL1014, i.Error!.Code));
            Assert.Contains(bad, i => i.Error!.Message.Contains("dangling.txt") && i.Error.Message.Contains("dangling"));
            Assert.Contains(bad, i => i.Error!.Message.Contains("loop1") && i.Error.Message.Contains("loop"));
            Assert.Contains(bad, i => i.Error!.Message.Contains("up"));
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int creat(byte[] path, uint mode);

    [DllImport("libc")]
    private static extern int close(int fd);

    [Fact]
    public void FileNameNotUtf8_IsRead_WithTheBadBytesEscapedInThePath()
    {
        if (OperatingSystem.IsWindows()) return;
        using var t = new TempDir();
        var path = Encoding.UTF8.GetBytes(t.Path + "/caf").Concat(new byte[] { 0xE9 }).Concat(".txt\0"u8.ToArray()).ToArray();
        int fd = creat(path, Convert.ToUInt32("644", 8));
        Assert.True(fd >= 0, "creat failed");
        _ = close(fd);
        // Write content through a second descriptor-free route: the shell is not needed, append via /proc is not portable, so reopen by name.
        var name = Directory.EnumerateFiles(t.Path).Single();
        Assert.Contains('\uFFFD', name); // .NET cannot name this file
        WriteRaw(path, "Une histoire du caf\u00e9 du coin, racont\u00e9e en entier."u8.ToArray());
        t.File("plain.txt", "A second, ordinary story.");

        var items = ReadAll(null, t.Path);
        Assert.Equal(2, items.Count);
        var odd = items.Single(i => i.Origin.Path.Contains("caf"));
        Assert.Null(odd.Error);
        Assert.EndsWith(@"caf\xE9.txt", odd.Origin.Path);
        Assert.Contains("histoire", odd.Document!.RawText);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open(byte[] path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, byte[] buf, nint count);

    private static void WriteRaw(byte[] path, byte[] content)
    {
        const int O_WRONLY = 1;
        int fd = open(path, O_WRONLY);
        Assert.True(fd >= 0);
        Assert.Equal(content.Length, (int)write(fd, content, content.Length));
        _ = close(fd);
    }
}
