using System.Text;

namespace Storyline.Extraction.Tests;

/// <summary>
/// Generator of hostile HTML pages (~1 MB each) shaped to hit the superlinear paths of an HTML5 parser and of
/// tree walkers: deep nesting of every kind, the adoption-agency and reconstruct-active-formatting algorithms,
/// foster parenting, implicitly closed elements left open, huge attributes and comments, raw-text elements left
/// unterminated. Each page holds <see cref="Planted"/> paragraphs of real prose somewhere inside the hostile
/// structure: an extractor must return them, in bounded time.
/// </summary>
public static class HostilePages
{
    /// <summary>Size each generated page grows to (the hostile filler is repeated until it is reached).</summary>
    public static int TargetChars { get; set; } = DefaultTargetChars;

    public const int DefaultTargetChars = 1_000_000;

    /// <summary>Prose planted in every page (invented; long enough to score as article paragraphs).</summary>
    public static readonly string[] Planted =
    [
        "The ferry company confirmed on Monday that the evening crossing to the northern islands will resume next month, after engineers finished replacing the worn propeller shaft of its oldest vessel.",
        "Islanders had complained for weeks that the reduced timetable left schoolchildren and nurses stranded on the mainland, and the regional council had threatened to withhold part of the subsidy.",
        "A spokeswoman for the operator said the repaired ship passed its sea trials without fault and that two additional crossings would run on Saturdays until the end of the summer season.",
    ];

    private static string PlantedHtml => string.Concat(Planted.Select(p => $"<p>{p}</p>\n"));

    /// <summary>Every shape by name; each call builds the page anew.</summary>
    public static IReadOnlyDictionary<string, Func<string>> All { get; } = new Dictionary<string, Func<string>>(StringComparer.Ordinal)
    {
        ["deep-div"] = () => Nest("<div>", "</div>", closed: true),
        ["deep-div-unclosed"] = () => Nest("<div>", "", closed: false),
        ["deep-span"] = () => Nest("<span>", "</span>", closed: true),
        ["deep-b"] = () => Nest("<b>", "</b>", closed: true),
        ["deep-b-unclosed"] = () => Nest("<b>", "", closed: false),
        ["deep-i-unclosed-distinct"] = () => NestNumbered("<i data-n=\"{0}\">"),
        ["deep-font"] = () => Nest("<font color=red>", "</font>", closed: true),
        ["deep-a"] = () => Nest("<a href=\"#x\">", "</a>", closed: true, plantAfter: true),
        ["deep-blockquote"] = () => Nest("<blockquote>", "</blockquote>", closed: true),
        ["deep-list"] = () => Nest("<ul><li>", "</li></ul>", closed: true),
        ["deep-table"] = () => Nest("<table><tr><td>", "</td></tr></table>", closed: true),
        ["deep-table-unclosed"] = () => Nest("<table><tr><td>", "", closed: false),
        ["deep-svg"] = () => Wrap("<svg>" + Repeat("<g>", 100_000) + "</svg>" + PlantedHtml),
        ["deep-math"] = () => Wrap("<math>" + Repeat("<mrow>", 100_000) + "</math>" + PlantedHtml),
        ["deep-template"] = () => Wrap(Repeat("<template>", 100_000) + Repeat("</template>", 100_000) + PlantedHtml),
        ["deep-object"] = () => Wrap(PlantedHtml + Repeat("<object>", 100_000)),
        ["misnested-b-i"] = () => Fill("<b><i>x</b></i>", planted: 0.5),
        ["misnested-b-p"] = () => Fill("<b><p>y</b></p>", planted: 0.5),
        ["misnested-a-div"] = () => Fill("<a href=#><div>z</a></div>", planted: 0.5),
        ["formatting-then-blocks"] = () => Wrap(RepeatNumbered("<b class=\"c{0}\">", 30_000) + Fill1("<p>w</p>", 200_000) + PlantedHtml),
        ["foster-parenting"] = () => Wrap("<table>" + Repeat("<b>f", 100_000) + "</table>" + PlantedHtml),
        ["table-in-table-cells"] = () => Fill("<table><td>", planted: 0.5),
        // Placed within the element budget: beyond it a page keeps its text but loses its structure, and 300k one-letter
        // paragraphs flattened around prose outweigh it (documented degradation, not a loss of text).
        ["unclosed-p"] = () => Fill("<p>t", planted: 0.1),
        ["unclosed-li"] = () => Fill("<li>t", planted: 0.5),
        ["unclosed-option"] = () => Wrap(PlantedHtml + "<select>" + Repeat("<option>o", 150_000)),
        ["unclosed-select"] = () => Wrap(PlantedHtml + Repeat("<select>", 100_000)),
        ["unclosed-dd"] = () => Fill("<dl><dd>t", planted: 0.5),
        ["tiny-elements"] = () => Fill("<i>x</i>", planted: 0.5),
        ["tiny-siblings-div"] = () => Fill("<div></div>", planted: 0.5),
        ["huge-attribute"] = () => Wrap($"<div class=\"{new string('a', TargetChars / 2)}\" title=\"{new string('b', TargetChars / 2)}\">{PlantedHtml}</div>"),
        ["many-attributes"] = () => Wrap("<div " + string.Concat(Enumerable.Range(0, 60_000).Select(i => $"a{i}=1 ")) + ">" + PlantedHtml + "</div>"),
        ["huge-comment"] = () => Wrap("<!--" + new string('-', TargetChars) + "-->" + PlantedHtml),
        ["many-comments"] = () => Fill("<!-- c -->", planted: 0.5),
        ["unterminated-comment"] = () => Wrap(PlantedHtml + "<!--" + Repeat("<p>never</p>", 80_000)),
        ["unterminated-script"] = () => Wrap(PlantedHtml + "<script>" + Repeat("if (a < b) { x = '</scr' + 'ipt>'; }\n", 25_000)),
        ["unterminated-style"] = () => Wrap(PlantedHtml + "<style>" + Repeat("p { color: red } ", 60_000)),
        ["unterminated-tag"] = () => Wrap(PlantedHtml + "<div class=\"" + new string('q', TargetChars)),
        ["entities"] = () => Fill("&amp;&lt;&#x41;&#65;&nbsp;&bogus;", planted: 0.5),
        ["long-text-node"] = () => Wrap(PlantedHtml + "<p>" + Repeat("word ", TargetChars / 5) + "</p>"),
        ["nul-and-controls"] = () => Fill("\0<\0b>\u0001\u001f", planted: 0.5),
        ["br-flood"] = () => Fill("<br>", planted: 0.5),
        ["heading-nesting"] = () => Fill("<h1><h2><h3>", planted: 0.5),
        ["form-nesting"] = () => Fill("<form><fieldset>", planted: 0.5),
        ["nobr-adoption"] = () => Fill("<nobr><nobr>", planted: 0.5),
        ["button-nesting"] = () => Fill("<button><p>", planted: 0),
        ["ruby"] = () => Fill("<ruby><rb><rtc><rp>", planted: 0),
        ["frameset"] = () => PlantedHtml + Repeat("<frameset>", 100_000),
        ["cdata-in-svg"] = () => Wrap(PlantedHtml + "<svg>" + Repeat("<![CDATA[x]]><foreignObject><p>", 30_000)),
    };

