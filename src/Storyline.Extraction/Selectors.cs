namespace Storyline.Extraction;

/// <summary>
/// Every tag, class and id hint the extractor keys on, in one place (as trafilatura keeps its XPaths in
/// xpaths.py). Class/id values are split into lowercase word tokens ("socialShareBar" and
/// "social-share_bar" both give social, share, bar) and matched per token, never as raw substrings,
/// so "ad" does not fire on "head" or "download".
/// </summary>
internal static class Selectors
{
    /// <summary>Elements that never hold article text: dropped with their content while building the tree.</summary>
    public static readonly HashSet<string> DroppedTags = new(StringComparer.Ordinal)
    {
        "head", "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "frame", "frameset",
        "object", "embed", "applet", "video", "audio", "source", "track", "picture", "map", "area",
        "select", "option", "optgroup", "datalist", "textarea", "input", "button", "meter", "progress",
        "dialog", "link", "meta", "title", "base", "param", "rp", "rt", "rtc",
    };

    /// <summary>Elements that start a new paragraph (everything else is inline).</summary>
    public static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "html", "body", "main", "article", "section", "div", "p", "header", "footer", "nav", "aside", "menu",
        "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
        "table", "thead", "tbody", "tfoot", "tr", "caption", "figure", "figcaption", "form",
        "fieldset", "legend", "address", "hr", "center", "details", "summary", "hgroup", "listing", "plaintext",
        "xmp", "dir", "frameset", "noframes", "search",
    };

    public static readonly HashSet<string> HeadingTags = new(StringComparer.Ordinal) { "h1", "h2", "h3", "h4", "h5", "h6" };

    /// <summary>Table cells: inline within their row (a row is one block, cells separated by a space, as the benchmarks' gold has them).</summary>
    public static readonly HashSet<string> CellTags = new(StringComparer.Ordinal) { "td", "th" };

    /// <summary>Inline elements whose text is emphasised: a block that is all emphasis reads as a heading.</summary>
    public static readonly HashSet<string> EmphasisTags = new(StringComparer.Ordinal) { "b", "strong" };

    /// <summary>Structural tags that are boilerplate wherever they stand (trafilatura's MANUALLY_CLEANED for layout).</summary>
    public static readonly Dictionary<string, string> BoilerplateTags = new(StringComparer.Ordinal)
    {
        ["nav"] = Reasons.Nav,
        ["menu"] = Reasons.Nav,
        ["aside"] = Reasons.Aside,
        ["footer"] = Reasons.Footer,
    };

    /// <summary>Sectioning tags that class/id hints may only mark as comments (WordPress renders each comment as an article); other hints on them are ignored.</summary>
    public static readonly HashSet<string> SectioningTags = new(StringComparer.Ordinal) { "main", "article" };

    /// <summary>ARIA landmark roles that are boilerplate.</summary>
    public static readonly Dictionary<string, string> BoilerplateRoles = new(StringComparer.Ordinal)
    {
        ["navigation"] = Reasons.Nav,
        ["menu"] = Reasons.Nav,
        ["menubar"] = Reasons.Nav,
        ["banner"] = Reasons.Header,
        ["contentinfo"] = Reasons.Footer,
        ["complementary"] = Reasons.Aside,
        ["dialog"] = Reasons.Popup,
        ["alertdialog"] = Reasons.Popup,
        ["search"] = Reasons.Nav,
    };

    /// <summary>A class/id token (exact) that marks boilerplate, with the reason recorded in Document.Removed.</summary>
    public static readonly Dictionary<string, string> BoilerplateTokens = new(StringComparer.Ordinal)
    {
        // navigation
        ["nav"] = Reasons.Nav, ["navbar"] = Reasons.Nav, ["navigation"] = Reasons.Nav, ["menu"] = Reasons.Nav,
        ["menus"] = Reasons.Nav, ["submenu"] = Reasons.Nav, ["breadcrumb"] = Reasons.Nav, ["breadcrumbs"] = Reasons.Nav,
        ["pagination"] = Reasons.Nav, ["pager"] = Reasons.Nav, ["skiplink"] = Reasons.Nav, ["skiplinks"] = Reasons.Nav, ["skipnav"] = Reasons.Nav,
        ["topbar"] = Reasons.Nav, ["masthead"] = Reasons.Header, ["megamenu"] = Reasons.Nav, ["toc"] = Reasons.Nav,
        ["jump"] = Reasons.Nav, ["sitemap"] = Reasons.Nav, ["dropdown"] = Reasons.Nav, ["hamburger"] = Reasons.Nav,
        // page furniture
        ["footer"] = Reasons.Footer, ["colophon"] = Reasons.Footer, ["copyright"] = Reasons.Footer,
        ["sidebar"] = Reasons.Aside, ["sidebars"] = Reasons.Aside, ["widget"] = Reasons.Aside, ["widgets"] = Reasons.Aside,
        ["rail"] = Reasons.Aside, ["sidenav"] = Reasons.Nav, ["secondary"] = Reasons.Aside,
        // comments
        ["comment"] = Reasons.Comments, ["comments"] = Reasons.Comments, ["commentlist"] = Reasons.Comments,
        ["disqus"] = Reasons.Comments, ["respond"] = Reasons.Comments, ["replies"] = Reasons.Comments,
        ["discussion"] = Reasons.Comments, ["talkback"] = Reasons.Comments, ["kommentare"] = Reasons.Comments,
        ["commentaires"] = Reasons.Comments, ["comentarios"] = Reasons.Comments, ["komentarze"] = Reasons.Comments,
        // share bars and social
        ["share"] = Reasons.Share, ["sharing"] = Reasons.Share, ["sharebar"] = Reasons.Share, ["shares"] = Reasons.Share,
        ["social"] = Reasons.Share, ["socials"] = Reasons.Share, ["sharethis"] = Reasons.Share, ["addthis"] = Reasons.Share,
        ["shariff"] = Reasons.Share, ["sociallinks"] = Reasons.Share, ["follow"] = Reasons.Share,
        // related links and teasers
        ["related"] = Reasons.Related, ["ticker"] = Reasons.Related, ["recommended"] = Reasons.Related, ["recommendations"] = Reasons.Related,
        ["recommendation"] = Reasons.Related, ["outbrain"] = Reasons.Related, ["taboola"] = Reasons.Related,
        ["teaser"] = Reasons.Related, ["teasers"] = Reasons.Related, ["trending"] = Reasons.Related,
        ["popular"] = Reasons.Related, ["mostread"] = Reasons.Related, ["morestories"] = Reasons.Related,
        ["readmore"] = Reasons.Related, ["crosslinks"] = Reasons.Related, ["further"] = Reasons.Related,
        ["nextprev"] = Reasons.Related, ["prevnext"] = Reasons.Related,
        // ads
        ["ad"] = Reasons.Ads, ["ads"] = Reasons.Ads, ["advert"] = Reasons.Ads, ["adverts"] = Reasons.Ads,
        ["advertisement"] = Reasons.Ads, ["advertising"] = Reasons.Ads, ["adsbygoogle"] = Reasons.Ads,
        ["adslot"] = Reasons.Ads, ["adunit"] = Reasons.Ads, ["dfp"] = Reasons.Ads, ["gpt"] = Reasons.Ads,
        ["sponsor"] = Reasons.Ads, ["sponsored"] = Reasons.Ads, ["promo"] = Reasons.Ads, ["promotion"] = Reasons.Ads,
        ["banner"] = Reasons.Ads, ["werbung"] = Reasons.Ads, ["anzeige"] = Reasons.Ads, ["commercial"] = Reasons.Ads,
        // consent, newsletter, pop-ups
        ["cookie"] = Reasons.Cookie, ["cookies"] = Reasons.Cookie, ["consent"] = Reasons.Cookie, ["gdpr"] = Reasons.Cookie,
        ["cmp"] = Reasons.Cookie, ["privacy"] = Reasons.Cookie,
        ["newsletter"] = Reasons.Newsletter, ["subscribe"] = Reasons.Newsletter, ["subscription"] = Reasons.Newsletter,
        ["signup"] = Reasons.Newsletter, ["paywall"] = Reasons.Newsletter, ["optin"] = Reasons.Newsletter,
        ["modal"] = Reasons.Popup, ["popup"] = Reasons.Popup, ["overlay"] = Reasons.Popup, ["lightbox"] = Reasons.Popup,
        // article furniture that is not body text
        ["byline"] = Reasons.Meta, ["author"] = Reasons.Meta, ["dateline"] = Reasons.Meta, ["timestamp"] = Reasons.Meta,
        ["tags"] = Reasons.Meta, ["tag"] = Reasons.Meta, ["tagcloud"] = Reasons.Meta, ["taglist"] = Reasons.Meta,
        ["keywords"] = Reasons.Meta, ["categories"] = Reasons.Meta, ["postmeta"] = Reasons.Meta, ["meta"] = Reasons.Meta,
        ["caption"] = Reasons.Caption, ["credit"] = Reasons.Caption, ["credits"] = Reasons.Caption,
        ["print"] = Reasons.Share, ["toolbar"] = Reasons.Share, ["tools"] = Reasons.Share, ["utility"] = Reasons.Share,
        ["hidden"] = Reasons.Hidden, ["hide"] = Reasons.Hidden, ["invisible"] = Reasons.Hidden, ["offscreen"] = Reasons.Hidden,
        ["sronly"] = Reasons.Hidden, ["visuallyhidden"] = Reasons.Hidden,
        ["date"] = Reasons.Meta, ["datetime"] = Reasons.Meta, ["pubdate"] = Reasons.Meta, ["published"] = Reasons.Meta,
    };

    /// <summary>
    /// First tokens that turn a class name into a modifier or taxonomy label rather than a role:
    /// "has-comments", "no-sidebar", "tag-politics", "category-news" say nothing about the element itself.
    /// </summary>
    public static readonly HashSet<string> ModifierTokens = new(StringComparer.Ordinal)
    {
        "has", "no", "with", "without", "is", "tag", "category", "categories", "format", "type", "status",
        "template", "show", "enable", "enabled", "disable", "disabled", "allow", "can", "js", "supports",
        "theme", "layout", "postid", "term",
    };

    /// <summary>
    /// Two adjacent tokens that mark boilerplate although each alone does not ("sr only", "read more",
    /// "more stories", "site header"...).
    /// </summary>
    public static readonly Dictionary<(string, string), string> BoilerplatePairs = new()
    {
        [("sr", "only")] = Reasons.Hidden, [("skip", "links")] = Reasons.Nav, [("skip", "link")] = Reasons.Nav, [("skip", "to")] = Reasons.Nav, [("skip", "nav")] = Reasons.Nav, [("screen", "reader")] = Reasons.Hidden, [("visually", "hidden")] = Reasons.Hidden,
        [("read", "more")] = Reasons.Related, [("breaking", "news")] = Reasons.Related, [("more", "stories")] = Reasons.Related, [("more", "articles")] = Reasons.Related,
        [("most", "read")] = Reasons.Related, [("most", "popular")] = Reasons.Related, [("you", "may")] = Reasons.Related,
        [("site", "header")] = Reasons.Header, [("page", "header")] = Reasons.Header, [("global", "header")] = Reasons.Header,
        [("site", "footer")] = Reasons.Footer, [("page", "footer")] = Reasons.Footer, [("post", "meta")] = Reasons.Meta,
        [("entry", "meta")] = Reasons.Meta, [("article", "meta")] = Reasons.Meta, [("post", "tags")] = Reasons.Meta,
        [("author", "bio")] = Reasons.Meta, [("about", "author")] = Reasons.Meta, [("wp", "caption")] = Reasons.Caption,
        [("image", "caption")] = Reasons.Caption, [("photo", "caption")] = Reasons.Caption, [("post", "navigation")] = Reasons.Nav,
    };

    /// <summary>
    /// Class/id tokens (or adjacent token pairs) naming the article body container (trafilatura's BODY_XPATH):
    /// they protect an element and its ancestors from hint pruning and raise its score.
    /// </summary>
    public static readonly HashSet<string> ContentTokens = new(StringComparer.Ordinal)
    {
        "articlebody", "storybody", "entrycontent", "postcontent", "articlecontent", "articletext", "storytext",
        "postbody", "entrybody", "storycontent", "bodytext", "maincontent", "posttext", "articleinner",
        "articlebodytext", "richtext", "blogpost",
    };

    public static readonly HashSet<(string, string)> ContentPairs =
    [
        ("article", "body"), ("story", "body"), ("entry", "content"), ("post", "content"), ("article", "content"),
        ("article", "text"), ("story", "text"), ("post", "body"), ("entry", "body"), ("story", "content"),
        ("body", "text"), ("main", "content"), ("post", "text"), ("article", "inner"), ("blog", "post"),
        ("news", "text"), ("news", "body"), ("content", "body"), ("text", "content"), ("article", "main"),
        ("page", "content"), ("field", "body"), ("td", "post"), ("post", "entry"), ("rich", "text"),
    ];

    /// <summary>Class/id tokens that, though unrelated to a reason, make an element less likely to be the main container (readability's "unlikely candidates").</summary>
    public static readonly HashSet<string> NegativeTokens = new(StringComparer.Ordinal)
    {
        "hidden", "combx", "contact", "foot", "footnote", "masthead", "media", "outbrain", "promo", "related",
        "scroll", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "widget", "header", "login", "modal",
        "list", "teaser", "card", "cards", "grid", "feed", "more", "links", "listing",
    };

    /// <summary>Class/id tokens that make an element more likely to be the main container (readability's positive weights).</summary>
    public static readonly HashSet<string> PositiveTokens = new(StringComparer.Ordinal)
    {
        "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog", "story", "prose",
        "artikel", "beitrag", "inhalt", "texte", "contenu", "articulo", "tresc",
    };
}

/// <summary>Reasons recorded with each removed block (Document.Removed).</summary>
public static class Reasons
{
    public const string Nav = "boilerplate:nav";
    public const string Header = "boilerplate:header";
    public const string Footer = "boilerplate:footer";
    public const string Aside = "boilerplate:aside";
    public const string Comments = "comments";
    public const string Share = "boilerplate:share";
    public const string Related = "boilerplate:related-links";
    public const string Ads = "boilerplate:ads";
    public const string Cookie = "boilerplate:cookie-banner";
    public const string Newsletter = "boilerplate:newsletter";
    public const string Popup = "boilerplate:popup";
    public const string Meta = "boilerplate:article-meta";
    public const string Caption = "boilerplate:caption";
    public const string Hidden = "boilerplate:hidden";
    public const string Links = "boilerplate:link-list";
    public const string Title = "title";
    public const string OutsideMain = "boilerplate:outside-main";
    public const string Short = "boilerplate:short-block";
    public const string Form = "boilerplate:form";
}
