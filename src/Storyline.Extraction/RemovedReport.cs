using System.Text;
using Storyline.Core;
using Storyline.Extraction.Main;

namespace Storyline.Extraction;

/// <summary>
/// Builds the capped list of removed text: pruned elements and dropped blocks in document order,
/// consecutive entries with the same reason merged, each entry and the total length limited.
/// </summary>
internal static class RemovedReport
{
    public static List<RemovedText> Build(MainResult main, HtmlExtractionOptions options)
    {
        var items = new List<(int Pos, string Text, string Reason)>();
        foreach (var p in main.Pruned) items.Add((p.Position * 2, p.Text, p.Reason));
        for (int i = 0; i < main.Blocks.Count; i++)
            if (main.Blocks[i].DropReason is { } r) items.Add((i * 2 + 1, main.Blocks[i].Text, r));
        items.Sort((a, b) => a.Pos.CompareTo(b.Pos));

        var result = new List<RemovedText>();
        var sb = new StringBuilder();
        string? reason = null;
        int total = 0;
        void FlushEntry()
        {
            if (reason is null || sb.Length == 0) return;
            string text = sb.Length > options.MaxRemovedEntryChars ? sb.ToString(0, options.MaxRemovedEntryChars) : sb.ToString();
            result.Add(new RemovedText(text, reason));
            total += text.Length;
            sb.Clear();
        }
        foreach (var (_, text, r) in items)
        {
            if (result.Count >= options.MaxRemovedEntries || total >= options.MaxRemovedTotalChars) break;
            if (r != reason) { FlushEntry(); reason = r; }
            if (sb.Length < options.MaxRemovedEntryChars)
            {
                if (sb.Length > 0) sb.Append('\n');
                sb.Append(text);
            }
        }
        if (result.Count < options.MaxRemovedEntries && total < options.MaxRemovedTotalChars) FlushEntry();
        return result;
    }
}
