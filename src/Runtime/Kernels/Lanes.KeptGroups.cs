using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// Outer-product updates of a sum kept for several tiles (docs/how-it-works.md, "Row lanes"): the two-layer network's
    /// output-layer weight gradient, <c>dw2[c * h + j] += dz[c] * a[j]</c> for every class c and unit j, run once per
    /// group of rows, loads and stores each of the sum's k * h vectors once per group. The row lanes instead keep each
    /// group's <c>dz</c> and <c>a</c> (<see cref="Keep(ReadOnlySpan{Vector512{double}}, int, int, Span{Vector512{double}}, int)"/>)
    /// and add the kept groups' products every <see cref="KeptTiles"/> (<see cref="SingleKeptTiles"/>) tiles
    /// (<see cref="AddKeptProducts(Span{Vector512{double}}, int, int, int, ReadOnlySpan{Vector512{double}}, ReadOnlySpan{Vector512{double}}, int, int)"/>),
    /// each sum vector in a register for all of them.
    /// </summary>
    /// <remarks>
    /// Each element adds the same products, group by group in order, with the same operations
    /// (<c>sum = sum + scale * source</c>, a multiplication then an addition) as the per-group
    /// <see cref="AddScaled(Span{Vector512{double}}, int, Vector512{double}, ReadOnlySpan{Vector512{double}}, int, int)"/> calls:
    /// when nothing else adds to those elements between the groups, the sums are the per-group calls', bit for bit.
    /// </remarks>
    public static partial class Lanes
    {
        /// <summary>
        /// How many <c>double</c> tiles' groups of whole rows keep their products before one <c>AddKeptProducts</c> call
        /// adds them (a tile's last rows and the end of the tiles add them sooner): one. A <c>double</c> tile has four
        /// groups; keeping 2, 4 or 8 tiles' groups (the two-layer network at h = 32 and 64, k = 10) measured the same or
        /// up to 3% slower in one process, its kept rows then out of the L1 cache (86 KB for eight tiles at h = 32).
        /// </summary>
        public const int KeptTiles = 1;

        /// <summary>
        /// <see cref="KeptTiles"/> for <c>float</c>: eight. A <c>float</c> tile of 32 rows has only two groups of sixteen,
        /// and each call loads and stores every vector of its sum once; per tile that traffic outweighed the products.
        /// The <c>float</c> two-layer gradient (h = 32, k = 10) took 4 to 7% less time with eight tiles than with one
        /// (paired in one process); its kept rows take 8 * 2 * (10 + 32) vectors (43 KB).
        /// </summary>
        public const int SingleKeptTiles = 8;

        /// <summary>Copies <paramref name="count"/> vectors of a private row from <paramref name="start"/> to group <paramref name="group"/>'s place in <paramref name="kept"/> (from <c>group * count</c>).</summary>
        /// <param name="row">A private row's lanes.</param>
        /// <param name="start">Its first element kept.</param>
        /// <param name="count">The number of elements kept per group.</param>
        /// <param name="kept">The kept rows, group after group.</param>
        /// <param name="group">The group's place among the groups kept, from 0.</param>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public static void Keep(ReadOnlySpan<Vector512<double>> row, int start, int count, Span<Vector512<double>> kept, int group) => KeepOf(row, start, count, kept, group);

        /// <summary>The <c>float</c> form of <see cref="Keep(ReadOnlySpan{Vector512{double}}, int, int, Span{Vector512{double}}, int)"/>.</summary>
        /// <param name="row">A private row's lanes.</param>
        /// <param name="start">Its first element kept.</param>
        /// <param name="count">The number of elements kept per group.</param>
        /// <param name="kept">The kept rows, group after group.</param>
        /// <param name="group">The group's place among the groups kept, from 0.</param>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public static void Keep(ReadOnlySpan<Vector512<float>> row, int start, int count, Span<Vector512<float>> kept, int group) => KeepOf(row, start, count, kept, group);

        /// <summary>
        /// <c>destination[destinationStart + c * rowStride + e] += scales[g * rows + c] * sources[g * count + e]</c> for
        /// g = 0 to groups - 1 in order, c below <paramref name="rows"/>, e below <paramref name="count"/>.
        /// </summary>
        /// <param name="destination">A sum's lanes.</param>
        /// <param name="destinationStart">The element of c = 0, e = 0.</param>
        /// <param name="rowStride">The distance between the elements of c and c + 1.</param>
        /// <param name="rows">The number of values of c (the kept scales per group).</param>
        /// <param name="scales">The kept scales, <paramref name="rows"/> per group.</param>
        /// <param name="sources">The kept sources, <paramref name="count"/> per group.</param>
        /// <param name="count">The number of elements per row.</param>
        /// <param name="groups">The number of groups kept.</param>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public static void AddKeptProducts(
            Span<Vector512<double>> destination, int destinationStart, int rowStride, int rows, ReadOnlySpan<Vector512<double>> scales, ReadOnlySpan<Vector512<double>> sources, int count, int groups) =>
            AddKeptProductsOf(destination, destinationStart, rowStride, rows, scales, sources, count, groups);

        /// <summary>The <c>float</c> form of <see cref="AddKeptProducts(Span{Vector512{double}}, int, int, int, ReadOnlySpan{Vector512{double}}, ReadOnlySpan{Vector512{double}}, int, int)"/>.</summary>
        /// <param name="destination">A sum's lanes.</param>
        /// <param name="destinationStart">The element of c = 0, e = 0.</param>
        /// <param name="rowStride">The distance between the elements of c and c + 1.</param>
        /// <param name="rows">The number of values of c (the kept scales per group).</param>
        /// <param name="scales">The kept scales, <paramref name="rows"/> per group.</param>
        /// <param name="sources">The kept sources, <paramref name="count"/> per group.</param>
        /// <param name="count">The number of elements per row.</param>
        /// <param name="groups">The number of groups kept.</param>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        public static void AddKeptProducts(
            Span<Vector512<float>> destination, int destinationStart, int rowStride, int rows, ReadOnlySpan<Vector512<float>> scales, ReadOnlySpan<Vector512<float>> sources, int count, int groups) =>
            AddKeptProductsOf(destination, destinationStart, rowStride, rows, scales, sources, count, groups);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void KeepOf<T>(ReadOnlySpan<Vector512<T>> row, int start, int count, Span<Vector512<T>> kept, int group)
            where T : unmanaged
        {
            if (count <= 0)
            {
                return;
            }

            long keptStart = (long)group * count;
            if ((uint)start > (uint)row.Length || (uint)count > (uint)(row.Length - start) || keptStart < 0 || keptStart + count > kept.Length)
            {
                throw new IndexOutOfRangeException($"Keeping {count} elements of a row of {row.Length} from {start} as group {group} of {kept.Length} kept.");
            }

            row.Slice(start, count).CopyTo(kept.Slice((int)keptStart, count));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddKeptProductsOf<T>(
            Span<Vector512<T>> destination, int destinationStart, int rowStride, int rows, ReadOnlySpan<Vector512<T>> scales, ReadOnlySpan<Vector512<T>> sources, int count, int groups)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            if (rows <= 0 || count <= 0 || groups <= 0)
            {
                return;
            }

            long firstRow = destinationStart;
            long lastRow = destinationStart + ((long)(rows - 1) * rowStride);
            if (Math.Min(firstRow, lastRow) < 0 || Math.Max(firstRow, lastRow) + count > destination.Length
                || (long)groups * rows > scales.Length || (long)groups * count > sources.Length)
            {
                throw new IndexOutOfRangeException(
                    $"Kept products of {rows} rows of {count} elements from {destinationStart} (rows {rowStride} apart) of {destination.Length}, {groups} groups of {scales.Length} scales and {sources.Length} sources.");
            }

            ref Vector512<T> into = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), (nint)destinationStart);
            ref Vector512<T> scale = ref MemoryMarshal.GetReference(scales);
            ref Vector512<T> source = ref MemoryMarshal.GetReference(sources);
            nint stride = rowStride;
            nint c = 0;
            for (; c + 4 <= rows; c += 4)
            {
                KeptFourRows(ref Unsafe.Add(ref into, c * stride), stride, ref Unsafe.Add(ref scale, c), rows, ref source, count, groups);
            }

            for (; c + 2 <= rows; c += 2)
            {
                KeptTwoRows(ref Unsafe.Add(ref into, c * stride), stride, ref Unsafe.Add(ref scale, c), rows, ref source, count, groups);
            }

            for (; c < rows; c++)
            {
                KeptRow(ref Unsafe.Add(ref into, c * stride), ref Unsafe.Add(ref scale, c), rows, ref source, count, groups);
            }
        }

        /// <summary>Four rows c, four elements at a time: sixteen sums in registers over the groups.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void KeptFourRows<T>(ref Vector512<T> row, nint stride, ref Vector512<T> scales, nint rows, ref Vector512<T> sources, nint count, int groups)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            ref Vector512<T> row1 = ref Unsafe.Add(ref row, stride);
            ref Vector512<T> row2 = ref Unsafe.Add(ref row1, stride);
            ref Vector512<T> row3 = ref Unsafe.Add(ref row2, stride);
            nint e = 0;
            for (; e + 4 <= count; e += 4)
            {
                Vector512<T> a0 = Unsafe.Add(ref row, e), a1 = Unsafe.Add(ref row, e + 1), a2 = Unsafe.Add(ref row, e + 2), a3 = Unsafe.Add(ref row, e + 3);
                Vector512<T> b0 = Unsafe.Add(ref row1, e), b1 = Unsafe.Add(ref row1, e + 1), b2 = Unsafe.Add(ref row1, e + 2), b3 = Unsafe.Add(ref row1, e + 3);
                Vector512<T> d0 = Unsafe.Add(ref row2, e), d1 = Unsafe.Add(ref row2, e + 1), d2 = Unsafe.Add(ref row2, e + 2), d3 = Unsafe.Add(ref row2, e + 3);
                Vector512<T> f0 = Unsafe.Add(ref row3, e), f1 = Unsafe.Add(ref row3, e + 1), f2 = Unsafe.Add(ref row3, e + 2), f3 = Unsafe.Add(ref row3, e + 3);
                // The references step only between groups, never after the last one (it could point outside the kept buffers;
                // AddKeptProductsOf returns before when there are no groups).
                ref Vector512<T> groupScales = ref scales;
                ref Vector512<T> groupSources = ref Unsafe.Add(ref sources, e);
                for (int g = 1; ; g++)
                {
                    Vector512<T> x0 = groupSources, x1 = Unsafe.Add(ref groupSources, 1), x2 = Unsafe.Add(ref groupSources, 2), x3 = Unsafe.Add(ref groupSources, 3);
                    Vector512<T> s = groupScales;
                    a0 += s * x0;
                    a1 += s * x1;
                    a2 += s * x2;
                    a3 += s * x3;
                    s = Unsafe.Add(ref groupScales, 1);
                    b0 += s * x0;
                    b1 += s * x1;
                    b2 += s * x2;
                    b3 += s * x3;
                    s = Unsafe.Add(ref groupScales, 2);
                    d0 += s * x0;
                    d1 += s * x1;
                    d2 += s * x2;
                    d3 += s * x3;
                    s = Unsafe.Add(ref groupScales, 3);
                    f0 += s * x0;
                    f1 += s * x1;
                    f2 += s * x2;
                    f3 += s * x3;
                    if (g == groups)
                    {
                        break;
                    }

                    groupScales = ref Unsafe.Add(ref groupScales, rows);
                    groupSources = ref Unsafe.Add(ref groupSources, count);
                }

                Store4(ref Unsafe.Add(ref row, e), a0, a1, a2, a3);
                Store4(ref Unsafe.Add(ref row1, e), b0, b1, b2, b3);
                Store4(ref Unsafe.Add(ref row2, e), d0, d1, d2, d3);
                Store4(ref Unsafe.Add(ref row3, e), f0, f1, f2, f3);
            }

            for (; e < count; e++)
            {
                for (nint q = 0; q < 4; q++)
                {
                    KeptElement(ref Unsafe.Add(ref Unsafe.Add(ref row, q * stride), e), ref Unsafe.Add(ref scales, q), rows, ref Unsafe.Add(ref sources, e), count, groups);
                }
            }
        }

        /// <summary>Two rows c, four elements at a time: eight sums in registers over the groups.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void KeptTwoRows<T>(ref Vector512<T> row, nint stride, ref Vector512<T> scales, nint rows, ref Vector512<T> sources, nint count, int groups)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            ref Vector512<T> row1 = ref Unsafe.Add(ref row, stride);
            nint e = 0;
            for (; e + 4 <= count; e += 4)
            {
                Vector512<T> a0 = Unsafe.Add(ref row, e), a1 = Unsafe.Add(ref row, e + 1), a2 = Unsafe.Add(ref row, e + 2), a3 = Unsafe.Add(ref row, e + 3);
                Vector512<T> b0 = Unsafe.Add(ref row1, e), b1 = Unsafe.Add(ref row1, e + 1), b2 = Unsafe.Add(ref row1, e + 2), b3 = Unsafe.Add(ref row1, e + 3);
                ref Vector512<T> groupScales = ref scales;
                ref Vector512<T> groupSources = ref Unsafe.Add(ref sources, e);
                for (int g = 1; ; g++)
                {
                    Vector512<T> x0 = groupSources, x1 = Unsafe.Add(ref groupSources, 1), x2 = Unsafe.Add(ref groupSources, 2), x3 = Unsafe.Add(ref groupSources, 3);
                    Vector512<T> s = groupScales;
                    a0 += s * x0;
                    a1 += s * x1;
                    a2 += s * x2;
                    a3 += s * x3;
                    s = Unsafe.Add(ref groupScales, 1);
                    b0 += s * x0;
                    b1 += s * x1;
                    b2 += s * x2;
                    b3 += s * x3;
                    if (g == groups)
                    {
                        break;
                    }

                    groupScales = ref Unsafe.Add(ref groupScales, rows);
                    groupSources = ref Unsafe.Add(ref groupSources, count);
                }

                Store4(ref Unsafe.Add(ref row, e), a0, a1, a2, a3);
                Store4(ref Unsafe.Add(ref row1, e), b0, b1, b2, b3);
            }

            for (; e < count; e++)
            {
                KeptElement(ref Unsafe.Add(ref row, e), ref scales, rows, ref Unsafe.Add(ref sources, e), count, groups);
                KeptElement(ref Unsafe.Add(ref row1, e), ref Unsafe.Add(ref scales, 1), rows, ref Unsafe.Add(ref sources, e), count, groups);
            }
        }

        /// <summary>One row c, four elements at a time.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void KeptRow<T>(ref Vector512<T> row, ref Vector512<T> scales, nint rows, ref Vector512<T> sources, nint count, int groups)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            nint e = 0;
            for (; e + 4 <= count; e += 4)
            {
                Vector512<T> a0 = Unsafe.Add(ref row, e), a1 = Unsafe.Add(ref row, e + 1), a2 = Unsafe.Add(ref row, e + 2), a3 = Unsafe.Add(ref row, e + 3);
                ref Vector512<T> groupScales = ref scales;
                ref Vector512<T> groupSources = ref Unsafe.Add(ref sources, e);
                for (int g = 1; ; g++)
                {
                    Vector512<T> s = groupScales;
                    a0 += s * groupSources;
                    a1 += s * Unsafe.Add(ref groupSources, 1);
                    a2 += s * Unsafe.Add(ref groupSources, 2);
                    a3 += s * Unsafe.Add(ref groupSources, 3);
                    if (g == groups)
                    {
                        break;
                    }

                    groupScales = ref Unsafe.Add(ref groupScales, rows);
                    groupSources = ref Unsafe.Add(ref groupSources, count);
                }

                Store4(ref Unsafe.Add(ref row, e), a0, a1, a2, a3);
            }

            for (; e < count; e++)
            {
                KeptElement(ref Unsafe.Add(ref row, e), ref scales, rows, ref Unsafe.Add(ref sources, e), count, groups);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void KeptElement<T>(ref Vector512<T> element, ref Vector512<T> scales, nint rows, ref Vector512<T> sources, nint count, int groups)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            Vector512<T> sum = element;
            for (int g = 1; ; g++)
            {
                sum += scales * sources;
                if (g == groups)
                {
                    break;
                }

                scales = ref Unsafe.Add(ref scales, rows);
                sources = ref Unsafe.Add(ref sources, count);
            }

            element = sum;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store4<T>(ref Vector512<T> at, Vector512<T> first, Vector512<T> second, Vector512<T> third, Vector512<T> fourth)
            where T : unmanaged
        {
            at = first;
            Unsafe.Add(ref at, 1) = second;
            Unsafe.Add(ref at, 2) = third;
            Unsafe.Add(ref at, 3) = fourth;
        }
    }
}
