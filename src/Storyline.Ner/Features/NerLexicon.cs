using Storyline.Ner.Resources;

namespace Storyline.Ner.Features;

/// <summary>The lexical resources features are read from: case statistics, word clusters and gazetteers.</summary>
public sealed class NerLexicon
{
    public required CaseStats Case { get; init; }
    public required WordClusters Clusters { get; init; }
    /// <summary>Lists from outside the training data (countries, demonyms, cities, regions, organisations...).</summary>
    public required Gazetteer External { get; init; }
    /// <summary>Entity names mined from the training data (at training time: from the other folds only).</summary>
    public required Gazetteer Mined { get; init; }

    public NerLexicon WithMined(Gazetteer mined) => new() { Case = Case, Clusters = Clusters, External = External, Mined = mined };
}
