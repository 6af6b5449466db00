using System.CommandLine;

namespace Storyline.Cli.Commands;

/// <summary>The end of a deterministic `train` command: write the model, or with --verify compare it byte for byte with the file.</summary>
internal static class TrainOutput
{
    /// <summary>Exit 0 when written or identical; 3 (partial failure) when --verify finds a difference.</summary>
    public static int WriteOrVerify(ParseResult r, string path, byte[] bytes, bool verify, object figures, string summary)
    {
        bool json = r.GetValue(Cli.Json);
        if (verify)
        {
            bool same = File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
            if (json) Cli.WriteJson(new { model = path, identical = same, bytes = bytes.Length, figures });
            else Console.WriteLine(same ? $"{path}: identical ({bytes.Length} bytes); {summary}" : $"{path}: differs from a fresh build ({bytes.Length} bytes); {summary}");
            return same ? ExitCodes.Success : ExitCodes.PartialFailure;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, bytes);
        if (json) Cli.WriteJson(new { model = path, bytes = bytes.Length, figures });
        else Console.WriteLine($"{path}: {summary}");
        return ExitCodes.Success;
    }
}
