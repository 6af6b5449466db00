using System.Globalization;

namespace Storyline.Language.Syntax;

/// <summary>One syntactic word of a CoNLL-U sentence. <paramref name="Head"/> is 0-based (-1 for the root).</summary>
public sealed record ConlluWord(string Form, string Lemma, string Upos, string Xpos, int Head, string Deprel);

/// <summary>A CoNLL-U sentence: its syntactic words (multi-word token ranges and empty nodes are skipped).</summary>
public sealed record ConlluSentence(string? Id, string? Text, IReadOnlyList<ConlluWord> Words);

/// <summary>Reads CoNLL-U files (10 tab-separated columns per word, blank line after each sentence).</summary>
public static class ConlluReader
{
    private const int ColumnCount = 10;

    public static IEnumerable<ConlluSentence> Read(string path)
    {
        string? id = null, text = null;
        var words = new List<ConlluWord>();
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                if (words.Count > 0) yield return new ConlluSentence(id, text, words);
                words = [];
                id = text = null;
                continue;
            }
            if (line[0] == '#')
            {
                if (line.StartsWith("# sent_id = ", StringComparison.Ordinal)) id = line[12..];
                else if (line.StartsWith("# text = ", StringComparison.Ordinal)) text = line[9..];
                continue;
            }
            var cols = line.Split('\t');
            if (cols.Length < ColumnCount) throw new InvalidDataException($"{path}: expected {ColumnCount} columns: {line}");
            // "1-2" multi-word token ranges and "8.1" empty nodes carry no basic-tree word.
            if (cols[0].Contains('-') || cols[0].Contains('.')) continue;
            int head = cols[6] == "_" ? -1 : int.Parse(cols[6], CultureInfo.InvariantCulture) - 1;
            words.Add(new ConlluWord(cols[1], cols[2], cols[3], cols[4], head, cols[7]));
        }
        if (words.Count > 0) yield return new ConlluSentence(id, text, words);
    }
}
