using System.Runtime.CompilerServices;

namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>Column sums over a float tile's rows, for the bias gradients.</summary>
    internal static class SingleTileSums
    {
        /// <summary>sum[o] += sum_r rows[r, o] over a tile's rows: a bias gradient.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void AddRows<TLanes, TVec>(ref float rows, int width, ref float sum)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            for (nint o = 0; o < width; o += TLanes.Count)
            {
                TVec total = TLanes.Load(ref sum, o);
                for (nint r = 0; r < SingleTiling.Rows; r++)
                {
                    total = TLanes.Add(total, TLanes.Load(ref rows, r * width + o));
                }

                TLanes.Store(total, ref sum, o);
            }
        }
    }
}
