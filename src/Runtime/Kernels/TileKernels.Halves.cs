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
    /// of the upper), each fused multiply-add the same per lane, and the sums are added in
    /// <see cref="Lanes.HalvingSum{T}(Vector512{T})"/>'s order (four at once by <see cref="FourSums"/>): the bits are
    /// <c>Dot1x4</c>'s. At logistic regression (m = 1000, n = 100, <c>float</c>) on an AVX2 machine, the groups in one
    /// loop, the last block read in place and the four sums at once took the kernel from 47% of the gradient's time
    /// (17.8 µs) to 39% (11.3 µs).
    /// </remarks>
    internal static partial class TileKernels<T>
    {
        /// <summary>
        /// <c>Dot1x4</c> in 256-bit halves, over <paramref name="groups"/> groups of four right rows from
        /// <paramref name="b0"/> (<paramref name="bStride"/> apart; products <paramref name="intoStride"/> apart): one left
        /// row by four right rows at a time, eight accumulators in registers. The groups run in one loop, so the left
        /// row's last block and its mask are loaded once, not once a group (called per group, the calls' fixed costs were
        /// a third of the kernel at logistic regression's n = 100 in <c>float</c>). A group's last block of right rows is
        /// read in place where <see cref="LastHalvesInside"/> finds it inside the array (<paramref name="available"/>
        /// elements from <paramref name="b0"/>), else by masked loads.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static void Dot1x4Halves(ref T a, ref T b0, nint bStride, int groups, long available, int length, ref T into, nint intoStride, in Last last)
        {
            nint half = Vector256<T>.Count;
            int count = last.Count;
            bool upper = count > half;
            nint whole = length - count;
            nint at = upper ? whole + half : whole;
            Vector256<T> mask = Vector256<T>.Zero;
            Vector256<T> w = Vector256<T>.Zero;
            Vector256<T> wLowLast = Vector256<T>.Zero;
            if (count > 0 && Avx.IsSupported)
            {
                // The left row's last block: the lower half whole when the elements reach the upper one, and the half
                // they end in by AVX's masked load (a half past them is not read).
                mask = upper ? last.Mask.GetUpper() : last.Mask.GetLower();
                w = MaskedLoad(ref a, at, mask);
                wLowLast = upper ? Vector256.LoadUnsafe(ref a, (nuint)whole) : Vector256<T>.Zero;
            }

            for (int group = 0; group < groups; group++)
            {
                ref T r0 = ref Unsafe.Add(ref b0, group * 4 * bStride);
                ref T r1 = ref Unsafe.Add(ref r0, bStride);
                ref T r2 = ref Unsafe.Add(ref r1, bStride);
                ref T r3 = ref Unsafe.Add(ref r2, bStride);
                Vector256<T> low0 = Vector256.Create(T.NegativeZero);
                Vector256<T> high0 = low0, low1 = low0, high1 = low0, low2 = low0, high2 = low0, low3 = low0, high3 = low0;
                nint k = 0;
                for (; k + Width <= length; k += Width)
                {
                    Vector256<T> wLow = Vector256.LoadUnsafe(ref a, (nuint)k);
                    Vector256<T> wHigh = Vector256.LoadUnsafe(ref a, (nuint)(k + half));
                    low0 = MultiplyAdd(wLow, Vector256.LoadUnsafe(ref r0, (nuint)k), low0);
                    high0 = MultiplyAdd(wHigh, Vector256.LoadUnsafe(ref r0, (nuint)(k + half)), high0);
                    low1 = MultiplyAdd(wLow, Vector256.LoadUnsafe(ref r1, (nuint)k), low1);
                    high1 = MultiplyAdd(wHigh, Vector256.LoadUnsafe(ref r1, (nuint)(k + half)), high1);
                    low2 = MultiplyAdd(wLow, Vector256.LoadUnsafe(ref r2, (nuint)k), low2);
                    high2 = MultiplyAdd(wHigh, Vector256.LoadUnsafe(ref r2, (nuint)(k + half)), high2);
                    low3 = MultiplyAdd(wLow, Vector256.LoadUnsafe(ref r3, (nuint)k), low3);
                    high3 = MultiplyAdd(wHigh, Vector256.LoadUnsafe(ref r3, (nuint)(k + half)), high3);
                }

                if (count > 0)
                {
                    if (Avx.IsSupported)
                    {
                        // The right rows' elements there by plain loads where all four rows' halves lie inside the array,
                        // else masked too. Every lane past the elements keeps its sum (a -0.0 too, whatever the plain
                        // loads read there) by the blend.
                        bool inPlace = LastHalvesInside(available, group * 4, bStride, length, count);
                        if (upper)
                        {
                            low0 = MultiplyAdd(wLowLast, Vector256.LoadUnsafe(ref r0, (nuint)whole), low0);
                            low1 = MultiplyAdd(wLowLast, Vector256.LoadUnsafe(ref r1, (nuint)whole), low1);
                            low2 = MultiplyAdd(wLowLast, Vector256.LoadUnsafe(ref r2, (nuint)whole), low2);
                            low3 = MultiplyAdd(wLowLast, Vector256.LoadUnsafe(ref r3, (nuint)whole), low3);
                        }

                        Vector256<T> x0 = LastHalf(ref r0, at, mask, inPlace);
                        Vector256<T> x1 = LastHalf(ref r1, at, mask, inPlace);
                        Vector256<T> x2 = LastHalf(ref r2, at, mask, inPlace);
                        Vector256<T> x3 = LastHalf(ref r3, at, mask, inPlace);
                        if (!upper)
                        {
                            low0 = Blend(mask, MultiplyAdd(w, x0, low0), low0);
                            low1 = Blend(mask, MultiplyAdd(w, x1, low1), low1);
                            low2 = Blend(mask, MultiplyAdd(w, x2, low2), low2);
                            low3 = Blend(mask, MultiplyAdd(w, x3, low3), low3);
                        }
                        else
                        {
                            high0 = Blend(mask, MultiplyAdd(w, x0, high0), high0);
                            high1 = Blend(mask, MultiplyAdd(w, x1, high1), high1);
                            high2 = Blend(mask, MultiplyAdd(w, x2, high2), high2);
                            high3 = Blend(mask, MultiplyAdd(w, x3, high3), high3);
                        }
                    }
                    else
                    {
                        LastBlock(ref a, ref r0, ref r1, ref r2, ref r3, k, last, ref low0, ref high0, ref low1, ref high1, ref low2, ref high2, ref low3, ref high3);
                    }
                }

                ref T sums = ref Unsafe.Add(ref into, group * 4 * intoStride);
                if (Avx.IsSupported)
                {
                    FourSums.Store(low0 + high0, low1 + high1, low2 + high2, low3 + high3, ref sums, intoStride);
                    continue;
                }

                sums = Sum(Vector512.Create(low0, high0));
                Unsafe.Add(ref sums, intoStride) = Sum(Vector512.Create(low1, high1));
                Unsafe.Add(ref sums, 2 * intoStride) = Sum(Vector512.Create(low2, high2));
                Unsafe.Add(ref sums, 3 * intoStride) = Sum(Vector512.Create(low3, high3));
            }
        }

        /// <summary>
        /// Four or five destination rows (<paramref name="rows"/>) whose whole vectors are one lone vector, their
        /// first (softmax regression's n = 10 in <c>double</c>), in 256-bit halves: eight or ten chains over
        /// the sources, each source's vector loaded once for the rows. The narrow blocks took such rows two at a time,
        /// four chains, each multiply-add waiting on the latency of the one before (the lone vector's update was a tenth
        /// of softmax regression's (100, 10, 10) gradient on an AVX2 machine). Each element's chain runs over the sources
        /// in order from -0.0 and is added to its element once, as in <c>AddRows2</c>: the same bits.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddRowsLoneHalves(ref T into, nint intoStride, ref T factors, nint factorStride, nint rowStep, ref T from, nint fromStride, int sources, int rows)
        {
            nint half = Vector256<T>.Count;
            Vector256<T> low0 = Vector256.Create(T.NegativeZero);
            Vector256<T> high0 = low0, low1 = low0, high1 = low0, low2 = low0, high2 = low0, low3 = low0, high3 = low0, low4 = low0, high4 = low0;
            for (nint s = 0; s < sources; s++)
            {
                ref T x = ref Unsafe.Add(ref from, s * fromStride);
                Vector256<T> xLow = Vector256.LoadUnsafe(ref x);
                Vector256<T> xHigh = Vector256.LoadUnsafe(ref x, (nuint)half);
                ref T c = ref Unsafe.Add(ref factors, s * factorStride);
                Vector256<T> f = Vector256.Create(c);
                low0 = MultiplyAdd(f, xLow, low0);
                high0 = MultiplyAdd(f, xHigh, high0);
                f = Vector256.Create(Unsafe.Add(ref c, rowStep));
                low1 = MultiplyAdd(f, xLow, low1);
                high1 = MultiplyAdd(f, xHigh, high1);
                f = Vector256.Create(Unsafe.Add(ref c, 2 * rowStep));
                low2 = MultiplyAdd(f, xLow, low2);
                high2 = MultiplyAdd(f, xHigh, high2);
                f = Vector256.Create(Unsafe.Add(ref c, 3 * rowStep));
                low3 = MultiplyAdd(f, xLow, low3);
                high3 = MultiplyAdd(f, xHigh, high3);
                if (rows > 4)
                {
                    f = Vector256.Create(Unsafe.Add(ref c, 4 * rowStep));
                    low4 = MultiplyAdd(f, xLow, low4);
                    high4 = MultiplyAdd(f, xHigh, high4);
                }
            }

            AddTo(ref into, 0, Vector512.Create(low0, high0));
            AddTo(ref Unsafe.Add(ref into, intoStride), 0, Vector512.Create(low1, high1));
            AddTo(ref Unsafe.Add(ref into, 2 * intoStride), 0, Vector512.Create(low2, high2));
            AddTo(ref Unsafe.Add(ref into, 3 * intoStride), 0, Vector512.Create(low3, high3));
            if (rows > 4)
            {
                AddTo(ref Unsafe.Add(ref into, 4 * intoStride), 0, Vector512.Create(low4, high4));
            }
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

        /// <summary>A right row's last-block half: a plain load where the caller found it inside the array, else AVX's masked load.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<T> LastHalf(ref T row, nint at, Vector256<T> mask, bool inPlace) =>
            inPlace ? Vector256.LoadUnsafe(ref row, (nuint)at) : MaskedLoad(ref row, at, mask);

        /// <summary><paramref name="yes"/> in the lanes <paramref name="mask"/> sets (all bits or none), <paramref name="no"/> elsewhere: one AVX blend.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<T> Blend(Vector256<T> mask, Vector256<T> yes, Vector256<T> no) =>
            typeof(T) == typeof(double)
                ? Avx.BlendVariable(no.AsDouble(), yes.AsDouble(), mask.AsDouble()).As<double, T>()
                : Avx.BlendVariable(no.AsSingle(), yes.AsSingle(), mask.AsSingle()).As<float, T>();

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
