using System.Globalization;
using System.Text.RegularExpressions;
using Storyline.Core;

namespace Storyline.Claims;

/// <summary>
/// Finds pairs of claims from different sides that cannot both be true. Precision first: a pair is flagged only
/// when both claims are firm (not hedged), speak about the same thing (same subject, or same agent/patient) through
/// the same act, and disagree in one of five checkable ways — see README.md for the rules.
/// </summary>
public static partial class ContradictionDetector
{
    /// <summary>Claims compared per block at most: blocks are by subject, agent and patient, so pairs stay bounded.</summary>
    public const int MaxBlock = 200;

    /// <summary>Every contradicting pair among <paramref name="claims"/> (a story's claims), in a stable order.</summary>
    public static IReadOnlyList<Contradiction> Find(IReadOnlyList<SourcedClaim> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        // Block by what a claim is about: two claims are compared only when they share a subject, agent or patient key.
        var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < claims.Count; i++)
        {
            var c = claims[i].Claim;
            if (c.SideKey is null || c.Hedged || c.Predicate is null) continue;
            foreach (var key in Keys(c))
            {
                if (!blocks.TryGetValue(key, out var list)) blocks[key] = list = [];
                if (list.Count < MaxBlock) list.Add(i);
            }
        }
        var seen = new HashSet<long>();
        var found = new List<(int I, int J, Contradiction C)>();
        foreach (var list in blocks.Values)
            for (int x = 0; x < list.Count; x++)
                for (int y = x + 1; y < list.Count; y++)
                {
                    int i = list[x], j = list[y];
                    if (!seen.Add(((long)i << 32) | (uint)j)) continue;
                    if (Compare(claims[i], claims[j]) is { } c) found.Add((i, j, c));
                }
        found.Sort((p, q) => p.I != q.I ? p.I.CompareTo(q.I) : p.J.CompareTo(q.J));
        return found.Select(f => f.C).ToList();
    }

    /// <summary>The contradiction between two claims, or null when they can both be true (or come from one side).</summary>
    public static Contradiction? Compare(SourcedClaim a, SourcedClaim b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var x = a.Claim; var y = b.Claim;
        if (x.SideKey is null || y.SideKey is null || string.Equals(x.SideKey, y.SideKey, StringComparison.Ordinal)) return null;
        if (x.Hedged || y.Hedged || x.Predicate is null || y.Predicate is null) return null;
        // Copular: "X was a Y" (with a value); an existential "there was fraud" is about occurrence.
        bool copular = x.Predicate == "be" && y.Predicate == "be" && x.Value is not null && y.Value is not null;
        bool samePredicate = ClaimLexicon.PredicateGroup(x.Predicate) == ClaimLexicon.PredicateGroup(y.Predicate);
        if (!samePredicate) return null;
        bool subject = Match(x.Subject, y.Subject);
        // Two different days for the same kind of act are two occurrences, not a conflict about one.
        bool differentDays = Day(x) is { } dx && Day(y) is { } dy && !SameDay(dx, dy);

        if (x.Negated != y.Negated)
        {
            if (differentDays) return null;
            if (copular)
            {
                if (!subject || !ValuesAgree(x.Value, y.Value)) return null;
                var kind = Words(x.Value).Concat(Words(y.Value)).Any(w => ClaimLexicon.Responsibility.Contains(w) || w is "behind" or "culprit")
                    ? "responsibility" : "identity";
                return Make(a, b, kind, $"{Side(x)} says {About(x)} {(x.Negated ? "was not" : "was")} \"{x.Value}\"; {Side(y)} says {(y.Negated ? "it was not" : "it was")} \"{y.Value}\"");
            }
            bool shared = subject && Compatible(x.Patient, y.Patient)
                || Match(x.Agent, y.Agent) && Compatible(x.Patient, y.Patient)
                || Match(x.Patient, y.Patient) && Compatible(x.Agent, y.Agent);
            if (!shared) return null;
            var pos = x.Negated ? y : x; var neg = x.Negated ? x : y;
            string act = Act(pos);
            bool blame = ClaimLexicon.Responsibility.Contains(x.Predicate) || ClaimLexicon.Responsibility.Contains(y.Predicate);
            return Make(a, b, blame ? "responsibility" : "occurrence",
                $"{Side(pos)} says {act}; {Side(neg)} says it did not happen");
        }
        if (x.Negated) return null; // two denials agree

        if (copular && subject && IdentityClash(x.Value, y.Value) is { } cls)
            return Make(a, b, "identity", $"{About(x)}: {Side(x)} says \"{x.Value}\", {Side(y)} says \"{y.Value}\" ({cls})");

        if (!copular && ClaimLexicon.Responsibility.Contains(x.Predicate) && Match(x.Patient, y.Patient)
            && x.Agent is not null && y.Agent is not null && !Match(x.Agent, y.Agent) && !differentDays)
            return Make(a, b, "responsibility", $"who {x.Predicate.Replace('_', ' ')} {x.Patient}: {Side(x)} says {x.Agent}, {Side(y)} says {y.Agent}");

        bool sameThing = subject && Compatible(x.Patient, y.Patient) || Match(x.Patient, y.Patient) && Compatible(x.Agent, y.Agent);
        if (!sameThing) return null;
        if (!differentDays && NumberClash(x, y) is { } n)
            return Make(a, b, "number", $"{Act(x)}: {Side(x)} says {N(n.A)} {n.A.Unit}, {Side(y)} says {N(n.B)} {n.B.Unit}");
        if (!copular && subject && Day(x) is { } da && Day(y) is { } db && !SameDay(da, db) && Compatible(x.Patient, y.Patient)
            && x.Dates.Count == 1 && y.Dates.Count == 1)
            return Make(a, b, "date", $"when {Act(x)}: {Side(x)} says {da}, {Side(y)} says {db}");
        return null;
    }

    private static Contradiction Make(SourcedClaim a, SourcedClaim b, string kind, string reason) => new(a, b, kind, reason);

    /// <summary>Block keys: the heads a claim is about (subject, agent, patient), in one namespace so "the mine was planted
    /// by the rebels" (subject mine) meets "troops planted the mine" (patient mine).</summary>
    private static IEnumerable<string> Keys(Claim c)
    {
        var keys = new List<string>(3);
        foreach (var h in new[] { c.Subject, c.Agent, c.Patient })
            if (Key(h) is { } k && !keys.Contains(k)) keys.Add(k);
        return keys;
    }

    /// <summary>The last word of a normalised head: "donald trump" and "trump" meet in one block.</summary>
    private static string? Key(string? head)
    {
        if (string.IsNullOrWhiteSpace(head)) return null;
        int sp = head.LastIndexOf(' ');
        return sp < 0 ? head : head[(sp + 1)..];
    }

    private static bool Match(string? a, string? b) => a is not null && b is not null && Key(a) == Key(b);

    private static bool Compatible(string? a, string? b) => a is null || b is null || Match(a, b);

    private static string[] Words(string? v) => v is null ? [] : v.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A negated and a plain copular claim clash only when they deny and assert the same value.</summary>
    private static bool ValuesAgree(string? a, string? b)
    {
        if (a is null || b is null) return false;
        if (Key(a) == Key(b)) return true;
        var wa = Words(a); var wb = Words(b);
        foreach (var u in wa)
            foreach (var v in wb)
                if (ClaimLexicon.Contrast(u) is { } cu && ClaimLexicon.Contrast(v) is { } cv && cu == cv) return true;
        return false;
    }

    /// <summary>The contrast class two values fall on opposite poles of ("purpose", "truth", …), or null.</summary>
    private static string? IdentityClash(string? a, string? b)
    {
        var wa = Words(a); var wb = Words(b);
        foreach (var u in wa)
        {
            if (ClaimLexicon.Contrast(u) is not { } cu) continue;
            foreach (var v in wb)
            {
                if (ClaimLexicon.Contrast(v) is not { } cv || cu.Class != cv.Class || cu.Pole == cv.Pole) continue;
                // A value that mixes both poles ("civilian and military") asserts neither.
                bool mixedA = wa.Any(w => ClaimLexicon.Contrast(w) is { } c && c.Class == cu.Class && c.Pole != cu.Pole);
                bool mixedB = wb.Any(w => ClaimLexicon.Contrast(w) is { } c && c.Class == cv.Class && c.Pole != cv.Pole);
                if (!mixedA && !mixedB) return cu.Class;
            }
        }
        return null;
    }

    private static (ClaimNumber A, ClaimNumber B)? NumberClash(Claim x, Claim y)
    {
        (ClaimNumber, ClaimNumber)? clash = null;
        foreach (var u in x.Numbers)
        {
            if (u.Unit is null) continue;
            bool anyAgree = false; (ClaimNumber, ClaimNumber)? first = null;
            foreach (var v in y.Numbers)
            {
                if (v.Unit != u.Unit) continue;
                if (Overlap(u, v)) anyAgree = true; else first ??= (u, v);
            }
            if (anyAgree) return null;
            clash ??= first;
        }
        return clash;
    }

    private static bool Overlap(ClaimNumber a, ClaimNumber b)
    {
        var (alo, ahi) = Range(a); var (blo, bhi) = Range(b);
        return alo <= bhi && blo <= ahi;
    }

    private static (double Lo, double Hi) Range(ClaimNumber n)
    {
        double tol = Math.Max(Math.Abs(n.Value) * 0.01, 1e-9);
        return n.Bound switch
        {
            "min" => (n.Value - tol, double.PositiveInfinity),
            "max" => (double.NegativeInfinity, n.Value + tol),
            "approx" => (n.Value * 0.85, n.Value * 1.15),
            _ => (n.Value - tol, n.Value + tol),
        };
    }

    /// <summary>A calendar day ("2023-02-04", "XXXX-02-04") or a weekday of the current week ("XXXX-WXX-5").</summary>
    [GeneratedRegex(@"^((\d{4}|XXXX)-\d{2}-\d{2}|XXXX-WXX-\d)$")]
    private static partial Regex DayValue();

    /// <summary>The one day-precise date a claim names, or null (none, several, or coarser than a day).</summary>
    private static string? Day(Claim c)
    {
        string? day = null;
        foreach (var d in c.Dates)
            if (DayValue().IsMatch(d)) { if (day is not null && day != d) return null; day = d; }
        return day;
    }

    private static bool SameDay(string a, string b)
    {
        if (a == b) return true;
        // A weekday and a calendar date cannot be compared without the anchor: treat them as possibly the same day.
        if (a.Contains('W', StringComparison.Ordinal) != b.Contains('W', StringComparison.Ordinal)) return true;
        // An unknown year ("XXXX-02-04") agrees with any year on the same month and day.
        return (a.StartsWith("XXXX", StringComparison.Ordinal) || b.StartsWith("XXXX", StringComparison.Ordinal)) && a[4..] == b[4..];
    }

    private static string Side(Claim c) => c.Side ?? c.SideKey ?? "one side";

    private static string About(Claim c) => c.Subject ?? "it";

    private static string Act(Claim c) =>
        string.Join(' ', new[] { c.Agent ?? c.Subject, c.Predicate?.Replace('_', ' '), c.Patient ?? c.Value }.Where(s => !string.IsNullOrEmpty(s)));

    private static string N(ClaimNumber n) =>
        (n.Bound switch { "min" => "more than ", "max" => "at most ", "approx" => "about ", _ => "" }) + n.Value.ToString("0.##", CultureInfo.InvariantCulture);
}
