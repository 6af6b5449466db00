namespace Storyline.Time.Grammar;

/// <summary>
/// The time grammar: hand-written recognisers over fine-grained tokens (see <see cref="Tok"/>), tried
/// left to right at every token that can start an expression; the longest match wins. One instance
/// serves one text (it holds the token array), so it is cheap and never shared between threads.
/// </summary>
internal sealed partial class Parser
{
    private readonly string _text;
    private readonly Tok[] _t;
    private readonly int _n;

    public Parser(string text)
    {
        _text = text;
        _t = TimeTokenizer.Tokenize(text, out _n);
    }

    public string Text => _text;
    public Tok[] Tokens => _t;
    public int Count => _n;

    /// <summary>Finds every expression, left to right, longest match first.</summary>
    public List<Cand> FindAll()
    {
        var found = new List<Cand>();
        int i = 0;
        while (i < _n)
        {
            if (!CanStart(i)) { i++; continue; }
            var c = Best(i);
            if (c is null || c.End <= i) { i++; continue; }
            found.Add(c);
            int last = c.End;
            for (var x = c.Next; x is not null; x = x.Next)
            {
                if (x.First < last || x.End <= x.First) break;
                found.Add(x);
                last = x.End;
            }
            c.Next = null;
            i = last;
        }
        return found;
    }

    /// <summary>Cheap filter: only lexicon words, digits and an apostrophe (for '90s) can start an expression.</summary>
    private bool CanStart(int i)
    {
        ref readonly var t = ref _t[i];
        switch (t.Kind)
        {
            case TokKind.Digits: return true;
            case TokKind.Punct: return t.Char == '\'';
        }
        var lex = t.Lex;
        if (lex is null) return false;
        if ((lex.Flags & (LexFlags.Content | LexFlags.Standalone)) != 0) return true;
        if ((lex.Flags & LexFlags.Starter) == 0) return false;
        // "the", "about", "last"... start something only if the next token means something to the grammar
        if (i + 1 >= _n) return false;
        ref readonly var nx = ref _t[i + 1];
        return nx.Kind switch
        {
            TokKind.Digits => true,
            TokKind.Punct => nx.Char is '\'' or '-',
            _ => nx.Lex is { } nl && nl.Flags != LexFlags.Verb,
        };
    }

    private Cand? Best(int i)
    {
        Cand? best = null;
        void Take(Cand? c)
        {
            if (c is not null && (best is null || c.End > best.End)) best = c;
        }
        // prefixes ("about", "more than", "early", "the end of") are all function words
        if (_t[i].Kind == TokKind.Word && _t[i].Lex is { } lex && lex.Is(LexFlags.Starter))
        {
            Take(Modified(i));
            Take(Positional(i));
        }
        Take(Core(i));
        return best;
    }

    /// <summary>Every unmodified expression that can start at token i; the longest wins.</summary>
    private Cand? Core(int i)
    {
        Cand? best = null;
        void Take(Cand? c)
        {
            if (c is not null && (best is null || c.End > best.End)) best = c;
        }
        ref readonly var t = ref _t[i];
        Take(TimeOfDay(i));
        Take(AbsoluteDate(i));
        Take(Financial(i));
        Take(DurationOrAgo(i));
        Take(SetExpression(i));
        if (t.Kind == TokKind.Word)
        {
            Take(DefinitePeriod(i));
            if (t.Lex is { } lex && lex.Is(LexFlags.Starter | LexFlags.Standalone))
            {
                Take(DeterminedUnit(i));
                Take(Vague(i));
                Take(Anaphoric(i));
            }
            if (t.Capitalized) Take(Holiday(i, allowBare: true)?.ToCand());
        }
        return best;
    }

    // ---------------------------------------------------------------- token helpers

    private bool InRange(int i) => i >= 0 && i < _n;

    private bool IsWord(int i) => (uint)i < (uint)_n && _t[i].Kind == TokKind.Word;

    private bool IsDigits(int i) => (uint)i < (uint)_n && _t[i].Kind == TokKind.Digits;

    /// <summary>Word token i equals w (case-insensitive).</summary>
    private bool W(int i, string w)
    {
        if (i < 0 || i >= _n) return false;
        ref readonly var t = ref _t[i];
        return t.Kind == TokKind.Word && t.Length == w.Length && _text.AsSpan(t.Start, t.Length).Equals(w, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Index of the word at i in a set, or -1.</summary>
    private int WIn(int i, string[] set)
    {
        if (i < 0 || i >= _n || _t[i].Kind != TokKind.Word) return -1;
        var span = _text.AsSpan(_t[i].Start, _t[i].Length);
        for (int k = 0; k < set.Length; k++)
            if (span.Length == set[k].Length && span.Equals(set[k], StringComparison.OrdinalIgnoreCase)) return k;
        return -1;
    }

    /// <summary>Punctuation c at token i.</summary>
    private bool P(int i, char c) => i >= 0 && i < _n && _t[i].Kind == TokKind.Punct && _t[i].Char == c;

    /// <summary>Token i is attached to the previous token (no space between).</summary>
    private bool Adj(int i) => i > 0 && i < _n && !_t[i].SpaceBefore;

    /// <summary>Skips an attached period (abbreviations: "Feb.", "Sept.").</summary>
    private int Dot(int i) => P(i, '.') && Adj(i) ? i + 1 : i;

    private Lex? L(int i) => i >= 0 && i < _n ? _t[i].Lex : null;

    private bool Has(int i, LexFlags f) => L(i) is { } l && l.Is(f);

    /// <summary>Span of token i.</summary>
    private ReadOnlySpan<char> Span(int i) => _text.AsSpan(_t[i].Start, _t[i].Length);

    /// <summary>Word at i followed by an attached hyphen and then token i+2 (for "mid-1990s", "two-year").</summary>
    private bool Hyphen(int i) => P(i, '-') && Adj(i) && i + 1 < _n && Adj(i + 1);

    /// <summary>Ends of the digit token i: true when no letter or digit is glued to either side (not part of "A320", "3rd" etc.).</summary>
    private bool FreeNumber(int i)
    {
        if (!IsDigits(i)) return false;
        if (i > 0 && Adj(i) && _t[i - 1].Kind == TokKind.Word) return false;
        if (i + 1 < _n && Adj(i + 1) && _t[i + 1].Kind == TokKind.Word) return false;
        return true;
    }

    /// <summary>The digit token at i is glued to a numeric neighbour ("1,990", "3.5", "12:30").</summary>
    private bool PartOfLargerNumber(int i)
    {
        if (i >= 2 && Adj(i) && (P(i - 1, ',') || P(i - 1, '.') || P(i - 1, ':')) && Adj(i - 1) && IsDigits(i - 2)) return true;
        if (i + 2 < _n && Adj(i + 1) && (P(i + 1, ',') || P(i + 1, '.') || P(i + 1, ':')) && Adj(i + 2) && IsDigits(i + 2)) return true;
        if (i >= 1 && Adj(i) && (P(i - 1, '$') || P(i - 1, '#') || P(i - 1, '\u00A3') || P(i - 1, '\u20AC'))) return true;
        if (i + 1 < _n && Adj(i + 1) && P(i + 1, '%')) return true;
        return false;
    }

    private static readonly string[] Ordinalsuffixes = ["st", "nd", "rd", "th"];
}
