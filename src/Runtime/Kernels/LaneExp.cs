using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    /// (e^-746 rounds to 0, e^710 overflows to infinity), with x as the right operand so a NaN stays NaN. Within one
    /// unit in the last place of <c>Math.Exp</c> (tests compare the two over the whole range). Without AVX-512 but with
    /// AVX2 and FMA, the same steps in 256-bit halves, the same bits (<see cref="ExpWithoutAvx512(in Vector512{double})"/>);
    /// without AVX2, <c>Vector512.Exp</c>: up to two units off, and the result may depend on how the JIT compiled the caller.
    /// </remarks>
    [SkipLocalsInit]
    internal static partial class LaneExp
    {
        private const double SixteenOverLn2 = 23.083120654223414;

        // ln 2 / 16 in two parts: the first has 32 significant bits, so steps * StepHigh is exact for |steps| < 2^21.
        private const double StepHigh = 6.93147180369123816490e-01 / 16;

        private const double StepLow = 1.90821492927058770002e-10 / 16;

        private const double Lowest = -746.0;

        private const double Highest = 710.0;

        // 1.5 * 2^52: adding it rounds to an integer and leaves that integer in the low bits.
        private const double Shifter = 6755399441055744.0;

        // The bits of Shifter: the bits of Shifter + n are ShifterBits + n for |n| < 2^51.
        private const long ShifterBits = 0x4338000000000000;

        /// <summary>
        /// 2^(j / 16), j = 0 to 15, each the double nearest the exact value: the table of both <c>double</c> forms (two
        /// vectors for <c>VPERMT2PD</c>, four scalar loads in the halves). Constant data in the assembly, not an array: the JIT
        /// compiles the AVX-512 form's two loads as vector constants of its data section (seen in the disassembly), as it
        /// did the literals the form had; ten calls of eight lanes took 29.1 to 29.4 ns with the span, 29.1 to 29.7 with the
        /// literals on a Zen 5 machine.
        /// </summary>
        private static ReadOnlySpan<double> DoubleFractions =>
        [
            1.0, 1.0442737824274138, 1.0905077326652577, 1.1387886347566916, 1.189207115002721, 1.241857812073484, 1.2968395546510096, 1.3542555469368927,
            1.4142135623730951, 1.4768261459394993, 1.5422108254079407, 1.6104903319492543, 1.681792830507429, 1.7562521603732995, 1.8340080864093424, 1.9152065613971474,
        ];

        /// <summary>
        /// 2^(j / 16), j = 0 to 15, each the nearest <c>float</c>: the table of both <c>float</c> forms (one vector for
        /// <c>VPERMPS</c> with AVX-512, its two halves for the halves' permutes). Constant data in the assembly, as
        /// <see cref="DoubleFractions"/> is.
        /// </summary>
        private static ReadOnlySpan<float> SingleFractions =>
        [
            1.0f, 1.0442737340927124f, 1.0905077457427979f, 1.1387885808944702f, 1.1892070770263672f, 1.2418577671051025f, 1.2968395948410034f, 1.3542555570602417f,
            1.4142135381698608f, 1.4768261909484863f, 1.5422108173370361f, 1.610490322113037f, 1.6817928552627563f, 1.7562521696090698f, 1.8340080976486206f, 1.9152065515518188f,
        ];

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
            // 2^(j / 16) from the table's two halves, picked by the integer's low four bits.
            ref double table = ref MemoryMarshal.GetReference(DoubleFractions);
            Vector512<double> fraction = Avx512F.PermuteVar8x64x2(Vector512.LoadUnsafe(ref table), shifted.AsInt64(), Vector512.LoadUnsafe(ref table, 8));
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
            Vector512<float> fraction = Avx512F.PermuteVar16x32(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(SingleFractions)), shifted.AsInt32());
            Vector512<float> r2 = r * r;
            Vector512<float> tail = Avx512F.FusedMultiplyAdd(
                Avx512F.FusedMultiplyAdd(Vector512.Create(1.0f / 24), r, Vector512.Create(1.0f / 6)), r2,
                Avx512F.FusedMultiplyAdd(Vector512.Create(0.5f), r, Vector512.Create(1.0f)));
            Vector512<float> expMinusOne = tail * r;  // r + r^2/2 + r^3/6 + r^4/24
            return Avx512F.Scale(Avx512F.FusedMultiplyAdd(fraction, expMinusOne, fraction), steps * Vector512.Create(1.0f / 16));
        }

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
