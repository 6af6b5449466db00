using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace Storyline.Testing;

/// <summary>One generated input file (or special file) and what must become of it.</summary>
/// <param name="Kind">The kind of hostility ("invalid-utf8", "fifo", "good-article"...).</param>
/// <param name="Tag">Unique ASCII id carried in the file name ("h00123"), so outcomes can be matched even for odd names.</param>
/// <param name="Path">Full path as .NET sees it (null for names that are not valid UTF-8).</param>
/// <param name="MustStore">Marker words that must be found in stored text (good documents inside the input).</param>
/// <param name="ExpectedCodes">When set, the input must be reported with one of these codes (as its outcome or a stored diagnostic).</param>
public sealed record CorpusEntry(string Kind, string Tag, string? Path, bool Good, IReadOnlyList<string> MustStore, IReadOnlyList<string> ExpectedCodes)
{
    /// <summary>Documents inside the input (JSONL lines, feed items, WARC records); 1 for a plain file.</summary>
    public int Inputs { get; init; } = 1;
}

/// <summary>Sizes of the corpus; the defaults are the CI corpus.</summary>
public sealed record HostileCorpusOptions
{
    public int Seed { get; init; } = 20261204;
    /// <summary>Size of the one-line file (the issue asks for 200 MB; streamed to disk).</summary>
    public long HugeLineBytes { get; init; } = 200L * 1024 * 1024;
    /// <summary>Nesting depth of the deep HTML pages.</summary>
    public int DeepNesting { get; init; } = 100_000;
    /// <summary>Decompressed size of each gzip bomb (the file on disk is about a thousandth of it).</summary>
    public long GzipBombBytes { get; init; } = 1L << 30;
    /// <summary>Generated good articles (beside the real pages).</summary>
    public int GoodArticles { get; init; } = 80;
    /// <summary>Real pages from the shared extraction data.</summary>
    public int RealPages { get; init; } = 30;
    /// <summary>Multiplier on the number of cheap hostile variants (1 gives about 1,000 hostile files).</summary>
    public double Scale { get; init; } = 1;
}

/// <summary>
/// Generates a hostile corpus beside good documents, deterministically from a seed: invalid and mixed encodings,
/// refused charsets, lone surrogates, binary, NULs, empty files, a 200 MB line, deep and unclosed HTML, XML entity
/// expansion and external entities, gzip bombs and truncated gzip, broken JSONL, truncated WARC, malformed feed
/// dates, odd file names, FIFOs, sockets, symlink loops and links out of the folder (to a secret file holding
/// <see cref="SecretMarker"/>), and junk texts. Shared by the robustness tests and <c>bench/run robustness</c>.
/// </summary>
public sealed class HostileCorpus
{
    public string Root { get; }
    /// <summary>The folder to ingest.</summary>
    public string InputDir { get; }
    /// <summary>A file outside <see cref="InputDir"/> that links and external entities point at; must never be stored.</summary>
    public string SecretFile { get; }
    public string SecretMarker { get; }
    public List<CorpusEntry> Entries { get; } = [];

    public IEnumerable<CorpusEntry> Hostile => Entries.Where(e => !e.Good);
    public IEnumerable<CorpusEntry> GoodEntries => Entries.Where(e => e.Good);
    public int Kinds => Entries.Where(e => !e.Good).Select(e => e.Kind).Distinct().Count();

    private readonly Random _rng;
    private readonly HostileCorpusOptions _o;
    private int _next;
    private int _markerNo;

    private HostileCorpus(string root, HostileCorpusOptions o)
    {
        _o = o;
        _rng = new Random(o.Seed);
        Root = root;
        InputDir = Directory.CreateDirectory(System.IO.Path.Combine(root, "in")).FullName;
        var secretDir = Directory.CreateDirectory(System.IO.Path.Combine(root, "secret")).FullName;
        SecretFile = System.IO.Path.Combine(secretDir, "secret.txt");
        SecretMarker = "SECRETLEAK" + Letters(12).ToUpperInvariant();
        File.WriteAllText(SecretFile, $"root:x:0:0:{SecretMarker}:/root:/bin/bash\nThis private file must never be stored: {SecretMarker}. "
            + "It reads like an article on purpose, so nothing but the input boundary keeps it out of the store, the boundary the tests check.\n");
    }

    /// <summary>Writes the corpus under <paramref name="root"/> (created if needed).</summary>
    public static HostileCorpus Generate(string root, HostileCorpusOptions? options = null)
    {
        var c = new HostileCorpus(root, options ?? new HostileCorpusOptions());
        c.WriteAll();
        return c;
    }

    private int N(int baseCount) => Math.Max(1, (int)Math.Round(baseCount * _o.Scale));

    private void WriteAll()
    {
        GoodDocuments();
        Encodings();
        Binary();
        EmptyAndJunk();
        Html();
        Xml();
        Gzip();
        JsonLines();
        Warc();
        FileNames();
        SpecialFiles();
        HugeLine();
    }

    // ---------------- good documents ----------------

