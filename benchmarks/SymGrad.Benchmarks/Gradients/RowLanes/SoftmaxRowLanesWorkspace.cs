using SymGrad.Benchmarks.Gradients.Blocked;

namespace SymGrad.Benchmarks.Gradients.RowLanes
{
    /// <summary>
    /// The buffers of <see cref="SoftmaxRowLanes"/> for one (n, k), allocated once (in the benchmark's setup) so a
    /// gradient call allocates nothing. Rows lie in lanes: a chunk's x and logits are stored transposed, one row of
    /// <see cref="Chunk"/> values per feature or class.
    /// </summary>
    public sealed class SoftmaxRowLanesWorkspace
    {
        /// <summary>Rows per chunk: a multiple of eight (the softmax takes two groups of four rows at a time).</summary>
        public const int Chunk = 128;

        /// <summary>Classes per block of both products (five per block, two row groups or two features: ten accumulators).</summary>
        public const int ClassBlock = 5;

        /// <summary>Features per block of the weight gradient's product.</summary>
        public const int FeatureBlock = 2;

        public SoftmaxRowLanesWorkspace(int n, int k)
        {
            N = n;
            K = k;
            PaddedFeatures = Tiling.RoundUp(n, FeatureBlock);
            PaddedClasses = Tiling.RoundUp(k, ClassBlock);
            Columns = new double[PaddedFeatures * Chunk];
            Logits = new double[PaddedClasses * Chunk];
            Weights = new double[PaddedClasses * n];
            Bias = new double[PaddedClasses];
            WeightGradient = new double[PaddedClasses * PaddedFeatures];
            BiasGradient = new double[PaddedClasses];
            TargetLanes = new double[k * 8];
            TailRows = new double[4 * n];
            TailTargets = new double[8 * k];
        }

        public int N { get; }

        public int K { get; }

        /// <summary>n rounded up to <see cref="FeatureBlock"/>; the padding rows of <see cref="Columns"/> stay 0.</summary>
        internal int PaddedFeatures { get; }

        /// <summary>k rounded up to <see cref="ClassBlock"/>; the padding classes have zero weights and bias.</summary>
        internal int PaddedClasses { get; }

        /// <summary>The chunk's x transposed: feature j's values for the chunk's rows at [j * Chunk].</summary>
        internal double[] Columns { get; }

        /// <summary>The chunk's logits, then their exps, then dL/dz, class c's at [c * Chunk].</summary>
        internal double[] Logits { get; }

        /// <summary>W with zero rows past k.</summary>
        internal double[] Weights { get; }

        internal double[] Bias { get; }

        /// <summary>dW's sums over the rows (not yet divided by m), PaddedClasses by PaddedFeatures.</summary>
        internal double[] WeightGradient { get; }

        internal double[] BiasGradient { get; }

        /// <summary>Eight rows' targets, class c's at [c * 8].</summary>
        internal double[] TargetLanes { get; }

        /// <summary>A last group's rows, zero-padded to four.</summary>
        internal double[] TailRows { get; }

        /// <summary>A last pair of groups' targets, zero-padded to eight rows.</summary>
        internal double[] TailTargets { get; }
    }
}
