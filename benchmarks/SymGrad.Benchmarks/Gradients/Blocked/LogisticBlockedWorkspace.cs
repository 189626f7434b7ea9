namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>
    /// The buffers of <see cref="LogisticBlocked"/> for one feature count, allocated once (in the benchmark's setup) so
    /// a gradient call allocates nothing: the weights padded with zeros to whole vectors, the padded gradient, and the
    /// last rows copied with zero padding (the direct tiles read whole vectors past a row's end, into the next row).
    /// </summary>
    public sealed class LogisticBlockedWorkspace
    {
        public LogisticBlockedWorkspace(int n)
        {
            N = n;
            PaddedN = Tiling.RoundUp(n, Tiling.WidestLanes);
            Weights = new double[PaddedN];
            Gradient = new double[PaddedN];
            TailRows = new double[Tiling.Rows * PaddedN];
            TailTargets = new double[Tiling.Rows];
        }

        public int N { get; }

        internal int PaddedN { get; }

        internal double[] Weights { get; }

        internal double[] Gradient { get; }

        internal double[] TailRows { get; }

        internal double[] TailTargets { get; }
    }
}
