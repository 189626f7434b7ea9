namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>
    /// The buffers of <see cref="SingleSoftmaxBlocked"/> for one (n, k), allocated once (in the benchmark's setup) so a
    /// gradient call allocates nothing: the transposed weights and their gradient (n by k padded to whole vectors), the
    /// padded biases and their gradient, the tile's logits and targets (and both transposed), and zero-padded copies of
    /// the last rows.
    /// </summary>
    public sealed class SingleSoftmaxBlockedWorkspace
    {
        public SingleSoftmaxBlockedWorkspace(int n, int k)
        {
            N = n;
            K = k;
            int width = SingleTiling.RoundUp(k, SingleTiling.WidestLanes);
            TransposedWeights = new float[n * width];
            TransposedGradient = new float[n * width];
            Bias = new float[width];
            BiasGradient = new float[width];
            Logits = new float[SingleTiling.Rows * width];
            Targets = new float[SingleTiling.Rows * width];
            Columns = new float[width * SingleTiling.Rows];
            TargetColumns = new float[width * SingleTiling.Rows];
            TailRows = new float[SingleTiling.Rows * n];
        }

        public int N { get; }

        public int K { get; }

        internal float[] TransposedWeights { get; }

        internal float[] TransposedGradient { get; }

        internal float[] Bias { get; }

        internal float[] BiasGradient { get; }

        internal float[] Logits { get; }

        internal float[] Targets { get; }

        /// <summary>The tile's logits, then dL/dz, transposed: lanes along the rows.</summary>
        internal float[] Columns { get; }

        internal float[] TargetColumns { get; }

        internal float[] TailRows { get; }
    }
}
