using System.Runtime.CompilerServices;

namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>
    /// e^x in float lanes, by <see cref="VectorExp"/>'s table-driven range reduction: x = (16k + j) ln(2)/16 + r with
    /// 16k + j = round(16 x / ln 2), j in 0..15 and |r| &lt;= ln(2)/32 (ln(2)/16 split in two floats, the reduction in
    /// two FMAs); then e^x = 2^k (T + T (e^r - 1)) with T = 2^(j/16) from a 16-entry table (<see cref="SinglePowerOfTwoFractions"/>,
    /// one permute instruction), e^r - 1 by its Taylor polynomial to degree 4 (truncation below 4e-11 relative), the
    /// last step one FMA.
    /// </summary>
    /// <remarks>
    /// Accuracy: within 1 ulp of e^x over [-103, 88] (0.98 ulp at most against Math.Exp on 200,000 points; the `check`
    /// command measures it, both widths, and fails above 2). Below -104 the result is 0, above 89 +infinity; in between
    /// results underflow through subnormals and overflow to infinity as IEEE scaling does. NaN gives NaN. About 14
    /// vector operations, 9 of them multiplies or FMAs.
    /// </remarks>
    internal static class SingleVectorExp
    {
        private const double Ln2 = 0.69314718055994530942;

        private const float SixteenOverLn2 = (float)(16 / Ln2);

        /// <summary>ln(2)/16 rounded to float; the FMA reduces by it exactly before one rounding.</summary>
        private const float StepHigh = (float)(Ln2 / 16);

        /// <summary>What <see cref="StepHigh"/> leaves of ln(2)/16.</summary>
        private const float StepLow = (float)(Ln2 / 16 - StepHigh);

        private const float Lowest = -104.0f;

        private const float Highest = 89.0f;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Exp<TLanes, TVec>(TVec x)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            // x on the right, so a NaN stays NaN (x86's min and max return their right operand then).
            x = TLanes.Max(TLanes.Create(Lowest), TLanes.Min(TLanes.Create(Highest), x));
            TVec shifter = TLanes.Create(SingleBits.Shifter);
            TVec shifted = TLanes.MultiplyAdd(x, TLanes.Create(SixteenOverLn2), shifter);
            TVec steps = TLanes.Subtract(shifted, shifter);
            TVec r = TLanes.MultiplyAdd(steps, TLanes.Create(-StepHigh), x);
            r = TLanes.MultiplyAdd(steps, TLanes.Create(-StepLow), r);

            // e^r - 1 = r + r² (1/2 + r/6 + r²/24).
            TVec r2 = TLanes.Multiply(r, r);
            TVec tail = TLanes.MultiplyAdd(r2, TLanes.Create(1.0f / 24), TLanes.MultiplyAdd(r, TLanes.Create(1.0f / 6), TLanes.Create(0.5f)));
            TVec expm1 = TLanes.MultiplyAdd(r2, tail, r);
            TVec table = TLanes.PowerOfTwoFraction(shifted);
            TVec fraction = TLanes.MultiplyAdd(table, expm1, table);
            return TLanes.ScaleByPowerOfTwo(fraction, TLanes.Multiply(steps, TLanes.Create(1.0f / 16)));
        }
    }
}
