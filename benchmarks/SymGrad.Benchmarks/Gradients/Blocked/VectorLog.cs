using System.Runtime.CompilerServices;

namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>
    /// ln x and ln(1 + x) in vector lanes, by fdlibm's e_log.c: x = 2^k (1 + f) with 1 + f in [sqrt(2)/2, sqrt(2)),
    /// s = f / (2 + f), ln(1 + f) = f - f²/2 + s (f²/2 + R(s²)) with fdlibm's degree-14 minimax R (error below 2^-58.45).
    /// </summary>
    /// <remarks>
    /// Domain: positive normal x (the kernels take logs of sums of exponentials, which are at least 1, and of 1 + e with
    /// e in [0, 1]). Accuracy: within 1 ulp of Math.Log; the `check` command measures it and fails above 1e-15.
    /// </remarks>
    internal static class VectorLog
    {
        private const double Ln2High = 6.93147180369123816490e-01;
        private const double Ln2Low = 1.90821492927058770002e-10;
        private const double Sqrt2 = 1.4142135623730951;
        private const double Lg1 = 6.666666666666735130e-01;
        private const double Lg2 = 3.999999999940941908e-01;
        private const double Lg3 = 2.857142874366239149e-01;
        private const double Lg4 = 2.222219843214978396e-01;
        private const double Lg5 = 1.818357216161805012e-01;
        private const double Lg6 = 1.531383769920937332e-01;
        private const double Lg7 = 1.479819860511658591e-01;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Log<TLanes, TVec>(TVec x)
            where TLanes : struct, ILanes<TVec>
            where TVec : struct
        {
            TVec k = TLanes.Exponent(x);
            TVec m = TLanes.Significand(x);
            TVec high = TLanes.GreaterThanOrEqual(m, TLanes.Create(Sqrt2));
            m = TLanes.Select(high, TLanes.Multiply(m, TLanes.Create(0.5)), m);
            k = TLanes.Select(high, TLanes.Add(k, TLanes.Create(1.0)), k);
            TVec f = TLanes.Subtract(m, TLanes.Create(1.0));
            TVec s = TLanes.Divide(f, TLanes.Add(TLanes.Create(2.0), f));
            TVec z = TLanes.Multiply(s, s);
            TVec w = TLanes.Multiply(z, z);
            TVec odd = TLanes.Multiply(w, TLanes.MultiplyAdd(w, TLanes.MultiplyAdd(w, TLanes.Create(Lg6), TLanes.Create(Lg4)), TLanes.Create(Lg2)));
            TVec even = TLanes.Multiply(z, TLanes.MultiplyAdd(w, TLanes.MultiplyAdd(w, TLanes.MultiplyAdd(w, TLanes.Create(Lg7), TLanes.Create(Lg5)), TLanes.Create(Lg3)), TLanes.Create(Lg1)));
            TVec r = TLanes.Add(even, odd);
            TVec halfSquare = TLanes.Multiply(TLanes.Create(0.5), TLanes.Multiply(f, f));

            // k ln2_hi - ((hfsq - (s (hfsq + R) + k ln2_lo)) - f), fdlibm's order.
            TVec inner = TLanes.MultiplyAdd(s, TLanes.Add(halfSquare, r), TLanes.Multiply(k, TLanes.Create(Ln2Low)));
            TVec small = TLanes.Subtract(TLanes.Subtract(halfSquare, inner), f);
            return TLanes.Subtract(TLanes.Multiply(k, TLanes.Create(Ln2High)), small);
        }

        /// <summary>
        /// ln(1 + x) for x &gt; -1: ln(u) for u = 1 + x rounded, plus the first-order correction (x - (u - 1)) / u for
        /// the rounding of u, so tiny x keep their relative accuracy (u = 1 gives 0 + x).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Log1P<TLanes, TVec>(TVec x)
            where TLanes : struct, ILanes<TVec>
            where TVec : struct
        {
            TVec u = TLanes.Add(TLanes.Create(1.0), x);
            TVec lost = TLanes.Subtract(x, TLanes.Subtract(u, TLanes.Create(1.0)));
            return TLanes.Add(Log<TLanes, TVec>(u), TLanes.Divide(lost, u));
        }
    }
}
