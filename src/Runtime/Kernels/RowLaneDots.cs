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
    /// <see cref="ColumnTable{T}"/> drives it: with AVX-512 the tile's rows are transposed once into a column table (the
    /// eight-by-eight transposes here) and register blocks of left rows keep their sums in registers
    /// (RowLaneDots.Columns.cs); elsewhere the same in 256-bit vectors (ColumnTable.Narrow.cs).
    /// </para>
    /// <para>
    /// Order: every product is the fused multiply-adds of k = 0, 1, ..., length - 1 one after the other, from -0.0, on
    /// every machine. (The <c>float</c> form is <see cref="RowLaneSingleDots"/>, sixteen lanes, the same order;
    /// <see cref="Kernels.DotTile(ReadOnlySpan{double}, int, int, int, ReadOnlySpan{double}, int, int, int, int, Span{double})"/>
    /// keeps its lanes along the elements, with the halving sum.)
    /// </para>
    /// </summary>
    [SkipLocalsInit]
    internal static partial class RowLaneDots
    {
        private const int Lanes = 8;

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

    }
}
