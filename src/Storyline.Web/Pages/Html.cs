using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Storyline.Web.Pages;

/// <summary>
/// A tiny HTML writer. Text goes in only through <see cref="T"/> (encoded), attributes through <see cref="A"/> (encoded),
/// links through <see cref="Href"/> (own paths, or http(s) URLs only). Raw markup is written only by our own code
/// (<see cref="Raw"/> with constants), never with text from a document: documents are hostile input.
/// </summary>
public sealed class Html
{
    private readonly StringBuilder _sb = new(16 * 1024);
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>Writes our own markup (constants only).</summary>
    public Html Raw(string markup) { _sb.Append(markup); return this; }

    /// <summary>Writes text, HTML-encoded (every &lt; &gt; &amp; quote and non-ASCII character).</summary>
    public Html T(string? text) { if (!string.IsNullOrEmpty(text)) Encoder.Encode(new StringWriter(_sb, CultureInfo.InvariantCulture), Clean(text)); return this; }

    /// <summary>Writes an integer.</summary>
    public Html N(long n) { _sb.Append(n.ToString(CultureInfo.InvariantCulture)); return this; }

    /// <summary>Writes a number with the given format.</summary>
    public Html N(double n, string format) { _sb.Append(n.ToString(format, CultureInfo.InvariantCulture)); return this; }

    /// <summary>Writes <c> name="value"</c> with the value encoded.</summary>
    public Html A(string name, string? value)
    {
        _sb.Append(' ').Append(name).Append("=\"");
        if (!string.IsNullOrEmpty(value)) Encoder.Encode(new StringWriter(_sb, CultureInfo.InvariantCulture), Clean(value));
        _sb.Append('"');
        return this;
    }

    /// <summary>An element with encoded text content: <c>&lt;tag class="cls"&gt;text&lt;/tag&gt;</c>.</summary>
    public Html E(string tag, string? text, string? cls = null)
    {
        _sb.Append('<').Append(tag);
        if (cls is not null) A("class", cls);
        _sb.Append('>');
        T(text);
        _sb.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>A link to one of our own paths (built by our code from ids and escaped query values).</summary>
    public Html Link(string path, string? text, string? cls = null)
    {
        _sb.Append("<a");
        A("href", path);
        if (cls is not null) A("class", cls);
        _sb.Append('>');
        T(text);
        _sb.Append("</a>");
        return this;
    }

    /// <summary>
    /// A link to an outside URL taken from a document: only absolute http/https URLs become links (no javascript:,
    /// data:, vbscript: or relative tricks); anything else is shown as text.
    /// </summary>
    public Html External(string? url, string? text = null)
    {
        if (SafeExternal(url) is { } safe)
        {
            _sb.Append("<a");
            A("href", safe);
            _sb.Append(" rel=\"noopener noreferrer nofollow ugc\" referrerpolicy=\"no-referrer\">");
            T(text ?? url);
            _sb.Append("</a>");
        }
        else T(text ?? url);
        return this;
    }

    /// <summary>The URL when it is an absolute http(s) URL without credentials; else null.</summary>
    public static string? SafeExternal(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2000) return null;
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var u)) return null;
        if (u.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(u.UserInfo)) return null;
        return u.AbsoluteUri;
    }

    /// <summary>Control characters and bidi overrides from a document are dropped (they could reorder what a reader sees).</summary>
    private static string Clean(string s)
    {
        int i = 0;
        while (i < s.Length && !Bad(s[i])) i++;
        if (i == s.Length) return s;
        var sb = new StringBuilder(s.Length);
        foreach (var c in s) if (!Bad(c)) sb.Append(c);
        return sb.ToString();
    }

    private static bool Bad(char c) =>
        (c < ' ' && c is not '\n' and not '\t') || (c >= '\x7F' && c <= '\x9F')
        || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF';

    public override string ToString() => _sb.ToString();

    public int Length => _sb.Length;

    /// <summary>A query string from name/value pairs (values escaped; empty values left out).</summary>
    public static string Query(string path, params (string Name, string? Value)[] pairs)
    {
        var sb = new StringBuilder(path);
        char sep = path.Contains('?') ? '&' : '?';
        foreach (var (n, v) in pairs)
        {
            if (string.IsNullOrEmpty(v)) continue;
            sb.Append(sep).Append(n).Append('=').Append(Uri.EscapeDataString(v));
            sep = '&';
        }
        return sb.ToString();
    }

    public static string Date(DateTimeOffset? t) => t?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
    public static string DateTime(DateTimeOffset? t) => t?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";
    public static string Num(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
