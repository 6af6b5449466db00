using Storyline.Language.Learning;

namespace Storyline.Language.Tests;

/// <summary>
/// The frozen model's scoring (batched, prefetching, through pointers) against the straightforward dictionary
/// scoring of the training perceptron: the same sums, bit for bit, so parses and tags do not change.
/// </summary>
public class PerceptronScoringTests
{
    [Fact]
    [Trait("Issue", "13")]
    public void FrozenScores_EqualStraightforwardScores_BitForBit()
    {
        const int Classes = 103, Features = 5000;
        var rng = new Random(13);
        var p = new AveragedPerceptron(Classes);
        var keys = new ulong[Features];
        for (int i = 0; i < Features; i++)
        {
            keys[i] = FeatureHash.Of(1, i);
            // Rows of 1 to 40 entries: single entries and rows over several cache lines.
            int entries = i % 7 == 0 ? 1 + rng.Next(40) : 1 + rng.Next(3);
            for (int e = 0; e < entries; e++) p.Update([keys[i]], rng.Next(Classes), (float)(rng.NextDouble() * 2 - 1));
        }
        // One instance: the averaged weights are the current ones, stored in the same order.
        p.Tick();
        var model = p.Average();
        var expected = new float[Classes];
        var got = new float[Classes + 5];
        for (int q = 0; q < 200; q++)
        {
            // More features than one prefetch batch, with unknown features and repeats among them.
            var feats = new ulong[1 + rng.Next(300)];
            for (int i = 0; i < feats.Length; i++)
                feats[i] = rng.Next(4) == 0 ? FeatureHash.Of(2, rng.Next()) : keys[rng.Next(Features)];
            p.Score(feats, expected);
            model.Score(feats, got);
            Assert.Equal(expected, got.AsSpan(0, Classes).ToArray());
        }
    }
}
