using System.Text;
using Storyline.Core;

namespace Storyline.Ingest.Tests;

public class EncodingTests
{
    public EncodingTests() => TextDecoder.EnsureCodePages();

    private static readonly Encoding W1252 = Encoding.GetEncoding(1252);

    [Fact]
    public void Bom_Utf8_IsUsedAndStripped()
    {
        using var t = new TempDir();
        var d = Read.One(t.File("bom.txt", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Zürich votes.")]));
        Assert.Equal("utf-8 (bom)", d.Encoding);
        Assert.Equal("Zürich votes.", d.RawText);
    }

    [Fact]
    public void Bom_Utf16_IsNotMistakenForBinary()
    {
        using var t = new TempDir();
        var d = Read.One(t.File("u16.txt", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Kraków council meets.")]));
        Assert.Equal("utf-16le (bom)", d.Encoding);
        Assert.Equal("Kraków council meets.", d.RawText);
    }

    [Fact]
    public void MetaCharset_Windows1252_IsHonoured()
    {
        var html = "<html><head><meta charset=\"windows-1252\"><title>Caf\u00e9</title></head><body><p>\u201cQuoted\u201d na\u00efve caf\u00e9 \u2014 fine.</p></body></html>";
        using var t = new TempDir();
        var d = Read.One(t.File("w.html", W1252.GetBytes(html)));
        Assert.Equal("windows-1252 (meta charset)", d.Encoding);
        Assert.Contains("\u201cQuoted\u201d na\u00efve caf\u00e9 \u2014 fine.", d.RawText);
    }

    [Fact]
    public void HttpEquivLatin1_IsReadAsWindows1252()
    {
        // WHATWG: the iso-8859-1 label means windows-1252, so 0x93/0x94 are curly quotes, not C1 controls.
        var html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body>\u201cYes\u201d, said the mayor.</body></html>";
        using var t = new TempDir();
        var d = Read.One(t.File("l1.html", W1252.GetBytes(html)));
        Assert.Equal("windows-1252 (meta charset)", d.Encoding);
        Assert.Contains("\u201cYes\u201d", d.RawText);
    }

    [Fact]
    public void DeclaredLatin1_ButValidUtf8_IsUtf8()
    {
        var html = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Gdańsk shipyard — Müller said.</p></body></html>";
        using var t = new TempDir();
        var d = Read.One(t.File("lie.html", Encoding.UTF8.GetBytes(html)));
        Assert.StartsWith("utf-8 (valid", d.Encoding);
        Assert.Contains("Gdańsk shipyard — Müller", d.RawText);
    }

    [Fact]
    public void Windows1252Bytes_WithoutDeclaration_AreDetected()
    {
        var text = "Le caf\u00e9 de la gare a rouvert ses portes apr\u00e8s des travaux. Les habitu\u00e9s \u00e9taient tr\u00e8s contents de retrouver leur caf\u00e9 pr\u00e9f\u00e9r\u00e9 et la terrasse ensoleill\u00e9e.";
        using var t = new TempDir();
        var d = Read.One(t.File("fr.txt", W1252.GetBytes(text)));
        Assert.Equal("windows-1252 (detected)", d.Encoding);
        Assert.Equal(text, d.RawText);
    }

    [Fact]
    public void InvalidUtf8_StrayByteInUtf8Text_IsRepairedNotRedetected()
    {
        var good = Encoding.UTF8.GetBytes("Łódź, Kraków and Gdańsk — żółć. Zürich, Málaga, Köln, Ærø, Øresund. ");
        byte[] bytes = [.. good, 0xFF, .. good];
        using var t = new TempDir();
        var d = Read.One(t.File("bad.txt", bytes));
        Assert.Equal("utf-8 (1 invalid bytes replaced)", d.Encoding);
        Assert.Contains("Łódź, Kraków", d.RawText);
        Assert.Contains('\uFFFD', d.RawText);
    }

    [Fact]
    public void Nfc_DecomposedInput_IsComposed()
    {
        using var t = new TempDir();
        var d = Read.One(t.File("nfd.txt", "Cafe\u0301 in Zu\u0308rich."));
        Assert.Equal("Caf\u00e9 in Z\u00fcrich.", d.RawText);
    }

    [Fact]
    public void Xml_Declaration_ChoosesEncodingForPlainXml()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"iso-8859-2\"?><doc>Zażółć gęślą jaźń</doc>";
        using var t = new TempDir();
        var d = Read.One(t.File("pl.xml", Encoding.GetEncoding("iso-8859-2").GetBytes(xml)));
        Assert.Equal("iso-8859-2 (xml declaration)", d.Encoding);
        Assert.Contains("Zażółć gęślą jaźń", d.RawText);
    }
}
