using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// The loads and stores of generated element-wise loops (issue 12, part 1; docs/how-it-works.md, "Element-wise
    /// loops"): a loop over j that only maps elements (<c>a[j] = SymMath.Sigmoid(b[j] + s[k + j])</c>) runs eight
    /// elements at a time as <c>Vector512&lt;double&gt;</c> values, reading and writing runs of eight through these.
    /// Each checks its whole run first and throws <see cref="IndexOutOfRangeException"/> where the loop would index
    /// outside the array.
    /// </summary>
    [SkipLocalsInit]
    public static partial class Lanes
    {
        /// <summary>The number of elements a generated element-wise loop handles per step.</summary>
        public const int Count = 8;

        /// <summary>Elements <paramref name="start"/> to <paramref name="start"/> + 7 of <paramref name="array"/>.</summary>
        /// <param name="array">The array read.</param>
        /// <param name="start">The first element read.</param>
        /// <returns>The eight elements, the first in lane 0.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Load(ReadOnlySpan<double> array, int start)
        {
            if ((uint)start > (uint)array.Length || array.Length - start < Count)
            {
                ThrowOutside(start, array.Length);
            }

            return Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(array), (nuint)start);
        }

        /// <summary>Writes the eight lanes of <paramref name="value"/> to elements <paramref name="start"/> to <paramref name="start"/> + 7.</summary>
        /// <param name="array">The array written.</param>
        /// <param name="start">The first element written.</param>
        /// <param name="value">The values, lane 0 to the first element.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Span<double> array, int start, Vector512<double> value)
        {
            if ((uint)start > (uint)array.Length || array.Length - start < Count)
            {
                ThrowOutside(start, array.Length);
            }

            value.StoreUnsafe(ref MemoryMarshal.GetReference(array), (nuint)start);
        }

        /// <summary>The number of elements a <c>float</c> method's element-wise loop handles per step (sixteen lanes of <c>Vector512&lt;float&gt;</c>).</summary>
        public const int SingleCount = 16;

        /// <summary>Elements <paramref name="start"/> to <paramref name="start"/> + 15 of a <c>float</c> array.</summary>
        /// <param name="array">The array read.</param>
        /// <param name="start">The first element read.</param>
        /// <returns>The sixteen elements, the first in lane 0.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Load(ReadOnlySpan<float> array, int start)
        {
            if ((uint)start > (uint)array.Length || array.Length - start < SingleCount)
            {
                ThrowOutside(start, array.Length, SingleCount);
            }

            return Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(array), (nuint)start);
        }

        /// <summary>Writes the sixteen lanes of <paramref name="value"/> to elements <paramref name="start"/> to <paramref name="start"/> + 15.</summary>
        /// <param name="array">The array written.</param>
        /// <param name="start">The first element written.</param>
        /// <param name="value">The values, lane 0 to the first element.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Span<float> array, int start, Vector512<float> value)
        {
            if ((uint)start > (uint)array.Length || array.Length - start < SingleCount)
            {
                ThrowOutside(start, array.Length, SingleCount);
            }

            value.StoreUnsafe(ref MemoryMarshal.GetReference(array), (nuint)start);
        }

        /// <summary>
        /// The sum of the eight lanes in a fixed order, the same on every machine: the upper half added to the lower
        /// half until one lane is left, <c>((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7))</c>. A generated
        /// element-wise loop's sum into the enclosing code (<c>total += v</c>) adds its lanes with this after the
        /// vector loop.
        /// </summary>
        /// <param name="lanes">The lanes.</param>
        /// <returns>Their sum.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Sum(Vector512<double> lanes) => HalvingSum(lanes);

        /// <summary>
        /// The sum of sixteen <c>float</c> lanes in the fixed order of <see cref="Sum(Vector512{double})"/>: the upper
        /// half added to the lower half until one lane is left.
        /// </summary>
        /// <param name="lanes">The lanes.</param>
        /// <returns>Their sum.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sum(Vector512<float> lanes) => HalvingSum(lanes);

        /// <summary>The order both <c>Sum</c> overloads and the tile kernels' products use: each lane plus the lane half a vector on, until one is left.</summary>
        /// <typeparam name="T"><c>double</c> or <c>float</c>.</typeparam>
        /// <param name="lanes">The lanes.</param>
        /// <returns>Their sum.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static T HalvingSum<T>(Vector512<T> lanes)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            Vector256<T> half = lanes.GetLower() + lanes.GetUpper();
            Vector128<T> quarter = half.GetLower() + half.GetUpper();
            if (Vector128<T>.Count == 4)
            {
                // Four float lanes: add the upper pair to the lower one. The pairs are swapped as 64-bit halves,
                // which stays in registers (Vector64 has no x64 instructions and went through the stack).
                quarter += Vector128.Shuffle(quarter.AsUInt64(), Vector128.Create(1UL, 0UL)).As<ulong, T>();
            }

            return quarter.ToScalar() + quarter.GetElement(1);
        }

        private static void ThrowOutside(int start, int length, int count = Count) =>
            throw new IndexOutOfRangeException($"Elements {start} to {(long)start + count - 1} of an array of {length}.");
    }
}
