using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Storyline.Core.Tests;

/// <summary>Core is the data model and contracts only: its compiled code refers to no file-system type.</summary>
public sealed class NoIoTests
{
    private static readonly string[] FileSystemTypes =
        ["File", "Directory", "FileInfo", "DirectoryInfo", "FileStream", "StreamReader", "StreamWriter", "Path", "FileSystemInfo"];

    private static List<string> IoTypeReferences(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var md = pe.GetMetadataReader();
        return [.. md.TypeReferences.Select(h => md.GetTypeReference(h))
            .Where(t => md.GetString(t.Namespace) == "System.IO" && FileSystemTypes.Contains(md.GetString(t.Name)))
            .Select(t => "System.IO." + md.GetString(t.Name))];
    }

    [Fact]
    public void CoreAssembly_RefersToNoFileSystemType()
    {
        var found = IoTypeReferences(typeof(Document).Assembly.Location);
        Assert.True(found.Count == 0, "Storyline.Core uses " + string.Join(", ", found));
    }

    [Fact]
    public void Check_FindsFileSystemTypes_InAnAssemblyThatUsesThem()
    {
        // This test assembly reads a file above, so the check sees System.IO.File in it.
        Assert.Contains("System.IO.File", IoTypeReferences(typeof(NoIoTests).Assembly.Location));
    }
}
