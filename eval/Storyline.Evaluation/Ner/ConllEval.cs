namespace Storyline.Ner.Evaluation;

/// <summary>Precision, recall and F1 (0..100, as conlleval prints them) for one entity type or overall.</summary>
public sealed record TypeScore(string Type, int Gold, int Predicted, int Correct)
{
    public double Precision => Predicted == 0 ? 0 : 100.0 * Correct / Predicted;
    public double Recall => Gold == 0 ? 0 : 100.0 * Correct / Gold;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>
/// A line-by-line port of conlleval (Tjong Kim Sang, version 2004-01-26): entity-level exact
/// span and type match, chunk boundaries decided by its startOfChunk/endOfChunk rules, so IOB1,
/// IOB2 and IOBES tags score exactly as the perl script scores them. Feed tokens with
/// <see cref="Add"/> and sentence breaks with <see cref="Boundary"/>.
/// </summary>
public sealed class ConllEval
{
    private readonly Dictionary<string, int> _correctChunk = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _foundCorrect = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _foundGuessed = new(StringComparer.Ordinal);
    private int _correct, _goldCount, _guessCount, _correctTags, _tokens;
    private bool _inCorrect;
    private string _lastCorrect = "O", _lastGuessed = "O", _lastCorrectType = "", _lastGuessedType = "";
    private bool _finished;

    public int Tokens => _tokens;
    public int CorrectTags => _correctTags;

    /// <summary>A sentence break: conlleval reads it as a token tagged O/O that is not counted.</summary>
    public void Boundary() => Step("O", "", "O", "", boundary: true);

    /// <summary>One token with its gold and guessed tags (e.g. "I-PER", "B-LOC", "O").</summary>
    public void Add(string gold, string guessed)
    {
        var (c, ct) = Split(gold);
        var (g, gt) = Split(guessed);
        Step(c, ct, g, gt, boundary: false);
    }

    private void Step(string correct, string correctType, string guessed, string guessedType, bool boundary)
    {
        if (_finished) throw new InvalidOperationException("scores were already read; make a new ConllEval");
        if (boundary) guessed = "O";
        if (_inCorrect)
        {
            bool endC = EndOfChunk(_lastCorrect, correct, _lastCorrectType, correctType);
            bool endG = EndOfChunk(_lastGuessed, guessed, _lastGuessedType, guessedType);
            if (endC && endG && _lastGuessedType == _lastCorrectType)
            {
                _inCorrect = false;
                _correct++;
                Inc(_correctChunk, _lastCorrectType);
            }
            else if (endC != endG || guessedType != correctType) _inCorrect = false;
        }
        bool startC = StartOfChunk(_lastCorrect, correct, _lastCorrectType, correctType);
        bool startG = StartOfChunk(_lastGuessed, guessed, _lastGuessedType, guessedType);
        if (startC && startG && guessedType == correctType) _inCorrect = true;
        if (startC) { _goldCount++; Inc(_foundCorrect, correctType); }
        if (startG) { _guessCount++; Inc(_foundGuessed, guessedType); }
        if (!boundary)
        {
            if (correct == guessed && guessedType == correctType) _correctTags++;
            _tokens++;
        }
        _lastGuessed = guessed; _lastCorrect = correct;
        _lastGuessedType = guessedType; _lastCorrectType = correctType;
    }

    /// <summary>Closes the last chunk and returns the overall score and one per type (sorted by name).</summary>
    public (TypeScore Overall, IReadOnlyList<TypeScore> PerType) Finish()
    {
        if (!_finished)
        {
            if (_inCorrect) { _correct++; Inc(_correctChunk, _lastCorrectType); _inCorrect = false; }
            _finished = true;
        }
        var types = _foundCorrect.Keys.Concat(_foundGuessed.Keys).Distinct().Order(StringComparer.Ordinal);
        var per = types.Select(t => new TypeScore(t, Get(_foundCorrect, t), Get(_foundGuessed, t), Get(_correctChunk, t))).ToList();
        return (new TypeScore("overall", _goldCount, _guessCount, _correct), per);
    }

    // conlleval splits on the first hyphen: "B-creative-work" is ("B", "creative-work").
    private static (string, string) Split(string tag)
    {
        int dash = tag.IndexOf('-');
        return dash < 0 ? (tag, "") : (tag[..dash], tag[(dash + 1)..]);
    }

    private static bool EndOfChunk(string prevTag, string tag, string prevType, string type)
    {
        bool end = false;
        if (prevTag == "B" && tag == "B") end = true;
        if (prevTag == "B" && tag == "O") end = true;
        if (prevTag == "I" && tag == "B") end = true;
        if (prevTag == "I" && tag == "O") end = true;
        if (prevTag == "E" && tag == "E") end = true;
        if (prevTag == "E" && tag == "I") end = true;
        if (prevTag == "E" && tag == "O") end = true;
        if (prevTag != "O" && prevTag != "." && prevType != type) end = true;
        if (prevTag == "]" || prevTag == "[") end = true;
        return end;
    }

    private static bool StartOfChunk(string prevTag, string tag, string prevType, string type)
    {
        bool start = false;
        if (prevTag == "B" && tag == "B") start = true;
        if (prevTag == "I" && tag == "B") start = true;
        if (prevTag == "O" && tag == "B") start = true;
        if (prevTag == "O" && tag == "I") start = true;
        if (prevTag == "E" && tag == "E") start = true;
        if (prevTag == "E" && tag == "I") start = true;
        if (prevTag == "O" && tag == "E") start = true;
        if (tag != "O" && tag != "." && prevType != type) start = true;
        if (tag == "[" || tag == "]") start = true;
        return start;
    }

    /// <summary>
    /// Scores text in conlleval's own input format: fields split on <paramref name="delimiter"/>, gold tag
    /// second to last, guessed tag last; an empty line or a first field "-X-" is a sentence break.
    /// </summary>
    public static (TypeScore Overall, IReadOnlyList<TypeScore> PerType, int Tokens) ScoreLines(IEnumerable<string> lines, char delimiter = ' ')
    {
        var e = new ConllEval();
        foreach (var raw in lines)
        {
            var f = raw.TrimEnd('\r').Split(delimiter);
            if (raw.Length == 0 || f[0] == "-X-") { e.Boundary(); continue; }
            if (f.Length < 2) throw new FormatException($"conlleval: unexpected number of features in line {raw}");
            e.Add(f[^2], f[^1]);
        }
        var (o, per) = e.Finish();
        return (o, per, e.Tokens);
    }

    private static void Inc(Dictionary<string, int> d, string k) => d[k] = d.GetValueOrDefault(k) + 1;
    private static int Get(Dictionary<string, int> d, string k) => d.GetValueOrDefault(k);
}
