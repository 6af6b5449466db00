using Storyline.Core;

namespace Storyline.Language.Tests;

/// <summary>The flat read-only map models load into answers exactly as the dictionary it replaced.</summary>
public class FrozenKeyMapTests
{
    [Fact]
    public void Lookups_MatchADictionary_IncludingKeyZeroAndAbsentKeys()
    {
        var rng = new Random(7);
        var d = new Dictionary<ulong, ulong> { [0] = 42 };
        while (d.Count < 5000) d[(ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 40)] = (ulong)rng.NextInt64(1, long.MaxValue);
        var map = new FrozenKeyMap([.. d.Keys], [.. d.Values]);
        var set = new FrozenKeyMap([.. d.Keys], null);
        Assert.Equal(d.Count, map.Count);
        foreach (var (k, v) in d)
        {
            Assert.Equal(v, map.GetValueOrDefault(k));
            Assert.True(set.Contains(k));
            Assert.Equal(0UL, set.GetValueOrDefault(k));
        }
        for (int i = 0; i < 5000; i++)
        {
            ulong k = (ulong)rng.NextInt64();
            if (d.ContainsKey(k)) continue;
            Assert.False(map.Contains(k));
            Assert.Equal(0UL, map.GetValueOrDefault(k));
        }
        Assert.Equal<ulong>([.. d.Keys], map.Keys); // kept in the given order, so a resave writes the same bytes
        var empty = new FrozenKeyMap([], []);
        Assert.False(empty.Contains(0));
        Assert.False(empty.Contains(123));
    }
}
