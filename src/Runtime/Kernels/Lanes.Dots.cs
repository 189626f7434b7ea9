using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// A layer's dots in row lanes as one call (issue 12): the loop
    /// <code>
    /// for (int c = 0; c &lt; k; c++)
    /// {
    ///     double s = b2[c];
    ///     for (int j = 0; j &lt; h; j++) s += w2[c * h + j] * a[j];
    ///     z[c] = s;
    /// }
    /// </code>
    /// called <see cref="Dot(ReadOnlySpan{double}, int, ReadOnlySpan{Vector512{double}}, int, int)"/> once per c, each
    /// call four chains of additions waiting on their latency. <c>Dots</c> computes every c's dot into <c>z[c]</c> before
    /// the loop, two rows of the matrix at a time (eight chains, each element of <c>a</c> loaded once for both), each dot in
    /// <c>Dot</c>'s four partial sums; the loop then adds <c>z[c]</c> where its sum was: the same bits (an addition gives
    /// the same result whichever operand comes first).
    /// </summary>
    public static partial class Lanes
    {
        /// <summary>
        /// <c>destination[c] = Dot(matrix, matrixStart + c * rowStride, lanes, lanesStart, count)</c> for c = first,
        /// first + step, ... (<paramref name="iterations"/> values): each in <c>Dot</c>'s four partial sums, -0.0 when
        /// count is zero or less.
        /// </summary>
        /// <param name="destination">A private row's lanes: element c receives row c's dot (not <paramref name="lanes"/>'s storage).</param>
        /// <param name="first">The first c.</param>
        /// <param name="step">1 or -1: the loop's direction.</param>
        /// <param name="iterations">The number of values of c.</param>
        /// <param name="matrix">An array the rows share (each element broadcast).</param>
        /// <param name="matrixStart">The element of c = 0, e = 0.</param>
        /// <param name="rowStride">The distance between rows c and c + 1.</param>
        /// <param name="lanes">A private row's lanes.</param>
        /// <param name="lanesStart">Its first element read.</param>
        /// <param name="count">The number of products in each dot.</param>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public static void Dots(
            Span<Vector512<double>> destination, int first, int step, int iterations, ReadOnlySpan<double> matrix, int matrixStart, int rowStride, ReadOnlySpan<Vector512<double>> lanes, int lanesStart, int count) =>
            DotsOf(destination, first, step, iterations, matrix, matrixStart, rowStride, lanes, lanesStart, count);

        /// <summary>The <c>float</c> form of <see cref="Dots(Span{Vector512{double}}, int, int, int, ReadOnlySpan{double}, int, int, ReadOnlySpan{Vector512{double}}, int, int)"/>.</summary>
        /// <param name="destination">A private row's lanes: element c receives row c's dot (not <paramref name="lanes"/>'s storage).</param>
        /// <param name="first">The first c.</param>
        /// <param name="step">1 or -1: the loop's direction.</param>
        /// <param name="iterations">The number of values of c.</param>
        /// <param name="matrix">An array the rows share (each element broadcast).</param>
        /// <param name="matrixStart">The element of c = 0, e = 0.</param>
        /// <param name="rowStride">The distance between rows c and c + 1.</param>
        /// <param name="lanes">A private row's lanes.</param>
        /// <param name="lanesStart">Its first element read.</param>
        /// <param name="count">The number of products in each dot.</param>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public static void Dots(
            Span<Vector512<float>> destination, int first, int step, int iterations, ReadOnlySpan<float> matrix, int matrixStart, int rowStride, ReadOnlySpan<Vector512<float>> lanes, int lanesStart, int count) =>
            DotsOf(destination, first, step, iterations, matrix, matrixStart, rowStride, lanes, lanesStart, count);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void DotsOf<T>(
            Span<Vector512<T>> destination, int first, int step, int iterations, ReadOnlySpan<T> matrix, int matrixStart, int rowStride, ReadOnlySpan<Vector512<T>> lanes, int lanesStart, int count)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            if (iterations <= 0)
            {
                return;
            }

            long last = first + ((long)(iterations - 1) * step);
            long firstRow = matrixStart + ((long)first * rowStride);
            long lastRow = matrixStart + (last * rowStride);
            int products = Math.Max(0, count);
            if ((step != 1 && step != -1) || first < 0 || first >= destination.Length || last < 0 || last >= destination.Length
                || (products > 0 && (Math.Min(firstRow, lastRow) < 0 || Math.Max(firstRow, lastRow) + products > matrix.Length
                    || (uint)lanesStart > (uint)lanes.Length || (uint)products > (uint)(lanes.Length - lanesStart))))
            {
                throw new IndexOutOfRangeException(
                    $"Dots of rows {first} to {last} of {destination.Length}, matrix rows from {firstRow} and {lastRow} of {matrix.Length}, {count} lanes from {lanesStart} of {lanes.Length}.");
            }

            ref Vector512<T> into = ref MemoryMarshal.GetReference(destination);
            if (products == 0)
            {
                for (long c0 = first, t0 = 0; t0 < iterations; t0++, c0 += step)
                {
                    Unsafe.Add(ref into, (nint)c0) = Vector512.Create(T.NegativeZero);  // the empty sum, as Dot's
                }

                return;
            }

            ref T rows = ref MemoryMarshal.GetReference(matrix);
            ref Vector512<T> values = ref Unsafe.Add(ref MemoryMarshal.GetReference(lanes), (nint)lanesStart);
            nint stride = rowStride;
            nint c = first;
            int t = 0;
            for (; iterations - t >= 2; t += 2)
            {
                nint next = c + step;
                TwoDots(ref Unsafe.Add(ref rows, (nint)matrixStart + (c * stride)), ref Unsafe.Add(ref rows, (nint)matrixStart + (next * stride)), ref values, products,
                    out Unsafe.Add(ref into, c), out Unsafe.Add(ref into, next));
                c = next + step;
            }

            if (t < iterations)
            {
                Unsafe.Add(ref into, c) = DotShared(matrix, (int)(matrixStart + (c * stride)), lanes, lanesStart, products);
            }
        }

        /// <summary>Two rows' dots with the same lanes, each in <c>Dot</c>'s four partial sums: eight chains, each lanes element loaded once.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void TwoDots<T>(ref T row, ref T row2, ref Vector512<T> values, nint count, out Vector512<T> dot, out Vector512<T> dot2)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            Vector512<T> part = Vector512.Create(T.NegativeZero);  // the start of a sum that leaves every value as it is
            Vector512<T> part2 = part, part3 = part, part4 = part;
            Vector512<T> other = part, other2 = part, other3 = part, other4 = part;
            nint e = 0;
            for (; e + 4 <= count; e += 4)
            {
                Vector512<T> v = Unsafe.Add(ref values, e), v2 = Unsafe.Add(ref values, e + 1), v3 = Unsafe.Add(ref values, e + 2), v4 = Unsafe.Add(ref values, e + 3);
                part += Vector512.Create(Unsafe.Add(ref row, e)) * v;
                other += Vector512.Create(Unsafe.Add(ref row2, e)) * v;
                part2 += Vector512.Create(Unsafe.Add(ref row, e + 1)) * v2;
                other2 += Vector512.Create(Unsafe.Add(ref row2, e + 1)) * v2;
                part3 += Vector512.Create(Unsafe.Add(ref row, e + 2)) * v3;
                other3 += Vector512.Create(Unsafe.Add(ref row2, e + 2)) * v3;
                part4 += Vector512.Create(Unsafe.Add(ref row, e + 3)) * v4;
                other4 += Vector512.Create(Unsafe.Add(ref row2, e + 3)) * v4;
            }

            for (; e < count; e++)
            {
                Vector512<T> v = Unsafe.Add(ref values, e);
                part += Vector512.Create(Unsafe.Add(ref row, e)) * v;
                other += Vector512.Create(Unsafe.Add(ref row2, e)) * v;
            }

            dot = (part + part2) + (part3 + part4);
            dot2 = (other + other2) + (other3 + other4);
        }
    }
}
