using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Storyline.Ingest;

/// <summary>What a path is, from lstat/stat (never by opening it: opening a FIFO blocks).</summary>
internal enum FileKind { Missing, Regular, Directory, Symlink, Fifo, CharDevice, BlockDevice, Socket, Other }

/// <summary>The parts of a stat result the reader uses: kind, identity (device + inode) and size.</summary>
internal readonly record struct FileStat(FileKind Kind, ulong Device, ulong Inode, long Size)
{
    public (ulong, ulong) Id => (Device, Inode);
}

/// <summary>
/// The few libc calls .NET has no public API for on Unix: file type without opening (lstat/stat), the real path
/// (realpath), folder listing and opening by raw bytes (opendir/readdir/open), so that file names that are not valid
/// UTF-8 (which .NET decodes lossily to U+FFFD and then cannot open) are read too. Supported on Linux x64 and arm64
/// with glibc (2.33+ exports stat/lstat/fstat); elsewhere <see cref="Supported"/> is false and the reader uses .NET's
/// own file API.
/// </summary>
internal static class Posix
{
    private const string Libc = "libc";

    // struct stat on Linux: st_dev at 0, st_ino at 8, st_size at 48 on both; st_mode at 24 (x86_64) or 16 (arm64).
    private const int StatBufferBytes = 256;
    private const int DevOffset = 0, InoOffset = 8, SizeOffset = 48;
    private static readonly int ModeOffset = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 16 : 24;

    // struct dirent (64-bit glibc): d_ino 8, d_off 8, d_reclen 2, d_type 1, then d_name.
    private const int DirentNameOffset = 19;
    private const int MaxNameBytes = 255;

    private const uint S_IFMT = 0xF000, S_IFIFO = 0x1000, S_IFCHR = 0x2000, S_IFDIR = 0x4000, S_IFBLK = 0x6000,
        S_IFREG = 0x8000, S_IFLNK = 0xA000, S_IFSOCK = 0xC000;

    private const int O_RDONLY = 0, O_NOCTTY = 0x100, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;
    public const int ENOENT = 2, ENOTDIR = 20, ELOOP = 40, EACCES = 13;

    public static bool Supported { get; } = OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64 && Probe();

    [DllImport(Libc, EntryPoint = "stat", SetLastError = true)]
    private static extern int StatRaw(byte[] path, byte[] buf);

    [DllImport(Libc, EntryPoint = "lstat", SetLastError = true)]
    private static extern int LstatRaw(byte[] path, byte[] buf);

    [DllImport(Libc, EntryPoint = "fstat", SetLastError = true)]
    private static extern int FstatRaw(int fd, byte[] buf);

