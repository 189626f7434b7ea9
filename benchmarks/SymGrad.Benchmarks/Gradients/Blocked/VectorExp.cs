using System.Runtime.CompilerServices;

namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>
    /// e^x in vector lanes, by table-driven range reduction: x = (16k + j) ln(2)/16 + r with 16k + j = round(16 x / ln 2),
    /// j in 0..15 and |r| &lt;= ln(2)/32 (Cody-Waite: ln(2)/16 split in two so (16k + j) ln(2)/16 is exact); then
    /// e^x = 2^k 2^(j/16) e^r, with 2^(j/16) from a 16-entry table (<see cref="PowerOfTwoFractions"/>, one permute
    /// instruction) and e^r by its Taylor polynomial to degree 7 (truncation below 1.3e-18 relative) by Estrin's scheme.
    /// </summary>
    /// <remarks>
    /// Accuracy: within 2 ulp (4.4e-16 relative) of Math.Exp over [-708, 709]; the `check` command measures it on
    /// 200,000 points and fails above 1e-15. Below -746 the result is 0, above 710 +infinity; in between results
    /// underflow through subnormals and overflow to infinity as IEEE scaling does. NaN gives NaN. About 18 vector
    /// operations, 11 of them multiplies or FMAs (degree 13 without the table took 16 FMA-port operations).
    /// </remarks>
    internal static class VectorExp
    {
        /// <summary>16 / ln 2.</summary>
        private const double SixteenOverLn2 = 23.083120654223414;

        /// <summary>The high part of ln(2)/16, its last 36 bits zero so (16k + j) * StepHigh is exact for |16k + j| &lt; 2^17.</summary>
        private const double StepHigh = 6.93147180369123816490e-01 / 16;

        private const double StepLow = 1.90821492927058770002e-10 / 16;

        private const double Lowest = -746.0;

        private const double Highest = 710.0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Exp<TLanes, TVec>(TVec x)
            where TLanes : struct, ILanes<TVec>
            where TVec : struct
        {
            // x on the right, so a NaN stays NaN (x86's min and max return their right operand then).
            x = TLanes.Max(TLanes.Create(Lowest), TLanes.Min(TLanes.Create(Highest), x));
            TVec shifter = TLanes.Create(PowerOfTwoBits.Shifter);
            TVec shifted = TLanes.MultiplyAdd(x, TLanes.Create(SixteenOverLn2), shifter);
            TVec steps = TLanes.Subtract(shifted, shifter);
            TVec r = TLanes.MultiplyAdd(steps, TLanes.Create(-StepHigh), x);
            r = TLanes.MultiplyAdd(steps, TLanes.Create(-StepLow), r);
            TVec fraction = TLanes.Multiply(Polynomial<TLanes, TVec>(r), TLanes.PowerOfTwoFraction(shifted));
            return TLanes.ScaleByPowerOfTwo(fraction, TLanes.Multiply(steps, TLanes.Create(1.0 / 16)));
        }

        /// <summary>sum_{i=0}^{7} r^i / i!, by Estrin's scheme.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TVec Polynomial<TLanes, TVec>(TVec r)
            where TLanes : struct, ILanes<TVec>
            where TVec : struct
        {
            TVec r2 = TLanes.Multiply(r, r);
            TVec r4 = TLanes.Multiply(r2, r2);
            TVec p01 = TLanes.Add(TLanes.Create(1.0), r);
            TVec p23 = Pair<TLanes, TVec>(r, 1.0 / 2, 1.0 / 6);
            TVec p45 = Pair<TLanes, TVec>(r, 1.0 / 24, 1.0 / 120);
            TVec p67 = Pair<TLanes, TVec>(r, 1.0 / 720, 1.0 / 5040);
            TVec p0to3 = TLanes.MultiplyAdd(p23, r2, p01);
            TVec p4to7 = TLanes.MultiplyAdd(p67, r2, p45);
            return TLanes.MultiplyAdd(p4to7, r4, p0to3);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TVec Pair<TLanes, TVec>(TVec r, double constant, double linear)
            where TLanes : struct, ILanes<TVec>
            where TVec : struct => TLanes.MultiplyAdd(TLanes.Create(linear), r, TLanes.Create(constant));
    }
}
