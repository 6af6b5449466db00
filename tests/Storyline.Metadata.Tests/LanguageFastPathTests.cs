using System.Text.Json;
using Storyline.Core;
using Storyline.Metadata;

namespace Storyline.Metadata.Tests;

/// <summary>
/// The English fast path (function-word share) must never call a non-English text English, and must take most
/// English articles off Lingua's hands; checked on hand-written paragraphs and on the multilingual pages of the
/// trafilatura evaluation set (ground-truth body text; Lingua on the same sample is the reference).
/// </summary>
public sealed class LanguageFastPathTests
{
    [Theory]
    [InlineData("Der Stadtrat hat am Donnerstag nach einer langen Debatte den Haushalt für das kommende Jahr beschlossen. Die Opposition kritisierte die hohen Ausgaben für neue Straßen, während die Regierung auf die Investitionen in Schulen und Kindergärten verwies, die in den nächsten fünf Jahren fertig werden sollen.")]
    [InlineData("Le conseil municipal a adopté jeudi le budget de l'année prochaine après un long débat. L'opposition a critiqué les dépenses élevées consacrées aux nouvelles routes, tandis que la majorité a mis en avant les investissements dans les écoles et les crèches qui doivent être achevés dans les cinq prochaines années.")]
    [InlineData("El ayuntamiento aprobó el jueves el presupuesto del próximo año tras un largo debate. La oposición criticó el elevado gasto en nuevas carreteras, mientras que el gobierno municipal destacó las inversiones en escuelas y guarderías que deberán terminarse en los próximos cinco años, según informó la alcaldía.")]
    [InlineData("De gemeenteraad heeft donderdag na een lang debat de begroting voor volgend jaar goedgekeurd. De oppositie had kritiek op de hoge uitgaven aan nieuwe wegen, terwijl het college wees op de investeringen in scholen en kinderopvang die in de komende vijf jaar klaar moeten zijn, zo meldde de gemeente.")]
    [InlineData("Il consiglio comunale ha approvato giovedì il bilancio del prossimo anno dopo un lungo dibattito. L'opposizione ha criticato le spese elevate per nuove strade, mentre la giunta ha ricordato gli investimenti in scuole e asili che dovranno essere completati nei prossimi cinque anni, ha detto il sindaco in a press note.")]
    [InlineData("A câmara municipal aprovou na quinta-feira o orçamento do próximo ano após um longo debate. A oposição criticou as despesas elevadas com novas estradas, enquanto a maioria destacou os investimentos em escolas e creches que devem estar concluídos nos próximos cinco anos, segundo a autarquia.")]
    public void OtherLanguages_AreNeverPlainlyEnglish(string text) => Assert.False(LanguageDetection.IsPlainlyEnglish(text));

    [Fact]
    public void EnglishProse_IsPlainlyEnglish_ButShortTextGoesToLingua()
    {
        Assert.True(LanguageDetection.IsPlainlyEnglish(
            "The city council approved next year's budget on Thursday after a long debate. The opposition criticised the high " +
            "spending on new roads, while the mayor pointed to the investment in schools and nurseries that is due to be finished " +
            "within the next five years, a spokesman for the council said."));
        Assert.False(LanguageDetection.IsPlainlyEnglish("The council approved the budget on Thursday."));
    }

    [Fact]
    public void OnRealPages_NoFalseEnglish_AndMostEnglishArticlesSkipLingua()
    {
        // Negatives: the multilingual trafilatura evaluation pages (their ground-truth snippets) that Lingua calls non-English.
        using var eval = JsonDocument.Parse(File.ReadAllBytes(RepoPaths.Data("extraction", "trafilatura-eval", "evaldata.json")));
        int other = 0;
        var wrong = new List<string>();
        foreach (var page in eval.RootElement.EnumerateObject())
        {
            var text = Sample(string.Join("\n", page.Value.GetProperty("with").EnumerateArray().Select(x => x.GetString())));
            if (LanguageDetection.Detect(text) is not { } lingua || lingua == "en") continue;
            other++;
            if (LanguageDetection.IsPlainlyEnglish(text)) wrong.Add($"{page.Name} ({lingua})");
        }
        Assert.True(other > 100, $"expected many non-English pages, got {other}");
        Assert.True(wrong.Count == 0, "called English but Lingua disagrees: " + string.Join(", ", wrong.Take(10)));

        // Positives: the article bodies of the scrapinghub pages that Lingua calls English.
        using var gt = JsonDocument.Parse(File.ReadAllBytes(RepoPaths.Data("extraction", "scrapinghub", "ground-truth.json")));
        int english = 0, fast = 0;
        foreach (var page in gt.RootElement.EnumerateObject())
        {
            if (!page.Value.TryGetProperty("articleBody", out var body) || body.GetString() is not { Length: > 0 } b) continue;
            var text = Sample(b);
            if (LanguageDetection.Detect(text) != "en") continue;
            english++;
            if (LanguageDetection.IsPlainlyEnglish(text)) fast++;
        }
        Assert.True(english > 100, $"expected many English articles, got {english}");
        Assert.True(fast >= 0.9 * english, $"fast path took only {fast} of {english} English articles");
    }

    /// <summary>What the metadata stage shows the detector (its default sample length).</summary>
    private static string Sample(string text)
    {
        int max = new MetadataOptions().LanguageSampleChars;
        return text.Length > max ? text[..max] : text;
    }
}
