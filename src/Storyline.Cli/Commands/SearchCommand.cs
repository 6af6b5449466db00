using System.CommandLine;

namespace Storyline.Cli.Commands;

/// <summary>`storyline search QUERY`: ranked full-text search.</summary>
public static class SearchCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("QUERY") { Description = "Words to find; \"quoted phrase\" for a phrase; word* for a prefix." };
        var limit = new Option<int>("--limit") { Description = "At most this many hits.", DefaultValueFactory = _ => 20 };
        var cmd = Cli.NewCommand("search", "Full-text search over titles and clean text, best matches first (BM25, titles weigh more). " +
            "The score is the relevance relative to the best hit of the query (1.00 = best).",
            "storyline search balloon", "storyline search '\"security conference\" munich' --json");
        cmd.Add(query); cmd.Add(limit);
        cmd.SetAction(r => Cli.Run(() =>
        {
            using var store = Cli.OpenStore(r);
            var hits = store.Search(r.GetRequiredValue(query), r.GetValue(limit));
            if (r.GetValue(Cli.Json)) { Cli.WriteJson(new { query = r.GetValue(query), results = hits }); return ExitCodes.Success; }
            foreach (var h in hits)
                Console.WriteLine($"#{h.Id}  {Cli.Safe(h.Title ?? "(no title)")}  [{h.Score.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)}]\n    {Cli.Safe(h.Snippet.ReplaceLineEndings(" "))}");
            Console.WriteLine($"{hits.Count} hits");
            return ExitCodes.Success;
        }));
        return cmd;
    }
}
