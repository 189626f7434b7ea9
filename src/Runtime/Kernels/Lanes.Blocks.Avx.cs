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
                    Unsafe.Add(ref block, from) = Vector512.Create(low0, high0);
                    if (count > 1)
                    {
                        Unsafe.Add(ref block, from + 1) = Vector512.Create(low1, high1);
                    }

                    if (count > 2)
                    {
                        Unsafe.Add(ref block, from + 2) = Vector512.Create(low2, high2);
                    }

                    if (count > 3)
                    {
                        Unsafe.Add(ref block, from + 3) = Vector512.Create(low3, high3);
                    }
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
            Vector256<double> r0 = Vector256.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(first, last) * stride));
            Vector256<double> r1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(first + 1, last) * stride));
            Vector256<double> r2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(first + 2, last) * stride));
            Vector256<double> r3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(first + 3, last) * stride));

            // Elements 0 and 2 (low unpack) and 1 and 3 (high unpack) of rows 0 and 1, and of rows 2 and 3; then the
            // 128-bit halves put together: element e of rows 0 to 3.
            Vector256<double> even01 = Avx.UnpackLow(r0, r1), odd01 = Avx.UnpackHigh(r0, r1);
            Vector256<double> even23 = Avx.UnpackLow(r2, r3), odd23 = Avx.UnpackHigh(r2, r3);
            c0 = Avx.Permute2x128(even01, even23, 0x20);
            c1 = Avx.Permute2x128(odd01, odd23, 0x20);
            c2 = Avx.Permute2x128(even01, even23, 0x31);
            c3 = Avx.Permute2x128(odd01, odd23, 0x31);
        }

        /// <summary>
        /// Elements 0-7 of rows <paramref name="first"/> to <paramref name="first"/> + 7 (each at most <paramref name="last"/>),
        /// transposed into the halves <paramref name="halves"/>, 0, 2, ..., 14 (the 256-bit halves of eight block vectors
        /// that hold these rows: element e of the eight rows), the first <paramref name="count"/> of them.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void EightByEight(ref float row, nint stride, nint first, nint last, ref Vector256<float> halves, int count)
        {
            Vector256<float> r0 = Vector256.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(first, last) * stride));
            Vector256<float> r1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(first + 1, last) * stride));
            Vector256<float> r2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(first + 2, last) * stride));
            Vector256<float> r3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(first + 3, last) * stride));
            Vector256<float> r4 = Vector256.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(first + 4, last) * stride));
            Vector256<float> r5 = Vector256.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(first + 5, last) * stride));
            Vector256<float> r6 = Vector256.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(first + 6, last) * stride));
            Vector256<float> r7 = Vector256.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(first + 7, last) * stride));

            // Pairs of rows interleaved (elements 0, 1, 4, 5 and 2, 3, 6, 7 of each 128-bit half), then quads of rows
            // (element e of rows 0-3 in one 128-bit half), then the halves of rows 0-3 and 4-7 put together.
            Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
            Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
            Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
            Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
            Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
            Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
            Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
            Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);
            StoreHalf(ref halves, 0, count, Avx.Permute2x128(s0, s4, 0x20));
            StoreHalf(ref halves, 1, count, Avx.Permute2x128(s1, s5, 0x20));
            StoreHalf(ref halves, 2, count, Avx.Permute2x128(s2, s6, 0x20));
            StoreHalf(ref halves, 3, count, Avx.Permute2x128(s3, s7, 0x20));
            StoreHalf(ref halves, 4, count, Avx.Permute2x128(s0, s4, 0x31));
            StoreHalf(ref halves, 5, count, Avx.Permute2x128(s1, s5, 0x31));
            StoreHalf(ref halves, 6, count, Avx.Permute2x128(s2, s6, 0x31));
            StoreHalf(ref halves, 7, count, Avx.Permute2x128(s3, s7, 0x31));
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
