using System;

namespace TallyfyPS.Sandbox;

/// <summary>Thread-safe seeded random for reproducible fault decisions.</summary>
public sealed class FaultRandom
{
    private readonly object _gate = new object();
    private Random _random = new Random(1);

    public void Reseed(int seed)
    {
        lock (_gate) { _random = new Random(seed); }
    }

    public double NextDouble()
    {
        lock (_gate) { return _random.NextDouble(); }
    }

    public int Next(int max)
    {
        lock (_gate) { return _random.Next(max); }
    }
}
