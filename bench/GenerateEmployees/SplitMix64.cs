namespace FastApiLearning.Bench.GenerateEmployees;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a few lines whose sequence for a seed is fixed here,
/// not by whichever runtime's <see cref="Random"/> runs it, so a seed means the same file everywhere.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, <paramref name="bound"/>); the bias of the modulo is below 2^-40 for the bounds used here.</summary>
    public int Below(int bound) => (int)(Next() % (ulong)bound);
}
