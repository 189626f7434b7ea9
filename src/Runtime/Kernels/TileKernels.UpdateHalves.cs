using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// The two-row update blocks of machines without AVX-512 (<c>AddRows2</c>) written in 256-bit halves.
    /// </summary>
    /// <remarks>
    /// Inlined into <c>AddScaled</c>, the block's four <see cref="Vector512{T}"/> sums (eight 256-bit halves) were
    /// kept in registers, but the JIT moved half of them between registers after every multiply-add and reloaded the
    /// source rows' base from the frame each step. On an AVX2 machine (first-generation Zen) a tile's update at softmax
    /// (k = 10 rows of n = 100, 32 sources) then took 4.6 µs, 1.44 times its multiply-adds at one 256-bit FMA a
    /// cycle. Here the pairs run in one method of their own, the sources stepped through by reference. The halves are
    /// the same lanes in the same order and each element's sum is the same chain of fused multiply-adds over the sources
    /// in order, from -0.0, added to the destination once: the bits are <c>AddRows2Pair</c>'s.
    /// </remarks>
    internal static partial class TileKernels<T>
    {
        /// <summary>
        /// Two destination rows' whole pairs of vectors from element 0 (eight sums of 256 bits in flight), each source's
        /// four halves loaded once for both rows.
        /// </summary>
        /// <returns>The elements done: <paramref name="length"/> rounded down to a pair of vectors.</returns>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static nint AddRows2PairsHalves(ref T into, nint intoStride, ref T factors, nint factorStride, nint rowStep, ref T from, nint fromStride, int sources, int length)
        {
            nint half = Vector256<T>.Count;
            ref T into1 = ref Unsafe.Add(ref into, intoStride);
            nint k = 0;
            for (; k + (2 * Width) <= length; k += 2 * Width)
            {
                Vector256<T> first0 = Vector256.Create(T.NegativeZero);
                Vector256<T> first1 = first0, first2 = first0, first3 = first0;
                Vector256<T> second0 = first0, second1 = first0, second2 = first0, second3 = first0;
                // The references step only between sources, never after the last one (it could point outside the array).
                ref T x = ref Unsafe.Add(ref from, k);
                ref T c = ref factors;
                for (int s = 1; ; s++)
                {
                    Vector256<T> x0 = Vector256.LoadUnsafe(ref x);
                    Vector256<T> x1 = Vector256.LoadUnsafe(ref x, (nuint)half);
                    Vector256<T> x2 = Vector256.LoadUnsafe(ref x, (nuint)(2 * half));
                    Vector256<T> x3 = Vector256.LoadUnsafe(ref x, (nuint)(3 * half));
                    Vector256<T> f0 = Vector256.Create(c);
                    Vector256<T> f1 = Vector256.Create(Unsafe.Add(ref c, rowStep));
                    first0 = MultiplyAdd(f0, x0, first0);
                    first1 = MultiplyAdd(f0, x1, first1);
                    first2 = MultiplyAdd(f0, x2, first2);
                    first3 = MultiplyAdd(f0, x3, first3);
                    second0 = MultiplyAdd(f1, x0, second0);
                    second1 = MultiplyAdd(f1, x1, second1);
                    second2 = MultiplyAdd(f1, x2, second2);
                    second3 = MultiplyAdd(f1, x3, second3);
                    if (s == sources)
                    {
                        break;
                    }

                    x = ref Unsafe.Add(ref x, fromStride);
                    c = ref Unsafe.Add(ref c, factorStride);
                }

                AddHalves(ref Unsafe.Add(ref into, k), half, first0, first1, first2, first3);
                AddHalves(ref Unsafe.Add(ref into1, k), half, second0, second1, second2, second3);
            }

            return k;
        }

        /// <summary>Four consecutive halves of sums added to the destination's elements, one rounding each.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddHalves(ref T at, nint half, Vector256<T> s0, Vector256<T> s1, Vector256<T> s2, Vector256<T> s3)
        {
            (Vector256.LoadUnsafe(ref at) + s0).StoreUnsafe(ref at);
            (Vector256.LoadUnsafe(ref at, (nuint)half) + s1).StoreUnsafe(ref at, (nuint)half);
            (Vector256.LoadUnsafe(ref at, (nuint)(2 * half)) + s2).StoreUnsafe(ref at, (nuint)(2 * half));
            (Vector256.LoadUnsafe(ref at, (nuint)(3 * half)) + s3).StoreUnsafe(ref at, (nuint)(3 * half));
        }
    }
}
