using Storyline.Stories.Dedup;
using Storyline.Stories.Rewrite;

namespace Storyline.Stories.Engine;

/// <summary>Tunables of the story engine. Defaults were chosen on ECB+ dev topics and generated dev sets only.</summary>
public sealed record StoryOptions
{
    public DedupOptions Dedup { get; init; } = new();
    public AlignOptions Align { get; init; } = new();
    /// <summary>Terms kept in a document's sketch (heaviest TF-IDF first).</summary>
    public int SketchTerms { get; init; } = 100;
    /// <summary>Names and numbers kept in a document's sketch (their own channel).</summary>
    public int SketchEntities { get; init; } = 100;
    /// <summary>
    /// Score words and names/numbers as two channels mixed by <see cref="EntityWeight"/>; false = one vector.
    /// On ECB+ dev topics one vector did as well or better (0.878 vs 0.850 B-cubed F1), so it is the default.
    /// </summary>
    public bool TwoChannels { get; init; }
    /// <summary>Weight of the name/number channel in similarity when <see cref="TwoChannels"/> (the rest is the word channel).</summary>
    public double EntityWeight { get; init; } = 0.4;
    /// <summary>Heaviest sketch terms indexed in the postings (plus every name).</summary>
    public int PostedTerms { get; init; } = 15;
    /// <summary>Names indexed per document at most.</summary>
    public int PostedNames { get; init; } = 20;
    /// <summary>Postings read per key: bounds lookup cost however common a key becomes.</summary>
    public int MaxPostingScan { get; init; } = 32;
    /// <summary>Candidate documents (by shared keys) compared per new document.</summary>
    public int CandidateDocuments { get; init; } = 20;
    /// <summary>How much a name counts in the term vector compared with an ordinary word occurrence.</summary>
    public int NameTermBoost { get; init; } = 2;
    /// <summary>Score (time-weighted cosine to the story centroid) needed to join a story.</summary>
    public double JoinThreshold { get; init; } = 0.22;
    /// <summary>Score needed with a second story for the document to merge the two.</summary>
    public double MergeThreshold { get; init; } = 0.3;
    /// <summary>Centroid cosine at which two candidate stories are merged after a document updates one of them (1 = never).</summary>
    public double StoryMergeThreshold { get; init; } = 1;
    /// <summary>Weight of the best single member document's cosine against the centroid cosine.</summary>
    public double MemberWeight { get; init; }
    /// <summary>Days over which time proximity halves (e-folding); stories far apart in time need more text evidence.</summary>
    public double TimeScaleDays { get; init; } = 7;
    /// <summary>Share of the score that survives however far apart in time (0 = time decides alone).</summary>
    public double TimeFloor { get; init; } = 0.5;
    /// <summary>Stories whose last document is older than this (by publication date) are not joined.</summary>
    public double ActiveWindowDays { get; init; } = 60;
    /// <summary>Terms kept in a story centroid (the lightest are pruned when it grows past twice this).</summary>
    public int CentroidTerms { get; init; } = 400;
    /// <summary>Document cosine needed before two documents are aligned to test for a rewrite.</summary>
    public double RewriteMinCosine { get; init; } = 0.5;
    /// <summary>Candidates aligned per document at most (the most similar first).</summary>
    public int RewriteCandidates { get; init; } = 3;
    /// <summary>Prior document count and frequencies for IDF (from a background corpus); 0 = none.</summary>
    public bool UseBackgroundIdf { get; init; } = true;
    /// <summary>Exponent on IDF: above 1 favours rare words and names, which tell two events of one kind apart.</summary>
    public double IdfPower { get; init; } = 1;
    /// <summary>Use the latest full date written in a document's head (a dateline) as its time when it has no publication date.</summary>
    public bool UseTextDates { get; init; }
    /// <summary>Decide joins with the learned <see cref="StoryJoinModel"/> (names, lead names, years, dates, similarity) when its file exists.</summary>
    public bool UseJoinModel { get; init; } = true;
    /// <summary>Join probability needed to join a story; null = the threshold stored with the model.</summary>
    public double? JoinProbability { get; init; }
    /// <summary>Join probability with a second story at which the document merges the two (above 1 = never).</summary>
    public double MergeProbability { get; init; } = 2;
    /// <summary>Candidate stories scored by the join model per document: those with the most similar member documents.</summary>
    public int ScoredStories { get; init; } = 8;
    /// <summary>
    /// Add the sentence-embedding features to the join (cosine of the document's lead with the leads of the story's candidate
    /// member documents). Off: on ECB+ 5-fold CV by topic they gave B-cubed F1 0.906 against 0.904 without, not worth an
    /// embedding per document. The engine follows its join model: a model trained with these features turns them on.
    /// </summary>
    public bool UseLeadEmbeddings { get; init; }
}
