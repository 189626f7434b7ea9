using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad
{
    /// <summary>
    /// The <c>double</c> kernel behind <see cref="Kernels.DotTileTransposed(ReadOnlySpan{double}, int, int, int, ReadOnlySpan{double}, int, int, int, int, Span{double})"/>:
    /// a tile's dot products with the lanes along the tile's rows, the layout generated row lanes read.
    /// <para>
    /// The right rows (a tile's rows, at most <see cref="Kernels.TileSize"/>) go sixteen at a time, two groups of eight
    /// (the last group alone). Their elements are transposed eight by eight in registers (AVX-512 unpacks and
    /// two-source permutes; elsewhere through a small table on the stack, the same values), so element k of a group's
    /// rows is one vector. Each left row then adds, per k, its element broadcast times that vector: one fused
    /// multiply-add for eight products, with no horizontal sum and no scalar tail. A left row's chain for one group
    /// waits 4 cycles a step, so the two groups' chains run side by side (softmax's ten classes by a 32-row tile: about
    /// 1.25 µs a tile with one group, 0.9 to 1.0 µs with two, against 0.58 µs for its FMAs at the machine's peak). The
    /// sums sit in a table on the stack, at most <see cref="LeftBlock"/> left rows at a time, and are stored to the
    /// products' places when the rows' elements are done. A row's last, partial block of elements is loaded whole and
    /// transposed in registers when that stays inside the array, else copied element by element.
    /// </para>
    /// <para>
    /// Order: every product is the fused multiply-adds of k = 0, 1, ..., length - 1 one after the other, from -0.0, on
    /// every machine. (The <c>float</c> form is <see cref="RowLaneSingleDots"/>, sixteen lanes, the same order;
    /// <see cref="Kernels.DotTile(ReadOnlySpan{double}, int, int, int, ReadOnlySpan{double}, int, int, int, int, Span{double})"/>
    /// keeps its lanes along the elements, with the halving sum.)
    /// </para>
    /// </summary>
    internal static class RowLaneDots
    {
        /// <summary>The number of left rows whose sums a pass keeps (on the stack, two groups of eight lanes each): 32 rows, 4 KB.</summary>
        internal const int LeftBlock = 32;

        private const int Lanes = 8;

        /// <summary>The distance between two left rows' sums in the sum table: two groups of eight lanes.</summary>
        private const int SumStride = 2 * Lanes;

        /// <summary>
        /// Product (r, c) of <paramref name="leftCount"/> left rows and <paramref name="rightCount"/> right rows (at most
        /// <see cref="Kernels.TileSize"/>) at <c>into[r * TileSize + c]</c>. The callers have checked every row's range
        /// and the products' room; <paramref name="length"/> is positive, and <paramref name="rightAvailable"/> elements
        /// may be read from <paramref name="right"/> on (a row's last block is loaded whole when that stays inside, its
        /// extra elements unused). <paramref name="registerTranspose"/> chooses the AVX-512 transpose (when the machine has
        /// it) or the table; the tests run both.
        /// </summary>
        [SkipLocalsInit]
        internal static void Dots(ref double left, nint leftStride, int leftCount, ref double right, nint rightStride, int rightCount, int length, long rightAvailable, ref double into, bool registerTranspose)
        {
            Span<double> sumTable = stackalloc double[LeftBlock * SumStride];
            Span<double> columnTable = stackalloc double[Lanes * Lanes];
            ref double sums = ref MemoryMarshal.GetReference(sumTable);
            ref double columns = ref MemoryMarshal.GetReference(columnTable);
            bool inRegisters = registerTranspose && Avx512F.IsSupported;
            nint first = 0;
            while (first < rightCount)
            {
                // Two groups of eight right rows at a time where there are two: every left row then runs two independent
                // chains of fused multiply-adds, which one group's chain (4 cycles a step) cannot keep the FMA pipes busy with.
                nint groups = inRegisters && rightCount - first >= 2 * Lanes ? 2 : 1;
                ref double rightRows = ref Unsafe.Add(ref right, first * rightStride);
                for (nint block = 0; block < leftCount; block += LeftBlock)
                {
                    nint blockRows = Math.Min(LeftBlock, leftCount - block);
                    ref double leftRows = ref Unsafe.Add(ref left, block * leftStride);
                    Vector512<double> start = Vector512.Create(-0.0);
                    for (nint r = 0; r < blockRows; r++)
                    {
                        start.StoreUnsafe(ref sums, (nuint)(r * SumStride));
                        start.StoreUnsafe(ref sums, (nuint)((r * SumStride) + Lanes));
                    }

                    nint k = 0;
                    if (groups == 2)
                    {
                        for (; k + Lanes <= length; k += Lanes)
                        {
                            AddSixteenInRegisters(ref leftRows, leftStride, blockRows, ref rightRows, rightStride, k, ref sums);
                        }
                    }
                    else if (rightCount - first >= Lanes && inRegisters)
                    {
                        for (; k + Lanes <= length; k += Lanes)
                        {
                            AddEightInRegisters(ref leftRows, leftStride, blockRows, ref rightRows, rightStride, k, ref sums);
                        }
                    }

                    for (; k < length; k += Lanes)
                    {
                        nint elements = Math.Min(Lanes, length - k);
                        for (nint group = 0; group < groups; group++)
                        {
                            nint groupFirst = first + (group * Lanes);
                            nint rows = Math.Min(Lanes, rightCount - groupFirst);
                            ref double groupRows = ref Unsafe.Add(ref right, groupFirst * rightStride);
                            if (rows == Lanes && inRegisters && rightStride > 0 && (groupFirst * rightStride) + (7 * rightStride) + k + Lanes <= rightAvailable)
                            {
                                TransposeInRegisters(ref groupRows, rightStride, k, ref columns);
                            }
                            else
                            {
                                Transpose(ref groupRows, rightStride, rows, k, elements, ref columns);
                            }

                            AddFromTable(ref leftRows, leftStride, blockRows, k, elements, ref columns, ref Unsafe.Add(ref sums, group * Lanes));
                        }
                    }

                    for (nint group = 0; group < groups; group++)
                    {
                        nint groupFirst = first + (group * Lanes);
                        nint rows = Math.Min(Lanes, rightCount - groupFirst);
                        for (nint r = 0; r < blockRows; r++)
                        {
                            ref double products = ref Unsafe.Add(ref into, ((block + r) * Kernels.TileSize) + groupFirst);
                            ref double rowSums = ref Unsafe.Add(ref sums, (r * SumStride) + (group * Lanes));
                            if (rows == Lanes)
                            {
                                Vector512.LoadUnsafe(ref rowSums).StoreUnsafe(ref products);
                                continue;
                            }

                            for (nint l = 0; l < rows; l++)
                            {
                                Unsafe.Add(ref products, l) = Unsafe.Add(ref rowSums, l);
                            }
                        }
                    }
                }

                first += groups * Lanes;
            }
        }

        /// <summary>Elements k to k + 7 of eight right rows, transposed in registers; then every left row of the block adds its eight products per lane, in order of k.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddEightInRegisters(ref double left, nint leftStride, nint leftRows, ref double right, nint rightStride, nint k, ref double sums)
        {
            TransposeEight(ref Unsafe.Add(ref right, k), rightStride, out Vector512<double> t0, out Vector512<double> t1, out Vector512<double> t2, out Vector512<double> t3, out Vector512<double> t4, out Vector512<double> t5, out Vector512<double> t6, out Vector512<double> t7);
            for (nint r = 0; r < leftRows; r++)
            {
                ref double w = ref Unsafe.Add(ref left, (r * leftStride) + k);
                ref double sum = ref Unsafe.Add(ref sums, r * SumStride);
                Vector512<double> s = Vector512.LoadUnsafe(ref sum);
                s = Vector512.FusedMultiplyAdd(Vector512.Create(w), t0, s);
                s = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, 1)), t1, s);
                s = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, 2)), t2, s);
                s = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, 3)), t3, s);
                s = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, 4)), t4, s);
                s = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, 5)), t5, s);
                s = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, 6)), t6, s);
                s = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, 7)), t7, s);
                s.StoreUnsafe(ref sum);
            }
        }

        /// <summary>
        /// <see cref="AddEightInRegisters"/> for sixteen right rows, two groups of eight: each weight, broadcast once,
        /// feeds both groups' sums, two independent chains per left row.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddSixteenInRegisters(ref double left, nint leftStride, nint leftRows, ref double right, nint rightStride, nint k, ref double sums)
        {
            ref double first = ref Unsafe.Add(ref right, k);
            TransposeEight(ref first, rightStride, out Vector512<double> t0, out Vector512<double> t1, out Vector512<double> t2, out Vector512<double> t3, out Vector512<double> t4, out Vector512<double> t5, out Vector512<double> t6, out Vector512<double> t7);
            TransposeEight(ref Unsafe.Add(ref first, Lanes * rightStride), rightStride, out Vector512<double> u0, out Vector512<double> u1, out Vector512<double> u2, out Vector512<double> u3, out Vector512<double> u4, out Vector512<double> u5, out Vector512<double> u6, out Vector512<double> u7);
            for (nint r = 0; r < leftRows; r++)
            {
                ref double w = ref Unsafe.Add(ref left, (r * leftStride) + k);
                ref double sum = ref Unsafe.Add(ref sums, r * SumStride);
                Vector512<double> s = Vector512.LoadUnsafe(ref sum);
                Vector512<double> z = Vector512.LoadUnsafe(ref sum, Lanes);
                Vector512<double> weight = Vector512.Create(w);
                s = Vector512.FusedMultiplyAdd(weight, t0, s);
                z = Vector512.FusedMultiplyAdd(weight, u0, z);
                weight = Vector512.Create(Unsafe.Add(ref w, 1));
                s = Vector512.FusedMultiplyAdd(weight, t1, s);
                z = Vector512.FusedMultiplyAdd(weight, u1, z);
                weight = Vector512.Create(Unsafe.Add(ref w, 2));
                s = Vector512.FusedMultiplyAdd(weight, t2, s);
                z = Vector512.FusedMultiplyAdd(weight, u2, z);
                weight = Vector512.Create(Unsafe.Add(ref w, 3));
                s = Vector512.FusedMultiplyAdd(weight, t3, s);
                z = Vector512.FusedMultiplyAdd(weight, u3, z);
                weight = Vector512.Create(Unsafe.Add(ref w, 4));
                s = Vector512.FusedMultiplyAdd(weight, t4, s);
                z = Vector512.FusedMultiplyAdd(weight, u4, z);
                weight = Vector512.Create(Unsafe.Add(ref w, 5));
                s = Vector512.FusedMultiplyAdd(weight, t5, s);
                z = Vector512.FusedMultiplyAdd(weight, u5, z);
                weight = Vector512.Create(Unsafe.Add(ref w, 6));
                s = Vector512.FusedMultiplyAdd(weight, t6, s);
                z = Vector512.FusedMultiplyAdd(weight, u6, z);
                weight = Vector512.Create(Unsafe.Add(ref w, 7));
                s = Vector512.FusedMultiplyAdd(weight, t7, s);
                z = Vector512.FusedMultiplyAdd(weight, u7, z);
                s.StoreUnsafe(ref sum);
                z.StoreUnsafe(ref sum, Lanes);
            }
        }

        /// <summary>A row's last block, loaded whole (its elements past the row unused) and transposed in registers into the table, element e of row l at <c>e * 8 + l</c>.</summary>
        private static void TransposeInRegisters(ref double right, nint rightStride, nint k, ref double columns)
        {
            TransposeEight(ref Unsafe.Add(ref right, k), rightStride, out Vector512<double> t0, out Vector512<double> t1, out Vector512<double> t2, out Vector512<double> t3, out Vector512<double> t4, out Vector512<double> t5, out Vector512<double> t6, out Vector512<double> t7);
            t0.StoreUnsafe(ref columns);
            t1.StoreUnsafe(ref columns, Lanes);
            t2.StoreUnsafe(ref columns, 2 * Lanes);
            t3.StoreUnsafe(ref columns, 3 * Lanes);
            t4.StoreUnsafe(ref columns, 4 * Lanes);
            t5.StoreUnsafe(ref columns, 5 * Lanes);
            t6.StoreUnsafe(ref columns, 6 * Lanes);
            t7.StoreUnsafe(ref columns, 7 * Lanes);
        }

        /// <summary>Eight elements of eight rows, <paramref name="stride"/> apart, transposed: t<i>e</i> holds element e of rows 0 to 7.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void TransposeEight(ref double row, nint stride, out Vector512<double> t0, out Vector512<double> t1, out Vector512<double> t2, out Vector512<double> t3, out Vector512<double> t4, out Vector512<double> t5, out Vector512<double> t6, out Vector512<double> t7) =>
            TransposeEight(
                Vector512.LoadUnsafe(ref row),
                Vector512.LoadUnsafe(ref Unsafe.Add(ref row, stride)),
                Vector512.LoadUnsafe(ref Unsafe.Add(ref row, 2 * stride)),
                Vector512.LoadUnsafe(ref Unsafe.Add(ref row, 3 * stride)),
                Vector512.LoadUnsafe(ref Unsafe.Add(ref row, 4 * stride)),
                Vector512.LoadUnsafe(ref Unsafe.Add(ref row, 5 * stride)),
                Vector512.LoadUnsafe(ref Unsafe.Add(ref row, 6 * stride)),
                Vector512.LoadUnsafe(ref Unsafe.Add(ref row, 7 * stride)),
                out t0, out t1, out t2, out t3, out t4, out t5, out t6, out t7);

        /// <summary>Eight rows r0 to r7 transposed: t<i>e</i> holds element e of rows 0 to 7.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void TransposeEight(
            Vector512<double> r0, Vector512<double> r1, Vector512<double> r2, Vector512<double> r3, Vector512<double> r4, Vector512<double> r5, Vector512<double> r6, Vector512<double> r7,
            out Vector512<double> t0, out Vector512<double> t1, out Vector512<double> t2, out Vector512<double> t3, out Vector512<double> t4, out Vector512<double> t5, out Vector512<double> t6, out Vector512<double> t7)
        {
            // Pairs of rows interleaved: a holds the even elements of rows 2i and 2i + 1, b the odd ones.
            Vector512<double> a0 = Avx512F.UnpackLow(r0, r1), b0 = Avx512F.UnpackHigh(r0, r1);
            Vector512<double> a1 = Avx512F.UnpackLow(r2, r3), b1 = Avx512F.UnpackHigh(r2, r3);
            Vector512<double> a2 = Avx512F.UnpackLow(r4, r5), b2 = Avx512F.UnpackHigh(r4, r5);
            Vector512<double> a3 = Avx512F.UnpackLow(r6, r7), b3 = Avx512F.UnpackHigh(r6, r7);

            // Quads of rows: elements e and e + 4 of four rows each.
            Vector512<long> low = Vector512.Create(0L, 1, 8, 9, 4, 5, 12, 13);
            Vector512<long> high = Vector512.Create(2L, 3, 10, 11, 6, 7, 14, 15);
            Vector512<double> c0 = Avx512F.PermuteVar8x64x2(a0, low, a1), c1 = Avx512F.PermuteVar8x64x2(a0, high, a1);
            Vector512<double> c2 = Avx512F.PermuteVar8x64x2(a2, low, a3), c3 = Avx512F.PermuteVar8x64x2(a2, high, a3);
            Vector512<double> d0 = Avx512F.PermuteVar8x64x2(b0, low, b1), d1 = Avx512F.PermuteVar8x64x2(b0, high, b1);
            Vector512<double> d2 = Avx512F.PermuteVar8x64x2(b2, low, b3), d3 = Avx512F.PermuteVar8x64x2(b2, high, b3);

            // Element e of all eight rows.
            Vector512<long> lower = Vector512.Create(0L, 1, 2, 3, 8, 9, 10, 11);
            Vector512<long> upper = Vector512.Create(4L, 5, 6, 7, 12, 13, 14, 15);
            t0 = Avx512F.PermuteVar8x64x2(c0, lower, c2);
            t4 = Avx512F.PermuteVar8x64x2(c0, upper, c2);
            t2 = Avx512F.PermuteVar8x64x2(c1, lower, c3);
            t6 = Avx512F.PermuteVar8x64x2(c1, upper, c3);
            t1 = Avx512F.PermuteVar8x64x2(d0, lower, d2);
            t5 = Avx512F.PermuteVar8x64x2(d0, upper, d2);
            t3 = Avx512F.PermuteVar8x64x2(d1, lower, d3);
            t7 = Avx512F.PermuteVar8x64x2(d1, upper, d3);
        }

        /// <summary>
        /// The tails of <c>DotTile</c>'s <c>double</c> products with AVX-512 (<c>TileKernels.AddDotTails</c>'s order: each
        /// product's last <paramref name="tail"/> elements, fused from -0.0 in order, added to the sum at its place): eight right
        /// rows' last elements are loaded as whole vectors (copied through an eight-element table when a whole vector would
        /// leave the array) and transposed in registers, so each left row's tails with eight right rows are one vector of
        /// chains, with the same values in each lane as the table the other machines build.
        /// </summary>
        [SkipLocalsInit]
        internal static void AddDotTails(ref double left, nint leftStride, int leftCount, ref double right, nint rightStride, int rightCount, nint from, nint tail, long available, ref double into, nint rowStep, nint columnStep)
        {
            Span<double> rowTable = stackalloc double[Lanes];
            for (nint first = 0; first < rightCount; first += Lanes)
            {
                nint rows = Math.Min(Lanes, rightCount - first);
                TransposeEight(
                    TailRow(ref right, rightStride, first, rows, 0, from, tail, available, rowTable),
                    TailRow(ref right, rightStride, first, rows, 1, from, tail, available, rowTable),
                    TailRow(ref right, rightStride, first, rows, 2, from, tail, available, rowTable),
                    TailRow(ref right, rightStride, first, rows, 3, from, tail, available, rowTable),
                    TailRow(ref right, rightStride, first, rows, 4, from, tail, available, rowTable),
                    TailRow(ref right, rightStride, first, rows, 5, from, tail, available, rowTable),
                    TailRow(ref right, rightStride, first, rows, 6, from, tail, available, rowTable),
                    TailRow(ref right, rightStride, first, rows, 7, from, tail, available, rowTable),
                    out Vector512<double> t0, out Vector512<double> t1, out Vector512<double> t2, out Vector512<double> t3, out Vector512<double> t4, out Vector512<double> t5, out Vector512<double> t6, out _);
                for (nint r = 0; r < leftCount; r++)
                {
                    // At most seven elements: the chain stops at the tail's last.
                    ref double w = ref Unsafe.Add(ref left, (r * leftStride) + from);
                    Vector512<double> sum = Vector512.FusedMultiplyAdd(Vector512.Create(w), t0, Vector512.Create(-0.0));
                    if (tail > 1)
                    {
                        sum = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, 1)), t1, sum);
                    }

                    if (tail > 2)
                    {
                        sum = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, 2)), t2, sum);
                    }

                    if (tail > 3)
                    {
                        sum = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, 3)), t3, sum);
                    }

                    if (tail > 4)
                    {
                        sum = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, 4)), t4, sum);
                    }

                    if (tail > 5)
                    {
                        sum = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, 5)), t5, sum);
                    }

                    if (tail > 6)
                    {
                        sum = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, 6)), t6, sum);
                    }

                    ref double products = ref Unsafe.Add(ref into, (r * rowStep) + (first * columnStep));
                    if (columnStep == 1 && rows == Lanes)
                    {
                        (Vector512.LoadUnsafe(ref products) + sum).StoreUnsafe(ref products);
                        continue;
                    }

                    for (nint l = 0; l < rows; l++)
                    {
                        Unsafe.Add(ref products, l * columnStep) += sum.GetElement((int)l);
                    }
                }
            }
        }

        /// <summary>Row <paramref name="first"/> + <paramref name="l"/>'s elements from <paramref name="from"/> on, as one vector (zero for a row past the last); only its first <paramref name="tail"/> lanes are used.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<double> TailRow(ref double right, nint rightStride, nint first, nint rows, nint l, nint from, nint tail, long available, Span<double> rowTable)
        {
            if (l >= rows)
            {
                return Vector512<double>.Zero;
            }

            nint at = ((first + l) * rightStride) + from;
            if (at + Lanes <= available)
            {
                return Vector512.LoadUnsafe(ref right, (nuint)at);
            }

            rowTable.Clear();
            for (nint e = 0; e < tail; e++)
            {
                rowTable[(int)e] = Unsafe.Add(ref right, at + e);
            }

            return Vector512.Create((ReadOnlySpan<double>)rowTable);
        }

        /// <summary>Elements k to k + <paramref name="elements"/> - 1 of <paramref name="rows"/> right rows into the table, element e of row l at <c>e * 8 + l</c>; missing rows are zero.</summary>
        private static void Transpose(ref double right, nint rightStride, nint rows, nint k, nint elements, ref double columns)
        {
            for (nint e = 0; e < elements; e++)
            {
                for (nint l = 0; l < Lanes; l++)
                {
                    Unsafe.Add(ref columns, (e * Lanes) + l) = l < rows ? Unsafe.Add(ref right, (l * rightStride) + k + e) : 0.0;
                }
            }
        }

        /// <summary>Every left row of the block adds its products with the table's elements, per lane, in order of k.</summary>
        private static void AddFromTable(ref double left, nint leftStride, nint leftRows, nint k, nint elements, ref double columns, ref double sums)
        {
            for (nint r = 0; r < leftRows; r++)
            {
                ref double w = ref Unsafe.Add(ref left, (r * leftStride) + k);
                ref double sum = ref Unsafe.Add(ref sums, r * SumStride);
                Vector512<double> s = Vector512.LoadUnsafe(ref sum);
                for (nint e = 0; e < elements; e++)
                {
                    s = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, e)), Vector512.LoadUnsafe(ref columns, (nuint)(e * Lanes)), s);
                }

                s.StoreUnsafe(ref sum);
            }
        }
    }
}
