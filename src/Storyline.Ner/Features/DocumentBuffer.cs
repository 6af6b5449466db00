namespace Storyline.Ner.Features;

/// <summary>What the features know about one token, computed once per document.</summary>
internal struct TokenInfo
{
    public ulong Word, Lower, Shape, Short;
    public ulong IdWord, IdLower; // Word and Lower as identity features (UNK when dropped in training)
    public ulong Prefix1, Prefix2, Prefix3, Prefix4, Suffix1, Suffix2, Suffix3, Suffix4;
    public int Cluster;      // packed cluster ids or WordClusters.None
    public int CaseBucket;   // capitalisation statistics bucket or -1
    public CapKind Caps;
    public bool First;       // first token of its sentence
    public bool Headline;    // its sentence is written mostly in capitals
    public bool DocLowerSeen; // the same form occurs lower-case elsewhere in the document
    public bool DocCapMid;    // ... or capitalised in the middle of a normal sentence
    public int GazStart, GazCount;
    public bool Table;        // its sentence looks like a results table (many numbers)
    public byte RunLength;    // length of the run of capitalised words it belongs to (0 = none)
    public byte RunPosition;  // 0 first, 1 inside, 2 last (single-word runs: 3)
    public ulong RunFirst, RunLast; // lower-cased first and last words of that run
    public int RunLastCluster;      // middle-level cluster of the run's last word, or -1
    public ulong SegFirst, SegLast, SegOther; // in a run split by connectors: its segment's first/last word, the word across the connector
    public byte SegInfo;
    public int OccSlot;             // group of the occurrences of its capitalised form (context aggregation), -1 = none            // connector sides, position and length in the segment; 0 = not in a split run
    public ulong AcronymOf;         // an all-caps word spelling the initials of a run in the document: that run's last word
    public byte QuotePos;           // inside a short capitalised quotation ("Star Wars"): 1 first, 2 inside, 3 last, 4 alone; 0 = not
}

/// <summary>
/// Reusable per-document working memory for the tagger: token records, sentence starts, gazetteer
/// features, history. Buffers grow and are kept, so tagging allocates only when a document is
/// larger than any seen before on this thread.
/// </summary>
internal sealed class DocumentBuffer
{
    public TokenInfo[] Tokens = new TokenInfo[256];
    public int TokenCount;
    public int[] SentenceStart = new int[64]; // SentenceStart[s]..SentenceStart[s+1]
    public int SentenceCount;
    public ulong Topic;       // hash of the headline's section label ("SOCCER"), 0 = none
    public bool TablesDoc;    // most sentences look like results tables
    public ulong[] Gaz = new ulong[1024];
    public int GazCount;
    public int[] Labels = new int[256];       // decoded labels (this pass)
    public int[] Pass1 = new int[256];        // labels of the first pass, for the second
    public readonly Dictionary<ulong, int> HistoryIndex = [];
    public int[] HistoryCounts = new int[64 * 5];
    public readonly HashSet<ulong> LowerSeen = [];
    public readonly Dictionary<ulong, ulong> Acronyms = [];
    public readonly HashSet<ulong> CapMidSeen = [];
    public readonly Dictionary<ulong, int> AggIndex = [];
    public int[] AggCounts = new int[64 * 5];
    public int[] AggSpanCounts = new int[64 * 5];
    public ulong[] Features = new ulong[512];
    public float[] Scores = new float[32];
    public ulong[] SeqExact = new ulong[64];
    public ulong[] SeqLower = new ulong[64];

    // Beam search: per position and hypothesis the label and back-pointer; scores of the current and next position.
    public int[] BeamLabel = new int[256];
    public int[] BeamBack = new int[256];
    public float[] BeamScore = new float[64];
    public float[] BeamNext = new float[64];
    public int[] BeamPath = new int[256];

    // Context aggregation: occurrences of each capitalised form, grouped by slot.
    public readonly Dictionary<ulong, int> OccIndex = [];
    public int[] OccStart = new int[256], OccCount = new int[256], OccTokens = new int[256];

    public void EnsureOcc(int n)
    {
        if (OccTokens.Length < n) { int size = Math.Max(n, OccTokens.Length * 2); OccStart = new int[size]; OccCount = new int[size]; OccTokens = new int[size]; }
    }

    public void EnsureBeam(int n)
    {
        if (BeamLabel.Length < n) { Array.Resize(ref BeamLabel, Math.Max(n, BeamLabel.Length * 2)); Array.Resize(ref BeamBack, BeamLabel.Length); }
        if (BeamPath.Length < n) Array.Resize(ref BeamPath, n);
    }

    public void Reset()
    {
        TokenCount = 0; SentenceCount = 0; GazCount = 0;
        HistoryIndex.Clear(); LowerSeen.Clear(); CapMidSeen.Clear(); AggIndex.Clear(); Acronyms.Clear();
    }

    public void EnsureTokens(int n)
    {
        if (Tokens.Length < n)
        {
            int size = Math.Max(n, Tokens.Length * 2);
            Array.Resize(ref Tokens, size);
            Array.Resize(ref Labels, size);
            Array.Resize(ref Pass1, size);
        }
    }

    public void EnsureSentences(int n)
    {
        if (SentenceStart.Length < n + 1) Array.Resize(ref SentenceStart, Math.Max(n + 1, SentenceStart.Length * 2));
    }

    public void EnsureGaz(int n)
    {
        if (Gaz.Length < n) Array.Resize(ref Gaz, Math.Max(n, Gaz.Length * 2));
    }

    public void EnsureSeq(int n)
    {
        if (SeqExact.Length < n) { Array.Resize(ref SeqExact, Math.Max(n, SeqExact.Length * 2)); Array.Resize(ref SeqLower, SeqExact.Length); }
    }
}
