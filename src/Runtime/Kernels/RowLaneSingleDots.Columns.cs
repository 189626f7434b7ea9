using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// The <c>float</c> column table and register blocks of <see cref="ColumnTable{T}"/> (the AVX-512 form of
    /// <see cref="ColumnTable{T}.Dots"/> of <c>float</c>): sixteen rows' elements transposed eight at a time in registers into the
    /// table (two vectors per element), and blocks of eight left rows by the tile's 32 rows, sixteen sums in registers:
    /// per element two loads of the table, eight broadcast weights and sixteen fused multiply-adds; four, two or one
    /// left rows take the rest.
    /// </summary>
    internal static partial class RowLaneSingleDots
    {
        private const int TileRows = Kernels.TileSize;

        /// <summary>
        /// Elements from on of a group of sixteen rows into the table, eight at a time transposed in registers (whole blocks
        /// only). Returns the number of elements done; <see cref="ColumnTable{T}"/> copies the rest one by one.
        /// </summary>
        internal static nint TransposeBlocks(ref float rows, nint rightStride, nint from, nint elements, ref float column)
        {
            nint e = 0;
            for (; e + Block <= elements; e += Block)
            {
                TransposeSixteenByEight(ref Unsafe.Add(ref rows, from + e), rightStride, out Vector512<float> t0, out Vector512<float> t1, out Vector512<float> t2, out Vector512<float> t3, out Vector512<float> t4, out Vector512<float> t5, out Vector512<float> t6, out Vector512<float> t7);
                ColumnTable<float>.StoreColumns(ref Unsafe.Add(ref column, e * TileRows), t0, t1, t2, t3, t4, t5, t6, t7);
            }

            return e;
        }

        /// <summary>The sums of a block of <paramref name="rows"/> left rows (eight, four, two or one) with the tile's 32 rows, from <paramref name="starts"/> to <paramref name="sums"/>, rows 32 apart.</summary>
        internal static void AddBlock(ref float weights, nint stride, nint rows, nint elements, ref float columns, ref float starts, ref float sums)
        {
            if (rows == 8)
            {
                AddEightRows(ref weights, stride, elements, ref columns, ref starts, ref sums);
                return;
            }

            for (nint q = 0; q < rows; q += 2)
            {
                AddRows(ref Unsafe.Add(ref weights, q * stride), stride, Math.Min(2, rows - q), elements, ref columns, ref Unsafe.Add(ref starts, q * TileRows), ref Unsafe.Add(ref sums, q * TileRows));
            }
        }

        /// <summary>Eight left rows' sums with the tile's 32 rows, sixteen vectors in registers, from <paramref name="starts"/> to <paramref name="sums"/>.</summary>
        private static void AddEightRows(ref float weights, nint stride, nint elements, ref float columns, ref float starts, ref float sums)
        {
            Vector512<float> a0 = Load(ref starts, 0, 0), a1 = Load(ref starts, 0, 1), b0 = Load(ref starts, 1, 0), b1 = Load(ref starts, 1, 1);
            Vector512<float> c0 = Load(ref starts, 2, 0), c1 = Load(ref starts, 2, 1), d0 = Load(ref starts, 3, 0), d1 = Load(ref starts, 3, 1);
            Vector512<float> e0 = Load(ref starts, 4, 0), e1 = Load(ref starts, 4, 1), f0 = Load(ref starts, 5, 0), f1 = Load(ref starts, 5, 1);
            Vector512<float> g0 = Load(ref starts, 6, 0), g1 = Load(ref starts, 6, 1), h0 = Load(ref starts, 7, 0), h1 = Load(ref starts, 7, 1);
            for (nint k = 0; k < elements; k++)
            {
                ref float column = ref Unsafe.Add(ref columns, k * TileRows);
                Vector512<float> x0 = Vector512.LoadUnsafe(ref column), x1 = Vector512.LoadUnsafe(ref column, Lanes);
                ref float w = ref Unsafe.Add(ref weights, k);
                Vector512<float> s = Vector512.Create(w);
                a0 = Vector512.FusedMultiplyAdd(s, x0, a0);
                a1 = Vector512.FusedMultiplyAdd(s, x1, a1);
                s = Vector512.Create(Unsafe.Add(ref w, stride));
                b0 = Vector512.FusedMultiplyAdd(s, x0, b0);
                b1 = Vector512.FusedMultiplyAdd(s, x1, b1);
                s = Vector512.Create(Unsafe.Add(ref w, 2 * stride));
                c0 = Vector512.FusedMultiplyAdd(s, x0, c0);
                c1 = Vector512.FusedMultiplyAdd(s, x1, c1);
                s = Vector512.Create(Unsafe.Add(ref w, 3 * stride));
                d0 = Vector512.FusedMultiplyAdd(s, x0, d0);
                d1 = Vector512.FusedMultiplyAdd(s, x1, d1);
                s = Vector512.Create(Unsafe.Add(ref w, 4 * stride));
                e0 = Vector512.FusedMultiplyAdd(s, x0, e0);
                e1 = Vector512.FusedMultiplyAdd(s, x1, e1);
                s = Vector512.Create(Unsafe.Add(ref w, 5 * stride));
                f0 = Vector512.FusedMultiplyAdd(s, x0, f0);
                f1 = Vector512.FusedMultiplyAdd(s, x1, f1);
                s = Vector512.Create(Unsafe.Add(ref w, 6 * stride));
                g0 = Vector512.FusedMultiplyAdd(s, x0, g0);
                g1 = Vector512.FusedMultiplyAdd(s, x1, g1);
                s = Vector512.Create(Unsafe.Add(ref w, 7 * stride));
                h0 = Vector512.FusedMultiplyAdd(s, x0, h0);
                h1 = Vector512.FusedMultiplyAdd(s, x1, h1);
            }

            Store(ref sums, 0, a0, a1);
            Store(ref sums, 1, b0, b1);
            Store(ref sums, 2, c0, c1);
            Store(ref sums, 3, d0, d1);
            Store(ref sums, 4, e0, e1);
            Store(ref sums, 5, f0, f1);
            Store(ref sums, 6, g0, g1);
            Store(ref sums, 7, h0, h1);
        }

        /// <summary>One or two left rows (<paramref name="rows"/>): two or four chains.</summary>
        private static void AddRows(ref float weights, nint stride, nint rows, nint elements, ref float columns, ref float starts, ref float sums)
        {
            // With one row the second row's chains repeat the first's and are not stored.
            ref float w1 = ref Unsafe.Add(ref weights, rows == 2 ? stride : 0);
            nint second = rows == 2 ? 1 : 0;
            Vector512<float> a0 = Load(ref starts, 0, 0), a1 = Load(ref starts, 0, 1);
            Vector512<float> b0 = Load(ref starts, second, 0), b1 = Load(ref starts, second, 1);
            for (nint k = 0; k < elements; k++)
            {
                ref float column = ref Unsafe.Add(ref columns, k * TileRows);
                Vector512<float> x0 = Vector512.LoadUnsafe(ref column), x1 = Vector512.LoadUnsafe(ref column, Lanes);
                Vector512<float> s = Vector512.Create(Unsafe.Add(ref weights, k));
                a0 = Vector512.FusedMultiplyAdd(s, x0, a0);
                a1 = Vector512.FusedMultiplyAdd(s, x1, a1);
                s = Vector512.Create(Unsafe.Add(ref w1, k));
                b0 = Vector512.FusedMultiplyAdd(s, x0, b0);
                b1 = Vector512.FusedMultiplyAdd(s, x1, b1);
            }

            Store(ref sums, 0, a0, a1);
            if (rows == 2)
            {
                Store(ref sums, 1, b0, b1);
            }
        }

        /// <summary>Vector <paramref name="group"/> of left row <paramref name="row"/>'s sums, rows 32 apart.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Load(ref float sums, nint row, nint group) => Vector512.LoadUnsafe(ref sums, (nuint)((row * TileRows) + (group * Lanes)));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store(ref float sums, nint row, Vector512<float> v0, Vector512<float> v1)
        {
            ref float at = ref Unsafe.Add(ref sums, row * TileRows);
            v0.StoreUnsafe(ref at);
            v1.StoreUnsafe(ref at, Lanes);
        }
    }
}
