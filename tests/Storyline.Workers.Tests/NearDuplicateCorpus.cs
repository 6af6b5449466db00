using System.Text;

namespace Storyline.Workers.Tests;

/// <summary>
/// Seeded groups of near-duplicate articles: each group is one event (its own words and names), told by
/// <c>variants</c> documents that differ by a few words and a credit line, as agency copies do. Different groups
/// share only common words, so a group split over two stories is a race, not a judgement call.
/// </summary>
public static class NearDuplicateCorpus
{
    private static readonly string[] Common =
    [
        "the", "a", "of", "in", "on", "and", "to", "said", "after", "before", "officials", "city", "council", "report",
        "meeting", "plan", "week", "people", "police", "minister", "during", "while", "with", "from", "that", "was", "were",
    ];

    public sealed record Article(int Group, int Variant, string Text);

    public static List<Article> Generate(int seed, int groups, int variants)
    {
        var rng = new Random(seed);
        var list = new List<Article>(groups * variants);
        for (int g = 0; g < groups; g++)
        {
            var own = Enumerable.Range(0, 60).Select(_ => Word(rng)).ToArray();
            string name = Cap(Word(rng)) + " " + Cap(Word(rng)), place = Cap(Word(rng));
            var sentences = new List<string>();
            for (int s = 0; s < 18; s++)
            {
                int n = rng.Next(9, 16);
                var words = Enumerable.Range(0, n).Select(i => i % 3 == 1 ? Common[rng.Next(Common.Length)] : own[rng.Next(own.Length)]).ToList();
                if (s % 4 == 0) words.Insert(rng.Next(words.Count), name);
                if (s % 5 == 2) words.Insert(rng.Next(words.Count), place);
                sentences.Add(Cap(string.Join(' ', words)) + ".");
            }
            var title = $"{place} {own[0]} {own[1]} as {name} {own[2]}";
            for (int v = 0; v < variants; v++)
            {
                var body = sentences.ToList();
                // A few words changed per copy (an edit, a typo fixed) and the agency's credit line.
                for (int e = 0; e < 2 * v; e++)
                {
                    int si = rng.Next(body.Count);
                    var w = body[si].Split(' ');
                    w[rng.Next(1, w.Length - 1)] = own[rng.Next(own.Length)];
                    body[si] = string.Join(' ', w);
                }
                var sb = new StringBuilder();
                sb.Append(title).Append("\n\n");
                for (int p = 0; p < body.Count; p += 3) sb.Append(string.Join(' ', body.Skip(p).Take(3))).Append("\n\n");
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"Reporting by {Cap(Word(rng))} {Cap(Word(rng))}; editing by {Cap(Word(rng))}.\n");
                list.Add(new Article(g, v, sb.ToString()));
            }
        }
        return list;
    }

    private static string Word(Random rng)
    {
        const string c = "bcdfghklmnprstvz", vw = "aeiou";
        int syl = rng.Next(2, 4);
        var sb = new StringBuilder();
        for (int i = 0; i < syl; i++) sb.Append(c[rng.Next(c.Length)]).Append(vw[rng.Next(vw.Length)]);
        if (rng.Next(2) == 0) sb.Append(c[rng.Next(c.Length)]);
        return sb.ToString();
    }

    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>Writes the articles as text files (g00000-v0.txt …) in <paramref name="dir"/>; returns the folder.</summary>
    public static string Write(IEnumerable<Article> articles, string dir)
    {
        Directory.CreateDirectory(dir);
        foreach (var a in articles) File.WriteAllText(Path.Combine(dir, $"g{a.Group:D5}-v{a.Variant}.txt"), a.Text);
        return dir;
    }
}
