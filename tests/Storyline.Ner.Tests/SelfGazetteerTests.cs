using Storyline.Ner.Features;
using Storyline.Ner.Model;
using Storyline.Ner.Resources;

namespace Storyline.Ner.Tests;

public class SelfGazetteerTests
{
    [Fact]
    public void AddTo_KeepsNamesTaggedOftenWithOneType_AndDropsRareOnes()
    {
        string[] often = ["The", "minister", "flew", "to", "London", "on", "Monday", "."];
        string[] rare = ["Officials", "in", "Paris", "said", "nothing", "."];
        var sentences = new List<string[]> { often, often, often, rare };
        var g = new Gazetteer();
        var added = SelfGazetteer.AddTo(g, NerModel.Default, sentences, minCount: 3, minShare: 0.8);

        Assert.Equal(1, added["LOC"]);
        Assert.Equal(0, added["PER"] + added["ORG"] + added["MISC"]);
        Assert.Equal(1UL << g.ListId("auto.LOC"), Match(g, "London"));
        Assert.Equal(0UL, Match(g, "Paris")); // tagged once: below minCount
    }

    [Fact]
    public void AddTo_SameInput_GivesSameLists()
    {
        string[] s = ["Shares", "of", "Microsoft", "rose", "in", "New", "York", "."];
        var a = new Gazetteer();
        var b = new Gazetteer();
        SelfGazetteer.AddTo(a, NerModel.Default, [s, s, s], 2, 0.8);
        SelfGazetteer.AddTo(b, NerModel.Default, [s, s, s], 2, 0.8);
        Assert.Equal(Bytes(a), Bytes(b));
        Assert.True(a.Count >= 2);
    }

    [Fact]
    public void RecentGoldIds_AreLeftOutOfTheUnlabelledText()
    {
        var ids = UnlabelledText.RecentGoldIds();
        Assert.Equal(67, ids.Count);
        Assert.All(ids, id => Assert.Equal(64, id.Length));
    }

    private static ulong Match(Gazetteer g, string word)
    {
        Span<ulong> masks = stackalloc ulong[Gazetteer.MaxTokens];
        g.MatchAt([TextHash.Of(word)], 0, false, masks);
        return masks[0];
    }

    private static byte[] Bytes(Gazetteer g)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms)) g.Write(w);
        return ms.ToArray();
    }
}
