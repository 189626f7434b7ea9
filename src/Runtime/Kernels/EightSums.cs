using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad
{
    /// <summary>
    /// Eight vectors' lane sums at once, each in <see cref="Lanes.HalvingSum{T}(Vector512{T})"/>'s order (the upper half
    /// added to the lower half until one lane is left), so the bits are the eight <c>HalvingSum</c>s'. One left row's
    /// dot products with eight right rows end in eight such sums (<c>TileKernels.Dot1x8</c>); summed one by one each
    /// takes three or four dependent shuffle-and-add steps and a scalar store. Here the vectors are transposed as they
    /// are added: each step pairs two vectors' halves with one two-source shuffle per half, so eight sums take eight
    /// (<c>float</c>) or seven (<c>double</c>) additions instead of 32 or 24, and leave the sums in one vector, row order.
    /// </summary>
    [SkipLocalsInit]
    internal static class EightSums
    {
        /// <summary>Blocks 0 and 1 of the left vector, then 0 and 1 of the right one (128-bit blocks).</summary>
        private const byte LowHalves = 0x44;

        /// <summary>Blocks 2 and 3 of the left vector, then 2 and 3 of the right one.</summary>
        private const byte HighHalves = 0xEE;

        /// <summary>Blocks 0 and 2 of the left vector, then 0 and 2 of the right one.</summary>
        private const byte EvenBlocks = 0x88;

        /// <summary>Blocks 1 and 3 of the left vector, then 1 and 3 of the right one.</summary>
        private const byte OddBlocks = 0xDD;

        /// <summary>
        /// The eight sums of <paramref name="a0"/> to <paramref name="a7"/>'s sixteen lanes, in lanes 0 to 7 (AVX-512 only).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Of(
            Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3, Vector512<float> a4, Vector512<float> a5, Vector512<float> a6, Vector512<float> a7)
        {
            // Lane i plus lane i + 8: blocks 0-1 of a pair hold the first vector's eight, blocks 2-3 the second's.
            Vector512<float> h01 = Halves(a0, a1), h23 = Halves(a2, a3), h45 = Halves(a4, a5), h67 = Halves(a6, a7);

            // Plus the lane four on: block b holds vector b's four (b + 4's in the second).
            Vector512<float> q0123 = Quarters(h01, h23), q4567 = Quarters(h45, h67);

            // Plus the lane two on (the 64-bit halves of each block): block b holds vector b's two, then vector b + 4's.
            Vector512<float> pairs = Avx512F.UnpackLow(q0123.AsDouble(), q4567.AsDouble()).AsSingle() + Avx512F.UnpackHigh(q0123.AsDouble(), q4567.AsDouble()).AsSingle();

            // Plus the next lane: each sum in lanes 0 and 2 of its block, then gathered in vector order.
            Vector512<float> sums = pairs + Avx512F.Shuffle(pairs, pairs, 0xB1);
            return Avx512F.PermuteVar16x32(sums, Vector512.Create(0, 4, 8, 12, 2, 6, 10, 14, 0, 0, 0, 0, 0, 0, 0, 0)).GetLower();
        }

        /// <summary>
        /// The eight sums of <paramref name="a0"/> to <paramref name="a7"/>'s eight lanes, in vector order (AVX-512 only).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Of(
            Vector512<double> a0, Vector512<double> a1, Vector512<double> a2, Vector512<double> a3, Vector512<double> a4, Vector512<double> a5, Vector512<double> a6, Vector512<double> a7)
        {
            // Lane i plus lane i + 4, then plus the lane two on: block b holds vector b's two (b + 4's in the second).
            Vector512<double> q0123 = Quarters(Halves(a0, a1), Halves(a2, a3)), q4567 = Quarters(Halves(a4, a5), Halves(a6, a7));

            // Plus the next lane: block b holds vector b's sum, then vector b + 4's.
            Vector512<double> sums = Avx512F.UnpackLow(q0123, q4567) + Avx512F.UnpackHigh(q0123, q4567);
            return Avx512F.PermuteVar8x64(sums, Vector512.Create(0L, 2, 4, 6, 1, 3, 5, 7));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<T> Halves<T>(Vector512<T> first, Vector512<T> second)
            where T : unmanaged
        {
            if (typeof(T) == typeof(double))
            {
                return (Avx512F.Shuffle4x128(first.AsDouble(), second.AsDouble(), LowHalves) + Avx512F.Shuffle4x128(first.AsDouble(), second.AsDouble(), HighHalves)).As<double, T>();
            }

            return (Avx512F.Shuffle4x128(first.AsSingle(), second.AsSingle(), LowHalves) + Avx512F.Shuffle4x128(first.AsSingle(), second.AsSingle(), HighHalves)).As<float, T>();
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<T> Quarters<T>(Vector512<T> first, Vector512<T> second)
            where T : unmanaged
        {
            if (typeof(T) == typeof(double))
            {
                return (Avx512F.Shuffle4x128(first.AsDouble(), second.AsDouble(), EvenBlocks) + Avx512F.Shuffle4x128(first.AsDouble(), second.AsDouble(), OddBlocks)).As<double, T>();
            }

            return (Avx512F.Shuffle4x128(first.AsSingle(), second.AsSingle(), EvenBlocks) + Avx512F.Shuffle4x128(first.AsSingle(), second.AsSingle(), OddBlocks)).As<float, T>();
        }
    }
}
