using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad
{
    /// <summary>
    /// e^x in eight <c>double</c> lanes, inlined where it is called (with AVX-512): what the vector <see cref="SymMath.Sigmoid(Vector512{double})"/>
    /// and <see cref="SymMath.Softplus(Vector512{double})"/> use. <c>Vector512.Exp</c> is a call that passes its
    /// argument on the stack and clobbers every vector register; inlined, logistic regression's gradient (a softplus
    /// and a sigmoid per row) took about 3% less time in one process (m = 1000, n = 100). Generated lanes call it for
    /// their exps too (<see cref="Lanes.Exp(Vector512{double})"/>).
    /// </summary>
    /// <remarks>
    /// The method: x = (k + j / 16) ln 2 + r with integers k, j (0 &lt;= j &lt; 16) and |r| &lt;= ln 2 / 32, ln 2 / 16 split in
    /// two parts so that k ln 2 / 16 is exact; e^r - 1 by its Taylor polynomial to degree 7 (remainder below 2e-18
    /// relative), the result 2^(j / 16) + 2^(j / 16) (e^r - 1) in one rounding; 2^(j / 16) from a table of 16 correctly rounded values (one <c>VPERMT2PD</c>); the power 2^k by
    /// <c>VSCALEFPD</c>, which gives IEEE overflow, underflow and subnormals. x is clamped to [-746, 710] first
    /// (e^-746 rounds to 0, e^710 overflows to infinity), with x as the right operand so a NaN stays NaN. With AVX-512,
    /// within one unit in the last place of <c>Math.Exp</c> (tests compare the two over the whole range). Without it,
    /// it is <c>Vector512.Exp</c>, as the vector sigmoid and softplus used before: up to two units off, and the
    /// result may depend on how the JIT compiled the caller. (The same method in 256-bit halves, a call, took twice
    /// <c>Vector512.Exp</c>'s time on an AVX2 machine; the <c>float</c> exp takes that form, see below.)
    /// </remarks>
    [SkipLocalsInit]
    internal static class LaneExp
    {
        private const double SixteenOverLn2 = 23.083120654223414;

        // ln 2 / 16 in two parts: the first has 32 significant bits, so steps * StepHigh is exact for |steps| < 2^21.
        private const double StepHigh = 6.93147180369123816490e-01 / 16;

        private const double StepLow = 1.90821492927058770002e-10 / 16;

        private const double Lowest = -746.0;

        private const double Highest = 710.0;

        // 1.5 * 2^52: adding it rounds to an integer and leaves that integer in the low bits.
        private const double Shifter = 6755399441055744.0;

        /// <summary>e^x of each lane.</summary>
        /// <param name="x">The exponents.</param>
        /// <returns>Each lane's exponential: 0 below about -745.1, infinity above about 709.8, NaN for NaN.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Exp(Vector512<double> x)
        {
            if (!Avx512F.IsSupported)
            {
                return ExpWithoutAvx512(x);
            }

            x = Avx512F.Max(Vector512.Create(Lowest), Avx512F.Min(Vector512.Create(Highest), x));
            Vector512<double> shifter = Vector512.Create(Shifter);
            Vector512<double> shifted = Avx512F.FusedMultiplyAdd(x, Vector512.Create(SixteenOverLn2), shifter);
            Vector512<double> steps = shifted - shifter;
            Vector512<double> r = Avx512F.FusedMultiplyAdd(steps, Vector512.Create(-StepHigh), x);
            r = Avx512F.FusedMultiplyAdd(steps, Vector512.Create(-StepLow), r);
            // 2^(j / 16), j = 0 to 15, each the double nearest the exact value, picked by the integer's low four bits.
            Vector512<double> fraction = Avx512F.PermuteVar8x64x2(
                Vector512.Create(1.0, 1.0442737824274138, 1.0905077326652577, 1.1387886347566916, 1.189207115002721, 1.241857812073484, 1.2968395546510096, 1.3542555469368927),
                shifted.AsInt64(),
                Vector512.Create(1.4142135623730951, 1.4768261459394993, 1.5422108254079407, 1.6104903319492543, 1.681792830507429, 1.7562521603732995, 1.8340080864093424, 1.9152065613971474));
            // VSCALEFPD multiplies by 2^floor(steps / 16) = 2^k; the table took j from the integer's low four bits.
            return Avx512F.Scale(Avx512F.FusedMultiplyAdd(fraction, ExpMinusOne(r), fraction), steps * Vector512.Create(1.0 / 16));
        }

        /// <summary>
        /// e^x in sixteen <c>float</c> lanes, by the same method in <c>float</c>: x = (k + j / 16) ln 2 + r, |r| &lt;= ln 2 / 32
        /// (ln 2 / 16 split so that k ln 2 / 16 is exact for |x| below 2^7), e^r - 1 to degree 4 (remainder below 4e-11
        /// relative), 2^(j / 16) from a table of 16 correctly rounded floats (one <c>VPERMPS</c>), 2^k by <c>VSCALEFPS</c>.
        /// x is clamped to [-104, 89] first (e^-104 rounds to 0, e^89 overflows). Without AVX-512 but with AVX2 and FMA,
        /// the same steps in 256-bit halves (<see cref="ExpWithoutAvx512(in Vector512{float})"/>), the same bits:
        /// <c>Vector512.Exp</c> of <c>float</c> gave e^0 = 1.00000012 on an AVX2 machine. Without AVX2 it is that.
        /// </summary>
        /// <param name="x">The exponents.</param>
        /// <returns>Each lane's exponential: 0 below about -103.9, infinity above about 88.7, NaN for NaN.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Exp(Vector512<float> x)
        {
            if (!Avx512F.IsSupported)
            {
                return Avx2.IsSupported && Fma.IsSupported ? ExpWithoutAvx512(x) : Vector512.Exp(x);
            }

            x = Avx512F.Max(Vector512.Create(-104.0f), Avx512F.Min(Vector512.Create(89.0f), x));
            Vector512<float> shifter = Vector512.Create(12582912.0f);  // 1.5 * 2^23
            Vector512<float> shifted = Avx512F.FusedMultiplyAdd(x, Vector512.Create(23.083120346069336f), shifter);
            Vector512<float> steps = shifted - shifter;
            Vector512<float> r = Avx512F.FusedMultiplyAdd(steps, Vector512.Create(-0.0433197021484375f), x);  // 12 significant bits
            r = Avx512F.FusedMultiplyAdd(steps, Vector512.Create(-1.9966364561696537e-06f), r);
            Vector512<float> fraction = Avx512F.PermuteVar16x32(
                Vector512.Create(
                    1.0f, 1.0442737340927124f, 1.0905077457427979f, 1.1387885808944702f, 1.1892070770263672f, 1.2418577671051025f, 1.2968395948410034f, 1.3542555570602417f,
                    1.4142135381698608f, 1.4768261909484863f, 1.5422108173370361f, 1.610490322113037f, 1.6817928552627563f, 1.7562521696090698f, 1.8340080976486206f, 1.9152065515518188f),
                shifted.AsInt32());
            Vector512<float> r2 = r * r;
            Vector512<float> tail = Avx512F.FusedMultiplyAdd(
                Avx512F.FusedMultiplyAdd(Vector512.Create(1.0f / 24), r, Vector512.Create(1.0f / 6)), r2,
                Avx512F.FusedMultiplyAdd(Vector512.Create(0.5f), r, Vector512.Create(1.0f)));
            Vector512<float> expMinusOne = tail * r;  // r + r^2/2 + r^3/6 + r^4/24
            return Avx512F.Scale(Avx512F.FusedMultiplyAdd(fraction, expMinusOne, fraction), steps * Vector512.Create(1.0f / 16));
        }

        /// <summary>
        /// <see cref="Exp(Vector512{double})"/> without AVX-512: <c>Vector512.Exp</c>, behind one call. Inlined, its two
        /// halves' calls and the vector's assembly took enough of a large caller's inlining budget (a generated row-lane
        /// body) that the JIT called that caller's own vector operators instead of inlining them. The argument comes by
        /// reference: passed by value without AVX-512, the 64-byte vector is copied to the stack in 16-byte pieces that the
        /// callee reads as 32-byte ones, and each such read waits for its stores (a failed store forwarding); on an AVX2
        /// machine the call by value took 2.2x the time of the call by reference (4096 exps, 20 us against 9).
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static Vector512<double> ExpWithoutAvx512(in Vector512<double> x) => Vector512.Exp(x);

        /// <summary>
        /// <see cref="Exp(Vector512{float})"/> without AVX-512 (AVX2 and FMA): the same steps and roundings in 256-bit halves.
        /// The clamp keeps a NaN (its comparisons are false); the table's entry comes from two registers by two permutes and a blend (a gather from a pinned array before: the generated float softmax (100, 10, 10) gradient took 10.65 µs with it, 10.07 with the permutes, in one process on an AVX2 machine);
        /// 2^k (k = floor(steps / 16), from the shifted integer's bits) is 2^k1 2^k2 with k1 = floor(k / 2), both normal,
        /// so the first product is exact and the second rounds once, overflowing or going subnormal as <c>VSCALEFPS</c>
        /// does. A call, not inlined: inlined, it is enough code that a large caller (a generated row-lane body) ran out
        /// of the JIT's inlining budget and called every vector operator of its own. The argument comes by reference
        /// (see <see cref="ExpWithoutAvx512(in Vector512{double})"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static Vector512<float> ExpWithoutAvx512(in Vector512<float> x) => Vector512.Create(ExpHalf(x.GetLower()), ExpHalf(x.GetUpper()));

        /// <summary>Eight lanes of <see cref="ExpWithoutAvx512(in Vector512{float})"/>, in 256-bit operations.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> ExpHalf(Vector256<float> x)
        {
            x = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(-104.0f)), Vector256.Create(-104.0f), x);
            x = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(89.0f)), Vector256.Create(89.0f), x);
            Vector256<float> shifter = Vector256.Create(12582912.0f);
            Vector256<float> shifted = Fma.MultiplyAdd(x, Vector256.Create(23.083120346069336f), shifter);
            Vector256<float> steps = shifted - shifter;
            Vector256<float> r = Fma.MultiplyAdd(steps, Vector256.Create(-0.0433197021484375f), x);
            r = Fma.MultiplyAdd(steps, Vector256.Create(-1.9966364561696537e-06f), r);

            // The shifted value's bits are 0x4B400000 + steps. The table's sixteen entries are two registers: each lane's
            // entry from both by its low three bits (VPERMPS), then the one its fourth bit names (moved to the sign bit).
            Vector256<int> bits = shifted.AsInt32();
            Vector256<float> fraction = Avx.BlendVariable(
                Avx2.PermuteVar8x32(SingleFractionsLow, bits),
                Avx2.PermuteVar8x32(SingleFractionsHigh, bits),
                Vector256.ShiftLeft(bits, 28).AsSingle());
            Vector256<float> r2 = r * r;
            Vector256<float> tail = Fma.MultiplyAdd(
                Fma.MultiplyAdd(Vector256.Create(1.0f / 24), r, Vector256.Create(1.0f / 6)), r2,
                Fma.MultiplyAdd(Vector256.Create(0.5f), r, Vector256.Create(1.0f)));
            Vector256<float> y = Fma.MultiplyAdd(fraction, tail * r, fraction);

            // K = k + 256 > 0; 2^k1 has the exponent field K1 - 1 with K1 = K / 2, 2^k2 the field K - K1 - 1.
            Vector256<int> biased = Vector256.ShiftRightLogical(bits, 4) - Vector256.Create(0x04B40000 - 256);
            Vector256<int> half = Vector256.ShiftRightLogical(biased, 1);
            Vector256<float> first = Vector256.ShiftLeft(half - Vector256.Create(1), 23).AsSingle();
            Vector256<float> second = Vector256.ShiftLeft(biased - half - Vector256.Create(1), 23).AsSingle();
            return y * first * second;
        }

        /// <summary>2^(j / 16), j = 0 to 7, each the nearest float: the first half of the table.</summary>
        private static readonly Vector256<float> SingleFractionsLow = Vector256.Create(
            1.0f, 1.0442737340927124f, 1.0905077457427979f, 1.1387885808944702f, 1.1892070770263672f, 1.2418577671051025f, 1.2968395948410034f, 1.3542555570602417f);

        /// <summary>2^(j / 16), j = 8 to 15, each the nearest float: the second half of the table.</summary>
        private static readonly Vector256<float> SingleFractionsHigh = Vector256.Create(
            1.4142135381698608f, 1.4768261909484863f, 1.5422108173370361f, 1.610490322113037f, 1.6817928552627563f, 1.7562521696090698f, 1.8340080976486206f, 1.9152065515518188f);

        /// <summary>e^r - 1 = r + r^2/2 + ... + r^7/5040, in Estrin's scheme; the 1 is added last, with the table's factor.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<double> ExpMinusOne(Vector512<double> r)
        {
            Vector512<double> r2 = r * r;
            Vector512<double> r4 = r2 * r2;
            Vector512<double> p23 = Avx512F.FusedMultiplyAdd(Vector512.Create(1.0 / 6), r, Vector512.Create(1.0 / 2));
            Vector512<double> p45 = Avx512F.FusedMultiplyAdd(Vector512.Create(1.0 / 120), r, Vector512.Create(1.0 / 24));
            Vector512<double> p67 = Avx512F.FusedMultiplyAdd(Vector512.Create(1.0 / 5040), r, Vector512.Create(1.0 / 720));
            Vector512<double> tail = Avx512F.FusedMultiplyAdd(p67, r4, Avx512F.FusedMultiplyAdd(p45, r2, p23));
            return Avx512F.FusedMultiplyAdd(tail, r2, r);
        }
    }
}
