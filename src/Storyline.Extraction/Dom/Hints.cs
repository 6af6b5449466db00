using System.Collections.Concurrent;
using AngleSharp.Dom;

namespace Storyline.Extraction.Dom;

/// <summary>Reads tag, role, itemprop and class/id tokens of an element into its <see cref="ContentNode"/> flags (see <see cref="Selectors"/>).</summary>
internal static class Hints
{
    /// <summary>Class/id values longer than this are not tokenised (generated or hostile values).</summary>
    private const int MaxHintChars = 400;
    /// <summary>Readability's class weight step.</summary>
    public const int WeightStep = 25;
    /// <summary>Class names seen across pages are analysed once; the cache stops growing at this size.</summary>
    private const int MaxCachedNames = 50_000;

    /// <summary>What one class name (or id value) says about its element.</summary>
    private readonly record struct NameInfo(string? Reason, bool Content, bool Positive, bool Negative);

    private static readonly ConcurrentDictionary<string, NameInfo> Cache = new(StringComparer.Ordinal);
    /// <summary>Entries in <see cref="Cache"/>, counted here: ConcurrentDictionary.Count takes every lock of the table.</summary>
    private static int _cached;

    private static readonly ConcurrentDictionary<string, NameInfo>.AlternateLookup<ReadOnlySpan<char>> Lookup = Cache.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Attributes the extractor reads, gathered in one pass over the element's attribute list.</summary>
    internal ref struct Attributes
    {
        public string? Class, Id, Role, ItemProp, ItemType, Style, AriaHidden;
        public bool HiddenAttr;
    }

    public static Attributes Read(IElement el)
    {
        var a = new Attributes();
        foreach (var attr in el.Attributes)
        {
            switch (attr.LocalName)
            {
                case "class": a.Class = attr.Value; break;
                case "id": a.Id = attr.Value; break;
                case "role": a.Role = attr.Value; break;
                case "itemprop": a.ItemProp = attr.Value; break;
                case "itemtype": a.ItemType = attr.Value; break;
                case "style": a.Style = attr.Value; break;
                case "aria-hidden": a.AriaHidden = attr.Value; break;
                case "hidden": a.HiddenAttr = true; break;
            }
        }
        return a;
    }

    public static void Apply(in Attributes a, ContentNode node)
    {
        string tag = node.Tag;
        if (Selectors.BoilerplateTags.TryGetValue(tag, out var tagReason)) node.BoilerplateReason = tagReason;
        if (a.Role is { Length: > 0 } role && Selectors.BoilerplateRoles.TryGetValue(role.Trim().ToLowerInvariant(), out var roleReason))
            node.BoilerplateReason ??= roleReason;
        if (a.ItemProp is { Length: > 0 } itemprop
            && (itemprop.Contains("articleBody", StringComparison.OrdinalIgnoreCase) || itemprop.Contains("reviewBody", StringComparison.OrdinalIgnoreCase)))
            node.ContentHint = true;
        if (a.ItemType is { Length: > 0 } itemtype && itemtype.Contains("Comment", StringComparison.Ordinal))
            node.BoilerplateReason ??= Reasons.Comments;
        if (tag is "article" or "main") node.ClassWeight += WeightStep;

        ScanNames(a.Class, node);
        ScanNames(a.Id, node);
    }

    private static void ScanNames(string? value, ContentNode node)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxHintChars) return;
        bool positive = false, negative = false;
        foreach (var range in value.AsSpan().SplitAny(" \t\n\r\f"))
        {
            var span = value.AsSpan(range);
            if (span.IsEmpty) continue;
            if (!Lookup.TryGetValue(span, out var info))
            {
                string name = span.ToString();
                info = Analyse(name);
                if (Volatile.Read(ref _cached) < MaxCachedNames && Cache.TryAdd(name, info)) Interlocked.Increment(ref _cached);
            }
            if (info.Content) node.ContentHint = true;
            if (info.Reason is not null && (info.Reason == Reasons.Comments || !Selectors.SectioningTags.Contains(node.Tag)))
                node.BoilerplateReason ??= info.Reason;
            positive |= info.Positive;
            negative |= info.Negative;
        }
        if (positive) node.ClassWeight += WeightStep;
        if (negative) node.ClassWeight -= WeightStep;
    }

    private static NameInfo Analyse(string name)
    {
        var tokens = Tokenize(name);
        if (tokens.Count == 0) return default;
        string joined = string.Concat(tokens);
        bool content = Selectors.ContentTokens.Contains(joined);
        for (int i = 0; i + 1 < tokens.Count && !content; i++)
            content = Selectors.ContentPairs.Contains((tokens[i], tokens[i + 1]));

        string? reason = null;
        for (int i = 0; i + 1 < tokens.Count && reason is null; i++)
            Selectors.BoilerplatePairs.TryGetValue((tokens[i], tokens[i + 1]), out reason);
        bool modifier = tokens.Count > 1 && Selectors.ModifierTokens.Contains(tokens[0]);
        if (reason is null && !modifier && !content)
        {
            if (Selectors.BoilerplateTokens.TryGetValue(joined, out var r)) reason = r;
            else foreach (var t in tokens)
                if (Selectors.BoilerplateTokens.TryGetValue(t, out r)) { reason = r; break; }
        }
        bool positive = false, negative = false;
        if (!modifier)
            foreach (var t in tokens)
            {
                positive |= Selectors.PositiveTokens.Contains(t);
                negative |= Selectors.NegativeTokens.Contains(t) || Selectors.BoilerplateTokens.ContainsKey(t);
            }
        return new NameInfo(reason, content, positive, negative);
    }

    /// <summary>Splits a class name into lowercase word tokens at non-alphanumerics, camelCase humps and letter/digit changes.</summary>
    internal static List<string> Tokenize(string name)
    {
        var tokens = new List<string>(4);
        int start = -1;
        for (int i = 0; i <= name.Length; i++)
        {
            char c = i < name.Length ? name[i] : ' ';
            bool alnum = char.IsAsciiLetterOrDigit(c);
            if (start >= 0)
            {
                char prev = name[i - 1];
                bool boundary = !alnum
                    || (char.IsAsciiLetterUpper(c) && char.IsAsciiLetterLower(prev))
                    || (char.IsAsciiDigit(c) != char.IsAsciiDigit(prev));
                if (boundary)
                {
                    tokens.Add(name[start..i].ToLowerInvariant());
                    start = alnum ? i : -1;
                }
            }
            else if (alnum) start = i;
        }
        return tokens;
    }

    /// <summary>Style attributes longer than this are not inspected (hostile pages carry megabyte attributes).</summary>
    private const int MaxStyleScan = 2000;

    /// <summary>Readability's visibility test: hidden attribute, display:none / visibility:hidden, aria-hidden.</summary>
    public static bool IsHidden(in Attributes a)
    {
        if (a.HiddenAttr) return true;
        if (a.AriaHidden is "true") return !(a.Class?.Contains("fallback-image", StringComparison.Ordinal) ?? false);
        if (a.Style is { Length: > 0 and < MaxStyleScan } style
            && (style.Contains("none", StringComparison.OrdinalIgnoreCase) || style.Contains("hidden", StringComparison.OrdinalIgnoreCase)))
        {
            string s = style.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
            if (s.Contains("display:none", StringComparison.Ordinal) || s.Contains("visibility:hidden", StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
