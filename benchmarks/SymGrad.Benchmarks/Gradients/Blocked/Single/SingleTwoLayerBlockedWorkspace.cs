namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>
    /// The buffers of <see cref="SingleTwoLayerBlocked"/> for one (n, h, k), allocated once (in the benchmark's setup)
    /// so a gradient call allocates nothing: W1 transposed (n by h padded), W2 transposed (h by k padded) and padded (k
    /// by h padded, for the hidden layer's adjoint), their gradients, the padded biases, the tile's activations, logits,
    /// targets (both also transposed) and hidden adjoints, and zero-padded copies of the last rows.
    /// </summary>
    public sealed class SingleTwoLayerBlockedWorkspace
    {
        public SingleTwoLayerBlockedWorkspace(int n, int h, int k)
        {
            N = n;
            H = h;
            K = k;
            int hidden = SingleTiling.RoundUp(h, SingleTiling.WidestLanes);
            int classes = SingleTiling.RoundUp(k, SingleTiling.WidestLanes);
            HiddenWeights = new float[n * hidden];
            HiddenGradient = new float[n * hidden];
            HiddenBias = new float[hidden];
            HiddenBiasGradient = new float[hidden];
            OutputWeights = new float[h * classes];
            OutputWeightRows = new float[k * hidden];
            OutputGradient = new float[h * classes];
            OutputBias = new float[classes];
            OutputBiasGradient = new float[classes];
            NoBias = new float[hidden];
            Activations = new float[SingleTiling.Rows * hidden];
            HiddenAdjoints = new float[SingleTiling.Rows * hidden];
            Logits = new float[SingleTiling.Rows * classes];
            Targets = new float[SingleTiling.Rows * classes];
            Columns = new float[classes * SingleTiling.Rows];
            TargetColumns = new float[classes * SingleTiling.Rows];
            TailRows = new float[SingleTiling.Rows * n];
        }

        public int N { get; }

        public int H { get; }

        public int K { get; }

        /// <summary>W1 transposed: n rows of the h hidden units, padded.</summary>
        internal float[] HiddenWeights { get; }

        internal float[] HiddenGradient { get; }

        internal float[] HiddenBias { get; }

        internal float[] HiddenBiasGradient { get; }

        /// <summary>W2 transposed: h rows of the k classes, padded.</summary>
        internal float[] OutputWeights { get; }

        /// <summary>W2 as it is (k rows of h), each row padded: the hidden layer's adjoint da = W2^T dz reads it.</summary>
        internal float[] OutputWeightRows { get; }

        internal float[] OutputGradient { get; }

        internal float[] OutputBias { get; }

        internal float[] OutputBiasGradient { get; }

        /// <summary>Zeros: the "bias" of the adjoint product.</summary>
        internal float[] NoBias { get; }

        internal float[] Activations { get; }

        internal float[] HiddenAdjoints { get; }

        internal float[] Logits { get; }

        internal float[] Targets { get; }

        /// <summary>The tile's logits, then dL/dz, transposed: lanes along the rows.</summary>
        internal float[] Columns { get; }

        internal float[] TargetColumns { get; }

        internal float[] TailRows { get; }
    }
}
