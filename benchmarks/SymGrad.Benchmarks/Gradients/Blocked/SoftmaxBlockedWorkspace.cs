namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>
    /// The buffers of <see cref="SoftmaxBlocked"/> for one (n, k), allocated once (in the benchmark's setup) so a
    /// gradient call allocates nothing: the transposed weights and their gradient (n by k padded to whole vectors), the
    /// padded biases and their gradient, the tile's logits and targets (and both transposed), and zero-padded copies of
    /// the last rows.
    /// </summary>
    public sealed class SoftmaxBlockedWorkspace
    {
        public SoftmaxBlockedWorkspace(int n, int k)
        {
            N = n;
            K = k;
            int width = Tiling.RoundUp(k, Tiling.WidestLanes);
            TransposedWeights = new double[n * width];
            TransposedGradient = new double[n * width];
            Bias = new double[width];
            BiasGradient = new double[width];
            Logits = new double[Tiling.Rows * width];
            Targets = new double[Tiling.Rows * width];
            Columns = new double[width * Tiling.Rows];
            TargetColumns = new double[width * Tiling.Rows];
            TailRows = new double[Tiling.Rows * n];
        }

        public int N { get; }

        public int K { get; }

        internal double[] TransposedWeights { get; }

        internal double[] TransposedGradient { get; }

        internal double[] Bias { get; }

        internal double[] BiasGradient { get; }

        internal double[] Logits { get; }

        internal double[] Targets { get; }

        /// <summary>The tile's logits, then dL/dz, transposed: lanes along the rows.</summary>
        internal double[] Columns { get; }

        internal double[] TargetColumns { get; }

        internal double[] TailRows { get; }
    }
}
