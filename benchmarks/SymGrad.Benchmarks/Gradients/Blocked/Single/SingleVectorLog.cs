using System.Runtime.CompilerServices;

namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>
    /// ln x and ln(1 + x) in float lanes, by fdlibm's e_logf.c (as <see cref="VectorLog"/> by e_log.c): x = 2^k (1 + f)
    /// with 1 + f in [sqrt(2)/2, sqrt(2)), s = f / (2 + f), ln(1 + f) = f - f²/2 + s (f²/2 + R(s²)) with e_logf.c's
    /// degree-8 minimax R (error below 2^-25.3), and k ln 2 in two parts.
    /// </summary>
    /// <remarks>
    /// Domain: positive normal x (the kernels take logs of sums of exponentials, which are at least 1, and of 1 + e with
    /// e in [0, 1]). Accuracy: within 1 ulp of ln x (0.82 ulp at most against Math.Log on 200,000 points), log1p within
    /// 1.2 ulp; the `check` command measures both, at both widths, and fails above 2.
    /// </remarks>
    internal static class SingleVectorLog
    {
        /// <summary>ln 2 to 17 bits (0x3f317180, 6.9313812256e-01): k Ln2High is exact for every finite float's exponent k (|k| &lt;= 128).</summary>
        private const float Ln2High = (float)(0xB17180 / 16777216.0);

        /// <summary>The next 24 bits of ln 2 (0x3717f7d1, 9.0580006145e-06).</summary>
        private const float Ln2Low = (float)(0x97F7D1 / 1099511627776.0);

        private const float Sqrt2 = 1.41421356f;

        // e_logf.c's coefficients, exactly as its hexadecimal literals: 0xaaaaaa.0p-24 (0.66666662693),
        // 0xccce13.0p-25 (0.40000972152), 0x91e9ee.0p-25 (0.28498786688), 0xf89e26.0p-26 (0.24279078841).
        private const float Lg1 = (float)(0xAAAAAA / 16777216.0);

        private const float Lg2 = (float)(0xCCCE13 / 33554432.0);

        private const float Lg3 = (float)(0x91E9EE / 33554432.0);

        private const float Lg4 = (float)(0xF89E26 / 67108864.0);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Log<TLanes, TVec>(TVec x)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            TVec k = TLanes.Exponent(x);
            TVec m = TLanes.Significand(x);
            TVec high = TLanes.GreaterThanOrEqual(m, TLanes.Create(Sqrt2));
            m = TLanes.Select(high, TLanes.Multiply(m, TLanes.Create(0.5f)), m);
            k = TLanes.Select(high, TLanes.Add(k, TLanes.Create(1.0f)), k);
            TVec f = TLanes.Subtract(m, TLanes.Create(1.0f));
            TVec s = TLanes.Divide(f, TLanes.Add(TLanes.Create(2.0f), f));
            TVec z = TLanes.Multiply(s, s);
            TVec w = TLanes.Multiply(z, z);
            TVec odd = TLanes.Multiply(w, TLanes.MultiplyAdd(w, TLanes.Create(Lg4), TLanes.Create(Lg2)));
            TVec even = TLanes.Multiply(z, TLanes.MultiplyAdd(w, TLanes.Create(Lg3), TLanes.Create(Lg1)));
            TVec r = TLanes.Add(even, odd);
            TVec halfSquare = TLanes.Multiply(TLanes.Create(0.5f), TLanes.Multiply(f, f));

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
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            TVec u = TLanes.Add(TLanes.Create(1.0f), x);
            TVec lost = TLanes.Subtract(x, TLanes.Subtract(u, TLanes.Create(1.0f)));
            return TLanes.Add(Log<TLanes, TVec>(u), TLanes.Divide(lost, u));
        }
    }
}
