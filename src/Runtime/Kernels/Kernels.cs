using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace SymGrad
{
    /// <summary>
    /// Vector kernels that generated gradient code calls for whole loops (issue 12). Each gives exactly the
    /// bits of the scalar loop it replaces: it performs the same operations on each element, only several
    /// elements at a time (no fused multiply-add, no change of order). Like the generated methods that call
    /// them, they are compiled fully optimised at once (dynamic PGO's tiers made them slower in some call patterns).
    /// </summary>
    public static class Kernels
    {
        /// <summary>
        /// <c>destination[destinationStart + k] += scale * source[sourceStart + k]</c> for k in [0, count): the reverse
        /// sweep's update of an adjoint array by a scaled data row (<c>dw[j] += dz * x[i * n + j]</c>). A count of zero or
        /// less does nothing, as the loop it replaces.
        /// </summary>
        /// <param name="destination">The array updated in place.</param>
        /// <param name="destinationStart">The first element updated.</param>
        /// <param name="scale">The factor.</param>
        /// <param name="source">The array read.</param>
        /// <param name="sourceStart">The first element read.</param>
        /// <param name="count">The number of elements.</param>
        /// <exception cref="IndexOutOfRangeException">When either range leaves its array, as the loop would.</exception>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void AddScaled(Span<double> destination, int destinationStart, double scale, ReadOnlySpan<double> source, int sourceStart, int count)
        {
            if (count <= 0)
            {
                return;
            }

            if ((uint)destinationStart > (uint)destination.Length || (uint)count > (uint)(destination.Length - destinationStart)
                || (uint)sourceStart > (uint)source.Length || (uint)count > (uint)(source.Length - sourceStart))
            {
                throw new IndexOutOfRangeException($"AddScaled: {count} elements from {destinationStart} of {destination.Length} and from {sourceStart} of {source.Length}.");
            }

            Span<double> into = destination.Slice(destinationStart, count);
            ReadOnlySpan<double> from = source.Slice(sourceStart, count);
            int k = 0;
            if (Vector.IsHardwareAccelerated && count >= Vector<double>.Count)
            {
                var factor = new Vector<double>(scale);
                for (; k <= count - Vector<double>.Count; k += Vector<double>.Count)
                {
                    Vector<double> updated = new Vector<double>(into.Slice(k)) + (factor * new Vector<double>(from.Slice(k)));
                    updated.CopyTo(into.Slice(k));
                }
            }

            for (; k < count; k++)
            {
                into[k] += scale * from[k];
            }
        }
    }
}
