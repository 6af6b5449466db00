using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Storyline.Core;

namespace Storyline.Ingest;

/// <summary>
/// RSS 2.0, RSS 1.0 (RDF) and Atom feeds, streamed with <see cref="XmlReader"/>: one document per item/entry.
/// Body = full content (content:encoded, atom:content) when present, else description/summary.
/// item link → Url, pubDate/dc:date/published/updated → Published, title → Title, author/dc:creator → Byline,
/// channel title → Source, each with a "feed:..." rule. DTDs are prohibited (no entity expansion, no external
/// entities): such a feed fails at once with SL1007. A feed that breaks half-way yields the items read before the
/// break plus one SL1007 error.
/// RawBytes of an item = the item's XML, with the namespace declarations it needs from the feed root and the
/// channel's title and link as <c>storyline:channel-title</c>/<c>storyline:channel-link</c> attributes, so that
/// <see cref="FromRaw"/> rebuilds the same document without the rest of the feed.
/// </summary>
internal sealed partial class FeedReader(ReaderOptions options)
{
    internal const string AtomNs = "http://www.w3.org/2005/Atom";
    internal const string Rss1Ns = "http://purl.org/rss/1.0/";
    internal const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    internal const string DcNs = "http://purl.org/dc/elements/1.1/";
    internal const string StorylineNs = "urn:storyline:feed";
    private const string StorylinePrefix = "storyline";

    /// <summary>Bytes looked at for a BOM or XML declaration before choosing the decoder.</summary>
    private const int DeclarationBytes = 1024;

    private static readonly XName ChannelTitleAttr = XName.Get("channel-title", StorylineNs);
    private static readonly XName ChannelLinkAttr = XName.Get("channel-link", StorylineNs);
    private static readonly XName EncodingAttr = XName.Get("encoding", StorylineNs);
    private static readonly XName RefusedAttr = XName.Get("refused-charset", StorylineNs);

