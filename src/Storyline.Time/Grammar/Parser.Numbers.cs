namespace Storyline.Time.Grammar;

internal sealed partial class Parser
{
    /// <summary>Largest denominator accepted in "2 1/2"-style fractions.</summary>
    private const int MaxFractionDenominator = 10;
    private const int DigitsInThousandsGroup = 3;
    private const int Hundred = 100;
    private const int Thousand = 1000;

    /// <summary>
    /// A cardinal at i: digits ("48", "1,000", "2.5", "2 1/2"), number words ("twenty-four", "two hundred",
    /// "one and a half"), and with <paramref name="allowArticle"/> "a"/"an" as one ("a week").
    /// </summary>
    private bool Number(int i, out int end, out double value, bool allowArticle)
    {
        end = i; value = 0;
        if (i >= _n) return false;
        if (IsDigits(i))
        {
            if (_t[i].Number < 0) return false;
            if (i > 0 && Adj(i) && (_t[i - 1].Kind == TokKind.Word || IsDigits(i - 1))) return false;
            if (i >= 2 && Adj(i) && (P(i - 1, '.') || P(i - 1, ',')) && Adj(i - 1) && IsDigits(i - 2)) return false;
            double v = _t[i].Number;
            int j = i + 1;
            while (P(j, ',') && Adj(j) && IsDigits(j + 1) && Adj(j + 1) && _t[j + 1].Length == DigitsInThousandsGroup)
            {
                v = v * Thousand + _t[j + 1].Number;
                j += 2;
            }
            if (P(j, '.') && Adj(j) && IsDigits(j + 1) && Adj(j + 1) && _t[j + 1].Number >= 0)
            {
                v += _t[j + 1].Number / Math.Pow(10, _t[j + 1].Length);
                j += 2;
            }
            else if (IsDigits(j) && !Adj(j) && P(j + 1, '/') && Adj(j + 1) && IsDigits(j + 2) && Adj(j + 2)
                     && _t[j + 2].Number is > 0 and <= MaxFractionDenominator && _t[j].Number < _t[j + 2].Number)
            {
                v += (double)_t[j].Number / _t[j + 2].Number;
                j += 3;
            }
            else if (P(j, '\u00BD'))
            {
                v += 0.5;
                j++;
            }
            // glued letters ("3rd", "A320") are not a plain cardinal, except a unit glued on ("48h") handled by callers
            end = j;
            value = v;
            return true;
        }
        if (!IsWord(i)) return false;
        if (allowArticle && (W(i, "a") || W(i, "an")))
        {
            // "a hundred years", "a dozen", "a half"
            if (Has(i + 1, LexFlags.Number) && L(i + 1)!.Num is Hundred or Thousand or 12)
            {
                value = L(i + 1)!.Num;
                end = i + 2;
                return true;
            }
            value = 1;
            end = i + 1;
            return true;
        }
        if (W(i, "half"))
        {
            value = 0.5;
            end = i + 1;
            return true;
        }
        if (!NumberWords(i, out end, out int whole)) return false;
        value = whole;
        // "one and a half"
        if (W(end, "and") && W(end + 1, "a") && W(end + 2, "half"))
        {
            value += 0.5;
            end += 3;
        }
        return true;
    }

    /// <summary>Spelled-out integer: "twenty-four", "twenty four", "two hundred", "two thousand five hundred".</summary>
    private bool NumberWords(int i, out int end, out int value)
    {
        end = i; value = 0;
        if (!Has(i, LexFlags.Number)) return false;
        int total = 0, current = 0;
        int j = i;
        bool any = false;
        while (j < _n && Has(j, LexFlags.Number))
        {
            int v = L(j)!.Num;
            if (v == Hundred)
            {
                if (!any) break;
                current = (current == 0 ? 1 : current) * Hundred;
                j++;
            }
            else if (v == Thousand)
            {
                if (!any) break;
                total += (current == 0 ? 1 : current) * Thousand;
                current = 0;
                j++;
            }
            else
            {
                // "twenty four", "two hundred five", "two thousand five"; "one two" is two numbers
                if (any && current % Hundred != 0 && !(current % 10 == 0 && v < 10)) break;
                current += v;
                j++;
                any = true;
                if (v >= 20 && v % 10 == 0 && P(j, '-') && Adj(j) && Has(j + 1, LexFlags.Number) && L(j + 1)!.Num is > 0 and < 10 && Adj(j + 1))
                {
                    current += L(j + 1)!.Num;
                    j += 2;
                }
            }
            if (W(j, "and") && Has(j + 1, LexFlags.Number) && L(j + 1)!.Num < Hundred && (current >= Hundred || total > 0)) j++;
        }
        if (!any) return false;
        end = j;
        value = total + current;
        return true;
    }

    /// <summary>Vague quantity: "a few", "several", "some", "many", "a couple of", "a number of", "dozens of".</summary>
    private bool FuzzyQuantity(int i, out int end, out bool approxTwo)
    {
        end = i; approxTwo = false;
        if (W(i, "a") && W(i + 1, "few")) { end = i + 2; return true; }
        if (W(i, "a") && W(i + 1, "couple")) { end = W(i + 2, "of") ? i + 3 : i + 2; approxTwo = true; return true; }
        if (W(i, "couple") && W(i + 1, "of")) { end = i + 2; approxTwo = true; return true; }
        if (W(i, "a") && W(i + 1, "number") && W(i + 2, "of")) { end = i + 3; return true; }
        if ((W(i, "dozens") || W(i, "hundreds") || W(i, "thousands") || W(i, "tens")) && W(i + 1, "of")) { end = i + 2; return true; }
        if (W(i, "few") || W(i, "several") || W(i, "many") || W(i, "some") || W(i, "numerous") || W(i, "multiple"))
        { end = i + 1; return true; }
        return false;
    }

    /// <summary>A time unit word (singular or plural); "trading days" and "business days" count as days.</summary>
    private bool UnitWord(int i, out int end, out Unit unit, out bool plural)
    {
        end = i; unit = Unit.None; plural = false;
        int j = i;
        if ((W(j, "trading") || W(j, "business") || W(j, "working") || W(j, "calendar") || W(j, "school")) && W(j + 1, "days"))
            j++;
        if (!Has(j, LexFlags.Unit)) return false;
        var l = L(j)!;
        // "second" is also an ordinal; "sec"/"min"/"hr" need a number before them (callers check)
        unit = l.Unit;
        plural = l.Plural;
        end = j + 1;
        // abbreviations take an optional attached period
        if (_t[j].Length <= 3 && unit is Unit.Second or Unit.Minute or Unit.Hour or Unit.Year or Unit.Week) end = Dot(end);
        return true;
    }
}
