using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad
{
    /// <summary>
    /// Row blocks without AVX-512 (AVX): the block's columns four (<c>double</c>) or eight (<c>float</c>) at a time, as
    /// 256-bit transposes of the rows' vectors in registers, instead of element by element. A <c>double</c> group is eight
    /// rows: rows 0-3 and rows 4-7 each make one 4-by-4 transpose, the low and high halves of the block's vectors. A
    /// <c>float</c> group is sixteen rows: two 8-by-8 transposes. Row l is the one <c>min(l, last)</c> strides from the
    /// first, as in the AVX-512 transposes, so a tile's last rows take this path too. The values are the elements
    /// themselves (moves and shuffles only), so the bits are those of the element-by-element loop. The columns past the
    /// last whole run take one more run where the rows' vectors stay inside the array (their elements past the row are
    /// read, never stored); where they would leave it (the array's last rows), the element-by-element loop fills them.
    /// </summary>
    public static partial class Lanes
    {
        /// <summary>
        /// Fills the block's columns from 0 in runs of four (<c>double</c>) or eight (<c>float</c>) with AVX, without
        /// AVX-512; the caller has checked that every row's <paramref name="columns"/> elements lie inside the array. The
        /// columns past the last whole run (k = 10 classes: 8 + 2) come from one more run whose row vectors are read whole
        /// when they stay inside the array (<paramref name="room"/> elements from the start of the row furthest along it;
        /// their elements past the row are never stored), as the AVX-512 transposes do.
        /// </summary>
        /// <returns>The columns filled: all of them, a multiple of four or eight when the last rows' vectors would leave the array, or 0 without AVX.</returns>
        private static int TransposedWithAvx<T>(ref T row, nint stride, nint last, ref T into, int columns, long room)
            where T : unmanaged
        {
            if (!Avx.IsSupported)
            {
                return 0;
            }

            int from = 0;
            if (typeof(T) == typeof(double))
            {
                ref double rows = ref Unsafe.As<T, double>(ref row);
                ref Vector512<double> block = ref Unsafe.As<T, Vector512<double>>(ref into);
                for (; from < columns && from + 4 <= room; from += 4)
                {
                    ref double at = ref Unsafe.Add(ref rows, from);
                    FourByFour(ref at, stride, 0, last, out Vector256<double> low0, out Vector256<double> low1, out Vector256<double> low2, out Vector256<double> low3);
                    FourByFour(ref at, stride, 4, last, out Vector256<double> high0, out Vector256<double> high1, out Vector256<double> high2, out Vector256<double> high3);
                    int count = columns - from;
                    ref Vector512<double> columnsFrom = ref Unsafe.Add(ref block, from);
                    Store(ref columnsFrom, 0, count, Vector512.Create(low0, high0));
                    Store(ref columnsFrom, 1, count, Vector512.Create(low1, high1));
                    Store(ref columnsFrom, 2, count, Vector512.Create(low2, high2));
                    Store(ref columnsFrom, 3, count, Vector512.Create(low3, high3));
                }
            }
            else if (typeof(T) == typeof(float))
            {
                ref float rows = ref Unsafe.As<T, float>(ref row);
                ref Vector512<float> block = ref Unsafe.As<T, Vector512<float>>(ref into);
                for (; from < columns && from + 8 <= room; from += 8)
                {
                    ref float at = ref Unsafe.Add(ref rows, from);
                    ref Vector256<float> halves = ref Unsafe.As<Vector512<float>, Vector256<float>>(ref Unsafe.Add(ref block, from));
                    int count = Math.Min(8, columns - from);
                    EightByEight(ref at, stride, 0, last, ref halves, count);
                    EightByEight(ref at, stride, 8, last, ref Unsafe.Add(ref halves, 1), count);
                }
            }

            return Math.Min(from, columns);
        }

        /// <summary>Elements 0-3 of rows <paramref name="first"/> to <paramref name="first"/> + 3 (each at most <paramref name="last"/>), transposed: <paramref name="c0"/> holds element 0 of the four rows.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void FourByFour(ref double row, nint stride, nint first, nint last, out Vector256<double> c0, out Vector256<double> c1, out Vector256<double> c2, out Vector256<double> c3)
        {
            RegisterTransposes.FourByFour(
                ref Unsafe.Add(ref row, Math.Min(first, last) * stride),
                ref Unsafe.Add(ref row, Math.Min(first + 1, last) * stride),
                ref Unsafe.Add(ref row, Math.Min(first + 2, last) * stride),
                ref Unsafe.Add(ref row, Math.Min(first + 3, last) * stride),
                out c0, out c1, out c2, out c3);
        }

        /// <summary>
        /// Elements 0-7 of rows <paramref name="first"/> to <paramref name="first"/> + 7 (each at most <paramref name="last"/>),
        /// transposed into the halves <paramref name="halves"/>, 0, 2, ..., 14 (the 256-bit halves of eight block vectors
        /// that hold these rows: element e of the eight rows), the first <paramref name="count"/> of them.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void EightByEight(ref float row, nint stride, nint first, nint last, ref Vector256<float> halves, int count)
        {
            RegisterTransposes.EightByEight(
                ref Unsafe.Add(ref row, Math.Min(first, last) * stride),
                ref Unsafe.Add(ref row, Math.Min(first + 1, last) * stride),
                ref Unsafe.Add(ref row, Math.Min(first + 2, last) * stride),
                ref Unsafe.Add(ref row, Math.Min(first + 3, last) * stride),
                ref Unsafe.Add(ref row, Math.Min(first + 4, last) * stride),
                ref Unsafe.Add(ref row, Math.Min(first + 5, last) * stride),
                ref Unsafe.Add(ref row, Math.Min(first + 6, last) * stride),
                ref Unsafe.Add(ref row, Math.Min(first + 7, last) * stride),
                out Vector256<float> c0, out Vector256<float> c1, out Vector256<float> c2, out Vector256<float> c3,
                out Vector256<float> c4, out Vector256<float> c5, out Vector256<float> c6, out Vector256<float> c7);
            StoreHalf(ref halves, 0, count, c0);
            StoreHalf(ref halves, 1, count, c1);
            StoreHalf(ref halves, 2, count, c2);
            StoreHalf(ref halves, 3, count, c3);
            StoreHalf(ref halves, 4, count, c4);
            StoreHalf(ref halves, 5, count, c5);
            StoreHalf(ref halves, 6, count, c6);
            StoreHalf(ref halves, 7, count, c7);
        }

        /// <summary>Column <paramref name="column"/>'s half (two halves apart per column), when the column is one of the first <paramref name="count"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreHalf(ref Vector256<float> halves, int column, int count, Vector256<float> value)
        {
            if (column < count)
            {
                Unsafe.Add(ref halves, 2 * column) = value;
            }
        }
    }
}
