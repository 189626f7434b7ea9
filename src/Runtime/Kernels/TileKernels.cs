using System;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad
{
    /// <summary>
    /// The row-tile kernels behind <see cref="Kernels.DotTile(ReadOnlySpan{double}, int, int, int, ReadOnlySpan{double}, int, int, int, int, Span{double})"/>
    /// and <see cref="Kernels.AddScaledTile(Span{double}, int, int, int, ReadOnlySpan{double}, ReadOnlySpan{double}, int, int, int, int)"/>,
    /// written once for <c>double</c> and <c>float</c> (the JIT compiles one copy per type and folds the type tests).
    /// Register blocks: dot products four left rows by two right rows (eight accumulators, six loads per eight
    /// fused multiply-adds), or one left row by eight right rows (then four; without AVX-512 four in 256-bit halves, a
    /// tile's groups of four in one loop, <see cref="Dot1x4Halves"/>); updates four destination rows by four
    /// vectors, then by two, then two rows by four vectors (the sources' vectors loaded once for the rows), so sixteen or
    /// eight sums are in flight, and a lone row by eight vectors, the rest in one more pass of eight chains (four at a
    /// time without AVX-512), its last elements as one more chain when they can be read in place; rows whose whole vectors
    /// end in one lone vector take their last elements beside it in their blocks when they can be read in place (four
    /// rows: eight chains; softmax regression's n = 10 in <c>double</c>); otherwise the last
    /// <c>length mod Width</c> elements of a tile's rows run as vectors from a table on the stack (<see cref="AddTails"/>).
    /// A dot product's last <c>length mod Width</c> elements are one more block in its lanes (<see cref="Last"/>: masked
    /// loads with AVX-512), whose eight sums of one left row are added up transposed (<see cref="EightSums"/>; four at a
    /// time without AVX-512, <see cref="FourSums"/>). The transposed dot products are
    /// <see cref="RowLaneDots"/> and <see cref="RowLaneSingleDots"/>. Without AVX-512 the blocks are halved (two left rows by two,
    /// two destination rows by two vectors in 256-bit halves, <see cref="AddRows2PairsHalves"/>, rows of one lone vector
    /// four or five at a time, <see cref="AddRowsLoneHalves"/>; see <see cref="WideBlocks"/>), with the same bits. The two drivers
    /// (<see cref="Dots(ReadOnlySpan{T}, int, int, int, ReadOnlySpan{T}, int, int, int, int, Span{T}, bool, bool)"/> and
    /// <see cref="AddScaled(Span{T}, int, int, int, ReadOnlySpan{T}, ReadOnlySpan{T}, int, int, int, int, bool, bool)"/>)
    /// are compiled fully optimised at once, as the other kernels: under tiered PGO their code followed whichever
    /// workload ran first in a process, and softmax regression after logistic regression ran 11% to 14% slower in one
    /// process (its row blocks cold in logistic regression's profile). (An earlier measurement had the generic blocks 2.3x
    /// slower when so compiled; with the blocks inlined it no longer holds.) The blocks are inlined into their drivers on
    /// purpose: left to the JIT's judgement they were inlined in some processes and called in others. The halved blocks
    /// of the driver's update are the exception, called on purpose and compiled fully optimised too: inlined, the JIT
    /// moved their sums between registers every step (TileKernels.UpdateHalves.cs).
    /// </summary>
    /// <typeparam name="T"><c>double</c> or <c>float</c>.</typeparam>
    [SkipLocalsInit]
    internal static partial class TileKernels<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private static nint Width => Vector512<T>.Count;

        /// <summary>
        /// Whether the blocks of eight accumulators fit the registers: with AVX-512 a <see cref="Vector512{T}"/> is one
        /// of 32 registers; without it, two of 16, and eight accumulators plus their operands spill to the stack, so the
        /// blocks are halved. Every element's sum keeps its order either way: the bits are the same.
        /// </summary>
        private static bool WideBlocks => Vector512.IsHardwareAccelerated;

        public static void Dots(ReadOnlySpan<T> left, int leftStart, int leftStride, int leftCount, ReadOnlySpan<T> right, int rightStart, int rightStride, int rightCount, int length, Span<T> dots) =>
            Dots(left, leftStart, leftStride, leftCount, right, rightStart, rightStride, rightCount, length, dots, WideBlocks, transposed: false);

        /// <summary>The public transposed form: product (r, c) at <c>r * Kernels.TileSize + c</c>.</summary>
        public static void DotsTransposed(ReadOnlySpan<T> left, int leftStart, int leftStride, int leftCount, ReadOnlySpan<T> right, int rightStart, int rightStride, int rightCount, int length, Span<T> dots) =>
            Dots(left, leftStart, leftStride, leftCount, right, rightStart, rightStride, rightCount, length, dots, WideBlocks, transposed: true);

        /// <summary>
        /// As the public form, with the block shape given (<paramref name="wideBlocks"/>: four left rows at a time, else
        /// two; tests run both) and the layout: product (r, c) at <c>c * leftCount + r</c>, or with
        /// <paramref name="transposed"/> at <c>r * Kernels.TileSize + c</c> (then at most TileSize right rows). The
        /// transposed forms are <see cref="RowLaneDots"/> (<c>double</c>) and <see cref="RowLaneSingleDots"/> (<c>float</c>),
        /// lanes along the right rows, which <paramref name="wideBlocks"/> set to false makes transpose through their
        /// tables, as machines without AVX-512 do.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal static unsafe void Dots(ReadOnlySpan<T> left, int leftStart, int leftStride, int leftCount, ReadOnlySpan<T> right, int rightStart, int rightStride, int rightCount, int length, Span<T> dots, bool wideBlocks, bool transposed = false)
        {
            if (leftCount <= 0 || rightCount <= 0)
            {
                return;
            }

            if (transposed ? rightCount > Kernels.TileSize || ((long)(leftCount - 1) * Kernels.TileSize) + rightCount > dots.Length : (long)leftCount * rightCount > dots.Length)
            {
                throw new ArgumentException($"DotTile: {leftCount} by {rightCount} products do not fit in {dots.Length} elements{(transposed ? " laid out " + Kernels.TileSize + " apart" : string.Empty)}.", nameof(dots));
            }

            // Product (r, c) goes to r * rowStep + c * columnStep.
            nint rowStep = transposed ? Kernels.TileSize : 1;
            nint columnStep = transposed ? 1 : leftCount;
            if (length <= 0)
            {
                for (int r = 0; r < leftCount; r++)
                {
                    for (int c = 0; c < rightCount; c++)
                    {
                        dots[(int)((r * rowStep) + (c * columnStep))] = T.NegativeZero;
                    }
                }

                return;
            }

            CheckRows(left.Length, leftStart, leftStride, leftCount, length, "DotTile", "left");
            CheckRows(right.Length, rightStart, rightStride, rightCount, length, "DotTile", "right");
            ref T leftRows = ref Unsafe.Add(ref MemoryMarshal.GetReference(left), leftStart);
            ref T rightRows = ref Unsafe.Add(ref MemoryMarshal.GetReference(right), rightStart);
            ref T into = ref MemoryMarshal.GetReference(dots);
            if (transposed)
            {
                ColumnTable<T>.Dots(ref leftRows, leftStride, leftCount, ref rightRows, rightStride, rightCount, length, right.Length - (long)rightStart, ref into, registerTranspose: wideBlocks);
                return;
            }

            // The last length mod Width products of every pair are one more block, its lanes past the length left as they
            // are: read with masked loads (which never touch the masked elements, so no row's read leaves its array):
            // AVX-512's for the wide blocks, else AVX's a half at a time, element by element only without AVX. (One left
            // row's right rows without AVX-512 are read by plain loads where their halves lie inside the array, the
            // lanes past the length blended away: Dot1x4Halves.) The arrays are pinned for the masked loads' addresses.
            Last last = new((int)(length % Width), wideBlocks && Avx512F.IsSupported ? LastLoads.Avx512 : Avx.IsSupported ? LastLoads.Avx : LastLoads.Elements);
            fixed (T* pinnedLeft = left)
            fixed (T* pinnedRight = right)
            {
                if (wideBlocks)
                {
                    WideDotBlocks(ref leftRows, leftStride, leftCount, ref rightRows, rightStride, rightCount, right.Length - (long)rightStart, length, ref into, rowStep, columnStep, in last);
                }
                else
                {
                    NarrowDotBlocks(ref leftRows, leftStride, leftCount, ref rightRows, rightStride, rightCount, right.Length - (long)rightStart, length, ref into, rowStep, columnStep, in last);
                }
            }
        }

        /// <summary>
        /// <see cref="Blocks"/> with AVX-512's blocks. Each block shape has its own method: with both inlined into the
        /// driver it held so many locals that the JIT tracked only some and zeroed 5.6 KB of frame on every call (195 ns,
        /// 9% of logistic regression's <c>float</c> gradient at n = 100 on an AVX2 machine).
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static void WideDotBlocks(ref T leftRows, nint leftStride, int leftCount, ref T rightRows, nint rightStride, int rightCount, long rightAvailable, int length, ref T into, nint rowStep, nint columnStep, in Last last) =>
            Blocks(ref leftRows, leftStride, leftCount, ref rightRows, rightStride, rightCount, rightAvailable, length, ref into, rowStep, columnStep, wideBlocks: true, last);

        /// <summary><see cref="Blocks"/> with the halved blocks of machines without AVX-512 (see <see cref="WideDotBlocks"/>).</summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static void NarrowDotBlocks(ref T leftRows, nint leftStride, int leftCount, ref T rightRows, nint rightStride, int rightCount, long rightAvailable, int length, ref T into, nint rowStep, nint columnStep, in Last last) =>
            Blocks(ref leftRows, leftStride, leftCount, ref rightRows, rightStride, rightCount, rightAvailable, length, ref into, rowStep, columnStep, wideBlocks: false, last);

        /// <summary>The register blocks over every left and right row (the dot products' driver, past its checks).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Blocks(ref T leftRows, nint leftStride, int leftCount, ref T rightRows, nint rightStride, int rightCount, long rightAvailable, int length, ref T into, nint rowStep, nint columnStep, bool wideBlocks, in Last last)
        {

            int row = 0;
            for (; wideBlocks && row + 4 <= leftCount; row += 4)
            {
                ref T a = ref Unsafe.Add(ref leftRows, (nint)row * leftStride);
                int column = 0;
                for (; column + 2 <= rightCount; column += 2)
                {
                    Dot4x2(ref a, leftStride, ref Unsafe.Add(ref rightRows, (nint)column * rightStride), rightStride, length, ref Unsafe.Add(ref into, (column * columnStep) + (row * rowStep)), columnStep, rowStep, last);
                }

                for (; column < rightCount; column++)
                {
                    ref T b = ref Unsafe.Add(ref rightRows, (nint)column * rightStride);
                    for (int r = 0; r < 4; r++)
                    {
                        Dot1x1(ref Unsafe.Add(ref a, (nint)r * leftStride), ref b, length, ref Unsafe.Add(ref into, (column * columnStep) + ((row + r) * rowStep)), last);
                    }
                }
            }

            for (; !wideBlocks && row + 2 <= leftCount; row += 2)
            {
                ref T a = ref Unsafe.Add(ref leftRows, (nint)row * leftStride);
                int column = 0;
                for (; column + 2 <= rightCount; column += 2)
                {
                    Dot2x2(ref a, leftStride, ref Unsafe.Add(ref rightRows, (nint)column * rightStride), rightStride, length, ref Unsafe.Add(ref into, (column * columnStep) + (row * rowStep)), columnStep, rowStep, last);
                }

                for (; column < rightCount; column++)
                {
                    ref T b = ref Unsafe.Add(ref rightRows, (nint)column * rightStride);
                    Dot1x1(ref a, ref b, length, ref Unsafe.Add(ref into, (column * columnStep) + (row * rowStep)), last);
                    Dot1x1(ref Unsafe.Add(ref a, leftStride), ref b, length, ref Unsafe.Add(ref into, (column * columnStep) + ((row + 1) * rowStep)), last);
                }
            }

            for (; row < leftCount; row++)
            {
                ref T a = ref Unsafe.Add(ref leftRows, (nint)row * leftStride);
                int column = 0;
                for (; wideBlocks && column + 8 <= rightCount; column += 8)
                {
                    Dot1x8(ref a, ref Unsafe.Add(ref rightRows, (nint)column * rightStride), rightStride, length, ref Unsafe.Add(ref into, (column * columnStep) + (row * rowStep)), columnStep, last);
                }

                if (!wideBlocks && column + 4 <= rightCount)
                {
                    int groups = (rightCount - column) / 4;
                    Dot1x4Halves(ref a, ref Unsafe.Add(ref rightRows, (nint)column * rightStride), rightStride, groups, rightAvailable - ((long)column * rightStride), length, ref Unsafe.Add(ref into, (column * columnStep) + (row * rowStep)), columnStep, in last);
                    column += 4 * groups;
                }

                for (; wideBlocks && column + 4 <= rightCount; column += 4)
                {
                    Dot1x4(ref a, ref Unsafe.Add(ref rightRows, (nint)column * rightStride), rightStride, length, ref Unsafe.Add(ref into, (column * columnStep) + (row * rowStep)), columnStep, last);
                }

                for (; column < rightCount; column++)
                {
                    Dot1x1(ref a, ref Unsafe.Add(ref rightRows, (nint)column * rightStride), length, ref Unsafe.Add(ref into, (column * columnStep) + (row * rowStep)), last);
                }
            }
        }

        public static void AddScaled(Span<T> destination, int destinationStart, int destinationStride, int destinationCount, ReadOnlySpan<T> scales, ReadOnlySpan<T> source, int sourceStart, int sourceStride, int sourceCount, int length) =>
            AddScaled(destination, destinationStart, destinationStride, destinationCount, scales, source, sourceStart, sourceStride, sourceCount, length, WideBlocks, transposed: false);

        /// <summary>The public transposed form: scale (d, s) at <c>d * Kernels.TileSize + s</c>.</summary>
        public static void AddScaledTransposed(Span<T> destination, int destinationStart, int destinationStride, int destinationCount, ReadOnlySpan<T> scales, ReadOnlySpan<T> source, int sourceStart, int sourceStride, int sourceCount, int length) =>
            AddScaled(destination, destinationStart, destinationStride, destinationCount, scales, source, sourceStart, sourceStride, sourceCount, length, WideBlocks, transposed: true);

        /// <summary>
        /// As the public form, with the block shape given (<paramref name="wideBlocks"/>: four destination rows by two
        /// vectors at a time, else two by two; tests run both) and the layout of the scales: (d, s) at
        /// <c>s * destinationCount + d</c>, or with <paramref name="transposed"/> at <c>d * Kernels.TileSize + s</c> (then
        /// at most TileSize source rows).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal static void AddScaled(Span<T> destination, int destinationStart, int destinationStride, int destinationCount, ReadOnlySpan<T> scales, ReadOnlySpan<T> source, int sourceStart, int sourceStride, int sourceCount, int length, bool wideBlocks, bool transposed = false)
        {
            if (destinationCount <= 0 || sourceCount <= 0 || length <= 0)
            {
                return;
            }

            if (transposed ? sourceCount > Kernels.TileSize || ((long)(destinationCount - 1) * Kernels.TileSize) + sourceCount > scales.Length : (long)destinationCount * sourceCount > scales.Length)
            {
                throw new ArgumentException($"AddScaledTile: {destinationCount} by {sourceCount} scales do not fit in {scales.Length} elements{(transposed ? " laid out " + Kernels.TileSize + " apart" : string.Empty)}.", nameof(scales));
            }

            // Scale (d, s) is at d * rowStep + s * sourceStep.
            nint rowStep = transposed ? Kernels.TileSize : 1;
            int sourceStep = transposed ? 1 : destinationCount;

            Span<T> written = destination[CheckRows(destination.Length, destinationStart, destinationStride, destinationCount, length, "AddScaledTile", "destination")];
            ReadOnlySpan<T> read = source[CheckRows(source.Length, sourceStart, sourceStride, sourceCount, length, "AddScaledTile", "source")];
            if (written.Overlaps(read) || written.Overlaps(scales))
            {
                throw new ArgumentException("AddScaledTile: the destination shares memory with the source or the scales.", nameof(destination));
            }

            ref T into = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), destinationStart);
            ref T from = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), sourceStart);
            ref T factors = ref MemoryMarshal.GetReference(scales);

            // A tile's sources (at most LongTileSize rows): the last length mod Width elements of every row go after the
            // whole vectors, the sources' last elements in one vector each (AddTails).
            int whole = sourceCount <= Kernels.LongTileSize ? length - (length % (int)Width) : length;
            int row = 0;
            while (!wideBlocks && whole == (int)Width && row + 4 <= destinationCount)
            {
                int rows = LoneBlockRows(destinationCount - row);
                AddRowsLoneHalves(ref Unsafe.Add(ref into, (nint)row * destinationStride), destinationStride, ref Unsafe.Add(ref factors, row * rowStep), sourceStep, rowStep, ref from, sourceStride, sourceCount, rows);
                row += rows;
            }

            for (; !wideBlocks && row + 2 <= destinationCount; row += 2)
            {
                AddRows2(ref Unsafe.Add(ref into, (nint)row * destinationStride), destinationStride, ref Unsafe.Add(ref factors, row * rowStep), sourceStep, rowStep, ref from, sourceStride, sourceCount, whole);
            }

            // Rows whose whole vectors end in one lone vector (softmax regression's n = 10 in double: 8 + 2) take their tails
            // in the blocks of rows, as one more chain beside that vector's (AddRows4, AddRows2Long, AddRow1), when every
            // source's vector there lies inside the array and the destination rows are at least a row apart, counted up
            // (then they share no elements, and each element's sum is added once as before). Otherwise the lone vector's
            // block is four chains (two for the last two rows), waiting on the latency of each source's multiply-add, and
            // the tails' own pass (AddTails) is one more such wait over the sources. One destination row (logistic
            // regression's dw) takes its tail that way whatever its whole vectors, with the narrow blocks too (AddRow1).
            // (whole < length only for a tile of at most LongTileSize sources.)
            bool tailsInside = (wideBlocks || destinationCount == 1) && whole < length && TailsInside(source.Length - (long)sourceStart, sourceStride, sourceCount, whole);
            int blockTail = tailsInside && destinationCount > 1 && whole % (2 * (int)Width) == (int)Width && destinationStride >= length ? length - whole : 0;
            if (blockTail > 0 && whole == (int)Width && destinationCount >= 5 && destinationCount <= LoneVectorRows)
            {
                AddRowsLone(ref into, destinationStride, ref factors, sourceStep, rowStep, ref from, sourceStride, sourceCount, blockTail, destinationCount);
                return;
            }

            for (; wideBlocks && row + 4 <= destinationCount; row += 4)
            {
                AddRows4(ref Unsafe.Add(ref into, (nint)row * destinationStride), destinationStride, ref Unsafe.Add(ref factors, row * rowStep), sourceStep, rowStep, ref from, sourceStride, sourceCount, whole, blockTail);
            }

            for (; wideBlocks && row + 2 <= destinationCount; row += 2)
            {
                AddRows2Long(ref Unsafe.Add(ref into, (nint)row * destinationStride), destinationStride, ref Unsafe.Add(ref factors, row * rowStep), sourceStep, rowStep, ref from, sourceStride, sourceCount, whole, blockTail);
            }

            int rowTail = tailsInside && destinationCount == 1 ? length - whole : blockTail;
            for (; row < destinationCount; row++)
            {
                AddRow1(ref Unsafe.Add(ref into, (nint)row * destinationStride), ref Unsafe.Add(ref factors, row * rowStep), sourceStep, ref from, sourceStride, sourceCount, whole, rowTail, wideBlocks);
            }

            if (whole < length && rowTail == 0)
            {
                AddTails(ref into, destinationStride, destinationCount, ref factors, rowStep, sourceStep, ref from, sourceStride, sourceCount, whole, length, source.Length - (long)sourceStart);
            }
        }

        /// <summary>
        /// The rows of the next narrow block of rows whose whole vectors are one lone vector, with
        /// <paramref name="remaining"/> (at least four) left: five, or four where that leaves two rows for a pair or none
        /// (ten rows as five and five, nine as five and four, eight as four and four, six as four and a pair).
        /// </summary>
        private static int LoneBlockRows(int remaining) => remaining is 4 or 6 or 8 ? 4 : 5;

        /// <summary>
        /// Whether the whole vector at element <paramref name="whole"/> of every source row lies inside the array
        /// (<paramref name="available"/> elements from the first row's start): rows counted forward (or one row repeated),
        /// the last row's vector ending in the array. Rows counted down put the first row last in memory: never in place.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static bool TailsInside(long available, int sourceStride, int sourceCount, int whole) =>
            sourceStride >= 0 && ((long)(sourceCount - 1) * sourceStride) + whole + Width <= available;

        /// <summary>
        /// Whether the four right rows from row <paramref name="first"/> (<paramref name="stride"/> apart, the array's
        /// <paramref name="available"/> elements from row 0 on; rows at a negative stride never) can have their last dot-product block read in place: the
        /// whole 256-bit half or halves holding their last <paramref name="count"/> elements lie inside the array.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool LastHalvesInside(long available, int first, nint stride, int length, int count)
        {
            long end = length - count + (count > Vector256<T>.Count ? Width : Vector256<T>.Count);
            return stride >= 0 && ((long)(first + 3) * stride) + end <= available;
        }

        /// <summary>The range of elements <paramref name="count"/> rows of <paramref name="length"/> from <paramref name="start"/>, <paramref name="stride"/> apart, cover; throws when it leaves the array.</summary>
        /// <remarks>Inlined into the kernels' drivers, which call it per tile; the exception is built out of line.</remarks>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Range CheckRows(int arrayLength, int start, int stride, int count, int length, string kernel, string what)
        {
            long reach = (long)(count - 1) * stride;
            long first = start + Math.Min(0, reach);
            long last = start + Math.Max(0, reach) + length - 1;
            if (first < 0 || last >= arrayLength)
            {
                ThrowRowsOutside(arrayLength, start, stride, count, length, kernel, what);
            }

            return new Range((int)first, (int)last + 1);
        }

        [DoesNotReturn]
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowRowsOutside(int arrayLength, int start, int stride, int count, int length, string kernel, string what) =>
            throw new IndexOutOfRangeException($"{kernel}: {count} {what} rows of {length} from {start}, {stride} apart, leave an array of {arrayLength}.");

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Dot4x2(ref T a0, nint aStride, ref T b0, nint bStride, int length, ref T into, nint intoStride, nint rowStep, Last last)
        {
            ref T a1 = ref Unsafe.Add(ref a0, aStride);
            ref T a2 = ref Unsafe.Add(ref a1, aStride);
            ref T a3 = ref Unsafe.Add(ref a2, aStride);
            ref T b1 = ref Unsafe.Add(ref b0, bStride);
            Vector512<T> s00 = Vector512.Create(T.NegativeZero);
            Vector512<T> s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
            nint k = 0;
            for (; k + Width <= length; k += Width)
            {
                Vector512<T> x0 = Vector512.LoadUnsafe(ref b0, (nuint)k);
                Vector512<T> x1 = Vector512.LoadUnsafe(ref b1, (nuint)k);
                Vector512<T> w = Vector512.LoadUnsafe(ref a0, (nuint)k);
                s00 = MultiplyAdd(w, x0, s00);
                s01 = MultiplyAdd(w, x1, s01);
                w = Vector512.LoadUnsafe(ref a1, (nuint)k);
                s10 = MultiplyAdd(w, x0, s10);
                s11 = MultiplyAdd(w, x1, s11);
                w = Vector512.LoadUnsafe(ref a2, (nuint)k);
                s20 = MultiplyAdd(w, x0, s20);
                s21 = MultiplyAdd(w, x1, s21);
                w = Vector512.LoadUnsafe(ref a3, (nuint)k);
                s30 = MultiplyAdd(w, x0, s30);
                s31 = MultiplyAdd(w, x1, s31);
            }

            if (last.Count > 0)
            {
                Vector512<T> x0 = last.Load(ref b0, k);
                Vector512<T> x1 = last.Load(ref b1, k);
                Vector512<T> w = last.Load(ref a0, k);
                s00 = last.MultiplyAdd(w, x0, s00);
                s01 = last.MultiplyAdd(w, x1, s01);
                w = last.Load(ref a1, k);
                s10 = last.MultiplyAdd(w, x0, s10);
                s11 = last.MultiplyAdd(w, x1, s11);
                w = last.Load(ref a2, k);
                s20 = last.MultiplyAdd(w, x0, s20);
                s21 = last.MultiplyAdd(w, x1, s21);
                w = last.Load(ref a3, k);
                s30 = last.MultiplyAdd(w, x0, s30);
                s31 = last.MultiplyAdd(w, x1, s31);
            }

            ref T column1 = ref Unsafe.Add(ref into, intoStride);
            into = Sum(s00);
            Unsafe.Add(ref into, rowStep) = Sum(s10);
            Unsafe.Add(ref into, 2 * rowStep) = Sum(s20);
            Unsafe.Add(ref into, 3 * rowStep) = Sum(s30);
            column1 = Sum(s01);
            Unsafe.Add(ref column1, rowStep) = Sum(s11);
            Unsafe.Add(ref column1, 2 * rowStep) = Sum(s21);
            Unsafe.Add(ref column1, 3 * rowStep) = Sum(s31);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Dot2x2(ref T a0, nint aStride, ref T b0, nint bStride, int length, ref T into, nint intoStride, nint rowStep, Last last)
        {
            ref T a1 = ref Unsafe.Add(ref a0, aStride);
            ref T b1 = ref Unsafe.Add(ref b0, bStride);
            Vector512<T> s00 = Vector512.Create(T.NegativeZero);
            Vector512<T> s01 = s00, s10 = s00, s11 = s00;
            nint k = 0;
            for (; k + Width <= length; k += Width)
            {
                Vector512<T> x0 = Vector512.LoadUnsafe(ref b0, (nuint)k);
                Vector512<T> x1 = Vector512.LoadUnsafe(ref b1, (nuint)k);
                Vector512<T> w = Vector512.LoadUnsafe(ref a0, (nuint)k);
                s00 = MultiplyAdd(w, x0, s00);
                s01 = MultiplyAdd(w, x1, s01);
                w = Vector512.LoadUnsafe(ref a1, (nuint)k);
                s10 = MultiplyAdd(w, x0, s10);
                s11 = MultiplyAdd(w, x1, s11);
            }

            if (last.Count > 0)
            {
                Vector512<T> x0 = last.Load(ref b0, k);
                Vector512<T> x1 = last.Load(ref b1, k);
                Vector512<T> w = last.Load(ref a0, k);
                s00 = last.MultiplyAdd(w, x0, s00);
                s01 = last.MultiplyAdd(w, x1, s01);
                w = last.Load(ref a1, k);
                s10 = last.MultiplyAdd(w, x0, s10);
                s11 = last.MultiplyAdd(w, x1, s11);
            }

            ref T column1 = ref Unsafe.Add(ref into, intoStride);
            into = Sum(s00);
            Unsafe.Add(ref into, rowStep) = Sum(s10);
            column1 = Sum(s01);
            Unsafe.Add(ref column1, rowStep) = Sum(s11);
        }

        /// <summary>One left row by eight right rows: eight chains in flight (four leave the fused multiply-adds waiting on their latency).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Dot1x8(ref T a, ref T b0, nint bStride, int length, ref T into, nint intoStride, Last last)
        {
            ref T b1 = ref Unsafe.Add(ref b0, bStride);
            ref T b2 = ref Unsafe.Add(ref b1, bStride);
            ref T b3 = ref Unsafe.Add(ref b2, bStride);
            ref T b4 = ref Unsafe.Add(ref b3, bStride);
            ref T b5 = ref Unsafe.Add(ref b4, bStride);
            ref T b6 = ref Unsafe.Add(ref b5, bStride);
            ref T b7 = ref Unsafe.Add(ref b6, bStride);
            Vector512<T> s0 = Vector512.Create(T.NegativeZero);
            Vector512<T> s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
            nint k = 0;
            for (; k + Width <= length; k += Width)
            {
                Vector512<T> w = Vector512.LoadUnsafe(ref a, (nuint)k);
                s0 = MultiplyAdd(w, Vector512.LoadUnsafe(ref b0, (nuint)k), s0);
                s1 = MultiplyAdd(w, Vector512.LoadUnsafe(ref b1, (nuint)k), s1);
                s2 = MultiplyAdd(w, Vector512.LoadUnsafe(ref b2, (nuint)k), s2);
                s3 = MultiplyAdd(w, Vector512.LoadUnsafe(ref b3, (nuint)k), s3);
                s4 = MultiplyAdd(w, Vector512.LoadUnsafe(ref b4, (nuint)k), s4);
                s5 = MultiplyAdd(w, Vector512.LoadUnsafe(ref b5, (nuint)k), s5);
                s6 = MultiplyAdd(w, Vector512.LoadUnsafe(ref b6, (nuint)k), s6);
                s7 = MultiplyAdd(w, Vector512.LoadUnsafe(ref b7, (nuint)k), s7);
            }

            if (last.Count > 0)
            {
                Vector512<T> w = last.Load(ref a, k);
                s0 = last.MultiplyAdd(w, last.Load(ref b0, k), s0);
                s1 = last.MultiplyAdd(w, last.Load(ref b1, k), s1);
                s2 = last.MultiplyAdd(w, last.Load(ref b2, k), s2);
                s3 = last.MultiplyAdd(w, last.Load(ref b3, k), s3);
                s4 = last.MultiplyAdd(w, last.Load(ref b4, k), s4);
                s5 = last.MultiplyAdd(w, last.Load(ref b5, k), s5);
                s6 = last.MultiplyAdd(w, last.Load(ref b6, k), s6);
                s7 = last.MultiplyAdd(w, last.Load(ref b7, k), s7);
            }

            if (Avx512F.IsSupported)
            {
                // The eight sums at once: Sum's additions, transposed as they are added.
                StoreEightSums(ref into, intoStride, s0, s1, s2, s3, s4, s5, s6, s7);
                return;
            }

            into = Sum(s0);
            Unsafe.Add(ref into, intoStride) = Sum(s1);
            Unsafe.Add(ref into, 2 * intoStride) = Sum(s2);
            Unsafe.Add(ref into, 3 * intoStride) = Sum(s3);
            Unsafe.Add(ref into, 4 * intoStride) = Sum(s4);
            Unsafe.Add(ref into, 5 * intoStride) = Sum(s5);
            Unsafe.Add(ref into, 6 * intoStride) = Sum(s6);
            Unsafe.Add(ref into, 7 * intoStride) = Sum(s7);
        }

        /// <summary>
        /// Eight products' sums (<see cref="EightSums"/>: <see cref="Sum"/>'s additions, transposed as they
        /// are added) stored <paramref name="intoStride"/> apart: one vector store when they are contiguous.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreEightSums(ref T into, nint intoStride, Vector512<T> s0, Vector512<T> s1, Vector512<T> s2, Vector512<T> s3, Vector512<T> s4, Vector512<T> s5, Vector512<T> s6, Vector512<T> s7)
        {
            if (typeof(T) == typeof(double))
            {
                Vector512<double> sums = EightSums.Of(s0.AsDouble(), s1.AsDouble(), s2.AsDouble(), s3.AsDouble(), s4.AsDouble(), s5.AsDouble(), s6.AsDouble(), s7.AsDouble());
                if (intoStride == 1)
                {
                    sums.StoreUnsafe(ref Unsafe.As<T, double>(ref into));
                    return;
                }

                for (int c = 0; c < 8; c++)
                {
                    Unsafe.As<T, double>(ref Unsafe.Add(ref into, c * intoStride)) = sums.GetElement(c);
                }

                return;
            }

            Vector256<float> singles = EightSums.Of(s0.AsSingle(), s1.AsSingle(), s2.AsSingle(), s3.AsSingle(), s4.AsSingle(), s5.AsSingle(), s6.AsSingle(), s7.AsSingle());
            if (intoStride == 1)
            {
                singles.StoreUnsafe(ref Unsafe.As<T, float>(ref into));
                return;
            }

            for (int c = 0; c < 8; c++)
            {
                Unsafe.As<T, float>(ref Unsafe.Add(ref into, c * intoStride)) = singles.GetElement(c);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Dot1x4(ref T a, ref T b0, nint bStride, int length, ref T into, nint intoStride, Last last)
        {
            ref T b1 = ref Unsafe.Add(ref b0, bStride);
            ref T b2 = ref Unsafe.Add(ref b1, bStride);
            ref T b3 = ref Unsafe.Add(ref b2, bStride);
            Vector512<T> s0 = Vector512.Create(T.NegativeZero);
            Vector512<T> s1 = s0, s2 = s0, s3 = s0;
            nint k = 0;
            for (; k + Width <= length; k += Width)
            {
                Vector512<T> w = Vector512.LoadUnsafe(ref a, (nuint)k);
                s0 = MultiplyAdd(w, Vector512.LoadUnsafe(ref b0, (nuint)k), s0);
                s1 = MultiplyAdd(w, Vector512.LoadUnsafe(ref b1, (nuint)k), s1);
                s2 = MultiplyAdd(w, Vector512.LoadUnsafe(ref b2, (nuint)k), s2);
                s3 = MultiplyAdd(w, Vector512.LoadUnsafe(ref b3, (nuint)k), s3);
            }

            if (last.Count > 0)
            {
                Vector512<T> w = last.Load(ref a, k);
                s0 = last.MultiplyAdd(w, last.Load(ref b0, k), s0);
                s1 = last.MultiplyAdd(w, last.Load(ref b1, k), s1);
                s2 = last.MultiplyAdd(w, last.Load(ref b2, k), s2);
                s3 = last.MultiplyAdd(w, last.Load(ref b3, k), s3);
            }

            into = Sum(s0);
            Unsafe.Add(ref into, intoStride) = Sum(s1);
            Unsafe.Add(ref into, 2 * intoStride) = Sum(s2);
            Unsafe.Add(ref into, 3 * intoStride) = Sum(s3);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Dot1x1(ref T a, ref T b, int length, ref T into, Last last)
        {
            Vector512<T> s = Vector512.Create(T.NegativeZero);
            nint k = 0;
            for (; k + Width <= length; k += Width)
            {
                s = MultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)k), Vector512.LoadUnsafe(ref b, (nuint)k), s);
            }

            if (last.Count > 0)
            {
                s = last.MultiplyAdd(last.Load(ref a, k), last.Load(ref b, k), s);
            }

            into = Sum(s);
        }

        /// <summary>How <see cref="Last"/> loads a row's last block.</summary>
        private enum LastLoads
        {
            /// <summary>Element by element (machines without AVX).</summary>
            Elements,

            /// <summary>AVX's masked loads, a 256-bit half at a time (the halved blocks, machines without AVX-512).</summary>
            Avx,

            /// <summary>AVX-512's masked loads (the wide blocks).</summary>
            Avx512,
        }

        /// <summary>
        /// The last block of a dot product, its first <see cref="Count"/> lanes (<c>length mod Width</c>; none when zero):
        /// the rows' elements there loaded with the lanes past them zero (masked loads, which never read the masked
        /// elements: AVX-512's, or AVX's a half at a time; element by element without AVX; <see cref="Dot1x4Halves"/> reads
        /// its right rows by plain loads where they lie inside the array, whatever the lanes past the length then hold),
        /// and each fused multiply-add kept only in those lanes, so every other lane keeps its sum, a -0.0 too.
        /// </summary>
        /// <remarks>
        /// Element by element, each element went into the vector through a store and a reload of the whole vector, a
        /// failed store forwarding per element: on an AVX2 machine at logistic (m = 1000, n = 100: a last block of four
        /// elements) <c>Dot1x4</c> spent most of its time there.
        /// </remarks>
        private readonly struct Last
        {
            private readonly Vector512<T> mask;

            private readonly LastLoads loads;

            public Last(int count, LastLoads loads)
            {
                Count = count;
                this.loads = loads;
                mask = Vector512.LessThan(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(count)));
            }

            public int Count { get; }

            /// <summary>All bits set in the first <see cref="Count"/> lanes, none in the others.</summary>
            public Vector512<T> Mask => mask;

            /// <summary>Elements k to k + Count - 1 of the row, zero in the lanes past them. (The rows' arrays are pinned for the masked loads.)</summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public unsafe Vector512<T> Load(ref T row, nint k)
            {
                if (loads == LastLoads.Avx512 && Avx512F.IsSupported)
                {
                    void* address = Unsafe.AsPointer(ref Unsafe.Add(ref row, k));
                    return typeof(T) == typeof(double)
                        ? Avx512F.MaskLoad((double*)address, mask.AsDouble(), Vector512<double>.Zero).As<double, T>()
                        : Avx512F.MaskLoad((float*)address, mask.AsSingle(), Vector512<float>.Zero).As<float, T>();
                }

                if (loads != LastLoads.Elements && Avx.IsSupported)
                {
                    // The upper half's address may lie past the array when its lanes are all masked: a masked load reads nothing there.
                    T* address = (T*)Unsafe.AsPointer(ref Unsafe.Add(ref row, k));
                    int half = Vector256<T>.Count;
                    return typeof(T) == typeof(double)
                        ? Vector512.Create(Avx.MaskLoad((double*)address, mask.GetLower().AsDouble()), Avx.MaskLoad((double*)(address + half), mask.GetUpper().AsDouble())).As<double, T>()
                        : Vector512.Create(Avx.MaskLoad((float*)address, mask.GetLower().AsSingle()), Avx.MaskLoad((float*)(address + half), mask.GetUpper().AsSingle())).As<float, T>();
                }

                Vector512<T> lanes = Vector512<T>.Zero;
                for (int e = 0; e < Count; e++)
                {
                    lanes = lanes.WithElement(e, Unsafe.Add(ref row, k + e));
                }

                return lanes;
            }

            /// <summary><paramref name="left"/> × <paramref name="right"/> + <paramref name="addend"/> in the first Count lanes, the addend elsewhere.</summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public Vector512<T> MultiplyAdd(Vector512<T> left, Vector512<T> right, Vector512<T> addend) =>
                Vector512.ConditionalSelect(mask, TileKernels<T>.MultiplyAdd(left, right, addend), addend);
        }

        /// <summary>
        /// Four destination rows' <paramref name="length"/> elements; with <paramref name="tail"/> above zero (only when
        /// the whole vectors end in one lone vector) also the <paramref name="tail"/> elements after them, as four more
        /// chains beside the lone vector's (each source's vector there must lie inside its array; the lanes past the tail
        /// are never added).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddRows4(ref T into, nint intoStride, ref T factors, nint factorStride, nint rowStep, ref T from, nint fromStride, int sources, int length, int tail)
        {
            ref T into1 = ref Unsafe.Add(ref into, intoStride);
            ref T into2 = ref Unsafe.Add(ref into1, intoStride);
            ref T into3 = ref Unsafe.Add(ref into2, intoStride);
            nint k = 0;

            // Four vectors of four rows: sixteen sums in flight. With eight, each chain's 4-cycle steps over the sources
            // took as long as the FMAs themselves, and the two together ran about 1.4x the FMAs' time.
            for (; k + (4 * Width) <= length; k += 4 * Width)
            {
                AddRows4By4(ref into, intoStride, ref factors, factorStride, rowStep, ref from, fromStride, sources, k);
            }

            for (; k + (2 * Width) <= length; k += 2 * Width)
            {
                AddRows4Pair(ref into, intoStride, ref factors, factorStride, rowStep, ref from, fromStride, sources, k, (int)Width);
            }

            // The lone last vector and the tails of the four rows together: eight independent sums in flight
            // (each element's sum is still over the sources in order).
            if (tail > 0)
            {
                Debug.Assert(k + Width == length, "A tail is folded in only beside one lone vector.");
                AddRows4Pair(ref into, intoStride, ref factors, factorStride, rowStep, ref from, fromStride, sources, k, tail);
                return;
            }

            // The last whole vector of the four rows together: four independent sums in flight instead of one chain per
            // row (each element's sum is still over the sources in order).
            if (k + Width <= length)
            {
                Vector512<T> s0 = Vector512.Create(T.NegativeZero);
                Vector512<T> s1 = s0, s2 = s0, s3 = s0;
                ref T at = ref Unsafe.Add(ref from, k);
                ref T c = ref factors;
                for (int s = 1; ; s++)
                {
                    Vector512<T> x = Vector512.LoadUnsafe(ref at);
                    s0 = MultiplyAdd(Vector512.Create(c), x, s0);
                    s1 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref c, rowStep)), x, s1);
                    s2 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref c, 2 * rowStep)), x, s2);
                    s3 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref c, 3 * rowStep)), x, s3);
                    if (s == sources)
                    {
                        break;
                    }

                    at = ref Unsafe.Add(ref at, fromStride);
                    c = ref Unsafe.Add(ref c, factorStride);
                }

                AddTo(ref into, k, s0);
                AddTo(ref into1, k, s1);
                AddTo(ref into2, k, s2);
                AddTo(ref into3, k, s3);
                k += Width;
            }

            for (; k < length; k++)
            {
                T t0 = T.NegativeZero, t1 = T.NegativeZero, t2 = T.NegativeZero, t3 = T.NegativeZero;
                for (nint s = 0; s < sources; s++)
                {
                    T x = Unsafe.Add(ref from, (s * fromStride) + k);
                    ref T c = ref Unsafe.Add(ref factors, s * factorStride);
                    t0 = T.FusedMultiplyAdd(c, x, t0);
                    t1 = T.FusedMultiplyAdd(Unsafe.Add(ref c, rowStep), x, t1);
                    t2 = T.FusedMultiplyAdd(Unsafe.Add(ref c, 2 * rowStep), x, t2);
                    t3 = T.FusedMultiplyAdd(Unsafe.Add(ref c, 3 * rowStep), x, t3);
                }

                Unsafe.Add(ref into, k) += t0;
                Unsafe.Add(ref into1, k) += t1;
                Unsafe.Add(ref into2, k) += t2;
                Unsafe.Add(ref into3, k) += t3;
            }
        }

        /// <summary>Elements k to k + 4 Width - 1 of four destination rows, <paramref name="intoStride"/> apart: sixteen sums over the sources in order.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddRows4By4(ref T into, nint intoStride, ref T factors, nint factorStride, nint rowStep, ref T from, nint fromStride, int sources, nint k)
        {
            Vector512<T> s00 = Vector512.Create(T.NegativeZero);
            Vector512<T> s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
            Vector512<T> s20 = s00, s21 = s00, s22 = s00, s23 = s00, s30 = s00, s31 = s00, s32 = s00, s33 = s00;

            // The update blocks step their source row and factor references from one source to the next instead of
            // computing them as s * stride: the JIT had kept two multiplies and a reload of a spilled base in each step,
            // and inside the two-layer gradient the update took about 2 µs more of 25 (docs/benchmark-log.md, 2026-12-07
            // evening; stepping integer offsets instead gave nothing back). They step only between sources, never after the last one (a
            // reference past it could point outside the array, which a managed reference must not even when unread),
            // so every block runs with at least one source (AddScaled returns before when there is none). The same
            // loads and multiply-adds in the same order, so the same bits.
            ref T x = ref Unsafe.Add(ref from, k);
            ref T c = ref factors;
            for (int s = 1; ; s++)
            {
                Vector512<T> x0 = Vector512.LoadUnsafe(ref x);
                Vector512<T> x1 = Vector512.LoadUnsafe(ref x, (nuint)Width);
                Vector512<T> x2 = Vector512.LoadUnsafe(ref x, (nuint)(2 * Width));
                Vector512<T> x3 = Vector512.LoadUnsafe(ref x, (nuint)(3 * Width));
                Vector512<T> f = Vector512.Create(c);
                s00 = MultiplyAdd(f, x0, s00);
                s01 = MultiplyAdd(f, x1, s01);
                s02 = MultiplyAdd(f, x2, s02);
                s03 = MultiplyAdd(f, x3, s03);
                f = Vector512.Create(Unsafe.Add(ref c, rowStep));
                s10 = MultiplyAdd(f, x0, s10);
                s11 = MultiplyAdd(f, x1, s11);
                s12 = MultiplyAdd(f, x2, s12);
                s13 = MultiplyAdd(f, x3, s13);
                f = Vector512.Create(Unsafe.Add(ref c, 2 * rowStep));
                s20 = MultiplyAdd(f, x0, s20);
                s21 = MultiplyAdd(f, x1, s21);
                s22 = MultiplyAdd(f, x2, s22);
                s23 = MultiplyAdd(f, x3, s23);
                f = Vector512.Create(Unsafe.Add(ref c, 3 * rowStep));
                s30 = MultiplyAdd(f, x0, s30);
                s31 = MultiplyAdd(f, x1, s31);
                s32 = MultiplyAdd(f, x2, s32);
                s33 = MultiplyAdd(f, x3, s33);
                if (s == sources)
                {
                    break;
                }

                x = ref Unsafe.Add(ref x, fromStride);
                c = ref Unsafe.Add(ref c, factorStride);
            }

            ref T into1 = ref Unsafe.Add(ref into, intoStride);
            ref T into2 = ref Unsafe.Add(ref into1, intoStride);
            ref T into3 = ref Unsafe.Add(ref into2, intoStride);
            AddTo(ref into, k, s00);
            AddTo(ref into, k + Width, s01);
            AddTo(ref into, k + (2 * Width), s02);
            AddTo(ref into, k + (3 * Width), s03);
            AddTo(ref into1, k, s10);
            AddTo(ref into1, k + Width, s11);
            AddTo(ref into1, k + (2 * Width), s12);
            AddTo(ref into1, k + (3 * Width), s13);
            AddTo(ref into2, k, s20);
            AddTo(ref into2, k + Width, s21);
            AddTo(ref into2, k + (2 * Width), s22);
            AddTo(ref into2, k + (3 * Width), s23);
            AddTo(ref into3, k, s30);
            AddTo(ref into3, k + Width, s31);
            AddTo(ref into3, k + (2 * Width), s32);
            AddTo(ref into3, k + (3 * Width), s33);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddRows2(ref T into, nint intoStride, ref T factors, nint factorStride, nint rowStep, ref T from, nint fromStride, int sources, int length)
        {
            ref T into1 = ref Unsafe.Add(ref into, intoStride);

            // The pairs of whole vectors in 256-bit halves (these blocks are the ones of machines without AVX-512).
            nint k = AddRows2PairsHalves(ref into, intoStride, ref factors, factorStride, rowStep, ref from, fromStride, sources, length);

            // The last whole vector of both rows together, as AddRows4 does for four.
            if (k + Width <= length)
            {
                Vector512<T> s0 = Vector512.Create(T.NegativeZero);
                Vector512<T> s1 = s0;
                ref T at = ref Unsafe.Add(ref from, k);
                ref T c = ref factors;
                for (int s = 1; ; s++)
                {
                    Vector512<T> x = Vector512.LoadUnsafe(ref at);
                    s0 = MultiplyAdd(Vector512.Create(c), x, s0);
                    s1 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref c, rowStep)), x, s1);
                    if (s == sources)
                    {
                        break;
                    }

                    at = ref Unsafe.Add(ref at, fromStride);
                    c = ref Unsafe.Add(ref c, factorStride);
                }

                AddTo(ref into, k, s0);
                AddTo(ref into1, k, s1);
                k += Width;
            }

            for (; k < length; k++)
            {
                T t0 = T.NegativeZero, t1 = T.NegativeZero;
                for (nint s = 0; s < sources; s++)
                {
                    T x = Unsafe.Add(ref from, (s * fromStride) + k);
                    ref T c = ref Unsafe.Add(ref factors, s * factorStride);
                    t0 = T.FusedMultiplyAdd(c, x, t0);
                    t1 = T.FusedMultiplyAdd(Unsafe.Add(ref c, rowStep), x, t1);
                }

                Unsafe.Add(ref into, k) += t0;
                Unsafe.Add(ref into1, k) += t1;
            }
        }

        /// <summary>
        /// Four destination rows' vector at <paramref name="k"/> and the <paramref name="count"/> elements after it (a
        /// whole vector, or a tail whose source vectors lie inside their arrays), eight chains over the sources; each row's
        /// two parts are added before the next row's.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddRows4Pair(ref T into, nint intoStride, ref T factors, nint factorStride, nint rowStep, ref T from, nint fromStride, int sources, nint k, int count)
        {
            Vector512<T> s00 = Vector512.Create(T.NegativeZero);
            Vector512<T> s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
            ref T x = ref Unsafe.Add(ref from, k);
            ref T c = ref factors;
            for (int s = 1; ; s++)
            {
                Vector512<T> x0 = Vector512.LoadUnsafe(ref x);
                Vector512<T> x1 = Vector512.LoadUnsafe(ref x, (nuint)Width);
                Vector512<T> f = Vector512.Create(c);
                s00 = MultiplyAdd(f, x0, s00);
                s01 = MultiplyAdd(f, x1, s01);
                f = Vector512.Create(Unsafe.Add(ref c, rowStep));
                s10 = MultiplyAdd(f, x0, s10);
                s11 = MultiplyAdd(f, x1, s11);
                f = Vector512.Create(Unsafe.Add(ref c, 2 * rowStep));
                s20 = MultiplyAdd(f, x0, s20);
                s21 = MultiplyAdd(f, x1, s21);
                f = Vector512.Create(Unsafe.Add(ref c, 3 * rowStep));
                s30 = MultiplyAdd(f, x0, s30);
                s31 = MultiplyAdd(f, x1, s31);
                if (s == sources)
                {
                    break;
                }

                x = ref Unsafe.Add(ref x, fromStride);
                c = ref Unsafe.Add(ref c, factorStride);
            }

            AddPair(ref into, k, s00, s01, count);
            AddPair(ref Unsafe.Add(ref into, intoStride), k, s10, s11, count);
            AddPair(ref Unsafe.Add(ref into, 2 * intoStride), k, s20, s21, count);
            AddPair(ref Unsafe.Add(ref into, 3 * intoStride), k, s30, s31, count);
        }

        /// <summary>A row's sums at <paramref name="k"/>: a whole vector, then a whole vector or the first <paramref name="count"/> lanes after it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddPair(ref T row, nint k, Vector512<T> first, Vector512<T> second, int count)
        {
            AddTo(ref row, k, first);
            if (count == (int)Width)
            {
                AddTo(ref row, k + Width, second);
                return;
            }

            AddLanes(ref Unsafe.Add(ref row, k + Width), second, count);
        }

        /// <summary>The most destination rows <see cref="AddRowsLone"/> takes: two sums each, twenty-four with the source's two vectors and a factor in the 32 registers.</summary>
        private const int LoneVectorRows = 12;

        /// <summary>
        /// Five to <see cref="LoneVectorRows"/> destination rows whose whole vectors are one lone vector with
        /// <paramref name="tail"/> elements after it (softmax regression's k = 10 rows of n = 10 in <c>double</c>: 8 + 2), all
        /// in one pass over the sources: each source's two vectors (the second must lie inside its array) are loaded once
        /// for every row, and up to twenty-four sums are in flight. In blocks of four rows (<see cref="AddRows4"/>) the ten
        /// rows read the sources three times, each pass's eight chains waiting on the multiply-adds' latency: 0.475 against
        /// 0.396 µs for the four tiles of m = 100 (Zen 5; a kernel for exactly ten rows, without the rows' branches, took
        /// 0.31). Each element's sum is still over the sources in order from -0.0, added to the destination once: the same
        /// bits.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddRowsLone(ref T into, nint intoStride, ref T factors, nint factorStride, nint rowStep, ref T from, nint fromStride, int sources, int tail, int rows)
        {
            Debug.Assert(rows >= 5 && rows <= LoneVectorRows, "Five to twelve rows.");
            Vector512<T> a0 = Vector512.Create(T.NegativeZero);
            Vector512<T> a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0, b4 = a0, b5 = a0, b6 = a0, b7 = a0, b8 = a0, b9 = a0, b10 = a0, b11 = a0;
            ref T x = ref from;
            ref T c = ref factors;
            for (int s = 1; ; s++)
            {
                Vector512<T> x0 = Vector512.LoadUnsafe(ref x);
                Vector512<T> x1 = Vector512.LoadUnsafe(ref x, (nuint)Width);
                Vector512<T> f = Vector512.Create(c);
                a0 = MultiplyAdd(f, x0, a0);
                b0 = MultiplyAdd(f, x1, b0);
                f = Vector512.Create(Unsafe.Add(ref c, 1 * rowStep));
                a1 = MultiplyAdd(f, x0, a1);
                b1 = MultiplyAdd(f, x1, b1);
                f = Vector512.Create(Unsafe.Add(ref c, 2 * rowStep));
                a2 = MultiplyAdd(f, x0, a2);
                b2 = MultiplyAdd(f, x1, b2);
                f = Vector512.Create(Unsafe.Add(ref c, 3 * rowStep));
                a3 = MultiplyAdd(f, x0, a3);
                b3 = MultiplyAdd(f, x1, b3);
                f = Vector512.Create(Unsafe.Add(ref c, 4 * rowStep));
                a4 = MultiplyAdd(f, x0, a4);
                b4 = MultiplyAdd(f, x1, b4);
                if (rows > 5)
                {
                    f = Vector512.Create(Unsafe.Add(ref c, 5 * rowStep));
                    a5 = MultiplyAdd(f, x0, a5);
                    b5 = MultiplyAdd(f, x1, b5);
                }

                if (rows > 6)
                {
                    f = Vector512.Create(Unsafe.Add(ref c, 6 * rowStep));
                    a6 = MultiplyAdd(f, x0, a6);
                    b6 = MultiplyAdd(f, x1, b6);
                }

                if (rows > 7)
                {
                    f = Vector512.Create(Unsafe.Add(ref c, 7 * rowStep));
                    a7 = MultiplyAdd(f, x0, a7);
                    b7 = MultiplyAdd(f, x1, b7);
                }

                if (rows > 8)
                {
                    f = Vector512.Create(Unsafe.Add(ref c, 8 * rowStep));
                    a8 = MultiplyAdd(f, x0, a8);
                    b8 = MultiplyAdd(f, x1, b8);
                }

                if (rows > 9)
                {
                    f = Vector512.Create(Unsafe.Add(ref c, 9 * rowStep));
                    a9 = MultiplyAdd(f, x0, a9);
                    b9 = MultiplyAdd(f, x1, b9);
                }

                if (rows > 10)
                {
                    f = Vector512.Create(Unsafe.Add(ref c, 10 * rowStep));
                    a10 = MultiplyAdd(f, x0, a10);
                    b10 = MultiplyAdd(f, x1, b10);
                }

                if (rows > 11)
                {
                    f = Vector512.Create(Unsafe.Add(ref c, 11 * rowStep));
                    a11 = MultiplyAdd(f, x0, a11);
                    b11 = MultiplyAdd(f, x1, b11);
                }

                if (s == sources)
                {
                    break;
                }

                x = ref Unsafe.Add(ref x, fromStride);
                c = ref Unsafe.Add(ref c, factorStride);
            }

            AddPair(ref Unsafe.Add(ref into, 0 * intoStride), 0, a0, b0, tail);
            AddPair(ref Unsafe.Add(ref into, 1 * intoStride), 0, a1, b1, tail);
            AddPair(ref Unsafe.Add(ref into, 2 * intoStride), 0, a2, b2, tail);
            AddPair(ref Unsafe.Add(ref into, 3 * intoStride), 0, a3, b3, tail);
            AddPair(ref Unsafe.Add(ref into, 4 * intoStride), 0, a4, b4, tail);
            if (rows > 5)
            {
                AddPair(ref Unsafe.Add(ref into, 5 * intoStride), 0, a5, b5, tail);
            }

            if (rows > 6)
            {
                AddPair(ref Unsafe.Add(ref into, 6 * intoStride), 0, a6, b6, tail);
            }

            if (rows > 7)
            {
                AddPair(ref Unsafe.Add(ref into, 7 * intoStride), 0, a7, b7, tail);
            }

            if (rows > 8)
            {
                AddPair(ref Unsafe.Add(ref into, 8 * intoStride), 0, a8, b8, tail);
            }

            if (rows > 9)
            {
                AddPair(ref Unsafe.Add(ref into, 9 * intoStride), 0, a9, b9, tail);
            }

            if (rows > 10)
            {
                AddPair(ref Unsafe.Add(ref into, 10 * intoStride), 0, a10, b10, tail);
            }

            if (rows > 11)
            {
                AddPair(ref Unsafe.Add(ref into, 11 * intoStride), 0, a11, b11, tail);
            }
        }

        /// <summary>
        /// The last two destination rows of the wide blocks: four vectors each, eight sums in flight, each source vector
        /// loaded once for both rows. With <paramref name="tail"/> above zero (only when the whole vectors end in one lone
        /// vector) the rest goes two vectors at a time, then the lone vector and the <paramref name="tail"/> elements after
        /// it side by side, four chains (each source's vector there must lie inside its array).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddRows2Long(ref T into, nint intoStride, ref T factors, nint factorStride, nint rowStep, ref T from, nint fromStride, int sources, int length, int tail)
        {
            ref T into1 = ref Unsafe.Add(ref into, intoStride);
            nint k = 0;
            for (; k + (4 * Width) <= length; k += 4 * Width)
            {
                Vector512<T> s00 = Vector512.Create(T.NegativeZero);
                Vector512<T> s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
                ref T x = ref Unsafe.Add(ref from, k);
                ref T c = ref factors;
                for (int s = 1; ; s++)
                {
                    Vector512<T> f0 = Vector512.Create(c);
                    Vector512<T> f1 = Vector512.Create(Unsafe.Add(ref c, rowStep));
                    Vector512<T> x0 = Vector512.LoadUnsafe(ref x);
                    s00 = MultiplyAdd(f0, x0, s00);
                    s10 = MultiplyAdd(f1, x0, s10);
                    x0 = Vector512.LoadUnsafe(ref x, (nuint)Width);
                    s01 = MultiplyAdd(f0, x0, s01);
                    s11 = MultiplyAdd(f1, x0, s11);
                    x0 = Vector512.LoadUnsafe(ref x, (nuint)(2 * Width));
                    s02 = MultiplyAdd(f0, x0, s02);
                    s12 = MultiplyAdd(f1, x0, s12);
                    x0 = Vector512.LoadUnsafe(ref x, (nuint)(3 * Width));
                    s03 = MultiplyAdd(f0, x0, s03);
                    s13 = MultiplyAdd(f1, x0, s13);
                    if (s == sources)
                    {
                        break;
                    }

                    x = ref Unsafe.Add(ref x, fromStride);
                    c = ref Unsafe.Add(ref c, factorStride);
                }

                AddTo(ref into, k, s00);
                AddTo(ref into, k + Width, s01);
                AddTo(ref into, k + (2 * Width), s02);
                AddTo(ref into, k + (3 * Width), s03);
                AddTo(ref into1, k, s10);
                AddTo(ref into1, k + Width, s11);
                AddTo(ref into1, k + (2 * Width), s12);
                AddTo(ref into1, k + (3 * Width), s13);
            }

            if (tail > 0)
            {
                // What is left is one vector or three: two at a time, then the lone one beside the tail.
                for (; k + Width < length; k += 2 * Width)
                {
                    AddRows2Pair(ref into, intoStride, ref factors, factorStride, rowStep, ref from, fromStride, sources, k, (int)Width);
                }

                Debug.Assert(k + Width == length, "A tail is folded in only beside one lone vector.");
                AddRows2Pair(ref into, intoStride, ref factors, factorStride, rowStep, ref from, fromStride, sources, k, tail);
                return;
            }

            AddRowFrom(ref into, ref factors, factorStride, ref from, fromStride, sources, k, length);
            AddRowFrom(ref into1, ref Unsafe.Add(ref factors, rowStep), factorStride, ref from, fromStride, sources, k, length);
        }

        /// <summary>
        /// Two destination rows' vector at <paramref name="k"/> and the <paramref name="count"/> elements after it (a
        /// whole vector, or a tail whose source vectors lie inside their arrays), four chains over the sources.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddRows2Pair(ref T into, nint intoStride, ref T factors, nint factorStride, nint rowStep, ref T from, nint fromStride, int sources, nint k, int count)
        {
            ref T into1 = ref Unsafe.Add(ref into, intoStride);
            Vector512<T> s00 = Vector512.Create(T.NegativeZero);
            Vector512<T> s01 = s00, s10 = s00, s11 = s00;
            ref T x = ref Unsafe.Add(ref from, k);
            ref T c = ref factors;
            for (int s = 1; ; s++)
            {
                Vector512<T> x0 = Vector512.LoadUnsafe(ref x);
                Vector512<T> x1 = Vector512.LoadUnsafe(ref x, (nuint)Width);
                Vector512<T> f0 = Vector512.Create(c);
                Vector512<T> f1 = Vector512.Create(Unsafe.Add(ref c, rowStep));
                s00 = MultiplyAdd(f0, x0, s00);
                s01 = MultiplyAdd(f0, x1, s01);
                s10 = MultiplyAdd(f1, x0, s10);
                s11 = MultiplyAdd(f1, x1, s11);
                if (s == sources)
                {
                    break;
                }

                x = ref Unsafe.Add(ref x, fromStride);
                c = ref Unsafe.Add(ref c, factorStride);
            }

            AddPair(ref into, k, s00, s01, count);
            AddPair(ref into1, k, s10, s11, count);
        }

        /// <summary>
        /// One destination row's whole vectors (<paramref name="length"/> elements), eight vectors at a time; with
        /// <paramref name="wideBlocks"/> the vectors after the last block of eight (up to seven) then take one more pass
        /// over the sources, eight chains side by side (<see cref="AddRowRest"/>), else four at a time, the last five or six
        /// (or four with a tail of at most half a vector) in one pass (<see cref="AddRowLast"/>). With <paramref name="tail"/> above zero also the <paramref name="tail"/>
        /// elements after them (each source's vector there must lie inside its array; the lanes past the tail are never
        /// added): a further chain of the first pass with <paramref name="wideBlocks"/>, else of the last four to six
        /// vectors' pass when it is at most half a vector, else a pass of its own. Every element's sum runs over the sources in order, from -0.0, as in
        /// <see cref="AddTails"/>: a chain of fused multiply-adds as long as the tile, so a pass with fewer chains than the
        /// multiply-adds in flight waits on their latency (logistic regression's n = 100 in <c>float</c> was a pass of four
        /// whole vectors and the tail, then two passes of one vector).
        /// </summary>
        /// <remarks>
        /// Compiled fully optimised at once, not inlined (the JIT did not inline it anyway: it ran tiered, its code shaped
        /// by the first workload of a process): after logistic regression's n = 10 in <c>float</c>, where only the tail
        /// runs, the gradient at n = 100 took 35.9 µs instead of 31.9 in one process on an AVX2 machine, which is how
        /// BenchmarkDotNet's in-process suite runs it.
        /// </remarks>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static void AddRow1(ref T into, ref T factors, nint factorStride, ref T from, nint fromStride, int sources, int length, int tail, bool wideBlocks)
        {
            nint k = 0;
            bool pending = tail > 0;
            for (; wideBlocks && k + (8 * Width) <= length; k += 8 * Width)
            {
                Vector512<T> s0 = Vector512.Create(T.NegativeZero);
                Vector512<T> s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0, t = s0;
                ref T row = ref from;
                ref T c = ref factors;
                for (int s = 1; ; s++)
                {
                    ref T x = ref Unsafe.Add(ref row, k);
                    Vector512<T> f = Vector512.Create(c);
                    s0 = MultiplyAdd(f, Vector512.LoadUnsafe(ref x), s0);
                    s1 = MultiplyAdd(f, Vector512.LoadUnsafe(ref x, (nuint)Width), s1);
                    s2 = MultiplyAdd(f, Vector512.LoadUnsafe(ref x, (nuint)(2 * Width)), s2);
                    s3 = MultiplyAdd(f, Vector512.LoadUnsafe(ref x, (nuint)(3 * Width)), s3);
                    s4 = MultiplyAdd(f, Vector512.LoadUnsafe(ref x, (nuint)(4 * Width)), s4);
                    s5 = MultiplyAdd(f, Vector512.LoadUnsafe(ref x, (nuint)(5 * Width)), s5);
                    s6 = MultiplyAdd(f, Vector512.LoadUnsafe(ref x, (nuint)(6 * Width)), s6);
                    s7 = MultiplyAdd(f, Vector512.LoadUnsafe(ref x, (nuint)(7 * Width)), s7);
                    if (pending)
                    {
                        t = MultiplyAdd(f, Vector512.LoadUnsafe(ref row, (nuint)length), t);
                    }

                    if (s == sources)
                    {
                        break;
                    }

                    row = ref Unsafe.Add(ref row, fromStride);
                    c = ref Unsafe.Add(ref c, factorStride);
                }

                AddTo(ref into, k, s0);
                AddTo(ref into, k + Width, s1);
                AddTo(ref into, k + (2 * Width), s2);
                AddTo(ref into, k + (3 * Width), s3);
                AddTo(ref into, k + (4 * Width), s4);
                AddTo(ref into, k + (5 * Width), s5);
                AddTo(ref into, k + (6 * Width), s6);
                AddTo(ref into, k + (7 * Width), s7);
                if (pending)
                {
                    AddLanes(ref Unsafe.Add(ref into, length), t, tail);
                    pending = false;
                }
            }

            if (wideBlocks)
            {
                int rest = (int)((length - k) / Width);
                if (rest > 0 || pending)
                {
                    AddRowRest(ref into, ref factors, factorStride, ref from, fromStride, sources, k, rest, pending ? length : -1, tail);
                    k += rest * Width;
                    pending = false;
                }
            }

            for (; k + (4 * Width) <= length; k += 4 * Width)
            {
                int left = (int)((length - k) / Width);
                bool withTail = pending && tail <= Width / 2;
                if ((left >= 5 && left < 7) || (left == 4 && withTail))
                {
                    // The row's last five or six vectors in one pass, not four and then one or two alone, with a tail of at
                    // most half a vector as one more chain; so the last four with such a tail, which alone took a pass of
                    // one chain (see AddRowLast).
                    AddRowLast(ref into, ref factors, factorStride, ref from, fromStride, sources, k, left, withTail ? tail : 0, length);
                    pending &= !withTail;
                    k += left * Width;
                    break;
                }

                Vector512<T> s0 = Vector512.Create(T.NegativeZero);
                Vector512<T> s1 = s0, s2 = s0, s3 = s0;
                ref T x = ref Unsafe.Add(ref from, k);
                ref T c = ref factors;
                for (int s = 1; ; s++)
                {
                    Vector512<T> f = Vector512.Create(c);
                    s0 = MultiplyAdd(f, Vector512.LoadUnsafe(ref x), s0);
                    s1 = MultiplyAdd(f, Vector512.LoadUnsafe(ref x, (nuint)Width), s1);
                    s2 = MultiplyAdd(f, Vector512.LoadUnsafe(ref x, (nuint)(2 * Width)), s2);
                    s3 = MultiplyAdd(f, Vector512.LoadUnsafe(ref x, (nuint)(3 * Width)), s3);
                    if (s == sources)
                    {
                        break;
                    }

                    x = ref Unsafe.Add(ref x, fromStride);
                    c = ref Unsafe.Add(ref c, factorStride);
                }

                AddTo(ref into, k, s0);
                AddTo(ref into, k + Width, s1);
                AddTo(ref into, k + (2 * Width), s2);
                AddTo(ref into, k + (3 * Width), s3);
            }

            AddRowFrom(ref into, ref factors, factorStride, ref from, fromStride, sources, k, length);
            if (pending)
            {
                // The narrow blocks' tail (machines without AVX-512): each source's whole vector there lies inside the array.
                AddLanes(ref Unsafe.Add(ref into, length), Chain(ref factors, factorStride, ref from, fromStride, sources, length), tail);
            }
        }

        /// <summary>
        /// One destination row's <paramref name="rest"/> whole vectors from <paramref name="k"/> (at most seven) and,
        /// when <paramref name="tailAt"/> is not negative, its <paramref name="tail"/> elements from there, in one pass
        /// over the sources: up to eight chains side by side, so the pass waits on one chain's latency however many vectors
        /// are left.
        /// </summary>
        /// <remarks>
        /// Compiled fully optimised at once, as the drivers: tiered, its code followed the first workload of a process
        /// (after a thousand calls of logistic regression's n = 10, where only the tail's chain runs, the float logistic
        /// gradient at n = 100 ran 1.34x to 1.42x the blocked gradient's time instead of 1.15x to 1.17x).
        /// </remarks>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static void AddRowRest(ref T into, ref T factors, nint factorStride, ref T from, nint fromStride, int sources, nint k, int rest, nint tailAt, int tail)
        {
            Debug.Assert(rest < 8 && (rest > 0 || tailAt >= 0), "At most seven vectors are left after the blocks of eight, and a pass has something to add.");

            // Chain c reads at offset c: the rest's vectors, then the tail. A chain past them is skipped (a branch taken
            // the same way every step costs less than the load and multiply-add it saves).
            int used = rest + (tailAt >= 0 ? 1 : 0);
            nint o0 = Offset(0, k, rest, tailAt), o1 = Offset(1, k, rest, tailAt), o2 = Offset(2, k, rest, tailAt), o3 = Offset(3, k, rest, tailAt);
            nint o4 = Offset(4, k, rest, tailAt), o5 = Offset(5, k, rest, tailAt), o6 = Offset(6, k, rest, tailAt), o7 = Offset(7, k, rest, tailAt);
            Vector512<T> s0 = Vector512.Create(T.NegativeZero);
            Vector512<T> s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
            ref T row = ref from;
            ref T c = ref factors;
            for (int s = 1; ; s++)
            {
                Vector512<T> f = Vector512.Create(c);
                s0 = MultiplyAdd(f, Vector512.LoadUnsafe(ref row, (nuint)o0), s0);
                if (used > 1)
                {
                    s1 = MultiplyAdd(f, Vector512.LoadUnsafe(ref row, (nuint)o1), s1);
                }

                if (used > 2)
                {
                    s2 = MultiplyAdd(f, Vector512.LoadUnsafe(ref row, (nuint)o2), s2);
                }

                if (used > 3)
                {
                    s3 = MultiplyAdd(f, Vector512.LoadUnsafe(ref row, (nuint)o3), s3);
                }

                if (used > 4)
                {
                    s4 = MultiplyAdd(f, Vector512.LoadUnsafe(ref row, (nuint)o4), s4);
                }

                if (used > 5)
                {
                    s5 = MultiplyAdd(f, Vector512.LoadUnsafe(ref row, (nuint)o5), s5);
                }

                if (used > 6)
                {
                    s6 = MultiplyAdd(f, Vector512.LoadUnsafe(ref row, (nuint)o6), s6);
                }

                if (used > 7)
                {
                    s7 = MultiplyAdd(f, Vector512.LoadUnsafe(ref row, (nuint)o7), s7);
                }

                if (s == sources)
                {
                    break;
                }

                row = ref Unsafe.Add(ref row, fromStride);
                c = ref Unsafe.Add(ref c, factorStride);
            }

            AddChain(ref into, k, 0, rest, tailAt, tail, s0);
            AddChain(ref into, k, 1, rest, tailAt, tail, s1);
            AddChain(ref into, k, 2, rest, tailAt, tail, s2);
            AddChain(ref into, k, 3, rest, tailAt, tail, s3);
            AddChain(ref into, k, 4, rest, tailAt, tail, s4);
            AddChain(ref into, k, 5, rest, tailAt, tail, s5);
            AddChain(ref into, k, 6, rest, tailAt, tail, s6);
            AddChain(ref into, k, 7, rest, tailAt, tail, s7);
        }

        /// <summary>Chain <paramref name="chain"/>'s sums of <see cref="AddRowRest"/> added where it read: a vector of the rest, the tail's lanes, or nowhere.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddChain(ref T into, nint k, int chain, int rest, nint tailAt, int tail, Vector512<T> sums)
        {
            if (chain < rest)
            {
                AddTo(ref into, k + (chain * Width), sums);
            }
            else if (chain == rest && tailAt >= 0)
            {
                AddLanes(ref Unsafe.Add(ref into, tailAt), sums, tail);
            }
        }

        /// <summary>Where chain <paramref name="chain"/> of <see cref="AddRowRest"/> reads: its vector of the rest, or the tail after them (a skipped chain's offset is never read).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static nint Offset(int chain, nint k, int rest, nint tailAt) =>
            chain < rest ? k + (chain * Width) : tailAt;

        /// <summary>
        /// Elements <paramref name="k"/> on of the row, four to six <paramref name="vectors"/>, in one pass over the
        /// sources: the narrow blocks' last ones (machines without AVX-512). A pass of four and then the last one or two
        /// alone left one chain per 256-bit half in the alone ones, each fused multiply-add waiting for the one before
        /// (logistic regression's n = 100 in <c>float</c>: 64 elements, then 16 and 16 alone, which took half of the
        /// update's time); five or six vectors are ten or twelve chains, still in the sixteen registers. Each element's
        /// chain is the same, so are the bits. A <paramref name="tail"/> of at most half a vector from <paramref name="tailAt"/>
        /// (its sources' vectors inside the array), or 0, is one more chain in the first 256-bit half: n = 100's last four
        /// (beside six vectors in <c>float</c>, four in <c>double</c>, where the tail's pass of one chain alone was about a
        /// tenth of the update).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddRowLast(ref T into, ref T factors, nint factorStride, ref T from, nint fromStride, int sources, nint k, int vectors, int tail, nint tailAt)
        {
            Vector512<T> s0 = Vector512.Create(T.NegativeZero);
            Vector512<T> s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0;
            Vector256<T> t = Vector256.Create(T.NegativeZero);
            ref T row = ref from;
            ref T c = ref factors;
            for (int s = 1; ; s++)
            {
                ref T x = ref Unsafe.Add(ref row, k);
                Vector512<T> f = Vector512.Create(c);
                if (tail > 0)
                {
                    t = MultiplyAdd(f.GetLower(), Vector256.LoadUnsafe(ref row, (nuint)tailAt), t);
                }

                s0 = MultiplyAdd(f, Vector512.LoadUnsafe(ref x), s0);
                s1 = MultiplyAdd(f, Vector512.LoadUnsafe(ref x, (nuint)Width), s1);
                s2 = MultiplyAdd(f, Vector512.LoadUnsafe(ref x, (nuint)(2 * Width)), s2);
                s3 = MultiplyAdd(f, Vector512.LoadUnsafe(ref x, (nuint)(3 * Width)), s3);
                if (vectors > 4)
                {
                    s4 = MultiplyAdd(f, Vector512.LoadUnsafe(ref x, (nuint)(4 * Width)), s4);
                }

                if (vectors > 5)
                {
                    s5 = MultiplyAdd(f, Vector512.LoadUnsafe(ref x, (nuint)(5 * Width)), s5);
                }

                if (s == sources)
                {
                    break;
                }

                row = ref Unsafe.Add(ref row, fromStride);
                c = ref Unsafe.Add(ref c, factorStride);
            }

            AddTo(ref into, k, s0);
            AddTo(ref into, k + Width, s1);
            AddTo(ref into, k + (2 * Width), s2);
            AddTo(ref into, k + (3 * Width), s3);
            if (vectors > 4)
            {
                AddTo(ref into, k + (4 * Width), s4);
            }

            if (vectors > 5)
            {
                AddTo(ref into, k + (5 * Width), s5);
            }

            if (tail > 0)
            {
                AddLanes(ref Unsafe.Add(ref into, tailAt), t, tail);
            }
        }

        /// <summary>One destination row from element <paramref name="k"/> on: whole vectors, then element by element, each element's sum in source order.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddRowFrom(ref T into, ref T factors, nint factorStride, ref T from, nint fromStride, int sources, nint k, int length)
        {
            for (; k + Width <= length; k += Width)
            {
                AddTo(ref into, k, Chain(ref factors, factorStride, ref from, fromStride, sources, k));
            }

            for (; k < length; k++)
            {
                T sum = T.NegativeZero;
                for (nint s = 0; s < sources; s++)
                {
                    sum = T.FusedMultiplyAdd(Unsafe.Add(ref factors, s * factorStride), Unsafe.Add(ref from, (s * fromStride) + k), sum);
                }

                Unsafe.Add(ref into, k) += sum;
            }
        }

        /// <summary>One vector's chain over the sources in order, from -0.0: the sum of factor s times element <paramref name="k"/> on of source s.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<T> Chain(ref T factors, nint factorStride, ref T from, nint fromStride, int sources, nint k)
        {
            Vector512<T> sum = Vector512.Create(T.NegativeZero);
            ref T x = ref Unsafe.Add(ref from, k);
            ref T c = ref factors;
            for (int s = 1; ; s++)
            {
                sum = MultiplyAdd(Vector512.Create(c), Vector512.LoadUnsafe(ref x), sum);
                if (s == sources)
                {
                    break;
                }

                x = ref Unsafe.Add(ref x, fromStride);
                c = ref Unsafe.Add(ref c, factorStride);
            }

            return sum;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddTo(ref T into, nint k, Vector512<T> sum) => (Vector512.LoadUnsafe(ref into, (nuint)k) + sum).StoreUnsafe(ref into, (nuint)k);

        /// <summary><paramref name="left"/> × <paramref name="right"/> + <paramref name="addend"/>, rounded once per lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Vector512<T> MultiplyAdd(Vector512<T> left, Vector512<T> right, Vector512<T> addend)
        {
            if (typeof(T) == typeof(double))
            {
                return Vector512.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
            }

            return Vector512.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        /// <summary>The lanes summed by halving (<see cref="Lanes.HalvingSum{T}(Vector512{T})"/>): each lane plus the lane half a vector on, until one is left.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static T Sum(Vector512<T> lanes) => Lanes.HalvingSum(lanes);
    }
}
