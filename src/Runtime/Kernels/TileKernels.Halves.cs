using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad
{
    /// <summary>
    /// The narrow blocks' one-left-row products (machines without AVX-512) written in 256-bit halves.
    /// </summary>
    /// <remarks>
    /// Without AVX-512 a <see cref="Vector512{T}"/> is a pair of 256-bit halves, and the JIT did not keep a block's four
    /// <see cref="Vector512{T}"/> accumulators in registers reliably: on an AVX2 machine one compilation of <c>Dot1x4</c>
    /// stored all eight halves to its frame and reloaded them on every block (a 3.6 KB frame): a 32-row tile of
    /// logistic regression took 1.33 µs at n = 96 and 1.09 at n = 100 against 0.76 and 0.93 in the explicit halves here. The halves
    /// are the same lanes in the same order (lane l of a 64-byte block is lane l of the lower half, or lane l - Width / 2
    /// of the upper), each fused multiply-add the same per lane, and the sums go through the same
    /// <see cref="Lanes.HalvingSum{T}(Vector512{T})"/>: the bits are <c>Dot1x4</c>'s.
    /// </remarks>
    internal static partial class TileKernels<T>
    {
        /// <summary><c>Dot1x4</c> in 256-bit halves: one left row by four right rows, eight accumulators in registers.</summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static void Dot1x4Halves(ref T a, ref T b0, nint bStride, int length, ref T into, nint intoStride, in Last last)
        {
            nint half = Vector256<T>.Count;
            ref T b1 = ref Unsafe.Add(ref b0, bStride);
            ref T b2 = ref Unsafe.Add(ref b1, bStride);
            ref T b3 = ref Unsafe.Add(ref b2, bStride);
            Vector256<T> low0 = Vector256.Create(T.NegativeZero);
            Vector256<T> high0 = low0, low1 = low0, high1 = low0, low2 = low0, high2 = low0, low3 = low0, high3 = low0;
            nint k = 0;
            for (; k + Width <= length; k += Width)
            {
                Vector256<T> wLow = Vector256.LoadUnsafe(ref a, (nuint)k);
                Vector256<T> wHigh = Vector256.LoadUnsafe(ref a, (nuint)(k + half));
                low0 = MultiplyAdd(wLow, Vector256.LoadUnsafe(ref b0, (nuint)k), low0);
                high0 = MultiplyAdd(wHigh, Vector256.LoadUnsafe(ref b0, (nuint)(k + half)), high0);
                low1 = MultiplyAdd(wLow, Vector256.LoadUnsafe(ref b1, (nuint)k), low1);
                high1 = MultiplyAdd(wHigh, Vector256.LoadUnsafe(ref b1, (nuint)(k + half)), high1);
                low2 = MultiplyAdd(wLow, Vector256.LoadUnsafe(ref b2, (nuint)k), low2);
                high2 = MultiplyAdd(wHigh, Vector256.LoadUnsafe(ref b2, (nuint)(k + half)), high2);
                low3 = MultiplyAdd(wLow, Vector256.LoadUnsafe(ref b3, (nuint)k), low3);
                high3 = MultiplyAdd(wHigh, Vector256.LoadUnsafe(ref b3, (nuint)(k + half)), high3);
            }

            if (last.Count > 0)
            {
                if (Avx.IsSupported)
                {
                    // The last block's elements by AVX's masked loads, in the half or halves they reach; a half past them
                    // is not read, and every lane past them keeps its sum (a -0.0 too) by the select.
                    int count = last.Count;
                    bool upper = count > half;
                    nint at = upper ? k + half : k;
                    if (upper)
                    {
                        Vector256<T> wLow = Vector256.LoadUnsafe(ref a, (nuint)k);
                        low0 = MultiplyAdd(wLow, Vector256.LoadUnsafe(ref b0, (nuint)k), low0);
                        low1 = MultiplyAdd(wLow, Vector256.LoadUnsafe(ref b1, (nuint)k), low1);
                        low2 = MultiplyAdd(wLow, Vector256.LoadUnsafe(ref b2, (nuint)k), low2);
                        low3 = MultiplyAdd(wLow, Vector256.LoadUnsafe(ref b3, (nuint)k), low3);
                        count -= (int)half;
                    }

                    Vector256<T> mask = Vector256.LessThan(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(count)));
                    Vector256<T> w = MaskedLoad(ref a, at, mask);
                    if (!upper)
                    {
                        low0 = Vector256.ConditionalSelect(mask, MultiplyAdd(w, MaskedLoad(ref b0, at, mask), low0), low0);
                        low1 = Vector256.ConditionalSelect(mask, MultiplyAdd(w, MaskedLoad(ref b1, at, mask), low1), low1);
                        low2 = Vector256.ConditionalSelect(mask, MultiplyAdd(w, MaskedLoad(ref b2, at, mask), low2), low2);
                        low3 = Vector256.ConditionalSelect(mask, MultiplyAdd(w, MaskedLoad(ref b3, at, mask), low3), low3);
                    }
                    else
                    {
                        high0 = Vector256.ConditionalSelect(mask, MultiplyAdd(w, MaskedLoad(ref b0, at, mask), high0), high0);
                        high1 = Vector256.ConditionalSelect(mask, MultiplyAdd(w, MaskedLoad(ref b1, at, mask), high1), high1);
                        high2 = Vector256.ConditionalSelect(mask, MultiplyAdd(w, MaskedLoad(ref b2, at, mask), high2), high2);
                        high3 = Vector256.ConditionalSelect(mask, MultiplyAdd(w, MaskedLoad(ref b3, at, mask), high3), high3);
                    }
                }
                else
                {
                    LastBlock(ref a, ref b0, ref b1, ref b2, ref b3, k, last, ref low0, ref high0, ref low1, ref high1, ref low2, ref high2, ref low3, ref high3);
                }
            }

            Vector512<T> s0 = Vector512.Create(low0, high0);
            Vector512<T> s1 = Vector512.Create(low1, high1);
            Vector512<T> s2 = Vector512.Create(low2, high2);
            Vector512<T> s3 = Vector512.Create(low3, high3);
            into = Sum(s0);
            Unsafe.Add(ref into, intoStride) = Sum(s1);
            Unsafe.Add(ref into, 2 * intoStride) = Sum(s2);
            Unsafe.Add(ref into, 3 * intoStride) = Sum(s3);
        }

        /// <summary>The last block as <c>Dot1x4</c> takes it (machines without AVX: element by element).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void LastBlock(
            ref T a, ref T b0, ref T b1, ref T b2, ref T b3, nint k, in Last last, ref Vector256<T> low0, ref Vector256<T> high0, ref Vector256<T> low1, ref Vector256<T> high1, ref Vector256<T> low2, ref Vector256<T> high2, ref Vector256<T> low3, ref Vector256<T> high3)
        {
            Vector512<T> w = last.Load(ref a, k);
            Vector512<T> s0 = last.MultiplyAdd(w, last.Load(ref b0, k), Vector512.Create(low0, high0));
            Vector512<T> s1 = last.MultiplyAdd(w, last.Load(ref b1, k), Vector512.Create(low1, high1));
            Vector512<T> s2 = last.MultiplyAdd(w, last.Load(ref b2, k), Vector512.Create(low2, high2));
            Vector512<T> s3 = last.MultiplyAdd(w, last.Load(ref b3, k), Vector512.Create(low3, high3));
            (low0, high0) = (s0.GetLower(), s0.GetUpper());
            (low1, high1) = (s1.GetLower(), s1.GetUpper());
            (low2, high2) = (s2.GetLower(), s2.GetUpper());
            (low3, high3) = (s3.GetLower(), s3.GetUpper());
        }

        /// <summary>The elements of <paramref name="row"/> from <paramref name="k"/> in the lanes <paramref name="mask"/> sets, 0 elsewhere; the others are not read (AVX's masked load; the rows are pinned).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe Vector256<T> MaskedLoad(ref T row, nint k, Vector256<T> mask)
        {
            void* address = Unsafe.AsPointer(ref Unsafe.Add(ref row, k));
            return typeof(T) == typeof(double)
                ? Avx.MaskLoad((double*)address, mask.AsDouble()).As<double, T>()
                : Avx.MaskLoad((float*)address, mask.AsSingle()).As<float, T>();
        }

        /// <summary><paramref name="left"/> × <paramref name="right"/> + <paramref name="addend"/>, rounded once per lane (a half of <see cref="MultiplyAdd(Vector512{T}, Vector512{T}, Vector512{T})"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Vector256<T> MultiplyAdd(Vector256<T> left, Vector256<T> right, Vector256<T> addend)
        {
            if (typeof(T) == typeof(double))
            {
                return Vector256.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
            }

            return Vector256.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        }
    }
}
