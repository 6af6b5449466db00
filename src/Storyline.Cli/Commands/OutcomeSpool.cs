using Storyline.Engine;
using Storyline.Engine.Views;

namespace Storyline.Cli.Commands;

/// <summary>
/// The per-document outcomes of an `ingest --json` run, kept in a temporary file instead of memory (one JSON value per
/// line) and printed at the end as the <c>documents</c> array of the summary object, so the printed JSON is the same
/// as if they had been held in a list while memory stays flat however many documents the run reads.
/// </summary>
internal sealed class OutcomeSpool : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"storyline-ingest-{Environment.ProcessId}-{Guid.NewGuid():N}.jsonl");
    private readonly StreamWriter _writer;

    public OutcomeSpool() => _writer = new StreamWriter(new FileStream(_path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose));

    public void Add(IngestOutcome o) =>
        // One line per outcome (the serializer escapes line breaks inside strings), printed as one line of the array.
        _writer.WriteLine(JsonOutput.SerializeLine(new { path = o.Path, id = o.Id, status = o.Status, error = o.Error, code = o.Code?.ToString() }));

    /// <summary>Prints <c>{"documents": [...spooled...], ...<paramref name="tail"/>'s properties}</c>.</summary>
    public void WriteJson<T>(TextWriter output, T tail)
    {
        _writer.Flush();
        var stream = _writer.BaseStream;
        stream.Position = 0;
        using var reader = new StreamReader(stream, leaveOpen: true);
        output.Write("{\n  \"documents\": [");
        bool first = true;
        while (reader.ReadLine() is { } line)
        {
            output.Write(first ? "\n    " : ",\n    ");
            output.Write(line);
            first = false;
        }
        output.Write(first ? "],\n" : "\n  ],\n");
        // The tail object's properties follow the array: its text without the opening brace.
        var rest = JsonOutput.Serialize(tail);
        output.WriteLine(rest[(rest.IndexOf('{') + 1)..].TrimStart('\r', '\n'));
    }

    public void Dispose() => _writer.Dispose();
}
