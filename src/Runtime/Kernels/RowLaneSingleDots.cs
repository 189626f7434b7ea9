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
    /// <see cref="ColumnTable{T}"/> drives it: with AVX-512 the tile's rows are transposed once into a column table and
    /// register blocks of eight left rows keep their sums in registers (RowLaneSingleDots.Columns.cs); elsewhere a small
    /// table. Eight elements of sixteen rows are transposed in registers: row l and row l + 8 share a vector (one half
    /// each), two eight-by-eight transposes run side by side in the halves (unpacks), and two-source permutes put
    /// element e of all sixteen rows in one vector.
    /// </para>
    /// <para>
    /// Order: every product is the fused multiply-adds of k = 0, 1, ..., length - 1 one after the other, from -0.0, on
    /// every machine, as <see cref="RowLaneDots"/>'s.
    /// </para>
    /// </summary>
    [SkipLocalsInit]
    internal static partial class RowLaneSingleDots
    {
        /// <summary>Right rows per group: the lanes of a <c>Vector512&lt;float&gt;</c>.</summary>
        private const int Lanes = 16;

        /// <summary>Elements per transposed block: half a vector of each row.</summary>
        private const int Block = 8;

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
    }
}
