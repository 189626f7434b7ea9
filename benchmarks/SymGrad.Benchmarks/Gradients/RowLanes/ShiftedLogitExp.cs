using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SymGrad.Benchmarks.Gradients.Blocked;

namespace SymGrad.Benchmarks.Gradients.RowLanes
{
    /// <summary>
    /// e^x for a softmax's shifted logits, x = z - max(z) &lt;= 0, eight lanes at a time: <see cref="VectorExp"/>'s range
    /// reduction, table and polynomial (x = (16k + j) ln(2)/16 + r, e^x = 2^k 2^(j/16) e^r), with its two general-range
    /// steps left out. The result never overflows or leaves the normal range, so 2^k is added straight into the exponent
    /// bits instead of scaling by two powers of two, and only the bottom is clamped: below -705 the result is e^-705
    /// (6.6e-307, where the exact value is smaller still), which no sum of a softmax with its largest term 1 can tell
    /// from 0. NaN stays NaN, whatever its payload (its bits would otherwise reach the exponent field). Within 1e-15 relative of <c>Math.Exp</c> on [-705, 0] (<c>--check</c> measures it).
    /// </summary>
    internal static class ShiftedLogitExp
    {
        /// <summary>Smallest argument kept: the exponent field of 2^k 2^(j/16) e^r stays positive above it.</summary>
        public const double Lowest = -705.0;

        private const double SixteenOverLn2 = 23.083120654223414;

        private const double StepHigh = 6.93147180369123816490e-01 / 16;

        private const double StepLow = 1.90821492927058770002e-10 / 16;

        /// <summary>Both halves in lockstep (see <see cref="LanePair"/>): each step is written for both before the next.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static LanePair Exp(LanePair x)
        {
            // x on the right, so a NaN stays NaN (x86's max returns its right operand then).
            x = PairLanes.Max(PairLanes.Create(Lowest), x);

            // 0 for every number, NaN for a NaN: added last, so a NaN in stays NaN (the exponent step below would read its payload).
            LanePair nanCarrier = PairLanes.Subtract(x, x);
            LanePair shifter = PairLanes.Create(PowerOfTwoBits.Shifter);
            LanePair shifted = PairLanes.MultiplyAdd(x, PairLanes.Create(SixteenOverLn2), shifter);
            LanePair steps = PairLanes.Subtract(shifted, shifter);
            LanePair r = PairLanes.MultiplyAdd(steps, PairLanes.Create(-StepHigh), x);
            r = PairLanes.MultiplyAdd(steps, PairLanes.Create(-StepLow), r);

            // e^r - 1 to degree 7 (Estrin), then 2^(j/16) (1 + (e^r - 1)).
            LanePair r2 = PairLanes.Multiply(r, r);
            LanePair r4 = PairLanes.Multiply(r2, r2);
            LanePair low = PairLanes.MultiplyAdd(r2, PairLanes.MultiplyAdd(r, PairLanes.Create(1.0 / 6), PairLanes.Create(0.5)), r);
            LanePair high = PairLanes.MultiplyAdd(
                r2,
                PairLanes.MultiplyAdd(r, PairLanes.Create(1.0 / 5040), PairLanes.Create(1.0 / 720)),
                PairLanes.MultiplyAdd(r, PairLanes.Create(1.0 / 120), PairLanes.Create(1.0 / 24)));
            LanePair fraction = PairLanes.PowerOfTwoFraction(shifted);
            LanePair value = PairLanes.MultiplyAdd(fraction, PairLanes.MultiplyAdd(r4, high, low), fraction);
            return PairLanes.Add(new LanePair(WithExponent(value.First, shifted.First), WithExponent(value.Second, shifted.Second)), nanCarrier);
        }

        /// <summary>
        /// 2^k times <paramref name="value"/>: 16k + j sits in <paramref name="shifted"/>'s low mantissa bits (two's
        /// complement below the shifter's), so its bits from the fourth up are k, moved into the exponent field and added
        /// there (k &lt;= 0, and the exponent stays above 0 for x &gt;= <see cref="Lowest"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> WithExponent(Vector256<double> value, Vector256<double> shifted)
        {
            Vector256<long> k = (shifted.AsInt64() << (PowerOfTwoBits.MantissaBits - 4)) & Vector256.Create(unchecked((long)0xFFF0000000000000UL));
            return (value.AsInt64() + k).AsDouble();
        }
    }
}
