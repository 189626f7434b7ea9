using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad
{
    /// <summary>
    /// The transposed tile products (<c>Kernels.DotTileTransposed</c>, the layout generated row lanes read), both types'
    /// driver (<c>RowLaneDots.Columns.cs</c> and <c>RowLaneSingleDots.Columns.cs</c> hold the type's in-register transposes
    /// and register blocks). Without AVX-512 the same form in 256-bit vectors (ColumnTable.Narrow.cs). With it, the tile's right rows are
    /// transposed once into a column table (element k of rows 0 to 31 at <c>k * 32</c>; rows past the tile's last are
    /// zero), <see cref="ChunkElements"/> elements at a time, whatever the number of left rows; blocks of left rows then
    /// keep their sums with the tile's 32 rows in registers for the chunk (four rows by four vectors in <c>double</c>,
    /// eight by two in <c>float</c>: sixteen sums; half and smaller blocks take the rest). Rows longer than a chunk
    /// continue from the sums stored at the end of the chunk before. The products of a tile's missing rows (a last tile
    /// of fewer than 32) go through a small table and only the real ones are stored, so nothing past the products' room
    /// is read or written; a tile of at most one vector of rows (a loop's last few) and one chunk of elements keeps one
    /// vector per element instead (<see cref="OneVectorDots"/>). Each product is the fused multiply-adds of elements 0, 1,
    /// ..., length - 1 in order from -0.0.
    /// </summary>
    /// <remarks>
    /// The blocks used to keep their sums in a table on the stack (a load and a store of each sum per eight elements)
    /// and transposed the right rows once per 32 left rows (the two-layer network's h = 64 twice per tile); with this
    /// form the hidden layer's products of the two-layer network (m = 1000, n = 64, in one process) took 46.0 against
    /// 46.6 µs at h = 32 and 84 against 96 µs at h = 64.
    /// </remarks>
    /// <typeparam name="T"><c>double</c> or <c>float</c>.</typeparam>
    [SkipLocalsInit]
    internal static partial class ColumnTable<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The rows of a tile, the table's width.</summary>
        internal const int TileRows = Kernels.TileSize;

        /// <summary>Eight transposed vectors as consecutive columns of the table (element k of the rows at <c>k * TileRows</c>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void StoreColumns(ref T block, Vector512<T> t0, Vector512<T> t1, Vector512<T> t2, Vector512<T> t3, Vector512<T> t4, Vector512<T> t5, Vector512<T> t6, Vector512<T> t7)
        {
            t0.StoreUnsafe(ref block);
            t1.StoreUnsafe(ref block, TileRows);
            t2.StoreUnsafe(ref block, 2 * TileRows);
            t3.StoreUnsafe(ref block, 3 * TileRows);
            t4.StoreUnsafe(ref block, 4 * TileRows);
            t5.StoreUnsafe(ref block, 5 * TileRows);
            t6.StoreUnsafe(ref block, 6 * TileRows);
            t7.StoreUnsafe(ref block, 7 * TileRows);
        }

        /// <summary>The left rows of the largest register block: the sums' start table holds that many rows.</summary>
        private const int MostBlockRows = 8;

        /// <summary>Where the first chunk's sums start: -0.0 for a block of left rows.</summary>
        private static readonly T[] NegativeZeros = CreateNegativeZeros();

        /// <summary>The elements of the right rows a column table holds: 16 KB on the stack (64 <c>double</c>, 128 <c>float</c>).</summary>
        internal static int ChunkElements => 16 * 1024 / (TileRows * Unsafe.SizeOf<T>());

        /// <summary>The left rows of the type's largest register block.</summary>
        private static nint BlockRows => typeof(T) == typeof(double) ? 4 : MostBlockRows;

        /// <summary>
        /// Product (r, c) of <paramref name="leftCount"/> left rows and <paramref name="rightCount"/> right rows (at most
        /// <see cref="Kernels.TileSize"/>) at <c>into[r * TileSize + c]</c>. The callers have checked every row's range
        /// and the products' room; <paramref name="length"/> is positive, and <paramref name="rightAvailable"/> elements
        /// may be read from <paramref name="right"/> on (a row's last block is loaded whole when that stays inside, its
        /// extra elements unused). <paramref name="registerTranspose"/> chooses the column table with its register blocks
        /// (when the machine has AVX-512) or its form in 256-bit vectors (<see cref="NarrowColumnDots"/>); the tests run both.
        /// </summary>
        internal static void Dots(ref T left, nint leftStride, int leftCount, ref T right, nint rightStride, int rightCount, int length, long rightAvailable, ref T into, bool registerTranspose)
        {
            if (registerTranspose && Avx512F.IsSupported)
            {
                ColumnDots(ref left, leftStride, leftCount, ref right, rightStride, rightCount, length, rightAvailable, ref into);
                return;
            }

            NarrowColumnDots(ref left, leftStride, leftCount, ref right, rightStride, rightCount, length, ref into);
        }

        [SkipLocalsInit]
        private static void ColumnDots(ref T left, nint leftStride, int leftCount, ref T right, nint rightStride, int rightCount, int length, long rightAvailable, ref T into)
        {
            if (rightCount <= Vector512<T>.Count && length <= ChunkElements)
            {
                OneVectorDots(ref left, leftStride, leftCount, ref right, rightStride, rightCount, length, ref into);
                return;
            }

            Span<T> columnTable = stackalloc T[ChunkElements * TileRows];
            Span<T> partialTable = stackalloc T[MostBlockRows * TileRows];
            ref T columns = ref MemoryMarshal.GetReference(columnTable);
            ref T partial = ref MemoryMarshal.GetReference(partialTable);
            for (nint from = 0; from < length; from += ChunkElements)
            {
                nint elements = Math.Min(ChunkElements, length - from);
                FillColumns(ref right, rightStride, rightCount, from, elements, rightAvailable, ref columns);
                AddChunk<WideBlocks>(ref left, leftStride, leftCount, rightCount, from, elements, ref columns, ref partial, ref into);
            }
        }

        /// <summary>
        /// A tile of at most one vector of right rows (a loop's last rows: m = 100's last 4 in tiles of 32): each element's
        /// column is one vector, built from the rows (the lanes past the last row zero), and four left rows at a time keep
        /// one sum each. The table's form computes all 32 lanes whatever the rows, and its partial tiles go through the small
        /// table: softmax regression's last tile of 4 rows (n = 10, k = 10) took about as long as a whole one (0.133 to 0.143 µs; 0.116
        /// this way, on Zen 5, most of it the columns' element stores and the sums' chains of ten). The same fused
        /// multiply-adds in element order from -0.0, so the same bits; only the real products are stored. In <c>double</c>
        /// with AVX-512 the columns are transposed in registers and the left rows go eight at a time instead
        /// (<see cref="RowLaneDots.OneGroupDots"/>, the same bits: 4 rows of n = 10, k = 10 from 0.54 to about 0.4 of a whole tile's time).
        /// </summary>
        [SkipLocalsInit]
        private static void OneVectorDots(ref T left, nint leftStride, int leftCount, ref T right, nint rightStride, int rightCount, int length, ref T into)
        {
            Span<Vector512<T>> columnTable = stackalloc Vector512<T>[ChunkElements];
            if (typeof(T) == typeof(double) && Avx512F.IsSupported)
            {
                // Columns transposed in registers, eight chains (RowLaneDots.OneGroup.cs): the same bits.
                RowLaneDots.OneGroupDots(ref Unsafe.As<T, double>(ref left), leftStride, leftCount, ref Unsafe.As<T, double>(ref right), rightStride, rightCount, length, ref Unsafe.As<T, double>(ref into), MemoryMarshal.Cast<Vector512<T>, Vector512<double>>(columnTable));
                return;
            }

            ref Vector512<T> columns = ref MemoryMarshal.GetReference(columnTable);
            for (nint k = 0; k < length; k++)
            {
                Unsafe.Add(ref columns, k) = Vector512<T>.Zero;
            }

            // Row by row into the table (each lane written where it stays: a vector built on the stack and loaded whole
            // waited on its own element stores, about 20 cycles a column).
            ref T table = ref Unsafe.As<Vector512<T>, T>(ref columns);
            nint lanes = Vector512<T>.Count;
            for (nint l = 0; l < rightCount; l++)
            {
                ref T row = ref Unsafe.Add(ref right, l * rightStride);
                for (nint k = 0; k < length; k++)
                {
                    Unsafe.Add(ref table, (k * lanes) + l) = Unsafe.Add(ref row, k);
                }
            }

            nint r = 0;
            for (; r + 4 <= leftCount; r += 4)
            {
                ref T w0 = ref Unsafe.Add(ref left, r * leftStride);
                ref T w1 = ref Unsafe.Add(ref w0, leftStride);
                ref T w2 = ref Unsafe.Add(ref w1, leftStride);
                ref T w3 = ref Unsafe.Add(ref w2, leftStride);
                Vector512<T> s0 = Vector512.Create(T.NegativeZero);
                Vector512<T> s1 = s0, s2 = s0, s3 = s0;
                for (nint k = 0; k < length; k++)
                {
                    Vector512<T> column = Unsafe.Add(ref columns, k);
                    s0 = TileKernels<T>.MultiplyAdd(Vector512.Create(Unsafe.Add(ref w0, k)), column, s0);
                    s1 = TileKernels<T>.MultiplyAdd(Vector512.Create(Unsafe.Add(ref w1, k)), column, s1);
                    s2 = TileKernels<T>.MultiplyAdd(Vector512.Create(Unsafe.Add(ref w2, k)), column, s2);
                    s3 = TileKernels<T>.MultiplyAdd(Vector512.Create(Unsafe.Add(ref w3, k)), column, s3);
                }

                StoreProducts(ref Unsafe.Add(ref into, r * TileRows), s0, rightCount);
                StoreProducts(ref Unsafe.Add(ref into, (r + 1) * TileRows), s1, rightCount);
                StoreProducts(ref Unsafe.Add(ref into, (r + 2) * TileRows), s2, rightCount);
                StoreProducts(ref Unsafe.Add(ref into, (r + 3) * TileRows), s3, rightCount);
            }

            for (; r < leftCount; r++)
            {
                ref T w = ref Unsafe.Add(ref left, r * leftStride);
                Vector512<T> sum = Vector512.Create(T.NegativeZero);
                for (nint k = 0; k < length; k++)
                {
                    sum = TileKernels<T>.MultiplyAdd(Vector512.Create(Unsafe.Add(ref w, k)), Unsafe.Add(ref columns, k), sum);
                }

                StoreProducts(ref Unsafe.Add(ref into, r * TileRows), sum, rightCount);
            }
        }

        /// <summary>The first <paramref name="count"/> lanes of <paramref name="sums"/> to the products from <paramref name="products"/> on.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreProducts(ref T products, Vector512<T> sums, int count)
        {
            ref T lanes = ref Unsafe.As<Vector512<T>, T>(ref sums);
            for (nint l = 0; l < count; l++)
            {
                Unsafe.Add(ref products, l) = Unsafe.Add(ref lanes, l);
            }
        }

        /// <summary>How a form adds the sums of one block of left rows with the column table's chunk.</summary>
        private interface IColumnBlocks
        {
            /// <summary>The left rows of the next block, <paramref name="left"/> being left.</summary>
            static abstract nint Rows(nint left);

            /// <summary>The block's sums from <paramref name="starts"/> to <paramref name="sums"/>, rows 32 apart.</summary>
            static abstract void Add(ref T weights, nint stride, nint rows, nint elements, ref T columns, ref T starts, ref T sums, int rightCount);
        }

        /// <summary>The AVX-512 form's blocks: four left rows, then two and one, by the tile's 32 rows.</summary>
        private readonly struct WideBlocks : IColumnBlocks
        {
            public static nint Rows(nint left)
            {
                nint rows = BlockRows;
                while (rows > left)
                {
                    rows /= 2;
                }

                return rows;
            }

            public static void Add(ref T weights, nint stride, nint rows, nint elements, ref T columns, ref T starts, ref T sums, int rightCount) =>
                AddBlock(ref weights, stride, rows, elements, ref columns, ref starts, ref sums);
        }

        /// <summary>
        /// A chunk's sums, block by block of left rows. A whole tile's sums start from -0.0 (the first chunk) or from the
        /// products and end there; a partial tile's go through the small table, which holds only the real products, so
        /// nothing past the products' room is read or written.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddChunk<TBlocks>(ref T left, nint leftStride, int leftCount, int rightCount, nint from, nint elements, ref T columns, ref T partial, ref T into)
            where TBlocks : struct, IColumnBlocks
        {
            ref T negativeZeros = ref MemoryMarshal.GetArrayDataReference(NegativeZeros);
            bool whole = rightCount == TileRows;
            nint r = 0;
            while (r < leftCount)
            {
                nint rows = TBlocks.Rows(leftCount - r);
                ref T weights = ref Unsafe.Add(ref left, (r * leftStride) + from);
                ref T products = ref Unsafe.Add(ref into, r * TileRows);
                if (!whole && from > 0)
                {
                    CopyProducts(ref products, ref partial, rows, rightCount);
                }

                ref T starts = ref from == 0 ? ref negativeZeros : ref whole ? ref products : ref partial;
                ref T sums = ref whole ? ref products : ref partial;
                TBlocks.Add(ref weights, leftStride, rows, elements, ref columns, ref starts, ref sums, rightCount);
                if (!whole)
                {
                    CopyProducts(ref partial, ref products, rows, rightCount);
                }

                r += rows;
            }
        }

        /// <summary>Elements from to from + elements - 1 of the tile's rows into the table, element k of row c at <c>k * 32 + c</c>; missing rows are zero.</summary>
        private static void FillColumns(ref T right, nint rightStride, int rightCount, nint from, nint elements, long available, ref T columns)
        {
            nint lanes = Vector512<T>.Count;
            for (nint first = 0; first < TileRows; first += lanes)
            {
                nint rows = Math.Min(lanes, rightCount - first);
                ref T column = ref Unsafe.Add(ref columns, first);
                if (rows < lanes)
                {
                    // A last group of fewer rows (or none): its lanes zero, then only the real rows' elements, row by row
                    // (no reference is formed to the missing rows, which may lie past the array's end).
                    for (nint k = 0; k < elements; k++)
                    {
                        Vector512<T>.Zero.StoreUnsafe(ref column, (nuint)(k * TileRows));
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

                ref T groupRows = ref Unsafe.Add(ref right, first * rightStride);
                nint e = TransposeBlocks(ref groupRows, rightStride, first, from, elements, available, ref column);
                for (; e < elements; e++)
                {
                    for (nint l = 0; l < lanes; l++)
                    {
                        Unsafe.Add(ref column, (e * TileRows) + l) = Unsafe.Add(ref groupRows, (l * rightStride) + from + e);
                    }
                }
            }
        }

        /// <summary>A whole group's elements transposed in registers, the type's way; the number of elements done.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static nint TransposeBlocks(ref T rows, nint rightStride, nint first, nint from, nint elements, long available, ref T column)
        {
            if (typeof(T) == typeof(double))
            {
                return RowLaneDots.TransposeBlocks(ref Unsafe.As<T, double>(ref rows), rightStride, first, from, elements, available, ref Unsafe.As<T, double>(ref column));
            }

            return RowLaneSingleDots.TransposeBlocks(ref Unsafe.As<T, float>(ref rows), rightStride, from, elements, ref Unsafe.As<T, float>(ref column));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddBlock(ref T weights, nint stride, nint rows, nint elements, ref T columns, ref T starts, ref T sums)
        {
            if (typeof(T) == typeof(double))
            {
                RowLaneDots.AddBlock(ref Unsafe.As<T, double>(ref weights), stride, rows, elements, ref Unsafe.As<T, double>(ref columns), ref Unsafe.As<T, double>(ref starts), ref Unsafe.As<T, double>(ref sums));
                return;
            }

            RowLaneSingleDots.AddBlock(ref Unsafe.As<T, float>(ref weights), stride, rows, elements, ref Unsafe.As<T, float>(ref columns), ref Unsafe.As<T, float>(ref starts), ref Unsafe.As<T, float>(ref sums));
        }

        /// <summary>The first <paramref name="count"/> products of <paramref name="rows"/> left rows, 32 apart, from one place to the other.</summary>
        private static void CopyProducts(ref T from, ref T to, nint rows, int count)
        {
            for (nint r = 0; r < rows; r++)
            {
                for (nint c = 0; c < count; c++)
                {
                    Unsafe.Add(ref to, (r * TileRows) + c) = Unsafe.Add(ref from, (r * TileRows) + c);
                }
            }
        }

        private static T[] CreateNegativeZeros()
        {
            var zeros = new T[MostBlockRows * TileRows];
            Array.Fill(zeros, T.NegativeZero);
            return zeros;
        }
    }
}
