using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad
{
    /// <summary>
    /// The <c>float</c> kernel behind <see cref="Kernels.DotTileTransposed(ReadOnlySpan{float}, int, int, int, ReadOnlySpan{float}, int, int, int, int, Span{float})"/>:
    /// <see cref="RowLaneDots"/>'s design with sixteen lanes, the tile's rows along them as generated <c>float</c> row
    /// lanes read them.
    /// <para>
    /// With AVX-512 the tile's rows are transposed once into a column table and register blocks of eight left rows keep
    /// their sums in registers (<see cref="ColumnTable{T}"/>, RowLaneSingleDots.Columns.cs). Eight elements of sixteen rows are transposed in
    /// registers: row l and row l + 8 share a vector (one half each), two eight-by-eight transposes run side by side in
    /// the halves (unpacks), and two-source permutes put element e of all sixteen rows in one vector. Elsewhere the right
    /// rows go sixteen at a time through a small table on the stack (element by element), each left row adding its
    /// weight broadcast times an element's vector, its sums in a table (<see cref="LeftBlock"/> left rows at a time).
    /// </para>
    /// <para>
    /// Order: every product is the fused multiply-adds of k = 0, 1, ..., length - 1 one after the other, from -0.0, on
    /// every machine, as <see cref="RowLaneDots"/>'s.
    /// </para>
    /// </summary>
    internal static partial class RowLaneSingleDots
    {
        /// <summary>The number of left rows whose sums the table form keeps (on the stack, sixteen lanes each): 32 rows, 2 KB.</summary>
        internal const int LeftBlock = 32;

        /// <summary>Right rows per group: the lanes of a <c>Vector512&lt;float&gt;</c>.</summary>
        private const int Lanes = 16;

        /// <summary>Elements per transposed block: half a vector of each row.</summary>
        private const int Block = 8;

        /// <summary>
        /// Product (r, c) of <paramref name="leftCount"/> left rows and <paramref name="rightCount"/> right rows (at most
        /// <see cref="Kernels.TileSize"/>) at <c>into[r * TileSize + c]</c>. The callers have checked every row's range
        /// and the products' room; <paramref name="length"/> is positive. <paramref name="registerTranspose"/> chooses the
        /// column table with its register blocks (when the machine has AVX-512) or the small table; the tests run both.
        /// </summary>
        internal static void Dots(ref float left, nint leftStride, int leftCount, ref float right, nint rightStride, int rightCount, int length, ref float into, bool registerTranspose)
        {
            if (registerTranspose && Avx512F.IsSupported)
            {
                ColumnTable<float>.Dots(ref left, leftStride, leftCount, ref right, rightStride, rightCount, length, long.MaxValue, ref into);
                return;
            }

            TableDots(ref left, leftStride, leftCount, ref right, rightStride, rightCount, length, ref into);
        }

        /// <summary>The form without AVX-512: sixteen right rows at a time, transposed through a table, the sums in a table.</summary>
        [SkipLocalsInit]
        private static void TableDots(ref float left, nint leftStride, int leftCount, ref float right, nint rightStride, int rightCount, int length, ref float into)
        {
            Span<float> sumTable = stackalloc float[LeftBlock * Lanes];
            Span<float> columnTable = stackalloc float[Block * Lanes];
            ref float sums = ref MemoryMarshal.GetReference(sumTable);
            ref float columns = ref MemoryMarshal.GetReference(columnTable);
            for (nint first = 0; first < rightCount; first += Lanes)
            {
                nint rows = Math.Min(Lanes, rightCount - first);
                ref float groupRows = ref Unsafe.Add(ref right, first * rightStride);
                for (nint block = 0; block < leftCount; block += LeftBlock)
                {
                    nint blockRows = Math.Min(LeftBlock, leftCount - block);
                    ref float leftRows = ref Unsafe.Add(ref left, block * leftStride);
                    Vector512<float> start = Vector512.Create(-0.0f);
                    for (nint r = 0; r < blockRows; r++)
                    {
                        start.StoreUnsafe(ref sums, (nuint)(r * Lanes));
                    }

                    for (nint k = 0; k < length; k += Block)
                    {
                        nint elements = Math.Min(Block, length - k);
                        Transpose(ref groupRows, rightStride, rows, k, elements, ref columns);
                        AddFromTable(ref leftRows, leftStride, blockRows, k, elements, ref columns, ref sums);
                    }

                    for (nint r = 0; r < blockRows; r++)
                    {
                        ref float products = ref Unsafe.Add(ref into, ((block + r) * Kernels.TileSize) + first);
                        ref float rowSums = ref Unsafe.Add(ref sums, r * Lanes);
                        for (nint l = 0; l < rows; l++)
                        {
                            Unsafe.Add(ref products, l) = Unsafe.Add(ref rowSums, l);
                        }
                    }
                }
            }
        }

        /// <summary>
        /// Eight elements of sixteen rows, <paramref name="stride"/> apart, transposed: t<i>e</i> holds element e of rows
        /// 0 to 15. Row l and row l + 8 share a vector (low and high half), the halves' eight-by-eight transposes run side
        /// by side (unpacks within 128-bit lanes), and two-source permutes gather each element's four quarters.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void TransposeSixteenByEight(
            ref float row, nint stride,
            out Vector512<float> t0, out Vector512<float> t1, out Vector512<float> t2, out Vector512<float> t3, out Vector512<float> t4, out Vector512<float> t5, out Vector512<float> t6, out Vector512<float> t7)
        {
            nint half = Block * stride;
            Vector512<float> x0 = Vector512.Create(Vector256.LoadUnsafe(ref row), Vector256.LoadUnsafe(ref Unsafe.Add(ref row, half)));
            Vector512<float> x1 = Vector512.Create(Vector256.LoadUnsafe(ref Unsafe.Add(ref row, stride)), Vector256.LoadUnsafe(ref Unsafe.Add(ref row, half + stride)));
            Vector512<float> x2 = Vector512.Create(Vector256.LoadUnsafe(ref Unsafe.Add(ref row, 2 * stride)), Vector256.LoadUnsafe(ref Unsafe.Add(ref row, half + (2 * stride))));
            Vector512<float> x3 = Vector512.Create(Vector256.LoadUnsafe(ref Unsafe.Add(ref row, 3 * stride)), Vector256.LoadUnsafe(ref Unsafe.Add(ref row, half + (3 * stride))));
            Vector512<float> x4 = Vector512.Create(Vector256.LoadUnsafe(ref Unsafe.Add(ref row, 4 * stride)), Vector256.LoadUnsafe(ref Unsafe.Add(ref row, half + (4 * stride))));
            Vector512<float> x5 = Vector512.Create(Vector256.LoadUnsafe(ref Unsafe.Add(ref row, 5 * stride)), Vector256.LoadUnsafe(ref Unsafe.Add(ref row, half + (5 * stride))));
            Vector512<float> x6 = Vector512.Create(Vector256.LoadUnsafe(ref Unsafe.Add(ref row, 6 * stride)), Vector256.LoadUnsafe(ref Unsafe.Add(ref row, half + (6 * stride))));
            Vector512<float> x7 = Vector512.Create(Vector256.LoadUnsafe(ref Unsafe.Add(ref row, 7 * stride)), Vector256.LoadUnsafe(ref Unsafe.Add(ref row, half + (7 * stride))));

            // Pairs of rows interleaved in each 128-bit lane: a holds elements 4q and 4q + 1 of rows 2i and 2i + 1, b elements 4q + 2 and 4q + 3.
            Vector512<float> a0 = Avx512F.UnpackLow(x0, x1), b0 = Avx512F.UnpackHigh(x0, x1);
            Vector512<float> a1 = Avx512F.UnpackLow(x2, x3), b1 = Avx512F.UnpackHigh(x2, x3);
            Vector512<float> a2 = Avx512F.UnpackLow(x4, x5), b2 = Avx512F.UnpackHigh(x4, x5);
            Vector512<float> a3 = Avx512F.UnpackLow(x6, x7), b3 = Avx512F.UnpackHigh(x6, x7);

            // Quads of rows: c holds, per 128-bit lane, one element of four rows (rows 0-3 from a0 and a1, rows 4-7 from a2 and a3; the high half rows 8 on).
            Vector512<double> c0 = Avx512F.UnpackLow(a0.AsDouble(), a1.AsDouble()), c1 = Avx512F.UnpackHigh(a0.AsDouble(), a1.AsDouble());
            Vector512<double> c2 = Avx512F.UnpackLow(b0.AsDouble(), b1.AsDouble()), c3 = Avx512F.UnpackHigh(b0.AsDouble(), b1.AsDouble());
            Vector512<double> d0 = Avx512F.UnpackLow(a2.AsDouble(), a3.AsDouble()), d1 = Avx512F.UnpackHigh(a2.AsDouble(), a3.AsDouble());
            Vector512<double> d2 = Avx512F.UnpackLow(b2.AsDouble(), b3.AsDouble()), d3 = Avx512F.UnpackHigh(b2.AsDouble(), b3.AsDouble());

            // c0's lanes hold element 0 (rows 0-3), element 4 (rows 0-3), element 0 (rows 8-11), element 4 (rows 8-11); d0's the
            // same for rows 4-7 and 12-15. Element e of all sixteen rows: lanes 0 and 2 of c and d interleaved (low), 1 and 3 (high).
            Vector512<long> low = Vector512.Create(0L, 1, 8, 9, 4, 5, 12, 13);
            Vector512<long> high = Vector512.Create(2L, 3, 10, 11, 6, 7, 14, 15);
            t0 = Avx512F.PermuteVar8x64x2(c0, low, d0).AsSingle();
            t4 = Avx512F.PermuteVar8x64x2(c0, high, d0).AsSingle();
            t1 = Avx512F.PermuteVar8x64x2(c1, low, d1).AsSingle();
            t5 = Avx512F.PermuteVar8x64x2(c1, high, d1).AsSingle();
            t2 = Avx512F.PermuteVar8x64x2(c2, low, d2).AsSingle();
            t6 = Avx512F.PermuteVar8x64x2(c2, high, d2).AsSingle();
            t3 = Avx512F.PermuteVar8x64x2(c3, low, d3).AsSingle();
            t7 = Avx512F.PermuteVar8x64x2(c3, high, d3).AsSingle();
        }

        /// <summary>
        /// The tails of <c>DotTile</c>'s <c>float</c> products (<c>TileKernels.AddDotTails</c>'s order: each product's last
        /// <paramref name="tail"/> elements, fused from -0.0 in order, added to the sum at its place), sixteen right rows
        /// at a time: their tails are transposed in registers (eight elements at a time, loaded whole when that stays
        /// inside the array, else copied element by element) into a table of one vector per element, so each left row's
        /// tails with sixteen right rows are one vector of chains.
        /// </summary>
        [SkipLocalsInit]
        internal static void AddDotTails(ref float left, nint leftStride, int leftCount, ref float right, nint rightStride, int rightCount, nint from, nint tail, long available, ref float into, nint rowStep, nint columnStep)
        {
            Span<float> columnTable = stackalloc float[2 * Block * Lanes];
            ref float columns = ref MemoryMarshal.GetReference(columnTable);
            for (nint first = 0; first < rightCount; first += Lanes)
            {
                nint rows = Math.Min(Lanes, rightCount - first);
                ref float groupRows = ref Unsafe.Add(ref right, first * rightStride);
                for (nint k = 0; k < tail; k += Block)
                {
                    ref float blockColumns = ref Unsafe.Add(ref columns, k * Lanes);
                    if (rows == Lanes && rightStride > 0 && ((first + Lanes - 1) * rightStride) + from + k + Block <= available)
                    {
                        TransposeSixteenByEight(ref Unsafe.Add(ref groupRows, from + k), rightStride, out Vector512<float> t0, out Vector512<float> t1, out Vector512<float> t2, out Vector512<float> t3, out Vector512<float> t4, out Vector512<float> t5, out Vector512<float> t6, out Vector512<float> t7);
                        t0.StoreUnsafe(ref blockColumns);
                        t1.StoreUnsafe(ref blockColumns, Lanes);
                        t2.StoreUnsafe(ref blockColumns, 2 * Lanes);
                        t3.StoreUnsafe(ref blockColumns, 3 * Lanes);
                        t4.StoreUnsafe(ref blockColumns, 4 * Lanes);
                        t5.StoreUnsafe(ref blockColumns, 5 * Lanes);
                        t6.StoreUnsafe(ref blockColumns, 6 * Lanes);
                        t7.StoreUnsafe(ref blockColumns, 7 * Lanes);
                    }
                    else
                    {
                        Transpose(ref groupRows, rightStride, rows, from + k, Math.Min(Block, tail - k), ref blockColumns);
                    }
                }

                for (nint r = 0; r < leftCount; r++)
                {
                    ref float w = ref Unsafe.Add(ref left, (r * leftStride) + from);
                    Vector512<float> sum = Vector512.Create(-0.0f);
                    for (nint e = 0; e < tail; e++)
                    {
                        sum = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, e)), Vector512.LoadUnsafe(ref columns, (nuint)(e * Lanes)), sum);
                    }

                    ref float products = ref Unsafe.Add(ref into, (r * rowStep) + (first * columnStep));
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

        /// <summary>Elements k to k + <paramref name="elements"/> - 1 of <paramref name="rows"/> right rows into the table, element e of row l at <c>e * 16 + l</c>; missing rows are zero.</summary>
        private static void Transpose(ref float right, nint rightStride, nint rows, nint k, nint elements, ref float columns)
        {
            for (nint e = 0; e < elements; e++)
            {
                for (nint l = 0; l < Lanes; l++)
                {
                    Unsafe.Add(ref columns, (e * Lanes) + l) = l < rows ? Unsafe.Add(ref right, (l * rightStride) + k + e) : 0.0f;
                }
            }
        }

        /// <summary>Every left row of the block adds its products with the table's elements, per lane, in order of k.</summary>
        private static void AddFromTable(ref float left, nint leftStride, nint leftRows, nint k, nint elements, ref float columns, ref float sums)
        {
            for (nint r = 0; r < leftRows; r++)
            {
                ref float w = ref Unsafe.Add(ref left, (r * leftStride) + k);
                ref float sum = ref Unsafe.Add(ref sums, r * Lanes);
                Vector512<float> s = Vector512.LoadUnsafe(ref sum);
                for (nint e = 0; e < elements; e++)
                {
                    s = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, e)), Vector512.LoadUnsafe(ref columns, (nuint)(e * Lanes)), s);
                }

                s.StoreUnsafe(ref sum);
            }
        }
    }
}
