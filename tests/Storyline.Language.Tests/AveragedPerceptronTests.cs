using Storyline.Language.Learning;

namespace Storyline.Language.Tests;

public class AveragedPerceptronTests
{
    private const int Bias = 0, Word = 1;

    private static ulong[] Feats(string w) => [FeatureHash.Of(Bias, ""), FeatureHash.Of(Word, w), FeatureHash.Of(Word, w.AsSpan(w.Length - 2))];

    private static readonly (string Word, int Cls)[] Data =
    [
        ("running", 1), ("nation", 0), ("walking", 1), ("station", 0), ("eating", 1), ("motion", 0), ("singing", 1), ("relation", 0),
    ];

    private static AveragedPerceptron Train()
    {
        var p = new AveragedPerceptron(["NOUN", "VERB"]);
        for (int epoch = 0; epoch < 10; epoch++)
            foreach (var (w, c) in Data)
            {
                var f = Feats(w);
                p.Update(f, c, p.Predict(f));
            }
        return p;
    }

    [Fact]
    public void LearnsSeparableData_AndGeneralisesBySuffix()
    {
        var model = Train().Average();
        foreach (var (w, c) in Data) Assert.Equal(c, model.Predict(Feats(w)));
        // Unseen word: only the "ng" suffix feature decides.
        Assert.Equal(1, model.Predict(Feats("jumping")));
        Assert.Equal(0, model.Predict(Feats("lotion")));
        Assert.Equal(["NOUN", "VERB"], model.Labels);
    }

    [Fact]
    public void SaveLoad_RoundTrips_Scores()
    {
        var model = Train().Average();
        var path = Path.Combine(Path.GetTempPath(), $"ap-{Guid.NewGuid():N}.bin.gz");
        try
        {
            model.Save(path);
            var loaded = PerceptronModel.Load(path);
            Assert.Equal(model.FeatureCount, loaded.FeatureCount);
            Assert.Equal(model.Labels, loaded.Labels);
            var a = new float[2];
            var b = new float[2];
            foreach (var (w, _) in Data)
            {
                model.Score(Feats(w), a);
                loaded.Score(Feats(w), b);
                Assert.Equal(a, b);
            }
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Averaging_DiffersFromLastWeights_AndPruningDropsSmallWeights()
    {
        var p = new AveragedPerceptron(2);
        ulong f = FeatureHash.Of(Word, "x");
        // The update made at instance 1 is in force for the 9 later instances of 10: average 0.9 (and -0.9).
        p.Update([f], 1, 0);
        for (int i = 0; i < 9; i++) p.Tick();
        var s = new float[2];
        p.Average().Score([f], s);
        Assert.Equal(0.9f, s[1], 3);
        Assert.Equal(-0.9f, s[0], 3);
        p.Score([f], s);
        Assert.Equal(1f, s[1]);
        Assert.Equal(0, p.Average(pruneBelow: 0.95f).FeatureCount);
    }

    [Fact]
    public void FeatureHash_IsStable_AndPartAware()
    {
        Assert.Equal(FeatureHash.Of(3, "ab", "c"), FeatureHash.Of(3, "ab", "c"));
        Assert.NotEqual(FeatureHash.Of(3, "ab", "c"), FeatureHash.Of(3, "a", "bc"));
        Assert.NotEqual(FeatureHash.Of(3, "ab"), FeatureHash.Of(4, "ab"));
        // Pinned value: saved models depend on the hash never changing.
        Assert.Equal(FeatureHash.Of("w=the"), FeatureHash.Of("w=the".AsSpan()));
    }
}
