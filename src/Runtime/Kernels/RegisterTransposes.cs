using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad
{
    /// <summary>
    /// Transposes of rows into 256-bit registers (AVX): the narrow column tables (<see cref="ColumnTable{T}"/>) and
    /// the row blocks without AVX-512 (<see cref="Lanes"/>) name their rows their own way and store the columns their own
    /// way, and share these loads and shuffles. Moves only: the values keep their bits.
    /// </summary>
    internal static class RegisterTransposes
    {
        /// <summary>
        /// Elements 0 to 3 of four <c>double</c> rows in memory: <paramref name="c0"/> to <paramref name="c3"/> hold elements
        /// 0 to 3 of rows <paramref name="r0"/> to <paramref name="r3"/>, row r in lane r. Each row's two 128-bit halves are
        /// loaded into the halves of two vectors (rows 0 and 2 together, rows 1 and 3 together), so two unpacks per pair
        /// of columns finish it: no 128-bit lane swap, which on a first-generation Zen is eight micro-operations (a tile of
        /// 32 rows by 100 elements took 1.09 µs against 1.38 with the swaps there). Reads the same 32 bytes of each row.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void FourByFour(
            ref double r0, ref double r1, ref double r2, ref double r3,
            out Vector256<double> c0, out Vector256<double> c1, out Vector256<double> c2, out Vector256<double> c3)
        {
            Vector256<double> front02 = Vector256.Create(Vector128.LoadUnsafe(ref r0), Vector128.LoadUnsafe(ref r2));
            Vector256<double> front13 = Vector256.Create(Vector128.LoadUnsafe(ref r1), Vector128.LoadUnsafe(ref r3));
            Vector256<double> back02 = Vector256.Create(Vector128.LoadUnsafe(ref r0, 2), Vector128.LoadUnsafe(ref r2, 2));
            Vector256<double> back13 = Vector256.Create(Vector128.LoadUnsafe(ref r1, 2), Vector128.LoadUnsafe(ref r3, 2));
            c0 = Avx.UnpackLow(front02, front13);
            c1 = Avx.UnpackHigh(front02, front13);
            c2 = Avx.UnpackLow(back02, back13);
            c3 = Avx.UnpackHigh(back02, back13);
        }

        /// <summary>
        /// Elements 0 to 7 of eight <c>float</c> rows in memory: <paramref name="c0"/> to <paramref name="c7"/> hold elements
        /// 0 to 7 of rows <paramref name="r0"/> to <paramref name="r7"/>, row r in lane r. Each row's 128-bit halves are
        /// loaded beside those of the row four after it (rows 0 and 4 in one vector, elements 0-3 in its low half), so two
        /// 4-by-4 transposes within the 128-bit halves (unpacks, then shuffles) finish it, without the lane swaps (see
        /// <see cref="FourByFour"/>). Reads the same 32 bytes of each row.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void EightByEight(
            ref float r0, ref float r1, ref float r2, ref float r3, ref float r4, ref float r5, ref float r6, ref float r7,
            out Vector256<float> c0, out Vector256<float> c1, out Vector256<float> c2, out Vector256<float> c3,
            out Vector256<float> c4, out Vector256<float> c5, out Vector256<float> c6, out Vector256<float> c7)
        {
            FourByFourInHalves(
                Vector256.Create(Vector128.LoadUnsafe(ref r0), Vector128.LoadUnsafe(ref r4)),
                Vector256.Create(Vector128.LoadUnsafe(ref r1), Vector128.LoadUnsafe(ref r5)),
                Vector256.Create(Vector128.LoadUnsafe(ref r2), Vector128.LoadUnsafe(ref r6)),
                Vector256.Create(Vector128.LoadUnsafe(ref r3), Vector128.LoadUnsafe(ref r7)),
                out c0, out c1, out c2, out c3);
            FourByFourInHalves(
                Vector256.Create(Vector128.LoadUnsafe(ref r0, 4), Vector128.LoadUnsafe(ref r4, 4)),
                Vector256.Create(Vector128.LoadUnsafe(ref r1, 4), Vector128.LoadUnsafe(ref r5, 4)),
                Vector256.Create(Vector128.LoadUnsafe(ref r2, 4), Vector128.LoadUnsafe(ref r6, 4)),
                Vector256.Create(Vector128.LoadUnsafe(ref r3, 4), Vector128.LoadUnsafe(ref r7, 4)),
                out c4, out c5, out c6, out c7);
        }

        /// <summary>
        /// A 4-by-4 transpose in each 128-bit half: element e of <paramref name="a0"/> to <paramref name="a3"/>'s low halves
        /// into the low half of column e, and the same for the high halves. Pairs of rows interleaved, then quads.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void FourByFourInHalves(
            Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3,
            out Vector256<float> c0, out Vector256<float> c1, out Vector256<float> c2, out Vector256<float> c3)
        {
            Vector256<float> t0 = Avx.UnpackLow(a0, a1), t1 = Avx.UnpackHigh(a0, a1);
            Vector256<float> t2 = Avx.UnpackLow(a2, a3), t3 = Avx.UnpackHigh(a2, a3);
            c0 = Avx.Shuffle(t0, t2, 0x44);
            c1 = Avx.Shuffle(t0, t2, 0xEE);
            c2 = Avx.Shuffle(t1, t3, 0x44);
            c3 = Avx.Shuffle(t1, t3, 0xEE);
        }
    }
}