    private static readonly string[] Towns = ["Harwick", "Dunmore", "Kelso Bay", "Ashford Vale", "Marlow Cross", "Penrith Ford", "Stanmere", "Oakhaven", "Bridgeton", "Wexley"];
    private static readonly string[] Bodies = ["the city council", "the regional water board", "the health authority", "the transport department", "the chamber of commerce", "the fire service", "the university", "the port authority"];
    private static readonly string[] Subjects = ["a new bridge", "the flood defences", "a school expansion", "the bus network", "a hospital wing", "the harbour dredging", "a housing scheme", "the tram line", "a solar farm", "the library"];
    private static readonly string[] People = ["Ruth Ames", "Daniel Okafor", "Maria Lindqvist", "Tomasz Nowak", "Aisha Rahman", "Peter Collins", "Elena Petrova", "James Whitfield"];
    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>A unique word for a marker sentence: letters only, so every tokenizer keeps it whole.</summary>
    public string NewMarker() => "Zq" + Letters(4) + IndexLetters(_markerNo++) + Letters(4);

    private static string IndexLetters(int n)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 4; i++) { sb.Append((char)('a' + n % 26)); n /= 26; }
        return sb.ToString();
    }

    private string Letters(int n)
    {
        var sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.Append((char)('a' + _rng.Next(26)));
        return sb.ToString();
    }

    private T Pick<T>(IReadOnlyList<T> xs) => xs[_rng.Next(xs.Count)];

    /// <summary>A plausible local-news article (title, paragraphs) with one sentence naming <paramref name="marker"/>.</summary>
    public (string Title, string[] Paragraphs) Article(string marker)
    {
        string town = Pick(Towns), body = Pick(Bodies), subject = Pick(Subjects), person = Pick(People), day = Pick(Days);
        int millions = _rng.Next(2, 90), weeks = _rng.Next(3, 40), year = _rng.Next(2019, 2027), people = _rng.Next(40, 900);
        var title = $"{town} approves {subject} after long debate";
        var paras = new List<string>
        {
            $"{char.ToUpperInvariant(body[0])}{body[1..]} in {town} approved {subject} on {day}, ending a dispute that had run since {year}. The plan will cost about {millions} million pounds and work is due to start within {weeks} weeks.",
            $"{person}, who chairs the committee, said the decision had been difficult but necessary. \"We listened to {people} residents and changed the design twice,\" {person.Split(' ')[0]} said.",
            $"The project will be overseen by engineer Lena {marker}, who led a similar scheme in a neighbouring county. She said the first phase would focus on surveys and the relocation of utilities.",
            $"Opponents argued that the money should go to road repairs instead. A petition against the plan gathered signatures from {people * 3} people, but councillors voted it down by a clear margin.",
            $"Local businesses were divided. Some said the work would bring customers; others feared months of disruption on the high street during the busiest season of the year.",
        };
        // Shuffle the middle paragraphs so texts differ beyond their fill-ins.
        for (int i = paras.Count - 1; i > 1; i--) { int j = _rng.Next(1, i + 1); (paras[i], paras[j]) = (paras[j], paras[i]); }
        return (title, [.. paras]);
    }

    private string ArticleText(string marker) { var (t, p) = Article(marker); return t + "\n\n" + string.Join("\n\n", p) + "\n"; }

    private string ArticleHtml(string marker, string? charsetMeta = "<meta charset=\"utf-8\">", string? extraHead = null)
    {
        var (t, p) = Article(marker);
        return $"<!DOCTYPE html><html><head>{charsetMeta}<title>{Esc(t)}</title>{extraHead}</head><body>"
            + "<nav><a href=\"/\">Home</a> | <a href=\"/news\">News</a> | <a href=\"/sport\">Sport</a></nav>"
            + $"<article><h1>{Esc(t)}</h1>{string.Concat(p.Select(x => $"<p>{Esc(x)}</p>"))}</article>"
            + "<footer>© Example Gazette. All rights reserved. <a href=\"/privacy\">Privacy</a></footer></body></html>";
    }

    private static string Esc(string s) => System.Net.WebUtility.HtmlEncode(s);

    private static string JsonString(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    private string NewPath(string kindTag, string ext, bool good = false)
    {
        var tag = (good ? "g" : "h") + (_next++).ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
        return System.IO.Path.Combine(InputDir, $"{tag}-{kindTag}{ext}");
    }

    private static string TagOf(string path) => System.IO.Path.GetFileName(path)[..6];

    private void Add(string kind, string path, byte[] bytes, bool good = false, string[]? mustStore = null, string[]? codes = null, int inputs = 1)
    {
        File.WriteAllBytes(path, bytes);
        Entries.Add(new CorpusEntry(kind, TagOf(path), path, good, mustStore ?? [], codes ?? []) { Inputs = inputs });
    }

    private void AddText(string kind, string path, string text, bool good = false, string[]? mustStore = null, string[]? codes = null, int inputs = 1) =>
        Add(kind, path, Encoding.UTF8.GetBytes(text), good, mustStore, codes, inputs);

    private void GoodDocuments()
    {
        for (int i = 0; i < _o.GoodArticles; i++)
        {
            var m = NewMarker();
            switch (i % 8)
            {
                case 0: case 1: case 2: AddText("good-article", NewPath("article", ".txt", true), ArticleText(m), true, [m]); break;
                case 3: case 4: AddText("good-article", NewPath("page", ".html", true), ArticleHtml(m), true, [m]); break;
                case 5:
                    {
                        var (t, p) = Article(m);
                        AddText("good-article", NewPath("item", ".jsonl", true),
                            $"{{\"title\":{JsonString(t)},\"text\":{JsonString(string.Join("\n\n", p))},\"url\":\"https://example.org/{m}\"}}\n", true, [m]);
                        break;
                    }
                case 6: Add("good-article", NewPath("article", ".txt.gz", true), Gz(Encoding.UTF8.GetBytes(ArticleText(m))), true, [m]); break;
                default:
                    {
                        var (t, p) = Article(m);
                        AddText("good-article", NewPath("feed", ".xml", true), Rss([(t, string.Join("\n\n", p), "Tue, 03 Jun 2025 09:30:00 GMT")]), true, [m]);
                        break;
                    }
            }
        }
        // Real pages: the shared extraction benchmark's HTML, decompressed (some kept gzip'd).
        var dirs = new[] { ("scrapinghub", "html"), ("trafilatura-eval", "html") };
        var files = new List<string>();
        foreach (var (set, sub) in _o.RealPages > 0 ? dirs : [])
        {
            var dir = Storyline.Core.RepoPaths.Data("extraction", set, sub);
            if (Directory.Exists(dir)) files.AddRange(Directory.GetFiles(dir, "*.html.gz").Order(StringComparer.Ordinal).Take(_o.RealPages / 2 + 1));
        }
        int k = 0;
        foreach (var f in files.Take(_o.RealPages))
        {
            var bytes = File.ReadAllBytes(f);
            if (k++ % 5 == 0) Add("real-page", NewPath("real", ".html.gz", true), bytes, true);
            else Add("real-page", NewPath("real", ".html", true), Gunzip(bytes), true);
        }
    }

    // ---------------- encodings ----------------

    private void Encodings()
    {
        for (int i = 0; i < N(100); i++)
        {
            // Valid text with invalid UTF-8 sequences spliced in (overlongs, lone continuation bytes, truncated sequences, surrogates encoded in UTF-8).
            var text = Encoding.UTF8.GetBytes(ArticleText(NewMarker()));
            byte[][] bad = [[0xC0, 0xAF], [0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFF, 0xFE], [0xF4, 0x90, 0x80, 0x80]];
            Add("invalid-utf8", NewPath("invalid-utf8", i % 2 == 0 ? ".txt" : ".html"), Splice(text, () => Pick(bad), 1 + _rng.Next(20)));
        }
        for (int i = 0; i < N(70); i++)
        {
            // Half UTF-8, half Windows-1252 (a copy-paste accident).
            var a = Encoding.UTF8.GetBytes("Café owners in Zürich said the naïve plan would fail. ");
            var b = Encoding.Latin1.GetBytes("Café owners in Zürich said the naïve plan would fail. ");
            Add("mixed-encoding", NewPath("mixed", ".txt"), [.. Encoding.UTF8.GetBytes(ArticleText(NewMarker())), .. a, .. b, .. Repeat(b, 1 + _rng.Next(5))]);
        }
        for (int i = 0; i < N(20); i++)
        {
            var m = NewMarker();
            var html = (i % 4) switch
            {
                0 => ArticleHtml(m, "<meta charset=\"utf-7\">"),
                1 => ArticleHtml(m, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-7\">"),
                2 => "+ADw-script+AD4-alert(1)+ADw-/script+AD4-" + ArticleHtml(m, "<meta charset=\"utf-7\">"),
                _ => Rss([("Feed in UTF-7", ArticleText(m), "Mon, 02 Jun 2025 10:00:00 GMT")]).Replace("encoding=\"utf-8\"", "encoding=\"utf-7\"", StringComparison.Ordinal),
            };
            AddText("utf7-charset", NewPath("utf7", i % 4 == 3 ? ".xml" : ".html"), html, codes: ["SL1016"]);
        }
        for (int i = 0; i < N(30); i++)
        {
            var text = ArticleText(NewMarker());
            var (enc, bom) = (i % 3) switch
            {
                0 => (Encoding.Unicode, true),
                1 => (Encoding.BigEndianUnicode, true),
                _ => (Encoding.Unicode, false),
            };
            Add("utf16", NewPath("utf16", i % 2 == 0 ? ".txt" : ".html"), [.. (bom ? enc.GetPreamble() : []), .. enc.GetBytes(i % 2 == 0 ? text : $"<html><body><p>{Esc(text)}</p></body></html>")]);
        }
        for (int i = 0; i < N(10); i++)
            Add("utf32", NewPath("utf32", ".txt"), [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(ArticleText(NewMarker()))]);
        // Characters .NET's Unicode normalisation rejects (a byte-swapped BOM, U+FFFE; a lone surrogate from a
        // character reference) inside otherwise good articles: the article must be stored, not lost to one character.
        for (int i = 0; i < N(12); i++)
        {
            var m = NewMarker();
            string odd = (i % 3) switch { 0 => "\uFFFE", 1 => "&#xFFFE;", _ => "&#xD800;" };
            if (i % 2 == 0 && odd[0] != '&')
                AddText("noncharacters", NewPath("nonchar", ".txt", true), ArticleText(m) + " " + odd + " end.", true, [m]);
            else
                AddText("noncharacters", NewPath("nonchar", ".html", true), ArticleHtml(m).Replace("</p>", odd + "</p>", StringComparison.Ordinal), true, [m]);
        }
        string[] unknown = ["x-klingon", "utf-8x", "ebcdic-cp-xx", "iso-8859-99", "\"><script>", "utf-16", "", "UTF-32BE", "x-user-defined", "csUnicode11UTF7"];
        for (int i = 0; i < N(20); i++)
            AddText("unknown-charset", NewPath("charset", ".html"), ArticleHtml(NewMarker(), $"<meta charset=\"{Pick(unknown)}\">"));
        for (int i = 0; i < N(70); i++)
        {
            var text = Encoding.UTF8.GetBytes(ArticleText(NewMarker()));
            Add("nul-bytes", NewPath("nul", ".txt"), Splice(text, () => i % 2 == 0 ? [0] : new byte[1 + _rng.Next(8)], 1 + _rng.Next(i % 3 == 0 ? 200 : 5)));
        }
        string[] controls = ["\u001b[31m", "\u001b[2J", "\u001b]0;pwned\u0007", "\u202E", "\u2066", "\r", "\b\b\b", "\u0000", "\u009b31m", "\u200F"];
        for (int i = 0; i < N(60); i++)
        {
            var m = NewMarker();
            var (t, p) = Article(m);
            var title = Pick(controls) + t + Pick(controls);
            AddText("control-chars", NewPath("control", i % 2 == 0 ? ".html" : ".jsonl"), i % 2 == 0
                ? $"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{string.Concat(p.Select(x => $"<p>{Pick(controls)}{Esc(x)}</p>"))}</article></body></html>"
                : $"{{\"title\":{JsonString(title)},\"text\":{JsonString(string.Join("\n\n", p.Select(x => Pick(controls) + x)))}}}\n");
        }
    }

    private byte[] Splice(byte[] text, Func<byte[]> bad, int count)
    {
        var list = new List<byte>(text);
        for (int k = 0; k < count; k++) list.InsertRange(_rng.Next(list.Count), bad());
        return [.. list];
    }

    private static byte[] Repeat(byte[] b, int n) => [.. Enumerable.Repeat(b, n).SelectMany(x => x)];

    // ---------------- binary ----------------

    private void Binary()
    {
        byte[][] magics = [[0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10], "%PDF-1.7\n"u8.ToArray(), [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1], [0xFF, 0xD8, 0xFF, 0xE0], "PK\u0003\u0004"u8.ToArray(), [0x1F, 0x8B, 8, 0], []];
        string[] exts = [".txt", ".html", ".xml", ".jsonl", ".warc", ".htm", ".md", ".csv"];
        for (int i = 0; i < N(150); i++)
        {
            var body = new byte[_rng.Next(1, 64 * 1024)];
            _rng.NextBytes(body);
            Add("binary", NewPath("binary", Pick(exts)), [.. Pick(magics), .. body]);
        }
    }

    // ---------------- empty, whitespace, junk ----------------

    private void EmptyAndJunk()
    {
        string[] exts = [".txt", ".html", ".jsonl", ".xml", ".warc"];
        for (int i = 0; i < N(20); i++) Add("empty", NewPath("empty", Pick(exts)), []);
        string[] spaces = [" ", "\n", "\r\n", "\t", "\u00A0", "\u3000", "\u2028"];
        for (int i = 0; i < N(20); i++)
            AddText("whitespace", NewPath("space", Pick(exts)), string.Concat(Enumerable.Range(0, 1 + _rng.Next(5000)).Select(_ => Pick(spaces))));
        var junk = new List<Func<string>>
        {
            () => "x",
            () => "\u200B\u200C\u200D\u2060\uFEFF\u200B",
            () => string.Concat(Enumerable.Repeat("ha ", 20 + _rng.Next(500))),
            () => string.Join(" ", Enumerable.Range(0, 50 + _rng.Next(300)).Select(_ => _rng.Next(100000).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            () => new string(Pick(RuleChars), 10 + _rng.Next(5000)),
            () => string.Concat(Enumerable.Repeat("😀🔥", 10 + _rng.Next(300))),
            () => new string((char)('a' + _rng.Next(26)), 100 + _rng.Next(100_000)),
            () => "Subscribe",
            () => "<html><body><p>Loading…</p></body></html>",
            () => string.Concat(Enumerable.Repeat("lol ", 30 + _rng.Next(100))),
        };
        for (int i = 0; i < N(100); i++)
        {
            var text = junk[i % junk.Count]();
            AddText("junk-text", NewPath("junk", text.StartsWith('<') ? ".html" : ".txt"), text, codes: ["SL1018", "SL1010", "SL1001"]);
        }
        // The issue's 5 MB run of one letter.
        AddText("junk-text", NewPath("junk-run", ".txt"), new string('a', 5 * 1024 * 1024), codes: ["SL1018", "SL1004"]);
    }

    // ---------------- HTML ----------------

    private void Html()
    {
        int depth = _o.DeepNesting;
        string Nest(string open, string close, bool closed) =>
            new StringBuilder().Insert(0, open, depth).Append("<p>Deep text survives: ").Append(ArticleText(NewMarker())).Append("</p>")
                .Append(closed ? new StringBuilder().Insert(0, close, depth).ToString() : "").ToString();
        AddText("deep-html", NewPath("deep-div", ".html"), "<html><body>" + Nest("<div>", "</div>", true) + "</body></html>");
        AddText("deep-html", NewPath("deep-div-unclosed", ".html"), "<html><body>" + Nest("<div>", "", false));
        AddText("deep-html", NewPath("deep-b", ".html"), "<html><body>" + Nest("<b>", "</b>", true) + "</body></html>");
        AddText("deep-html", NewPath("deep-format-unclosed", ".html"), "<html><body>" + Nest("<b><i><u><font>", "", false));
        AddText("deep-html", NewPath("deep-table", ".html"), "<html><body>" + Nest("<table><tr><td>", "</td></tr></table>", true));
        AddText("deep-html", NewPath("deep-a-p", ".html"), "<html><body>" + Nest("<a href=x><p>", "", false));
        var unclosed = new List<Func<string>>
        {
            () => ArticleHtml(NewMarker()).Replace("</body></html>", "") + "<script>var x = '" + new string('y', _rng.Next(1000, 200_000)),
            () => "<html><body><!-- " + ArticleHtml(NewMarker()),
            () => ArticleHtml(NewMarker()) + string.Concat(Enumerable.Repeat("<p><span><em>", _rng.Next(1000, 30_000))),
            () => "<html><body>" + string.Concat(Enumerable.Range(0, _rng.Next(20_000, 200_000)).Select(k => "<p>" + (k % 10) + "</p>")),
            () => "<html><head><title>" + new string('t', _rng.Next(100, 100_000)) + "<body><p>" + ArticleText(NewMarker()),
            () => "<html><body><p " + string.Concat(Enumerable.Range(0, _rng.Next(100, 20_000)).Select(k => $"a{k}=\"{k}\" ")) + ">" + ArticleText(NewMarker()),
            () => "<html><body><textarea>" + ArticleText(NewMarker()),
            () => "<html><body><p>" + ArticleText(NewMarker()) + "</p><" + new string('x', 100_000),
        };
        for (int i = 0; i < N(40); i++) AddText("unclosed-html", NewPath("unclosed", ".html"), unclosed[i % unclosed.Count]());
    }

    // ---------------- XML and feeds ----------------

    private static string Rss(IEnumerable<(string Title, string Body, string Date)> items, string? doctype = null) =>
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?>{doctype}<rss version=\"2.0\"><channel><title>Example Gazette</title><link>https://example.org/</link><description>News</description>"
        + string.Concat(items.Select((it, k) => $"<item><title>{Esc(it.Title)}</title><link>https://example.org/{k}</link><pubDate>{Esc(it.Date)}</pubDate><description>{Esc(it.Body)}</description></item>"))
        + "</channel></rss>";

    private void Xml()
    {
        const string Laughs = "<!DOCTYPE rss [<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\"><!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\"><!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\"><!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\"><!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\"><!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\"><!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>";
        for (int i = 0; i < N(10); i++)
        {
            var rss = Rss([("Laughs", "&lol9;", "Mon, 02 Jun 2025 10:00:00 GMT")], Laughs).Replace("&amp;lol9;", "&lol9;");
            AddText("entity-expansion", NewPath("laughs", i % 2 == 0 ? ".xml" : ".rss"), rss);
        }
        var secretUri = new Uri(SecretFile).AbsoluteUri;
        for (int i = 0; i < N(10); i++)
        {
            string doctype = (i % 3) switch
            {
                0 => $"<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"{secretUri}\">]>",
                1 => $"<!DOCTYPE rss [<!ENTITY % ext SYSTEM \"{secretUri}\"> %ext;]>",
                _ => "<!DOCTYPE rss SYSTEM \"http://127.0.0.1:9/evil.dtd\">",
            };
            var rss = Rss([("Entity", "Leak: &xxe; and an ordinary sentence that is long enough to be read as an article about nothing.", "Mon, 02 Jun 2025 10:00:00 GMT")], doctype)
                .Replace("&amp;xxe;", "&xxe;");
            AddText("external-entity", NewPath("xxe", ".xml"), rss);
        }
        string[] dates = ["32/13/99999", "yesterday", "", "Mon, 99 Foo 2025 25:61:61 XYZ", "0000-00-00T00:00:00Z", "9999999999999999999", "2025-02-30", "<b>soon</b>", "Tue, 03 Jun -2025 09:30:00 GMT", "\u202E2025"];
        for (int i = 0; i < N(20); i++)
        {
            var items = Enumerable.Range(0, 3).Select(_ => { var m = NewMarker(); var (t, p) = Article(m); return (m, t, string.Join("\n\n", p)); }).ToList();
            var xml = i % 2 == 0
                ? Rss(items.Select(x => (x.t, x.Item3, Pick(dates))))
                : "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Example</title>"
                  + string.Concat(items.Select((x, k) => $"<entry><title>{Esc(x.t)}</title><id>urn:x:{k}</id><updated>{Esc(Pick(dates))}</updated><published>{Esc(Pick(dates))}</published><content type=\"text\">{Esc(x.Item3)}</content></entry>"))
                  + "</feed>";
            // The items are good news with bad dates: they must be stored (with no date), never lost.
            AddText("malformed-feed-dates", NewPath("baddates", i % 2 == 0 ? ".rss" : ".atom"), xml, mustStore: [.. items.Select(x => x.m)], inputs: 3);
        }
        var broken = new List<Func<string>>
        {
            () => Rss([("T", ArticleText(NewMarker()), "Mon, 02 Jun 2025 10:00:00 GMT")])[..^20],
            () => "<?xml version=\"1.0\"?><rss><channel><item><title>x</title><description><![CDATA[" + ArticleText(NewMarker()),
            () => "<?xml version=\"1.0\"?><rss><channel>" + string.Concat(Enumerable.Repeat("<item>", 50_000)),
            () => "<?xml version=\"1.0\"?><rss><channel><item><title>&#xD800;&#0;</title><description>&bogus; " + ArticleText(NewMarker()) + "</description></item></channel></rss>",
            () => "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><entry></entry><entry><content/></entry></feed>",
        };
        for (int i = 0; i < N(20); i++) AddText("broken-feed", NewPath("badfeed", ".xml"), broken[i % broken.Count]());
    }

    // ---------------- gzip ----------------

    private static byte[] Gz(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var gz = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }

    private void Gzip()
    {
        // One 64 MB member compressed once; a bomb is that member repeated (a multi-member gzip is valid).
        const int Chunk = 64 << 20;
        byte[] member;
        using (var ms = new MemoryStream())
        {
            using (var gz = new GZipStream(ms, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                var block = new byte[1 << 20];
                Array.Fill(block, (byte)'a');
                for (int k = 0; k < Chunk / block.Length; k++) gz.Write(block);
            }
            member = ms.ToArray();
        }
        int members = (int)Math.Max(1, _o.GzipBombBytes / Chunk);
        var bomb = Repeat(member, members);
        Add("gzip-bomb", NewPath("bomb", ".txt.gz"), bomb);
        Add("gzip-bomb", NewPath("bomb", ".html.gz"), bomb);
        Add("gzip-bomb", NewPath("bomb", ".jsonl.gz"), bomb);
        Add("gzip-bomb", NewPath("bomb-nested", ".txt.gz"), Gz(bomb));
        Add("gzip-bomb", NewPath("bomb-warc", ".warc.gz"), bomb);
        Add("gzip-bomb", NewPath("bomb-plain-name", ".txt"), bomb);
        for (int i = 0; i < N(50); i++)
        {
            var full = Gz(Encoding.UTF8.GetBytes(ArticleText(NewMarker()) + ArticleText(NewMarker())));
            int cut = 10 + _rng.Next(Math.Max(1, full.Length - 30));
            string[] exts = [".txt.gz", ".html.gz", ".jsonl.gz", ".gz"];
            Add("truncated-gzip", NewPath("truncated", Pick(exts)), full[..cut], codes: ["SL1012", "SL1003", "SL1002", "SL1001", "SL1010"]);
        }
    }

    // ---------------- JSONL ----------------

    private void JsonLines()
    {
        for (int i = 0; i < N(30); i++)
        {
            var m = NewMarker();
            var (t, p) = Article(m);
            var lines = new[]
            {
                "{\"text\":\"\\ud800 a lone high surrogate starts this line, and the rest of it is ordinary text.\"}",
                "{\"title\":\"\\udfff\",\"text\":\"\\udc00\\ud800\\udbff\"}",
                "{\"text\":\"ends with a lone surrogate \\ud83d\"}",
                // A good line after the bad ones: must be stored.
                $"{{\"title\":{JsonString(t)},\"text\":{JsonString(string.Join("\n\n", p))}}}",
                "{\"html\":\"<p>\\ud834</p>\"}",
            };
            AddText("lone-surrogate-jsonl", NewPath("surrogates", ".jsonl"), string.Join("\n", lines) + "\n", mustStore: [m], inputs: lines.Length);
        }
        var broken = new List<Func<string>>
        {
            () => "{\"text\": \"unterminated",
            () => "not json at all",
            () => "[1,2,3]",
            () => "{\"text\": 42}",
            () => "{\"title\": \"no text\"}",
            () => new string('[', 100_000) + new string(']', 100_000),
            () => "{\"text\":" + new string('{', 5000),
            () => "{\"text\":\"x\"," + string.Concat(Enumerable.Range(0, 5000).Select(k => $"\"k{k}\":{k},")) + "\"z\":1}",
            () => "{\"text\":\"" + ArticleText(NewMarker()).Replace("\n", " ") + "\",\"text\":\"duplicate key\"}",
            () => "\u0000\u0000{\"text\":\"nul before\"}",
            () => "{\"text\":\"" + new string('q', 3_000_000) + "\"}",
            () => "{\"published\":\"not a date\",\"text\":\"" + ArticleText(NewMarker()).Replace("\n", " ") + "\"}",
        };
        for (int i = 0; i < N(60); i++)
        {
            var m = NewMarker();
            var (t, p) = Article(m);
            var lines = new List<string> { broken[i % broken.Count](), broken[(i + 5) % broken.Count]() };
            lines.Insert(1, $"{{\"title\":{JsonString(t)},\"text\":{JsonString(string.Join("\n\n", p))}}}");
            AddText("broken-jsonl", NewPath("broken", ".jsonl"), string.Join("\n", lines) + (i % 2 == 0 ? "\n" : ""), mustStore: [m], inputs: lines.Count);
        }
    }

    // ---------------- WARC ----------------

    private static byte[] WarcRecord(string html, int? claimLength = null, int? cutAt = null)
    {
        var http = Encoding.UTF8.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html);
        var head = Encoding.ASCII.GetBytes($"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{Guid.Empty}>\r\nWARC-Target-URI: https://example.org/w\r\nWARC-Date: 2025-06-02T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {claimLength ?? http.Length}\r\n\r\n");
        byte[] rec = [.. head, .. http, .. "\r\n\r\n"u8.ToArray()];
        return cutAt is { } c ? rec[..Math.Min(c, rec.Length)] : rec;
    }

    private void Warc()
    {
        for (int i = 0; i < N(30); i++)
        {
            var m = NewMarker();
            var good = WarcRecord(ArticleHtml(m));
            var bad = (i % 5) switch
            {
                0 => WarcRecord(ArticleHtml(NewMarker()), claimLength: 10_000_000),
                1 => WarcRecord(ArticleHtml(NewMarker()), cutAt: 120 + _rng.Next(400)),
                2 => Encoding.ASCII.GetBytes("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: -5\r\n\r\nxx"),
                3 => Encoding.ASCII.GetBytes("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999999999999999999\r\n\r\n"),
                _ => Encoding.ASCII.GetBytes("WARC/1.0\r\nWARC-Type: response\r\n" + new string('H', 200_000)),
            };
            // A good record first (must be stored), then the broken one.
            Add("truncated-warc", NewPath("warc", i % 3 == 0 ? ".warc.gz" : ".warc"), i % 3 == 0 ? Gz([.. good, .. bad]) : [.. good, .. bad],
                mustStore: [m], codes: ["SL1009", "SL1012"], inputs: 2);
        }
    }

    private static readonly char[] RuleChars = ['!', '-', '=', '*', '.'];

    // ---------------- file names ----------------

    [DllImport("libc", SetLastError = true)] private static extern int open(byte[] path, int flags, int mode);
    [DllImport("libc", SetLastError = true)] private static extern nint write(int fd, byte[] buf, nint count);
    [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)] private static extern int mkfifo(string path, uint mode);
    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)] private static extern int mknod(string path, uint mode, ulong dev);

    /// <summary>Creates a file whose name is raw bytes (not necessarily UTF-8), which .NET's string paths cannot spell.</summary>
    private static void WriteRawName(string dir, byte[] name, byte[] content)
    {
        const int O_WRONLY = 1, O_CREAT = 0x40, O_TRUNC = 0x200;
        byte[] path = [.. Encoding.UTF8.GetBytes(dir + "/"), .. name, 0];
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, Convert.ToInt32("644", 8));
        if (fd < 0) throw new IOException($"open failed: errno {Marshal.GetLastPInvokeError()}");
        try { if (write(fd, content, content.Length) != content.Length) throw new IOException("short write"); }
        finally { _ = close(fd); } // a failed close after a full write loses nothing here
    }

    private void FileNames()
    {
        string[] odd =
        [
            "new\nline", "esc-\u001b[31mred\u001b[0m", "bidi-\u202Etxt.exe", "-rf", "--help", "-", "sp ace 'quo\"te'", "tab\there",
            "bell\u0007", "\u200Bzero-width", "emoji-😀", "back\\slash", "..dots..", "star*?[x]", "$(touch pwned)", "`id`",
        ];
        foreach (var name in odd)
        {
            var m = NewMarker();
            var tag = "h" + (_next++).ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            // Leading-dash names keep the dash first; the tag follows, so matching still works.
            var file = name.StartsWith('-') ? $"{name}-{tag}.txt" : $"{tag}-{name}.txt";
            var path = System.IO.Path.Combine(InputDir, file);
            File.WriteAllText(path, ArticleText(m));
            Entries.Add(new CorpusEntry("odd-file-name", tag, path, false, [m], []));
        }
        // A name at the file system's limit (255 bytes).
        {
            var m = NewMarker();
            var tag = "h" + (_next++).ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            var path = System.IO.Path.Combine(InputDir, tag + "-" + new string('L', 255 - 7 - 4) + ".txt");
            File.WriteAllText(path, ArticleText(m));
            Entries.Add(new CorpusEntry("odd-file-name", tag, path, false, [m], []));
        }
        // Names that are not valid UTF-8: read by their bytes, reported with SL1015.
        byte[][] raw = [[0xFF, 0xFE], [0xC3, 0x28], [0xE9, (byte)'t', (byte)'e'], [0x80, 0x80], [0xED, 0xA0, 0x80]];
        foreach (var bytes in raw)
        {
            var m = NewMarker();
            var tag = "h" + (_next++).ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            WriteRawName(InputDir, [.. Encoding.ASCII.GetBytes(tag + "-"), .. bytes, .. ".txt"u8.ToArray()], Encoding.UTF8.GetBytes(ArticleText(m)));
            Entries.Add(new CorpusEntry("non-utf8-file-name", tag, null, false, [m], ["SL1015"]));
        }
    }

    // ---------------- special files and links ----------------

    private void SpecialFiles()
    {
        for (int i = 0; i < 5; i++)
        {
            var path = NewPath("fifo", i % 2 == 0 ? ".txt" : ".html");
            if (mkfifo(path, Convert.ToUInt32("644", 8)) != 0) throw new IOException($"mkfifo failed: errno {Marshal.GetLastPInvokeError()}");
            Entries.Add(new CorpusEntry("fifo", TagOf(path), path, false, [], ["SL1013"]));
        }
        for (int i = 0; i < 3; i++)
        {
            var path = NewPath("socket", ".txt");
            // mknod, not a bound Socket: .NET unlinks a bound socket's file when the Socket is disposed.
            const uint S_IFSOCK = 0xC000;
            if (mknod(path, S_IFSOCK | Convert.ToUInt32("644", 8), 0) != 0) throw new IOException($"mknod(socket) failed: errno {Marshal.GetLastPInvokeError()}");
            Entries.Add(new CorpusEntry("socket", TagOf(path), path, false, [], ["SL1013"]));
        }
        // Loops: two links pointing at each other, a link to itself, a folder link to an ancestor.
        {
            var a = NewPath("loop-a", ".txt"); var b = NewPath("loop-b", ".txt");
            File.CreateSymbolicLink(a, b); File.CreateSymbolicLink(b, a);
            Entries.Add(new CorpusEntry("symlink-loop", TagOf(a), a, false, [], ["SL1014", "SL1008"]));
            Entries.Add(new CorpusEntry("symlink-loop", TagOf(b), b, false, [], ["SL1014", "SL1008"]));
            var self = NewPath("loop-self", ".txt");
            File.CreateSymbolicLink(self, self);
            Entries.Add(new CorpusEntry("symlink-loop", TagOf(self), self, false, [], ["SL1014", "SL1008"]));
            var sub = Directory.CreateDirectory(System.IO.Path.Combine(InputDir, "sub")).FullName;
            var up = System.IO.Path.Combine(sub, TagOfNext() + "-loop-dir");
            Directory.CreateSymbolicLink(up, InputDir);
            Entries.Add(new CorpusEntry("symlink-loop", System.IO.Path.GetFileName(up)[..6], up, false, [], ["SL1014"]));
            var m = NewMarker();
            AddText("good-article", System.IO.Path.Combine(sub, TagOfNext(good: true) + "-in-sub.txt"), ArticleText(m), true, [m]);
        }
        // Links out of the folder: to the secret file (absolute and relative), to its folder, to /dev/zero, through a chain.
        {
            var secretDir = System.IO.Path.GetDirectoryName(SecretFile)!;
            var targets = new[] { SecretFile, System.IO.Path.GetRelativePath(InputDir, SecretFile), "/dev/zero", "/etc/passwd" };
            foreach (var t in targets)
            {
                var link = NewPath("link-out", ".txt");
                File.CreateSymbolicLink(link, t);
                Entries.Add(new CorpusEntry("symlink-out", TagOf(link), link, false, [], ["SL1014"]));
            }
            var dirLink = System.IO.Path.Combine(InputDir, TagOfNext() + "-link-out-dir");
            Directory.CreateSymbolicLink(dirLink, secretDir);
            Entries.Add(new CorpusEntry("symlink-out", System.IO.Path.GetFileName(dirLink)[..6], dirLink, false, [], ["SL1014"]));
            var hop = NewPath("link-hop", ".txt"); var outward = NewPath("link-hop-out", ".txt");
            File.CreateSymbolicLink(outward, SecretFile);
            File.CreateSymbolicLink(hop, outward);
            Entries.Add(new CorpusEntry("symlink-out", TagOf(hop), hop, false, [], ["SL1014"]));
            Entries.Add(new CorpusEntry("symlink-out", TagOf(outward), outward, false, [], ["SL1014"]));
            // A link that stays inside the folder is an ordinary input.
            var m = NewMarker();
            var target = NewPath("link-target", ".txt", good: true);
            AddText("good-article", target, ArticleText(m), true, [m]);
            var inside = NewPath("link-inside", ".txt");
            File.CreateSymbolicLink(inside, target);
            Entries.Add(new CorpusEntry("symlink-inside", TagOf(inside), inside, false, [], []));
        }
    }

    private string TagOfNext(bool good = false) => (good ? "g" : "h") + (_next++).ToString("D5", System.Globalization.CultureInfo.InvariantCulture);

    // ---------------- the huge line ----------------

    private void HugeLine()
    {
        if (_o.HugeLineBytes <= 0) return;
        var path = NewPath("huge-line", ".txt");
        using (var f = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 1 << 14).Select(k => Pick(Towns).Replace(' ', '-') + " ")));
            for (long written = 0; written < _o.HugeLineBytes; written += chunk.Length) f.Write(chunk);
        }
        Entries.Add(new CorpusEntry("huge-line", TagOf(path), path, false, [], ["SL1004", "SL1017", "SL1018"]));
    }
}
