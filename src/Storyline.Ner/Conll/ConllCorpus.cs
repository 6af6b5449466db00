using System.Text;

namespace Storyline.Ner.Conll;

/// <summary>One sentence of a CoNLL-style file: tokens and the gold tag of the last column (null when absent).</summary>
public sealed record ConllSentence(string[] Words, string[]? Tags);

/// <summary>A document: the sentences between two -DOCSTART- lines (or one sentence when the file has none).</summary>
public sealed record ConllDocument(List<ConllSentence> Sentences)
{
    public int TokenCount => Sentences.Sum(s => s.Words.Length);
}

/// <summary>
/// Reads CoNLL-style files: one token per line, token in the first column, tag in the last,
/// columns split on tabs or spaces; a blank line ends a sentence; "-DOCSTART-" starts a document.
/// Files without -DOCSTART- lines (WNUT-17) make one document per sentence, so that document-level
/// features never link unrelated posts.
/// </summary>
public static class ConllReader
{
    public const string DocStart = "-DOCSTART-";

    public static List<ConllDocument> ReadFile(string path) => Read(File.ReadLines(path, Encoding.UTF8));

    public static List<ConllDocument> Read(IEnumerable<string> lines)
    {
        var docs = new List<ConllDocument>();
        List<ConllSentence>? current = null;
        var words = new List<string>();
        var tags = new List<string>();
        bool hasTags = true;

        void EndSentence()
        {
            if (words.Count == 0) return;
            var s = new ConllSentence([.. words], hasTags ? [.. tags] : null);
            if (current is not null) current.Add(s);
            else docs.Add(new ConllDocument([s]));
            words.Clear(); tags.Clear(); hasTags = true;
        }

        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line)) { EndSentence(); continue; }
            // Tab-separated files (WNUT) may carry odd tokens; split on tabs when there are any.
            var cols = line.Contains('\t')
                ? line.Split('\t', StringSplitOptions.RemoveEmptyEntries)
                : line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cols[0] == DocStart)
            {
                EndSentence();
                current = [];
                docs.Add(new ConllDocument(current));
                continue;
            }
            words.Add(cols[0]);
            if (cols.Length >= 2) tags.Add(cols[^1]); else hasTags = false;
        }
        EndSentence();
        docs.RemoveAll(d => d.Sentences.Count == 0);
        return docs;
    }
}