    [DllImport(Libc, EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr RealpathRaw(byte[] path, IntPtr resolved);

    [DllImport(Libc, EntryPoint = "free")]
    private static extern void Free(IntPtr p);

    [DllImport(Libc, EntryPoint = "opendir", SetLastError = true)]
    private static extern IntPtr OpenDir(byte[] path);

    [DllImport(Libc, EntryPoint = "readdir", SetLastError = true)]
    private static extern IntPtr ReadDir(IntPtr dir);

    [DllImport(Libc, EntryPoint = "closedir")]
    private static extern int CloseDir(IntPtr dir);

    [DllImport(Libc, EntryPoint = "open", SetLastError = true)]
    private static extern int OpenRaw(byte[] path, int flags);

    [DllImport(Libc, EntryPoint = "close")]
    private static extern int Close(int fd);

    [DllImport(Libc, EntryPoint = "strerror")]
    private static extern IntPtr StrError(int errno);

    private static bool Probe()
    {
        try { return Stat(Encoding.UTF8.GetBytes("/"), follow: true, out var st) == 0 && st.Kind == FileKind.Directory; }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or MarshalDirectiveException) { return false; }
    }

    /// <summary>NUL-terminated copy for libc.</summary>
    private static byte[] Z(byte[] path)
    {
        var z = new byte[path.Length + 1];
        path.CopyTo(z, 0);
        return z;
    }

    /// <summary>stat (follow = true) or lstat; returns 0 or the errno.</summary>
    public static int Stat(byte[] path, bool follow, out FileStat st)
    {
        var buf = new byte[StatBufferBytes];
        int rc = follow ? StatRaw(Z(path), buf) : LstatRaw(Z(path), buf);
        if (rc != 0) { st = default; return Marshal.GetLastPInvokeError(); }
        st = Parse(buf);
        return 0;
    }

    private static FileStat Parse(byte[] buf)
    {
        uint mode = BitConverter.ToUInt32(buf, ModeOffset);
        var kind = (mode & S_IFMT) switch
        {
            S_IFREG => FileKind.Regular, S_IFDIR => FileKind.Directory, S_IFLNK => FileKind.Symlink, S_IFIFO => FileKind.Fifo,
            S_IFCHR => FileKind.CharDevice, S_IFBLK => FileKind.BlockDevice, S_IFSOCK => FileKind.Socket, _ => FileKind.Other,
        };
        return new FileStat(kind, BitConverter.ToUInt64(buf, DevOffset), BitConverter.ToUInt64(buf, InoOffset), BitConverter.ToInt64(buf, SizeOffset));
    }

    /// <summary>The canonical absolute path (all links resolved), or null with the errno.</summary>
    public static byte[]? RealPath(byte[] path, out int errno)
    {
        errno = 0;
        var p = RealpathRaw(Z(path), IntPtr.Zero);
        if (p == IntPtr.Zero) { errno = Marshal.GetLastPInvokeError(); return null; }
        try
        {
            int n = 0;
            while (Marshal.ReadByte(p, n) != 0) n++;
            var r = new byte[n];
            Marshal.Copy(p, r, 0, n);
            return r;
        }
        finally { Free(p); }
    }

    /// <summary>The names in a folder as raw bytes ("." and ".." left out), or null with the errno.</summary>
    public static List<byte[]>? List(byte[] dir, out int errno)
    {
        errno = 0;
        var d = OpenDir(Z(dir));
        if (d == IntPtr.Zero) { errno = Marshal.GetLastPInvokeError(); return null; }
        var names = new List<byte[]>();
        try
        {
            IntPtr e;
            while ((e = ReadDir(d)) != IntPtr.Zero)
            {
                int n = 0;
                while (n <= MaxNameBytes && Marshal.ReadByte(e, DirentNameOffset + n) != 0) n++;
                var name = new byte[n];
                Marshal.Copy(e + DirentNameOffset, name, 0, n);
                if (name is [(byte)'.'] or [(byte)'.', (byte)'.']) continue;
                names.Add(name);
            }
        }
        finally { _ = CloseDir(d); } // nothing to do if closing a listed folder fails
        return names;
    }

    /// <summary>
    /// Opens a regular file by its raw path for reading. O_NONBLOCK makes opening a FIFO that appeared since the
    /// stat return at once instead of blocking; fstat then refuses anything that is not a regular file.
    /// </summary>
    public static FileStream Open(byte[] path, out FileStat st)
    {
        int fd = OpenRaw(Z(path), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException(Describe(errno), errno);
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var buf = new byte[StatBufferBytes];
            if (FstatRaw(fd, buf) != 0) throw new IOException(Describe(Marshal.GetLastPInvokeError()));
            st = Parse(buf);
            if (st.Kind != FileKind.Regular) throw new IOException($"not a regular file ({KindName(st.Kind)})");
            return new FileStream(handle, FileAccess.Read, bufferSize: 1 << 16);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public static string Describe(int errno)
    {
        var p = StrError(errno);
        return p == IntPtr.Zero ? $"error {errno}" : Marshal.PtrToStringUTF8(p) ?? $"error {errno}";
    }

    public static string KindName(FileKind k) => k switch
    {
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.CharDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Directory => "a folder",
        FileKind.Symlink => "a symbolic link",
        FileKind.Regular => "a regular file",
        _ => "not a regular file",
    };

    /// <summary>
    /// A raw path as text: valid UTF-8 decoded as is, each byte of an invalid sequence written as <c>\xHH</c>
    /// (so <c>caf\xE9.txt</c> for a Latin-1 name).
    /// </summary>
    public static string Display(ReadOnlySpan<byte> path)
    {
        if (System.Text.Unicode.Utf8.IsValid(path)) return Encoding.UTF8.GetString(path);
        var sb = new StringBuilder(path.Length + 8);
        int i = 0;
        while (i < path.Length)
        {
            if (path[i] < 0x80) { sb.Append((char)path[i]); i++; continue; }
            var status = Rune.DecodeFromUtf8(path[i..], out var rune, out int consumed);
            if (status == System.Buffers.OperationStatus.Done) { sb.Append(rune.ToString()); i += consumed; continue; }
            sb.Append(@"\x").Append(path[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            i++;
        }
        return sb.ToString();
    }
}
