using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Storyline.Language.Syntax;

/// <summary>
/// Tagging and parsing scores on a gold CoNLL-U file (gold tokenisation, predicted tags). <see cref="Las"/>
/// follows the CoNLL 2018 shared task (universal relation, subtypes ignored); <see cref="LasFull"/> also
/// requires the subtype ("nmod:poss"). Punctuation is scored like every other word.
/// </summary>
public sealed record SyntaxEvaluation(
    [property: JsonPropertyName("upos_accuracy")] double UposAccuracy,
    [property: JsonPropertyName("xpos_accuracy")] double XposAccuracy,
    [property: JsonPropertyName("uas")] double Uas,
    [property: JsonPropertyName("las")] double Las,
    [property: JsonPropertyName("las_full")] double LasFull,
    [property: JsonPropertyName("tokens")] long Tokens,
    [property: JsonPropertyName("sentences")] int Sentences,
    [property: JsonPropertyName("tokens_per_second")] double TokensPerSecond,
    [property: JsonPropertyName("tagging_tokens_per_second")] double TaggingTokensPerSecond,
    [property: JsonPropertyName("parsing_tokens_per_second")] double ParsingTokensPerSecond);

/// <summary>
/// Scores the tagger and parser against gold CoNLL-U. Speeds are tokens per CPU-second of this process
/// (the work runs on one thread), so they do not depend on how busy the machine is.
/// </summary>
public static class SyntaxEvaluator
{
    /// <summary>Evaluates the committed models on a CoNLL-U file, on one thread.</summary>
    public static SyntaxEvaluation Evaluate(string conlluPath)
        => Evaluate(ConlluReader.Read(conlluPath).ToList(), PosTagger.Default, DependencyParser.Default);

    /// <summary>Evaluates the given models on gold sentences, on one thread.</summary>
    public static SyntaxEvaluation Evaluate(IReadOnlyList<ConlluSentence> gold, PosTagger tagger, DependencyParser parser)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(tagger);
        ArgumentNullException.ThrowIfNull(parser);
        var forms = gold.Select(s => s.Words.Select(w => w.Form).ToArray()).ToList();
        var classes = forms.Select(f => new int[f.Length]).ToList();

        // Warm-up so the timed passes run optimised (tiered JIT) code.
        for (int i = 0; i < Math.Min(WarmupSentences, forms.Count); i++)
        {
            tagger.TagClasses(forms[i], classes[i]);
            parser.Parse(forms[i], new int[forms[i].Length]);
        }

        var tagTime = CpuClock.Start();
        for (int i = 0; i < forms.Count; i++) tagger.TagClasses(forms[i], classes[i]);
        double tagSec = tagTime.Seconds;

        var parses = new ParseResult[forms.Count];
        var parseTime = CpuClock.Start();
        for (int i = 0; i < forms.Count; i++)
        {
            var tagIds = new int[forms[i].Length];
            for (int j = 0; j < tagIds.Length; j++) tagIds[j] = parser.TagId(tagger.UposOf(classes[i][j]), tagger.XposOf(classes[i][j]));
            parses[i] = parser.Parse(forms[i], tagIds);
        }
        double parseSec = parseTime.Seconds;

        long n = 0, upos = 0, xpos = 0, uas = 0, las = 0, lasFull = 0;
        for (int i = 0; i < gold.Count; i++)
        {
            var words = gold[i].Words;
            for (int j = 0; j < words.Count; j++)
            {
                n++;
                if (tagger.UposOf(classes[i][j]) == words[j].Upos) upos++;
                if (tagger.XposOf(classes[i][j]) == words[j].Xpos) xpos++;
                if (parses[i].Heads[j] != words[j].Head) continue;
                uas++;
                if (Universal(parses[i].Labels[j]).SequenceEqual(Universal(words[j].Deprel))) las++;
                if (parses[i].Labels[j] == words[j].Deprel) lasFull++;
            }
        }
        double d = Math.Max(1, n);
        tagSec = Math.Max(tagSec, MinSeconds);
        parseSec = Math.Max(parseSec, MinSeconds);
        return new SyntaxEvaluation(upos / d, xpos / d, uas / d, las / d, lasFull / d, n, gold.Count,
            n / (tagSec + parseSec), n / tagSec, n / parseSec);
    }

    private const double MinSeconds = 1e-9;
    private const int WarmupSentences = 200;

    private static ReadOnlySpan<char> Universal(string deprel)
    {
        int k = deprel.IndexOf(':', StringComparison.Ordinal);
        return k < 0 ? deprel : deprel.AsSpan(0, k);
    }
}

/// <summary>CPU time of the current process, for speed figures that do not depend on machine load.</summary>
internal readonly struct CpuClock
{
    private readonly TimeSpan _start;
    private CpuClock(TimeSpan start) => _start = start;
    public static CpuClock Start() => new(Process.GetCurrentProcess().TotalProcessorTime);
    public double Seconds => (Process.GetCurrentProcess().TotalProcessorTime - _start).TotalSeconds;
}
