namespace Storyline.Time.Grammar;

internal sealed partial class Parser
{
    /// <summary>Frequency adverbs and adjectives and their TIMEX3 SET values.</summary>
    private static readonly (string Word, string Value)[] FrequencyWords =
    [
        ("daily", "P1D"), ("weekly", "P1W"), ("monthly", "P1M"), ("yearly", "P1Y"), ("annually", "P1Y"), ("hourly", "PT1H"),
        ("quarterly", "P3M"), ("nightly", "P1D"), ("biweekly", "P2W"), ("fortnightly", "P2W"), ("biannually", "P6M"),
        ("semiannually", "P6M"), ("annual", "P1Y"),
    ];

    /// <summary>
    /// Sets: "every Monday", "each year", "every two weeks", "every other day", "on Mondays", "Tuesday nights",
    /// "daily", "weekly", "annually", "twice a week", "three times a year".
    /// </summary>
    private Cand? SetExpression(int i)
    {
        // every / each
        if (W(i, "every") || W(i, "each"))
        {
            int j = i + 1;
            if (W(j, "other") || W(j, "second"))
            {
                if (UnitWord(j + 1, out int oe, out var ou, out bool opl) && !opl)
                    return new Cand { Type = TimexType.Set, Fixed = Cal.Duration(2, ou), First = i, End = oe };
                return null;
            }
            if (UnitWord(j, out int ue, out var unit, out bool plural) && !plural)
                return new Cand { Type = TimexType.Set, Fixed = unit == Unit.Weekend ? "XXXX-WXX-WE" : Cal.Duration(1, unit), First = i, End = ue };
            if (W(i, "every") && (Number(j, out int ne, out double n, allowArticle: false) || FuzzyQuantity(j, out ne, out _) && (n = -1) < 0)
                && UnitWord(ne, out ue, out unit, out plural) && plural)
                return new Cand { Type = TimexType.Set, Fixed = n < 0 ? Cal.DurationX(unit) : Cal.Duration(n, unit), First = i, End = ue };
            if (WeekdayName(j, out int we, out int dow, out _))
            {
                string v = $"XXXX-WXX-{dow}";
                int end = we;
                if (Has(end, LexFlags.PartOfDay)) { v += "T" + L(end)!.PartOfDay; end++; }
                return new Cand { Type = TimexType.Set, Fixed = v, First = i, End = end };
            }
            if (MonthName(j, out int me, out int month))
                return new Cand { Type = TimexType.Set, Fixed = $"XXXX-{month:D2}", First = i, End = me };
            if (Has(j, LexFlags.Season) && !L(j)!.Plural)
                return new Cand { Type = TimexType.Set, Fixed = "XXXX-" + L(j)!.Season, First = i, End = j + 1 };
            if (Has(j, LexFlags.PartOfDay) && !L(j)!.Plural)
                return new Cand { Type = TimexType.Set, Fixed = "XXXX-XX-XXT" + L(j)!.PartOfDay, First = i, End = j + 1 };
            return null;
        }
        // "Mondays", "Tuesday nights"
        if (WeekdayName(i, out int pe, out int pdow, out bool pplural))
        {
            if (pplural && (W(i - 1, "on") || W(i - 1, "most") || W(i - 1, "some") || W(i - 1, "all") || P(pe, ',') || P(pe, '.') || W(pe, "and")))
                return new Cand { Type = TimexType.Set, Fixed = $"XXXX-WXX-{pdow}", First = i, End = pe };
            if (!pplural && Has(pe, LexFlags.PartOfDay) && L(pe)!.Plural)
                return new Cand { Type = TimexType.Set, Fixed = $"XXXX-WXX-{pdow}T{L(pe)!.PartOfDay}", First = i, End = pe + 1 };
            return null;
        }
        // frequency words; capitalised mid-sentence ones are names ("Daily Mail")
        if (IsWord(i) && !(_t[i].Capitalized && !IsSentenceStart(i)))
        {
            foreach (var (w, v) in FrequencyWords)
            {
                if (!W(i, w)) continue;
                // "annual" only as "annual(ly)" rates is too vague; keep the adverb and "twice-annual" out
                if (w == "annual") return null;
                // "quarterly dividend", "quarterly report": the adjective is not a set; the adverb after a verb is
                if (w == "quarterly" && IsWord(i + 1)) return null;
                // "the daily", "a weekly" (newspapers) are nouns
                if ((W(i - 1, "the") || W(i - 1, "a")) && !Has(i + 1, LexFlags.Unit) && IsWord(i + 1) && _t[i + 1].Capitalized) return null;
                return new Cand { Type = TimexType.Set, Fixed = v, First = i, End = i + 1 };
            }
        }
        // "twice a week", "three times a year", "once a month"
        {
            int j = i;
            bool ok = false;
            if (W(j, "twice") || W(j, "once") || W(j, "thrice")) { j++; ok = true; }
            else if (Number(j, out int ne, out _, allowArticle: false) && W(ne, "times")) { j = ne + 1; ok = true; }
            if (ok && (W(j, "a") || W(j, "an") || W(j, "per") || W(j, "each") || W(j, "every")) && UnitWord(j + 1, out int ue, out var unit, out bool plural) && !plural)
                return new Cand { Type = TimexType.Set, Fixed = Cal.Duration(1, unit), First = i, End = ue };
        }
        return null;
    }
}
