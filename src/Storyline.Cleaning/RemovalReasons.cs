namespace Storyline.Cleaning;

/// <summary>
/// The fixed set of reasons a line can be removed for (<see cref="Storyline.Core.RemovedText.Reason"/>).
/// Values are a public contract (shown by <c>storyline show --json</c>): never rename, only add.
/// </summary>
public static class RemovalReasons
{
    /// <summary>Site navigation: menu entries, section names, "Latest news", "Home", breadcrumbs.</summary>
    public const string Navigation = "navigation";
    /// <summary>UI labels with no content of their own: "Published on", "Updated", "Share", "Advertisement".</summary>
    public const string Label = "label";
    /// <summary>Header lines before the article: site name with a date, date-only lines.</summary>
    public const string Header = "header";
    /// <summary>The headline; it becomes <c>Metadata.Title</c> (rule "text:headline").</summary>
    public const string Title = "title";
    /// <summary>A byline ("By Jane Doe"); it becomes <c>Metadata.Byline</c> (rule "text:byline").</summary>
    public const string Byline = "byline";
    /// <summary>An image file name or hash left by the scraper ("IMG_2034.JPG").</summary>
    public const string ImageFilename = "image-filename";
    /// <summary>A photo caption: repeated, or framed by an image file name, credit or caption toggle.</summary>
    public const string Caption = "caption";
    /// <summary>A photo credit ("Name/AGENCY via Getty Images", "Photo: Reuters"); it goes to <c>Metadata.Credits</c>.</summary>
    public const string Credit = "credit";
    /// <summary>Caption UI text: "hide caption", "toggle caption", "enlarge this image".</summary>
    public const string CaptionToggle = "caption-toggle";
    /// <summary>A teaser linking to another story inside the body ("Read more: ...", a bare headline).</summary>
    public const string LinkTeaser = "link-teaser";
    /// <summary>Lines after the article: footers, copyright, newsletter and social-media prompts.</summary>
    public const string Footer = "footer";
    /// <summary>A "More like this" / "Related" / "Recommended" heading and the teasers that follow it.</summary>
    public const string RelatedBlock = "related-block";
    /// <summary>An exact or near repeat of a line kept earlier.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>Every reason, for documentation and validation.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Navigation, Label, Header, Title, Byline, ImageFilename, Caption, Credit,
        CaptionToggle, LinkTeaser, Footer, RelatedBlock, Duplicate,
    ];
}
