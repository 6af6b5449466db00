using Storyline.Core;

namespace Storyline.Claims;

/// <summary>
/// Further statements carried by one attribution, read off the dependency parse: a second "that" complement of the
/// same cue ("X claimed that A and that B"), and the content clause of a commitment noun inside a statement ("… would
/// change their conclusion that B"). Bounded: a sentence's tokens at most, a fixed walk up the heads.
/// </summary>
internal static class StatementSpans
{
    private const int MaxSpans = 3;
    private const int MaxWalk = 40;

    /// <summary>
    /// Clauses after <paramref name="after"/> that open with "that" and are conjoined to the cue or to its complement
    /// (parsers attach "… claimed that A and that B" either way).
    /// </summary>
    public static IEnumerable<(int Start, int End)> MoreComplements(Document doc, int after, int cue)
    {
        var toks = doc.Tokens;
        if (cue < 0 || cue >= toks.Count || Sentence(doc, cue) is not { } sent) yield break;
        int end = sent.FirstToken + sent.TokenCount;
        int found = 0;
        // A window after the cue, so a hostile run-on sentence costs no more than an ordinary one.
        for (int i = Math.Max(sent.FirstToken, cue + 1); i < Math.Min(end, cue + 2 * ClaimAnalyzer.MaxTokens) && found < MaxSpans; i++)
        {
            if (toks[i].Dep != "conj" || toks[i].Start < after) continue;
            int h = toks[i].Head;
            bool onCue = h == cue || h >= sent.FirstToken && h < end && toks[h].Head == cue && toks[h].Dep == "ccomp";
            if (!onCue) continue;
            if (!HasChild(toks, sent, i, t => t.Dep == "mark" && t.Text.Equals("that", StringComparison.OrdinalIgnoreCase))) continue;
            if (Subtree(toks, sent, i) is { } span) { found++; yield return span; }
        }
    }

    /// <summary>Content clauses ("that …") of commitment nouns inside [start, end), unless the noun is put in doubt.</summary>
    public static IEnumerable<(int Start, int End)> CommitmentClauses(Document doc, int start, int end)
    {
        var toks = doc.Tokens;
        var (t0, t1) = ClaimAnalyzer.TokenRange(toks, start, end);
        t1 = Math.Min(t1, t0 + ClaimAnalyzer.MaxTokens);
        int found = 0;
        for (int i = t0; i < t1 && found < MaxSpans; i++)
        {
            var t = toks[i];
            if (t.Dep is not ("acl" or "ccomp") || t.Head < t0 || t.Head >= t1) continue;
            if (Sentence(doc, i) is not { } sent) continue;
            // The clause hangs on the noun ("their conclusion that …"), or — a common parse — on the verb whose object
            // the noun is, right before the clause ("kept its assessment that …").
            int n = t.Head;
            if (toks[n].Pos != "NOUN")
            {
                n = -1;
                for (int k = Math.Max(t0, i - 8); k < i; k++)
                    if (toks[k].Head == t.Head && toks[k].Dep == "obj" && toks[k].Pos == "NOUN") n = k;
                if (n < 0) continue;
            }
            var noun = toks[n];
            if (!ClaimLexicon.CommitmentNouns.Contains(ClaimAnalyzer.Lemma(noun))) continue;
            if (noun.Head >= 0 && ClaimLexicon.DoubtVerbs.Contains(ClaimAnalyzer.Lemma(toks[noun.Head]))) continue;
            if (!HasChild(toks, sent, i, c => c.Dep == "mark" && c.Text.Equals("that", StringComparison.OrdinalIgnoreCase))) continue;
            if (Subtree(toks, sent, i) is { } span && span.End <= end) { found++; yield return span; }
        }
    }

    private static Sentence? Sentence(Document doc, int tok)
    {
        foreach (var s in doc.Sentences)
            if (tok >= s.FirstToken && tok < s.FirstToken + s.TokenCount) return s;
        return null;
    }

    /// <summary>A dependent of <paramref name="head"/> passing <paramref name="test"/>, looked for within MaxWindow tokens of it.</summary>
    private static bool HasChild(List<Token> toks, Sentence sent, int head, Func<Token, bool> test)
    {
        const int MaxWindow = 24;
        int lo = Math.Max(sent.FirstToken, head - MaxWindow), hi = Math.Min(sent.FirstToken + sent.TokenCount, head + MaxWindow);
        for (int i = lo; i < hi; i++)
            if (toks[i].Head == head && test(toks[i])) return true;
        return false;
    }

    /// <summary>Character span of the tokens under <paramref name="root"/> in its sentence (at most MaxTokens around it).</summary>
    private static (int Start, int End)? Subtree(List<Token> toks, Sentence sent, int root)
    {
        int lo = Math.Max(sent.FirstToken, root - ClaimAnalyzer.MaxTokens), hi = Math.Min(sent.FirstToken + sent.TokenCount, root + ClaimAnalyzer.MaxTokens);
        int first = root, last = root;
        for (int i = lo; i < hi; i++)
        {
            int h = i;
            for (int step = 0; step < MaxWalk && h >= 0 && h != root; step++) h = toks[h].Head;
            if (h != root) continue;
            // Leading conjunctions and punctuation are not part of what is said.
            if (i < root && (toks[i].Dep is "cc" or "punct")) continue;
            if (toks[i].Pos == "PUNCT" && i > root && i == hi - 1) continue;
            first = Math.Min(first, i); last = Math.Max(last, i);
        }
        while (last > root && toks[last].Pos == "PUNCT") last--;
        return toks[last].End > toks[first].Start ? (toks[first].Start, toks[last].End) : null;
    }
}
