using Storyline.Core;

namespace Storyline.Extraction.Tests;

/// <summary>Each boilerplate class, on hand-written pages: the article stays whole, the furniture goes, and the cut is reported with its reason.</summary>
public class BoilerplateTests
{
    private static void AssertArticleOnly(ExtractionResult r, IEnumerable<string> absent)
    {
        Assert.Equal(string.Join("\n\n", Pages.Paragraphs), r.Text);
        foreach (var a in absent) Assert.DoesNotContain(a, r.Text);
    }

    private static void AssertRemoved(ExtractionResult r, string reason, string fragment)
        => Assert.Contains(r.Removed, x => x.Reason == reason && x.Text.Contains(fragment, StringComparison.Ordinal));

    [Fact]
    public void Nav_TagAndMenuClass_Removed()
    {
        var html = Pages.Page(
            before: """
                <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
                <div class="main-menu"><a href="/weather">Weather</a> <a href="/tides">Tide tables</a></div>
                """);
        var r = HtmlExtractor.Extract(html);
        AssertArticleOnly(r, ["Home", "Sport", "Tide tables"]);
        AssertRemoved(r, Reasons.Nav, "Home");
        AssertRemoved(r, Reasons.Nav, "Tide tables");
    }

    [Fact]
    public void Nav_UnmarkedLinkList_RemovedAsLinks()
    {
        // No telling tag or class: the link density alone gives it away.
        var html = Pages.Page(before: """
            <div class="x1"><ul><li><a href="/a">Fishing fleet news</a></li><li><a href="/b">Harbour events calendar</a></li>
            <li><a href="/c">Letters to the editor</a></li><li><a href="/d">Classified advertisements</a></li></ul></div>
            """);
        var r = HtmlExtractor.Extract(html);
        AssertArticleOnly(r, ["Fishing fleet news", "Letters to the editor"]);
    }

    [Fact]
    public void Footer_TagAndClass_Removed()
    {
        var html = Pages.Page(after: """
            <footer><p>© 2024 The Nettlecombe Gazette Ltd. All rights reserved.</p><a href="/imprint">Imprint</a> <a href="/privacy">Privacy</a></footer>
            <div id="site-footer"><p>The Gazette is printed every Thursday on recycled paper and delivered to the whole parish.</p></div>
            """);
        var r = HtmlExtractor.Extract(html);
        AssertArticleOnly(r, ["All rights reserved", "Imprint", "printed every Thursday"]);
        AssertRemoved(r, Reasons.Footer, "All rights reserved");
        AssertRemoved(r, Reasons.Footer, "printed every Thursday");
    }

    [Fact]
    public void Comments_SectionWithLongComments_Removed()
    {
        // Comments are prose too: only the hints (id, class) tell them apart, and they must win even when long.
        var html = Pages.Page(after: """
            <section id="comments"><h3>3 comments</h3>
              <div class="comment"><p class="comment-author">Mabel T.</p><p>I remember climbing that lighthouse as a child with my grandfather, and I am so glad the council finally listened to the people who actually live by the quay.</p></div>
              <div class="comment"><p class="comment-author">R. Penhallow</p><p>This is a waste of money when the flood barrier is still unfinished and the lower road floods every single spring tide, as anyone who lives there will tell you.</p></div>
              <div class="comment"><p>Leave a reply</p><p>You must be logged in to post a comment.</p></div>
            </section>
            """);
        var r = HtmlExtractor.Extract(html);
        AssertArticleOnly(r, ["grandfather", "waste of money", "Leave a reply"]);
        AssertRemoved(r, Reasons.Comments, "grandfather");
    }

    [Fact]
    public void RelatedLinks_ClassedBlockAndTrailingList_Removed()
    {
        var html = Pages.Page(after: """
            <div class="related-articles"><h3>More from the Gazette</h3><ul>
              <li><a href="/1">Ferry timetable changes for the winter season</a></li>
              <li><a href="/2">Lifeboat crew rescues two kayakers off the point</a></li>
              <li><a href="/3">School choir wins county competition</a></li></ul></div>
            """);
        var r = HtmlExtractor.Extract(html);
        AssertArticleOnly(r, ["Ferry timetable", "Lifeboat crew", "More from the Gazette"]);
        AssertRemoved(r, Reasons.Related, "Lifeboat crew");
    }

