using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad
{
    /// <summary>
    /// Row blocks of generated row lanes (docs/how-it-works.md, "Row lanes"): where a group's body reads element e of each
    /// of its rows of an array (<c>y[i * k + c]</c>, row i + l in lane l) inside a loop over the row's elements, each read
    /// was a gather of sixteen (eight) scalars, twice per element in softmax regression (forward and reverse). Instead the
    /// group's rows are transposed once, sixteen elements of sixteen rows (eight by eight in <c>double</c>) at a time in
    /// registers, and each read is one vector of the block (<c>yRowsRead[c]</c>).
    /// The values are the elements themselves, so the gradient's bits do not change. A block whose rows would leave the
    /// array is not filled (an empty block): its first read throws <see cref="IndexOutOfRangeException"/>, as the loop
    /// that reads every element of the rows (the generator's condition for a block) does at its first read outside.
    /// </summary>
    public static partial class Lanes
    {
        /// <summary>
        /// Elements 0 to <c>block.Length</c> - 1 of the <see cref="Count"/> rows from <paramref name="start"/>,
        /// <paramref name="stride"/> apart, transposed into <paramref name="block"/>: lane l of <c>block[e]</c> is element
        /// <c>start + l * stride + e</c>.
        /// </summary>
        /// <param name="array">The rows' array.</param>
        /// <param name="start">Row 0's first element.</param>
        /// <param name="stride">The distance between the rows.</param>
        /// <param name="block">One vector per element of a row.</param>
        /// <returns>The filled block, or an empty one when the rows leave the array.</returns>
        public static ReadOnlySpan<Vector512<double>> TransposeRows(ReadOnlySpan<double> array, int start, int stride, Span<Vector512<double>> block) =>
            Transposed(array, start, stride, block, Count);

        /// <summary>As <see cref="TransposeRows(ReadOnlySpan{double}, int, int, Span{Vector512{double}})"/> for a tile's last <paramref name="rows"/> rows: the lanes past the last row repeat it.</summary>
        /// <param name="array">The rows' array.</param>
        /// <param name="start">Row 0's first element.</param>
        /// <param name="stride">The distance between the rows.</param>
        /// <param name="block">One vector per element of a row.</param>
        /// <param name="rows">The rows left, 1 to <see cref="Count"/>.</param>
        /// <returns>The filled block, or an empty one when the rows leave the array.</returns>
        public static ReadOnlySpan<Vector512<double>> TransposeRows(ReadOnlySpan<double> array, int start, int stride, Span<Vector512<double>> block, int rows)
        {
            CheckRows(rows, Count);
            return Transposed(array, start, stride, block, rows);
        }

        /// <summary>The <c>float</c> form of <see cref="TransposeRows(ReadOnlySpan{double}, int, int, Span{Vector512{double}})"/>: sixteen rows.</summary>
        /// <param name="array">The rows' array.</param>
        /// <param name="start">Row 0's first element.</param>
        /// <param name="stride">The distance between the rows.</param>
        /// <param name="block">One vector per element of a row.</param>
        /// <returns>The filled block, or an empty one when the rows leave the array.</returns>
        public static ReadOnlySpan<Vector512<float>> TransposeRows(ReadOnlySpan<float> array, int start, int stride, Span<Vector512<float>> block) =>
            Transposed(array, start, stride, block, SingleCount);

        /// <summary>The <c>float</c> form of <see cref="TransposeRows(ReadOnlySpan{double}, int, int, Span{Vector512{double}}, int)"/>.</summary>
        /// <param name="array">The rows' array.</param>
        /// <param name="start">Row 0's first element.</param>
        /// <param name="stride">The distance between the rows.</param>
        /// <param name="block">One vector per element of a row.</param>
        /// <param name="rows">The rows left, 1 to <see cref="SingleCount"/>.</param>
        /// <returns>The filled block, or an empty one when the rows leave the array.</returns>
        public static ReadOnlySpan<Vector512<float>> TransposeRows(ReadOnlySpan<float> array, int start, int stride, Span<Vector512<float>> block, int rows)
        {
            CheckRows(rows, SingleCount);
            return Transposed(array, start, stride, block, rows);
        }

        /// <summary>
        /// The transposition, compiled fully optimised at once as the tile kernels are (<see cref="TileKernels{T}"/>):
        /// its first, unoptimised code passes every vector of the in-register transposes through memory.
        /// </summary>
        [SkipLocalsInit]
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static ReadOnlySpan<Vector512<T>> Transposed<T>(ReadOnlySpan<T> array, int start, int stride, Span<Vector512<T>> block, int rows)
            where T : unmanaged
        {
            int columns = block.Length;
            long last = start + ((long)(rows - 1) * stride);
            if (columns == 0 || start < 0 || last < 0 || Math.Max(start, last) + (long)columns > array.Length)
            {
                return ReadOnlySpan<Vector512<T>>.Empty;
            }

            int width = Vector512<T>.Count;
            ref T first = ref MemoryMarshal.GetReference(array);
            ref T into = ref Unsafe.As<Vector512<T>, T>(ref MemoryMarshal.GetReference(block));
            if (!Avx512F.IsSupported)
            {
                // With AVX, runs of four (eight) columns as 256-bit transposes (Lanes.Blocks.Avx.cs); the rest element by element.
                int done = TransposedWithAvx(ref Unsafe.Add(ref first, (nint)start), stride, rows - 1, ref into, columns, array.Length - Math.Max(start, last));
                for (int e = done; e < columns; e++)
                {
                    for (int l = 0; l < width; l++)
                    {
                        Unsafe.Add(ref into, (nint)((e * width) + l)) = Unsafe.Add(ref first, (nint)(start + ((long)Math.Min(l, rows - 1) * stride) + e));
                    }
                }

                return block;
            }

            // Sixteen (eight) elements of every row at a time: each row's vector read whole where it stays inside the
            // array (its elements past the row are never stored), else element by element from a vector on the stack;
            // in double the last one or two columns from each row's pair or element (LastColumns).
            int from = 0;
            if (stride >= 0)
            {
                // Rows counted up: every row's vector stays inside when the last row's does; read straight into registers.
                for (; from < columns && (typeof(T) == typeof(float) || columns - from > 2) && last + from + width <= array.Length; from += width)
                {
                    if (typeof(T) == typeof(float))
                    {
                        TransposeSixteen(ref Unsafe.As<T, float>(ref Unsafe.Add(ref first, (nint)(start + from))), stride, rows - 1, ref Unsafe.As<T, Vector512<float>>(ref Unsafe.Add(ref into, (nint)from * width)), Math.Min(width, columns - from));
                    }
                    else if (rows == width)
                    {
                        // A whole group (every group but a tile's last rows): the rows' places without a comparison each.
                        TransposeEight(ref Unsafe.As<T, double>(ref Unsafe.Add(ref first, (nint)(start + from))), stride, 7, ref Unsafe.As<T, Vector512<double>>(ref Unsafe.Add(ref into, (nint)from * width)), Math.Min(width, columns - from));
                    }
                    else
                    {
                        TransposeEight(ref Unsafe.As<T, double>(ref Unsafe.Add(ref first, (nint)(start + from))), stride, rows - 1, ref Unsafe.As<T, Vector512<double>>(ref Unsafe.Add(ref into, (nint)from * width)), Math.Min(width, columns - from));
                    }
                }
            }

            if (typeof(T) == typeof(double) && columns - from is 1 or 2)
            {
                // The last one or two columns of eight double rows (k = 10 classes: 8 + 2), in every group: each row's
                // pair read as one 128-bit vector, or its element alone, and put into lanes in registers (not a whole
                // eight-by-eight transpose for two columns, nor rows through the stack at the array's end).
                LastColumns(ref Unsafe.As<T, double>(ref Unsafe.Add(ref first, (nint)(start + from))), stride, rows - 1, ref Unsafe.As<T, Vector512<double>>(ref Unsafe.Add(ref into, (nint)from * width)), columns - from);
                return block;
            }

            Span<Vector512<T>> rowVectors = stackalloc Vector512<T>[16];
            for (; from < columns; from += width)
            {
                for (int l = 0; l < width; l++)
                {
                    long at = start + ((long)Math.Min(l, rows - 1) * stride) + from;
                    if (at + width <= array.Length)
                    {
                        rowVectors[l] = Vector512.LoadUnsafe(ref first, (nuint)at);
                        continue;
                    }

                    Vector512<T> partial = default;
                    ref T lanes = ref Unsafe.As<Vector512<T>, T>(ref partial);
                    for (int e = 0; e < Math.Min(width, columns - from); e++)
                    {
                        Unsafe.Add(ref lanes, e) = Unsafe.Add(ref first, (nint)(at + e));
                    }

                    rowVectors[l] = partial;
                }

                // The rows from the stack (rows 0 to 15 one vector apart, the last row repeated past it already).
                int count = Math.Min(width, columns - from);
                if (typeof(T) == typeof(float))
                {
                    TransposeSixteen(ref Unsafe.As<Vector512<T>, float>(ref rowVectors[0]), 16, 15, ref Unsafe.As<T, Vector512<float>>(ref Unsafe.Add(ref into, (nint)from * width)), count);
                }
                else
                {
                    TransposeEight(ref Unsafe.As<Vector512<T>, double>(ref rowVectors[0]), 8, 7, ref Unsafe.As<T, Vector512<double>>(ref Unsafe.Add(ref into, (nint)from * width)), count);
                }
            }

            return block;
        }

        /// <summary>
        /// Sixteen rows of sixteen <c>float</c>s transposed: column c (lane l holding row l's element c) to
        /// <c>columns[c]</c> for c below <paramref name="count"/>; row l is the one <c>min(l, last)</c> strides from
        /// <paramref name="row"/>. Pairs of rows interleaved within 128-bit lanes, then quadruples (64-bit unpacks), then
        /// the 128-bit lanes gathered across four vectors (two rounds of <c>Shuffle4x128</c>), all in registers.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void TransposeSixteen(ref float row, nint stride, nint last, ref Vector512<float> columns, int count)
        {
            Quads(ref row, stride, 0, last, out Vector512<float> a0, out Vector512<float> a1, out Vector512<float> a2, out Vector512<float> a3);
            Quads(ref row, stride, 4, last, out Vector512<float> b0, out Vector512<float> b1, out Vector512<float> b2, out Vector512<float> b3);
            Quads(ref row, stride, 8, last, out Vector512<float> c0, out Vector512<float> c1, out Vector512<float> c2, out Vector512<float> c3);
            Quads(ref row, stride, 12, last, out Vector512<float> d0, out Vector512<float> d1, out Vector512<float> d2, out Vector512<float> d3);
            Columns(ref columns, 0, count, a0, b0, c0, d0);
            Columns(ref columns, 1, count, a1, b1, c1, d1);
            Columns(ref columns, 2, count, a2, b2, c2, d2);
            Columns(ref columns, 3, count, a3, b3, c3, d3);
        }

        /// <summary>Rows <paramref name="first"/> to + 3: quad c holds elements c, c + 4, c + 8 and c + 12 of the four rows in its four 128-bit lanes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Quads(ref float row, nint stride, nint first, nint last, out Vector512<float> q0, out Vector512<float> q1, out Vector512<float> q2, out Vector512<float> q3)
        {
            Vector512<float> r0 = Vector512.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(first, last) * stride));
            Vector512<float> r1 = Vector512.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(first + 1, last) * stride));
            Vector512<float> r2 = Vector512.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(first + 2, last) * stride));
            Vector512<float> r3 = Vector512.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(first + 3, last) * stride));
            Vector512<double> t0 = Avx512F.UnpackLow(r0, r1).AsDouble(), t1 = Avx512F.UnpackHigh(r0, r1).AsDouble();
            Vector512<double> t2 = Avx512F.UnpackLow(r2, r3).AsDouble(), t3 = Avx512F.UnpackHigh(r2, r3).AsDouble();
            q0 = Avx512F.UnpackLow(t0, t2).AsSingle();
            q1 = Avx512F.UnpackHigh(t0, t2).AsSingle();
            q2 = Avx512F.UnpackLow(t1, t3).AsSingle();
            q3 = Avx512F.UnpackHigh(t1, t3).AsSingle();
        }

        /// <summary>Columns c, c + 4, c + 8 and c + 12 from the quads c of rows 0-3, 4-7, 8-11 and 12-15; those below <paramref name="count"/> stored.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Columns(ref Vector512<float> columns, int c, int count, Vector512<float> a, Vector512<float> b, Vector512<float> d, Vector512<float> e)
        {
            // Lanes 0 and 2 of rows 0-3 and 4-7 (elements c, c + 8), 1 and 3 (c + 4, c + 12); the same of rows 8-15.
            Vector512<float> lowEven = Avx512F.Shuffle4x128(a, b, 0x88), lowOdd = Avx512F.Shuffle4x128(a, b, 0xDD);
            Vector512<float> highEven = Avx512F.Shuffle4x128(d, e, 0x88), highOdd = Avx512F.Shuffle4x128(d, e, 0xDD);
            Store(ref columns, c, count, Avx512F.Shuffle4x128(lowEven, highEven, 0x88));
            Store(ref columns, c + 4, count, Avx512F.Shuffle4x128(lowOdd, highOdd, 0x88));
            Store(ref columns, c + 8, count, Avx512F.Shuffle4x128(lowEven, highEven, 0xDD));
            Store(ref columns, c + 12, count, Avx512F.Shuffle4x128(lowOdd, highOdd, 0xDD));
        }

        /// <summary>Eight rows of eight <c>double</c>s transposed, as <see cref="TransposeSixteen"/>: pairs of rows interleaved, then two rounds of <c>Shuffle4x128</c>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void TransposeEight(ref double row, nint stride, nint last, ref Vector512<double> columns, int count)
        {
            Vector512<double> r0 = Vector512.LoadUnsafe(ref row);
            Vector512<double> r1 = Vector512.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(1, last) * stride));
            Vector512<double> r2 = Vector512.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(2, last) * stride));
            Vector512<double> r3 = Vector512.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(3, last) * stride));
            Vector512<double> r4 = Vector512.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(4, last) * stride));
            Vector512<double> r5 = Vector512.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(5, last) * stride));
            Vector512<double> r6 = Vector512.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(6, last) * stride));
            Vector512<double> r7 = Vector512.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(7, last) * stride));
            EightColumns(ref columns, 0, count, Avx512F.UnpackLow(r0, r1), Avx512F.UnpackLow(r2, r3), Avx512F.UnpackLow(r4, r5), Avx512F.UnpackLow(r6, r7));
            EightColumns(ref columns, 1, count, Avx512F.UnpackHigh(r0, r1), Avx512F.UnpackHigh(r2, r3), Avx512F.UnpackHigh(r4, r5), Avx512F.UnpackHigh(r6, r7));
        }

        /// <summary>
        /// The last <paramref name="count"/> (1 or 2) columns of eight <c>double</c> rows, row l the one <c>min(l, last)</c>
        /// strides from <paramref name="row"/>: with two, each row's pair is one 128-bit load, the pairs of rows 0, 2, 4, 6
        /// in one vector and of rows 1, 3, 5, 7 in another, then the low unpack of the two is the first column and the high
        /// unpack the second; with one, the eight elements themselves.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void LastColumns(ref double row, nint stride, nint last, ref Vector512<double> columns, int count)
        {
            if (count == 1)
            {
                columns = Doubles(ref row, last, stride);
                return;
            }

            Vector512<double> even = Vector512.Create(
                Vector256.Create(Vector128.LoadUnsafe(ref row), Vector128.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(2, last) * stride))),
                Vector256.Create(Vector128.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(4, last) * stride)), Vector128.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(6, last) * stride))));
            Vector512<double> odd = Vector512.Create(
                Vector256.Create(Vector128.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(1, last) * stride)), Vector128.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(3, last) * stride))),
                Vector256.Create(Vector128.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(5, last) * stride)), Vector128.LoadUnsafe(ref Unsafe.Add(ref row, Math.Min(7, last) * stride))));
            columns = Avx512F.UnpackLow(even, odd);
            Unsafe.Add(ref columns, 1) = Avx512F.UnpackHigh(even, odd);
        }

        /// <summary>Columns c, c + 2, c + 4 and c + 6 from the row pairs (element 2j + c of rows 2p and 2p + 1 in 128-bit lane j).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void EightColumns(ref Vector512<double> columns, int c, int count, Vector512<double> p0, Vector512<double> p1, Vector512<double> p2, Vector512<double> p3)
        {
            Vector512<double> lowEven = Avx512F.Shuffle4x128(p0, p1, 0x88), lowOdd = Avx512F.Shuffle4x128(p0, p1, 0xDD);
            Vector512<double> highEven = Avx512F.Shuffle4x128(p2, p3, 0x88), highOdd = Avx512F.Shuffle4x128(p2, p3, 0xDD);
            Store(ref columns, c, count, Avx512F.Shuffle4x128(lowEven, highEven, 0x88));
            Store(ref columns, c + 2, count, Avx512F.Shuffle4x128(lowOdd, highOdd, 0x88));
            Store(ref columns, c + 4, count, Avx512F.Shuffle4x128(lowEven, highEven, 0xDD));
            Store(ref columns, c + 6, count, Avx512F.Shuffle4x128(lowOdd, highOdd, 0xDD));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store<T>(ref Vector512<T> columns, int column, int count, Vector512<T> value)
        {
            if (column < count)
            {
                Unsafe.Add(ref columns, column) = value;
            }
        }
    }
}
