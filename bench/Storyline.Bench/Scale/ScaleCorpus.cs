using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Storyline.Core;

namespace Storyline.Bench.Scale;

/// <summary>
/// A generated news corpus of any size, produced lazily one JSONL line at a time (never held whole): stories of 1–8
/// articles (avg ≈ 3) that share a lead and most sentences, drawn from the sentences of the shared article bodies, each
/// article with its own headline, report line, source and URL. Every story has a protagonist with a generated surname
/// unique to it (rare names to search for). Deterministic: the same size gives the same lines.
/// </summary>
public sealed partial class ScaleCorpus
{
    private readonly string[] _sentences;
    private const int Seed = 20261206;

    private static readonly string[] FirstNames =
    [
        "Anna", "Peter", "Maria", "James", "Elena", "Omar", "Sofia", "David", "Laura", "Ahmed", "Mei", "Carlos", "Ingrid", "Tomas",
        "Grace", "Yusuf", "Hannah", "Marco", "Priya", "Lukas", "Fatima", "Daniel", "Olga", "Kenji", "Rosa", "Samuel", "Nadia", "Victor",
    ];

    private static readonly string[] Syllables =
    [
        "bra", "vol", "ken", "dar", "mi", "sto", "lun", "gor", "ta", "fel", "ri", "zan", "quo", "pel", "dro", "mak", "sil", "ven", "tor", "ha",
        "nul", "bex", "ori", "cas", "lem", "duv", "yar", "pim", "sko", "wen",
    ];

    private static readonly string[] Places =
    [
        "Springfield", "Riverton", "Lakewood", "Northgate", "Port Elise", "Greenhill", "Westbrook", "Ashford", "Marlow", "Kingsbay",
        "Fairview", "Oakridge", "Stonebridge", "Clearwater", "Redcliff", "Elmstead", "Harborview", "Brookfield", "Millbrook", "Summerton",
    ];

    private static readonly string[] Roles =
    [
        "spokesperson", "minister", "mayor", "chief executive", "union leader", "police chief", "professor", "senator", "judge", "director",
    ];

    private static readonly string[] Sources =
    [
        "dailyherald.example", "morningpost.example", "citywire.example", "globalnews.example", "theobserver.example", "newsdesk.example",
        "eveningstar.example", "reporter.example", "tribune.example", "courier.example", "gazette.example", "chronicle.example",
    ];

    private static readonly string[] Desks = ["city", "politics", "business", "foreign", "science", "sports", "culture", "weekend"];

    private ScaleCorpus(string[] sentences) => _sentences = sentences;

    /// <summary>The sentence pool: sentences of 8–40 words from the shared article bodies, each once.</summary>
    public static ScaleCorpus Load()
    {
        var pool = new HashSet<string>(StringComparer.Ordinal);
        foreach (var body in Bodies())
            foreach (var s in SentenceEnd().Split(body.Replace('\n', ' ')))
            {
                var t = s.Trim();
                int words = t.Count(c => c == ' ') + 1;
                if (words is >= 8 and <= 40 && char.IsUpper(t[0])) pool.Add(t);
            }
        if (pool.Count < 1000) throw new InvalidOperationException($"only {pool.Count} sentences in the shared article bodies");
        return new ScaleCorpus([.. pool.Order(StringComparer.Ordinal)]);
    }