    internal static XmlReaderSettings Settings => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CheckCharacters = false,
        CloseInput = false,
    };

    private sealed class Channel
    {
        public string? Title;
        public string? Link;
        public readonly Dictionary<string, string> Namespaces = new(StringComparer.Ordinal);
    }

    public IEnumerable<ReadItem> Read(Stream stream, DocumentOrigin file, CancellationToken ct)
    {
        var text = OpenText(stream, out string encodingLabel, out string? refused);
        using var xr = XmlReader.Create(text, Settings);
        var channel = new Channel();
        var stack = new List<string>();
        bool needRead = true;
        int index = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            XElement? item = null;
            StorylineException? broken = null;
            try { item = Next(xr, channel, stack, ref needRead); }
            catch (XmlException ex) { broken = Broken(file, ex, index); }
            if (broken is not null)
            {
                yield return ReadItem.Fail(file, broken);
                yield break;
            }
            if (item is null) break;
            if (index == int.MaxValue) yield break;
            index++;
            var origin = file with { Locator = index.ToString(CultureInfo.InvariantCulture) };
            ReadItem result;
            try
            {
                var raw = Serialize(item, channel, encodingLabel, refused);
                if (raw.LongLength > options.MaxDocumentBytes)
                    result = ReadItem.Fail(origin, ErrorCode.SL1004, DocumentReader.TooLarge(origin.ToString(), raw.LongLength, options.MaxDocumentBytes, false));
                else
                    result = ReadItem.Ok(Build(item, channel.Title, channel.Link, origin, raw, encodingLabel, refused));
            }
            catch (StorylineException ex) { result = ReadItem.Fail(origin, ex); }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                result = ReadItem.Fail(origin, ErrorCode.SL1007, $"{origin}: feed item cannot be read ({ex.GetType().Name}: {ex.Message})");
            }
            yield return result;
        }
        if (index == 0) yield return ReadItem.Fail(file, ErrorCode.SL1001, $"{file.Path}: the feed has no items");
    }

    public static Document FromRaw(byte[] raw, DocumentOrigin origin)
    {
        XElement item;
        try
        {
            using var xr = XmlReader.Create(new StringReader(Encoding.UTF8.GetString(raw)), Settings);
            item = XElement.Load(xr);
        }
        catch (XmlException ex)
        {
            throw new StorylineException(ErrorCode.SL1007, $"{origin}: stored feed item is not well-formed XML ({ex.Message})", ex);
        }
        var label = (string?)item.Attribute(EncodingAttr) ?? "utf-8 (feed item)";
        return Build(item, (string?)item.Attribute(ChannelTitleAttr), (string?)item.Attribute(ChannelLinkAttr), origin, raw, label, (string?)item.Attribute(RefusedAttr));
    }

    private static StorylineException Broken(DocumentOrigin file, XmlException ex, int itemsRead)
    {
        if (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
            return new StorylineException(ErrorCode.SL1007,
                $"{file.Path}: refused: the XML declares a DTD (DTD processing is prohibited: entity expansion and external entities are unsafe)", ex);
        if (ex.Message.Contains("Unexpected end of file", StringComparison.OrdinalIgnoreCase))
            return new StorylineException(ErrorCode.SL1012,
                $"{file.Path}: truncated: the feed ends at line {ex.LineNumber}, position {ex.LinePosition} before its closing tags, after {itemsRead} items (they are kept)", ex);
        return new StorylineException(ErrorCode.SL1007,
            $"{file.Path}: the feed's XML is broken at line {ex.LineNumber}, position {ex.LinePosition} after {itemsRead} items ({ex.Message})", ex);
    }

    /// <summary>Advances to the next item/entry and returns it; records channel title/link and namespaces on the way; null at the end.</summary>
    private static XElement? Next(XmlReader xr, Channel channel, List<string> stack, ref bool needRead)
    {
        while (true)
        {
            if (needRead && !xr.Read()) return null;
            needRead = true;
            if (xr.NodeType != XmlNodeType.Element) continue;
            int depth = xr.Depth;
            if (stack.Count > depth) stack.RemoveRange(depth, stack.Count - depth);
            string local = xr.LocalName, ns = xr.NamespaceURI;
            string parent = depth > 0 && stack.Count >= depth ? stack[depth - 1] : "";
            if (depth <= 1 && xr.HasAttributes)
            {
                while (xr.MoveToNextAttribute())
                    if (xr.Prefix == "xmlns") channel.Namespaces.TryAdd(xr.LocalName, xr.Value);
                xr.MoveToElement();
            }
            bool isItem = (local == "item" && ns is "" or Rss1Ns) || (local == "entry" && ns is AtomNs or "");
            if (isItem)
            {
                needRead = false;
                return (XElement)XNode.ReadFrom(xr);
            }
            bool channelLevel = parent is "channel" or "feed";
            if (channelLevel && local == "title" && channel.Title is null)
            {
                needRead = false;
                channel.Title = Clean(((XElement)XNode.ReadFrom(xr)).Value);
                continue;
            }
            if (channelLevel && local == "link" && channel.Link is null)
            {
                var href = xr.GetAttribute("href");
                var rel = xr.GetAttribute("rel");
                if (href is not null) { if (rel is null or "alternate") channel.Link = href.Trim(); }
                else if (!xr.IsEmptyElement)
                {
                    needRead = false;
                    var v = ((XElement)XNode.ReadFrom(xr)).Value.Trim();
                    if (v.Length > 0) channel.Link = v;
                    continue;
                }
            }
            if (!xr.IsEmptyElement) stack.Add(local);
        }
    }

    private static byte[] Serialize(XElement item, Channel channel, string encodingLabel, string? refused)
    {
        foreach (var (prefix, ns) in channel.Namespaces)
            if (prefix != StorylinePrefix && item.Attribute(XNamespace.Xmlns + prefix) is null)
                item.SetAttributeValue(XNamespace.Xmlns + prefix, ns);
        item.SetAttributeValue(XNamespace.Xmlns + StorylinePrefix, StorylineNs);
        if (channel.Title is not null) item.SetAttributeValue(ChannelTitleAttr, channel.Title);
        if (channel.Link is not null) item.SetAttributeValue(ChannelLinkAttr, channel.Link);
        item.SetAttributeValue(EncodingAttr, encodingLabel);
        if (refused is not null) item.SetAttributeValue(RefusedAttr, refused);
        return Encoding.UTF8.GetBytes(item.ToString(SaveOptions.DisableFormatting | SaveOptions.OmitDuplicateNamespaces));
    }

    private static Document Build(XElement item, string? channelTitle, string? channelLink, DocumentOrigin origin, byte[] raw, string encodingLabel, string? refused)
    {
        bool atom = item.Name.LocalName == "entry";
        var (content, kind) = Content(item, atom);
        if (string.IsNullOrWhiteSpace(content))
            throw new StorylineException(ErrorCode.SL1011, $"{origin}: feed item has no content (no full content, description or summary)");
        var link = Link(item, atom, channelLink);
        var doc = new Document
        {
            Origin = link is null || origin.Url is not null ? origin : origin with { Url = link },
            RawBytes = raw,
            Format = DocumentFormat.FeedItem,
            RawText = TextDecoder.Clean(content),
            Kind = kind,
            Encoding = encodingLabel,
        };
        if (new DecodedText("", encodingLabel, refused).RefusalWarning(origin.ToString()) is { } warning) doc.Diagnostics.Add(warning);
        var md = doc.Metadata;
        if (Child(item, "title") is { } t)
        {
            var title = Clean((string?)t.Attribute("type") is "html" or "xhtml" || t.Value.Contains('<') ? StripTags(t.Value) : t.Value);
            if (title.Length > 0) md.Title = new Field<string>(title, "feed:title");
        }
        if (link is not null) md.Url = new Field<string>(link, "feed:link");
        SetPublished(item, atom, md);
        var byline = Byline(item, atom, out string rule);
        if (byline is not null) md.Byline = new Field<string>(byline, rule);
        if (channelTitle is { Length: > 0 }) md.Source = new Field<string>(TextDecoder.Clean(channelTitle), "feed:channel-title");
        else if (channelLink is not null && Uri.TryCreate(channelLink, UriKind.Absolute, out var cu))
            md.Source = new Field<string>(HostName(cu), "feed:channel-link");

        var categories = item.Elements().Where(e => e.Name.LocalName is "category" or "subject")
            .Select(e => ((string?)e.Attribute("term") ?? e.Value).Trim()).Where(s => s.Length > 0).Distinct().ToList();
        if (categories.Count > 0) doc.Extra["categories"] = string.Join("; ", categories);
        if ((Child(item, "guid") ?? Child(item, "id")) is { } id && id.Value.Trim().Length > 0) doc.Extra["guid"] = id.Value.Trim();
        if (Child(item, "enclosure") is { } enc && (string?)enc.Attribute("url") is { } encUrl) doc.Extra["enclosure"] = encUrl;
        if (channelLink is not null) doc.Extra["feed_link"] = channelLink;
        return doc;
    }

    private static (string? Content, ContentKind Kind) Content(XElement item, bool atom)
    {
        if (atom)
        {
            foreach (var name in new[] { "content", "summary" })
            {
                var el = Child(item, name);
                if (el is null || el.Attribute("src") is not null) continue;
                var type = ((string?)el.Attribute("type"))?.ToLowerInvariant();
                if (type == "xhtml")
                {
                    var inner = string.Concat((el.Elements().FirstOrDefault() ?? el).Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
                    if (!string.IsNullOrWhiteSpace(inner)) return (inner, ContentKind.Html);
                    continue;
                }
                var v = el.Value;
                if (string.IsNullOrWhiteSpace(v)) continue;
                var kind = type == "html" || type is null && DocumentReader.KindOf(v) == ContentKind.Html ? ContentKind.Html : ContentKind.Text;
                return (v.Trim(), kind);
            }
            return (null, ContentKind.Text);
        }
        var full = item.Element(XName.Get("encoded", ContentNs))?.Value;
        if (!string.IsNullOrWhiteSpace(full)) return (full.Trim(), DocumentReader.KindOf(full));
        var description = Child(item, "description")?.Value;
        if (!string.IsNullOrWhiteSpace(description)) return (description.Trim(), DocumentReader.KindOf(description));
        return (null, ContentKind.Text);
    }

    private static string? Link(XElement item, bool atom, string? channelLink)
    {
        string? href = null;
        if (atom)
        {
            var links = item.Elements().Where(e => e.Name.LocalName == "link").ToList();
            var best = links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate") ?? links.FirstOrDefault();
            href = (string?)best?.Attribute("href");
        }
        else
        {
            href = Child(item, "link")?.Value;
            if (string.IsNullOrWhiteSpace(href) && Child(item, "guid") is { } g && (string?)g.Attribute("isPermaLink") != "false"
                && g.Value.Trim().StartsWith("http", StringComparison.OrdinalIgnoreCase))
                href = g.Value;
            href ??= (string?)item.Attribute(XName.Get("about", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"));
        }
        if (string.IsNullOrWhiteSpace(href)) return null;
        href = href.Trim();
        // Uri.TryCreate(..., Absolute) accepts "/path" as a file URI on Unix: check for a web scheme instead.
        if (!(Uri.TryCreate(href, UriKind.Absolute, out var u) && u.Scheme is "http" or "https") && channelLink is not null
            && Uri.TryCreate(channelLink, UriKind.Absolute, out var baseUri) && Uri.TryCreate(baseUri, href, out var abs))
            href = abs.ToString();
        return href;
    }

    private static void SetPublished(XElement item, bool atom, DocumentMetadata md)
    {
        (string Name, string Ns, string Rule)[] sources = atom
            ? [("published", "*", "feed:published"), ("updated", "*", "feed:updated"), ("date", DcNs, "feed:dc:date")]
            : [("pubDate", "*", "feed:pubDate"), ("date", DcNs, "feed:dc:date")];
        foreach (var (name, ns, rule) in sources)
        {
            var el = ns == "*" ? Child(item, name) : item.Element(XName.Get(name, ns));
            if (el is null || !ContainerDates.TryParse(el.Value, out var when, out bool dateOnly)) continue;
            md.Published = new Field<DateTimeOffset>(when, rule);
            md.PublishedDateOnly = dateOnly;
            return;
        }
    }

    private static string? Byline(XElement item, bool atom, out string rule)
    {
        var creators = item.Elements(XName.Get("creator", DcNs)).Select(e => Clean(e.Value)).Where(s => s.Length > 0).ToList();
        if (creators.Count > 0) { rule = "feed:dc:creator"; return string.Join(", ", creators); }
        rule = "feed:author";
        var authors = new List<string>();
        foreach (var a in item.Elements().Where(e => e.Name.LocalName == "author"))
        {
            var name = atom || a.HasElements ? a.Elements().FirstOrDefault(e => e.Name.LocalName == "name")?.Value : a.Value;
            name = AuthorName(name);
            if (name is not null) authors.Add(name);
        }
        return authors.Count > 0 ? string.Join(", ", authors) : null;
    }

    /// <summary>RSS author is "email (Name)" by the spec: the name is the byline; a bare e-mail address is not.</summary>
    private static string? AuthorName(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var s = Clean(raw);
        var m = EmailWithName().Match(s);
        if (m.Success) return m.Groups[1].Value.Trim();
        return s.Contains('@') && !s.Contains(' ') ? null : s;
    }

    private static XElement? Child(XElement item, string local) =>
        item.Elements().FirstOrDefault(e => e.Name.LocalName == local && e.Name.NamespaceName is "" or AtomNs or Rss1Ns);

    private static string Clean(string s) => TextDecoder.Clean(WhiteSpace().Replace(WebUtility.HtmlDecode(s), " ").Trim());

    private static string StripTags(string s) => Tag().Replace(s, " ");

    internal static string HostName(Uri u) => u.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? u.Host[4..] : u.Host;

    /// <summary>Chooses the decoder from a BOM or the XML declaration (Latin-1 labels read as windows-1252); UTF-8 otherwise, invalid bytes replaced.</summary>
    private static TextReader OpenText(Stream stream, out string label, out string? refused)
    {
        refused = null;
        var head = new byte[DeclarationBytes];
        int n = PrefixedStream.ReadFully(stream, head);
        var s = new PrefixedStream(head, n, stream);
        var span = head.AsSpan(0, n);
        Encoding enc = new UTF8Encoding(false);
        label = "utf-8 (xml default)";
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) label = "utf-8 (bom)";
        else if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) { enc = Encoding.Unicode; label = "utf-16le (bom)"; }
        else if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) { enc = Encoding.BigEndianUnicode; label = "utf-16be (bom)"; }
        else if (XmlEncoding().Match(Encoding.Latin1.GetString(span)) is { Success: true } m)
        {
            if (TextDecoder.Resolve(m.Groups[1].Value, out string? why) is { } declared)
            {
                enc = declared;
                label = $"{declared.WebName} (xml declaration)";
            }
            else
            {
                label = $"utf-8 (xml default; xml declaration '{m.Groups[1].Value}' ignored: {why})"; // UTF-7 and the like
                if (why != TextDecoder.Unknown) refused = m.Groups[1].Value;
            }
        }
        return new StreamReader(s, enc, detectEncodingFromByteOrderMarks: true);
    }

    [GeneratedRegex(@"^\s*<\?xml[^>]*?encoding\s*=\s*[""']([A-Za-z0-9._:-]+)[""']")]
    private static partial Regex XmlEncoding();

    [GeneratedRegex(@"^\S+@\S+\s*\((.+)\)\s*$")]
    private static partial Regex EmailWithName();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();
}
