namespace Storyline.Time.Grammar;

internal sealed partial class Parser
{
    private static readonly string[] DurationPositions = ["first", "last", "past", "next", "coming", "previous", "following", "initial", "final", "latest", "additional", "further", "remaining", "preceding", "ensuing", "subsequent", "prior", "succeeding", "same", "entire", "whole", "full", "other"];

    /// <summary>Words that, before "a year"/"a day", make it a rate ("$5 a year", "twice a day").</summary>
    private static readonly string[] RateCues = ["million", "billion", "trillion", "percent", "cents", "cent", "dollars", "times", "twice", "once", "thrice", "share", "shares", "barrels", "tons", "tonnes", "units", "people", "visitors", "passengers", "vehicles", "cars", "copies", "pounds", "euros", "yen", "hours", "days", "meals", "miles", "kilometers", "kilometres"];

    /// <summary>
    /// Durations ("three years", "48 hours", "a two-year", "the past three months", "several weeks", "2 1/2 years")
    /// and the dates built on them ("two years ago", "a year earlier", "three days later", "two weeks from now").
    /// </summary>
    private Cand? DurationOrAgo(int i)
    {
        int j = i;
        bool the = W(j, "the");
        if (the) j++;
        else if (W(j, "each") && W(j + 1, "of") && W(j + 2, "the")) { the = true; j += 3; }
        int posIdx = WIn(j, DurationPositions);
        string? pos = posIdx >= 0 ? DurationPositions[posIdx] : null;
        if (pos is not null)
        {
            if (!the && pos is not ("last" or "past" or "next" or "first" or "additional" or "further" or "coming")) return null;
            j++;
        }

        // quantity
        double value;
        int qe;
        bool fuzzy = false, article = false, approxTwo = false;
        if (W(j, "half") && (W(j + 1, "a") || W(j + 1, "an")) && UnitWord(j + 2, out _, out _, out bool hp) && !hp)
        {
            value = 0.5; qe = j + 2;
        }
        else if (FuzzyQuantity(j, out qe, out approxTwo))
        {
            value = approxTwo ? 2 : -1; fuzzy = !approxTwo;
            if (W(j, "some") && !the) { if (!UnitWord(qe, out _, out _, out bool sp) || !sp) return null; }
        }
        else if (Number(j, out qe, out value, allowArticle: pos is null || pos is "additional" or "further"))
        {
            article = W(j, "a") || W(j, "an");
            if (article && the) return null;
            // "one more week", "two additional years"
        }
        else return null;

        int k = qe;
        if (W(k, "more") || W(k, "additional") || W(k, "further") || W(k, "straight") || W(k, "consecutive") || W(k, "full") || W(k, "long") || W(k, "extra") || W(k, "successive")) k++;
        bool hyphenated = false;
        // range: "two to three weeks", "12 to 18 months", "10-15 years"
        if (!fuzzy && (W(k, "to") || W(k, "or") || P(k, '-')) && Number(k + 1, out int re, out double v2, allowArticle: false) && v2 > value
            && UnitWord(re, out _, out _, out _))
        {
            k = re;
        }
        if (P(k, '-') && Adj(k) && Adj(k + 1) && IsWord(k + 1)) { k++; hyphenated = true; }
        if (!UnitWord(k, out int ue, out var unit, out bool plural)) return null;
        if (unit == Unit.Weekend) return null;
        // abbreviations ("hr", "min", "yr") only after digits
        if (_t[k].Length <= 3 && !IsDigits(j) && unit is not Unit.Day) return null;
        // ages: "a 10-year-old", "52 years old"
        if (W(ue, "old") || W(ue, "olds") || P(ue, '-') && Adj(ue) && (W(ue + 1, "old") || W(ue + 1, "olds"))) return null;
        // "a year" is one year; "a years" and "two year" (without hyphen) are odd but the latter is common ("a five year low")
        if (article && plural) return null;
        // "a second group" is an ordinal; "three-quarters of" and "a quarter of" are fractions; "60 Minutes" is a show
        if (unit == Unit.Second && !fuzzy && value == 1 && IsWord(ue) && !W(ue, "and")) return null;
        if (unit == Unit.Quarter && W(ue, "of") && !Year4(ue + 1, out _, out _)) return null;
        if (_t[k].Capitalized && !_t[k].AllCaps && !IsSentenceStart(k) && !(IsDigits(j) && Adj(k))) return null;
        if (fuzzy && !plural) return null;
        if (value == 0 && !fuzzy) return null;
        int end = ue;
        // "a year and a half", "an hour and a half"
        if (W(end, "and") && W(end + 1, "a") && W(end + 2, "half") && !fuzzy) { value += 0.5; end += 3; }

        // a rate: "$1.76 a year", "twice a day"
        if (article && !the && (WIn(i - 1, RateCues) >= 0 || IsDigits(i - 1) || P(i - 1, '%')) && !W(end, "ago") && !W(end, "earlier") && !W(end, "later"))
        {
            int first = i;
            if (W(i - 1, "twice") || W(i - 1, "once") || W(i - 1, "thrice")) first = i - 1;
            else if (W(i - 1, "times") && (Number(i - 2, out int ne2, out _, false) && ne2 == i - 1)) first = i - 2;
            return new Cand { Type = TimexType.Set, Fixed = Cal.Duration(1, unit), First = first, End = end };
        }

        // dates built on the duration
        if (!the && pos is null && !hyphenated)
        {
            if (W(end, "ago") || W(end, "back") && !IsWord(end + 1))
                return AgoDate(i, end + 1, value, unit, -1, fuzzy, useRef: false);
            if (W(end, "earlier") && !W(end + 1, "than"))
                return AgoDate(i, end + 1, value, unit, -1, fuzzy, useRef: false);
            if (W(end, "later") && !W(end + 1, "than"))
                return AgoDate(i, end + 1, value, unit, 1, fuzzy, useRef: true);
            if (W(end, "from") && W(end + 1, "now"))
                return AgoDate(i, end + 2, value, unit, 1, fuzzy, useRef: false);
            if (W(end, "hence"))
                return AgoDate(i, end + 1, value, unit, 1, fuzzy, useRef: false);
        }
        // "the first half" etc. are dates, handled by Financial; "the year" alone is not a duration
        string v = fuzzy ? Cal.DurationX(unit) : Cal.Duration(value, unit);
        if (unit == Unit.Quarter && !fuzzy && value >= 1 && value == Math.Floor(value))
            v = Cal.Duration(value * Cal.MonthsPerQuarter, Unit.Month);
        // "the two-year delay": the adjective alone (TimeBank)
        int dfirst = the && pos is null && hyphenated ? i + 1 : i;
        var c = new Cand { Type = TimexType.Duration, Fixed = v, First = dfirst, End = end };
        if (approxTwo) c.Mod = Mods.Approx;
        return c;
    }

