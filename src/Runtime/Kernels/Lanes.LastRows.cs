using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// The reads of a tile's last rows in generated row lanes (docs/how-it-works.md, "Row lanes"): when fewer than
    /// <see cref="Count"/> rows (<see cref="SingleCount"/> in <c>float</c>) are left, they still run in lanes, lane l
    /// holding row i + l for l below <c>rows</c>; the lanes past the last row repeat it (they read its elements), so
    /// whatever they compute is what a real row computes, and only the mask <see cref="FirstRows"/> lets the rows' own
    /// lanes reach a sum. Each checks the rows' first and last elements, as the loop would, and throws
    /// <see cref="IndexOutOfRangeException"/> where a row would index outside the array.
    /// </summary>
    public static partial class Lanes
    {
        /// <summary>A lane mask with all bits set in lanes 0 to <paramref name="rows"/> - 1 and clear in the others.</summary>
        /// <param name="rows">The rows left, 1 to <see cref="Count"/>.</param>
        /// <returns>The mask, for <c>Vector512.ConditionalSelect</c>.</returns>
        public static Vector512<double> FirstRows(int rows)
        {
            CheckRows(rows, Count);
            return Vector512.LessThan(Vector512.Create(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), Vector512.Create((long)rows)).AsDouble();
        }

        /// <summary>The <c>float</c> form of <see cref="FirstRows"/>: sixteen lanes.</summary>
        /// <param name="rows">The rows left, 1 to <see cref="SingleCount"/>.</param>
        /// <returns>The mask.</returns>
        public static Vector512<float> FirstSingleRows(int rows)
        {
            CheckRows(rows, SingleCount);
            return Vector512.LessThan(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(rows)).AsSingle();
        }

        /// <summary>Elements <paramref name="start"/> to <paramref name="start"/> + rows - 1, the last repeated in the lanes past it.</summary>
        /// <param name="array">The array read.</param>
        /// <param name="start">The element of lane 0.</param>
        /// <param name="rows">The rows left, 1 to <see cref="Count"/>.</param>
        /// <returns>The eight lanes.</returns>
        public static Vector512<double> Load(ReadOnlySpan<double> array, int start, int rows) => GatherRows<double>(array, start, 1, rows);

        /// <summary>Elements <paramref name="start"/> + l * <paramref name="stride"/> for l below <paramref name="rows"/>, lane rows - 1's repeated in the lanes past it.</summary>
        /// <param name="array">The array read.</param>
        /// <param name="start">The element of lane 0.</param>
        /// <param name="stride">The distance between the elements of neighbouring lanes.</param>
        /// <param name="rows">The rows left, 1 to <see cref="Count"/>.</param>
        /// <returns>The eight lanes.</returns>
        public static Vector512<double> Gather(ReadOnlySpan<double> array, int start, int stride, int rows) => GatherRows<double>(array, start, stride, rows);

        /// <summary>The <c>float</c> form of <see cref="Load(ReadOnlySpan{double}, int, int)"/>: sixteen lanes.</summary>
        /// <param name="array">The array read.</param>
        /// <param name="start">The element of lane 0.</param>
        /// <param name="rows">The rows left, 1 to <see cref="SingleCount"/>.</param>
        /// <returns>The sixteen lanes.</returns>
        public static Vector512<float> Load(ReadOnlySpan<float> array, int start, int rows) => GatherRows<float>(array, start, 1, rows);

        /// <summary>The <c>float</c> form of <see cref="Gather(ReadOnlySpan{double}, int, int, int)"/>: sixteen lanes.</summary>
        /// <param name="array">The array read.</param>
        /// <param name="start">The element of lane 0.</param>
        /// <param name="stride">The distance between the elements of neighbouring lanes.</param>
        /// <param name="rows">The rows left, 1 to <see cref="SingleCount"/>.</param>
        /// <returns>The sixteen lanes.</returns>
        public static Vector512<float> Gather(ReadOnlySpan<float> array, int start, int stride, int rows) => GatherRows<float>(array, start, stride, rows);

        /// <summary>The ints of the rows left as 64-bit lanes (<see cref="GatherInts(ReadOnlySpan{int}, int, int)"/>), lane rows - 1's repeated past it.</summary>
        /// <param name="array">The array read.</param>
        /// <param name="start">The element of lane 0.</param>
        /// <param name="stride">The distance between the elements of neighbouring lanes.</param>
        /// <param name="rows">The rows left, 1 to <see cref="Count"/>.</param>
        /// <returns>The eight lanes.</returns>
        public static Vector512<long> GatherInts(ReadOnlySpan<int> array, int start, int stride, int rows) => GatherIndexRows<long>(array, start, stride, rows);

        /// <summary>The ints of the rows left as 32-bit lanes (<see cref="GatherSingleInts(ReadOnlySpan{int}, int, int)"/>), lane rows - 1's repeated past it.</summary>
        /// <param name="array">The array read.</param>
        /// <param name="start">The element of lane 0.</param>
        /// <param name="stride">The distance between the elements of neighbouring lanes.</param>
        /// <param name="rows">The rows left, 1 to <see cref="SingleCount"/>.</param>
        /// <returns>The sixteen lanes.</returns>
        public static Vector512<int> GatherSingleInts(ReadOnlySpan<int> array, int start, int stride, int rows) => GatherIndexRows<int>(array, start, stride, rows);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<T> GatherRows<T>(ReadOnlySpan<T> array, int start, int stride, int rows)
            where T : unmanaged
        {
            CheckRows(rows, Vector512<T>.Count);
            CheckRun(start, stride, rows, array.Length);
            ref T first = ref Unsafe.Add(ref MemoryMarshal.GetReference(array), (nint)start);
            nint last = rows - 1;

            // A whole vector where it stays inside the array (the tile's products), its lanes past the last row replaced
            // by that row's element.
            if (stride == 1 && (long)start + Vector512<T>.Count <= array.Length)
            {
                return Vector512.ConditionalSelect(FirstLanes<T>(rows), Vector512.LoadUnsafe(ref first), Vector512.Create(Unsafe.Add(ref first, last)));
            }

            // Else each lane's element, the last row's in the lanes past it, built in registers: a vector read back from
            // scalars stored on the stack waits for the stores (store forwarding fails), which cost the last rows' reads
            // more than the rest of their work.
            return typeof(T) == typeof(double)
                ? Doubles(ref Unsafe.As<T, double>(ref first), last, stride).As<double, T>()
                : Ints(ref Unsafe.As<T, int>(ref first), last, stride).As<int, T>();  // a float's bits, read as they are
        }

        /// <summary>All bits set in lanes 0 to <paramref name="rows"/> - 1 of a vector of <typeparamref name="T"/>, clear in the others.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<T> FirstLanes<T>(int rows)
            where T : unmanaged =>
            typeof(T) == typeof(double)
                ? Vector512.LessThan(Vector512.Create(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), Vector512.Create((long)rows)).As<long, T>()
                : Vector512.LessThan(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(rows)).As<int, T>();

        private static Vector512<TIndex> GatherIndexRows<TIndex>(ReadOnlySpan<int> array, int start, int stride, int rows)
            where TIndex : unmanaged, IBinaryInteger<TIndex>
        {
            CheckRows(rows, Vector512<TIndex>.Count);
            CheckRun(start, stride, rows, array.Length);
            ref int first = ref Unsafe.Add(ref MemoryMarshal.GetReference(array), (nint)start);
            nint last = rows - 1;

            // Built in registers, as in GatherRows.
            return typeof(TIndex) == typeof(long) ? WidenedInts(ref first, last, stride).As<long, TIndex>() : Ints(ref first, last, stride).As<int, TIndex>();
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void CheckRows(int rows, int lanes)
        {
            if ((uint)(rows - 1) >= (uint)lanes)
            {
                ThrowRows(rows, lanes);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowRows(int rows, int lanes) =>
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"The rows left must be 1 to {lanes}.");
    }
}
