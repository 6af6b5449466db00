using Storyline.Core;

namespace Storyline.Ingest;

/// <summary>One thing found under an input folder: a regular file to read (by its raw path), or a report instead.</summary>
internal sealed record WalkEntry(string Display, byte[] Raw, ReadItem? Report)
{
    public long Size { get; init; } = -1;
}

/// <summary>
/// Walks an input folder with lstat/stat, by raw byte paths (see <see cref="Posix"/>), and decides the input boundary:
/// <list type="bullet">
/// <item>hidden files and folders (name starting with '.') are left out, as before;</item>
/// <item>FIFOs, character and block devices and sockets are reported (SL1013, skipped) and never opened;</item>
/// <item>a symbolic link whose fully resolved target lies outside the folder is skipped with SL1014 unless
/// <see cref="ReaderOptions.FollowSymlinks"/>; dangling links and links that loop are SL1014 too;</item>
/// <item>a link to a file inside the folder is not read twice: a file reached by its own path is read there, and
/// links to it are skipped with SL1014 naming it; of several links to the same file (and no direct path) the first in
/// path order is read. Hard links are separate names of one file and are each read;</item>
/// <item>a link to a folder inside the input folder is not followed (its files are read under their own paths); with
/// FollowSymlinks, links to folders outside are followed, each real folder at most once (device + inode), so loops end;</item>
/// <item>a folder that cannot be listed is reported (SL1008).</item>
/// </list>
/// Entries come back sorted by shown path (ordinal; ties by raw bytes), so the order never depends on the file system.
/// </summary>
internal static class FolderWalker
{
    private const byte Slash = (byte)'/';

    public static List<WalkEntry> Walk(string folder, bool follow)
    {
        var rootRaw = System.Text.Encoding.UTF8.GetBytes(folder.Length > 1 ? folder.TrimEnd('/') : folder);
        if (rootRaw.Length == 0) rootRaw = [Slash];
        var rootReal = Posix.RealPath(rootRaw, out _) ?? rootRaw;
        var entries = new List<(WalkEntry Entry, FileStat Target, bool ViaLink, string? Real)>();
        var visited = new HashSet<(ulong, ulong)>();
        if (Posix.Stat(rootRaw, follow: true, out var rootStat) == 0) visited.Add(rootStat.Id);
        var pending = new Stack<byte[]>();
        pending.Push(rootRaw);

        void Report(byte[] raw, ReadItem item) => entries.Add((new WalkEntry(item.Origin.Path, raw, item), default, false, null));
        ReadItem Skip(string display, ErrorCode code, string message) => ReadItem.Skip(new DocumentOrigin(display), code, message);

        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            var names = Posix.List(dir, out int listErr);
            if (names is null)
            {
                var shown = Posix.Display(dir);
                Report(dir, ReadItem.Fail(new DocumentOrigin(shown), ErrorCode.SL1008, $"{shown}: cannot list the folder: {Posix.Describe(listErr)}"));
                continue;
            }
            foreach (var name in names)
            {
                if (name.Length == 0 || name[0] == (byte)'.') continue; // hidden
                byte[] raw = dir[^1] == Slash ? [.. dir, .. name] : [.. dir, Slash, .. name];
                var display = Posix.Display(raw);
                int err = Posix.Stat(raw, follow: false, out var l);
                if (err != 0)
                {
                    Report(raw, ReadItem.Fail(new DocumentOrigin(display), ErrorCode.SL1008, $"{display}: cannot read: {Posix.Describe(err)}"));
                    continue;
                }
                switch (l.Kind)
                {
                    case FileKind.Directory:
                        if (visited.Add(l.Id)) pending.Push(raw);
                        break;
                    case FileKind.Regular:
                        entries.Add((new WalkEntry(display, raw, null) { Size = l.Size }, l, false, null));
                        break;
                    case FileKind.Symlink:
                        Link(raw, dir, display);
                        break;
                    default:
                        Report(raw, Skip(display, ErrorCode.SL1013, $"{display}: is {Posix.KindName(l.Kind)}, not a regular file; skipped (never opened)"));
                        break;
                }
            }
        }