    private static string Head => "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ferry crossing resumes</title></head><body><article>";

    private static string Wrap(string inner) => Head + inner + "</article></body></html>";

    private static string Repeat(string s, int times)
    {
        var sb = new StringBuilder(s.Length * times);
        for (int i = 0; i < times; i++) sb.Append(s);
        return sb.ToString();
    }

    private static string RepeatNumbered(string format, int times)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < times; i++) sb.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, i));
        return sb.ToString();
    }

    /// <summary>Repeats <paramref name="unit"/> to about <paramref name="chars"/> characters.</summary>
    private static string Fill1(string unit, int chars) => Repeat(unit, Math.Max(1, chars / unit.Length));

    /// <summary>The unit repeated to the target size with the planted prose at fraction <paramref name="planted"/> of the way.</summary>
    private static string Fill(string unit, double planted)
    {
        int times = Math.Max(1, TargetChars / unit.Length);
        int at = (int)(times * planted);
        return Wrap(Repeat(unit, at) + PlantedHtml + Repeat(unit, times - at));
    }

    /// <summary>Elements nested as deep as the size allows, the prose at the bottom.</summary>
    private static string Nest(string open, string close, bool closed, bool plantAfter = false)
    {
        int times = TargetChars / (open.Length + close.Length);
        string nest = Repeat(open, times) + (plantAfter ? "" : PlantedHtml) + (closed ? Repeat(close, times) : "");
        return Wrap(nest + (plantAfter ? PlantedHtml : ""));
    }

    private static string NestNumbered(string openFormat)
    {
        int times = TargetChars / (openFormat.Length + 3);
        return Wrap(RepeatNumbered(openFormat, times) + PlantedHtml);
    }
}
