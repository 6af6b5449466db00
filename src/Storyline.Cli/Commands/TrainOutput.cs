using System.CommandLine;
using System.Text.Json.Nodes;

namespace Storyline.Cli.Commands;

/// <summary>
/// The one --verify of every `train` command: the command's body trains as usual but writes its model into a fresh
/// temporary folder, and the file is then compared byte for byte with the committed one (or --out). Exit 0 and "same"
/// when identical; exit 3 and "DIFFERS" naming the file otherwise. Training must be deterministic for this to hold.
/// </summary>
internal static class TrainOutput
{
    /// <summary>
    /// Adds --verify to <paramref name="cmd"/> and sets its action. <paramref name="body"/> trains and writes the model to
    /// the path it is given: --out or <paramref name="defaultPath"/> normally, a temporary file under --verify.
    /// </summary>
    public static void SetAction(Command cmd, Option<string?> output, Func<string> defaultPath, Func<ParseResult, string, int> body) =>
        SetAction(cmd, output, _ => defaultPath(), body);

    /// <summary>As above, with a default path that depends on the command's other options.</summary>
    public static void SetAction(Command cmd, Option<string?> output, Func<ParseResult, string> defaultPath, Func<ParseResult, string, int> body)
    {
        var verify = new Option<bool>("--verify")
        {
            Description = "Retrain into a temporary folder and compare with the committed model (or --out) byte for byte: " +
                          "exit 0 and 'same' when identical, exit 3 and 'DIFFERS' otherwise; writes nothing in models/.",
        };
        cmd.Add(verify);
        cmd.SetAction(r => Cli.Run(() =>
        {
            var path = r.GetValue(output) ?? defaultPath(r);
            return r.GetValue(verify) ? Verify(r, path, body) : body(r, path);
        }));
    }

    private static int Verify(ParseResult r, string committed, Func<ParseResult, string, int> body)
    {
        bool json = r.GetValue(Cli.Json);
        var dir = Directory.CreateTempSubdirectory("storyline-verify-");
        try
        {
            var fresh = Path.Combine(dir.FullName, Path.GetFileName(committed));
            // Under --json the body's own object becomes "figures" of the one object printed here.
            var stdout = Console.Out;
            var captured = new StringWriter();
            if (json) Console.SetOut(captured);
            int rc;
            try { rc = body(r, fresh); }
            finally { if (json) Console.SetOut(stdout); }
            if (rc != ExitCodes.Success) { if (json) stdout.Write(captured.ToString()); return rc; }
            if (!File.Exists(fresh)) return Cli.Error($"training wrote no {Path.GetFileName(committed)}", ExitCodes.InternalError);

            var a = File.ReadAllBytes(fresh);
            var b = File.Exists(committed) ? File.ReadAllBytes(committed) : null;
            bool same = b is not null && a.AsSpan().SequenceEqual(b);
            long firstDifference = b is null || same ? -1 : FirstDifference(a, b);
            if (json)
            {
                // The body's figures ("figures" when it has them, as the in-memory trainers print; else its whole object).
                JsonNode? figures = null;
                try { figures = captured.ToString() is { Length: > 0 } s ? JsonNode.Parse(s) : null; }
                catch (System.Text.Json.JsonException) { figures = captured.ToString(); }
                if (figures is JsonObject o && o["figures"] is { } inner) figures = inner.DeepClone();
                Cli.WriteJson(new
                {
                    model = committed, identical = same, bytes = a.Length, committed_bytes = b?.Length,
                    first_difference = firstDifference >= 0 ? firstDifference : (long?)null, figures,
                });
            }
            else if (same) Console.WriteLine($"same: {committed} ({a.Length} bytes) is reproduced byte for byte");
            else if (b is null) Console.WriteLine($"DIFFERS: {committed} does not exist (a fresh build has {a.Length} bytes)");
            else Console.WriteLine($"DIFFERS: {committed} ({b.Length} bytes) and a fresh build ({a.Length} bytes) differ from byte {firstDifference}");
            return same ? ExitCodes.Success : ExitCodes.PartialFailure;
        }
        finally
        {
            try { dir.Delete(recursive: true); } catch (IOException) { } // a leftover temp folder is harmless
        }
    }

    private static long FirstDifference(byte[] a, byte[] b)
    {
        int n = Math.Min(a.Length, b.Length);
        int i = a.AsSpan(0, n).CommonPrefixLength(b.AsSpan(0, n));
        return i;
    }

    /// <summary>Writes a model built in memory and prints its figures (the summary line, or under --json the object with model and bytes).</summary>
    public static int Write(ParseResult r, string path, byte[] bytes, object figures, string summary)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, bytes);
        if (r.GetValue(Cli.Json)) Cli.WriteJson(new { model = path, bytes = bytes.Length, figures });
        else Console.WriteLine($"{path}: {summary}");
        return ExitCodes.Success;
    }
}