    private static Cand AgoDate(int first, int end, double value, Unit unit, int sign, bool fuzzy, bool useRef)
    {
        if (fuzzy)
            return new Cand { Type = TimexType.Date, Fixed = sign < 0 ? Refs.Past : Refs.Future, First = first, End = end };
        int n = (int)Math.Round(value);
        string type = unit is Unit.Hour or Unit.Minute or Unit.Second ? TimexType.Time : TimexType.Date;
        return new Cand
        {
            Type = type, First = first, End = end, UsesRef = useRef, Derived = unit == Unit.Year && n == 1,
            Rel = ctx =>
            {
                var b = useRef ? ctx.RefOrAnchor : ctx.Anchor;
                if (unit is Unit.Hour or Unit.Minute or Unit.Second)
                {
                    var t = b.ToDateTime(ctx.AnchorTime ?? TimeOnly.MinValue);
                    t = unit switch { Unit.Hour => t.AddHours(sign * value), Unit.Minute => t.AddMinutes(sign * value), _ => t.AddSeconds(sign * value) };
                    return ctx.AnchorTime is null ? Cal.Date(DateOnly.FromDateTime(t)) : t.ToString(unit == Unit.Hour ? "yyyy-MM-dd'T'HH" : "yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
                }
                // "up from $90 million a year earlier" right after "the third quarter": the same quarter a year before
                if (unit == Unit.Year && n == 1 && sign < 0 && !useRef && ctx.RecentQuarter(out int qy, out int qq))
                    return Cal.Quarter(qy - 1, qq);
                var d = Cal.Add(b, unit, sign * n);
                var gran = unit switch { Unit.Decade => Unit.Year, Unit.Century => Unit.Year, Unit.Fortnight => Unit.Week, _ => unit };
                return Cal.AtGranularity(d, gran);
            },
            Under = null,
        };
    }
}
