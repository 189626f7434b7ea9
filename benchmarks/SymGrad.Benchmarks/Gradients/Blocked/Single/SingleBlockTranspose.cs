using System.Runtime.CompilerServices;

namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>Square block transposes between a float tile's rows-in-memory and rows-in-lanes layouts.</summary>
    internal static class SingleBlockTranspose
    {
        /// <summary>
        /// Transposes the <paramref name="rows"/> by <paramref name="columns"/> matrix at <paramref name="source"/> (a
        /// multiple of the vector width each) into <paramref name="destination"/>, Count by Count blocks at a time.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Matrix<TLanes, TVec>(ref float source, nint sourceStride, int rows, int columns, ref float destination, nint destinationStride)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            int v = TLanes.Count;
            for (nint r = 0; r < rows; r += v)
            {
                for (nint c = 0; c < columns; c += v)
                {
                    TLanes.Transpose(ref Unsafe.Add(ref source, r * sourceStride + c), sourceStride, ref Unsafe.Add(ref destination, c * destinationStride + r), destinationStride);
                }
            }
        }

        /// <summary>The element-by-element transpose of a count by count block, where the shuffles are not supported.</summary>
        public static void Scalar(ref float source, nint sourceStride, ref float destination, nint destinationStride, int count)
        {
            for (nint r = 0; r < count; r++)
            {
                for (nint c = 0; c < count; c++)
                {
                    Unsafe.Add(ref destination, c * destinationStride + r) = Unsafe.Add(ref source, r * sourceStride + c);
                }
            }
        }
    }
}
