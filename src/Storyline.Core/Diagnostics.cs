namespace Storyline.Core;

/// <summary>
/// One catalogue of error codes (like AngleSharp's HtmlParseError): numbers are never reused.
/// Ranges: SL0xxx pipeline, 1xxx ingest/extraction, 2xxx NLP, 3xxx stories, 4xxx storage, 5xxx CLI/web.
/// </summary>
public enum ErrorCode
{
    /// <summary>Internal error (a bug): an unexpected exception; the message says what.</summary>
    SL0001 = 1,
    /// <summary>A stage needs an attribute that no earlier stage assigns.</summary>
    SL0101 = 101,
    /// <summary>A stage threw while processing a document.</summary>
    SL0102 = 102,

    /// <summary>Input is empty.</summary>
    SL1001 = 1001,
    /// <summary>Input is binary, not text.</summary>
    SL1002 = 1002,
    /// <summary>Input could not be decoded as text in any known encoding.</summary>
    SL1003 = 1003,
    /// <summary>Input is larger than the configured limit.</summary>
    SL1004 = 1004,
    /// <summary>A JSONL line is not valid JSON.</summary>
    SL1005 = 1005,
    /// <summary>A JSONL object has no text or html.</summary>
    SL1006 = 1006,
    /// <summary>An XML feed could not be parsed.</summary>
    SL1007 = 1007,
    /// <summary>A file or folder does not exist or cannot be read.</summary>
    SL1008 = 1008,
    /// <summary>A WARC record is malformed or truncated.</summary>
    SL1009 = 1009,
    /// <summary>No body text could be extracted.</summary>
    SL1010 = 1010,
    /// <summary>A feed item has no content (neither full content nor description/summary).</summary>
    SL1011 = 1011,
    /// <summary>Input is truncated (a compressed stream, container record or line ends early).</summary>
    SL1012 = 1012,
    /// <summary>Not a regular file (FIFO, device, socket): skipped, never opened.</summary>
    SL1013 = 1013,
    /// <summary>A symbolic link leaves the input folder or loops: skipped (see --follow-symlinks).</summary>
    SL1014 = 1014,
    /// <summary>A file name that is not valid UTF-8 (read by its bytes; the name is shown escaped).</summary>
    SL1015 = 1015,
    /// <summary>The input declares an encoding that is refused (UTF-7 and other unsafe or unknown charsets).</summary>
    SL1016 = 1016,
    /// <summary>A document exceeded a processing budget (nesting depth, element count, text length, time).</summary>
    SL1017 = 1017,
    /// <summary>The text is not an article (too short, one repeated character, no words): stored flagged, never in a story.</summary>
    SL1018 = 1018,
    /// <summary>A stage was skipped because its inputs are missing or unsuitable (not an error in the document).</summary>
    SL1019 = 1019,

    /// <summary>Database error.</summary>
    SL4001 = 4001,
    /// <summary>Document not found.</summary>
    SL4004 = 4004,
    /// <summary>The store does not exist (commands that only read never create one).</summary>
    SL4005 = 4005,
    /// <summary>A queued document was dead-lettered: claimed the allowed number of times and never completed (its worker died or overran its lease).</summary>
    SL4006 = 4006,

    /// <summary>Usage error: unknown option, bad argument.</summary>
    SL5001 = 5001,
    /// <summary>An id argument is not a positive whole number.</summary>
    SL5002 = 5002,
}

public enum Severity { Info, Warning, Error }

/// <summary>A problem recorded on a document by a stage or reader.</summary>
public sealed record Diagnostic(ErrorCode Code, string Message, string? Stage = null, Severity Severity = Severity.Warning);

/// <summary>Thrown in strict mode, and by readers for inputs that cannot become a document at all.</summary>
public sealed class StorylineException(ErrorCode code, string message, Exception? inner = null) : Exception(message, inner)
{
    public ErrorCode Code { get; } = code;
}
