namespace Storyline.Entities.Text;

/// <summary>Kinds of tokens the role and place rules care about.</summary>
internal enum TokKind : byte
{
    Word,
    /// <summary>"'s" / "’s" after a word, or a bare apostrophe after a plural ("officials'").</summary>
    Possessive,
    Comma,
    /// <summary>Sentence or paragraph end: . ! ? and blank lines.</summary>
    SentenceEnd,
    /// <summary>; : ( ) [ ] quotes and dashes: clause boundaries that stop a role phrase.</summary>
    Boundary,
    Other,
}

internal readonly record struct Tok(int Start, int End, TokKind Kind);

/// <summary>
/// A small, allocation-light word splitter over the clean text. The entity rules need only words,
/// possessives, commas and clause/sentence boundaries, so they do not depend on the language
/// layer's tokenizer (which may run in a different order or not at all).
/// </summary>
internal sealed class WordTokens
{
    // Words that keep their final period (titles, company and place abbreviations, AP state names).
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt", "Cmdr", "Adm",
        "Maj", "Rev", "Fr", "Sr", "Jr", "St", "Ft", "Mt", "Inc", "Corp", "Co", "Ltd", "Bros", "Assn", "Dept",
        "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "No", "vs", "approx", "est",
        "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La",
        "Md", "Mass", "Tex", "Tenn", "Ont", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Vt",
        "Va", "Wash", "Wis", "Wyo", "Ont", "Que", "Alta", "Sask", "Man",
    };

    public string Text { get; }
    public List<Tok> Items { get; } = [];

    public WordTokens(string text)
    {
        Text = text;
        Scan();
    }

    public Tok this[int i] => Items[i];
    public int Count => Items.Count;

    public ReadOnlySpan<char> Span(int i) => Text.AsSpan(Items[i].Start, Items[i].End - Items[i].Start);
    public string Str(int i) => Text.Substring(Items[i].Start, Items[i].End - Items[i].Start);

    private int[]? _sentence;

    /// <summary>Sentence number of token i (count of sentence ends before it); Count maps to the last sentence.</summary>
    public int SentenceIndex(int i)
    {
        if (_sentence is null)
        {
            var a = new int[Items.Count + 1];
            int n = 0;
            for (int k = 0; k < Items.Count; k++) { a[k] = n; if (Items[k].Kind == TokKind.SentenceEnd) n++; }
            a[Items.Count] = n;
            _sentence = a;
        }
        return _sentence[Math.Clamp(i, 0, Items.Count)];
    }

    public bool IsWord(int i) => i >= 0 && i < Items.Count && Items[i].Kind == TokKind.Word;

    /// <summary>Index of the first token starting at or after <paramref name="pos"/> (Count if none).</summary>
    public int FirstAtOrAfter(int pos)
    {
        int lo = 0, hi = Items.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (Items[mid].Start < pos) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>Token range [first, last] covered by a character span; (-1,-1) when empty.</summary>
    public (int First, int Last) Range(int start, int end)
    {
        int a = FirstAtOrAfter(start);
        int b = a;
        while (b < Items.Count && Items[b].End <= end) b++;
        return b > a ? (a, b - 1) : (-1, -1);
    }

    private void Scan()
    {
        var t = Text;
        int i = 0, n = t.Length;
        while (i < n)
        {
            char c = t[i];
            if (c == '\n')
            {
                int j = i + 1;
                while (j < n && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r')) j++;
                if (j < n && t[j] == '\n') { Items.Add(new Tok(i, i + 1, TokKind.SentenceEnd)); i = j + 1; continue; }
                i++; continue;
            }
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (char.IsLetterOrDigit(c)) { i = ScanWord(i); continue; }
            if ((c == '\'' || c == '\u2019') && i + 1 < n && (t[i + 1] == 's' || t[i + 1] == 'S')
                && (i + 2 >= n || !char.IsLetterOrDigit(t[i + 2])) && Items.Count > 0 && Items[^1].End == i)
            {
                Items.Add(new Tok(i, i + 2, TokKind.Possessive)); i += 2; continue;
            }
            var kind = c switch
            {
                ',' => TokKind.Comma,
                '.' or '!' or '?' => TokKind.SentenceEnd,
                ';' or ':' or '(' or ')' or '[' or ']' or '"' or '\u201C' or '\u201D' or '\u2014' or '\u2013' => TokKind.Boundary,
                '-' when i + 1 < n && t[i + 1] == '-' => TokKind.Boundary,
                _ => TokKind.Other,
            };
            Items.Add(new Tok(i, i + 1, kind));
            i++;
        }
    }

    private int ScanWord(int start)
    {
        var t = Text;
        int n = t.Length, i = start + 1;
        while (i < n)
        {
            char c = t[i];
            if (char.IsLetterOrDigit(c)) { i++; continue; }
            // Joiners inside a word: hyphen, apostrophe (O'Brien, but not the possessive 's), dot (U.S), ampersand (AT&T).
            if ((c == '-' || c == '\'' || c == '\u2019' || c == '.' || c == '&') && i + 1 < n && char.IsLetterOrDigit(t[i + 1]))
            {
                if ((c == '\'' || c == '\u2019') && (t[i + 1] == 's' || t[i + 1] == 'S') && (i + 2 >= n || !char.IsLetterOrDigit(t[i + 2])))
                    break;
                if (c == '.' && !IsDottedAbbrevPart(start, i)) break;
                i++; continue;
            }
            break;
        }
        // A final period belongs to the word for "U.S." (dotted initials) and known abbreviations.
        if (i < n && t[i] == '.')
        {
            var w = t.AsSpan(start, i - start);
            if (w.Contains('.') || (w.Length == 1 && char.IsUpper(w[0])) || Abbreviations.Contains(w.ToString()))
                i++;
        }
        Items.Add(new Tok(start, i, TokKind.Word));
        return i;
    }

    // "U.S", "N.Y", "e.g": a dot between single letters; not "end.Next" run-ons.
    private bool IsDottedAbbrevPart(int wordStart, int dot)
    {
        int segStart = dot - 1;
        while (segStart > wordStart && Text[segStart - 1] != '.') segStart--;
        return dot - segStart <= 2 && dot + 2 <= Text.Length && (dot + 2 == Text.Length || !char.IsLetter(Text[dot + 2]) || Text[dot + 2] == '.');
    }
}
