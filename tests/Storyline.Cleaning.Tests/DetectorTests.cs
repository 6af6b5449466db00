using Storyline.Cleaning;

namespace Storyline.Cleaning.Tests;

/// <summary>The explicit detectors on invented lines.</summary>
public sealed class DetectorTests
{
    private static LineInfo L(string s) => new(s);

    [Theory]
    [InlineData("IMG_2034.JPG")]
    [InlineData("DSC-00412.jpeg")]
    [InlineData("harbour city celebrate cup 2025 05 18 s1100 c85.jpg")]
    [InlineData("https://cdn.example.org/images/2024/04/river.webp?w=800")]
    [InlineData("3f9c0e1b2d4f6a8c0e2b4d6f8a0c2e4b 1200x800")]
    public void ImageFilename_Detected(string line) => Assert.True(Detectors.IsImageFilename(L(line)));

    [Theory]
    [InlineData("The photographer saved every frame as a JPG.")]
    [InlineData("Volunteers carry sandbags along Mill Street.")]
    [InlineData("The firm's revenue rose 12 percent in 2024.")]
    public void ImageFilename_NotOnSentences(string line) => Assert.False(Detectors.IsImageFilename(L(line)));

    [Theory]
    [InlineData("Photo: Reuters")]
    [InlineData("Jonas Berg/AP")]
    [InlineData("Maria Lund/POOL/AFP via Getty Images")]
    [InlineData("REUTERS/Ana Costa")]
    [InlineData("(AP Photo/Sam Reid)")]
    [InlineData("Foto: dpa")]
    [InlineData("Getty Images")]
    [InlineData("Michael Stone, AP")]
    [InlineData("Photo illustration by Ana Costa")]
    public void Credit_Detected(string line) => Assert.True(Detectors.IsCredit(L(line)));

    [Theory]
    [InlineData("Reuters reported the deal on Monday, citing two people familiar with the talks.")]
    [InlineData("Image quality has improved a lot since the first phones.")]
    [InlineData("Kim Berg and Lars Holm")]
    public void Credit_NotOnText(string line) => Assert.False(Detectors.IsCredit(L(line)));

    [Theory]
    [InlineData("hide caption", true)]
    [InlineData("Toggle Caption", true)]
    [InlineData("enlarge this image", true)]
    [InlineData("Hide the caption from readers who never look at it.", false)]
    public void CaptionToggle(string line, bool expected) => Assert.Equal(expected, Detectors.IsCaptionToggle(L(line)));

    [Theory]
    [InlineData("By Jane Doe", "Jane Doe")]
    [InlineData("BY Abraham", "Abraham")]
    [InlineData("By Jane Marlowe and Peter Osei, Health Correspondents", "Jane Marlowe and Peter Osei")]
    [InlineData("Written by Ana de la Cruz", "Ana de la Cruz")]
    [InlineData("By Monday the river had fallen.", null)]
    [InlineData("By March, prices had doubled", null)]
    [InlineData("by the way", null)]
    public void Byline(string line, string? name) => Assert.Equal(name, Detectors.Byline(L(line)));

    [Theory]
    [InlineData("Published on", true)]
    [InlineData("Updated 3 hours ago", true)]
    [InlineData("Published on March 3, 2024", true)]
    [InlineData("5 min read", true)]
    [InlineData("Share", true)]
    [InlineData("Published research shows the effect is small.", false)]
    [InlineData("Updated figures show a larger deficit than expected in March.", false)]
    public void Label(string line, bool expected) => Assert.Equal(expected, Detectors.IsLabel(L(line)));

    [Theory]
    [InlineData("Riverside Courier 2024-04-11", true)]
    [InlineData("March 3, 2025 08:15 CET", true)]
    [InlineData("Monday 12 February 2024", true)]
    [InlineData("The vote is on March 3, 2025, and the count starts at noon.", false)]
    public void DateLine(string line, bool expected) => Assert.Equal(expected, Detectors.IsDateLine(L(line)));

    [Theory]
    [InlineData("More like this", true)]
    [InlineData("Related stories", true)]
    [InlineData("Recommended", true)]
    [InlineData("More from Business", true)]
    [InlineData("Mehr zum Thema", true)]
    [InlineData("More than 300 homes were damaged.", false)]
    public void RelatedHeading(string line, bool expected) => Assert.Equal(expected, Detectors.IsRelatedHeading(L(line)));

    [Theory]
    [InlineData("Read more: Insurers brace for a season of claims", true)]
    [InlineData("RELATED: Carmakers cut orders for power chips", true)]
    [InlineData("SEE ALSO - The ten best ferries", true)]
    [InlineData("Read the full report on the council website.", false)]
    public void TeaserPrefix(string line, bool expected) => Assert.Equal(expected, Detectors.IsTeaserPrefix(L(line)));

    [Theory]
    [InlineData("© 2024 Riverside Courier. All rights reserved.", true)]
    [InlineData("Copyright 2024 Northern Daily Press", true)]
    [InlineData("The band sued over copyright in a song from 1998, and lost.", true)]
    [InlineData("Sign up for our morning newsletter", false)]
    public void Copyright(string line, bool expected) => Assert.Equal(expected, Detectors.IsCopyright(L(line)));

    [Theory]
    [InlineData("Sign up for our morning newsletter", true)]
    [InlineData("Follow us on Instagram", true)]
    [InlineData("Terms of use | Privacy policy", true)]
    [InlineData("The minister said she would follow the advice of doctors.", false)]
    public void Promo(string line, bool expected) => Assert.Equal(expected, Detectors.IsPromo(L(line)));
}
