using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// <c>Scale</c>: <c>values[start + k] = values[start + k] * factor</c>, the loop a fused sum's reverse runs once the
    /// sum's adjoint is known (<c>dw[index] = dw[index] * dTotal</c> for a mean's 1 / m). Each element gets the one
    /// multiplication of the loop, several elements at a time, so the result is the loop's, bit for bit.
    /// </summary>
    public static partial class Kernels
    {
        /// <summary><c>values[start + k] = values[start + k] * factor</c> for k in [0, count): the scalar loop's bits, sixteen elements a step.</summary>
        /// <param name="values">The array scaled in place.</param>
        /// <param name="start">The first element scaled.</param>
        /// <param name="factor">The factor.</param>
        /// <param name="count">The number of elements; zero or less does nothing.</param>
        /// <exception cref="IndexOutOfRangeException">When the range leaves the array, as the loop would (before anything is written).</exception>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Scale(Span<double> values, int start, double factor, int count) => ScaleRun(values, start, factor, count);

        /// <summary>The <c>float</c> form of <see cref="Scale(Span{double}, int, double, int)"/>: thirty-two elements a step.</summary>
        /// <param name="values">The array scaled in place.</param>
        /// <param name="start">The first element scaled.</param>
        /// <param name="factor">The factor.</param>
        /// <param name="count">The number of elements; zero or less does nothing.</param>
        /// <exception cref="IndexOutOfRangeException">When the range leaves the array, as the loop would (before anything is written).</exception>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Scale(Span<float> values, int start, float factor, int count) => ScaleRun(values, start, factor, count);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void ScaleRun<T>(Span<T> values, int start, T factor, int count)
            where T : unmanaged, IMultiplyOperators<T, T, T>
        {
            if (count <= 0)
            {
                return;
            }

            if ((uint)start > (uint)values.Length || (uint)count > (uint)(values.Length - start))
            {
                throw new IndexOutOfRangeException($"Scale: {count} elements from {start} of {values.Length}.");
            }

            ref T first = ref Unsafe.Add(ref MemoryMarshal.GetReference(values), start);
            var by = Vector256.Create(factor);
            nuint width = (nuint)Vector256<T>.Count;
            nuint length = (nuint)count;
            nuint k = 0;
            for (; k + (4 * width) <= length; k += 4 * width)
            {
                (Vector256.LoadUnsafe(ref first, k) * by).StoreUnsafe(ref first, k);
                (Vector256.LoadUnsafe(ref first, k + width) * by).StoreUnsafe(ref first, k + width);
                (Vector256.LoadUnsafe(ref first, k + (2 * width)) * by).StoreUnsafe(ref first, k + (2 * width));
                (Vector256.LoadUnsafe(ref first, k + (3 * width)) * by).StoreUnsafe(ref first, k + (3 * width));
            }

            for (; k + width <= length; k += width)
            {
                (Vector256.LoadUnsafe(ref first, k) * by).StoreUnsafe(ref first, k);
            }

            for (; k < length; k++)
            {
                Unsafe.Add(ref first, k) = Unsafe.Add(ref first, k) * factor;
            }
        }
    }
}
