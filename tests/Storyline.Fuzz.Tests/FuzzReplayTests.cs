using System.Text;
using Storyline.Core;

namespace Storyline.Fuzz.Tests;

/// <summary>
/// The short CI run of the fuzz targets (fuzz/README.md has the long AFL++ run): every seed of fuzz/corpus/&lt;target&gt;/
/// and a deterministic in-process mutation loop (seeded: bit flips, truncation, splicing, inserted tags, escapes, BOMs
/// and charset declarations) through each target. Contract: no exception but <see cref="StorylineException"/>, and
/// bounded CPU time per input.
/// </summary>
public class FuzzReplayTests
{
    /// <summary>CPU seconds one small input may cost (they cost milliseconds; a hang or blow-up costs far more).</summary>
    private const double MaxCpuSecondsPerInput = 2.0;
    /// <summary>Mutated inputs per target: ~20–30 s for the three targets together on this machine (html costs most per input).</summary>
    private static int Mutations(string target) => target == "html" ? 300 : 1200;
    private const int Seed = 20261204;

    public static TheoryData<string> TargetNames() => new(Targets.Names);

    private static List<byte[]> Corpus(string target)
    {
        var dir = Path.Combine(TestEnvironment.RepoRoot, "fuzz", "corpus", target);
        return Directory.GetFiles(dir).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
    }

    private static void Check(string target, Action<byte[]> run, byte[] input, string what)
    {
        double cpu = ThreadCpu.Seconds();
        try { run(input); }
        catch (StorylineException) { }
        catch (Exception ex)
        {
            Assert.Fail($"{target}: {what} threw {ex.GetType().Name}: {ex.Message}\ninput (base64): {Convert.ToBase64String(input.AsSpan(0, Math.Min(input.Length, 4096)))}");
        }
        double spent = ThreadCpu.Seconds() - cpu;
        Assert.True(spent < MaxCpuSecondsPerInput, $"{target}: {what} took {spent:0.00} s CPU ({input.Length} bytes)");
    }

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void Corpus_And_Mutations_KeepTheContract(string target)
    {
        var run = Targets.Get(target);
        var corpus = Corpus(target);
        Assert.NotEmpty(corpus);
        for (int i = 0; i < corpus.Count; i++) Check(target, run, corpus[i], $"seed {i}");
        var mutator = new Mutator(Seed + Array.IndexOf(Targets.Names, target), corpus);
        for (int i = 0, n = Mutations(target); i < n; i++) Check(target, run, mutator.Next(), $"mutation {i}");
    }
}

/// <summary>A deterministic byte mutator (seeded): the same seed gives the same inputs on every run.</summary>
public sealed class Mutator(int seed, IReadOnlyList<byte[]> corpus)
{
    private readonly Random _rng = new(seed);

    private static readonly byte[][] Tokens =
    [
        .. new[]
        {
            "<", ">", "</", "<!--", "-->", "<script>", "</script>", "<b>", "<i>", "</b>", "<table>", "<td>", "<p>", "<div>", "</div>",
            "<svg>", "<math>", "<template>", "<select>", "<option>", "&amp;", "&#0;", "&#x110000;", "&#xD800;", "\\ud800", "\\u0000",
            "\"", "'", "{", "}", "[", "]", ":", ",", "\n", "\r\n", "\0", "<meta charset=\"utf-7\">", "<meta charset=\"x-bogus\">",
            "<?xml version=\"1.0\" encoding=\"utf-16\"?>", "<!DOCTYPE x [<!ENTITY a \"aaaaaaaa\">]>", "&a;", "Content-Length: 99999999\r\n",
            "WARC/1.0\r\n", "charset=utf-7", "2024-13-45T99:99:99Z", "Mon, 32 Foo 2024", "By ", "(AP) — ",
        }.Select(Encoding.UTF8.GetBytes),
        [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0x1F, 0x8B, 0x08, 0x00], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
    ];

    public byte[] Next()
    {
        var data = new List<byte>(corpus[_rng.Next(corpus.Count)]);
        int steps = 1 + _rng.Next(8);
        for (int s = 0; s < steps; s++)
        {
            switch (_rng.Next(7))
            {
                case 0 when data.Count > 0: // bit flip
                    int at = _rng.Next(data.Count);
                    data[at] ^= (byte)(1 << _rng.Next(8));
                    break;
                case 1 when data.Count > 0: // truncation
                    int cut = _rng.Next(data.Count);
                    data.RemoveRange(cut, data.Count - cut);
                    break;
                case 2: // splice with another seed
                    var other = corpus[_rng.Next(corpus.Count)];
                    int from = _rng.Next(other.Length + 1), len = _rng.Next(other.Length - from + 1);
                    data.InsertRange(_rng.Next(data.Count + 1), other.AsSpan(from, len).ToArray());
                    break;
                case 3: // insert a token
                    data.InsertRange(_rng.Next(data.Count + 1), Tokens[_rng.Next(Tokens.Length)]);
                    break;
                case 4: // repeat a token many times (nesting, long runs)
                    var tok = Tokens[_rng.Next(Tokens.Length)];
                    int times = 1 + _rng.Next(2000);
                    int pos = _rng.Next(data.Count + 1);
                    for (int k = 0; k < times; k++) data.InsertRange(pos, tok);
                    break;
                case 5 when data.Count > 0: // random byte
                    data[_rng.Next(data.Count)] = (byte)_rng.Next(256);
                    break;
                case 6 when data.Count > 1: // delete a range
                    int a = _rng.Next(data.Count), b = Math.Min(data.Count, a + 1 + _rng.Next(64));
                    data.RemoveRange(a, b - a);
                    break;
            }
        }
        return [.. data];
    }
}
