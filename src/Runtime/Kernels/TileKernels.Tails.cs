using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad
{
    /// <summary>
    /// The last <c>length mod Width</c> elements of an update tile's destination rows (<see cref="AddTails"/>): every
    /// destination row's last elements are one vector, a chain of fused multiply-adds over the tile's sources in order.
    /// With AVX-512 the rows go in passes of up to sixteen chains (<see cref="WidePasses"/>; the 32 registers hold
    /// them), each pass compiled for its exact number of chains (<see cref="ITailRows"/>): a chain
    /// waits four cycles on each step, so a pass of a few rows is as slow as a pass of eight, and softmax regression's
    /// ten classes went as a pass of eight and a pass of two; as one pass of ten they cost the time of ten fused
    /// multiply-adds a source. Without AVX-512 a tail of at most half a vector goes in 256-bit chains, twelve a pass
    /// (<see cref="NarrowPasses"/>), a longer one in two 256-bit chains a row, six rows a pass
    /// (<see cref="NarrowLongPasses"/>). One dispatcher (<see cref="RunPasses{TPasses}"/>) cuts the rows into passes
    /// for each form. Each row's sum keeps its order (sources in order from -0.0): the bits do not depend on the passes.
    /// </summary>
    internal static partial class TileKernels<T>
    {
        /// <summary>
        /// The elements of the table <see cref="AddTails"/> builds on the stack: at most
        /// Width - 1 last elements of at most <see cref="Kernels.LongTileSize"/> rows, laid out Width apart
        /// (sixteen <c>float</c> lanes: 16 x 64 elements, 4 KB; 8 KB in <c>double</c>).
        /// </summary>
        private const int TailTable = 16 * Kernels.LongTileSize;

        /// <summary>
        /// Elements <paramref name="first"/> to <paramref name="length"/> of every destination row, after the whole vectors:
        /// the sources' last elements are copied into a table, one vector per source (element e of source s at
        /// <c>s * Width + e</c>), so each destination row's last elements are one vector whose lanes sum over the sources
        /// in order, fused from -0.0, as the element-by-element loop does; each lane is then added to its element.
        /// At most <see cref="Kernels.LongTileSize"/> sources (a long tile's; a transposed tile has at most <see cref="Kernels.TileSize"/>).
        /// </summary>
        [SkipLocalsInit]
        private static void AddTails(ref T into, nint intoStride, int destinationCount, ref T factors, nint rowStep, nint factorStride, ref T from, nint fromStride, int sources, nint first, int length, long available)
        {
            Span<T> table = stackalloc T[TailTable];
            ref T tails = ref MemoryMarshal.GetReference(table);
            nint tail = length - first;
            for (nint s = 0; s < sources; s++)
            {
                // A whole vector where it stays inside the array (its lanes past the row are never added), else element by element.
                nint at = (s * fromStride) + first;
                if (at + Width <= available)
                {
                    Vector512.LoadUnsafe(ref from, (nuint)at).StoreUnsafe(ref tails, (nuint)(s * Width));
                    continue;
                }

                for (nint e = 0; e < tail; e++)
                {
                    Unsafe.Add(ref tails, (s * Width) + e) = Unsafe.Add(ref from, at + e);
                }
            }

            var pass = new TailPass(ref Unsafe.Add(ref into, first), intoStride, ref factors, rowStep, factorStride, ref tails, sources, tail);
            if (WideBlocks)
            {
                RunPasses<WidePasses>(ref pass, destinationCount);
            }
            else if (tail <= Width / 2)
            {
                RunPasses<NarrowPasses>(ref pass, destinationCount);
            }
            else
            {
                RunPasses<NarrowLongPasses>(ref pass, destinationCount);
            }
        }

        /// <summary>
        /// The destination rows in passes of up to <c>TPasses.MaxRows</c>, each pass the form's kernel compiled for its
        /// exact number of rows.
        /// </summary>
        private static void RunPasses<TPasses>(ref TailPass pass, int destinationCount)
            where TPasses : struct, ITailPasses
        {
            nint d = 0;
            while (d < destinationCount)
            {
                int rows = Math.Min(TPasses.MaxRows, destinationCount - (int)d);
                switch (rows)
                {
                    case 1: TPasses.Run<TailRows1>(ref pass, d); break;
                    case 2: TPasses.Run<TailRows2>(ref pass, d); break;
                    case 3: TPasses.Run<TailRows3>(ref pass, d); break;
                    case 4: TPasses.Run<TailRows4>(ref pass, d); break;
                    case 5: TPasses.Run<TailRows5>(ref pass, d); break;
                    case 6: TPasses.Run<TailRows6>(ref pass, d); break;
                    case 7: TPasses.Run<TailRows7>(ref pass, d); break;
                    case 8: TPasses.Run<TailRows8>(ref pass, d); break;
                    case 9: TPasses.Run<TailRows9>(ref pass, d); break;
                    case 10: TPasses.Run<TailRows10>(ref pass, d); break;
                    case 11: TPasses.Run<TailRows11>(ref pass, d); break;
                    case 12: TPasses.Run<TailRows12>(ref pass, d); break;
                    case 13: TPasses.Run<TailRows13>(ref pass, d); break;
                    case 14: TPasses.Run<TailRows14>(ref pass, d); break;
                    case 15: TPasses.Run<TailRows15>(ref pass, d); break;
                    default: TPasses.Run<TailRows16>(ref pass, d); break;
                }

                d += rows;
            }
        }

        /// <summary>A form of <see cref="AddTails"/>' passes: the most rows a pass takes, and its pass for a row count up to that.</summary>
        private interface ITailPasses
        {
            static abstract int MaxRows { get; }

            static abstract void Run<TRows>(ref TailPass pass, nint d)
                where TRows : struct, ITailRows;
        }

        /// <summary>With AVX-512: <c>Vector512</c> chains, sixteen rows a pass.</summary>
        private readonly struct WidePasses : ITailPasses
        {
            public static int MaxRows => 16;

            public static void Run<TRows>(ref TailPass pass, nint d)
                where TRows : struct, ITailRows => AddTailRows<TRows>(ref pass, d);
        }

        /// <summary>Without AVX-512, a tail of at most half a vector: 256-bit chains, twelve rows a pass.</summary>
        private readonly struct NarrowPasses : ITailPasses
        {
            public static int MaxRows => 12;

            public static void Run<TRows>(ref TailPass pass, nint d)
                where TRows : struct, ITailRows => AddNarrowTailRows<TRows>(ref pass, d);
        }

        /// <summary>Without AVX-512, a longer tail: two 256-bit chains a row, six rows a pass.</summary>
        private readonly struct NarrowLongPasses : ITailPasses
        {
            public static int MaxRows => 6;

            public static void Run<TRows>(ref TailPass pass, nint d)
                where TRows : struct, ITailRows => AddNarrowLongTailRows<TRows>(ref pass, d);
        }

        /// <summary>
        /// Destination rows <paramref name="d"/> to <paramref name="d"/> + <c>TRows.Count</c> - 1: one chain each over the
        /// table's sources. <c>TRows</c> is a struct, so the JIT compiles this once per count and drops the unused chains.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static unsafe void AddTailRows<TRows>(ref TailPass pass, nint d)
            where TRows : struct, ITailRows
        {
            int n = TRows.Count;
            nint step = pass.RowStep;
            ref T c = ref Unsafe.Add(ref pass.Factors, d * step);
            Vector512<T> s0 = Vector512.Create(T.NegativeZero);
            Vector512<T> s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
            Vector512<T> s8 = s0, s9 = s0, s10 = s0, s11 = s0, s12 = s0, s13 = s0, s14 = s0, s15 = s0;
            for (nint s = 0; s < pass.Sources; s++)
            {
                Vector512<T> x = Vector512.LoadUnsafe(ref pass.Tails, (nuint)(s * Width));
                ref T f = ref Unsafe.Add(ref c, s * pass.FactorStride);
                s0 = MultiplyAdd(Vector512.Create(f), x, s0);
                if (n > 1) s1 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref f, step)), x, s1);
                if (n > 2) s2 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref f, 2 * step)), x, s2);
                if (n > 3) s3 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref f, 3 * step)), x, s3);
                if (n > 4) s4 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref f, 4 * step)), x, s4);
                if (n > 5) s5 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref f, 5 * step)), x, s5);
                if (n > 6) s6 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref f, 6 * step)), x, s6);
                if (n > 7) s7 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref f, 7 * step)), x, s7);
                if (n > 8) s8 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref f, 8 * step)), x, s8);
                if (n > 9) s9 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref f, 9 * step)), x, s9);
                if (n > 10) s10 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref f, 10 * step)), x, s10);
                if (n > 11) s11 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref f, 11 * step)), x, s11);
                if (n > 12) s12 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref f, 12 * step)), x, s12);
                if (n > 13) s13 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref f, 13 * step)), x, s13);
                if (n > 14) s14 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref f, 14 * step)), x, s14);
                if (n > 15) s15 = MultiplyAdd(Vector512.Create(Unsafe.Add(ref f, 15 * step)), x, s15);
            }

            nint stride = pass.IntoStride;
            nint tail = pass.Tail;
            if (Avx512F.IsSupported && (stride >= tail || stride <= -tail))
            {
                // Each row's last elements read, added to and written back as one masked vector, every row read before any
                // is written: the rows are closer than a vector, and a masked read after a masked write that covers it
                // waits for that write (it is not forwarded). Only where the rows' last elements do not overlap (rows
                // that share elements add one after the other, below).
                Vector512<T> lanes = FirstLanes(tail);
                fixed (T* row = &Unsafe.Add(ref pass.Into, d * stride))
                {
                    s0 += Read(row, lanes);
                    if (n > 1) s1 += Read(row + stride, lanes);
                    if (n > 2) s2 += Read(row + (2 * stride), lanes);
                    if (n > 3) s3 += Read(row + (3 * stride), lanes);
                    if (n > 4) s4 += Read(row + (4 * stride), lanes);
                    if (n > 5) s5 += Read(row + (5 * stride), lanes);
                    if (n > 6) s6 += Read(row + (6 * stride), lanes);
                    if (n > 7) s7 += Read(row + (7 * stride), lanes);
                    if (n > 8) s8 += Read(row + (8 * stride), lanes);
                    if (n > 9) s9 += Read(row + (9 * stride), lanes);
                    if (n > 10) s10 += Read(row + (10 * stride), lanes);
                    if (n > 11) s11 += Read(row + (11 * stride), lanes);
                    if (n > 12) s12 += Read(row + (12 * stride), lanes);
                    if (n > 13) s13 += Read(row + (13 * stride), lanes);
                    if (n > 14) s14 += Read(row + (14 * stride), lanes);
                    if (n > 15) s15 += Read(row + (15 * stride), lanes);
                    Write(row, s0, lanes);
                    if (n > 1) Write(row + stride, s1, lanes);
                    if (n > 2) Write(row + (2 * stride), s2, lanes);
                    if (n > 3) Write(row + (3 * stride), s3, lanes);
                    if (n > 4) Write(row + (4 * stride), s4, lanes);
                    if (n > 5) Write(row + (5 * stride), s5, lanes);
                    if (n > 6) Write(row + (6 * stride), s6, lanes);
                    if (n > 7) Write(row + (7 * stride), s7, lanes);
                    if (n > 8) Write(row + (8 * stride), s8, lanes);
                    if (n > 9) Write(row + (9 * stride), s9, lanes);
                    if (n > 10) Write(row + (10 * stride), s10, lanes);
                    if (n > 11) Write(row + (11 * stride), s11, lanes);
                    if (n > 12) Write(row + (12 * stride), s12, lanes);
                    if (n > 13) Write(row + (13 * stride), s13, lanes);
                    if (n > 14) Write(row + (14 * stride), s14, lanes);
                    if (n > 15) Write(row + (15 * stride), s15, lanes);
                }

                return;
            }

            ref T first = ref Unsafe.Add(ref pass.Into, d * stride);
            AddLanes(ref first, s0, tail);
            if (n > 1) AddLanes(ref Unsafe.Add(ref first, stride), s1, tail);
            if (n > 2) AddLanes(ref Unsafe.Add(ref first, 2 * stride), s2, tail);
            if (n > 3) AddLanes(ref Unsafe.Add(ref first, 3 * stride), s3, tail);
            if (n > 4) AddLanes(ref Unsafe.Add(ref first, 4 * stride), s4, tail);
            if (n > 5) AddLanes(ref Unsafe.Add(ref first, 5 * stride), s5, tail);
            if (n > 6) AddLanes(ref Unsafe.Add(ref first, 6 * stride), s6, tail);
            if (n > 7) AddLanes(ref Unsafe.Add(ref first, 7 * stride), s7, tail);
            if (n > 8) AddLanes(ref Unsafe.Add(ref first, 8 * stride), s8, tail);
            if (n > 9) AddLanes(ref Unsafe.Add(ref first, 9 * stride), s9, tail);
            if (n > 10) AddLanes(ref Unsafe.Add(ref first, 10 * stride), s10, tail);
            if (n > 11) AddLanes(ref Unsafe.Add(ref first, 11 * stride), s11, tail);
            if (n > 12) AddLanes(ref Unsafe.Add(ref first, 12 * stride), s12, tail);
            if (n > 13) AddLanes(ref Unsafe.Add(ref first, 13 * stride), s13, tail);
            if (n > 14) AddLanes(ref Unsafe.Add(ref first, 14 * stride), s14, tail);
            if (n > 15) AddLanes(ref Unsafe.Add(ref first, 15 * stride), s15, tail);
        }

        /// <summary>
        /// <see cref="AddTailRows{TRows}(ref TailPass, nint)"/> without AVX-512: a tail longer than half a vector (softmax regression's n = 10 in <c>float</c>: ten elements of
        /// sixteen lanes) as two 256-bit chains a row, six rows a pass (twelve chains). As <c>Vector512</c> chains, eight
        /// rows a pass were sixteen pairs of halves, twice the sixteen registers: the pass stored and reloaded its chains
        /// on every source (18% of the <c>float</c> softmax (100, 10, 10) gradient on an AVX2 machine). Each lane's chain
        /// is the same, so are the bits. The chains are added after the pass, row after row.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void AddNarrowLongTailRows<TRows>(ref TailPass pass, nint d)
            where TRows : struct, ITailRows
        {
            int n = TRows.Count;
            nint half = Vector256<T>.Count;
            nint step = pass.RowStep;
            ref T c = ref Unsafe.Add(ref pass.Factors, d * step);
            Vector256<T> l0 = Vector256.Create(T.NegativeZero);
            Vector256<T> h0 = l0, l1 = l0, h1 = l0, l2 = l0, h2 = l0, l3 = l0, h3 = l0, l4 = l0, h4 = l0, l5 = l0, h5 = l0;
            for (nint s = 0; s < pass.Sources; s++)
            {
                Vector256<T> xLow = Vector256.LoadUnsafe(ref pass.Tails, (nuint)(s * Width));
                Vector256<T> xHigh = Vector256.LoadUnsafe(ref pass.Tails, (nuint)((s * Width) + half));
                ref T f = ref Unsafe.Add(ref c, s * pass.FactorStride);
                Vector256<T> factor = Vector256.Create(f);
                l0 = MultiplyAdd(factor, xLow, l0);
                h0 = MultiplyAdd(factor, xHigh, h0);
                if (n > 1)
                {
                    factor = Vector256.Create(Unsafe.Add(ref f, step));
                    l1 = MultiplyAdd(factor, xLow, l1);
                    h1 = MultiplyAdd(factor, xHigh, h1);
                }

                if (n > 2)
                {
                    factor = Vector256.Create(Unsafe.Add(ref f, 2 * step));
                    l2 = MultiplyAdd(factor, xLow, l2);
                    h2 = MultiplyAdd(factor, xHigh, h2);
                }

                if (n > 3)
                {
                    factor = Vector256.Create(Unsafe.Add(ref f, 3 * step));
                    l3 = MultiplyAdd(factor, xLow, l3);
                    h3 = MultiplyAdd(factor, xHigh, h3);
                }

                if (n > 4)
                {
                    factor = Vector256.Create(Unsafe.Add(ref f, 4 * step));
                    l4 = MultiplyAdd(factor, xLow, l4);
                    h4 = MultiplyAdd(factor, xHigh, h4);
                }

                if (n > 5)
                {
                    factor = Vector256.Create(Unsafe.Add(ref f, 5 * step));
                    l5 = MultiplyAdd(factor, xLow, l5);
                    h5 = MultiplyAdd(factor, xHigh, h5);
                }
            }

            nint stride = pass.IntoStride;
            nint tail = pass.Tail;
            ref T first = ref Unsafe.Add(ref pass.Into, d * stride);
            AddHalves(ref first, l0, h0, tail);
            if (n > 1) AddHalves(ref Unsafe.Add(ref first, stride), l1, h1, tail);
            if (n > 2) AddHalves(ref Unsafe.Add(ref first, 2 * stride), l2, h2, tail);
            if (n > 3) AddHalves(ref Unsafe.Add(ref first, 3 * stride), l3, h3, tail);
            if (n > 4) AddHalves(ref Unsafe.Add(ref first, 4 * stride), l4, h4, tail);
            if (n > 5) AddHalves(ref Unsafe.Add(ref first, 5 * stride), l5, h5, tail);
        }

        /// <summary>The first <paramref name="count"/> lanes (more than half a vector) of a row's two halves added to the elements from <paramref name="into"/> on.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddHalves(ref T into, Vector256<T> low, Vector256<T> high, nint count)
        {
            AddLanes(ref into, low, Vector256<T>.Count);
            AddLanes(ref Unsafe.Add(ref into, Vector256<T>.Count), high, count - Vector256<T>.Count);
        }

        /// <summary>
        /// <see cref="AddTailRows{TRows}(ref TailPass, nint)"/> without AVX-512: a tail of at most half a vector (logistic and softmax regression's n = 10 and 100 in
        /// <c>double</c>: two and four elements) in the first 256-bit half of each chain only: a <c>Vector512</c> is two
        /// halves there, and eight chains of both halves with their source did not fit the sixteen registers (the pass
        /// stored and reloaded chains on every source) while the second halves' lanes were never added. Twelve chains a
        /// pass (softmax's ten classes in one). Each lane's chain is the same, so are the bits. The chains are added after the pass, row after row.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void AddNarrowTailRows<TRows>(ref TailPass pass, nint d)
            where TRows : struct, ITailRows
        {
            int n = TRows.Count;
            nint step = pass.RowStep;
            ref T c = ref Unsafe.Add(ref pass.Factors, d * step);
            Vector256<T> s0 = Vector256.Create(T.NegativeZero);
            Vector256<T> s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0, s8 = s0, s9 = s0, s10 = s0, s11 = s0;
            for (nint s = 0; s < pass.Sources; s++)
            {
                Vector256<T> x = Vector256.LoadUnsafe(ref pass.Tails, (nuint)(s * Width));
                ref T f = ref Unsafe.Add(ref c, s * pass.FactorStride);
                s0 = MultiplyAdd(Vector256.Create(f), x, s0);
                if (n > 1) s1 = MultiplyAdd(Vector256.Create(Unsafe.Add(ref f, step)), x, s1);
                if (n > 2) s2 = MultiplyAdd(Vector256.Create(Unsafe.Add(ref f, 2 * step)), x, s2);
                if (n > 3) s3 = MultiplyAdd(Vector256.Create(Unsafe.Add(ref f, 3 * step)), x, s3);
                if (n > 4) s4 = MultiplyAdd(Vector256.Create(Unsafe.Add(ref f, 4 * step)), x, s4);
                if (n > 5) s5 = MultiplyAdd(Vector256.Create(Unsafe.Add(ref f, 5 * step)), x, s5);
                if (n > 6) s6 = MultiplyAdd(Vector256.Create(Unsafe.Add(ref f, 6 * step)), x, s6);
                if (n > 7) s7 = MultiplyAdd(Vector256.Create(Unsafe.Add(ref f, 7 * step)), x, s7);
                if (n > 8) s8 = MultiplyAdd(Vector256.Create(Unsafe.Add(ref f, 8 * step)), x, s8);
                if (n > 9) s9 = MultiplyAdd(Vector256.Create(Unsafe.Add(ref f, 9 * step)), x, s9);
                if (n > 10) s10 = MultiplyAdd(Vector256.Create(Unsafe.Add(ref f, 10 * step)), x, s10);
                if (n > 11) s11 = MultiplyAdd(Vector256.Create(Unsafe.Add(ref f, 11 * step)), x, s11);
            }

            nint stride = pass.IntoStride;
            nint tail = pass.Tail;
            ref T first = ref Unsafe.Add(ref pass.Into, d * stride);
            AddLanes(ref first, s0, tail);
            if (n > 1) AddLanes(ref Unsafe.Add(ref first, stride), s1, tail);
            if (n > 2) AddLanes(ref Unsafe.Add(ref first, 2 * stride), s2, tail);
            if (n > 3) AddLanes(ref Unsafe.Add(ref first, 3 * stride), s3, tail);
            if (n > 4) AddLanes(ref Unsafe.Add(ref first, 4 * stride), s4, tail);
            if (n > 5) AddLanes(ref Unsafe.Add(ref first, 5 * stride), s5, tail);
            if (n > 6) AddLanes(ref Unsafe.Add(ref first, 6 * stride), s6, tail);
            if (n > 7) AddLanes(ref Unsafe.Add(ref first, 7 * stride), s7, tail);
            if (n > 8) AddLanes(ref Unsafe.Add(ref first, 8 * stride), s8, tail);
            if (n > 9) AddLanes(ref Unsafe.Add(ref first, 9 * stride), s9, tail);
            if (n > 10) AddLanes(ref Unsafe.Add(ref first, 10 * stride), s10, tail);
            if (n > 11) AddLanes(ref Unsafe.Add(ref first, 11 * stride), s11, tail);
        }

        /// <summary>The first <paramref name="count"/> lanes of <paramref name="sums"/> added to the elements from <paramref name="into"/> on, one rounding each.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddLanes(ref T into, Vector256<T> sums, nint count)
        {
            ref T lanes = ref Unsafe.As<Vector256<T>, T>(ref sums);
            for (nint l = 0; l < count; l++)
            {
                Unsafe.Add(ref into, l) += Unsafe.Add(ref lanes, l);
            }
        }

        /// <summary>All bits set in lanes 0 to <paramref name="count"/> - 1, clear in the others.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<T> FirstLanes(nint count) =>
            typeof(T) == typeof(double)
                ? Vector512.LessThan(Vector512.Create(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), Vector512.Create((long)count)).As<long, T>()
                : Vector512.LessThan(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create((int)count)).As<int, T>();

        /// <summary>
        /// The elements from <paramref name="from"/> on in the lanes set in <paramref name="lanes"/>, zero in the others; the
        /// elements past them are not read (AVX-512's masked accesses do not fault there), so a row ending at its array's
        /// end is safe. With <see cref="Write"/>, each element gets one rounding (element plus lane), as the loop's.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe Vector512<T> Read(T* from, Vector512<T> lanes) =>
            typeof(T) == typeof(double)
                ? Avx512F.MaskLoad((double*)from, lanes.AsDouble(), Vector512<double>.Zero).As<double, T>()
                : Avx512F.MaskLoad((float*)from, lanes.AsSingle(), Vector512<float>.Zero).As<float, T>();

        /// <summary>The lanes of <paramref name="value"/> set in <paramref name="lanes"/> written from <paramref name="into"/> on; the elements past them are not touched.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe void Write(T* into, Vector512<T> value, Vector512<T> lanes)
        {
            if (typeof(T) == typeof(double))
            {
                Avx512F.MaskStore((double*)into, lanes.AsDouble(), value.AsDouble());
                return;
            }

            Avx512F.MaskStore((float*)into, lanes.AsSingle(), value.AsSingle());
        }

        /// <summary>The first <paramref name="count"/> lanes of <paramref name="sums"/> added to the elements from <paramref name="into"/> on, one rounding each.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddLanes(ref T into, Vector512<T> sums, nint count)
        {
            ref T lanes = ref Unsafe.As<Vector512<T>, T>(ref sums);
            for (nint l = 0; l < count; l++)
            {
                Unsafe.Add(ref into, l) += Unsafe.Add(ref lanes, l);
            }
        }

        /// <summary>What every pass of <see cref="AddTails"/> reads: the destination's last elements, the factors and the table.</summary>
        private ref struct TailPass
        {
            /// <summary>The first destination row's first tail element.</summary>
            public ref T Into;

            /// <summary>The distance between destination rows.</summary>
            public nint IntoStride;

            /// <summary>Destination row 0's factor for source 0.</summary>
            public ref T Factors;

            /// <summary>The distance between neighbouring destination rows' factors.</summary>
            public nint RowStep;

            /// <summary>The distance between neighbouring sources' factors.</summary>
            public nint FactorStride;

            /// <summary>The table of the sources' last elements, one vector each.</summary>
            public ref T Tails;

            /// <summary>The sources.</summary>
            public int Sources;

            /// <summary>The elements left in each row, fewer than a vector.</summary>
            public nint Tail;

            public TailPass(ref T into, nint intoStride, ref T factors, nint rowStep, nint factorStride, ref T tails, int sources, nint tail)
            {
                Into = ref into;
                IntoStride = intoStride;
                Factors = ref factors;
                RowStep = rowStep;
                FactorStride = factorStride;
                Tails = ref tails;
                Sources = sources;
                Tail = tail;
            }
        }
    }
}
