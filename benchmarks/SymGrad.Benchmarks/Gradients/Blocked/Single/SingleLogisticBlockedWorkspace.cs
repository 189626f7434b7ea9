namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>
    /// The buffers of <see cref="SingleLogisticBlocked"/> for one feature count, allocated once (in the benchmark's
    /// setup) so a gradient call allocates nothing: the weights padded with zeros to whole vectors, the padded gradient,
    /// and the last rows copied with zero padding (the direct tiles read whole vectors past a row's end, into the next
    /// row): two tiles of them, since up to 31 rows are not direct (a tile's worth, and up to 16 a padded read from the
    /// last row could reach).
    /// </summary>
    public sealed class SingleLogisticBlockedWorkspace
    {
        public SingleLogisticBlockedWorkspace(int n)
        {
            N = n;
            int paddedN = SingleTiling.RoundUp(n, SingleTiling.WidestLanes);
            Weights = new float[paddedN];
            Gradient = new float[paddedN];
            TailRows = new float[2 * SingleTiling.Rows * paddedN];
            TailTargets = new float[2 * SingleTiling.Rows];
        }

        public int N { get; }

        internal float[] Weights { get; }

        internal float[] Gradient { get; }

        internal float[] TailRows { get; }

        internal float[] TailTargets { get; }
    }
}
