namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>
    /// The buffers of <see cref="TwoLayerBlocked"/> for one (n, h, k), allocated once (in the benchmark's setup) so a
    /// gradient call allocates nothing: W1 transposed (n by h padded), W2 transposed (h by k padded) and padded (k by h
    /// padded, for the hidden layer's adjoint), their gradients, the padded biases, the tile's activations, logits,
    /// targets (both also transposed) and hidden adjoints, and zero-padded copies of the last rows.
    /// </summary>
    public sealed class TwoLayerBlockedWorkspace
    {
        public TwoLayerBlockedWorkspace(int n, int h, int k)
        {
            N = n;
            H = h;
            K = k;
            int hidden = Tiling.RoundUp(h, Tiling.WidestLanes);
            int classes = Tiling.RoundUp(k, Tiling.WidestLanes);
            HiddenWeights = new double[n * hidden];
            HiddenGradient = new double[n * hidden];
            HiddenBias = new double[hidden];
            HiddenBiasGradient = new double[hidden];
            OutputWeights = new double[h * classes];
            OutputWeightRows = new double[k * hidden];
            OutputGradient = new double[h * classes];
            OutputBias = new double[classes];
            OutputBiasGradient = new double[classes];
            NoBias = new double[hidden];
            Activations = new double[Tiling.Rows * hidden];
            HiddenAdjoints = new double[Tiling.Rows * hidden];
            Logits = new double[Tiling.Rows * classes];
            Targets = new double[Tiling.Rows * classes];
            Columns = new double[classes * Tiling.Rows];
            TargetColumns = new double[classes * Tiling.Rows];
            TailRows = new double[Tiling.Rows * n];
        }

        public int N { get; }

        public int H { get; }

        public int K { get; }

        /// <summary>W1 transposed: n rows of the h hidden units, padded.</summary>
        internal double[] HiddenWeights { get; }

        internal double[] HiddenGradient { get; }

        internal double[] HiddenBias { get; }

        internal double[] HiddenBiasGradient { get; }

        /// <summary>W2 transposed: h rows of the k classes, padded.</summary>
        internal double[] OutputWeights { get; }

        /// <summary>W2 as it is (k rows of h), each row padded: the hidden layer's adjoint da = W2^T dz reads it.</summary>
        internal double[] OutputWeightRows { get; }

        internal double[] OutputGradient { get; }

        internal double[] OutputBias { get; }

        internal double[] OutputBiasGradient { get; }

        /// <summary>Zeros: the "bias" of the adjoint product.</summary>
        internal double[] NoBias { get; }

        internal double[] Activations { get; }

        internal double[] HiddenAdjoints { get; }

        internal double[] Logits { get; }

        internal double[] Targets { get; }

        /// <summary>The tile's logits, then dL/dz, transposed: lanes along the rows.</summary>
        internal double[] Columns { get; }

        internal double[] TargetColumns { get; }

        internal double[] TailRows { get; }
    }
}
