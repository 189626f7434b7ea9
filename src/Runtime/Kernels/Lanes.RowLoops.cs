using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// Inner loops of generated row lanes as one call each (docs/how-it-works.md, "Row lanes"): a loop over a row's
    /// elements inside the lanes, such as the two-layer network's output layer (<c>s += w2[c * h + j] * a[j]</c>,
    /// <c>dw2[c * h + j] += dz * a[j]</c>, <c>da[j] += dz * w2[c * h + j]</c>). A private row or a sum is one vector per
    /// element (lane l holding row i + l); an element of an array the rows share is broadcast to every lane.
    /// </summary>
    /// <remarks>
    /// Each does the loop's operations on every element in the loop's order, so the results are the loop's, bit for
    /// bit: <c>AddScaled</c> is <c>destination[e] += scale * source[e]</c> element by element, <c>Dot</c> the four
    /// partial sums the row lanes print for a running sum (element j into sum j mod 4 while four remain, the rest into
    /// the first, then (p0 + p1) + (p2 + p3)). A loop of a large method keeps its indices and pointers in registers
    /// here, where the JIT spills them in the method. Each is its own method (not inlined into the large one) and compiled
    /// fully optimised at once, so its code does not depend on the profile tiered PGO gathers in a process (tiered, the
    /// two-layer gradient took 220 to 294 µs by process with PGO off). A count of zero or less does nothing (the sum is -0.0, which
    /// adding leaves a value as it is); a run outside an array throws <see cref="IndexOutOfRangeException"/> before
    /// anything is written, as the loop's first element outside would.
    /// </remarks>
    public static partial class Lanes
    {
        /// <summary><c>destination[destinationStart + e] += scale * source[sourceStart + e]</c>, e = 0 to count - 1, lanes times lanes.</summary>
        /// <param name="destination">A private row's or a sum's lanes.</param>
        /// <param name="destinationStart">The first element written.</param>
        /// <param name="scale">The factor, per row.</param>
        /// <param name="source">A private row's lanes (not the destination's).</param>
        /// <param name="sourceStart">The first element read.</param>
        /// <param name="count">The number of elements.</param>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public static void AddScaled(Span<Vector512<double>> destination, int destinationStart, Vector512<double> scale, ReadOnlySpan<Vector512<double>> source, int sourceStart, int count) =>
            AddScaledLanes(destination, destinationStart, scale, source, sourceStart, count);

        /// <summary><c>destination[destinationStart + e] += scale * source[sourceStart + e]</c>, the source element broadcast to every row.</summary>
        /// <param name="destination">A private row's or a sum's lanes.</param>
        /// <param name="destinationStart">The first element written.</param>
        /// <param name="scale">The factor, per row.</param>
        /// <param name="source">An array the rows share.</param>
        /// <param name="sourceStart">The first element read.</param>
        /// <param name="count">The number of elements.</param>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public static void AddScaled(Span<Vector512<double>> destination, int destinationStart, Vector512<double> scale, ReadOnlySpan<double> source, int sourceStart, int count) =>
            AddScaledShared(destination, destinationStart, scale, source, sourceStart, count);

        /// <summary>The <c>float</c> form of <see cref="AddScaled(Span{Vector512{double}}, int, Vector512{double}, ReadOnlySpan{Vector512{double}}, int, int)"/>.</summary>
        /// <param name="destination">A private row's or a sum's lanes.</param>
        /// <param name="destinationStart">The first element written.</param>
        /// <param name="scale">The factor, per row.</param>
        /// <param name="source">A private row's lanes (not the destination's).</param>
        /// <param name="sourceStart">The first element read.</param>
        /// <param name="count">The number of elements.</param>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public static void AddScaled(Span<Vector512<float>> destination, int destinationStart, Vector512<float> scale, ReadOnlySpan<Vector512<float>> source, int sourceStart, int count) =>
            AddScaledLanes(destination, destinationStart, scale, source, sourceStart, count);

        /// <summary>The <c>float</c> form of <see cref="AddScaled(Span{Vector512{double}}, int, Vector512{double}, ReadOnlySpan{double}, int, int)"/>.</summary>
        /// <param name="destination">A private row's or a sum's lanes.</param>
        /// <param name="destinationStart">The first element written.</param>
        /// <param name="scale">The factor, per row.</param>
        /// <param name="source">An array the rows share.</param>
        /// <param name="sourceStart">The first element read.</param>
        /// <param name="count">The number of elements.</param>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public static void AddScaled(Span<Vector512<float>> destination, int destinationStart, Vector512<float> scale, ReadOnlySpan<float> source, int sourceStart, int count) =>
            AddScaledShared(destination, destinationStart, scale, source, sourceStart, count);

        /// <summary>The sum of <c>shared[sharedStart + e] * lanes[lanesStart + e]</c> over e = 0 to count - 1, in the row lanes' four partial sums.</summary>
        /// <param name="shared">An array the rows share (each element broadcast).</param>
        /// <param name="sharedStart">Its first element read.</param>
        /// <param name="lanes">A private row's lanes.</param>
        /// <param name="lanesStart">Its first element read.</param>
        /// <param name="count">The number of products.</param>
        /// <returns>Each row's sum, -0.0 when count is zero or less.</returns>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public static Vector512<double> Dot(ReadOnlySpan<double> shared, int sharedStart, ReadOnlySpan<Vector512<double>> lanes, int lanesStart, int count) =>
            DotShared(shared, sharedStart, lanes, lanesStart, count);

        /// <summary>The sum of <c>left[leftStart + e] * right[rightStart + e]</c>, two private rows' lanes, in the row lanes' four partial sums.</summary>
        /// <param name="left">A private row's lanes.</param>
        /// <param name="leftStart">Its first element read.</param>
        /// <param name="right">A private row's lanes.</param>
        /// <param name="rightStart">Its first element read.</param>
        /// <param name="count">The number of products.</param>
        /// <returns>Each row's sum, -0.0 when count is zero or less.</returns>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public static Vector512<double> Dot(ReadOnlySpan<Vector512<double>> left, int leftStart, ReadOnlySpan<Vector512<double>> right, int rightStart, int count) =>
            DotLanes(left, leftStart, right, rightStart, count);

        /// <summary>The <c>float</c> form of <see cref="Dot(ReadOnlySpan{double}, int, ReadOnlySpan{Vector512{double}}, int, int)"/>.</summary>
        /// <param name="shared">An array the rows share (each element broadcast).</param>
        /// <param name="sharedStart">Its first element read.</param>
        /// <param name="lanes">A private row's lanes.</param>
        /// <param name="lanesStart">Its first element read.</param>
        /// <param name="count">The number of products.</param>
        /// <returns>Each row's sum, -0.0 when count is zero or less.</returns>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public static Vector512<float> Dot(ReadOnlySpan<float> shared, int sharedStart, ReadOnlySpan<Vector512<float>> lanes, int lanesStart, int count) =>
            DotShared(shared, sharedStart, lanes, lanesStart, count);

        /// <summary>The <c>float</c> form of <see cref="Dot(ReadOnlySpan{Vector512{double}}, int, ReadOnlySpan{Vector512{double}}, int, int)"/>.</summary>
        /// <param name="left">A private row's lanes.</param>
        /// <param name="leftStart">Its first element read.</param>
        /// <param name="right">A private row's lanes.</param>
        /// <param name="rightStart">Its first element read.</param>
        /// <param name="count">The number of products.</param>
        /// <returns>Each row's sum, -0.0 when count is zero or less.</returns>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public static Vector512<float> Dot(ReadOnlySpan<Vector512<float>> left, int leftStart, ReadOnlySpan<Vector512<float>> right, int rightStart, int count) =>
            DotLanes(left, leftStart, right, rightStart, count);

        /// <summary>
        /// <c>destination[destinationStart + j] += scales[c] * matrix[matrixStart + c * rowStride + j]</c> for j = 0 to
        /// count - 1 and c = first, first + step, ... (<paramref name="iterations"/> values), each element adding its
        /// products in that order of c: a loop over c whose body adds one row of a shared matrix, scaled by the lanes of
        /// element c, to a private row (the reverse of a layer, <c>da[j] += dz[c] * w2[c * h + j]</c>), with the loops
        /// interchanged so each element stays in a register.
        /// </summary>
        /// <param name="destination">A private row's lanes.</param>
        /// <param name="destinationStart">The first element written.</param>
        /// <param name="scales">A private row's lanes: element c scales the matrix's row c.</param>
        /// <param name="first">The first c.</param>
        /// <param name="step">1 or -1: the loop's direction.</param>
        /// <param name="iterations">The number of values of c.</param>
        /// <param name="matrix">An array the rows share.</param>
        /// <param name="matrixStart">The element of c = 0, j = 0.</param>
        /// <param name="rowStride">The distance between rows c and c + 1.</param>
        /// <param name="count">The number of elements.</param>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public static void AddTransposedProducts(
            Span<Vector512<double>> destination, int destinationStart, ReadOnlySpan<Vector512<double>> scales, int first, int step, int iterations, ReadOnlySpan<double> matrix, int matrixStart, int rowStride, int count) =>
            AddTransposedProductsOf(destination, destinationStart, scales, first, step, iterations, matrix, matrixStart, rowStride, count);

        /// <summary>The <c>float</c> form of <see cref="AddTransposedProducts(Span{Vector512{double}}, int, ReadOnlySpan{Vector512{double}}, int, int, int, ReadOnlySpan{double}, int, int, int)"/>.</summary>
        /// <param name="destination">A private row's lanes.</param>
        /// <param name="destinationStart">The first element written.</param>
        /// <param name="scales">A private row's lanes: element c scales the matrix's row c.</param>
        /// <param name="first">The first c.</param>
        /// <param name="step">1 or -1: the loop's direction.</param>
        /// <param name="iterations">The number of values of c.</param>
        /// <param name="matrix">An array the rows share.</param>
        /// <param name="matrixStart">The element of c = 0, j = 0.</param>
        /// <param name="rowStride">The distance between rows c and c + 1.</param>
        /// <param name="count">The number of elements.</param>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public static void AddTransposedProducts(
            Span<Vector512<float>> destination, int destinationStart, ReadOnlySpan<Vector512<float>> scales, int first, int step, int iterations, ReadOnlySpan<float> matrix, int matrixStart, int rowStride, int count) =>
            AddTransposedProductsOf(destination, destinationStart, scales, first, step, iterations, matrix, matrixStart, rowStride, count);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddTransposedProductsOf<T>(
            Span<Vector512<T>> destination, int destinationStart, ReadOnlySpan<Vector512<T>> scales, int first, int step, int iterations, ReadOnlySpan<T> matrix, int matrixStart, int rowStride, int count)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            if (count <= 0 || iterations <= 0)
            {
                return;
            }

            long last = first + ((long)(iterations - 1) * step);
            long firstRow = matrixStart + ((long)first * rowStride);
            long lastRow = matrixStart + (last * rowStride);
            if ((uint)destinationStart > (uint)destination.Length || (uint)count > (uint)(destination.Length - destinationStart)
                || (step != 1 && step != -1) || first < 0 || first >= scales.Length || last < 0 || last >= scales.Length
                || Math.Min(firstRow, lastRow) < 0 || Math.Max(firstRow, lastRow) + count > matrix.Length)
            {
                throw OutsideProducts(destinationStart, count, destination.Length, first, last, scales.Length, firstRow, lastRow, matrix.Length);
            }

            ref Vector512<T> into = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), (nint)destinationStart);
            ref Vector512<T> scale = ref MemoryMarshal.GetReference(scales);
            ref T rows = ref MemoryMarshal.GetReference(matrix);
            nint stride = rowStride;
            nint j = 0;

            // Eight elements at a time: eight chains of additions in flight (four wait on the additions' latency; at the
            // two-layer network's k = 10 classes the eight took 5.1 -> ~3.7 us of the float h = 32 gradient's 98).
            for (; j + 8 <= count; j += 8)
            {
                Vector512<T> sum = Unsafe.Add(ref into, j);
                Vector512<T> sum2 = Unsafe.Add(ref into, j + 1);
                Vector512<T> sum3 = Unsafe.Add(ref into, j + 2);
                Vector512<T> sum4 = Unsafe.Add(ref into, j + 3);
                Vector512<T> sum5 = Unsafe.Add(ref into, j + 4);
                Vector512<T> sum6 = Unsafe.Add(ref into, j + 5);
                Vector512<T> sum7 = Unsafe.Add(ref into, j + 6);
                Vector512<T> sum8 = Unsafe.Add(ref into, j + 7);
                nint c = first;
                nint at = (nint)firstRow + j;
                for (int t = 0; t < iterations; t++)
                {
                    Vector512<T> factor = Unsafe.Add(ref scale, c);
                    ref T row = ref Unsafe.Add(ref rows, at);
                    sum += factor * Vector512.Create(row);
                    sum2 += factor * Vector512.Create(Unsafe.Add(ref row, 1));
                    sum3 += factor * Vector512.Create(Unsafe.Add(ref row, 2));
                    sum4 += factor * Vector512.Create(Unsafe.Add(ref row, 3));
                    sum5 += factor * Vector512.Create(Unsafe.Add(ref row, 4));
                    sum6 += factor * Vector512.Create(Unsafe.Add(ref row, 5));
                    sum7 += factor * Vector512.Create(Unsafe.Add(ref row, 6));
                    sum8 += factor * Vector512.Create(Unsafe.Add(ref row, 7));
                    c += step;
                    at += step * stride;
                }

                Unsafe.Add(ref into, j) = sum;
                Unsafe.Add(ref into, j + 1) = sum2;
                Unsafe.Add(ref into, j + 2) = sum3;
                Unsafe.Add(ref into, j + 3) = sum4;
                Unsafe.Add(ref into, j + 4) = sum5;
                Unsafe.Add(ref into, j + 5) = sum6;
                Unsafe.Add(ref into, j + 6) = sum7;
                Unsafe.Add(ref into, j + 7) = sum8;
            }

            for (; j + 4 <= count; j += 4)
            {
                Vector512<T> sum = Unsafe.Add(ref into, j);
                Vector512<T> sum2 = Unsafe.Add(ref into, j + 1);
                Vector512<T> sum3 = Unsafe.Add(ref into, j + 2);
                Vector512<T> sum4 = Unsafe.Add(ref into, j + 3);
                nint c = first;
                nint at = (nint)firstRow + j;  // an offset, not a moving reference: it leaves the matrix after the last row
                for (int t = 0; t < iterations; t++)
                {
                    Vector512<T> factor = Unsafe.Add(ref scale, c);
                    ref T row = ref Unsafe.Add(ref rows, at);
                    sum += factor * Vector512.Create(row);
                    sum2 += factor * Vector512.Create(Unsafe.Add(ref row, 1));
                    sum3 += factor * Vector512.Create(Unsafe.Add(ref row, 2));
                    sum4 += factor * Vector512.Create(Unsafe.Add(ref row, 3));
                    c += step;
                    at += step * stride;
                }

                Unsafe.Add(ref into, j) = sum;
                Unsafe.Add(ref into, j + 1) = sum2;
                Unsafe.Add(ref into, j + 2) = sum3;
                Unsafe.Add(ref into, j + 3) = sum4;
            }

            for (; j < count; j++)
            {
                Vector512<T> sum = Unsafe.Add(ref into, j);
                nint c = first;
                nint at = (nint)firstRow + j;
                for (int t = 0; t < iterations; t++)
                {
                    sum += Unsafe.Add(ref scale, c) * Vector512.Create(Unsafe.Add(ref rows, at));
                    c += step;
                    at += step * stride;
                }

                Unsafe.Add(ref into, j) = sum;
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static IndexOutOfRangeException OutsideProducts(int destinationStart, int count, int destinationLength, int first, long last, int scalesLength, long firstRow, long lastRow, int matrixLength) =>
            new IndexOutOfRangeException(
                $"Transposed products of {count} elements from {destinationStart} of {destinationLength}, scales {first} to {last} of {scalesLength}, matrix rows from {firstRow} and {lastRow} of {matrixLength}.");

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddScaledLanes<T>(Span<Vector512<T>> destination, int destinationStart, Vector512<T> scale, ReadOnlySpan<Vector512<T>> source, int sourceStart, int count)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            if (count <= 0)
            {
                return;
            }

            CheckLoopRun(destinationStart, count, destination.Length, sourceStart, source.Length);
            ref Vector512<T> into = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), (nint)destinationStart);
            ref Vector512<T> from = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), (nint)sourceStart);
            nint e = 0;
            for (; e + 4 <= count; e += 4)
            {
                Unsafe.Add(ref into, e) += scale * Unsafe.Add(ref from, e);
                Unsafe.Add(ref into, e + 1) += scale * Unsafe.Add(ref from, e + 1);
                Unsafe.Add(ref into, e + 2) += scale * Unsafe.Add(ref from, e + 2);
                Unsafe.Add(ref into, e + 3) += scale * Unsafe.Add(ref from, e + 3);
            }

            for (; e < count; e++)
            {
                Unsafe.Add(ref into, e) += scale * Unsafe.Add(ref from, e);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddScaledShared<T>(Span<Vector512<T>> destination, int destinationStart, Vector512<T> scale, ReadOnlySpan<T> source, int sourceStart, int count)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            if (count <= 0)
            {
                return;
            }

            CheckLoopRun(destinationStart, count, destination.Length, sourceStart, source.Length);
            ref Vector512<T> into = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), (nint)destinationStart);
            ref T from = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), (nint)sourceStart);
            nint e = 0;
            for (; e + 4 <= count; e += 4)
            {
                Unsafe.Add(ref into, e) += scale * Vector512.Create(Unsafe.Add(ref from, e));
                Unsafe.Add(ref into, e + 1) += scale * Vector512.Create(Unsafe.Add(ref from, e + 1));
                Unsafe.Add(ref into, e + 2) += scale * Vector512.Create(Unsafe.Add(ref from, e + 2));
                Unsafe.Add(ref into, e + 3) += scale * Vector512.Create(Unsafe.Add(ref from, e + 3));
            }

            for (; e < count; e++)
            {
                Unsafe.Add(ref into, e) += scale * Vector512.Create(Unsafe.Add(ref from, e));
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<T> DotShared<T>(ReadOnlySpan<T> shared, int sharedStart, ReadOnlySpan<Vector512<T>> lanes, int lanesStart, int count)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            Vector512<T> part = Vector512.Create(T.NegativeZero);  // the start of a sum that leaves every value as it is
            if (count <= 0)
            {
                return part;
            }

            CheckLoopRun(sharedStart, count, shared.Length, lanesStart, lanes.Length);
            ref T weights = ref Unsafe.Add(ref MemoryMarshal.GetReference(shared), (nint)sharedStart);
            ref Vector512<T> values = ref Unsafe.Add(ref MemoryMarshal.GetReference(lanes), (nint)lanesStart);
            Vector512<T> part2 = part;
            Vector512<T> part3 = part;
            Vector512<T> part4 = part;
            nint e = 0;
            for (; e + 4 <= count; e += 4)
            {
                part += Vector512.Create(Unsafe.Add(ref weights, e)) * Unsafe.Add(ref values, e);
                part2 += Vector512.Create(Unsafe.Add(ref weights, e + 1)) * Unsafe.Add(ref values, e + 1);
                part3 += Vector512.Create(Unsafe.Add(ref weights, e + 2)) * Unsafe.Add(ref values, e + 2);
                part4 += Vector512.Create(Unsafe.Add(ref weights, e + 3)) * Unsafe.Add(ref values, e + 3);
            }

            for (; e < count; e++)
            {
                part += Vector512.Create(Unsafe.Add(ref weights, e)) * Unsafe.Add(ref values, e);
            }

            return (part + part2) + (part3 + part4);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<T> DotLanes<T>(ReadOnlySpan<Vector512<T>> left, int leftStart, ReadOnlySpan<Vector512<T>> right, int rightStart, int count)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            Vector512<T> part = Vector512.Create(T.NegativeZero);  // the start of a sum that leaves every value as it is
            if (count <= 0)
            {
                return part;
            }

            CheckLoopRun(leftStart, count, left.Length, rightStart, right.Length);
            ref Vector512<T> a = ref Unsafe.Add(ref MemoryMarshal.GetReference(left), (nint)leftStart);
            ref Vector512<T> b = ref Unsafe.Add(ref MemoryMarshal.GetReference(right), (nint)rightStart);
            Vector512<T> part2 = part;
            Vector512<T> part3 = part;
            Vector512<T> part4 = part;
            nint e = 0;
            for (; e + 4 <= count; e += 4)
            {
                part += Unsafe.Add(ref a, e) * Unsafe.Add(ref b, e);
                part2 += Unsafe.Add(ref a, e + 1) * Unsafe.Add(ref b, e + 1);
                part3 += Unsafe.Add(ref a, e + 2) * Unsafe.Add(ref b, e + 2);
                part4 += Unsafe.Add(ref a, e + 3) * Unsafe.Add(ref b, e + 3);
            }

            for (; e < count; e++)
            {
                part += Unsafe.Add(ref a, e) * Unsafe.Add(ref b, e);
            }

            return (part + part2) + (part3 + part4);
        }

        /// <summary>Throws where count elements from either start would leave its span (count is positive).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void CheckLoopRun(int firstStart, int count, int firstLength, int secondStart, int secondLength)
        {
            if ((uint)firstStart > (uint)firstLength || (uint)count > (uint)(firstLength - firstStart)
                || (uint)secondStart > (uint)secondLength || (uint)count > (uint)(secondLength - secondStart))
            {
                throw OutsideRun(firstStart, count, firstLength, secondStart, secondLength);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static IndexOutOfRangeException OutsideRun(int firstStart, int count, int firstLength, int secondStart, int secondLength) =>
            new IndexOutOfRangeException($"A row loop of {count} elements from {firstStart} of {firstLength} and from {secondStart} of {secondLength}.");
    }
}
