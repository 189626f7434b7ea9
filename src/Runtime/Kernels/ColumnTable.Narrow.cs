using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad
{
    /// <summary>
    /// The column form of <see cref="ColumnTable{T}.Dots"/> in 256-bit vectors, for machines without AVX-512 (AVX2 and
    /// FMA: sixteen vector registers). As the AVX-512 form, the tile's right rows are transposed once per chunk into the
    /// column table (element k of rows 0 to 31 at <c>k * 32</c>; rows past the tile's last are zero), four rows by four
    /// <c>double</c> or eight by eight <c>float</c> at a time in registers; blocks of two left rows then keep their sums
    /// with four vectors of right rows in registers (eight chains, two broadcast weights and four loads of the table per
    /// element: what two FMA pipes with a four-cycle latency need), over the tile's rows in passes of four vectors (two
    /// passes in <c>double</c>, one in <c>float</c>; a partial tile skips the passes it has no rows in). Each product is
    /// still the fused multiply-adds of elements 0, 1, ..., length - 1 in order from -0.0, so the bits are those of the
    /// AVX-512 form.
    /// </summary>
    /// <remarks>
    /// It replaced a small-table form that transposed eight elements of eight rows element by element for every 32 left
    /// rows and kept each left row's sums in memory, one dependent chain per row: at softmax (m = 1000, n = 100, k = 10)
    /// on an AVX2 machine that form and its transposes were about half the generated gradient's time.
    /// </remarks>
    internal static partial class ColumnTable<T>
    {
        /// <summary>The left rows a block of the narrow form keeps sums for.</summary>
        private const int NarrowBlockRows = 2;

        /// <summary>The vectors of right rows a pass of the narrow form keeps for each left row.</summary>
        private const int NarrowPassVectors = 4;

        [SkipLocalsInit]
        private static void NarrowColumnDots(ref T left, nint leftStride, int leftCount, ref T right, nint rightStride, int rightCount, int length, ref T into)
        {
            Span<T> columnTable = stackalloc T[ChunkElements * TileRows];
            Span<T> partialTable = stackalloc T[NarrowBlockRows * TileRows];
            ref T columns = ref MemoryMarshal.GetReference(columnTable);
            ref T partial = ref MemoryMarshal.GetReference(partialTable);
            for (nint from = 0; from < length; from += ChunkElements)
            {
                nint elements = Math.Min(ChunkElements, length - from);
                FillNarrowColumns(ref right, rightStride, rightCount, from, elements, ref columns);
                AddChunk<NarrowBlocks>(ref left, leftStride, leftCount, rightCount, from, elements, ref columns, ref partial, ref into);
            }
        }

        /// <summary>The narrow form's blocks: two left rows (one for the last of an odd count), in passes of four vectors over the tile's rows.</summary>
        private readonly struct NarrowBlocks : IColumnBlocks
        {
            public static nint Rows(nint left) => Math.Min(NarrowBlockRows, left);

            public static void Add(ref T weights, nint stride, nint rows, nint elements, ref T columns, ref T starts, ref T sums, int rightCount)
            {
                nint passRows = NarrowPassVectors * Vector256<T>.Count;
                for (nint at = 0; at < rightCount; at += passRows)
                {
                    AddNarrowBlock(ref weights, stride, rows, elements, ref Unsafe.Add(ref columns, at), ref Unsafe.Add(ref starts, at), ref Unsafe.Add(ref sums, at));
                }
            }
        }

        /// <summary>
        /// Elements from to from + elements - 1 of the tile's rows into the table, element k of row c at <c>k * 32 + c</c>:
        /// whole groups of a vector's rows and whole blocks of a vector's elements transposed in registers, the rest one
        /// by one; missing rows are zero (no reference is formed to them: they may lie past the array's end).
        /// </summary>
        private static void FillNarrowColumns(ref T right, nint rightStride, int rightCount, nint from, nint elements, ref T columns)
        {
            nint lanes = Vector256<T>.Count;
            nint groups = ((rightCount + (NarrowPassVectors * lanes) - 1) / (NarrowPassVectors * lanes)) * NarrowPassVectors;
            for (nint first = 0; first < groups * lanes; first += lanes)
            {
                nint rows = Math.Min(lanes, rightCount - first);
                ref T column = ref Unsafe.Add(ref columns, first);
                if (rows < lanes)
                {
                    for (nint k = 0; k < elements; k++)
                    {
                        Vector256<T>.Zero.StoreUnsafe(ref column, (nuint)(k * TileRows));
                    }

                    for (nint l = 0; l < rows; l++)
                    {
                        ref T row = ref Unsafe.Add(ref right, ((first + l) * rightStride) + from);
                        for (nint k = 0; k < elements; k++)
                        {
                            Unsafe.Add(ref column, (k * TileRows) + l) = Unsafe.Add(ref row, k);
                        }
                    }

                    continue;
                }

                ref T groupRows = ref Unsafe.Add(ref right, (first * rightStride) + from);
                nint e = 0;
                for (; e + lanes <= elements; e += lanes)
                {
                    TransposeNarrow(ref Unsafe.Add(ref groupRows, e), rightStride, ref Unsafe.Add(ref column, e * TileRows));
                }

                for (; e < elements; e++)
                {
                    for (nint l = 0; l < lanes; l++)
                    {
                        Unsafe.Add(ref column, (e * TileRows) + l) = Unsafe.Add(ref groupRows, (l * rightStride) + e);
                    }
                }
            }
        }

        /// <summary>A vector's elements of a vector's rows (<paramref name="stride"/> apart) into consecutive columns of the table.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void TransposeNarrow(ref T rows, nint stride, ref T column)
        {
            if (typeof(T) == typeof(double))
            {
                TransposeFour(ref Unsafe.As<T, double>(ref rows), stride, ref Unsafe.As<T, double>(ref column));
                return;
            }

            TransposeEight(ref Unsafe.As<T, float>(ref rows), stride, ref Unsafe.As<T, float>(ref column));
        }

        /// <summary>Four elements of four <c>double</c> rows: their 128-bit halves loaded in pairs, then two unpacks per pair of columns.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void TransposeFour(ref double rows, nint stride, ref double column)
        {
            if (Avx.IsSupported)
            {
                RegisterTransposes.FourByFour(
                    ref rows, ref Unsafe.Add(ref rows, stride), ref Unsafe.Add(ref rows, 2 * stride), ref Unsafe.Add(ref rows, 3 * stride),
                    out Vector256<double> c0, out Vector256<double> c1, out Vector256<double> c2, out Vector256<double> c3);
                c0.StoreUnsafe(ref column);
                c1.StoreUnsafe(ref column, TileRows);
                c2.StoreUnsafe(ref column, 2 * TileRows);
                c3.StoreUnsafe(ref column, 3 * TileRows);
                return;
            }

            Vector256<double> r0 = Vector256.LoadUnsafe(ref rows);
            Vector256<double> r1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref rows, stride));
            Vector256<double> r2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref rows, 2 * stride));
            Vector256<double> r3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref rows, 3 * stride));
            for (int e = 0; e < 4; e++)
            {
                Vector256.Create(r0.GetElement(e), r1.GetElement(e), r2.GetElement(e), r3.GetElement(e)).StoreUnsafe(ref column, (nuint)(e * TileRows));
            }
        }

        /// <summary>Eight elements of eight <c>float</c> rows: their 128-bit halves loaded in pairs, then unpacks and shuffles.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void TransposeEight(ref float rows, nint stride, ref float column)
        {
            if (Avx.IsSupported)
            {
                RegisterTransposes.EightByEight(
                    ref rows, ref Unsafe.Add(ref rows, stride), ref Unsafe.Add(ref rows, 2 * stride), ref Unsafe.Add(ref rows, 3 * stride),
                    ref Unsafe.Add(ref rows, 4 * stride), ref Unsafe.Add(ref rows, 5 * stride), ref Unsafe.Add(ref rows, 6 * stride), ref Unsafe.Add(ref rows, 7 * stride),
                    out Vector256<float> c0, out Vector256<float> c1, out Vector256<float> c2, out Vector256<float> c3,
                    out Vector256<float> c4, out Vector256<float> c5, out Vector256<float> c6, out Vector256<float> c7);
                c0.StoreUnsafe(ref column);
                c1.StoreUnsafe(ref column, TileRows);
                c2.StoreUnsafe(ref column, 2 * TileRows);
                c3.StoreUnsafe(ref column, 3 * TileRows);
                c4.StoreUnsafe(ref column, 4 * TileRows);
                c5.StoreUnsafe(ref column, 5 * TileRows);
                c6.StoreUnsafe(ref column, 6 * TileRows);
                c7.StoreUnsafe(ref column, 7 * TileRows);
                return;
            }

            Vector256<float> r0 = Vector256.LoadUnsafe(ref rows);
            Vector256<float> r1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref rows, stride));
            Vector256<float> r2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref rows, 2 * stride));
            Vector256<float> r3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref rows, 3 * stride));
            Vector256<float> r4 = Vector256.LoadUnsafe(ref Unsafe.Add(ref rows, 4 * stride));
            Vector256<float> r5 = Vector256.LoadUnsafe(ref Unsafe.Add(ref rows, 5 * stride));
            Vector256<float> r6 = Vector256.LoadUnsafe(ref Unsafe.Add(ref rows, 6 * stride));
            Vector256<float> r7 = Vector256.LoadUnsafe(ref Unsafe.Add(ref rows, 7 * stride));
            for (int e = 0; e < 8; e++)
            {
                Vector256.Create(r0.GetElement(e), r1.GetElement(e), r2.GetElement(e), r3.GetElement(e), r4.GetElement(e), r5.GetElement(e), r6.GetElement(e), r7.GetElement(e))
                    .StoreUnsafe(ref column, (nuint)(e * TileRows));
            }
        }

        /// <summary>
        /// The sums of <paramref name="rows"/> left rows (two or one) with four vectors of right rows (the table's columns
        /// from <paramref name="columns"/> on), from <paramref name="starts"/> to <paramref name="sums"/>, rows 32 apart.
        /// </summary>
        private static void AddNarrowBlock(ref T weights, nint stride, nint rows, nint elements, ref T columns, ref T starts, ref T sums)
        {
            // With one row the second row's chains repeat the first's and are not stored.
            nint lanes = Vector256<T>.Count;
            ref T w1 = ref Unsafe.Add(ref weights, rows == 2 ? stride : 0);
            nint second = rows == 2 ? TileRows : 0;
            Vector256<T> a0 = Vector256.LoadUnsafe(ref starts), a1 = Vector256.LoadUnsafe(ref starts, (nuint)lanes);
            Vector256<T> a2 = Vector256.LoadUnsafe(ref starts, (nuint)(2 * lanes)), a3 = Vector256.LoadUnsafe(ref starts, (nuint)(3 * lanes));
            Vector256<T> b0 = Vector256.LoadUnsafe(ref starts, (nuint)second), b1 = Vector256.LoadUnsafe(ref starts, (nuint)(second + lanes));
            Vector256<T> b2 = Vector256.LoadUnsafe(ref starts, (nuint)(second + (2 * lanes))), b3 = Vector256.LoadUnsafe(ref starts, (nuint)(second + (3 * lanes)));
            for (nint k = 0; k < elements; k++)
            {
                ref T column = ref Unsafe.Add(ref columns, k * TileRows);
                Vector256<T> x0 = Vector256.LoadUnsafe(ref column), x1 = Vector256.LoadUnsafe(ref column, (nuint)lanes);
                Vector256<T> x2 = Vector256.LoadUnsafe(ref column, (nuint)(2 * lanes)), x3 = Vector256.LoadUnsafe(ref column, (nuint)(3 * lanes));
                Vector256<T> w = Vector256.Create(Unsafe.Add(ref weights, k));
                a0 = MultiplyAdd(w, x0, a0);
                a1 = MultiplyAdd(w, x1, a1);
                a2 = MultiplyAdd(w, x2, a2);
                a3 = MultiplyAdd(w, x3, a3);
                w = Vector256.Create(Unsafe.Add(ref w1, k));
                b0 = MultiplyAdd(w, x0, b0);
                b1 = MultiplyAdd(w, x1, b1);
                b2 = MultiplyAdd(w, x2, b2);
                b3 = MultiplyAdd(w, x3, b3);
            }

            a0.StoreUnsafe(ref sums);
            a1.StoreUnsafe(ref sums, (nuint)lanes);
            a2.StoreUnsafe(ref sums, (nuint)(2 * lanes));
            a3.StoreUnsafe(ref sums, (nuint)(3 * lanes));
            if (rows == 2)
            {
                b0.StoreUnsafe(ref sums, TileRows);
                b1.StoreUnsafe(ref sums, (nuint)(TileRows + lanes));
                b2.StoreUnsafe(ref sums, (nuint)(TileRows + (2 * lanes)));
                b3.StoreUnsafe(ref sums, (nuint)(TileRows + (3 * lanes)));
            }
        }

        /// <summary>a · b + c rounded once (FMA where the machine has it, else each lane's <c>FusedMultiplyAdd</c>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<T> MultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c)
        {
            if (typeof(T) == typeof(double))
            {
                return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
            }

            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }
    }
}
