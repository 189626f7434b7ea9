using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad
{
    internal static partial class RowLaneDots
    {
        /// <summary>
        /// The dot products of a tile of at most eight right rows (a loop's last rows: m = 100's last 4 in tiles of 32), with
        /// AVX-512. Each element's column is built in registers: eight elements of every row at a time (the rows past the
        /// last repeat it), the last fewer than eight by masked loads that stop at each row's end, transposed as a whole
        /// tile's are. Then eight left rows at a time keep one sum each (eight chains of fused multiply-adds, where the
        /// generic form's four waited on their latency; a last block of fewer rows repeats its last, as the columns' lanes do);
        /// only the real rows' lanes are stored, by masked stores. The same fused multiply-adds in element order from -0.0: the bits of the generic form, which
        /// built each column from element stores (a vector load waiting on eight stores each) and took about as long for
        /// four rows as a whole tile for 32 (n = 10, k = 10: 76 against 142 ns).
        /// </summary>
        /// <param name="left">Left row 0.</param>
        /// <param name="leftStride">The distance between left rows.</param>
        /// <param name="leftCount">The number of left rows.</param>
        /// <param name="right">Right row 0.</param>
        /// <param name="rightStride">The distance between right rows.</param>
        /// <param name="rightCount">The number of right rows, 1 to 8.</param>
        /// <param name="length">The number of elements, 1 to <paramref name="columns"/>' length.</param>
        /// <param name="into">Product (r, c) goes to <c>r * TileRows + c</c>.</param>
        /// <param name="columns">A table of at least <paramref name="length"/> vectors.</param>
        internal static unsafe void OneGroupDots(ref double left, nint leftStride, int leftCount, ref double right, nint rightStride, int rightCount, int length, ref double into, Span<Vector512<double>> columns)
        {
            nint last = rightCount - 1;
            ref Vector512<double> column = ref MemoryMarshal.GetReference(columns);
            Vector512<long> laneIndices = Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7);
            fixed (double* rows = &right)
            {
                for (nint e = 0; e < length; e += Lanes)
                {
                    nint count = Math.Min(Lanes, length - e);
                    Vector512<double> mask = Vector512.LessThan(laneIndices, Vector512.Create((long)count)).AsDouble();
                    double* from = rows + e;
                    TransposeEight(
                        Avx512F.MaskLoad(from, mask, Vector512<double>.Zero),
                        Avx512F.MaskLoad(from + (Math.Min(1, last) * rightStride), mask, Vector512<double>.Zero),
                        Avx512F.MaskLoad(from + (Math.Min(2, last) * rightStride), mask, Vector512<double>.Zero),
                        Avx512F.MaskLoad(from + (Math.Min(3, last) * rightStride), mask, Vector512<double>.Zero),
                        Avx512F.MaskLoad(from + (Math.Min(4, last) * rightStride), mask, Vector512<double>.Zero),
                        Avx512F.MaskLoad(from + (Math.Min(5, last) * rightStride), mask, Vector512<double>.Zero),
                        Avx512F.MaskLoad(from + (Math.Min(6, last) * rightStride), mask, Vector512<double>.Zero),
                        Avx512F.MaskLoad(from + (Math.Min(7, last) * rightStride), mask, Vector512<double>.Zero),
                        out Vector512<double> t0, out Vector512<double> t1, out Vector512<double> t2, out Vector512<double> t3, out Vector512<double> t4, out Vector512<double> t5, out Vector512<double> t6, out Vector512<double> t7);
                    ref Vector512<double> at = ref Unsafe.Add(ref column, e);
                    at = t0;
                    StoreColumn(ref at, 1, count, t1);
                    StoreColumn(ref at, 2, count, t2);
                    StoreColumn(ref at, 3, count, t3);
                    StoreColumn(ref at, 4, count, t4);
                    StoreColumn(ref at, 5, count, t5);
                    StoreColumn(ref at, 6, count, t6);
                    StoreColumn(ref at, 7, count, t7);
                }
            }

            Vector512<double> rowMask = Vector512.LessThan(laneIndices, Vector512.Create((long)rightCount)).AsDouble();
            fixed (double* products = &into)
            {
                for (nint r = 0; r < leftCount; r += 8)
                {
                    EightRows(ref Unsafe.Add(ref left, r * leftStride), leftStride, Math.Min(8, leftCount - r), length, ref column, products + (r * TileRows), rowMask);
                }
            }
        }

        /// <summary>Column <paramref name="index"/> of a block when the block has that many elements.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreColumn(ref Vector512<double> at, nint index, nint count, Vector512<double> value)
        {
            if (index < count)
            {
                Unsafe.Add(ref at, index) = value;
            }
        }

        /// <summary>
        /// Up to eight left rows' sums over the columns (eight chains whatever the rows: past the last row the chains
        /// repeat it, as the columns' lanes repeat the last right row), the real rows' real lanes stored.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe void EightRows(ref double w0, nint stride, nint rows, int length, ref Vector512<double> columns, double* into, Vector512<double> rowMask)
        {
            nint last = rows - 1;
            ref double w1 = ref Unsafe.Add(ref w0, Math.Min(1, last) * stride);
            ref double w2 = ref Unsafe.Add(ref w0, Math.Min(2, last) * stride);
            ref double w3 = ref Unsafe.Add(ref w0, Math.Min(3, last) * stride);
            ref double w4 = ref Unsafe.Add(ref w0, Math.Min(4, last) * stride);
            ref double w5 = ref Unsafe.Add(ref w0, Math.Min(5, last) * stride);
            ref double w6 = ref Unsafe.Add(ref w0, Math.Min(6, last) * stride);
            ref double w7 = ref Unsafe.Add(ref w0, Math.Min(7, last) * stride);
            Vector512<double> s0 = Vector512.Create(-0.0);
            Vector512<double> s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
            for (nint k = 0; k < length; k++)
            {
                Vector512<double> x = Unsafe.Add(ref columns, k);
                s0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w0, k)), x, s0);
                s1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w1, k)), x, s1);
                s2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w2, k)), x, s2);
                s3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w3, k)), x, s3);
                s4 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w4, k)), x, s4);
                s5 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w5, k)), x, s5);
                s6 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w6, k)), x, s6);
                s7 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w7, k)), x, s7);
            }

            Avx512F.MaskStore(into, rowMask, s0);
            StoreRow(into, 1, rows, rowMask, s1);
            StoreRow(into, 2, rows, rowMask, s2);
            StoreRow(into, 3, rows, rowMask, s3);
            StoreRow(into, 4, rows, rowMask, s4);
            StoreRow(into, 5, rows, rowMask, s5);
            StoreRow(into, 6, rows, rowMask, s6);
            StoreRow(into, 7, rows, rowMask, s7);
        }

        /// <summary>Row <paramref name="row"/>'s sums, its real lanes, when the block has that many rows.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe void StoreRow(double* into, nint row, nint rows, Vector512<double> rowMask, Vector512<double> sums)
        {
            if (row < rows)
            {
                Avx512F.MaskStore(into + (row * TileRows), rowMask, sums);
            }
        }
    }
}
