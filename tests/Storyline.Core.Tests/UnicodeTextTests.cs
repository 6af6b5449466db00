using System.Text;
using Storyline.Core;

namespace Storyline.Core.Tests;

public class UnicodeTextTests
{
    // Built in code, not in attributes: a lone surrogate does not survive being stored in assembly metadata.
    private static readonly (string Input, string Expected)[] Rejected =
    [
        ("a\uFFFEb", "a\uFFFDb"),            // byte-swapped BOM: string.Normalize throws on it
        ("a\uD800b", "a\uFFFDb"),            // lone high surrogate
        ("a\uDC00b", "a\uFFFDb"),            // lone low surrogate
        ("e\u0301\uFFFE", "\u00E9\uFFFD"),   // still composed to NFC after the repair
    ];

    [Fact]
    public void RepairsWhatNormalisationRejects()
    {
        foreach (var (input, expected) in Rejected)
        {
            Assert.ThrowsAny<ArgumentException>(() => input.Normalize(NormalizationForm.FormC));
            Assert.Equal(expected, UnicodeText.Nfc(input));
            Assert.Equal(expected.Length, UnicodeText.Normalize(input, NormalizationForm.FormKC).Length);
        }
    }

    [Theory]
    [InlineData("plain ASCII")]
    [InlineData("caf\u00E9 \U0001F600 \uFFFF \uFDD0")] // a valid pair and noncharacters .NET accepts stay as they are
    public void LeavesValidTextAlone(string input)
    {
        Assert.Same(input, UnicodeText.Nfc(input));
        Assert.Equal(input, UnicodeText.ReplaceInvalid(input, out int n));
        Assert.Equal(0, n);
    }

    [Fact]
    public void ContentHashAcceptsTextNormalisationRejects() =>
        Assert.Equal(ContentHash.Of("a\uFFFDb"), ContentHash.Of("a\uFFFEb"));
}
