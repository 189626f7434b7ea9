using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad
{
    /// <summary>
    /// log x in sixteen <c>float</c> lanes, inlined where it is called: what the vector <c>float</c>
    /// <see cref="SymMath.Softplus(Vector512{float})"/> uses. <c>Vector512.Log</c> of <c>float</c> is a call that computes
    /// in <c>double</c>.
    /// </summary>
    /// <remarks>
    /// The method (fdlibm's <c>logf</c> on whole vectors): x = 2^k m with m in [sqrt(2)/2, sqrt(2)) (<c>VGETEXPPS</c>
    /// and <c>VGETMANTPS</c>, which read subnormals as they are, then m halved and k raised where m is above sqrt(2)),
    /// f = m - 1, s = f / (2 + f), and log m = f - f^2/2 + s (f^2/2 + R(s^2)) with fdlibm's seven coefficients; k ln 2
    /// in two parts. Zero gives -infinity, a negative number or NaN gives NaN, infinity gives infinity. With AVX-512
    /// within two units in the last place of the correctly rounded value (tests compare over the whole range); without
    /// it, it is <c>Vector512.Log</c>.
    /// </remarks>
    internal static class LaneLog
    {
        /// <summary>log x of each lane.</summary>
        /// <param name="x">The arguments.</param>
        /// <returns>Each lane's natural logarithm.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Log(Vector512<float> x)
        {
            if (!Avx512F.IsSupported)
            {
                return Vector512.Log(x);
            }

            Vector512<float> one = Vector512.Create(1.0f);
            Vector512<float> k = Avx512F.GetExponent(x);
            Vector512<float> m = Avx512F.GetMantissa(x, 0);  // in [1, 2) with x's sign (a negative x becomes NaN below)
            Vector512<float> high = Vector512.GreaterThan(m, Vector512.Create(1.41421356f));
            m = Vector512.ConditionalSelect(high, m * Vector512.Create(0.5f), m);
            k = Vector512.ConditionalSelect(high, k + one, k);
            Vector512<float> f = m - one;
            Vector512<float> s = f / (Vector512.Create(2.0f) + f);
            Vector512<float> z = s * s;
            Vector512<float> w = z * z;
            Vector512<float> t1 = w * Avx512F.FusedMultiplyAdd(w, Avx512F.FusedMultiplyAdd(w, Vector512.Create(1.5313838422e-01f), Vector512.Create(2.2222198546e-01f)), Vector512.Create(4.0000000596e-01f));
            Vector512<float> t2 = z * Avx512F.FusedMultiplyAdd(w, Avx512F.FusedMultiplyAdd(w, Avx512F.FusedMultiplyAdd(w, Vector512.Create(1.4798198640e-01f), Vector512.Create(1.8183572590e-01f)), Vector512.Create(2.8571429849e-01f)), Vector512.Create(6.6666668653e-01f));
            Vector512<float> r = t1 + t2;
            Vector512<float> halfSquare = Vector512.Create(0.5f) * f * f;
            // k ln 2 in two parts: the high part has 17 significant bits, so k times it is exact for |k| < 2^7 (a subnormal x rounds once more).
            Vector512<float> log = (k * Vector512.Create(6.9313812256e-01f)) - ((halfSquare - Avx512F.FusedMultiplyAdd(s, halfSquare + r, k * Vector512.Create(9.0580006145e-06f))) - f);

            // The edges: log 0 = -infinity, log of a negative number or NaN = NaN, log infinity = infinity.
            log = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<float>.Zero), Vector512.Create(float.NegativeInfinity), log);
            log = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero) | ~Vector512.Equals(x, x), Vector512.Create(float.NaN), log);
            return Vector512.ConditionalSelect(Vector512.Equals(x, Vector512.Create(float.PositiveInfinity)), x, log);
        }
    }
}