        void Link(byte[] raw, byte[] dir, string display)
        {
            int err = Posix.Stat(raw, follow: true, out var t);
            var real = err == 0 ? Posix.RealPath(raw, out err) : null;
            if (real is null)
            {
                var why = err switch
                {
                    Posix.ELOOP => "symbolic link loop (the links lead back to themselves)",
                    Posix.ENOENT or Posix.ENOTDIR => "dangling symbolic link (its target does not exist)",
                    _ => $"symbolic link cannot be followed ({Posix.Describe(err)})",
                };
                Report(raw, Skip(display, ErrorCode.SL1014, $"{display}: {why}; skipped"));
                return;
            }
            var realShown = Posix.Display(real);
            bool inside = IsUnder(real, rootReal);
            if (t.Kind == FileKind.Directory && (Posix.RealPath(dir, out _) is { } dirReal && IsUnder(dirReal, real)))
            {
                Report(raw, Skip(display, ErrorCode.SL1014, $"{display}: symbolic link loop: it leads to {realShown}, a folder that contains it; not followed"));
                return;
            }
            if (!inside && !follow)
            {
                Report(raw, Skip(display, ErrorCode.SL1014,
                    $"{display}: symbolic link to {realShown}, outside the input folder {Posix.Display(rootReal)}; skipped (use --follow-symlinks to read it)"));
                return;
            }
            switch (t.Kind)
            {
                case FileKind.Directory when inside:
                    Report(raw, Skip(display, ErrorCode.SL1014,
                        $"{display}: symbolic link to the folder {realShown} inside the input folder; not followed (its files are read under their own paths)"));
                    break;
                case FileKind.Directory:
                    if (visited.Add(t.Id)) pending.Push(raw);
                    else Report(raw, Skip(display, ErrorCode.SL1014, $"{display}: symbolic link to {realShown}, a folder already read (a loop); not followed"));
                    break;
                case FileKind.Regular:
                    entries.Add((new WalkEntry(display, raw, null) { Size = t.Size }, t, true, realShown));
                    break;
                default:
                    Report(raw, Skip(display, ErrorCode.SL1013,
                        $"{display}: symbolic link to {realShown}, which is {Posix.KindName(t.Kind)}, not a regular file; skipped (never opened)"));
                    break;
            }
        }

        entries.Sort((a, b) =>
        {
            int c = string.CompareOrdinal(a.Entry.Display, b.Entry.Display);
            return c != 0 ? c : a.Entry.Raw.AsSpan().SequenceCompareTo(b.Entry.Raw);
        });

        // One read per file: direct paths always; a link only when nothing earlier reads the same file.
        var readBy = new Dictionary<(ulong, ulong), string>();
        foreach (var (e, target, viaLink, _) in entries)
            if (e.Report is null && !viaLink) readBy.TryAdd(target.Id, e.Display);
        var result = new List<WalkEntry>(entries.Count);
        foreach (var (e, target, viaLink, real) in entries)
        {
            if (e.Report is null && viaLink)
            {
                if (readBy.TryGetValue(target.Id, out var reader))
                {
                    result.Add(e with
                    {
                        Report = ReadItem.Skip(new DocumentOrigin(e.Display), ErrorCode.SL1014,
                            $"{e.Display}: symbolic link to {real}, which is read as {reader}; skipped (a file is read once)"),
                    });
                    continue;
                }
                readBy.Add(target.Id, e.Display);
            }
            result.Add(e);
        }
        return result;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or lies below it (both canonical).</summary>
    internal static bool IsUnder(ReadOnlySpan<byte> path, ReadOnlySpan<byte> root)
    {
        if (root is [Slash]) return true;
        return path.StartsWith(root) && (path.Length == root.Length || path[root.Length] == Slash);
    }
}