    public int SentenceCount => _sentences.Length;

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z""“])")]
    private static partial Regex SentenceEnd();

    /// <summary>A surname unique to story <paramref name="story"/> (4 syllables: 810,000 different ones).</summary>
    public static string Surname(int story)
    {
        var sb = new StringBuilder();
        int n = story;
        for (int i = 0; i < 4; i++) { sb.Append(Syllables[n % Syllables.Length]); n /= Syllables.Length; }
        sb[0] = char.ToUpperInvariant(sb[0]);
        return sb.ToString();
    }

    private readonly record struct Story(int Id, int Size, string Name, string Place, string Role, int[] Sentences, string Lead, string Title, DateTimeOffset When);

    private Story MakeStory(int id)
    {
        var rng = new Random(Mix(id, 0)); // not HashCode.Combine: it is seeded per process, and a later --search-only run must see the same stories
        int size = 1 + (int)Math.Min(7, -Math.Log(1 - rng.NextDouble()) * 2); // 1..8, mostly small
        string name = $"{FirstNames[rng.Next(FirstNames.Length)]} {Surname(id)}";
        string place = Places[rng.Next(Places.Length)];
        string role = Roles[rng.Next(Roles.Length)];
        var sentences = Enumerable.Range(0, rng.Next(6, 13)).Select(_ => rng.Next(_sentences.Length)).ToArray();
        int amount = rng.Next(2, 900);
        string lead = $"{name}, the {role} of {place}, said on {CultureInfo.InvariantCulture.DateTimeFormat.DayNames[rng.Next(7)]} that the plan " +
                      $"would cost {amount} million dollars and take {rng.Next(2, 12)} years.";
        string title = $"{place} {role} {name.Split(' ')[1]} on the {amount} million plan";
        var when = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(id * 3.0);
        return new Story(id, size, name, place, role, sentences, lead, title, when);
    }

    /// <summary>A seed from a story id and a report number, the same in every process.</summary>
    private static int Mix(int story, int k) => (int)((((ulong)(uint)story * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)k * 0xC2B2AE3D27D4EB4FUL) ^ Seed) >> 33);

    /// <summary>The corpus as JSONL lines, generated as they are enumerated.</summary>
    public IEnumerable<string> Lines(int documents)
    {
        int doc = 0;
        for (int storyId = 0; doc < documents; storyId++)
        {
            var s = MakeStory(storyId);
            for (int k = 0; k < s.Size && doc < documents; k++, doc++)
            {
                var rng = new Random(Mix(storyId, k + 1));
                var text = new StringBuilder(s.Lead);
                foreach (int i in s.Sentences)
                    if (k == 0 || rng.Next(5) > 0) text.Append(' ').Append(_sentences[i]); // later reports drop a sentence here and there
                text.Append("\n\nReport ").Append(doc).Append(" was filed by the ").Append(Desks[rng.Next(Desks.Length)])
                    .Append(" desk after speaking to ").Append(s.Name.Split(' ')[1]).Append('.');
                string source = Sources[rng.Next(Sources.Length)];
                yield return JsonSerializer.Serialize(new
                {
                    title = k == 0 ? s.Title : $"{s.Title} ({source.Split('.')[0]})",
                    text = text.ToString(),
                    url = $"https://{source}/news/{s.When:yyyy/MM/dd}/{doc}",
                    published = s.When.AddMinutes(k * 17).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    source,
                });
            }
        }
    }

    /// <summary>A search query and what kind it is (common, rare name, phrase, two words).</summary>
    public sealed record Query(string Kind, string Text);

    /// <summary>
    /// A fixed set of queries over a corpus of <paramref name="documents"/>: common words, the rare surnames of stories the
    /// corpus holds, two-word phrases taken from pool sentences, and two-word queries. Deterministic.
    /// </summary>
    public IReadOnlyList<Query> Queries(int documents, int perKind = 60)
    {
        var rng = new Random(Seed + 1);
        string[] common =
        [
            "said", "government", "police", "people", "year", "city", "minister", "president", "million", "report", "plan", "week",
            "company", "court", "election", "health", "school", "market", "war", "water", "money", "new", "officials", "desk", "percent",
            "children", "security", "law", "world", "country",
        ];
        var list = new List<Query>();
        for (int i = 0; i < perKind; i++) list.Add(new Query("common", common[i % common.Length] + (i >= common.Length ? " " + common[rng.Next(common.Length)] : "")));
        // Stories hold 1–8 documents, so the first documents / 8 stories are surely in the corpus.
        int stories = Math.Max(1, documents / 8);
        for (int i = 0; i < perKind; i++) list.Add(new Query("rare_name", Surname(rng.Next(stories))));
        for (int i = 0; i < perKind; i++)
        {
            // Two words in a row from a sentence of a story in the corpus (the first report keeps every sentence).
            var st = MakeStory(rng.Next(stories));
            var words = _sentences[st.Sentences[rng.Next(st.Sentences.Length)]].Split(' ');
            var pairs = Enumerable.Range(0, words.Length - 1).Where(j => Word().IsMatch(words[j]) && Word().IsMatch(words[j + 1])).ToList();
            if (pairs.Count == 0) { i--; continue; }
            int at = pairs[rng.Next(pairs.Count)];
            list.Add(new Query("phrase", $"\"{words[at]} {words[at + 1]}\""));
        }
        for (int i = 0; i < perKind; i++)
        {
            var st = MakeStory(rng.Next(stories));
            list.Add(new Query("name_and_place", $"{Surname(st.Id)} {st.Place}"));
        }
        return list;
    }

    [GeneratedRegex(@"^[A-Za-z]{3,}$")]
    private static partial Regex Word();

    /// <summary>Article bodies from the shared extraction ground truth and clustering corpora (as the ingest bench reads them).</summary>
    private static IEnumerable<string> Bodies()
    {
        var gt = RepoPaths.Data("extraction", "scrapinghub", "ground-truth.json");
        if (File.Exists(gt))
            foreach (var p in JsonDocument.Parse(File.ReadAllText(gt)).RootElement.EnumerateObject())
                if (p.Value.TryGetProperty("articleBody", out var b) && b.GetString() is { Length: > 200 } s) yield return s;
        foreach (var set in new[] { "ecbplus", "newswcl50" })
        {
            var path = RepoPaths.Data("clustering", set, "docs.jsonl");
            if (!File.Exists(path)) continue;
            foreach (var line in File.ReadLines(path))
            {
                using var j = JsonDocument.Parse(line);
                if (j.RootElement.TryGetProperty("text", out var t) && t.GetString() is { Length: > 200 } s) yield return s;
            }
        }
    }
}
