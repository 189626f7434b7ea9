using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad
{
    /// <summary>
    /// Four 256-bit vectors' lane sums at once, each in <see cref="Lanes.HalvingSum{T}(Vector512{T})"/>'s order past its
    /// first step (the upper 128-bit block added to the lower, then the upper pair of each block to the lower pair for
    /// <c>float</c>, then the two lanes left), so the bits are those of the four <c>HalvingSum</c>s whose halves were
    /// added into these vectors. <see cref="EightSums"/> for machines without AVX-512: one left row's products with four
    /// right rows (<c>TileKernels.Dot1x4Halves</c>) end in four such sums, which one by one took 32 dependent shuffles
    /// and additions (<c>float</c>) and four scalar stores; here two vectors' blocks are paired by one two-source shuffle
    /// per step: eleven additions and shuffles for the four in <c>float</c>, nine in <c>double</c>.
    /// </summary>
    [SkipLocalsInit]
    internal static class FourSums
    {
        /// <summary>Block 0 of the first vector, then block 0 of the second (<c>vperm2f128</c>).</summary>
        private const byte LowBlocks = 0x20;

        /// <summary>Block 1 of the first vector, then block 1 of the second.</summary>
        private const byte HighBlocks = 0x31;

        /// <summary>
        /// The sums of <paramref name="s0"/> to <paramref name="s3"/>'s lanes into <paramref name="into"/>, then
        /// <paramref name="stride"/>, 2 <paramref name="stride"/> and 3 <paramref name="stride"/> elements on (AVX only).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store<T>(Vector256<T> s0, Vector256<T> s1, Vector256<T> s2, Vector256<T> s3, ref T into, nint stride)
            where T : unmanaged
        {
            // Lane i plus lane i + Count / 2: block 0 of a pair holds the first vector's, block 1 the second's.
            Vector256<T> b01 = Blocks(s0, s1), b23 = Blocks(s2, s3);

            // Then lane i plus the next 64 bits' lane i (float: the pairs; double: the two lanes left): block 0 holds
            // vectors 0 and 2, block 1 vectors 1 and 3.
            Vector256<T> sums;
            if (typeof(T) == typeof(double))
            {
                sums = (Avx.UnpackLow(b01.AsDouble(), b23.AsDouble()) + Avx.UnpackHigh(b01.AsDouble(), b23.AsDouble())).As<double, T>();

                // Lanes: vector 0, 2, 1, 3.
                into = sums.GetElement(0);
                Unsafe.Add(ref into, stride) = sums.GetElement(2);
                Unsafe.Add(ref into, 2 * stride) = sums.GetElement(1);
                Unsafe.Add(ref into, 3 * stride) = sums.GetElement(3);
                return;
            }

            Vector256<float> pairs = Avx.UnpackLow(b01.AsDouble(), b23.AsDouble()).AsSingle() + Avx.UnpackHigh(b01.AsDouble(), b23.AsDouble()).AsSingle();

            // Plus the next lane: each sum in an even lane, vector 0 in lane 0, 2 in lane 2, 1 in lane 4, 3 in lane 6.
            Vector256<float> single = pairs + Avx.Shuffle(pairs, pairs, 0xB1);
            into = Scalar<T>(single.GetElement(0));
            Unsafe.Add(ref into, stride) = Scalar<T>(single.GetElement(4));
            Unsafe.Add(ref into, 2 * stride) = Scalar<T>(single.GetElement(2));
            Unsafe.Add(ref into, 3 * stride) = Scalar<T>(single.GetElement(6));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<T> Blocks<T>(Vector256<T> first, Vector256<T> second)
            where T : unmanaged
        {
            if (typeof(T) == typeof(double))
            {
                return (Avx.Permute2x128(first.AsDouble(), second.AsDouble(), LowBlocks) + Avx.Permute2x128(first.AsDouble(), second.AsDouble(), HighBlocks)).As<double, T>();
            }

            return (Avx.Permute2x128(first.AsSingle(), second.AsSingle(), LowBlocks) + Avx.Permute2x128(first.AsSingle(), second.AsSingle(), HighBlocks)).As<float, T>();
        }

        /// <summary>A <c>float</c> as the <c>T</c> it is.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static T Scalar<T>(float value)
            where T : unmanaged => Unsafe.As<float, T>(ref value);
    }
}