    [Fact]
    public void RelatedLinks_TeaserWithEllipsis_Dropped()
    {
        // A headline link followed by a cut-off summary is a teaser for another page, wherever it stands.
        string body = Pages.Body + """
            <div class="x9"><a href="/story/ferry">Ferry operator promises new boat by summer</a> The company that runs the crossing says the replacement vessel is being fitted out and will ...</div>
            """;
        var r = HtmlExtractor.Extract(Pages.Page(articleBody: body));
        AssertArticleOnly(r, ["Ferry operator", "fitted out"]);
    }

    [Fact]
    public void ShareBar_Removed()
    {
        string body = """
            <div class="share-buttons"><a href="https://facebook.com/share">Facebook</a><a href="https://twitter.com/intent">Twitter</a><a href="mailto:">Email</a></div>
            """ + Pages.Body + """
            <ul class="social-links"><li><a href="#">Share on WhatsApp</a></li><li><a href="#">Print this article</a></li></ul>
            """;
        var r = HtmlExtractor.Extract(Pages.Page(articleBody: body));
        AssertArticleOnly(r, ["Facebook", "Twitter", "WhatsApp", "Print this article"]);
        AssertRemoved(r, Reasons.Share, "Facebook");
    }

    [Fact]
    public void Ads_BetweenParagraphs_RemovedAndOrderKept()
    {
        var p = Pages.Paragraphs;
        string body = $"""
            <p>{p[0]}</p><p>{p[1]}</p>
            <div class="ad-slot"><span>Advertisement</span><div id="div-gpt-ad-1">Buy a boat today and save twenty percent on all fittings</div></div>
            <p>{p[2]}</p>
            <aside class="sponsored"><p>Sponsored: the best holiday cottages on the coast, book now for next summer.</p></aside>
            <p>{p[3]}</p>
            """;
        var r = HtmlExtractor.Extract(Pages.Page(articleBody: body));
        AssertArticleOnly(r, ["Advertisement", "Buy a boat", "holiday cottages"]);
        AssertRemoved(r, Reasons.Ads, "Buy a boat");
    }

    [Fact]
    public void Ads_LabelWithoutClass_Dropped()
    {
        var p = Pages.Paragraphs;
        string body = $"<p>{p[0]}</p><p>{p[1]}</p><div>Advertisement</div><p>{p[2]}</p><p>{p[3]}</p>";
        var r = HtmlExtractor.Extract(Pages.Page(articleBody: body));
        AssertArticleOnly(r, ["Advertisement"]);
    }

    [Fact]
    public void CookieBanner_ClassedAndUnclassed_Removed()
    {
        var html = Pages.Page(before: """
            <div id="cookie-consent"><p>We use cookies to give you the best experience on our website. By continuing to browse you agree to our use of cookies.</p><button>Accept</button></div>
            """, after: """
            <div class="notice-bar"><p>This site uses cookies to measure how many readers visit each page and which stories they read.</p></div>
            """);
        var r = HtmlExtractor.Extract(html);
        AssertArticleOnly(r, ["cookies", "Accept"]);
        AssertRemoved(r, Reasons.Cookie, "best experience");
    }

    [Fact]
    public void HiddenElements_Removed()
    {
        string body = Pages.Body + """
            <div style="display: none"><p>Subscribers get early access to the full council minutes and the budget tables.</p></div>
            <p hidden>Old version of this paragraph that the editor removed after publication.</p>
            """;
        var r = HtmlExtractor.Extract(Pages.Page(articleBody: body));
        AssertArticleOnly(r, ["Subscribers", "Old version"]);
    }

    [Fact]
    public void FullPage_AllClassesTogether_OnlyArticleRemains()
    {
        var html = Pages.Page(
            before: """
                <div class="cookie-banner">We use cookies. <a href="/privacy">Learn more</a></div>
                <header class="site-header"><a href="/">The Nettlecombe Gazette</a></header><nav><a href="/news">News</a><a href="/sport">Sport</a></nav>
                """,
            after: """
                <div class="share">Share this story</div>
                <div id="comments"><p>Wonderful news for the whole town, I cannot wait to see the light shining again over the bay.</p></div>
                <div class="related"><a href="/x">Council approves new car park behind the church</a></div>
                <footer>Contact us · Advertise with us · Terms</footer>
                """);
        var r = HtmlExtractor.Extract(html);
        Assert.Equal(ExtractionMethods.Main, r.Method);
        AssertArticleOnly(r, ["cookies", "Gazette", "Sport", "Share this", "Wonderful news", "car park", "Advertise"]);
        var reasons = r.Removed.Select(x => x.Reason).ToHashSet();
        foreach (var reason in new[] { Reasons.Cookie, Reasons.Nav, Reasons.Share, Reasons.Comments, Reasons.Related, Reasons.Footer })
            Assert.Contains(reason, reasons);
    }
}
