using System.Collections.Concurrent;

namespace Storyline.Web.Pages;

/// <summary>
/// What a page calls a document or its source. The metadata stage's title and source win; when a document has none
/// (research corpora such as ECB+ carry neither, a pasted text has no source), the page shows a label derived from
/// what it does have — the first words of the text, the URL's host — and marks it as derived, so a reader never takes
/// it for the publisher's own. Display only: nothing here is stored or sent by the API.
/// </summary>
public readonly record struct Label(string Text, string? DerivedFrom)
{
    public bool IsDerived => DerivedFrom is not null;
}

public static class Labels
{
    /// <summary>Characters of text a derived title keeps at most.</summary>
    public const int TitleChars = 90;
    /// <summary>Derived titles kept per server (a page re-reads an untitled document only the first time).</summary>
    public const int CacheSize = 100_000;

    public const string UnknownSource = "unknown source";
    public const string FromText = "no title in the document: its first words";
    public const string NoText = "no title and no text in the document";
    public const string FromUrl = "no source in the document: the host of its URL";
    public const string NoSource = "no source in the document, its metadata or its URL";

    private static readonly ConcurrentDictionary<(string Store, long Id), string?> Derived = new();

    /// <summary>The title, else the first sentence (or first <see cref="TitleChars"/> characters) of the text, else "Document N".</summary>
    /// <param name="rule">The metadata rule that found the title: a title the metadata stage derived from the text
    /// ("derived:first-line", "derived:first-sentence") is shown marked, like one derived here.</param>
    public static Label Title(string? title, string? text, long id, string? rule = null)
    {
        if (!string.IsNullOrWhiteSpace(title))
            return new(title.Trim(), rule is not null && rule.StartsWith("derived:", StringComparison.Ordinal) ? FromText : null);
        return FirstWords(text) is { } words ? new(words, FromText) : new($"Document {id}", NoText);
    }

    /// <summary>The first sentence of the first paragraph, cut at a word boundary; null when the text has no words.</summary>
    public static string? FirstWords(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.AsSpan().Trim();
        int nl = s.IndexOf('\n');
        if (nl > 0) s = s[..nl].TrimEnd();
        // A sentence end within reach: ". " "! " "? " after at least a few words.
        for (int i = 20; i < Math.Min(s.Length - 1, TitleChars); i++)
            if (s[i] is '.' or '!' or '?' && s[i + 1] == ' ') { s = s[..(i + 1)]; break; }
        var one = string.Join(' ', s.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (one.Length == 0) return null;
        if (one.Length <= TitleChars) return one;
        int cut = one.LastIndexOf(' ', TitleChars - 1);
        return (cut > TitleChars / 2 ? one[..cut] : one[..(TitleChars - 1)]).TrimEnd(',', ';', ':', ' ') + "…";
    }

    /// <summary>The publisher or site, else the host of the URL, else "unknown source" — the last two marked derived.</summary>
    public static Label Source(string? source, string? publisher = null, string? url = null)
    {
        if (!string.IsNullOrWhiteSpace(publisher)) return new(publisher.Trim(), null);
        if (!string.IsNullOrWhiteSpace(source)) return new(source.Trim(), null);
        if (Html.SafeExternal(url) is { } u && Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
            return new(uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host, FromUrl);
        return new(UnknownSource, NoSource);
    }

    /// <summary>
    /// A list row's title: its own, else one derived from the stored text (read once per document and kept), for the
    /// few untitled rows a page shows.
    /// </summary>
    public static Label TitleOf(StorePool.Lease lease, string store, long id, string? title)
    {
        if (!string.IsNullOrWhiteSpace(title)) return new(title.Trim(), null);
        var words = Derived.GetOrAdd((store, id), _ => FirstWords(lease.Store.Get(id)?.Text));
        if (Derived.Count > CacheSize) Derived.Clear();
        return words is null ? new($"Document {id}", NoText) : new(words, FromText);
    }

    /// <summary>Writes the label; a derived one in a <c>span.derived</c> whose reason is in its tooltip and, for screen readers, in the text.</summary>
    public static Html Label(this Html h, Label l)
    {
        if (!l.IsDerived) return h.T(l.Text);
        return h.Raw("<span class=\"derived\"").A("title", "Derived: " + l.DerivedFrom).Raw(">").T(l.Text).Raw("<span class=\"sr\"> (derived label)</span></span>");
    }

    /// <summary>A link to one of our own paths with a (possibly derived) label.</summary>
    public static Html Link(this Html h, string path, Label l, string? cls = null)
    {
        h.Raw("<a").A("href", path);
        if (cls is not null) h.A("class", cls);
        return h.Raw(">").Label(l).Raw("</a>");
    }
}
