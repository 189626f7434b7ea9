using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad
{
    /// <summary>
    /// Transposes of rows held in 256-bit registers (AVX): the narrow column tables (<see cref="ColumnTable{T}"/>) and
    /// the row blocks without AVX-512 (<see cref="Lanes"/>) load their rows their own way and store the columns their own
    /// way, and share these shuffles. Moves only: the values keep their bits.
    /// </summary>
    internal static class RegisterTransposes
    {
        /// <summary>
        /// Four <c>double</c> rows: <paramref name="c0"/> to <paramref name="c3"/> hold elements 0 to 3 of rows
        /// <paramref name="r0"/> to <paramref name="r3"/>, row r in lane r. Two unpacks and a 128-bit swap per pair of columns.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void FourByFour(
            Vector256<double> r0, Vector256<double> r1, Vector256<double> r2, Vector256<double> r3,
            out Vector256<double> c0, out Vector256<double> c1, out Vector256<double> c2, out Vector256<double> c3)
        {
            // Elements 0 and 2 (low unpack) and 1 and 3 (high unpack) of rows 0 and 1, and of rows 2 and 3; then the
            // 128-bit halves put together.
            Vector256<double> even01 = Avx.UnpackLow(r0, r1), odd01 = Avx.UnpackHigh(r0, r1);
            Vector256<double> even23 = Avx.UnpackLow(r2, r3), odd23 = Avx.UnpackHigh(r2, r3);
            c0 = Avx.Permute2x128(even01, even23, 0x20);
            c1 = Avx.Permute2x128(odd01, odd23, 0x20);
            c2 = Avx.Permute2x128(even01, even23, 0x31);
            c3 = Avx.Permute2x128(odd01, odd23, 0x31);
        }

        /// <summary>
        /// Eight <c>float</c> rows: <paramref name="c0"/> to <paramref name="c7"/> hold elements 0 to 7 of rows
        /// <paramref name="r0"/> to <paramref name="r7"/>, row r in lane r. Unpacks, shuffles and 128-bit swaps (24 instructions).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void EightByEight(
            Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
            Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7,
            out Vector256<float> c0, out Vector256<float> c1, out Vector256<float> c2, out Vector256<float> c3,
            out Vector256<float> c4, out Vector256<float> c5, out Vector256<float> c6, out Vector256<float> c7)
        {
            // Pairs of rows interleaved (elements 0, 1, 4, 5 and 2, 3, 6, 7 of each 128-bit half), then quads of rows
            // (element e of rows 0-3 in one 128-bit half), then the halves of rows 0-3 and 4-7 put together.
            Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
            Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
            Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
            Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
            Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
            Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
            Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
            Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);
            c0 = Avx.Permute2x128(s0, s4, 0x20);
            c1 = Avx.Permute2x128(s1, s5, 0x20);
            c2 = Avx.Permute2x128(s2, s6, 0x20);
            c3 = Avx.Permute2x128(s3, s7, 0x20);
            c4 = Avx.Permute2x128(s0, s4, 0x31);
            c5 = Avx.Permute2x128(s1, s5, 0x31);
            c6 = Avx.Permute2x128(s2, s6, 0x31);
            c7 = Avx.Permute2x128(s3, s7, 0x31);
        }
    }
}
