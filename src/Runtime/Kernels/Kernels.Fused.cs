using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// The reverse of an update by a scaled row in one pass. A forward loop <c>a[p + j] += c * b[q + j]</c> whose scale
    /// <c>c</c> and row <c>b</c> both carry derivatives reverses into a dot product (<c>dc += da[p + j] * b[q + j]</c>) and
    /// an update (<c>db[q + j] += dc_scale * da[p + j]</c>) over the same elements: GMM's packed triangle, and any
    /// matrix-vector product whose vector is active. Two calls read <c>da</c> twice and pay two calls; for the short rows of
    /// a triangle the calls cost more than the work.
    /// </summary>
    public static partial class Kernels
    {
        /// <summary>
        /// <c>destination[destinationStart + k] += scale * source[sourceStart + k]</c> for k in [0, count), and returns
        /// <c>Σ source[sourceStart + k] · other[otherStart + k]</c>: exactly the bits of
        /// <see cref="Dot(ReadOnlySpan{double}, int, ReadOnlySpan{double}, int, int)"/> of <paramref name="source"/> and
        /// <paramref name="other"/> followed by <see cref="AddScaled(Span{double}, int, double, ReadOnlySpan{double}, int, int)"/>,
        /// in one pass. When the updated range shares memory with a range read, it runs as those two calls, in that order.
        /// </summary>
        /// <param name="destination">The array updated in place.</param>
        /// <param name="destinationStart">The first element updated.</param>
        /// <param name="scale">The factor of the update.</param>
        /// <param name="source">The array added (scaled) and multiplied.</param>
        /// <param name="sourceStart">The first element of <paramref name="source"/> read.</param>
        /// <param name="other">The array <paramref name="source"/> is multiplied by.</param>
        /// <param name="otherStart">The first element of <paramref name="other"/> read.</param>
        /// <param name="count">The number of elements; zero or less does nothing and returns -0.0.</param>
        /// <returns>The dot product, in <c>Dot</c>'s order.</returns>
        /// <exception cref="IndexOutOfRangeException">When a range leaves its array, as the loops would; nothing is written then.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double AddScaledAndDot(Span<double> destination, int destinationStart, double scale, ReadOnlySpan<double> source, int sourceStart, ReadOnlySpan<double> other, int otherStart, int count)
        {
            // One to three elements inline (see AddScaled): the dot product first, then the update, as the two calls
            // would run (so shared memory gives what they give), every range checked before anything is written.
            if ((uint)(count - 1) < 3 && InRange(destination.Length, destinationStart, count) && InRange(source.Length, sourceStart, count) && InRange(other.Length, otherStart, count))
            {
                double sum = -0.0;
                for (int i = 0; i < count; i++)
                {
                    sum = Math.FusedMultiplyAdd(source[sourceStart + i], other[otherStart + i], sum);
                }

                for (int i = 0; i < count; i++)
                {
                    destination[destinationStart + i] += scale * source[sourceStart + i];
                }

                return sum;
            }

            return AddScaledAndDotVectors(destination, destinationStart, scale, source, sourceStart, other, otherStart, count);
        }

        /// <summary>The body of <see cref="AddScaledAndDot(Span{double}, int, double, ReadOnlySpan{double}, int, ReadOnlySpan{double}, int, int)"/>: a call, with the checks.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        private static double AddScaledAndDotVectors(Span<double> destination, int destinationStart, double scale, ReadOnlySpan<double> source, int sourceStart, ReadOnlySpan<double> other, int otherStart, int count)
        {
            if (count <= 0)
            {
                return -0.0;
            }

            if ((uint)destinationStart > (uint)destination.Length || (uint)count > (uint)(destination.Length - destinationStart)
                || (uint)sourceStart > (uint)source.Length || (uint)count > (uint)(source.Length - sourceStart)
                || (uint)otherStart > (uint)other.Length || (uint)count > (uint)(other.Length - otherStart))
            {
                throw new IndexOutOfRangeException($"AddScaledAndDot: {count} elements from {destinationStart} of {destination.Length}, from {sourceStart} of {source.Length} and from {otherStart} of {other.Length}.");
            }

            ref double into = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), destinationStart);
            ref double from = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), sourceStart);
            ref double by = ref Unsafe.Add(ref MemoryMarshal.GetReference(other), otherStart);
            nint bytes = (nint)count * sizeof(double);
            if (Overlap(Unsafe.ByteOffset(ref from, ref into), bytes) || Overlap(Unsafe.ByteOffset(ref by, ref into), bytes))
            {
                double dot = Dot(source, sourceStart, other, otherStart, count);
                AddScaled(destination, destinationStart, scale, source, sourceStart, count);
                return dot;
            }

            var factor = Vector256.Create(scale);
            Vector256<double> sum0 = Vector256.Create(-0.0);
            Vector256<double> sum1 = sum0;
            Vector256<double> sum2 = sum0;
            Vector256<double> sum3 = sum0;
            nuint k = 0;
            nuint length = (nuint)count;
            for (; k + DotBlock <= length; k += DotBlock)
            {
                Vector256<double> f0 = Vector256.LoadUnsafe(ref from, k);
                Vector256<double> f1 = Vector256.LoadUnsafe(ref from, k + 4);
                Vector256<double> f2 = Vector256.LoadUnsafe(ref from, k + 8);
                Vector256<double> f3 = Vector256.LoadUnsafe(ref from, k + 12);
                sum0 = Vector256.FusedMultiplyAdd(f0, Vector256.LoadUnsafe(ref by, k), sum0);
                sum1 = Vector256.FusedMultiplyAdd(f1, Vector256.LoadUnsafe(ref by, k + 4), sum1);
                sum2 = Vector256.FusedMultiplyAdd(f2, Vector256.LoadUnsafe(ref by, k + 8), sum2);
                sum3 = Vector256.FusedMultiplyAdd(f3, Vector256.LoadUnsafe(ref by, k + 12), sum3);
                (Vector256.LoadUnsafe(ref into, k) + (factor * f0)).StoreUnsafe(ref into, k);
                (Vector256.LoadUnsafe(ref into, k + 4) + (factor * f1)).StoreUnsafe(ref into, k + 4);
                (Vector256.LoadUnsafe(ref into, k + 8) + (factor * f2)).StoreUnsafe(ref into, k + 8);
                (Vector256.LoadUnsafe(ref into, k + 12) + (factor * f3)).StoreUnsafe(ref into, k + 12);
            }

            for (; k + 4 <= length; k += 4)
            {
                Vector256<double> f = Vector256.LoadUnsafe(ref from, k);
                sum0 = Vector256.FusedMultiplyAdd(f, Vector256.LoadUnsafe(ref by, k), sum0);
                (Vector256.LoadUnsafe(ref into, k) + (factor * f)).StoreUnsafe(ref into, k);
            }

            double tail = -0.0;
            for (; k < length; k++)
            {
                double f = Unsafe.Add(ref from, k);
                tail = Math.FusedMultiplyAdd(f, Unsafe.Add(ref by, k), tail);
                Unsafe.Add(ref into, k) += scale * f;
            }

            if (count < 4)
            {
                return tail; // the lanes are all -0.0, and their sum plus tail is tail, bit for bit
            }

            Vector256<double> sum = (sum0 + sum1) + (sum2 + sum3);
            return ((sum.GetElement(0) + sum.GetElement(1)) + (sum.GetElement(2) + sum.GetElement(3))) + tail;
        }

        /// <summary>
        /// The <c>float</c> <see cref="AddScaledAndDot(Span{double}, int, double, ReadOnlySpan{double}, int, ReadOnlySpan{double}, int, int)"/>:
        /// the bits of <see cref="Dot(ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, int)"/> then
        /// <see cref="AddScaled(Span{float}, int, float, ReadOnlySpan{float}, int, int)"/>, in one pass.
        /// </summary>
        /// <param name="destination">The array updated in place.</param>
        /// <param name="destinationStart">The first element updated.</param>
        /// <param name="scale">The factor of the update.</param>
        /// <param name="source">The array added (scaled) and multiplied.</param>
        /// <param name="sourceStart">The first element of <paramref name="source"/> read.</param>
        /// <param name="other">The array <paramref name="source"/> is multiplied by.</param>
        /// <param name="otherStart">The first element of <paramref name="other"/> read.</param>
        /// <param name="count">The number of elements; zero or less does nothing and returns -0.0.</param>
        /// <returns>The dot product, in <c>Dot</c>'s order.</returns>
        /// <exception cref="IndexOutOfRangeException">When a range leaves its array, as the loops would; nothing is written then.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float AddScaledAndDot(Span<float> destination, int destinationStart, float scale, ReadOnlySpan<float> source, int sourceStart, ReadOnlySpan<float> other, int otherStart, int count)
        {
            // One to three elements inline, as the double form: the dot product, then the update.
            if ((uint)(count - 1) < 3 && InRange(destination.Length, destinationStart, count) && InRange(source.Length, sourceStart, count) && InRange(other.Length, otherStart, count))
            {
                float sum = -0.0f;
                for (int i = 0; i < count; i++)
                {
                    sum = MathF.FusedMultiplyAdd(source[sourceStart + i], other[otherStart + i], sum);
                }

                for (int i = 0; i < count; i++)
                {
                    destination[destinationStart + i] += scale * source[sourceStart + i];
                }

                return sum;
            }

            return AddScaledAndDotVectors(destination, destinationStart, scale, source, sourceStart, other, otherStart, count);
        }

        /// <summary>The body of <see cref="AddScaledAndDot(Span{float}, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, int)"/>: a call, with the checks.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        private static float AddScaledAndDotVectors(Span<float> destination, int destinationStart, float scale, ReadOnlySpan<float> source, int sourceStart, ReadOnlySpan<float> other, int otherStart, int count)
        {
            if (count <= 0)
            {
                return -0.0f;
            }

            if ((uint)destinationStart > (uint)destination.Length || (uint)count > (uint)(destination.Length - destinationStart)
                || (uint)sourceStart > (uint)source.Length || (uint)count > (uint)(source.Length - sourceStart)
                || (uint)otherStart > (uint)other.Length || (uint)count > (uint)(other.Length - otherStart))
            {
                throw new IndexOutOfRangeException($"AddScaledAndDot: {count} elements from {destinationStart} of {destination.Length}, from {sourceStart} of {source.Length} and from {otherStart} of {other.Length}.");
            }

            ref float into = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), destinationStart);
            ref float from = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), sourceStart);
            ref float by = ref Unsafe.Add(ref MemoryMarshal.GetReference(other), otherStart);
            nint bytes = (nint)count * sizeof(float);
            if (Overlap(Unsafe.ByteOffset(ref from, ref into), bytes) || Overlap(Unsafe.ByteOffset(ref by, ref into), bytes))
            {
                float dot = Dot(source, sourceStart, other, otherStart, count);
                AddScaled(destination, destinationStart, scale, source, sourceStart, count);
                return dot;
            }

            var factor = Vector256.Create(scale);
            Vector256<float> sum0 = Vector256.Create(-0.0f);
            Vector256<float> sum1 = sum0;
            Vector256<float> sum2 = sum0;
            Vector256<float> sum3 = sum0;
            nuint k = 0;
            nuint length = (nuint)count;
            for (; k + SingleDotBlock <= length; k += SingleDotBlock)
            {
                Vector256<float> f0 = Vector256.LoadUnsafe(ref from, k);
                Vector256<float> f1 = Vector256.LoadUnsafe(ref from, k + 8);
                Vector256<float> f2 = Vector256.LoadUnsafe(ref from, k + 16);
                Vector256<float> f3 = Vector256.LoadUnsafe(ref from, k + 24);
                sum0 = Vector256.FusedMultiplyAdd(f0, Vector256.LoadUnsafe(ref by, k), sum0);
                sum1 = Vector256.FusedMultiplyAdd(f1, Vector256.LoadUnsafe(ref by, k + 8), sum1);
                sum2 = Vector256.FusedMultiplyAdd(f2, Vector256.LoadUnsafe(ref by, k + 16), sum2);
                sum3 = Vector256.FusedMultiplyAdd(f3, Vector256.LoadUnsafe(ref by, k + 24), sum3);
                (Vector256.LoadUnsafe(ref into, k) + (factor * f0)).StoreUnsafe(ref into, k);
                (Vector256.LoadUnsafe(ref into, k + 8) + (factor * f1)).StoreUnsafe(ref into, k + 8);
                (Vector256.LoadUnsafe(ref into, k + 16) + (factor * f2)).StoreUnsafe(ref into, k + 16);
                (Vector256.LoadUnsafe(ref into, k + 24) + (factor * f3)).StoreUnsafe(ref into, k + 24);
            }

            for (; k + 8 <= length; k += 8)
            {
                Vector256<float> f = Vector256.LoadUnsafe(ref from, k);
                sum0 = Vector256.FusedMultiplyAdd(f, Vector256.LoadUnsafe(ref by, k), sum0);
                (Vector256.LoadUnsafe(ref into, k) + (factor * f)).StoreUnsafe(ref into, k);
            }

            float tail = -0.0f;
            for (; k < length; k++)
            {
                float f = Unsafe.Add(ref from, k);
                tail = MathF.FusedMultiplyAdd(f, Unsafe.Add(ref by, k), tail);
                Unsafe.Add(ref into, k) += scale * f;
            }

            if (count < 8)
            {
                return tail; // the lanes are all -0.0, and their sum plus tail is tail, bit for bit
            }

            Vector256<float> s = (sum0 + sum1) + (sum2 + sum3);
            float low = (s.GetElement(0) + s.GetElement(1)) + (s.GetElement(2) + s.GetElement(3));
            float high = (s.GetElement(4) + s.GetElement(5)) + (s.GetElement(6) + s.GetElement(7));
            return (low + high) + tail;
        }

        /// <summary>Whether two ranges of <paramref name="bytes"/> bytes, <paramref name="distance"/> bytes apart, share memory.</summary>
        private static bool Overlap(nint distance, nint bytes) => distance > -bytes && distance < bytes;
    }
}
