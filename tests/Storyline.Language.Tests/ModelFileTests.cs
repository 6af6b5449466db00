using Storyline.Core;
using Storyline.Language.Learning;
using Storyline.Language.Syntax;

namespace Storyline.Language.Tests;

/// <summary>
/// The committed syntax models are stored for a fast start: uncompressed, tables as raw blocks, and a
/// loaded model saves back to exactly the committed bytes (so `storyline train` output and the file agree
/// on the format, and nothing is lost in the load).
/// </summary>
public class ModelFileTests
{
    private static readonly byte[] GzipMagic = [0x1f, 0x8b];

    [Theory]
    [InlineData(PosTagger.DefaultModelFile)]
    [InlineData(DependencyParser.DefaultModelFile)]
    public void CommittedModel_IsUncompressed_AndResavesToTheSameBytes(string file)
    {
        var path = RepoPaths.Model(file);
        var committed = File.ReadAllBytes(path);
        Assert.False(committed.AsSpan().StartsWith(GzipMagic), $"{file} is gzip'd: decompression costs start-up time");
        var copy = Path.Combine(Path.GetTempPath(), $"resave-{Guid.NewGuid():N}-{file}");
        try
        {
            if (file == PosTagger.DefaultModelFile) PosTagger.Load(path).Save(copy);
            else DependencyParser.Load(path).Save(copy);
            Assert.True(committed.AsSpan().SequenceEqual(File.ReadAllBytes(copy)), $"{file}: load then save changed the bytes");
        }
        finally { File.Delete(copy); }
    }

    [Fact]
    public void Arrays_RoundTrip_AndAnImpossibleLengthIsACorruptFile()
    {
        var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            BinaryArrays.Write<ulong>(w, [1, ulong.MaxValue, 42]);
            BinaryArrays.Write<Half>(w, [(Half)0.5f, (Half)(-2f)]);
        }
        ms.Position = 0;
        using (var r = new BinaryReader(ms, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            Assert.Equal([1UL, ulong.MaxValue, 42UL], BinaryArrays.Read<ulong>(r));
            Assert.Equal([(Half)0.5f, (Half)(-2f)], BinaryArrays.Read<Half>(r));
        }
        // A length field claiming more elements than the file holds must not allocate or read past the end.
        var bad = new MemoryStream();
        using (var w = new BinaryWriter(bad, System.Text.Encoding.UTF8, leaveOpen: true)) { w.Write(int.MaxValue / 2); w.Write(7L); }
        bad.Position = 0;
        using var br = new BinaryReader(bad);
        Assert.Throws<InvalidDataException>(() => BinaryArrays.Read<ulong>(br));
    }

    [Fact]
    public void PerceptronModel_WithCorruptRowStarts_IsRejected()
    {
        var p = new AveragedPerceptron(2);
        p.Update([FeatureHash.Of(1, "a")], 1, 0);
        p.Tick();
        var model = p.Average();
        var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true)) model.Write(w);
        var bytes = ms.ToArray();
        // The last int of the row-starts block is the entry count; make it disagree with the entry blocks.
        var reread = PerceptronModel.Read(new BinaryReader(new MemoryStream(bytes)));
        Assert.Equal(model.WeightCount, reread.WeightCount);
        int startsEnd = FindStartsEnd(bytes, model.WeightCount);
        BitConverter.GetBytes(model.WeightCount + 5).CopyTo(bytes, startsEnd);
        Assert.Throws<InvalidDataException>(() => PerceptronModel.Read(new BinaryReader(new MemoryStream(bytes))));
    }

    // Offset of the final row start (== entry count) that precedes the classes block (length == entry count).
    private static int FindStartsEnd(byte[] bytes, int entries)
    {
        for (int i = bytes.Length - 8; i >= 0; i--)
            if (BitConverter.ToInt32(bytes, i) == entries && BitConverter.ToInt32(bytes, i + 4) == entries) return i;
        throw new InvalidOperationException("layout not found");
    }
}
