using Storyline.Ner.Model;

namespace Storyline.Ner.Tests;

/// <summary>
/// The committed NER model is stored for a fast start (uncompressed, tables as raw blocks) and loses
/// nothing on the way: a loaded model saves back to the committed bytes and tags the same after saving.
/// </summary>
public class NerModelFileTests
{
    [Fact]
    public void CommittedModel_IsUncompressed_AndResavesToTheSameBytes()
    {
        var path = RepoPaths.Model(NerModel.FileName);
        var committed = File.ReadAllBytes(path);
        Assert.False(committed.AsSpan().StartsWith((byte[])[0x1f, 0x8b]), "ner model is gzip'd: decompression costs start-up time");
        var copy = Path.Combine(Path.GetTempPath(), $"ner-resave-{Guid.NewGuid():N}.bin");
        try
        {
            var model = NerModel.Load(path);
            model.Save(copy);
            Assert.True(committed.AsSpan().SequenceEqual(File.ReadAllBytes(copy)), "load then save changed the model bytes");

            string[] words = ["Maria", "Kovacs", "of", "Deltronic", "Systems", "flew", "to", "Lisbon", "on", "Monday", "."];
            var again = NerModel.Load(copy);
            Assert.Equal(model.Tag(words, [0]), again.Tag(words, [0]));
            Assert.Equal(model.Passes[0].Weights.Rows, again.Passes[0].Weights.Rows);
        }
        finally { File.Delete(copy); }
    }

    [Fact]
    public void TruncatedModelFile_FailsWithAClearError()
    {
        var bytes = File.ReadAllBytes(RepoPaths.Model(NerModel.FileName));
        var cut = Path.Combine(Path.GetTempPath(), $"ner-cut-{Guid.NewGuid():N}.bin");
        try
        {
            File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
            var ex = Record.Exception(() => NerModel.Load(cut));
            Assert.True(ex is InvalidDataException or EndOfStreamException, $"unexpected {ex?.GetType().Name}");
        }
        finally { File.Delete(cut); }
    }
}
