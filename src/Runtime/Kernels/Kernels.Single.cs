using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// The <c>float</c> kernels a <c>float</c> model's generated code calls (docs/single-precision.md): the same
    /// contracts as the <c>double</c> ones, eight lanes to a <c>Vector256</c> instead of four.
    /// </summary>
    public static partial class Kernels
    {
        /// <summary>The number of products the <c>float</c> <see cref="Dot(ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, int)"/> accumulates per step of its main loop: four accumulators of eight lanes.</summary>
        public const int SingleDotBlock = 32;

        /// <summary>
        /// <c>destination[destinationStart + k] += scale * source[sourceStart + k]</c> in <c>float</c>: the bits of the scalar
        /// loop (multiply, round, add, round), eight elements at a time.
        /// </summary>
        /// <param name="destination">The array updated in place.</param>
        /// <param name="destinationStart">The first element updated.</param>
        /// <param name="scale">The factor.</param>
        /// <param name="source">The array read.</param>
        /// <param name="sourceStart">The first element read.</param>
        /// <param name="count">The number of elements; zero or less does nothing.</param>
        /// <exception cref="IndexOutOfRangeException">When either range leaves its array, as the loop would.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void AddScaled(Span<float> destination, int destinationStart, float scale, ReadOnlySpan<float> source, int sourceStart, int count)
        {
            // One to three elements inline, as the double form.
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

        /// <summary>The body of <see cref="AddScaled(Span{float}, int, float, ReadOnlySpan{float}, int, int)"/>: a call, with the checks.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        private static void AddScaledVectors(Span<float> destination, int destinationStart, float scale, ReadOnlySpan<float> source, int sourceStart, int count)
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

            ref float into = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), destinationStart);
            ref float from = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), sourceStart);
            if (destination.Slice(destinationStart, count).Overlaps(source.Slice(sourceStart, count)))
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
            for (; k + 32 <= length; k += 32)
            {
                Vector256<float> a0 = Vector256.LoadUnsafe(ref into, k) + (factor * Vector256.LoadUnsafe(ref from, k));
                Vector256<float> a1 = Vector256.LoadUnsafe(ref into, k + 8) + (factor * Vector256.LoadUnsafe(ref from, k + 8));
                Vector256<float> a2 = Vector256.LoadUnsafe(ref into, k + 16) + (factor * Vector256.LoadUnsafe(ref from, k + 16));
                Vector256<float> a3 = Vector256.LoadUnsafe(ref into, k + 24) + (factor * Vector256.LoadUnsafe(ref from, k + 24));
                a0.StoreUnsafe(ref into, k);
                a1.StoreUnsafe(ref into, k + 8);
                a2.StoreUnsafe(ref into, k + 16);
                a3.StoreUnsafe(ref into, k + 24);
            }

            for (; k + 8 <= length; k += 8)
            {
                (Vector256.LoadUnsafe(ref into, k) + (factor * Vector256.LoadUnsafe(ref from, k))).StoreUnsafe(ref into, k);
            }

            for (; k < length; k++)
            {
                Unsafe.Add(ref into, k) += scale * Unsafe.Add(ref from, k);
            }
        }

        /// <summary>
        /// <c>Σ left[leftStart + k] · right[rightStart + k]</c> in <c>float</c>, in this fixed order, the same on every machine:
        /// lane <c>l</c> (0..31) of a block accumulates, fused, the products <c>k = 32 b + l</c> over the whole blocks;
        /// then 8-element steps add into lanes 0..7; the last <c>count mod 8</c> products are summed, fused, into a scalar
        /// tail; the result is <c>(v0 + v1) + (v2 + v3)</c> over the eight-lane groups, then
        /// <c>((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))</c>, then <c>+ tail</c>. Every accumulator starts at -0.0,
        /// so a count of zero or less gives -0.0. Against the sequential loop the difference is rounding only, within
        /// <c>γ(count) · Σ |products|</c> with u = 2^-24, while no partial sum overflows.
        /// </summary>
        /// <param name="left">The first array read.</param>
        /// <param name="leftStart">The first element read from <paramref name="left"/>.</param>
        /// <param name="right">The second array read.</param>
        /// <param name="rightStart">The first element read from <paramref name="right"/>.</param>
        /// <param name="count">The number of products.</param>
        /// <returns>The sum of the products.</returns>
        /// <exception cref="IndexOutOfRangeException">When either range leaves its array, as the loop would.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Dot(ReadOnlySpan<float> left, int leftStart, ReadOnlySpan<float> right, int rightStart, int count)
        {
            // One to three products inline, as the double form: the tail from -0.0, the same bits.
            if ((uint)(count - 1) < 3 && InRange(left.Length, leftStart, count) && InRange(right.Length, rightStart, count))
            {
                float sum = -0.0f;
                for (int i = 0; i < count; i++)
                {
                    sum = MathF.FusedMultiplyAdd(left[leftStart + i], right[rightStart + i], sum);
                }

                return sum;
            }

            return DotVectors(left, leftStart, right, rightStart, count);
        }

        /// <summary>The body of <see cref="Dot(ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, int)"/>: a call, with the checks.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        private static float DotVectors(ReadOnlySpan<float> left, int leftStart, ReadOnlySpan<float> right, int rightStart, int count)
        {
            if (count <= 0)
            {
                return -0.0f;
            }

            if ((uint)leftStart > (uint)left.Length || (uint)count > (uint)(left.Length - leftStart)
                || (uint)rightStart > (uint)right.Length || (uint)count > (uint)(right.Length - rightStart))
            {
                throw new IndexOutOfRangeException($"Dot: {count} elements from {leftStart} of {left.Length} and from {rightStart} of {right.Length}.");
            }

            ref float a = ref Unsafe.Add(ref MemoryMarshal.GetReference(left), leftStart);
            ref float b = ref Unsafe.Add(ref MemoryMarshal.GetReference(right), rightStart);
            Vector256<float> sum0 = Vector256.Create(-0.0f);
            Vector256<float> sum1 = sum0;
            Vector256<float> sum2 = sum0;
            Vector256<float> sum3 = sum0;
            nuint k = 0;
            nuint length = (nuint)count;
            for (; k + SingleDotBlock <= length; k += SingleDotBlock)
            {
                sum0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, k), Vector256.LoadUnsafe(ref b, k), sum0);
                sum1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, k + 8), Vector256.LoadUnsafe(ref b, k + 8), sum1);
                sum2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, k + 16), Vector256.LoadUnsafe(ref b, k + 16), sum2);
                sum3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, k + 24), Vector256.LoadUnsafe(ref b, k + 24), sum3);
            }

            for (; k + 8 <= length; k += 8)
            {
                sum0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, k), Vector256.LoadUnsafe(ref b, k), sum0);
            }

            float tail = -0.0f;
            for (; k < length; k++)
            {
                tail = MathF.FusedMultiplyAdd(Unsafe.Add(ref a, k), Unsafe.Add(ref b, k), tail);
            }

            Vector256<float> s = (sum0 + sum1) + (sum2 + sum3);
            float low = (s.GetElement(0) + s.GetElement(1)) + (s.GetElement(2) + s.GetElement(3));
            float high = (s.GetElement(4) + s.GetElement(5)) + (s.GetElement(6) + s.GetElement(7));
            return (low + high) + tail;
        }
    }
}
