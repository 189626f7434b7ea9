using SymGrad.Benchmarks.Gradients.Blocked;

namespace SymGrad.Benchmarks.Gradients.RowLanes
{
    /// <summary>
    /// The buffers of <see cref="SingleSoftmaxRowLanes"/> for one (n, k), allocated once so a gradient call allocates
    /// nothing: as <see cref="SoftmaxRowLanesWorkspace"/>, in <c>float</c>, eight rows a vector.
    /// </summary>
    public sealed class SingleSoftmaxRowLanesWorkspace
    {
        /// <summary>Rows per chunk: a multiple of sixteen (the softmax takes two groups of eight rows at a time).</summary>
        public const int Chunk = 128;

        public SingleSoftmaxRowLanesWorkspace(int n, int k)
        {
            N = n;
            K = k;
            PaddedFeatures = Tiling.RoundUp(n, SoftmaxRowLanesWorkspace.FeatureBlock);
            PaddedClasses = Tiling.RoundUp(k, SoftmaxRowLanesWorkspace.ClassBlock);
            Columns = new float[PaddedFeatures * Chunk];
            Logits = new float[PaddedClasses * Chunk];
            Weights = new float[PaddedClasses * n];
            Bias = new float[PaddedClasses];
            WeightGradient = new float[PaddedClasses * PaddedFeatures];
            BiasGradient = new float[PaddedClasses];
            TargetLanes = new float[k * 16];
            TailRows = new float[8 * n];
            TailTargets = new float[16 * k];
        }

        public int N { get; }

        public int K { get; }

        internal int PaddedFeatures { get; }

        internal int PaddedClasses { get; }

        /// <summary>The chunk's x transposed: feature j's values for the chunk's rows at [j * Chunk].</summary>
        internal float[] Columns { get; }

        /// <summary>The chunk's logits, then their exps, then dL/dz, class c's at [c * Chunk].</summary>
        internal float[] Logits { get; }

        internal float[] Weights { get; }

        internal float[] Bias { get; }

        internal float[] WeightGradient { get; }

        internal float[] BiasGradient { get; }

        /// <summary>Sixteen rows' targets, class c's at [c * 16].</summary>
        internal float[] TargetLanes { get; }

        /// <summary>A last group's rows, zero-padded to eight.</summary>
        internal float[] TailRows { get; }

        /// <summary>A last pair of groups' targets, zero-padded to sixteen rows.</summary>
        internal float[] TailTargets { get; }
    }
}
