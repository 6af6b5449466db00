using Storyline.Core;

namespace Storyline.Claims;

/// <summary>
/// Turns every quote and reported statement into a claim attributed to a side (<c>claims.v1</c>): the speaker's country
/// or organisation (<see cref="SideResolver"/>), and what it asserts (<see cref="ClaimAnalyzer"/>).
/// </summary>
public sealed class ClaimStage : IStage
{
    public const string Id = "claims.v1";

    /// <summary>Statements turned into claims per document at most (a deterministic budget).</summary>
    public const int MaxClaims = 400;

    public StageInfo Info { get; } = new(Id,
        Requires: [Attr.Text, Attr.Tokens, Attr.Sentences, Attr.Deps, Attr.Entities, Attr.Quotes],
        Assigns: [Attr.Claims]);

    /// <summary>Claims read off one statement at most: the statement itself, further "that" complements of its cue, the
    /// content clauses of commitment nouns inside them, and descriptions made in passing ("the surveillance balloon").</summary>
    public const int MaxClaimsPerStatement = 4;

    public void Process(Document doc, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(doc);
        doc.Claims.Clear();
        if (doc.Quotes.Count == 0) return;   // claims come from statements only: nothing to read the document for
        var aliases = ClaimAnalyzer.Predications(doc);
        // Per statement: the head noun of its speaker phrase and the side found, so "the official" can take the side
        // of the earlier "a senior State Department official".
        var speakers = new List<(string? Head, string? Side, string? Key)>(doc.Quotes.Count);
        for (int i = 0; i < doc.Quotes.Count && doc.Claims.Count < MaxClaims; i++)
        {
            var q = doc.Quotes[i];
            if (q.End <= q.Start || q.Start < 0 || q.End > doc.Text.Length) { speakers.Add((null, null, null)); continue; }
            bool denial = q.Cue is { } cue && ClaimLexicon.DenialVerbs.Contains(cue.ToLowerInvariant());
            int cueToken = CueToken(doc, q);
            var (side, key) = SideResolver.Resolve(doc, q);
            var (head, definite) = SideResolver.SpeakerHead(doc, q);
            if (side is null && definite && head is not null && q.SpeakerEntity < 0)
                for (int j = speakers.Count - 1; j >= 0; j--)
                    if (speakers[j].Head == head && speakers[j].Key is not null) { (side, key) = (speakers[j].Side, speakers[j].Key); break; }
            speakers.Add((head, side, key));

            var spans = new List<(int Start, int End, bool Negates, int Cue)> { (q.Start, q.End, denial, cueToken) };
            foreach (var (s, e) in StatementSpans.MoreComplements(doc, q.End, cueToken)) spans.Add((s, e, denial, -1));
            if (!denial)
                for (int k = 0, n = spans.Count; k < n; k++)
                    foreach (var (s, e) in StatementSpans.CommitmentClauses(doc, spans[k].Start, spans[k].End)) spans.Add((s, e, false, -1));

            var found = new List<Claim>(MaxClaimsPerStatement);
            for (int k = 0; k < spans.Count && found.Count < MaxClaimsPerStatement; k++)
            {
                var (s, e, neg, ct0) = spans[k];
                var claim = ClaimAnalyzer.Analyze(doc, s, e, neg, ct0, aliases);
                if (claim.Text.Length > 0) found.Add(claim);
            }
            // Descriptions made in passing ("the surveillance balloon"), unless the statement is a denial.
            if (!denial)
                foreach (var a in ClaimAnalyzer.Attributive(doc, q.Start, q.End, aliases))
                {
                    if (found.Count >= MaxClaimsPerStatement) break;
                    if (!found.Any(f => f.Predicate == "be" && f.Subject == a.Subject && f.Value == a.Value)) found.Add(a);
                }
            foreach (var claim in found)
            {
                if (doc.Claims.Count >= MaxClaims) break;
                doc.Claims.Add(claim with
                {
                    Quote = i,
                    Speaker = q.Speaker,
                    SpeakerEntity = q.SpeakerEntity,
                    Side = side,
                    SideKey = key,
                });
            }
        }
    }

    /// <summary>The token of the quote's cue verb ("said", "called"), or -1.</summary>
    private static int CueToken(Document doc, Quote q)
    {
        if (q.CueStart < 0 || q.CueEnd <= q.CueStart || q.CueEnd > doc.Text.Length) return -1;
        var (a, b) = ClaimAnalyzer.TokenRange(doc.Tokens, q.CueStart, q.CueEnd);
        return b > a ? a : -1;
    }
}

public static class ClaimPipelineExtensions
{
    /// <summary>Adds the claims stage ("claims.v1").</summary>
    public static PipelineBuilder UseClaims(this PipelineBuilder b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return b.Add(new ClaimStage());
    }
}
