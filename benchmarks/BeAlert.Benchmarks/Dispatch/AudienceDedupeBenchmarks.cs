using BeAlert.Dispatch;
using BenchmarkDotNet.Attributes;

namespace BeAlert.Benchmarks.Dispatch;

/// <summary>
/// One message per person: 1,500,000 matched address points owned by 1,000,000 people (a third of them with several
/// addresses matched, in grid order, as an area query meets them) reduced to the distinct people, then walked in
/// order. Baseline: a <c>HashSet&lt;long&gt;</c> of owner ids, what a developer writes first. Ours: one bit per subscriber
/// (the resolver's set: 125 KB for a million people), marked and then walked word by word.
/// </summary>
[MemoryDiagnoser]
public class AudienceDedupeBenchmarks
{
    private const int People = 1_000_000;
    private const int Points = 1_500_000;
    private int[] _owners = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20260305);
        _owners = new int[Points];
        for (var i = 0; i < Points; i++)
        {
            _owners[i] = i < People ? i : random.Next(People);
        }

        random.Shuffle(_owners);
        if (HashSetOfIds() != BitSet())
        {
            throw new InvalidOperationException("The approaches disagree.");
        }
    }

    [Benchmark(Baseline = true, Description = "HashSet<long>")]
    public long HashSetOfIds()
    {
        var seen = new HashSet<long>();
        foreach (var owner in _owners)
        {
            seen.Add(owner + 1L);
        }

        long sum = 0;
        foreach (var id in seen)
        {
            sum += id;
        }

        return sum;
    }

    [Benchmark(Description = "bit set per subscriber index")]
    public long BitSet()
    {
        var bits = new ulong[(People + 63) / 64];
        foreach (var owner in _owners)
        {
            SubscriberDirectory.Mark(bits, owner);
        }

        long sum = 0;
        for (var w = 0; w < bits.Length; w++)
        {
            for (var word = bits[w]; word != 0; word &= word - 1)
            {
                sum += (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word) + 1L;
            }
        }

        return sum;
    }
}
