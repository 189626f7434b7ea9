namespace SymGrad.Benchmarks.Workloads
{
    /// <summary>
    /// The size of one workload instance: m rows of n features, k classes, h hidden units (0 where a
    /// workload has none). <see cref="IsSmall"/> sizes also run the peers that are too slow for the
    /// large ones (finite differences and TorchSharp's op-by-op translation).
    /// </summary>
    public sealed class Shape
    {
        public Shape(string name, int m, int n, int k, int h, bool isSmall)
        {
            Name = name;
            M = m;
            N = n;
            K = k;
            H = h;
            IsSmall = isSmall;
        }

        public string Name { get; }

        public int M { get; }

        public int N { get; }

        public int K { get; }

        public int H { get; }

        public bool IsSmall { get; }

        public override string ToString() => Name;
    }
}
