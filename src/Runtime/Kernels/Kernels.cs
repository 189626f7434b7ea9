using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// Vector kernels that generated gradient code calls for whole loops (issue 12). <c>AddScaled</c> gives
    /// exactly the bits of the scalar loop it replaces: it performs the same operations on each element, only
    /// several elements at a time. <c>Dot</c> sums in its own fixed order (documented on it), so its result
    /// differs from the sequential loop's by rounding, and is the same on every machine. Like the generated methods
    /// that call them, their vector bodies are compiled fully optimised at once (dynamic PGO's tiers made them slower in
    /// some call patterns); <c>AddScaled</c>, <c>Dot</c> and <c>AddScaledAndDot</c> run one to three elements inline in
    /// their caller first, the same operations in the same order.
    /// </summary>
    [SkipLocalsInit]
    public static partial class Kernels
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
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void AddScaled(Span<double> destination, int destinationStart, double scale, ReadOnlySpan<double> source, int sourceStart, int count)
        {
            // A row of one to three elements (a GMM component's coordinates, a packed triangle's short rows) inline, where
            // the call and its spans passed through the stack cost more than the work; the same additions, in order.
            if ((uint)(count - 1) < 3 && InRange(destination.Length, destinationStart, count) && InRange(source.Length, sourceStart, count))
            {
                for (int i = 0; i < count; i++)
                {
                    destination[destinationStart + i] += scale * source[sourceStart + i];
                }

                return;
            }

            AddScaledVectors(destination, destinationStart, scale, source, sourceStart, count);
        }

        /// <summary>
        /// Whether <paramref name="count"/> elements from <paramref name="start"/> lie inside a span of
        /// <paramref name="length"/> elements.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static bool InRange(int length, int start, int count) =>
            (uint)start <= (uint)length && (uint)count <= (uint)(length - start);

        /// <summary>The body of <see cref="AddScaled(Span{double}, int, double, ReadOnlySpan{double}, int, int)"/>: a call, with the checks.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        private static void AddScaledVectors(Span<double> destination, int destinationStart, double scale, ReadOnlySpan<double> source, int sourceStart, int count)
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

            ref double into = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), destinationStart);
            ref double from = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), sourceStart);
            // Fewer elements than a vector (rows of a packed triangle are often that short), or the same memory read and
            // written (two parameters holding one array): element by element, as the loop.
            if (count < 4 || Overlap(Unsafe.ByteOffset(ref from, ref into), (nint)count * sizeof(double)))
            {
                for (int i = 0; i < count; i++)
                {
                    Unsafe.Add(ref into, i) += scale * Unsafe.Add(ref from, i);
                }

                return;
            }

            var factor = Vector256.Create(scale);
            nuint k = 0;
            nuint length = (nuint)count;

            // Four independent vectors a step; each element gets into[k] + (scale * from[k]), rounded twice, as in the loop.
            for (; k + 16 <= length; k += 16)
            {
                Vector256<double> a0 = Vector256.LoadUnsafe(ref into, k) + (factor * Vector256.LoadUnsafe(ref from, k));
                Vector256<double> a1 = Vector256.LoadUnsafe(ref into, k + 4) + (factor * Vector256.LoadUnsafe(ref from, k + 4));
                Vector256<double> a2 = Vector256.LoadUnsafe(ref into, k + 8) + (factor * Vector256.LoadUnsafe(ref from, k + 8));
                Vector256<double> a3 = Vector256.LoadUnsafe(ref into, k + 12) + (factor * Vector256.LoadUnsafe(ref from, k + 12));
                a0.StoreUnsafe(ref into, k);
                a1.StoreUnsafe(ref into, k + 4);
                a2.StoreUnsafe(ref into, k + 8);
                a3.StoreUnsafe(ref into, k + 12);
            }

            for (; k + 4 <= length; k += 4)
            {
                (Vector256.LoadUnsafe(ref into, k) + (factor * Vector256.LoadUnsafe(ref from, k))).StoreUnsafe(ref into, k);
            }

            for (; k < length; k++)
            {
                Unsafe.Add(ref into, k) += scale * Unsafe.Add(ref from, k);
            }
        }

        /// <summary>The number of products <c>Dot</c> accumulates per step of its main loop: four accumulators of four lanes.</summary>
        public const int DotBlock = 16;

        /// <summary>
        /// <c>Σ left[leftStart + k] · right[rightStart + k]</c> for k in [0, count): a forward sweep's dot product
        /// (<c>z += w[j] * x[i * n + j]</c>), summed in this fixed order, the same on every machine:
        /// <list type="number">
        /// <item>lane <c>l</c> (0..15) of a block accumulates, with one fused multiply-add per product, the products
        /// <c>k = 16 b + l</c> over the whole blocks <c>b</c> in order;</item>
        /// <item>then the 4-element steps after the last whole block each add their products, fused, into lanes 0..3;</item>
        /// <item>the last <c>count mod 4</c> products are summed, fused, into a scalar tail from zero;</item>
        /// <item>the result is <c>((v0 + v1) + (v2 + v3))</c> over the four-lane groups, then <c>((s0 + s1) + (s2 + s3)) + tail</c>.</item>
        /// </list>
        /// Every accumulator and the tail start at -0.0. Against the sequential loop the difference is rounding
        /// only while no partial sum overflows: both are within <c>γ(count) · Σ |left[k] · right[k]|</c> of the exact sum,
        /// γ(n) = n u / (1 - n u), u = 2^-53. Where partial sums overflow the two orders can disagree (products
        /// <c>1e308, -1e308, 0, 0, 1e308, -1e308, 0, 0</c> give 0 in order and NaN here, where lanes 0 and 1 reach
        /// infinities of opposite signs). A count of zero or less gives -0.0.
        /// </summary>
        /// <param name="left">The first array read.</param>
        /// <param name="leftStart">The first element read from <paramref name="left"/>.</param>
        /// <param name="right">The second array read.</param>
        /// <param name="rightStart">The first element read from <paramref name="right"/>.</param>
        /// <param name="count">The number of products.</param>
        /// <returns>The sum of the products.</returns>
        /// <exception cref="IndexOutOfRangeException">When either range leaves its array, as the loop would.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Dot(ReadOnlySpan<double> left, int leftStart, ReadOnlySpan<double> right, int rightStart, int count)
        {
            // One to three products inline (see AddScaled): the scalar tail below, from -0.0, the same bits.
            if ((uint)(count - 1) < 3 && InRange(left.Length, leftStart, count) && InRange(right.Length, rightStart, count))
            {
                double sum = -0.0;
                for (int i = 0; i < count; i++)
                {
                    sum = Math.FusedMultiplyAdd(left[leftStart + i], right[rightStart + i], sum);
                }

                return sum;
            }

            return DotVectors(left, leftStart, right, rightStart, count);
        }

        /// <summary>The body of <see cref="Dot(ReadOnlySpan{double}, int, ReadOnlySpan{double}, int, int)"/>: a call, with the checks.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        private static double DotVectors(ReadOnlySpan<double> left, int leftStart, ReadOnlySpan<double> right, int rightStart, int count)
        {
            if (count <= 0)
            {
                return -0.0; // z + -0.0 is z, for z = -0.0 too: an empty sum leaves its target as the loop does
            }

            if ((uint)leftStart > (uint)left.Length || (uint)count > (uint)(left.Length - leftStart)
                || (uint)rightStart > (uint)right.Length || (uint)count > (uint)(right.Length - rightStart))
            {
                throw new IndexOutOfRangeException($"Dot: {count} elements from {leftStart} of {left.Length} and from {rightStart} of {right.Length}.");
            }

            ref double a = ref Unsafe.Add(ref MemoryMarshal.GetReference(left), leftStart);
            ref double b = ref Unsafe.Add(ref MemoryMarshal.GetReference(right), rightStart);
            if (count < 4)
            {
                // Only the scalar tail: the lanes stay -0.0, and (-0.0 + -0.0) + ... + tail is tail, bit for bit.
                double shortTail = -0.0;
                for (int k2 = 0; k2 < count; k2++)
                {
                    shortTail = Math.FusedMultiplyAdd(Unsafe.Add(ref a, k2), Unsafe.Add(ref b, k2), shortTail);
                }

                return shortTail;
            }

            // Every accumulator starts at -0.0, the identity of addition (a sum of -0.0 products stays -0.0, as in the loop).
            Vector256<double> sum0 = Vector256.Create(-0.0);
            Vector256<double> sum1 = sum0;
            Vector256<double> sum2 = sum0;
            Vector256<double> sum3 = sum0;
            nuint k = 0;
            nuint length = (nuint)count;
            for (; k + DotBlock <= length; k += DotBlock)
            {
                sum0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, k), Vector256.LoadUnsafe(ref b, k), sum0);
                sum1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, k + 4), Vector256.LoadUnsafe(ref b, k + 4), sum1);
                sum2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, k + 8), Vector256.LoadUnsafe(ref b, k + 8), sum2);
                sum3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, k + 12), Vector256.LoadUnsafe(ref b, k + 12), sum3);
            }

            for (; k + 4 <= length; k += 4)
            {
                sum0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, k), Vector256.LoadUnsafe(ref b, k), sum0);
            }

            double tail = -0.0;
            for (; k < length; k++)
            {
                tail = Math.FusedMultiplyAdd(Unsafe.Add(ref a, k), Unsafe.Add(ref b, k), tail);
            }

            Vector256<double> sum = (sum0 + sum1) + (sum2 + sum3);
            return ((sum.GetElement(0) + sum.GetElement(1)) + (sum.GetElement(2) + sum.GetElement(3))) + tail;
        }
    }
}
