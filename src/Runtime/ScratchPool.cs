using System;
using System.Buffers;
using System.ComponentModel;
using System.Numerics;

namespace SymGrad
{
    /// <summary>
    /// Where generated gradients rent their scratch arrays (local arrays, adjoints, tiles' buffers) and return them at
    /// the end of the call. <see cref="ArrayPool{T}.Shared"/> keeps one array of each size per thread and the rest in
    /// per-core stacks behind a lock; a gradient that holds a dozen small arrays of one size at once (ADBench's GMM:
    /// k, d, k·d and their adjoints) took all but one of them through that lock, a third of the gradient's time on
    /// one point. This pool keeps, per thread and without locks, up to <see cref="Slots"/> arrays of each power-of-two
    /// length from 16 to 65,536 elements. Longer arrays, and arrays past the slots, come from and go back to
    /// <see cref="ArrayPool{T}.Shared"/>, so a steady-state call allocates nothing in any case.
    /// <para>
    /// Arrays come back as they were left (not cleared): generated code clears what it reads before writing. A thread
    /// keeps at most 16 arrays of each length up to 65,536 elements (about 16 MB of <c>double</c> if every length is
    /// used at once; a gradient uses a few).
    /// </para>
    /// </summary>
    /// <typeparam name="T"><c>double</c> or <c>float</c>.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ScratchPool<T>
    {
        /// <summary>How many arrays of one length a thread keeps.</summary>
        public const int Slots = 16;

        private const int MinimumShift = 4;
        private const int MaximumShift = 16;
        private const int Lengths = MaximumShift - MinimumShift + 1;

        /// <summary>The thread's arrays: length 16 · 2^b at [b · Slots, b · Slots + t_counts[b]), a stack per length.</summary>
        [ThreadStatic]
        private static T[]?[]? t_arrays;

        [ThreadStatic]
        private static int[]? t_counts;

        /// <summary>An array of at least <paramref name="minimumLength"/> elements (a power of two from 16; empty for 0), not cleared.</summary>
        /// <param name="minimumLength">The number of elements needed.</param>
        /// <returns>The array; return it with <see cref="Return"/>.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumLength"/> is negative.</exception>
        public static T[] Rent(int minimumLength)
        {
            if (minimumLength <= 0)
            {
                return minimumLength == 0 ? Array.Empty<T>() : throw new ArgumentOutOfRangeException(nameof(minimumLength), minimumLength, "A scratch array cannot have a negative length.");
            }

            if (minimumLength > 1 << MaximumShift)
            {
                return ArrayPool<T>.Shared.Rent(minimumLength);
            }

            int index = minimumLength <= 1 << MinimumShift ? 0 : BitOperations.Log2((uint)minimumLength - 1) + 1 - MinimumShift;
            int[]? counts = t_counts;
            if (counts is not null && counts[index] is var count and > 0)
            {
                T[]?[] arrays = t_arrays!;
                int at = (index * Slots) + count - 1;
                T[] array = arrays[at]!;
                arrays[at] = null;
                counts[index] = count - 1;
                return array;
            }

            return ArrayPool<T>.Shared.Rent(1 << (index + MinimumShift));
        }

        /// <summary>
        /// Takes back <paramref name="array"/> when there is one: generated code keeps a small scratch span on the stack
        /// and rents only a longer one, leaving its buffer null otherwise.
        /// </summary>
        /// <param name="array">The array from <see cref="Rent"/>, or null.</param>
        /// <exception cref="ArgumentException">The array's length is not one this pool hands out.</exception>
        public static void ReturnRented(T[]? array)
        {
            if (array is not null)
            {
                Return(array);
            }
        }

        /// <summary>The first <paramref name="length"/> elements of <paramref name="buffer"/>, cleared: a rented scratch span.</summary>
        /// <param name="buffer">An array from <see cref="Rent"/>.</param>
        /// <param name="length">The span's length, at most the array's.</param>
        /// <returns>The span, every element zero.</returns>
        public static Span<T> Cleared(T[] buffer, int length)
        {
            var span = new Span<T>(buffer, 0, length);
            span.Clear();
            return span;
        }

        /// <summary>Takes back an array from <see cref="Rent"/>.</summary>
        /// <param name="array">The array.</param>
        /// <exception cref="ArgumentException">The array's length is not one this pool hands out.</exception>
        public static void Return(T[] array)
        {
            ArgumentNullException.ThrowIfNull(array);
            int length = array.Length;
            if (length == 0)
            {
                return;
            }

            if (length > 1 << MaximumShift)
            {
                ArrayPool<T>.Shared.Return(array);
                return;
            }

            if (length < 1 << MinimumShift || !BitOperations.IsPow2(length))
            {
                throw new ArgumentException("The array (" + length + " elements) was not rented from ScratchPool.", nameof(array));
            }

            int index = BitOperations.Log2((uint)length) - MinimumShift;
            int[] counts = t_counts ??= new int[Lengths];
            T[]?[] arrays = t_arrays ??= new T[Lengths * Slots][];
            int count = counts[index];
            if (count == Slots)
            {
                ArrayPool<T>.Shared.Return(array);
                return;
            }

            arrays[(index * Slots) + count] = array;
            counts[index] = count + 1;
        }
    }
}
