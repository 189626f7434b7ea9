using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// The <c>double</c> column table and register blocks of <see cref="ColumnTable{T}"/> (the AVX-512 form of
    /// <see cref="ColumnTable{T}.Dots"/> of <c>double</c>): eight rows' elements transposed eight by eight in registers into the table, and
    /// blocks of four left rows by the tile's 32 rows, sixteen sums in registers: per element four loads of the table,
    /// four broadcast weights and sixteen fused multiply-adds, as a register-blocked matrix product does; two or one left
    /// rows take the rest.
    /// </summary>
    internal static partial class RowLaneDots
    {
        private const int TileRows = Kernels.TileSize;

        /// <summary>
        /// Elements from on of a group of eight rows (the first at <paramref name="rows"/>, <paramref name="first"/> rows
        /// into the tile) into the table, eight at a time transposed in registers: the whole blocks, and the last block too
        /// when the rows count up and loading it whole stays inside the array (its extra elements land in table rows no
        /// product reads). Returns the number of elements done; <see cref="ColumnTable{T}"/> copies the rest one by one.
        /// </summary>
        internal static nint TransposeBlocks(ref double rows, nint rightStride, nint first, nint from, nint elements, long available, ref double column)
        {
            nint lastRowStart = (first * rightStride) + (7 * rightStride) + from;
            nint e = 0;
            for (; e < elements && (e + Lanes <= elements || (rightStride > 0 && lastRowStart + e + Lanes <= available)); e += Lanes)
            {
                TransposeEight(ref Unsafe.Add(ref rows, from + e), rightStride, out Vector512<double> t0, out Vector512<double> t1, out Vector512<double> t2, out Vector512<double> t3, out Vector512<double> t4, out Vector512<double> t5, out Vector512<double> t6, out Vector512<double> t7);
                ColumnTable<double>.StoreColumns(ref Unsafe.Add(ref column, e * TileRows), t0, t1, t2, t3, t4, t5, t6, t7);
            }

            return e;
        }

        /// <summary>The sums of a block of <paramref name="rows"/> left rows (four, two or one) with the tile's 32 rows, from <paramref name="starts"/> to <paramref name="sums"/>, rows 32 apart.</summary>
        internal static void AddBlock(ref double weights, nint stride, nint rows, nint elements, ref double columns, ref double starts, ref double sums)
        {
            if (rows == 4)
            {
                AddFourRows(ref weights, stride, elements, ref columns, ref starts, ref sums);
                return;
            }

            AddRows(ref weights, stride, rows, elements, ref columns, ref starts, ref sums);
        }

        /// <summary>Four left rows' sums with the tile's 32 rows, sixteen vectors in registers, from <paramref name="starts"/> to <paramref name="sums"/>.</summary>
        private static void AddFourRows(ref double weights, nint stride, nint elements, ref double columns, ref double starts, ref double sums)
        {
            ref double w1 = ref Unsafe.Add(ref weights, stride);
            ref double w2 = ref Unsafe.Add(ref weights, 2 * stride);
            ref double w3 = ref Unsafe.Add(ref weights, 3 * stride);
            Vector512<double> a0 = Load(ref starts, 0, 0), a1 = Load(ref starts, 0, 1), a2 = Load(ref starts, 0, 2), a3 = Load(ref starts, 0, 3);
            Vector512<double> b0 = Load(ref starts, 1, 0), b1 = Load(ref starts, 1, 1), b2 = Load(ref starts, 1, 2), b3 = Load(ref starts, 1, 3);
            Vector512<double> c0 = Load(ref starts, 2, 0), c1 = Load(ref starts, 2, 1), c2 = Load(ref starts, 2, 2), c3 = Load(ref starts, 2, 3);
            Vector512<double> d0 = Load(ref starts, 3, 0), d1 = Load(ref starts, 3, 1), d2 = Load(ref starts, 3, 2), d3 = Load(ref starts, 3, 3);
            for (nint k = 0; k < elements; k++)
            {
                ref double column = ref Unsafe.Add(ref columns, k * TileRows);
                Vector512<double> x0 = Vector512.LoadUnsafe(ref column), x1 = Vector512.LoadUnsafe(ref column, Lanes);
                Vector512<double> x2 = Vector512.LoadUnsafe(ref column, 2 * Lanes), x3 = Vector512.LoadUnsafe(ref column, 3 * Lanes);
                Vector512<double> w = Vector512.Create(Unsafe.Add(ref weights, k));
                a0 = Vector512.FusedMultiplyAdd(w, x0, a0);
                a1 = Vector512.FusedMultiplyAdd(w, x1, a1);
                a2 = Vector512.FusedMultiplyAdd(w, x2, a2);
                a3 = Vector512.FusedMultiplyAdd(w, x3, a3);
                w = Vector512.Create(Unsafe.Add(ref w1, k));
                b0 = Vector512.FusedMultiplyAdd(w, x0, b0);
                b1 = Vector512.FusedMultiplyAdd(w, x1, b1);
                b2 = Vector512.FusedMultiplyAdd(w, x2, b2);
                b3 = Vector512.FusedMultiplyAdd(w, x3, b3);
                w = Vector512.Create(Unsafe.Add(ref w2, k));
                c0 = Vector512.FusedMultiplyAdd(w, x0, c0);
                c1 = Vector512.FusedMultiplyAdd(w, x1, c1);
                c2 = Vector512.FusedMultiplyAdd(w, x2, c2);
                c3 = Vector512.FusedMultiplyAdd(w, x3, c3);
                w = Vector512.Create(Unsafe.Add(ref w3, k));
                d0 = Vector512.FusedMultiplyAdd(w, x0, d0);
                d1 = Vector512.FusedMultiplyAdd(w, x1, d1);
                d2 = Vector512.FusedMultiplyAdd(w, x2, d2);
                d3 = Vector512.FusedMultiplyAdd(w, x3, d3);
            }

            Store(ref sums, 0, a0, a1, a2, a3);
            Store(ref sums, 1, b0, b1, b2, b3);
            Store(ref sums, 2, c0, c1, c2, c3);
            Store(ref sums, 3, d0, d1, d2, d3);
        }

        /// <summary><see cref="AddFourRows"/> for two left rows or one (<paramref name="rows"/>): eight or four chains.</summary>
        private static void AddRows(ref double weights, nint stride, nint rows, nint elements, ref double columns, ref double starts, ref double sums)
        {
            // With one row the second row's chains repeat the first's and are not stored.
            ref double w1 = ref Unsafe.Add(ref weights, rows == 2 ? stride : 0);
            nint second = rows == 2 ? 1 : 0;
            Vector512<double> a0 = Load(ref starts, 0, 0), a1 = Load(ref starts, 0, 1), a2 = Load(ref starts, 0, 2), a3 = Load(ref starts, 0, 3);
            Vector512<double> b0 = Load(ref starts, second, 0), b1 = Load(ref starts, second, 1), b2 = Load(ref starts, second, 2), b3 = Load(ref starts, second, 3);
            for (nint k = 0; k < elements; k++)
            {
                ref double column = ref Unsafe.Add(ref columns, k * TileRows);
                Vector512<double> x0 = Vector512.LoadUnsafe(ref column), x1 = Vector512.LoadUnsafe(ref column, Lanes);
                Vector512<double> x2 = Vector512.LoadUnsafe(ref column, 2 * Lanes), x3 = Vector512.LoadUnsafe(ref column, 3 * Lanes);
                Vector512<double> w = Vector512.Create(Unsafe.Add(ref weights, k));
                a0 = Vector512.FusedMultiplyAdd(w, x0, a0);
                a1 = Vector512.FusedMultiplyAdd(w, x1, a1);
                a2 = Vector512.FusedMultiplyAdd(w, x2, a2);
                a3 = Vector512.FusedMultiplyAdd(w, x3, a3);
                w = Vector512.Create(Unsafe.Add(ref w1, k));
                b0 = Vector512.FusedMultiplyAdd(w, x0, b0);
                b1 = Vector512.FusedMultiplyAdd(w, x1, b1);
                b2 = Vector512.FusedMultiplyAdd(w, x2, b2);
                b3 = Vector512.FusedMultiplyAdd(w, x3, b3);
            }

            Store(ref sums, 0, a0, a1, a2, a3);
            if (rows == 2)
            {
                Store(ref sums, 1, b0, b1, b2, b3);
            }
        }

        /// <summary>Vector <paramref name="group"/> of left row <paramref name="row"/>'s sums, rows 32 apart.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<double> Load(ref double sums, nint row, nint group) => Vector512.LoadUnsafe(ref sums, (nuint)((row * TileRows) + (group * Lanes)));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store(ref double sums, nint row, Vector512<double> v0, Vector512<double> v1, Vector512<double> v2, Vector512<double> v3)
        {
            ref double at = ref Unsafe.Add(ref sums, row * TileRows);
            v0.StoreUnsafe(ref at);
            v1.StoreUnsafe(ref at, Lanes);
            v2.StoreUnsafe(ref at, 2 * Lanes);
            v3.StoreUnsafe(ref at, 3 * Lanes);
        }
    }
}
