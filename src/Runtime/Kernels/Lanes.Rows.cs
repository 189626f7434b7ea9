using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// The loads and stores of generated row lanes (docs/how-it-works.md, "Row lanes"): a tile's rows run
    /// <see cref="Count"/> (<see cref="SingleCount"/> in <c>float</c>) at a time, lane l holding row i + l, so an element
    /// at an index affine in the row counter is <c>start + l * stride</c>. Each checks the first and the last element
    /// first (the others lie between them) and throws <see cref="IndexOutOfRangeException"/> where the rows would index
    /// outside the array.
    /// </summary>
    public static partial class Lanes
    {
        /// <summary>Elements <paramref name="start"/> + l * <paramref name="stride"/> of <paramref name="array"/>, l = 0 to 7.</summary>
        /// <param name="array">The array read.</param>
        /// <param name="start">The element of lane 0.</param>
        /// <param name="stride">The distance between the elements of neighbouring lanes.</param>
        /// <returns>The eight elements, lane 0's first.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Gather(ReadOnlySpan<double> array, int start, int stride)
        {
            CheckRun(start, stride, Count, array.Length);
            ref double first = ref Unsafe.Add(ref MemoryMarshal.GetReference(array), (nint)start);
            nint step = stride;
            return Vector512.Create(
                first,
                Unsafe.Add(ref first, step),
                Unsafe.Add(ref first, 2 * step),
                Unsafe.Add(ref first, 3 * step),
                Unsafe.Add(ref first, 4 * step),
                Unsafe.Add(ref first, 5 * step),
                Unsafe.Add(ref first, 6 * step),
                Unsafe.Add(ref first, 7 * step));
        }

        /// <summary>Writes lane l of <paramref name="value"/> to element <paramref name="start"/> + l * <paramref name="stride"/>, lane 0 first.</summary>
        /// <param name="array">The array written.</param>
        /// <param name="start">The element of lane 0.</param>
        /// <param name="stride">The distance between the elements of neighbouring lanes.</param>
        /// <param name="value">The values.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Scatter(Span<double> array, int start, int stride, Vector512<double> value) => ScatterLanes(array, start, stride, value);

        /// <summary>Elements <paramref name="start"/> + l * <paramref name="stride"/> of a <c>float</c> array, l = 0 to 15.</summary>
        /// <param name="array">The array read.</param>
        /// <param name="start">The element of lane 0.</param>
        /// <param name="stride">The distance between the elements of neighbouring lanes.</param>
        /// <returns>The sixteen elements, lane 0's first.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Gather(ReadOnlySpan<float> array, int start, int stride)
        {
            CheckRun(start, stride, SingleCount, array.Length);
            ref float first = ref Unsafe.Add(ref MemoryMarshal.GetReference(array), (nint)start);
            nint step = stride;
            return Vector512.Create(
                Vector256.Create(
                    first,
                    Unsafe.Add(ref first, step),
                    Unsafe.Add(ref first, 2 * step),
                    Unsafe.Add(ref first, 3 * step),
                    Unsafe.Add(ref first, 4 * step),
                    Unsafe.Add(ref first, 5 * step),
                    Unsafe.Add(ref first, 6 * step),
                    Unsafe.Add(ref first, 7 * step)),
                Vector256.Create(
                    Unsafe.Add(ref first, 8 * step),
                    Unsafe.Add(ref first, 9 * step),
                    Unsafe.Add(ref first, 10 * step),
                    Unsafe.Add(ref first, 11 * step),
                    Unsafe.Add(ref first, 12 * step),
                    Unsafe.Add(ref first, 13 * step),
                    Unsafe.Add(ref first, 14 * step),
                    Unsafe.Add(ref first, 15 * step)));
        }

        /// <summary>Writes lane l of a <c>float</c> vector to element <paramref name="start"/> + l * <paramref name="stride"/>, lane 0 first.</summary>
        /// <param name="array">The array written.</param>
        /// <param name="start">The element of lane 0.</param>
        /// <param name="stride">The distance between the elements of neighbouring lanes.</param>
        /// <param name="value">The values.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Scatter(Span<float> array, int start, int stride, Vector512<float> value) => ScatterLanes(array, start, stride, value);

        /// <summary>
        /// A row-private array's lanes: <paramref name="length"/> vectors over a buffer rented for them
        /// (<paramref name="length"/> + 1 times <see cref="Count"/> doubles at least), all zero. They start at the buffer's
        /// first 64-byte boundary when it has room for that (a vector across two cache lines costs two accesses); the
        /// garbage collector may move the buffer later, which changes only the speed.
        /// </summary>
        /// <param name="buffer">The rented buffer.</param>
        /// <param name="length">The private array's length.</param>
        /// <returns>One vector per element of the array, element e of row i + l in lane l of vector e.</returns>
        public static Span<Vector512<double>> PerRow(double[] buffer, int length) => PerRowOf(buffer, length);

        /// <summary>A <c>float</c> row-private array's lanes: <paramref name="length"/> vectors of sixteen lanes over a rented buffer, all zero, from its first 64-byte boundary when it has room.</summary>
        /// <param name="buffer">The rented buffer (<paramref name="length"/> + 1 times <see cref="SingleCount"/> floats at least).</param>
        /// <param name="length">The private array's length.</param>
        /// <returns>One vector per element of the array.</returns>
        public static Span<Vector512<float>> PerRow(float[] buffer, int length) => PerRowOf(buffer, length);

        /// <summary>How many elements from <paramref name="first"/> the next 64-byte boundary is.</summary>
        private static unsafe int SkipToBoundary<T>(ref T first)
            where T : unmanaged
        {
            long misalignment = (long)((nuint)Unsafe.AsPointer(ref first) % 64);
            return misalignment == 0 ? 0 : (int)((64 - misalignment) / sizeof(T));
        }

        /// <summary>
        /// The most elements (the row-private arrays, the arrays the rows add to and the softmax shares of one generated row
        /// loop, together, with its saved values, kept products and row blocks) that run in lanes: one 64-byte vector each, 8 MB at most. Above it the rows run one at a time, as written.
        /// </summary>
        public const long MaxRowElements = 1L << 17;

        /// <summary>Whether row lanes over arrays of <paramref name="elements"/> elements in all fit <see cref="MaxRowElements"/>.</summary>
        /// <param name="elements">The lengths of the row's private arrays, of the arrays it adds to and of the rest its lanes keep, summed.</param>
        /// <returns>True to run the rows in lanes.</returns>
        public static bool FitsRows(long elements) => elements <= MaxRowElements;

        /// <summary>Adds each vector's lanes, in <see cref="Sum(Vector512{double})"/>'s order, to its element: element e gets the sum of <paramref name="lanes"/>[e].</summary>
        /// <param name="target">The array the rows added to.</param>
        /// <param name="lanes">One vector per element of <paramref name="target"/>.</param>
        public static void AddSums(Span<double> target, ReadOnlySpan<Vector512<double>> lanes) => AddSumsOf(target, lanes);

        /// <summary>Adds each <c>float</c> vector's lanes, in <see cref="Sum(Vector512{float})"/>'s order, to its element.</summary>
        /// <param name="target">The array the rows added to.</param>
        /// <param name="lanes">One vector per element of <paramref name="target"/>.</param>
        public static void AddSums(Span<float> target, ReadOnlySpan<Vector512<float>> lanes) => AddSumsOf(target, lanes);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void ScatterLanes<T>(Span<T> array, int start, int stride, Vector512<T> value)
            where T : unmanaged
        {
            CheckRun(start, stride, Vector512<T>.Count, array.Length);
            ref T first = ref Unsafe.Add(ref MemoryMarshal.GetReference(array), (nint)start);
            nint step = stride;
            for (int lane = 0; lane < Vector512<T>.Count; lane++)
            {
                Unsafe.Add(ref first, lane * step) = value.GetElement(lane);
            }
        }

        private static Span<Vector512<T>> PerRowOf<T>(T[] buffer, int length)
            where T : unmanaged
        {
            int needed = checked(length * Vector512<T>.Count);
            int skip = Math.Min(SkipToBoundary(ref MemoryMarshal.GetArrayDataReference(buffer)), buffer.Length - needed);
            Span<Vector512<T>> lanes = MemoryMarshal.Cast<T, Vector512<T>>(buffer.AsSpan(Math.Max(skip, 0), needed));
            lanes.Clear();
            return lanes;
        }

        private static void AddSumsOf<T>(Span<T> target, ReadOnlySpan<Vector512<T>> lanes)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            if (lanes.Length != target.Length)
            {
                throw new ArgumentException($"{lanes.Length} vectors of sums for an array of {target.Length}.", nameof(lanes));
            }

            for (int e = 0; e < target.Length; e++)
            {
                target[e] += HalvingSum(lanes[e]);
            }
        }

        /// <summary>Throws unless elements <paramref name="start"/> and <paramref name="start"/> + (lanes - 1) * <paramref name="stride"/> are inside an array of <paramref name="length"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void CheckRun(int start, int stride, int lanes, int length)
        {
            long last = start + (long)(lanes - 1) * stride;
            if ((uint)start >= (uint)length || (ulong)last >= (ulong)length)
            {
                ThrowOutsideStrided(start, stride, length);
            }
        }

        private static void ThrowOutsideStrided(int start, int stride, int length) =>
            throw new IndexOutOfRangeException($"Elements {start} + l * {stride} (l = 0 to the last lane) of an array of {length}.");
    }
}
