using Npgsql;

namespace Storyline.Workers.Tests;

/// <summary>Reads the stored outcome straight from the tables: each document's story (merges followed) and its group.</summary>
public static class StoryCheck
{
    /// <summary>Document id → its live story (following merged_into), from st_docs and st_stories.</summary>
    public static Dictionary<long, long> StoryOfDocument(string cs)
    {
        using var conn = new NpgsqlConnection(cs);
        conn.Open();
        var merged = new Dictionary<long, long>();
        using (var c = new NpgsqlCommand("SELECT id, merged_into FROM st_stories WHERE merged_into IS NOT NULL", conn))
        using (var r = c.ExecuteReader())
            while (r.Read()) merged[r.GetInt64(0)] = r.GetInt64(1);
        var story = new Dictionary<long, long>();
        using (var c = new NpgsqlCommand("SELECT id, story_id FROM st_docs", conn))
        using (var r = c.ExecuteReader())
            while (r.Read())
            {
                long s = r.GetInt64(1);
                for (int hops = 0; merged.TryGetValue(s, out var into) && hops < 1000; hops++) s = into;
                story[r.GetInt64(0)] = s;
            }
        return story;
    }

    /// <summary>Document id → group number, from the file name (g00012-v1.txt) the document was stored from.</summary>
    public static Dictionary<long, int> GroupOfDocument(string cs)
    {
        using var conn = new NpgsqlConnection(cs);
        conn.Open();
        var groups = new Dictionary<long, int>();
        using var c = new NpgsqlCommand("SELECT id, path FROM documents", conn);
        using var r = c.ExecuteReader();
        while (r.Read())
        {
            var name = Path.GetFileName(r.GetString(1));
            if (name.Length > 6 && name[0] == 'g' && int.TryParse(name.AsSpan(1, 5), out int g)) groups[r.GetInt64(0)] = g;
        }
        return groups;
    }

    /// <summary>Groups whose documents ended in more than one story: (group, stories).</summary>
    public static List<(int Group, int Stories)> SplitGroups(string cs)
    {
        var story = StoryOfDocument(cs);
        return [.. GroupOfDocument(cs).Where(kv => story.ContainsKey(kv.Key))
            .GroupBy(kv => kv.Value, kv => story[kv.Key])
            .Select(g => (g.Key, g.Distinct().Count())).Where(x => x.Item2 > 1)];
    }
}
